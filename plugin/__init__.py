"""The help-desk plugin: Flask service and tooltip widget (being written)."""

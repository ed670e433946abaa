"""Pure text helpers: markup masking, input safety, acronym shapes, in-text abbreviations."""

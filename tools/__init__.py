"""Developer tools run from the checkout (``make eval``); never installed with the package."""

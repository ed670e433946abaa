"""Batch tagging of large archives: readers, checkpointing, local and Dask engines."""

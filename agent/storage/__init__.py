"""The run folder on disk: atomic writes, the call log, chapter files and their history."""

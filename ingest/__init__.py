"""Ingestion: the data files and documents under data/ (and a document folder) into the
build file's raw schema, each row with its file and line, bad rows in raw.quarantine."""

"""Ingestion: what loads data, and nothing else. The files under data/ (declared in
ingest.sources) and the documents of a folder (the figure extractor, ingest.documents) go
into the build file's raw schema, each row with its file and line and bad rows in
raw.quarantine (load, readers, rules, fastload); run_ingest is the step the build calls.

May import: the standard library, duckdb, regex, and anything within ingest.
Must not import: the application (yrd), which imports ingest, never the reverse. That is
why three low-level modules the application shares live here: config (where files live),
limits (memory and threads of the build's connections) and testhooks (the crash tests'
pause points); the loader needs each of them. Enforced by tests/test_layers.py.
"""

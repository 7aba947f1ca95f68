"""Great Expectations suites for every layer, run on pandas frames read from DuckDB."""

"""Quality: Great Expectations suites for every layer, declared as data (suites,
finding_suites, in the vocabulary of expectations), run on pandas frames read from DuckDB
(runner); an error-severity failure blocks publishing. `yrd check` (commands).

May import: ingest.config, ingest.limits, yrd.ui.
Must not import: yrd.build (which calls it), yrd.desk or yrd.cli.
"""

"""The build: ingest → checks on raw → dbt build → checks on staging and marts → publish
(pipeline, dbt_runner, publish), one at a time (lock), each run recorded (history), nightly
by cron or systemd (schedule); `yrd build/ingest/status/rollback/schedule` (commands).

May import: ingest (run_ingest, load, config, limits, testhooks), yrd.quality (the checks
it runs), yrd.ui.
Must not import: yrd.desk (a reader never shapes a build) or yrd.cli.
"""

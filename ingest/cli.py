"""`yrd`: the command line of the warehouse."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Sequence
from typing import Any

from ingest import ui
from ingest.config import settings


def cmd_build(args: argparse.Namespace) -> int:
    from ingest.build import run_build

    return run_build(settings(), force_ingest=args.force, publish=not args.no_publish,
                     full_refresh=args.full_refresh)


def cmd_ingest(args: argparse.Namespace) -> int:

    from ingest import limits
    from ingest.lock import AlreadyRunning, BuildLock
    from ingest.run_ingest import run_ingest

    cfg = settings()
    cfg.build_dir.mkdir(parents=True, exist_ok=True)
    try:
        with BuildLock(cfg.lock_file):
            con = limits.connect(cfg.build_db, cfg.build_dir)
            try:
                report = run_ingest(con, cfg, force=args.force, progress=ui.info)
            finally:
                con.close()
    except AlreadyRunning as exc:
        ui.error(str(exc))
        return 75
    for r in report.results:
        for p in r.problems[: args.show]:
            ui.warn(p)
        if len(r.problems) > args.show:
            ui.warn(f"{r.file}: … and {len(r.problems) - args.show} more (see raw.quarantine)")
    ui.info(f"loaded {report.loaded:,} rows, quarantined {report.quarantined:,} "
            f"into {cfg.build_db}")
    return 1 if report.failed else 0


def cmd_check(args: argparse.Namespace) -> int:
    from ingest.quality.runner import run_layers, summarize

    cfg = settings()
    if not cfg.build_db.exists():
        ui.error(f"{cfg.build_db}: nothing built yet; run `yrd build` first")
        return 1
    layers = [args.layer] if args.layer else ["raw", "staging", "marts"]
    from datetime import UTC, datetime

    results = run_layers(cfg, "check-" + datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ"), layers,
                         progress=ui.info, persist=False)
    summarize(results, ui, max_rows=args.rows)
    return 1 if any(not r.success and r.severity == "error" for r in results) else 0


def _emit(columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str) -> None:
    if fmt != "table" and sys.stdout.isatty():  # data must not drive the terminal
        from ingest.textsafe import visible

        columns = [visible(str(c)) for c in columns]
        rows = [[visible(v) if isinstance(v, str) else v for v in r] for r in rows]
    if fmt == "csv":
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(columns)
        w.writerows(rows)
    elif fmt == "json":
        json.dump([dict(zip(columns, r, strict=True)) for r in rows], sys.stdout,
                  ensure_ascii=False, default=str, indent=1)
        sys.stdout.write("\n")
    else:
        ui.print_table(columns, rows)


def cmd_sql(args: argparse.Namespace) -> int:
    import duckdb

    from ingest.readonly import WarehouseError, connect

    try:
        statements = [st.query for st in duckdb.extract_statements(args.query)]
    except duckdb.Error as exc:
        ui.error(f"{type(exc).__name__}: {exc}")
        return 1
    if not statements:
        ui.error("no SQL statement to run (the query is empty or only comments); "
                 "e.g. yrd sql \"select * from marts.dim_indicator\"")
        return 2
    if len(statements) > 1 and args.format != "table":
        ui.error(f"{len(statements)} statements given: --format {args.format} takes one "
                 "(run them one by one, or use the table format to see each result)")
        return 2
    try:
        con = connect(args.warehouse)
    except WarehouseError as exc:
        ui.error(str(exc))
        return 1
    try:
        for n, sql in enumerate(statements, 1):
            cur = con.execute(sql)
            columns = [d[0] for d in cur.description or []]
            rows = cur.fetchall()
            if len(statements) > 1:
                ui.info(f"statement {n} of {len(statements)}: {' '.join(sql.split())[:80]}")
            _emit(columns, rows, args.format)
    except duckdb.Error as exc:
        ui.error(f"{type(exc).__name__}: {exc}")
        return 1
    finally:
        con.close()
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from ingest.history import fallback_log, read_log
    from ingest.lock import lock_holder
    from ingest.publish import list_versions

    cfg = settings()
    holder = lock_holder(cfg.lock_file)
    runs = read_log([cfg.history_log, fallback_log(cfg.build_dir)], args.last,
                    build_running=holder is not None)
    if args.format == "table":  # [issue 5] what is published, and what is running now
        if cfg.warehouse.exists():
            st = cfg.warehouse.stat()
            from datetime import datetime

            ui.info(f"published: {cfg.warehouse} ({st.st_size / 1e6:.1f} MB, "
                    f"{datetime.fromtimestamp(st.st_mtime):%Y-%m-%d %H:%M}); "
                    f"{len(list_versions(cfg.warehouse))} earlier version(s) kept for rollback")
        else:
            ui.info(f"published: nothing yet at {cfg.warehouse}")
        ui.info(f"build running now: {holder}" if holder else "build running now: no")
    if not runs:
        ui.info(f"no runs recorded yet in {cfg.history_log}")
        return 0
    rows = [(r["run_id"], r["started_at"], r.get("finished_at", ""), r["status"],
             r.get("exit_code"), r.get("checks_passed"), r.get("checks_warned"),
             r.get("checks_failed"), r.get("quarantined_rows"),
             f"{sum(r.get('step_seconds', {}).values()):.1f}s", (r.get("message") or "")[:80])
            for r in runs]
    _emit(["run", "started", "finished", "status", "exit", "passed", "findings", "blocking",
           "quarantined", "time", "message"], rows, args.format)
    return 0


def cmd_rollback(args: argparse.Namespace) -> int:
    from ingest.lock import AlreadyRunning, BuildLock
    from ingest.publish import rollback

    cfg = settings()
    try:
        with BuildLock(cfg.lock_file):
            restored = rollback(cfg.warehouse)
    except AlreadyRunning as exc:
        ui.error(str(exc))
        return 75
    except FileNotFoundError as exc:
        ui.error(str(exc))
        return 1
    ui.info(f"restored {restored.name} as {cfg.warehouse}")
    _log_rollback(cfg, restored)
    return 0


def _log_rollback(cfg: Any, restored: Any) -> None:
    """[issue 5] a rollback shows in `yrd status` like a run."""
    from datetime import UTC, datetime

    from ingest.history import RunRecord, append_log, code_version

    now = datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="seconds")
    append_log(cfg.history_log, RunRecord(
        run_id=datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ-rollback"), started_at=now,
        finished_at=now, status="rolled back", exit_code=0,
        message=f"restored {restored.name}; the file it replaced was discarded",
        code_version=code_version(cfg.project_root), warehouse=str(cfg.warehouse)))


def cmd_shell(args: argparse.Namespace) -> int:
    from ingest.readonly import WarehouseError, connect
    from ingest.shell import run

    try:
        con = connect(args.warehouse)
    except WarehouseError as exc:
        ui.error(str(exc))
        return 1
    try:
        return run(con, path=args.warehouse or settings().warehouse)
    finally:
        con.close()


def cmd_schedule(args: argparse.Namespace) -> int:
    from ingest import schedule

    try:
        job = schedule.job(settings(), args.at)
        if args.systemd:
            if args.install:
                written, todo = schedule.install_systemd(job)
                for p in written:
                    ui.info(f"wrote {p}")
                if todo:
                    ui.warn("systemctl not found; to start the timer run: " + " && ".join(todo))
                    return 1
                ui.info(f"timer {schedule.UNIT}.timer enabled; "
                        f"see `systemctl --user list-timers {schedule.UNIT}.timer`")
                return 0
            for name, text in schedule.systemd_units(job).items():
                sys.stdout.write(f"# ---- {schedule.systemd_dir() / name}\n{text}\n")
            return 0
        if args.install:
            line = schedule.install_cron(job)
            ui.info(f"installed in your crontab: {line}")
            return 0
        sys.stdout.write(schedule.cron_line(job) + "\n")
        return 0
    except schedule.ScheduleError as exc:
        ui.error(str(exc))
        return 1


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="yrd", description="Yangtze River Delta economic-indicators warehouse",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Start here: docs/economists.md (which tables to query, exports, the report)."
               "\nOperations: docs/operations.md. `yrd COMMAND --help` shows examples.")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = sub.add_parser("build", help="ingest, check, dbt build, check, publish")
    b.add_argument("--force", action="store_true", help="ingest files even if unchanged")
    b.add_argument("--no-publish", action="store_true", help="build and check only")
    b.add_argument("--full-refresh", action="store_true",
                   help="rebuild the incremental models in full (dbt build --full-refresh)")
    b.set_defaults(func=cmd_build)

    i = sub.add_parser("ingest", help="load the shipped data files into the build file")
    i.add_argument("--force", action="store_true", help="reload files even if unchanged")
    i.add_argument("--show", type=int, default=20, help="problems to print per file")
    i.set_defaults(func=cmd_ingest)

    c = sub.add_parser("check", help="run the quality suites on the build file")
    c.add_argument("layer", nargs="?", choices=["raw", "staging", "marts"])
    c.add_argument("--rows", type=int, default=5, help="sample rows to print per finding")
    c.set_defaults(func=cmd_check)

    s = sub.add_parser(
        "sql", help="query the published warehouse (read-only)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Run SQL queries on the published warehouse, read-only. Several "
                    "statements separated by ';' are run one by one and each result is "
                    "shown (table format only).",
        epilog="examples:\n"
               "  yrd sql \"select name_en, gdp_100m_yuan from marts.city_comparison "
               "where year = 2021 order by rank_in_yrd\"\n"
               "  yrd sql \"select * from meta.latest_quality_results\" --format csv\n"
               "  yrd sql \"describe marts.targets_vs_actuals\"\n"
               "tables: docs/economists.md")
    s.add_argument("query", help="SQL: SELECT, WITH, FROM, VALUES, SHOW, DESCRIBE, SUMMARIZE")
    s.add_argument("--format", choices=["table", "csv", "json"], default="table")
    s.add_argument("--warehouse", help="another published file (default: $YRD_WAREHOUSE)")
    s.set_defaults(func=cmd_sql)

    st = sub.add_parser("status", help="the last build runs")
    st.add_argument("--last", type=int, default=10)
    st.add_argument("--format", choices=["table", "csv", "json"], default="table")
    st.set_defaults(func=cmd_status)

    r = sub.add_parser(
        "rollback", help="restore the previously published warehouse",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Put the newest kept earlier version (warehouse/versions/) back in place, "
                    "atomically; readers with the file open are not affected. The file it "
                    "replaces is discarded. Run again to go back further.",
        epilog="examples:\n  yrd status      # what is published and what is kept\n"
               "  yrd rollback\nmore: docs/operations.md")
    r.set_defaults(func=cmd_rollback)

    sh = sub.add_parser("shell", help="interactive SQL prompt on the published warehouse "
                        "(read-only)")
    sh.add_argument("--warehouse", help="another published file (default: $YRD_WAREHOUSE)")
    sh.set_defaults(func=cmd_shell)

    sc = sub.add_parser("schedule", help="print (or --install) a nightly build for cron or "
                        "systemd")
    how = sc.add_mutually_exclusive_group()
    how.add_argument("--cron", action="store_true", help="a crontab line (the default)")
    how.add_argument("--systemd", action="store_true", help="a systemd user .service + .timer")
    sc.add_argument("--at", default="02:30", help="time of day, HH:MM (default 02:30)")
    sc.add_argument("--install", action="store_true",
                    help="add it to your crontab / ~/.config/systemd/user and enable it")
    sc.set_defaults(func=cmd_schedule)

    from ingest import quarantine

    quarantine.register(sub)

    try:
        from ingest.documents import commands as document_commands
    except ImportError:
        document_commands = None  # type: ignore[assignment]
    if document_commands is not None and hasattr(document_commands, "register"):
        document_commands.register(sub)
    from ingest.desk import commands as desk_commands

    desk_commands.register(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        ui.error("interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())

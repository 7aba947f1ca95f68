"""`yrd build`, `yrd ingest`, `yrd status`, `yrd rollback`, `yrd schedule`: the build's
commands, registered on the CLI's parser by yrd.cli (one add_<command> per command, so the
CLI keeps its order of commands)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ingest.config import settings
from yrd import ui


def cmd_build(args: argparse.Namespace) -> int:
    from yrd.build.pipeline import run_build

    return run_build(settings(), force_ingest=args.force, publish=not args.no_publish,
                     full_refresh=args.full_refresh)


def cmd_ingest(args: argparse.Namespace) -> int:

    from ingest import limits
    from ingest.run_ingest import run_ingest
    from yrd.build.lock import AlreadyRunning, BuildLock

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


def cmd_status(args: argparse.Namespace) -> int:
    from yrd.build.history import fallback_log, read_log
    from yrd.build.lock import lock_holder
    from yrd.build.publish import list_versions

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
    ui.emit(["run", "started", "finished", "status", "exit", "passed", "findings", "blocking",
           "quarantined", "time", "message"], rows, args.format)
    return 0


def cmd_rollback(args: argparse.Namespace) -> int:
    from yrd.build.lock import AlreadyRunning, BuildLock
    from yrd.build.publish import rollback

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

    from yrd.build.history import RunRecord, append_log, code_version

    now = datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="seconds")
    append_log(cfg.history_log, RunRecord(
        run_id=datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ-rollback"), started_at=now,
        finished_at=now, status="rolled back", exit_code=0,
        message=f"restored {restored.name}; the file it replaced was discarded",
        code_version=code_version(cfg.project_root), warehouse=str(cfg.warehouse)))


def cmd_schedule(args: argparse.Namespace) -> int:
    from yrd.build import schedule

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


def add_build(sub: Any) -> None:
    b = sub.add_parser("build", help="ingest, check, dbt build, check, publish")
    b.add_argument("--force", action="store_true", help="ingest files even if unchanged")
    b.add_argument("--no-publish", action="store_true", help="build and check only")
    b.add_argument("--full-refresh", action="store_true",
                   help="rebuild the incremental models in full (dbt build --full-refresh)")
    b.set_defaults(func=cmd_build)


def add_ingest(sub: Any) -> None:
    i = sub.add_parser("ingest", help="load the shipped data files into the build file")
    i.add_argument("--force", action="store_true", help="reload files even if unchanged")
    i.add_argument("--show", type=int, default=20, help="problems to print per file")
    i.set_defaults(func=cmd_ingest)


def add_status(sub: Any) -> None:
    st = sub.add_parser("status", help="the last build runs")
    st.add_argument("--last", type=int, default=10)
    st.add_argument("--format", choices=["table", "csv", "json"], default="table")
    st.set_defaults(func=cmd_status)


def add_rollback(sub: Any) -> None:
    r = sub.add_parser(
        "rollback", help="restore the previously published warehouse",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Put the newest kept earlier version (warehouse/versions/) back in place, "
                    "atomically; readers with the file open are not affected. The file it "
                    "replaces is discarded. Run again to go back further.",
        epilog="examples:\n  yrd status      # what is published and what is kept\n"
               "  yrd rollback\nmore: docs/operations.md")
    r.set_defaults(func=cmd_rollback)


def add_schedule(sub: Any) -> None:
    sc = sub.add_parser("schedule", help="print (or --install) a nightly build for cron or "
                        "systemd")
    how = sc.add_mutually_exclusive_group()
    how.add_argument("--cron", action="store_true", help="a crontab line (the default)")
    how.add_argument("--systemd", action="store_true", help="a systemd user .service + .timer")
    sc.add_argument("--at", default="02:30", help="time of day, HH:MM (default 02:30)")
    sc.add_argument("--install", action="store_true",
                    help="add it to your crontab / ~/.config/systemd/user and enable it")
    sc.set_defaults(func=cmd_schedule)

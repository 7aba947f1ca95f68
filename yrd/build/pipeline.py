"""`yrd build`: ingest → checks on raw → dbt build → checks on staging and marts → publish."""

from __future__ import annotations

import contextlib
import signal
import threading
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import duckdb
from rich.markup import escape

from ingest import limits
from ingest.config import Settings
from ingest.testhooks import pause_at
from yrd import ui
from yrd.build import preparse
from yrd.build.code_state import needs_full_refresh, record_code
from yrd.build.history import (
    RunRecord,
    append_log_or_fallback,
    code_version,
    fallback_log,
    input_hashes,
    record_in_db,
)
from yrd.build.lock import AlreadyRunning, BuildLock

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_CHECKS_FAILED = 3
EXIT_DBT_FAILED = 4
EXIT_ALREADY_RUNNING = 75  # EX_TEMPFAIL: try again later

LAYERS = ("raw", "reference", "staging", "intermediate", "marts", "meta")


class _Stop(Exception):
    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


def _now() -> str:
    return datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="seconds")


def rows_per_layer(con: duckdb.DuckDBPyConnection) -> tuple[dict[str, int], dict[str, int]]:
    tables = con.execute(
        "select table_schema, table_name from information_schema.tables "
        "where table_catalog = current_database() and table_schema in "
        f"({', '.join(repr(s) for s in LAYERS)}) order by 1, 2"
    ).fetchall()
    per_model: dict[str, int] = {}
    per_layer: Counter[str] = Counter()
    for schema, name in tables:
        n = con.execute(f'select count(*) from "{schema}"."{name}"').fetchone()[0]
        per_model[f"{schema}.{name}"] = n
        per_layer[schema] += n
    return per_model, dict(per_layer)


def run_build(cfg: Settings, *, force_ingest: bool = False, publish: bool = True,
              full_refresh: bool = False) -> int:
    run = RunRecord(
        run_id=datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ-") + uuid.uuid4().hex[:6],
        started_at=_now(),
        code_version=code_version(cfg.project_root),
        warehouse=str(cfg.warehouse),
    )
    try:
        with BuildLock(cfg.lock_file), _sigterm_as_interrupt():
            code = _run_locked(cfg, run, force_ingest, publish, full_refresh)
    except AlreadyRunning as exc:
        ui.error(str(exc))
        ui.error(f"this run exits with code {EXIT_ALREADY_RUNNING} and changes nothing")
        # [issue 5] an overlapping scheduled run leaves a trace in the history too.
        run.status, run.exit_code, run.message = "skipped", EXIT_ALREADY_RUNNING, str(exc)
        run.finished_at = _now()
        with contextlib.suppress(OSError):
            append_log_or_fallback(cfg.history_log, fallback_log(cfg.build_dir), run)
        return EXIT_ALREADY_RUNNING
    return code


_TERMINATED = threading.Event()  # dbt swallows the KeyboardInterrupt; this remembers it


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """[issue 5] systemd and `kill` stop a build with SIGTERM: end it like Ctrl-C, so the
    run is recorded as interrupted (the published file is untouched either way)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        _TERMINATED.set()
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _record_best_effort(cfg: Settings, run: RunRecord) -> None:
    """[issue 5] meta.build_runs in the build file says why a run failed, too."""
    try:
        con = limits.connect(cfg.build_db, cfg.build_dir)
        try:
            record_in_db(con, run)
        finally:
            con.close()
    except Exception as exc:  # the build file itself may be what failed
        ui.warn(f"could not record the run in {cfg.build_db}: {exc}")


def _log_run(cfg: Settings, run: RunRecord) -> None:
    """The run's line in the history beside the warehouse, or, when that folder cannot be
    written, in the build directory (said once per run)."""
    where, why = append_log_or_fallback(cfg.history_log, fallback_log(cfg.build_dir), run)
    if why and run.status == "running":
        ui.warn(f"cannot write the run history {cfg.history_log} ({why}); "
                f"this run is recorded in {where}")


def _check_publish_folder(cfg: Settings) -> None:
    """Fail before building when the published file could not be replaced anyway."""
    folder = cfg.warehouse.parent
    probe = folder / f".{cfg.warehouse.name}.probe-{uuid.uuid4().hex[:8]}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe.touch()
        probe.unlink()
    except OSError as exc:
        raise _Stop(EXIT_FAILED, f"the warehouse folder {folder} cannot be written "
                    f"({exc.strerror or exc}): nothing can be published there. Make it "
                    "writable, set YRD_WAREHOUSE to another path, or build with "
                    "--no-publish") from exc


def _run_locked(cfg: Settings, run: RunRecord, force_ingest: bool, publish: bool,
                full_refresh: bool = False) -> int:
    from ingest.run_ingest import run_ingest
    from yrd.build.dbt_runner import run_dbt
    from yrd.quality.runner import CheckResult, run_layers, summarize

    timings = run.step_seconds
    cfg.build_dir.mkdir(parents=True, exist_ok=True)
    run.input_hashes = input_hashes(
        cfg.project_root, [cfg.data_dir, cfg.project_root / "seeds"]
        + ([cfg.documents_dir] if cfg.documents_dir else [])
    )
    checks: list[CheckResult] = []
    ui.console.print(f"[bold]yrd build[/] run {run.run_id} → {escape(str(cfg.warehouse))}")
    _log_run(cfg, run)  # [issue 5] "running": a killed run still shows up

    def finish(status: str, code: int, message: str) -> int:
        run.status, run.exit_code, run.message, run.finished_at = status, code, message, _now()
        run.checks_passed = sum(1 for c in checks if c.success)
        run.checks_failed = sum(1 for c in checks if not c.success and c.severity == "error")
        run.checks_warned = sum(1 for c in checks if not c.success and c.severity == "warning")
        _record_best_effort(cfg, run)
        _log_run(cfg, run)
        return code

    # The dbt code changed since the last build (or this is the first): dbt must parse
    # the project in full, which starts now on the other core (yrd/build/preparse.py).
    code_changed = needs_full_refresh(cfg.project_root, cfg.build_db)
    parse = None
    try:
        if publish:
            _check_publish_folder(cfg)
        if limits.convert_build_file(cfg.build_db, cfg.build_dir):
            ui.info(f"{cfg.build_db} was in another storage format than the published "
                    f"file's: converted once to {limits.STORAGE_VERSION}, so that "
                    "publishing copies it from now on")
        if code_changed:
            parse = preparse.start(cfg)
        with ui.step("1/5 ingest", timings):
            con = limits.connect(cfg.build_db, cfg.build_dir)
            try:
                report = run_ingest(con, cfg, force=force_ingest, progress=ui.info)
                run.quarantined_rows = con.execute(
                    "select count(distinct (file, line)) from raw.quarantine"
                ).fetchone()[0]
            finally:
                con.close()
            if report.quarantined:
                _report_quarantine(report)

        with ui.step("2/5 checks on raw", timings):
            checks += run_layers(cfg, run.run_id, ["raw"], progress=ui.info)

        with ui.step("3/5 dbt build (seeds, models, tests)", timings):
            def on_node(n: dict[str, Any]) -> None:
                mark = "ok" if n["status"] in ("success", "pass") else n["status"].upper()
                ui.info(f"[{n['index']}/{n['total']}] {n['name']}: {mark} ({n['seconds']:.2f} s)")
                pause_at("dbt")  # [issue 5] crash tests: kill mid-dbt

            # dbt's import (1-2 s) while the parse may still be ending on the other core
            import dbt.cli.main  # noqa: F401

            preparse.finish(cfg, parse)
            # --full-refresh: the incremental models rebuilt whole (macros/incremental_series.sql),
            # asked for, or because the dbt code changed since the last build (code_state.py)
            if not full_refresh and code_changed:
                full_refresh = True
                ui.info("the models, macros or seeds changed since the last build: "
                        "the incremental models are rebuilt in full")
            # Unit tests check the models' logic on fixed inputs, not the data: they run in
            # `make test` (tests/test_dbt_unit_tests.py), not in every build, as dbt's own
            # guide for unit tests advises (9 nodes, 1.9-2.8 s of dbt's node time).
            outcome = run_dbt(cfg, ["build", *(["--full-refresh"] if full_refresh else []),
                                    "--exclude-resource-type", "unit_test"],
                              on_node=on_node)
            if _TERMINATED.is_set():
                raise KeyboardInterrupt  # [issue 5] stopped, not a dbt failure
            tests = [n for n in outcome.nodes if n["resource_type"] == "test"]
            dbt_failed = outcome.failures
            for n in dbt_failed:
                ui.error(f"dbt {n['resource_type']} {n['name']}: {n['status']}: {n['message']}")
            ui.info(f"dbt: {len(outcome.nodes)} nodes, {len(tests)} tests, "
                    f"{len(dbt_failed)} failed")
            if not outcome.success:
                raise _Stop(EXIT_DBT_FAILED, "dbt build failed: "
                            + ("; ".join(n["name"] for n in dbt_failed) or outcome.error)[:2000])
            record_code(cfg.project_root, cfg.build_db)

        with ui.step("4/5 checks on staging and marts", timings):
            pause_at("checks")  # [issue 5] crash tests
            checks += run_layers(cfg, run.run_id, ["staging", "marts"], progress=ui.info)

        con = limits.connect(cfg.build_db, cfg.build_dir)
        try:
            run.rows_per_model, run.rows_per_layer = rows_per_layer(con)
            blocking = [c for c in checks if not c.success and c.severity == "error"]
            summarize(checks, ui)
            if blocking:
                msg = "blocking checks failed: " + "; ".join(c.label for c in blocking)
                con.close()  # finish() records the run, with its reason, in the build file
                ui.error(msg + " — the published warehouse is unchanged.")
                return finish("failed", EXIT_CHECKS_FAILED, msg[:2000])
            run.status, run.finished_at = ("published" if publish else "built"), _now()
            run.checks_passed = sum(1 for c in checks if c.success)
            run.checks_warned = sum(1 for c in checks if not c.success)
            run.exit_code = EXIT_OK
            record_in_db(con, run)
        finally:
            con.close()

        if publish:
            with ui.step("5/5 publish", timings):
                from yrd.build.publish import publish as do_publish

                do_publish(cfg.build_db, cfg.warehouse,
                           before_replace=lambda: pause_at("publish"))
                ui.info(f"published {cfg.warehouse}")
        _print_summary(run, cfg)
        return finish(run.status, EXIT_OK, "")
    except _Stop as stop:
        ui.error(stop.message + " — nothing is published; the warehouse is unchanged.")
        return finish("failed", stop.code, stop.message)
    except KeyboardInterrupt:
        ui.error("interrupted; the published warehouse is unchanged")
        return finish("interrupted", EXIT_FAILED, "interrupted")
    except Exception as exc:
        ui.error(f"{type(exc).__name__}: {exc}")
        return finish("failed", EXIT_FAILED, f"{type(exc).__name__}: {exc}"[:2000])
    finally:
        preparse.stop(parse)


def _report_quarantine(report: Any, per_file: int = 5) -> None:
    """Bad rows never stop a build: name the first few (file:line: reason), then go on."""
    for r in report.results:
        for p in r.problems[:per_file]:
            ui.info(f"! {p}")  # plain text: a value from a file is never markup
        if len(r.problems) > per_file:
            ui.info(f"! {r.file}: … and {len(r.problems) - per_file:,} more")
    if report.folder:
        for p in report.folder.problems[:per_file]:
            ui.info(f"! {p}")
    ui.warn(f"{report.quarantined:,} rows quarantined in this load (held back; the other "
            "rows load and the build goes on). List them: `yrd quarantine`")


def _print_summary(run: RunRecord, cfg: Settings) -> None:
    ui.console.print("[bold]Summary[/]")
    ui.print_table(
        ["layer", "tables", "rows"],
        [
            (layer, sum(1 for k in run.rows_per_model if k.startswith(layer + ".")), f"{n:,}")
            for layer, n in run.rows_per_layer.items()
        ],
    )
    ui.info(f"checks: {run.checks_passed} passed, {run.checks_warned} data findings (warnings), "
            f"{run.checks_failed} blocking failures")
    ui.info(f"quarantined rows: {run.quarantined_rows}"
            + ("  (see `yrd quarantine`)" if run.quarantined_rows else ""))
    ui.info("time: " + ", ".join(f"{k.split(' ', 1)[1]} {v:.1f}s"
                                  for k, v in run.step_seconds.items()))
    ui.info(f"warehouse: {cfg.warehouse}  (query with `yrd sql \"...\"`)")

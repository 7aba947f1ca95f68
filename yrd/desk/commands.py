"""The economist's desk on the command line: `yrd docs`, `yrd export`, `yrd report`."""

from __future__ import annotations

import argparse
import sys
import webbrowser
from pathlib import Path
from typing import Any

from ingest.config import settings
from yrd import ui


def _connect(warehouse: str | None) -> Any:
    from yrd.desk.readonly import WarehouseError, connect

    try:
        return connect(warehouse)
    except WarehouseError as exc:
        ui.error(str(exc))
        return None


def _refuse_protected(output: str, warehouse: str | None) -> bool:
    """True (after saying why) if `output` is the warehouse, the build file or theirs."""
    from yrd.desk.outputs import ProtectedOutput, check_output

    try:
        check_output(Path(output), settings(), Path(warehouse) if warehouse else None)
    except ProtectedOutput as exc:
        ui.error(str(exc))
        return True
    return False


def cmd_docs(args: argparse.Namespace) -> int:
    from yrd.desk.docs import DocsError, DocsSite, generate, make_server

    cfg = settings()
    out = Path(args.output) if args.output else cfg.build_dir / "docs"
    warehouse = Path(args.warehouse).resolve() if args.warehouse else None
    if args.no_generate:
        site = DocsSite(out.resolve())
        if not site.index.exists():
            ui.error(f"{site.index}: no docs site there; run `yrd docs` without --no-generate")
            return 1
    else:
        try:
            ui.info("generating the catalog (dbt docs generate) …")
            site = generate(cfg, out.resolve(), warehouse=warehouse)
        except DocsError as exc:
            ui.error(str(exc))
            return 1
    ui.info(f"docs site: {site.directory}")
    ui.info(f"single file, opens from disk: {site.static_index}")
    if args.no_serve:
        return 0
    try:
        server = make_server(site.directory, args.host, args.port)
    except OSError as exc:
        ui.error(f"cannot listen on {args.host}:{args.port}: {exc} (try --port 0)")
        return 1
    host, port = server.server_address[:2]
    url = f"http://{host}:{port}/"
    ui.console.print(f"[bold]Serving the catalog at {url}[/]  (Ctrl-C stops)")
    sys.stdout.flush()
    if args.open:
        webbrowser.open(url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


def cmd_export(args: argparse.Namespace) -> int:
    import duckdb

    from yrd.desk.export import export
    from yrd.desk.queries import QueryError, parse_vars

    if args.all:
        return _export_all(args)
    if not args.target or not args.output:
        ui.error("yrd export: give MODEL_OR_QUERY and -o FILE, or --all DIR "
                 "(see `yrd export --help`)")
        return 2
    if _refuse_protected(args.output, args.warehouse):
        return 1
    con = _connect(args.warehouse)
    if con is None:
        return 1
    out = Path(args.output)
    try:
        res = export(con, args.target, out, args.format, unit=args.unit, lang=args.lang,
                     variables=parse_vars(args.var), names=args.names, bom=not args.no_bom,
                     warehouse=str(Path(args.warehouse).resolve() if args.warehouse
                                   else settings().warehouse), limit=args.limit)
    except (QueryError, ValueError, duckdb.Error) as exc:
        ui.error(f"{type(exc).__name__}: {exc}")
        return 1
    finally:
        con.close()
    for note in res.notes:
        ui.info(note)
    ui.info(f"wrote {_plural(res.rows, 'row')} × {_plural(len(res.columns), 'column')} of "
            f"{res.resolved.name} to {res.path} (build run {res.build.run_id})")
    return 0


def _export_all(args: argparse.Namespace) -> int:
    import duckdb

    from yrd.desk.export_all import export_all, mart_names

    directory = Path(args.all)
    if args.target or args.output:
        ui.error("yrd export --all DIR exports every mart; leave out MODEL_OR_QUERY and -o")
        return 2
    con = _connect(args.warehouse)
    if con is None:
        return 1
    try:
        names = mart_names(con)
        outputs = [f"{n}.{ext}" for n in names for ext in ("parquet", "csv")]
        if any(_refuse_protected(str(directory / f), args.warehouse)
               for f in [*outputs, "catalog.json", "README.md"]):
            return 1
        res = export_all(con, directory, csv=args.csv, bom=not args.no_bom,
                         warehouse=str(Path(args.warehouse).resolve() if args.warehouse
                                       else settings().warehouse))
    except (ValueError, OSError, duckdb.Error) as exc:
        ui.error(f"{type(exc).__name__}: {exc}")
        return 1
    finally:
        con.close()
    for name, rows in res.marts.items():
        ui.info(f"marts.{name}: {_plural(rows, 'row')}")
    ui.info(f"wrote {_plural(len(res.marts), 'mart')} ({_plural(len(res.files), 'file')}, "
            f"with catalog.json and README.md) to {res.directory}")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    import duckdb

    from yrd.desk.report import ReportError, ReportOptions, write_report

    if _refuse_protected(args.output, args.warehouse):
        return 1
    con = _connect(args.warehouse)
    if con is None:
        return 1
    warehouse = str(Path(args.warehouse).resolve() if args.warehouse else settings().warehouse)
    opts = ReportOptions(city=args.city, year=args.year, lang=args.lang, money=args.money,
                         since=args.since, warehouse=warehouse)
    try:
        path = write_report(con, Path(args.output), opts)
    except (ReportError, ValueError, duckdb.Error) as exc:
        ui.error(f"{type(exc).__name__}: {exc}")
        return 1
    finally:
        con.close()
    ui.info(f"wrote {path} ({path.stat().st_size / 1024:,.0f} KiB); open it in any browser, "
            "no network needed")
    return 0


def register(sub: Any) -> None:
    """Add `docs`, `export` and `report` to the `yrd` sub-command parser."""
    d = sub.add_parser("docs", help="generate and serve the catalog (dbt docs), offline")
    d.add_argument("-o", "--output", help="site directory (default: $YRD_BUILD_DIR/docs)")
    d.add_argument("--host", default="127.0.0.1")
    d.add_argument("--port", type=int, default=8080, help="0 picks a free port")
    d.add_argument("--no-serve", action="store_true", help="only generate the site")
    d.add_argument("--no-generate", action="store_true",
                   help="serve the site generated last time, as it is")
    d.add_argument("--open", action="store_true", help="open the site in a browser")
    d.add_argument("--warehouse", help="another published file (default: $YRD_WAREHOUSE)")
    d.set_defaults(func=cmd_docs)

    e = sub.add_parser(
        "export", help="write a mart, an analysis or a query result to csv, parquet or xlsx",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="MODEL_OR_QUERY is a relation (marts.city_comparison or city_comparison), "
                    "an analysis (analyses/yrd_gdp_ranking.sql or analysis:yrd_gdp_ranking), "
                    "or a SELECT statement. Marts are sorted by their grain. --unit scales "
                    "money totals only; amounts per person (GDP per capita) stay in yuan.",
        epilog="examples:\n"
               "  yrd export marts.city_comparison -o cities.xlsx --unit 亿元\n"
               "  yrd export analyses/yrd_gdp_ranking.sql --var ranking_year=2020 -o r.csv\n"
               "  yrd export \"select * from marts.revisions\" -o revisions.parquet\n"
               "  yrd export --all exports/ --csv     # every mart, with catalog.json\n"
               "more: docs/economists.md")
    e.add_argument("target", metavar="MODEL_OR_QUERY", nargs="?")
    e.add_argument("-o", "--output", help="file to write: .csv, .parquet or .xlsx")
    e.add_argument("--all", metavar="DIR",
                   help="every mart as Parquet into DIR, with catalog.json and README.md")
    e.add_argument("--csv", action="store_true", help="with --all: CSV files too")
    e.add_argument("--format", choices=["csv", "parquet", "xlsx"],
                   help="default: from the file's extension, else csv")
    e.add_argument("--unit", help="money in 亿元, billion yuan, yuan or 万元 (default: as stored)")
    e.add_argument("--lang", choices=["zh", "en", "both"], default="both",
                   help="language of spreadsheet headers")
    e.add_argument("--var", action="append", metavar="NAME=VALUE",
                   help="a variable of the analysis, e.g. --var ranking_year=2020")
    e.add_argument("--names", action=argparse.BooleanOptionalAction, default=None,
                   help="add Chinese and English names beside codes (default: xlsx only)")
    e.add_argument("--no-bom", action="store_true",
                   help="CSV without the UTF-8 byte-order mark Excel needs")
    e.add_argument("--limit", type=int, help="at most this many rows")
    e.add_argument("--warehouse", help="another published file (default: $YRD_WAREHOUSE)")
    e.set_defaults(func=cmd_export)

    r = sub.add_parser("report", help="write a static HTML report with charts (no network)")
    r.add_argument("-o", "--output", required=True, help="HTML file to write")
    r.add_argument("--city", default="320500",
                   help="the city to follow: place code or name, e.g. 330100, 杭州市, Kunshan "
                        "(default 320500, Suzhou)")
    r.add_argument("--year", type=int, help="default: latest year in which all 41 cities report")
    r.add_argument("--since", type=int, default=2000, help="first year of the time series")
    r.add_argument("--lang", choices=["zh", "en", "both"], default="both")
    r.add_argument("--money", default="亿元", help="亿元 or billion (yuan)")
    r.add_argument("--warehouse", help="another published file (default: $YRD_WAREHOUSE)")
    r.set_defaults(func=cmd_report)

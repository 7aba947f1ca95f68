"""What the desk commands read: a relation, a SELECT, or an analysis of analyses/.

Analyses are dbt analyses (Jinja with ref(), var() and source()). They are rendered here
without dbt, against the published warehouse, so `yrd export analyses/x.sql` needs no build
directory; the tests compile the same files with dbt as well.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from ingest.config import settings

_QUERY_START = re.compile(r"^\s*(\(|with\b|select\b|from\b|values\b|pivot\b|unpivot\b|"
                          r"table\b|describe\b|summarize\b|show\b)", re.IGNORECASE)
_RELATION = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$")
SCHEMA_ORDER = ("marts", "intermediate", "staging", "reference", "meta", "raw")


class QueryError(ValueError):
    pass


@dataclass
class Resolved:
    sql: str
    kind: str  # "relation", "query" or "analysis"
    name: str  # relation name, analysis name, or "query"
    relations: list[str] = field(default_factory=list)  # the marts it reads, for notes


def analyses_dir() -> Path:
    return settings().project_root / "analyses"


def list_analyses() -> list[str]:
    return sorted(p.stem for p in analyses_dir().glob("*.sql"))


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def find_relation(con: duckdb.DuckDBPyConnection, name: str) -> str | None:
    """`schema.table` for a bare or qualified name, preferring marts; None if missing."""
    if "." in name:
        schema, table = name.split(".", 1)
        row = con.execute(
            "select table_schema, table_name from information_schema.tables "
            "where lower(table_schema) = lower(?) and lower(table_name) = lower(?)",
            [schema, table]).fetchone()
    else:
        rows = con.execute(
            "select table_schema, table_name from information_schema.tables "
            "where lower(table_name) = lower(?)", [name]).fetchall()
        rows.sort(key=lambda r: SCHEMA_ORDER.index(r[0]) if r[0] in SCHEMA_ORDER else 99)
        row = rows[0] if rows else None
    return f"{row[0]}.{row[1]}" if row else None


def relation_exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    return find_relation(con, name) is not None


def parse_vars(pairs: list[str] | None) -> dict[str, Any]:
    """`--var key=value` pairs; values are JSON when they parse as JSON, else text."""
    out: dict[str, Any] = {}
    for pair in pairs or []:
        if "=" not in pair:
            raise QueryError(f"--var {pair!r}: expected NAME=VALUE")
        key, raw = pair.split("=", 1)
        try:
            out[key.strip()] = json.loads(raw)
        except json.JSONDecodeError:
            out[key.strip()] = raw
    return out


def render_analysis(path: Path, con: duckdb.DuckDBPyConnection,
                    variables: dict[str, Any] | None = None) -> tuple[str, list[str]]:
    """Render a dbt analysis with ref() → schema.table of the published warehouse.

    The file may come from anywhere (`yrd export FILE.sql`), so it renders in Jinja's
    sandbox: a template reaches ref, source, var and config, not Python's internals."""
    from jinja2 import StrictUndefined, TemplateError
    from jinja2.sandbox import SandboxedEnvironment

    variables = dict(variables or {})
    used: list[str] = []

    def ref(*args: str, **_: Any) -> str:
        name = args[-1]
        rel = find_relation(con, name) or f"marts.{name}"
        used.append(rel)
        return rel

    def source(source_name: str, table: str) -> str:
        rel = find_relation(con, f"raw.{table}") or f"raw.{table}"
        used.append(rel)
        return rel

    missing = object()

    def var(name: str, default: Any = missing) -> Any:
        if name in variables:
            return variables[name]
        if default is missing:
            raise QueryError(f"{path.name}: needs --var {name}=VALUE")
        return default

    env = SandboxedEnvironment(undefined=StrictUndefined, keep_trailing_newline=True)
    try:
        template = env.from_string(path.read_text(encoding="utf-8"))
        sql = template.render(ref=ref, source=source, var=var, config=lambda *a, **k: "",
                              is_incremental=lambda: False)
    except TemplateError as exc:  # SecurityError included: the sandbox refused something
        raise QueryError(f"{path}: cannot render: {type(exc).__name__}: {exc}") from exc
    # Relations named directly (marts not yet dbt models) count as read too.
    for m in re.finditer(r"\b(marts\.[a-z_][a-z0-9_]*)", sql):
        used.append(m.group(1))
    return sql, list(dict.fromkeys(used))


def resolve(con: duckdb.DuckDBPyConnection, target: str,
            variables: dict[str, Any] | None = None) -> Resolved:
    """MODEL_OR_QUERY → SQL: a SELECT as given, an analysis, or a relation's rows."""
    text = target.strip()
    if _QUERY_START.match(text) and not _RELATION.match(text):
        rels = re.findall(r"\b((?:marts|intermediate|staging|reference|meta|raw)\.[a-z_0-9]+)",
                          text, re.IGNORECASE)
        return Resolved(text.rstrip().rstrip(";"), "query", "query", list(dict.fromkeys(rels)))
    path: Path | None = None
    if text.endswith(".sql"):
        path = Path(text)
        if not path.exists():
            path = analyses_dir() / Path(text).name
    elif text.startswith("analysis:") or text.startswith("analyses/"):
        path = analyses_dir() / (text.split(":", 1)[-1].split("/", 1)[-1].removesuffix(".sql")
                                 + ".sql")
    if path is not None:
        if not path.exists():
            raise QueryError(f"{text}: no such analysis; available: {', '.join(list_analyses())}")
        sql, used = render_analysis(path, con, variables)
        return Resolved(sql.strip().rstrip(";"), "analysis", path.stem, used)
    if not _RELATION.match(text):
        raise QueryError(f"{text!r} is neither a relation name, an analysis nor a SELECT")
    rel = find_relation(con, text)
    if rel is None:
        if (analyses_dir() / f"{text}.sql").exists():
            return resolve(con, f"analysis:{text}", variables)
        raise QueryError(f"{text}: no such table or view in the warehouse "
                         "(try marts.city_comparison, or `yrd sql \"show all tables\"`)")
    schema, table = rel.split(".", 1)
    return Resolved(f"select * from {quote_ident(schema)}.{quote_ident(table)}",
                    "relation", rel, [rel])


@dataclass
class BuildInfo:
    run_id: str = "unknown"
    finished_at: str = ""
    code_version: str = ""
    status: str = ""


def build_info(con: duckdb.DuckDBPyConnection) -> BuildInfo:
    """The build run that produced this warehouse (meta.build_runs), if recorded."""
    if not relation_exists(con, "meta.build_runs"):
        return BuildInfo()
    row = con.execute(
        "select run_id, cast(finished_at as varchar), code_version, status "
        "from meta.build_runs order by finished_at desc nulls last, started_at desc limit 1"
    ).fetchone()
    return BuildInfo(*(str(v or "") for v in row)) if row else BuildInfo()


def indicator_names(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, str]]:
    if not relation_exists(con, "marts.dim_indicator"):
        return {}
    return {r[0]: (r[1], r[2]) for r in con.execute(
        "select indicator, name_en, name_zh from marts.dim_indicator").fetchall()}


def source_notes(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """(name, description) of each source type, from reference.sources."""
    if not relation_exists(con, "reference.sources"):
        return []
    return [(r[0], r[1]) for r in con.execute(
        "select name, description from reference.sources order by precedence").fetchall()]

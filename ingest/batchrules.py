"""A resource's rules and its duplicate check, over a batch of files in one pass.

`_incoming` holds the records of every file of the batch (`_fid`, `_line`, the columns
as text); failures go to `_bad` (`_fid`, `line`, `rule`, `reason`, `text`). Every rule
is evaluated in the same scan: each row gets the list of the rules it fails, and only
failing rows build their reasons. A row fails a rule exactly when the rule's `bad_when`
is true (null is not a failure), as when each rule ran as a statement of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import duckdb
import pyarrow as pa

from ingest.resource import Resource
from ingest.rules import Rule, lit, q

BAD_TABLE = ("create or replace temp table _bad (_fid integer, line integer, rule varchar, "
             "reason varchar, text varchar)")


# Below this many rows, every rule is checked row by row, one statement per rule: the
# statements that checking by distinct value or in one pass take cost more than they
# save (the shipped files).
BY_VALUE_MIN_ROWS = 100_000


def apply_rules(con: duckdb.DuckDBPyConnection, res: Resource,
                incoming: str = "_incoming", rows: int = 0) -> None:
    """Every rule of `res` over `incoming` (`rows` records); failures into temp._bad. In a
    large batch, a rule that declares the columns it reads is checked once per distinct
    value of them, a rule with a `failing_rows` query by that query, the others in one
    scan of the rows. All give the same failures."""
    names = "[" + ", ".join(lit(r.name) for r in res.rules) + "]"
    by_value: dict[tuple[str, ...], list[tuple[int, Rule]]] = {}
    per_row: list[tuple[int, Rule]] = []
    by_query: list[Rule] = []
    for k, rule in enumerate(res.rules, 1):
        if (rows >= BY_VALUE_MIN_ROWS and rule.reads
                and set(rule.reads) <= set(res.columns)):
            by_value.setdefault(rule.reads, []).append((k, rule))
        elif rows >= BY_VALUE_MIN_ROWS and rule.failing_rows:
            by_query.append(rule)
        else:
            per_row.append((k, rule))
    for reads, rules in by_value.items():
        _by_value(con, reads, rules, names, incoming)
    for rule in by_query:
        # The rule's own query finds the failing rows; their reasons as always.
        rows_sql = rule.failing_rows.replace("{rows}", incoming)
        con.execute(f"insert into _bad select i._fid, i._line, {lit(rule.name)}, "
                    f"({rule.reason}), null from {incoming} as i semi join ({rows_sql}) as f "
                    "on f._fid = i._fid and f._line = i._line")
    if rows < BY_VALUE_MIN_ROWS:
        # A statement per rule: on a few thousand rows, planning one statement that holds
        # every rule's subqueries costs more than scanning the rows once per rule.
        for _, rule in per_row:
            con.execute(f"insert into _bad select _fid, _line, {lit(rule.name)}, "
                        f"({rule.reason}), null from {incoming} where {rule.bad_when}")
    elif per_row:
        _per_row(con, res, per_row, names, incoming)


def _failing(rules: list[tuple[int, Rule]], names: str, source: str,
             rewrite: Callable[[str], str] = str) -> str:
    """SQL: each row of `source` with each rule it fails (`_rule`, `_reason`). A rule
    fails where its `bad_when` is true (null is not a failure); the reasons are built for
    failing rows only."""
    fails = ", ".join(f"case when ({rewrite(r.bad_when)}) then {k} end" for k, r in rules)
    reasons = " ".join(f"when {k} then ({r.reason})" for k, r in rules)
    return f"""with checked as (
            select *, list_filter([{fails}], lambda x: x is not null) as _fails from {source}
        ),
        failing as (
            select * exclude (_fails), unnest(_fails) as _rule_no
            from checked where len(_fails) > 0
        )
        select *, {names}[_rule_no] as _rule, case _rule_no {reasons} end as _reason
        from failing"""


def _by_value(con: duckdb.DuckDBPyConnection, reads: tuple[str, ...],
              rules: list[tuple[int, Rule]], names: str, incoming: str) -> None:
    cols = ", ".join(q(c) for c in reads)
    con.execute(f"create or replace temp table _values as select distinct {cols} "
                f"from {incoming}")
    try:
        con.execute("create or replace temp table _value_bad as select "
                    f"{cols}, _rule, _reason from ({_failing(rules, names, '_values')})")
        if con.execute("select count(*) from _value_bad").fetchone()[0]:
            on = " and ".join(f"i.{q(c)} is not distinct from v.{q(c)}" for c in reads)
            con.execute(f"insert into _bad select i._fid, i._line, v._rule, v._reason, null "
                        f"from {incoming} as i inner join _value_bad as v on {on}")
    finally:
        con.execute("drop table if exists temp._values")
        con.execute("drop table if exists temp._value_bad")


def _per_row(con: duckdb.DuckDBPyConnection, res: Resource, rules: list[tuple[int, Rule]],
             names: str, incoming: str) -> None:
    # Each column is trimmed once per row, not once per rule that trims it: the rules'
    # `trim("c")` reads a column computed as exactly that (the reasons, built for failing
    # rows only, are left as written). Not where a table the rule reads has a column of
    # that name: inside its subquery, "c" would name the table's column, not the row's.
    tables = _table_columns(con)
    trimmed = {c: q(f"_trimmed {c}") for c in res.columns
               if any(f"trim({q(c)})" in r.bad_when for _, r in rules)}

    def once(sql: str) -> str:
        shadowed = {c for t, cs in tables.items() if re.search(rf"\b{t}\b", sql) for c in cs}
        for c, name in trimmed.items():
            if c not in shadowed:
                sql = sql.replace(f"trim({q(c)})", name)
        return sql

    source = (f"(select *, {', '.join(f'trim({q(c)}) as {n}' for c, n in trimmed.items())} "
              f"from {incoming})" if trimmed else incoming)
    con.execute(f"insert into _bad select _fid, _line, _rule, _reason, null "
                f"from ({_failing(rules, names, source, once)})")


def _table_columns(con: duckdb.DuckDBPyConnection) -> dict[str, set[str]]:
    """Every table a rule might read (the reference seeds above all) and its columns."""
    out: dict[str, set[str]] = {}
    for table, column in con.execute(
            "select table_name, column_name from duckdb_columns()").fetchall():
        out.setdefault(re.escape(table), set()).add(column)
    return out


def duplicate_rules(con: duckdb.DuckDBPyConnection, res: Resource,
                    incoming: str = "_incoming") -> None:
    """Exact repeats keep their first line; rows that share a key but disagree are all
    quarantined, since choosing one would be a silent edit. Within each file: a file
    replaces its own rows, so two files may hold the same key (as before batching)."""
    # Compared as staging reads them (trimmed): " 320583" and "320583" are one key, or a
    # unique test downstream would fail the build on what the loader let through.
    trimmed = ", ".join(f"trim({q(k)}) as {q(k)}" for k in res.key)
    key = ", ".join(["_fid", *(q(k) for k in res.key)])
    whole = ", ".join(f"trim({q(c)})" for c in res.columns)
    on = " and ".join(["c._fid = k._fid", *(f"c.{q(k)} = k.{q(k)}" for k in res.key)])
    shown_key = ", ".join(f"c.{q(k)}" for k in res.key)
    # Grouped, not windowed over the whole batch: only keys seen more than once are
    # ranked, and the reason lists at most five lines (a file of a million copies stays
    # linear). Only rows whose key repeats are hashed (most files have none).
    con.execute(
        f"""insert into _bad
        with candidates as (
            select _fid, _line, {trimmed} from {incoming} as i
            where not exists (select 1 from _bad as b
                              where b._fid = i._fid and b.line = i._line)
        ),
        -- Keys seen more than once, found by a hash of the key (one number to group, not
        -- five strings); a collision only lets a row through to the exact grouping below.
        hashed as (select _fid, _line, hash({key}) as _key_hash from candidates),
        repeated as (
            select _fid, _line from hashed
            where _key_hash in (select _key_hash from hashed group by _key_hash
                                having count(*) > 1)
        ),
        copies as (
            select i._fid, i._line, {trimmed}, md5(concat_ws(chr(31), {whole})) as row_hash
            from {incoming} as i semi join repeated as r
            on r._fid = i._fid and r._line = i._line
        ),
        keys as (
            select {key}, count(distinct row_hash) as versions, count(*) as n,
                   list(_line order by _line)[1:5] as first_lines
            from copies group by {key} having count(*) > 1
        ),
        ranked as (
            select c._fid, c._line, concat_ws(', ', {shown_key}) as key_text, k.versions,
                   k.n, k.first_lines,
                   row_number() over (partition by c._fid, c.row_hash order by c._line)
                       as copy_no,
                   min(c._line) over (partition by c._fid, c.row_hash) as first_line
            from copies as c inner join keys as k on {on}
        )
        select _fid, _line, 'duplicate',
               case when versions > 1
                    then 'conflicting duplicate: key ({', '.join(res.key)}) = ('
                         || key_text || ') differs on lines '
                         || array_to_string(first_lines, ', ')
                         || case when n > 5 then ' … (' || n || ' rows)' else '' end
                    else 'exact duplicate of line ' || first_line end,
               null
        from ranked where versions > 1 or copy_no > 1"""
    )


def check_rows(con: duckdb.DuckDBPyConnection, res: Resource,
               rows: Sequence[Sequence[str]]) -> dict[int, list[str]]:
    """The rules of `res` over rows made in memory (values in `res.columns` order), for
    inputs that are not files of rows (figures extracted from a document): the same
    rules as a file of that resource gets. Returns row number (1-based) -> reasons.
    Needs `register_reference` to have run on `con`."""
    if not rows:
        return {}
    cols = list(res.columns)
    table = pa.table([pa.array(["" if r[i] is None else str(r[i]) for r in rows], pa.string())
                      for i in range(len(cols))], names=cols)
    table = table.add_column(0, "_line", pa.array(range(1, len(rows) + 1), pa.int32()))
    table = table.add_column(0, "_fid", pa.array([0] * len(rows), pa.int32()))
    con.register("_rows", table)
    try:
        con.execute("create or replace temp table _checked_rows as select * from _rows")
    finally:
        con.unregister("_rows")
    con.execute(BAD_TABLE)
    try:
        apply_rules(con, res, "_checked_rows")
        out: dict[int, list[str]] = {}
        for line, reason in con.execute("select line, reason from _bad order by line, rule"
                                        ).fetchall():
            out.setdefault(line, []).append(reason)
        return out
    finally:
        con.execute("drop table if exists temp._checked_rows")

"""A resource's rules and its duplicate check, over a batch of files in one pass.

`_incoming` holds the records of every file of the batch (`_fid`, `_line`, the columns
as text); failures go to `_bad` (`_fid`, `line`, `rule`, `reason`, `text`). Every rule
is evaluated in the same scan: each row gets the list of the rules it fails, and only
failing rows build their reasons. A row fails a rule exactly when the rule's `bad_when`
is true (null is not a failure), as when each rule ran as a statement of its own.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pyarrow as pa

from ingest.resource import Resource
from ingest.rules import lit, q

BAD_TABLE = ("create or replace temp table _bad (_fid integer, line integer, rule varchar, "
             "reason varchar, text varchar)")


def apply_rules(con: duckdb.DuckDBPyConnection, res: Resource,
                incoming: str = "_incoming") -> None:
    """Every rule of `res` over `incoming` in one scan; failures into temp._bad."""
    if not res.rules:
        return
    fails = ", ".join(f"case when ({r.bad_when}) then {k} end"
                      for k, r in enumerate(res.rules, 1))
    names = "[" + ", ".join(lit(r.name) for r in res.rules) + "]"
    reasons = " ".join(f"when {k} then ({r.reason})" for k, r in enumerate(res.rules, 1))
    con.execute(
        f"""insert into _bad
        with checked as (
            select *, list_filter([{fails}], lambda x: x is not null) as _fails from {incoming}
        ),
        failing as (
            select * exclude (_fails), unnest(_fails) as _rule_no
            from checked where len(_fails) > 0
        )
        select _fid, _line, {names}[_rule_no], case _rule_no {reasons} end, null
        from failing"""
    )


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
        repeated as (
            select _fid, _line from candidates
            where ({key}) in (select ({key}) from candidates group by {key}
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

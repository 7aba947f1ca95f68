"""`from yrd import connect` run twice in one process (a notebook cell re-run) works,
and the second connection keeps every read-only guarantee of the first."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]

SCRIPT = r"""
import sys
from yrd import connect
from yrd.desk.reader_guard import ReadOnlyError

a = connect(sys.argv[1])
b = connect(sys.argv[1])                      # the cell run again
assert b.execute("select count(*) from marts.dim_place").fetchone()[0] > 0
a.close()                                     # the first one closed: the second goes on
assert b.execute("select 1").fetchone() == (1,)
try:
    b.execute("set lock_configuration = false")
except ReadOnlyError:
    pass
else:
    raise SystemExit("SET ran on the second connection")
try:
    b.execute("select * from read_csv('/etc/hostname')")
except Exception as exc:
    assert "disabled" in str(exc), exc
else:
    raise SystemExit("the second connection read another file")
b.close()
c = connect(sys.argv[1])                      # all closed: opens afresh
print(c.execute("select current_setting('lock_configuration')").fetchone()[0])
"""


def test_connect_twice_in_one_process(built_warehouse: object) -> None:
    proc = subprocess.run([sys.executable, "-c", SCRIPT,
                           str(built_warehouse.warehouse)],  # type: ignore[attr-defined]
                          cwd=PROJECT, capture_output=True, text=True, timeout=120,
                          check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.strip() == "True"
    assert "leaked" not in proc.stderr

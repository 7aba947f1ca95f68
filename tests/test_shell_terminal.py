"""`yrd shell` on a real terminal (tmux): Tab completes a table name, history is kept
between sessions, and the read-only guarantees hold at the prompt. Skipped cleanly
where tmux is not installed."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux not installed")


class Tmux:
    def __init__(self, env: dict[str, str], socket: str) -> None:
        self.env, self.socket = env, socket
        self.session = f"yrd-{uuid.uuid4().hex[:8]}"

    def _tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], env=self.env,
                              capture_output=True, text=True, check=False,
                              timeout=30).stdout

    def start(self, command: list[str]) -> None:
        self._tmux("new-session", "-d", "-s", self.session, "-x", "160", "-y", "50",
                   "-c", str(PROJECT), " ".join(shlex.quote(c) for c in command))

    def keys(self, *keys: str) -> None:
        self._tmux("send-keys", "-t", self.session, *keys)

    def text(self, literal: str) -> None:
        # As hex bytes: tmux would read an argument ending in ";" as its command separator.
        self._tmux("send-keys", "-t", self.session, "-H",
                   *(f"{b:02x}" for b in literal.encode()))

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", self.session, "-S", "-200")

    def wait_for(self, what: str | Callable[[str], bool], timeout: float = 30) -> str:
        test = what if callable(what) else (lambda s: what in s)
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            screen = self.screen()
            if test(screen):
                return screen
            time.sleep(0.2)
        raise AssertionError(f"timed out waiting for {what!r}; screen:\n{self.screen()}")

    def alive(self) -> bool:
        return subprocess.run(["tmux", "-L", self.socket, "has-session", "-t", self.session],
                              capture_output=True, check=False).returncode == 0

    def kill(self) -> None:
        self._tmux("kill-server")


@pytest.fixture
def tmux(built_warehouse: object, tmp_path: Path) -> Iterator[Tmux]:
    env = dict(built_warehouse.env)  # type: ignore[attr-defined]
    env.update(YRD_SHELL_HISTORY=str(tmp_path / "history"), TERM="xterm-256color",
               HOME=str(tmp_path))
    t = Tmux(env, f"yrd-test-{os.getpid()}-{uuid.uuid4().hex[:6]}")
    yield t
    t.kill()


def shell_command() -> list[str]:
    return ["env", "-u", "TMUX", sys.executable, "-m", "yrd.cli", "shell"]


def test_tab_completes_a_table_and_history_is_kept(tmux: Tmux, tmp_path: Path,
                                                    built_warehouse: object) -> None:
    tmux.start(shell_command())
    tmux.wait_for("yrd>")
    tmux.text("select count(*) as n from marts.city_comp")
    tmux.keys("Tab")
    tmux.wait_for("marts.city_comparison")
    tmux.text(";")
    tmux.keys("Enter")
    screen = tmux.wait_for("(1 row)")
    assert "1222" in screen.replace(",", "") or " n " in screen
    tmux.text(".quit")
    tmux.keys("Enter")
    tmux.wait_for(lambda s: not tmux.alive(), timeout=15) if tmux.alive() else None
    history = (tmp_path / "history").read_text(encoding="utf-8")
    assert "select count(*) as n from marts.city_comparison;" in history
    # A new session: Up brings back .quit, Up again the statement.
    tmux.session = f"yrd-{uuid.uuid4().hex[:8]}"
    tmux.start(shell_command())
    tmux.wait_for("yrd>")
    tmux.keys("Up")
    tmux.wait_for("yrd> .quit")
    tmux.keys("Up")
    tmux.wait_for("yrd> select count(*) as n from marts.city_comparison;")


def test_read_only_at_the_prompt(tmux: Tmux, tmp_path: Path,
                                 built_warehouse: object) -> None:
    target = tmp_path / "stolen.csv"
    tmux.start(shell_command())
    tmux.wait_for("yrd>")
    for sql in (f"copy (select * from marts.dim_place) to '{target}';",
                "set lock_configuration = false;",
                f"select * from read_csv('{PROJECT / 'README.md'}');",
                "create table marts.x as select 1;"):
        tmux.text(sql)
        tmux.keys("Enter")
    tmux.text("select 42 as answer;")
    tmux.keys("Enter")
    screen = tmux.wait_for("(1 row)")
    assert screen.count("refused") >= 3, screen
    assert "disabled" in screen, screen
    assert not target.exists()
    warehouse = built_warehouse.warehouse  # type: ignore[attr-defined]
    assert not warehouse.with_name(warehouse.name + ".wal").exists()

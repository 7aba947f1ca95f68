"""`yrd schedule`: a nightly `yrd build` from cron or a systemd user timer.

The build takes its own lock, so the scheduler needs no flock wrapper: an overlapping
run exits with code 75 and changes nothing. The job runs in the project directory with
the venv's `yrd`, and carries the YRD_* settings of the shell that ran `yrd schedule`.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from ingest.config import Settings

SETTINGS_VARS = ("YRD_PROJECT_ROOT", "YRD_DATA_DIR", "YRD_BUILD_DIR", "YRD_BUILD_DB",
                 "YRD_WAREHOUSE", "YRD_DOCUMENTS_DIR", "YRD_KEEP_VERSIONS")
QUIET_VARS = {"DBT_SEND_ANONYMOUS_USAGE_STATS": "False", "DO_NOT_TRACK": "1"}
UNIT = "yrd-build"
OK_CODES = (0, 75)  # 75: another build held the lock; this run changed nothing


class ScheduleError(Exception):
    pass


def parse_at(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"(\d{1,2}):(\d{2})", text.strip())
    if not m or int(m[1]) > 23 or int(m[2]) > 59:
        raise ScheduleError(f"--at takes a time of day as HH:MM (24 h), not {text!r}")
    return int(m[1]), int(m[2])


@dataclass(frozen=True)
class Job:
    project: Path
    yrd: str  # the command that runs yrd (the venv's script)
    env: dict[str, str]
    log: Path
    hour: int
    minute: int

    @property
    def marker(self) -> str:
        return f"# yrd-warehouse scheduled build ({self.project})"


def job(cfg: Settings, at: str = "02:30") -> Job:
    hour, minute = parse_at(at)
    script = Path(sys.prefix) / "bin" / "yrd"
    yrd = str(script) if script.exists() else f"{sys.executable} -m yrd.cli"
    env = {k: os.environ[k] for k in SETTINGS_VARS if os.environ.get(k)}
    return Job(cfg.project_root, yrd, {**QUIET_VARS, **env},
               cfg.build_dir / "logs" / "scheduled-build.log", hour, minute)


def cron_line(j: Job) -> str:
    q = shlex.quote
    env = " ".join(f"{k}={q(v)}" for k, v in j.env.items())
    log = q(str(j.log))
    # cron mails what a job prints: the build's own output goes to the log, and only a
    # real failure (not 0, not 75) prints one line, so MAILTO gets exactly the alerts.
    cmd = (f"cd {q(str(j.project))} && mkdir -p {q(str(j.log.parent))} && "
           f"{env} {j.yrd} build >> {log} 2>&1; rc=$?; "
           f"[ $rc -eq 0 ] || [ $rc -eq 75 ] || "
           f"echo \"yrd build failed with exit code $rc; see {j.log} and yrd status\"")
    if "%" in cmd:
        cmd = cmd.replace("%", "\\%")  # cron turns a bare % into a newline
    return f"{j.minute} {j.hour} * * * {cmd}  {j.marker}"


def systemd_units(j: Job) -> dict[str, str]:
    env = "\n".join(f"Environment={_sd_quote(f'{k}={v}')}" for k, v in j.env.items())
    service = f"""\
# {UNIT}.service — written by `yrd schedule --systemd`
[Unit]
Description=YRD warehouse: scheduled build (ingest, dbt, checks, publish)
Documentation=file://{j.project}/docs/operations.md

[Service]
Type=oneshot
WorkingDirectory={j.project}
{env}
ExecStart={j.yrd} build
# 75 = another build held the lock; this run changed nothing. Not a failure.
SuccessExitStatus=75
Nice=10
TimeoutStartSec=3h
# Alert on failure (exit 1, 3, 4): point this at a unit that mails or pages, e.g.
# OnFailure=yrd-build-alert.service
"""
    timer = f"""\
# {UNIT}.timer — written by `yrd schedule --systemd`
[Unit]
Description=YRD warehouse: nightly build at {j.hour:02d}:{j.minute:02d}

[Timer]
OnCalendar=*-*-* {j.hour:02d}:{j.minute:02d}:00
# A night missed while the machine was off runs at the next boot.
Persistent=true

[Install]
WantedBy=timers.target
"""
    return {f"{UNIT}.service": service, f"{UNIT}.timer": timer}


def _sd_quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"' if re.search(r"\s|\"", s) \
        else s


def systemd_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "systemd" / "user"


def install_cron(j: Job) -> str:
    crontab = shutil.which("crontab")
    if not crontab:
        raise ScheduleError("no `crontab` command on this machine; use --systemd, or add "
                            "the printed line with your scheduler")
    cur = subprocess.run([crontab, "-l"], capture_output=True, text=True, check=False)
    if cur.returncode != 0 and "no crontab" not in cur.stderr.lower():
        raise ScheduleError(f"crontab -l failed: {cur.stderr.strip()}")
    kept = [ln for ln in (cur.stdout if cur.returncode == 0 else "").splitlines()
            if not ln.rstrip().endswith(j.marker)]
    line = cron_line(j)
    new = "\n".join([*kept, line]) + "\n"
    done = subprocess.run([crontab, "-"], input=new, capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        raise ScheduleError(f"crontab - failed: {done.stderr.strip()}")
    return line


def install_systemd(j: Job) -> tuple[list[Path], list[str]]:
    """Write the units; enable the timer when systemctl is there. Returns the files and
    the commands that still have to be run (empty when the timer is active)."""
    d = systemd_dir()
    d.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in systemd_units(j).items():
        p = d / name
        p.write_text(text, encoding="utf-8")
        written.append(p)
    commands = [["systemctl", "--user", "daemon-reload"],
                ["systemctl", "--user", "enable", "--now", f"{UNIT}.timer"]]
    if not shutil.which("systemctl"):
        return written, [shlex.join(c) for c in commands]
    for c in commands:
        r = subprocess.run(c, capture_output=True, text=True, check=False)
        if r.returncode != 0:
            raise ScheduleError(
                f"units written to {d}, but `{shlex.join(c)}` failed: {r.stderr.strip()}; "
                f"run it by hand")
    return written, []

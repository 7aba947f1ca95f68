"""`yrd docs`: the dbt docs site of the published warehouse, served on localhost, offline.

dbt's index.html carries its JavaScript, CSS, fonts and icons inline. What would reach
the network is its usage tracker (a script from a CDN, loaded only when tracking is on);
it is switched off here and its address removed, so the page makes no outside request.
`static_index.html` (dbt docs generate --static) has the manifest and catalog inside it
and opens straight from disk; index.html fetches them from the local server.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from ingest.config import Settings

SITE_FILES = ("index.html", "static_index.html", "manifest.json", "catalog.json",
              "run_results.json")
# Script or style addresses that a browser would fetch from outside this machine.
EXTERNAL_ASSET = re.compile(
    r"""(?:src|href)\s*=\s*\\?["'](?:https?:)?//(?!localhost|127\.0\.0\.1|\[::1\])"""
    r"""|@import\s+url\(\s*["']?(?:https?:)?//"""
    r"""|url\(\s*["']?(?:https?:)?//(?!www\.w3\.org)"""
    r"""|\.src\s*=\s*["'](?:https?:)?//""",
    re.IGNORECASE)


class DocsError(RuntimeError):
    pass


@dataclass
class DocsSite:
    directory: Path

    @property
    def index(self) -> Path:
        return self.directory / "index.html"

    @property
    def static_index(self) -> Path:
        return self.directory / "static_index.html"


def make_offline(html: str) -> str:
    """Switch dbt docs' tracker off and remove every address it could load from outside."""
    # The tracker starts only when the manifest says tracking is on; make that never true.
    html = html.replace("!0===e.track&&r.turn_on_tracking()", "!1&&r.turn_on_tracking()")
    # Its loader script address (protocol-relative, so it would go out over http or https).
    html = re.sub(r"""(["'])(?:https?:)?//[a-z0-9.-]*cloudfront\.net/[^"']*\1""", '""', html)
    html = re.sub(r"""(newTracker["'],\s*["']sp["'],\s*)["'][^"']+["']""", r'\1""', html)
    # Google Fonts or any other external stylesheet, should a dbt version add one.
    html = re.sub(r"""<link[^>]+href=["'](?:https?:)?//[^"']+["'][^>]*>""", "", html)
    return html


def external_assets(html: str) -> list[str]:
    """Places in a page where a browser would fetch a script, style or font from outside."""
    return [html[max(0, m.start() - 40): m.end() + 60] for m in EXTERNAL_ASSET.finditer(html)]


def generate(cfg: Settings, out_dir: Path, *, warehouse: Path | None = None) -> DocsSite:
    """dbt docs generate (with --static) against a copy of the published warehouse."""
    source = warehouse or cfg.warehouse
    if not source.exists():
        raise DocsError(f"{source}: no published warehouse yet; run `yrd build` first")
    out_dir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "False")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    from dbt.cli.main import dbtRunner

    with tempfile.TemporaryDirectory(prefix="yrd-docs-") as tmp:
        # The catalog is read from a copy: dbt opens its database read-write.
        db = Path(tmp) / source.name
        shutil.copyfile(source, db)
        previous = os.environ.get("YRD_BUILD_DB")
        os.environ["YRD_BUILD_DB"] = str(db)
        try:
            res = dbtRunner().invoke([
                "docs", "generate", "--static",
                "--project-dir", str(cfg.project_root), "--profiles-dir", str(cfg.project_root),
                "--target-path", str(Path(tmp) / "target"), "--log-path", str(Path(tmp) / "logs"),
                "--quiet"])
        finally:
            if previous is None:
                os.environ.pop("YRD_BUILD_DB", None)
            else:
                os.environ["YRD_BUILD_DB"] = previous
        if not res.success:
            raise DocsError(f"dbt docs generate failed: {res.exception or 'see dbt log'}")
        for name in SITE_FILES:
            src = Path(tmp) / "target" / name
            if not src.exists():
                continue
            if name.endswith(".html"):
                (out_dir / name).write_text(make_offline(src.read_text(encoding="utf-8")),
                                            encoding="utf-8")
            else:
                shutil.copyfile(src, out_dir / name)
    site = DocsSite(out_dir)
    for page in (site.index, site.static_index):
        if page.exists() and (found := external_assets(page.read_text(encoding="utf-8"))):
            raise DocsError(f"{page} would load from the network: {found[0]!r}")
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def make_server(directory: Path, host: str = "127.0.0.1",
                port: int = 8080) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(_QuietHandler, directory=str(directory))
    return http.server.ThreadingHTTPServer((host, port), handler)


def serve_in_thread(directory: Path, host: str = "127.0.0.1", port: int = 0
                    ) -> tuple[http.server.ThreadingHTTPServer, threading.Thread]:
    """A server on a free port in a daemon thread (for tests); call .shutdown() after."""
    server = make_server(directory, host, port)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread

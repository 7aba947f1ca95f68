"""The direction of imports between the packages, as drawn in README (Development) and in
each package's docstring: data/ → ingest → raw → dbt → checks → publish → desk.

- ingest (the loader, the readers, the document extractor) never imports the application
  (yrd); the application uses ingest, not the other way round. The extractor
  (ingest.documents) uses only itself and the loader's decoding (ingest.decode).
- Within yrd: the desk (readers of the published file) never imports the build or the
  checks; the checks never import the desk or the build; the build never imports the desk;
  nothing imports the CLI, which imports everyone; yrd.ui and yrd.textsafe import no stage.
- What the desk and the checks may use of ingest: where files live (ingest.config), the
  build's memory limits (ingest.limits, checks only) and, for `yrd extract/verify/eval`,
  the document extractor (desk only). The loader itself (load, readers, sources,
  run_ingest) is the build's to call.

Every import counts, also those inside functions and under TYPE_CHECKING: a lazy import is
still a dependency. The checker is run on a small tree of its own too, so that this test is
seen to fail when a layer is crossed.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Rule:
    importer: str  # a module and everything under it
    forbidden: tuple[str, ...] = ()  # may not import these (and what is under them)
    only_from: tuple[str, tuple[str, ...]] | None = None  # of package P, only these


RULES = (
    Rule("ingest", forbidden=("yrd",)),
    Rule("ingest.documents", only_from=("ingest", ("ingest.documents", "ingest.decode"))),
    Rule("yrd.desk", forbidden=("yrd.build", "yrd.quality", "yrd.cli"),
         only_from=("ingest", ("ingest.config", "ingest.documents"))),
    Rule("yrd.quality", forbidden=("yrd.desk", "yrd.build", "yrd.cli"),
         only_from=("ingest", ("ingest.config", "ingest.limits"))),
    Rule("yrd.build", forbidden=("yrd.desk", "yrd.cli")),
    Rule("yrd.ui", forbidden=("yrd.build", "yrd.quality", "yrd.desk", "yrd.cli", "ingest")),
    Rule("yrd.textsafe", forbidden=("yrd.build", "yrd.quality", "yrd.desk", "yrd.cli",
                                    "yrd.ui", "ingest")),
    Rule("ingest.config", forbidden=("ingest.load", "ingest.sources", "ingest.documents",
                                     "ingest.run_ingest", "yrd")),
    Rule("ingest.limits", forbidden=("ingest.load", "ingest.sources", "ingest.documents",
                                     "ingest.run_ingest", "yrd")),
)
PACKAGES = ("ingest", "yrd")


def _under(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_module(name: str, root: Path) -> bool:
    base = root.joinpath(*name.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def imports_of(path: Path, root: Path) -> list[tuple[int, str]]:
    """(line, module) for every import in the file; `from a import b` counts as a.b when b
    is a module of the tree, else as a."""
    module = module_name(path, root)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolve against the importing package
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for a in node.names:
                full = f"{base}.{a.name}"
                found.append((node.lineno, full if _is_module(full, root) else base))
    return found


def violations(root: Path, rules: tuple[Rule, ...] = RULES) -> list[str]:
    out = []
    for pkg in PACKAGES:
        for path in sorted((root / pkg).rglob("*.py")):
            importer = module_name(path, root)
            for line, target in imports_of(path, root):
                for rule in rules:
                    if not _under(importer, rule.importer):
                        continue
                    where = f"{path.relative_to(root)}:{line}: {importer} imports {target}"
                    hit = next((f for f in rule.forbidden if _under(target, f)), None)
                    if hit is not None:
                        out.append(f"{where} ({rule.importer} must not import {hit})")
                    if rule.only_from is not None:
                        pkg_name, allowed = rule.only_from
                        if _under(target, pkg_name) and not any(
                                _under(target, a) for a in allowed):
                            out.append(f"{where} ({rule.importer} may use of {pkg_name} "
                                       f"only {', '.join(allowed)})")
    return out


def test_the_layers_hold() -> None:
    found = violations(ROOT)
    assert not found, "imports across the layers:\n" + "\n".join(found)


def test_every_module_is_seen() -> None:
    # Guards the checker itself: it must read the real tree, imports inside functions too.
    names = {module_name(p, ROOT) for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")}
    assert {"ingest.load", "yrd.cli", "yrd.desk.readonly", "yrd.build.publish"} <= names
    lazy = dict((t, n) for n, t in imports_of(ROOT / "yrd" / "build" / "pipeline.py", ROOT))
    assert "yrd.quality.runner" in lazy  # imported inside _run_locked


def _tree(tmp: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp


def test_a_crossing_is_caught(tmp_path: Path) -> None:
    root = _tree(tmp_path, {
        "ingest/__init__.py": "",
        "ingest/load.py": "def run():\n    from yrd.desk import readonly\n",
        "ingest/config.py": "",
        "yrd/__init__.py": "",
        "yrd/build/__init__.py": "",
        "yrd/build/publish.py": "",
        "yrd/desk/__init__.py": "",
        "yrd/desk/readonly.py": "from ingest.config import x\n",
        "yrd/desk/outputs.py": "from yrd.build.publish import versions_dir\n",
        "yrd/desk/shell.py": "from ..build import publish\nfrom ingest import load\n",
        "yrd/quality/__init__.py": "",
        "yrd/quality/runner.py": "import yrd.desk.readonly\n",
    })
    found = violations(root)
    assert any("ingest/load.py:2" in v and "must not import yrd" in v for v in found)
    assert any("yrd/desk/outputs.py:1" in v and "must not import yrd.build" in v
               for v in found)
    assert any("yrd/desk/shell.py:1" in v and "yrd.build.publish" in v for v in found)
    assert any("yrd/desk/shell.py:2" in v and "only ingest.config" in v for v in found)
    assert any("yrd/quality/runner.py:1" in v and "must not import yrd.desk" in v
               for v in found)
    assert not any("readonly.py" in v for v in found)  # desk may read ingest.config
    assert len(found) == 5, found

"""The faces (alerts, feeds, the API, the downloads) never import the site (`deputized.web`).

What several of them need (status, the data version, a place's display name, the event list)
lives in `history` or `places`; a face importing `web` would tie it to the site's pages and
caches, and a change to a page could then break an alert or a download. Every module of those
packages is parsed (not imported) and each `import` and `from … import` is checked, the lazy
ones inside functions too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "deputized"
FACES = ("alerts", "feeds", "api", "opendata", "documents")


def _imported(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
            if node.module == "deputized":  # `from deputized import web`: named in the alias
                found += [(node.lineno, f"deputized.{alias.name}") for alias in node.names]
    return found


def _site_imports(package: str) -> list[str]:
    offending = []
    for path in sorted((ROOT / package).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for line, module in _imported(tree):
            if module == "deputized.web" or module.startswith("deputized.web."):
                offending.append(f"{path.relative_to(ROOT.parent)}:{line} imports {module}")
    return offending


@pytest.mark.parametrize("package", FACES)
def test_no_face_imports_the_site(package):
    assert _site_imports(package) == []


def test_the_check_finds_an_import_of_the_site(tmp_path):
    """The walk sees top-level, lazy and `from deputized import web` imports alike."""
    source = (
        "from deputized.web.cache import data_version\n"
        "def f():\n    from deputized.web.selectors import county_statuses\n"
        "from deputized import web\n"
        "import deputized.web.figures\n"
    )
    modules = {m for _, m in _imported(ast.parse(source)) if m.startswith("deputized.web")}
    assert modules == {
        "deputized.web.cache",
        "deputized.web.selectors",
        "deputized.web",
        "deputized.web.figures",
    }

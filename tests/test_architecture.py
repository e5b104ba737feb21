"""Rules of the codebase that a reviewer would otherwise have to remember: the house drawn from
the imports (ui/ and main.py above core/, arrows one way, no circles), small modules, and
docstrings that say what each holds."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 400
#: modules allowed past MAX_LINES, and why
LONG = {
    "core/packs/pdf.py": "one ReportLab recipe: styles, flowables, the page template share state",
    "core/packs/docx.py": "one python-docx recipe, with the OOXML the library does not wrap",
    "core/schema.py": "the ordered migrations: a shipped one is never edited, so the file grows",
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def runtime_imports(path: Path) -> set[str]:
    """Modules imported when the module runs (an `if TYPE_CHECKING:` block only names types)."""
    tree = ast.parse(path.read_text("utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped |= {id(n) for child in node.body for n in ast.walk(child)}
    names: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def sources() -> list[Path]:
    return [
        *ROOT.joinpath("core").rglob("*.py"),
        *ROOT.joinpath("ui").rglob("*.py"),
        ROOT / "main.py",
    ]


def graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in sources()}
    return {
        name: {m for m in runtime_imports(path) if m in modules and m != name}
        for name, path in modules.items()
    }


def test_core_never_imports_qt_ui_or_main() -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(
            {m.split(".")[0] for m in runtime_imports(path)}
            & {"PySide6", "shiboken6", "ui", "main"}
        )
        for path in (ROOT / "core").rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_imports_have_no_circles() -> None:
    edges = graph()
    seen: dict[str, int] = {}  # 1 on the path, 2 done
    circles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        seen[node] = 1
        for nxt in sorted(edges[node]):
            if seen.get(nxt) == 1:
                circles.append(path[path.index(nxt) :] + [nxt])
            elif nxt not in seen:
                visit(nxt, [*path, nxt])
        seen[node] = 2

    for node in sorted(edges):
        if node not in seen:
            visit(node, [node])
    assert circles == []


def test_modules_are_small() -> None:
    long = {
        str(p.relative_to(ROOT)): n
        for p in sources()
        if (n := len(p.read_text("utf-8").splitlines())) > MAX_LINES
    }
    assert set(long) <= set(LONG), f"over {MAX_LINES} lines: {long}"
    assert len((ROOT / "ui" / "main_window.py").read_text("utf-8").splitlines()) < 300


def test_every_module_says_what_it_holds() -> None:
    missing = [
        str(path.relative_to(ROOT))
        for path in sources()
        if path.name != "__init__.py" or path.read_text("utf-8").strip()
        if ast.get_docstring(ast.parse(path.read_text("utf-8"))) is None
    ]
    assert missing == []


def test_every_folder_of_modules_is_a_package() -> None:
    # pyproject.toml finds packages by their __init__.py; a folder without one would be left
    # out of the wheel (tests/test_install.py would say so, but only in its slow run).
    lacking = sorted(
        str(folder.relative_to(ROOT))
        for top in ("core", "ui")
        for folder in [ROOT / top, *(ROOT / top).rglob("*")]
        if folder.is_dir()
        and folder.name != "__pycache__"
        and any(folder.glob("*.py"))
        and not (folder / "__init__.py").exists()
    )
    assert lacking == []

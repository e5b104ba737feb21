"""Rules of the codebase that a reviewer would otherwise have to remember."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_core_never_imports_qt_or_ui() -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_modules(path) & {"PySide6", "shiboken6", "ui"})
        for path in (ROOT / "core").rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_every_core_module_says_what_it_holds() -> None:
    missing = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "core").rglob("*.py")
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

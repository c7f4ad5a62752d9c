"""nutrition/ is a pure core: no framework or outer-package imports, no I/O, no clock."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "nutrition"
FORBIDDEN_MODULES = {
    "fastapi",
    "starlette",
    "sqlmodel",
    "sqlalchemy",
    "httpx",
    "httpx2",
    "api",
    "food_data",
    "pydantic",
    "requests",
    "urllib",
    "socket",
    "subprocess",
    "os",
    "pathlib",
    "shutil",
    "io",
    "sqlite3",
    "psycopg",
    "time",
    "random",
    "tempfile",
    "glob",
    "pickle",
    "logging",
}
FORBIDDEN_CALLS = {"open", "input", "print", "exec", "eval", "__import__"}
# Reading the clock or the environment makes a function impure: pass ``today``/``now`` in.
FORBIDDEN_ATTRIBUTES = {"now", "today", "utcnow", "getenv", "environ", "read_text", "read_bytes"}

FILES = sorted(PACKAGE.rglob("*.py"))


def test_the_package_has_modules():
    assert len(FILES) > 10


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_module_imports_nothing_impure(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots = {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            roots = {(node.module or "").split(".")[0]} if node.level == 0 else set()
        else:
            continue
        assert not roots & FORBIDDEN_MODULES, f"{path.name}:{node.lineno} imports {roots}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_module_does_no_io_and_reads_no_clock(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id not in FORBIDDEN_CALLS, (
                f"{path.name}:{node.lineno} calls {node.func.id}"
            )
        if isinstance(node, ast.Attribute):
            assert node.attr not in FORBIDDEN_ATTRIBUTES, (
                f"{path.name}:{node.lineno} uses .{node.attr}"
            )


def test_the_checker_catches_a_violation(tmp_path):
    # Guard against a checker that can never fail.
    bad = tmp_path / "bad.py"
    bad.write_text("import sqlmodel\nfrom datetime import datetime\nx = datetime.now()\n")
    with pytest.raises(AssertionError):
        test_module_imports_nothing_impure(bad)
    with pytest.raises(AssertionError):
        test_module_does_no_io_and_reads_no_clock(bad)

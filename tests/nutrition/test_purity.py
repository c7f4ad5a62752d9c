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
    "threading",
    "multiprocessing",
    "asyncio",
}
FORBIDDEN_CALLS = {"open", "input", "print", "exec", "eval", "__import__"}
# Reading the clock or the environment makes a function impure: pass ``today``/``now`` in.
FORBIDDEN_ATTRIBUTES = {"now", "today", "utcnow", "getenv", "environ", "read_text", "read_bytes"}
# Caches are state: precompute at build time, or cache in the service layer.
FORBIDDEN_NAMES = {"lru_cache", "cached_property", "Lock", "RLock"}
FORBIDDEN_FUNCTOOLS = {"cache", "lru_cache", "cached_property"}
#: The core's rooms, by concern.
SUBPACKAGES = ("food", "search", "person", "recommend", "cramps")
#: Profile fields a safety rule reads; only the safety module (and advice, which explains the
#: rules to the person) may look at them inside recommend/.
PROFILE_RULE_FIELDS = {"conditions", "medications", "allergies", "diet", "dislikes"}

FILES = sorted(PACKAGE.rglob("*.py"))


def test_the_package_has_modules():
    assert len(FILES) > 10


def test_the_core_is_split_by_concern():
    for name in SUBPACKAGES:
        assert (PACKAGE / name / "__init__.py").is_file(), name
    top = {p.name for p in PACKAGE.glob("*.py")}
    assert top <= {"__init__.py", "errors.py", "nutrients.py"}, top


@pytest.mark.parametrize("path", sorted((PACKAGE / "recommend").glob("*.py")), ids=lambda p: p.name)
def test_only_the_safety_module_reads_the_profile_for_rules(path):
    if path.name == "safety.py":
        return
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "profile"
        ):
            assert node.attr not in PROFILE_RULE_FIELDS, (
                f"{path.name}:{node.lineno} reads profile.{node.attr}: a rule belongs in safety.py"
            )


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
            assert node.attr not in FORBIDDEN_NAMES, f"{path.name}:{node.lineno} caches"
        if isinstance(node, ast.Name):
            assert node.id not in FORBIDDEN_NAMES, f"{path.name}:{node.lineno} caches"
        if isinstance(node, ast.ImportFrom) and node.module == "functools":
            names = {a.name for a in node.names}
            assert not names & FORBIDDEN_FUNCTOOLS, f"{path.name}:{node.lineno} imports a cache"


def test_the_checker_catches_a_violation(tmp_path):
    # Guard against a checker that can never fail.
    bad = tmp_path / "bad.py"
    bad.write_text("import sqlmodel\nfrom datetime import datetime\nx = datetime.now()\n")
    with pytest.raises(AssertionError):
        test_module_imports_nothing_impure(bad)
    with pytest.raises(AssertionError):
        test_module_does_no_io_and_reads_no_clock(bad)
    cached = tmp_path / "cached.py"
    cached.write_text("from functools import lru_cache\n")
    with pytest.raises(AssertionError):
        test_module_does_no_io_and_reads_no_clock(cached)
    rule = tmp_path / "score.py"
    rule.write_text("def f(profile):\n    return profile.conditions\n")
    with pytest.raises(AssertionError):
        test_only_the_safety_module_reads_the_profile_for_rules(rule)

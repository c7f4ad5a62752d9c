"""Where a route's work runs: on the event loop when it needs no I/O, else in a thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec, TypeVar

from fastapi.concurrency import run_in_threadpool

P = ParamSpec("P")
R = TypeVar("R")


async def run(in_memory: bool, fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """Call ``fn`` here when ``in_memory`` (pure computation over what the process holds: a
    thread hop would cost more than the work), else in the worker thread pool (it may block
    on the database)."""
    if in_memory:
        return fn(*args, **kwargs)
    return await run_in_threadpool(fn, *args, **kwargs)

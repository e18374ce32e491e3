"""Runs a coroutine to its end from synchronous code, whether or not a loop already runs here."""

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def run_to_end(coroutine: Coroutine[Any, Any, T]) -> T:
    """`asyncio.run(coroutine)`; in a thread whose event loop is running (a caller inside
    async code, or a synchronous Playwright session), in a thread of its own instead."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(asyncio.run, coroutine).result()

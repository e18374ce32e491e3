"""A real uvicorn server in a thread on a free local port, for HTTP clients and browsers.

`serve` runs any ASGI app; the `live_server` fixture serves the mini rulebook (two versions)
at its own address, once per test session.
"""

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI
from starlette.types import ASGIApp

MINI = Path(__file__).parent / "data" / "rulebooks" / "mini"
START_TIMEOUT = 10  # seconds


@contextmanager
def serve(make_app: Callable[[str], ASGIApp]) -> Iterator[str]:
    """Serve `make_app(base_url)` on 127.0.0.1 and a free port; yields that base URL.

    The app is given its base URL (`http://127.0.0.1:PORT/`) so that the URIs it mints lead
    back to it. The socket is bound before the app is made, so no other process can take the
    port in between.
    """
    # IPPROTO_TCP given, so that asyncio sets TCP_NODELAY on each connection: without it, a
    # response written in two parts waits 40 ms for the client's delayed ACK (Nagle).
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    listener.bind(("127.0.0.1", 0))
    base_url = f"http://127.0.0.1:{listener.getsockname()[1]}/"
    config = uvicorn.Config(make_app(base_url), log_level="warning", ws="none")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not server.started:
            assert thread.is_alive() and time.monotonic() < deadline, "server did not start"
            time.sleep(0.01)
        yield base_url
    finally:
        server.should_exit = True
        thread.join(timeout=START_TIMEOUT)
        listener.close()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL (`http://127.0.0.1:PORT/`) of a real server of the mini rulebook's app.

    Its data (an SQLite database, keys) lies in a temporary folder of the session.
    """
    # Imported here: this module is a plugin of every test run, the web app only of some.
    from leitplanke.settings import Settings
    from leitplanke.web import create_app

    settings = Settings(data_dir=tmp_path_factory.mktemp("live_server"))
    apps: list[FastAPI] = []

    def make_app(base_url: str) -> FastAPI:
        apps.append(create_app(MINI, base_url, settings))
        return apps[-1]

    with serve(make_app) as base_url:
        yield base_url
    apps[0].state.database.dispose()

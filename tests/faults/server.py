"""A local HTTP server that misbehaves the way publishers' servers do, for `ingest.http.fetch`.

Each route is a function of the request handler; HTTP/1.0 so that a body without Content-Length
ends when the connection closes, and one request is one connection.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Route = Callable[[http.server.BaseHTTPRequestHandler], None]


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def do_GET(self) -> None:
        server: _Server = self.server  # type: ignore[assignment]
        path = self.path.split("?", 1)[0]
        route = server.routes.get(path)
        if route is None:
            self.send_error(404, "Not Found")
            return
        route(self)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.routes: dict[str, Route] = {}
        # Set when the test is over: stalling routes stop waiting.
        self.release = threading.Event()

    def handle_error(self, request: object, client_address: object) -> None:
        # The client hangs up on purpose (timeouts, size caps): no traceback on the test's output.
        pass


class FaultServer:
    def __init__(self, server: _Server) -> None:
        self._server = server
        self.port = server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"

    def route(self, path: str, handler: Route) -> str:
        self._server.routes[path] = handler
        return self.base + path

    def stall(self, seconds: float = 10) -> None:
        self._server.release.wait(seconds)


@contextmanager
def fault_server() -> Iterator[FaultServer]:
    server = _Server()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield FaultServer(server)
    finally:
        server.release.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)

"""`dossier serve`: a live preview. Builds through `dossier build` (the same pipeline, hooks and
search index as a published site), serves the site folder on 127.0.0.1 and builds again when
anything under content/, the templates or mkdocs.yml changes. A failed build is reported and the
previous site stays served."""

from __future__ import annotations

import functools
import http.server
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from generator.errors import DossierError

log = logging.getLogger(__name__)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def watched_state(paths: Iterable[Path]) -> tuple[tuple[str, int, int], ...]:
    """Every file under `paths` with its size and modification time: a change in any of them
    (or a file added or removed) gives another value."""
    found = []
    for path in paths:
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for file in files:
            try:
                info = file.stat()
            except OSError:
                continue
            found.append((str(file), info.st_size, info.st_mtime_ns))
    return tuple(found)


def serve(
    site: Path,
    watched: list[Path],
    build: Callable[[], str],
    host: str = "127.0.0.1",
    port: int = 8000,
    interval: float = 1.0,
) -> None:
    """Build, serve `site` at http://host:port/ and build again on every change of `watched`,
    until interrupted."""
    print(build(), flush=True)
    handler = functools.partial(_QuietHandler, directory=os.fspath(site))
    server = http.server.ThreadingHTTPServer((host, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(
        f"serving http://{host}:{server.server_port}/ (Ctrl+C to stop); rebuilding when "
        f"{', '.join(p.name for p in watched)} change",
        flush=True,
    )
    state = watched_state(watched)
    try:
        while True:
            time.sleep(interval)
            now = watched_state(watched)
            if now == state:
                continue
            state = now
            try:
                print(build(), flush=True)
            except DossierError as exc:
                print(f"error: {exc} (still serving the previous site)", flush=True)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()

"""Save to page: from writing a content file to the preview's event announcing the new image.

`briefs serve` runs as a user runs it (its own process, the watcher on); a client holds the
document page's event stream open (`/events?doc=...&locale=en`, as the page script does),
edits one field of the English text, and times the write until the `page` event that names
the new image of page 1, and until every page of the new version is announced. The image is
then fetched, to prove it is served.
"""

from __future__ import annotations

import http.client
import json
import queue
import re
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

EVENT_TIMEOUT = 60.0


@dataclass(frozen=True)
class Edit:
    """One document, the field edited and the text given to it."""

    doc: str
    field: str


FLYER = Edit("river-dialogue-flyer", "kicker")
BRIEF = Edit("forum-key-messages", "place")


class Events:
    """A server-sent event stream read in a thread: (arrival time, event name, data)."""

    def __init__(self, port: int, path: str) -> None:
        self.queue: queue.Queue[tuple[float, str, dict[str, Any]]] = queue.Queue()
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=EVENT_TIMEOUT)
        self.connection.request("GET", path)
        self.response = self.connection.getresponse()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        name = "message"
        try:
            for raw in self.response:
                line = raw.decode("utf-8").rstrip("\r\n")
                if line.startswith("event: "):
                    name = line.removeprefix("event: ")
                elif line.startswith("data: "):
                    self.queue.put((time.perf_counter(), name,
                                    json.loads(line.removeprefix("data: "))))
        except (OSError, ValueError, AttributeError, http.client.HTTPException):  # closed
            return

    def until(self, wanted: Any, timeout: float = EVENT_TIMEOUT) -> tuple[float, dict[str, Any]]:
        deadline = time.perf_counter() + timeout
        while True:
            arrived, name, data = self.queue.get(timeout=max(deadline - time.perf_counter(), 0))
            if wanted(name, data):
                return arrived, data

    def close(self) -> None:
        self.connection.close()


def start_server(workspace: Path) -> tuple[subprocess.Popen[str], int]:
    server = subprocess.Popen([sys.executable, "-m", "briefs", "serve", "--port", "0"],
                              cwd=workspace, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              text=True)
    assert server.stdout is not None
    line = server.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if not match:
        server.kill()
        raise SystemExit(f"briefs serve did not start: {line!r}")
    return server, int(match[1])


def measure_edit(workspace: Path, port: int, edit: Edit, runs: int) -> dict[str, Any]:
    """Median seconds from the write to page 1's new image, and to the last page's."""
    events = Events(port, f"/events?doc={edit.doc}&locale=en")
    try:
        events.until(lambda name, data: name == "build" and data["builds"] >= 1
                     and not data["building"])
        path = workspace / "content" / edit.doc / "en.yaml"
        original = path.read_text(encoding="utf-8")
        first, last, served = [], [], []
        for run in range(runs):
            text = re.sub(rf"^{edit.field}: .*$", f"{edit.field}: Edit number {run} of the text",
                          original, count=1, flags=re.MULTILINE)
            time.sleep(0.3)  # a person types between saves
            written = time.perf_counter()
            path.write_text(text, encoding="utf-8")
            arrived, page = events.until(lambda name, data: name == "page"
                                         and data["doc"] == edit.doc and data["locale"] == "en"
                                         and data["page"] == 1)
            first.append(arrived - written)
            version = page["version"]
            if page["pages"] > 1:
                arrived, _ = events.until(lambda name, data, version=version: name == "page"
                                          and data["version"] == version
                                          and data["page"] == data["pages"])
            last.append(arrived - written)
            served.append(fetch_image(port, page["src"]))
        path.write_text(original, encoding="utf-8")
    finally:
        events.close()
    return {"first_page_s": round(statistics.median(first), 3),
            "all_pages_s": round(statistics.median(last), 3),
            "runs": runs, "pages": page["pages"], "image_served_s": round(max(served), 3)}


def fetch_image(port: int, src: str) -> float:
    start = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=EVENT_TIMEOUT)
    try:
        connection.request("GET", src)
        response = connection.getresponse()
        body = response.read()
        if response.status != 200 or not body.startswith(b"\x89PNG"):
            raise SystemExit(f"the announced image {src} was not served: {response.status}")
    finally:
        connection.close()
    return time.perf_counter() - start


def preview_figures(workspace: Path, runs: int) -> dict[str, Any]:
    """Save-to-page for the flyer and the brief, against a running `briefs serve`."""
    server, port = start_server(workspace)
    try:
        return {"flyer": measure_edit(workspace, port, FLYER, runs),
                "brief": measure_edit(workspace, port, BRIEF, runs)}
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()

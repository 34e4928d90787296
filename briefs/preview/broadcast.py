"""Server-sent events: messages from the builder thread to every open event stream."""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
from typing import Any


def sse(event: str, data: dict[str, Any]) -> str:
    """One server-sent event frame: its name and its data as JSON."""
    return f"event: {event}\ndata: {json.dumps(data)}\n\n"


class Broadcaster:
    """Hands messages from the builder thread to every listening event stream's queue."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queues: dict[asyncio.Queue[str | None], asyncio.AbstractEventLoop] = {}
        self._closed = False

    def subscribe(self) -> asyncio.Queue[str | None]:
        queue: asyncio.Queue[str | None] = asyncio.Queue()
        with self._lock:
            if self._closed:
                queue.put_nowait(None)
            else:
                self._queues[queue] = asyncio.get_running_loop()
        return queue

    def unsubscribe(self, queue: asyncio.Queue[str | None]) -> None:
        with self._lock:
            self._queues.pop(queue, None)

    def publish(self, message: str | None) -> None:
        with self._lock:
            listeners = list(self._queues.items())
        for queue, loop in listeners:
            with contextlib.suppress(RuntimeError):  # that stream's event loop is gone
                loop.call_soon_threadsafe(queue.put_nowait, message)

    def close(self) -> None:
        """End every stream (the server is stopping); later subscribers end at once."""
        with self._lock:
            self._closed = True
        self.publish(None)

    @property
    def listeners(self) -> int:
        return len(self._queues)

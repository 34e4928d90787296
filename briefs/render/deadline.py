"""Time limits on work for untrusted input: on the main thread, in workers and in threads."""

from __future__ import annotations

import ctypes
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

RENDER_SECONDS = 600
"""The longest one output may take to lay out and write (copyfitting attempts included)."""


class TimeLimitExceeded(Exception):
    """Work for one target took longer than it may."""

    def __init__(self, what: str, seconds: float) -> None:
        super().__init__(f"{what} took longer than {seconds:g} s and was stopped")
        self.what, self.seconds = what, seconds


@contextmanager
def time_limit(seconds: float, what: str) -> Iterator[None]:
    """Raise TimeLimitExceeded inside the block once `seconds` have passed.

    On the main thread a timer signal interrupts the block; on another thread (the preview's
    builder) a timer thread raises the exception in it asynchronously. Both reach Python code
    between two bytecodes at no cost while the clock runs (a C call in progress finishes
    first).
    """
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        def on_alarm(signum: int, frame: FrameType | None) -> None:
            raise TimeLimitExceeded(what, seconds)

        previous = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        return
    with _async_deadline(seconds, what):
        yield


@contextmanager
def _async_deadline(seconds: float, what: str) -> Iterator[None]:
    """Raise TimeLimitExceeded in this (not main) thread after `seconds`, with CPython's
    PyThreadState_SetAsyncExc, the one way to interrupt another thread's Python code without
    slowing it down (a trace function made WeasyPrint several times slower)."""

    class Expired(TimeLimitExceeded):
        def __init__(self) -> None:
            super().__init__(what, seconds)

    thread_id = threading.get_ident()
    lock = threading.Lock()
    state = {"done": False, "fired": False}

    def expire() -> None:
        with lock:
            if not state["done"]:
                state["fired"] = True
                _set_async_exception(thread_id, Expired)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["done"] = True
            if state["fired"]:  # raised too late to matter, or not raised yet: never after
                _set_async_exception(thread_id, None)
        timer.cancel()


def _set_async_exception(thread_id: int, exception: type[BaseException] | None) -> None:
    """Ask CPython to raise `exception` in the thread `thread_id` (None withdraws the ask)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exception) if exception else None)

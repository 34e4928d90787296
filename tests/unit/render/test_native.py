"""WeasyPrint imported without ctypes' library search: the same libraries, no subprocesses,
and the usual import when the loader alone cannot open what the search finds."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="the search runs subprocesses on Linux only")

OPENED = """
import json, sys
{before}
{importing}
import weasyprint.text.ffi as ffi
maps = open("/proc/self/maps").read().split()
libraries = sorted({{word.rsplit("/", 1)[-1] for word in maps if "/lib" in word and (
    "harfbuzz" in word or "pango" in word or "gobject" in word or "fontconfig" in word)}})
print(json.dumps({{"libraries": libraries, "searched": searched,
                  "subset": ffi.harfbuzz_subset is not None,
                  "vector": ffi.harfbuzz_vector is not None}}))
"""
COUNTING = """
import ctypes.util
searched = []
real = ctypes.util.find_library
def counting(name):
    searched.append(name)
    return real(name)
ctypes.util.find_library = counting
"""


def _opened(importing: str, before: str = COUNTING) -> dict[str, object]:
    script = OPENED.format(before=before, importing=importing)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True, timeout=120)
    return json.loads(done.stdout.splitlines()[-1])  # type: ignore[no-any-return]


def test_the_same_libraries_are_opened_without_a_search() -> None:
    usual = _opened("import weasyprint")
    native = _opened("from briefs.render.native import import_weasyprint; import_weasyprint()")
    assert native["libraries"] == usual["libraries"]
    assert (native["subset"], native["vector"]) == (usual["subset"], usual["vector"])
    assert len(usual["searched"]) > 5  # type: ignore[arg-type]  (what the module avoids)
    # At most one search per optional library that the loader alone did not open.
    assert len(native["searched"]) <= 2  # type: ignore[arg-type]


def test_a_library_only_the_search_finds_is_found_the_usual_way() -> None:
    """The loader refuses Pango's Linux name (as for a library outside its paths): the
    search finds it, WeasyPrint is imported the usual way, and its advice is not printed."""
    refusing = COUNTING + """
import cffi
real_dlopen = cffi.FFI.dlopen
def dlopen(self, name, flags=0):
    if name == "libpango-1.0.so.0":
        raise OSError("refused")
    return real_dlopen(self, name, flags)
cffi.FFI.dlopen = dlopen
"""
    script = OPENED.format(before=refusing, importing=(
        "from briefs.render.native import import_weasyprint; import_weasyprint()"))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True, timeout=120)
    opened = json.loads(done.stdout)  # one line: WeasyPrint's advice was not printed
    assert any(name.startswith("libpango-1.0") for name in opened["libraries"])
    assert "pango-1.0" in opened["searched"]


def test_an_optional_library_the_search_finds_is_opened_the_usual_way() -> None:
    """The vector library under a name only the search knows: imported again, with it."""
    finding = """
import ctypes.util
searched = []
real = ctypes.util.find_library
def finding(name):
    searched.append(name)
    return "libharfbuzz.so.0" if "harfbuzz-vector" in name else real(name)
ctypes.util.find_library = finding
"""
    opened = _opened("from briefs.render.native import import_weasyprint; import_weasyprint()",
                     finding)
    assert opened["vector"]


THREADED = """
import ctypes.util, importlib.abc, json, sys, threading, time
from briefs.render import native
real_find, real_stdout = ctypes.util.find_library, sys.stdout


class Slow(importlib.abc.MetaPathFinder):
    # WeasyPrint's import made slow, so that every thread below asks while it runs
    def find_spec(self, name, path=None, target=None):
        if name == "weasyprint":
            time.sleep(0.3)
        return None


sys.meta_path.insert(0, Slow())
start, found, seen = threading.Barrier(7), [], []


def importing():
    start.wait()
    native.import_weasyprint()
    import weasyprint
    found.append(hasattr(weasyprint, "HTML"))


def other():  # a server thread at work meanwhile: its search and its output go through
    start.wait()
    time.sleep(0.1)
    seen.append(ctypes.util.find_library("c"))
    print("other thread")


threads = [threading.Thread(target=importing) for _ in range(6)]
threads.append(threading.Thread(target=other))
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(json.dumps({"found": found, "seen": seen,
                  "restored": ctypes.util.find_library is real_find and sys.stdout is real_stdout}))
"""


def test_threads_import_it_once_and_leave_the_process_as_it_was() -> None:
    """Six threads of a server ask at once while a seventh searches and prints: WeasyPrint
    is imported once and whole for all of them, `find_library` and `sys.stdout` are the
    process's own again after it, and the other thread's search and output were not taken
    (unlocked, two imports each restored the other's stand-in and left it for good)."""
    done = subprocess.run([sys.executable, "-c", THREADED], capture_output=True, text=True,
                          check=True, timeout=120)
    lines = done.stdout.splitlines()
    assert lines, "nothing printed: stdout was left swapped"
    result = json.loads(lines[-1])
    assert result["found"] == [True] * 6 and result["restored"], result
    assert result["seen"][0] and "other thread" in lines[:-1], (result, lines)

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

"""Stream data deflated as pydyf does, kept by digest for a render of the same data again
(render/deflated.py, used by conformance.no_carriage_return_before_endstream)."""

from __future__ import annotations

import zlib
from typing import Any

import pytest

from briefs.render import deflated
from briefs.render.deflated import MIN_BYTES, DeflatedStreams


def _pydyf(data: bytes) -> bytes:
    compressor = zlib.compressobj(level=9)  # what pydyf does
    return compressor.compress(data) + compressor.flush()


@pytest.fixture
def deflates(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The sizes of the data actually deflated."""
    sizes: list[int] = []
    real = deflated._deflate

    def counted(data: bytes) -> Any:
        sizes.append(len(data))
        return real(data)

    monkeypatch.setattr(deflated, "_deflate", counted)
    return sizes


def test_data_met_again_is_deflated_once_and_the_bytes_are_pydyf_s(deflates: list[int]) -> None:
    streams = DeflatedStreams()
    page = b"\n".join(b"BT /F1 9 Tf [<%04x>] TJ ET" % n for n in range(400))
    assert streams.deflated(page) == _pydyf(page)
    assert streams.deflated(page) == _pydyf(page)
    assert deflates == [len(page)]
    other = page + b"\nq Q"
    assert streams.deflated(other) == _pydyf(other) and len(deflates) == 2


def test_small_data_is_deflated_every_time(deflates: list[int]) -> None:
    streams = DeflatedStreams()
    small = b"q 1 0 0 1 0 0 cm Q" * ((MIN_BYTES - 1) // 18)
    assert len(small) < MIN_BYTES
    for _ in range(2):
        assert streams.deflated(small) == _pydyf(small)
    assert len(deflates) == 2


def test_the_kept_data_is_bounded(deflates: list[int]) -> None:
    first, second = (bytes(range(256)) * 40 + bytes([n]) for n in range(2))  # incompressible
    size = len(_pydyf(first))
    streams = DeflatedStreams(limit=size + size // 2)
    streams.deflated(first)
    streams.deflated(second)  # over the limit: the first dropped
    streams.deflated(second)
    streams.deflated(first)
    assert len(deflates) == 3

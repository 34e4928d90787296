"""Layout records: kept signed for one output's inputs, refused when forged or malformed."""

from __future__ import annotations

import copy

from briefs.core.diagnostics import Problem
from briefs.render.layout_record import MAX_CSS_CHARS, LayoutRecord, opened, sealed

KEY = b"k" * 32
RECORD = LayoutRecord(":root { --fit-body: 9.5pt !important; }", 4, ("body 9.5 pt",),
                      (Problem.warning("layout.near-empty-page", "page 3 is 80% empty",
                                       page=3),))


def test_a_sealed_record_opens_for_the_same_output_and_key() -> None:
    assert opened(sealed(RECORD, "cache-key", KEY), "cache-key", KEY) == RECORD


def test_a_record_opens_only_for_its_output_and_with_the_users_key() -> None:
    data = sealed(RECORD, "cache-key", KEY)
    assert opened(data, "another-output", KEY) is None
    assert opened(data, "cache-key", b"x" * 32) is None
    assert opened(data, "cache-key", None) is None  # no key: nothing stored is trusted


def test_a_forged_record_is_refused() -> None:
    data = sealed(RECORD, "cache-key", KEY)
    forged = copy.deepcopy(data)
    forged["record"]["css"] = "body { display: none !important; }"
    assert opened(forged, "cache-key", KEY) is None
    unsigned = {"record": data["record"]}
    assert opened(unsigned, "cache-key", KEY) is None


def test_malformed_records_are_ignored_even_when_signed() -> None:
    for plain in ({"css": 1, "pages": 4, "fitted": [], "warnings": []},
                  {"css": "", "pages": 0, "fitted": [], "warnings": []},
                  {"css": "", "pages": True, "fitted": [], "warnings": []},
                  {"css": "", "pages": 2, "fitted": [3], "warnings": []},
                  {"css": "", "pages": 2, "fitted": [], "warnings": ["text"]},
                  {"css": "x" * (MAX_CSS_CHARS + 1), "pages": 2, "fitted": [],
                   "warnings": []}):
        signed = sealed(LayoutRecord("", 1), "k", KEY)
        signed["record"] = plain
        from briefs.render import layout_record

        signed["hmac"] = layout_record._signature(KEY, "k", plain)
        assert opened(signed, "k", KEY) is None, plain
    for data in (None, [], "text", {"record": [], "hmac": "00"}, {"record": {}, "hmac": 3}):
        assert opened(data, "k", KEY) is None

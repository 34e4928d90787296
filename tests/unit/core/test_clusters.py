"""Grapheme clusters: boundaries and the word mask, checked against their definitions."""

from __future__ import annotations

import itertools

import pytest

from briefs.core.clusters import boundaries, clusters, widen, word_mask

TEXTS = ["", "Hello, world_1 — ²³ ½ Ⅻ", "क्षत्रिय नमस्ते", "สวัสดีครับ", "中文，日本語。",
         "مرحبا بالعالم ١٢٣", "e\u0301te\u0301 ok", "👩‍👩‍👧 family", "a_b-c 3.14",
         "Ελληνικά", "한국어 문장", "x\u200dy\u200cz", "\u0301 alone"]


def by_definition(text: str) -> str:
    """Each character of a cluster starting with a letter or digit is `a`; others stay."""
    return "".join("a" * len(cluster) if cluster[0].isalnum() else cluster
                   for cluster in clusters(text))


@pytest.mark.parametrize("text", TEXTS)
def test_the_word_mask_is_its_definition(text: str) -> None:
    mask = word_mask(text)
    assert mask == by_definition(text) and len(mask) == len(text)


@pytest.mark.parametrize("text", TEXTS)
def test_boundaries_are_where_clusters_start_and_the_end(text: str) -> None:
    bounds = boundaries(text)
    assert bounds[0] == 0 and bounds[-1] == len(text)
    assert [text[a:b] for a, b in itertools.pairwise(bounds)] == clusters(text)


def test_a_span_is_widened_to_whole_clusters() -> None:
    text = "नमस्ते"  # न म स्ते: the last cluster is three characters
    assert widen(3, 4, boundaries(text)) == (2, 6)

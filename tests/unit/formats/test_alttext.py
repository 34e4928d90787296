"""Alt text from the document's words: reading order, one block a line, hidden parts left out."""

from __future__ import annotations

from briefs.formats.alttext import MAX_CHARS, alt_text

HTML = """<html lang="en"><head><title>Not this</title><style>p{}</style></head><body>
<header><img class="logo" src="x" alt="Brand  Name"><p class="kicker">Dialogue</p>
<h1>Making   Room
for the River</h1></header>
<figure><img src="y" alt="A meandering river."><figcaption><span class="caption">The
floodplain.</span> <span class="credit">© Alliance</span></figcaption></figure>
<div class="context"><p>Long text<span class="footnote">a note</span> here.</p></div>
<dl><dt>Date</dt><dd>11 June</dd></dl>
<ul class="consent"><li><span class="box" aria-hidden="true">[]</span>I agree</li></ul>
<script>alert(1)</script>
</body></html>"""


def test_blocks_in_reading_order_one_a_line() -> None:
    assert alt_text(HTML).splitlines() == [
        "Brand Name", "Dialogue", "Making Room for the River", "A meandering river.",
        "The floodplain.", "© Alliance", "Long texta note here.", "Date", "11 June",
        "I agree"]


def test_what_the_image_leaves_out_is_left_out_of_its_text() -> None:
    text = alt_text(HTML, ("context", "consent", "figcaption"))
    assert "Long text" not in text and "I agree" not in text and "floodplain." not in text
    assert "Making Room for the River" in text


def test_an_inline_hidden_part_is_left_out_of_its_line() -> None:
    assert "Long text here." in alt_text(HTML, ("footnote",))


def test_no_script_no_head_and_bounded() -> None:
    text = alt_text(HTML)
    assert "alert" not in text and "Not this" not in text
    huge = "<body>" + "<p>word</p>" * 10 + f"<p>{'x ' * MAX_CHARS}</p></body>"
    assert len(alt_text(huge)) <= MAX_CHARS + 1

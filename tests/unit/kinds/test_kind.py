"""What a kind says about its documents: the overflow advice names the photo only when the
document has one; every kind's prose takes figures' words and keywords."""

from __future__ import annotations

from types import SimpleNamespace

from briefs.kinds.flyer import KIND as FLYER
from briefs.kinds.key_messages import KIND as KEY_MESSAGES


def test_the_advice_names_the_photo_only_when_there_is_one() -> None:
    with_photo = SimpleNamespace(image=SimpleNamespace(src="images/a.jpg"))
    without = SimpleNamespace(image=None)
    assert FLYER.optional_advice(with_photo) == "a teaser or the photo (image)"
    assert FLYER.optional_advice(without) == "a teaser"
    assert KEY_MESSAGES.optional_advice(without) == "a message or the pull quote"


def test_every_kind_prose_has_figure_words_and_keywords() -> None:
    for kind in (FLYER, KEY_MESSAGES):
        assert {"body_figures", "keywords"} <= set(kind.text_model.model_fields)

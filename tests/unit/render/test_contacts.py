"""Contact blocks: one or several, merged item by item; only the first takes the brand's."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from briefs.content.schema import ContactBlock
from briefs.kinds.key_messages import KeyMessagesSettings
from briefs.render.context import merged_contacts

BRAND: Any = SimpleNamespace(model=SimpleNamespace(contact=ContactBlock(
    unit="Communications", email="team@example.org", website="www.example.org")))


def contacts(settings: object, text: object) -> list[ContactBlock]:
    document: Any = SimpleNamespace(settings=SimpleNamespace(contact=settings))
    return merged_contacts(BRAND, document, SimpleNamespace(contact=text))


def test_one_block_is_merged_over_the_brands() -> None:
    [block] = contacts(ContactBlock(email="forum@example.org"),
                       ContactBlock(unit="Policy Section", branch="Practice Branch"))
    assert (block.unit, block.branch, block.email, block.website) == (
        "Policy Section", "Practice Branch", "forum@example.org", "www.example.org")


def test_several_blocks_are_merged_item_by_item() -> None:
    first, second = contacts(
        [ContactBlock(email="policy@example.org"), ContactBlock(email="press@example.org")],
        [ContactBlock(unit="Policy Section"),
         ContactBlock(label="Media enquiries", name="Ana Ruiz", phone="+1 555 0100")])
    assert (first.unit, first.email, first.website) == (
        "Policy Section", "policy@example.org", "www.example.org")
    assert (second.label, second.name, second.email, second.phone) == (
        "Media enquiries", "Ana Ruiz", "press@example.org", "+1 555 0100")
    assert second.website is None and second.unit is None  # the brand's only fill the first


def test_no_block_at_all_is_the_brands() -> None:
    assert contacts(None, None) == [BRAND.model.contact]


def test_a_brief_takes_a_list_of_contacts() -> None:
    settings = KeyMessagesSettings.model_validate({
        "kind": "key-messages", "event": {"start": "2021-10"}, "cover_image": {"src": "x.jpg"},
        "contact": [{"email": "a@example.org"}, {"email": "b@example.org"}]})
    assert isinstance(settings.contact, list) and len(settings.contact) == 2


def test_a_block_with_nothing_under_its_heading_is_left_out() -> None:
    document: Any = SimpleNamespace(settings=SimpleNamespace(contact=None))
    empty: Any = SimpleNamespace(model=SimpleNamespace(contact=ContactBlock()))
    assert merged_contacts(empty, document, SimpleNamespace(contact=None)) == []
    labelled = SimpleNamespace(contact=ContactBlock(label="Contact us:"))
    assert merged_contacts(empty, document, labelled) == []


def test_a_workspace_kinds_own_contact_field_is_used() -> None:
    """A kind.yaml `contact: {type: object, fields: {name, email, ...}}` is its own model,
    not briefs' ContactBlock: its fields named like a block's are printed (they were
    ignored, and the brand's defaults printed instead)."""
    from pydantic import create_model

    Own = create_model("Own", name=(str | None, None), email=(str | None, None),
                       room=(str | None, None))
    [block] = contacts(None, Own(name="Lea Park", email="lea@example.org", room="B12"))
    assert (block.name, block.email, block.unit) == ("Lea Park", "lea@example.org",
                                                     "Communications")
    assert [b.email for b in contacts(None, [Own(email="a@example.org"),
                                             Own(email="b@example.org")])] == [
        "a@example.org", "b@example.org"]

"""A template that reads a field that is not there is told the kind of value, the field, and
the nearest field it does have."""

from __future__ import annotations

import jinja2
import pytest

from briefs.content.dates import DateSpan, PartialDate
from briefs.render.exposure import Record, template_data
from briefs.render.undefined import TemplateUndefined


def render(source: str, **context: object) -> str:
    env = jinja2.Environment(undefined=TemplateUndefined)
    return env.from_string(source).render(template_data(context))


def message(source: str, **context: object) -> str:
    with pytest.raises(jinja2.UndefinedError) as caught:
        render(source, **context)
    return str(caught.value.message)


def test_a_misspelt_field_of_a_record_names_the_record_and_the_nearest_field() -> None:
    doc = Record({"title": "x", "event": Record({"date": 1}, "EventTime")}, "FlyerSettings")
    assert message("{{ doc.evnt }}", doc=doc) == (
        "FlyerSettings has no field 'evnt' (did you mean 'event'?)")
    assert message("{{ doc.event.dat }}", doc=doc) == (
        "EventTime has no field 'dat' (did you mean 'date'?)")


def test_with_no_near_name_the_fields_are_listed() -> None:
    doc = Record({"title": "x", "summary": "y"}, "Brief")
    assert message("{{ doc.zzz }}", doc=doc) == "Brief has no field 'zzz' (it has: summary, title)"


def test_a_value_that_is_not_a_record_is_named_in_plain_words() -> None:
    span = DateSpan(PartialDate(2021, 10, 19), PartialDate(2021, 10, 20))
    assert message("{{ span.strt }}", span=span) == (
        "DateSpan has no field 'strt' (did you mean 'start'?)")
    assert message("{{ text.colour }}", text="plain").startswith("a text has no field 'colour'")


def test_an_undefined_name_keeps_jinjas_message() -> None:
    assert message("{{ nothing }}") == "'nothing' is undefined"


def test_a_field_called_kind_is_the_datas_own() -> None:
    """The record's own kind name never shadows a field of the data."""
    assert render("{{ doc.kind }}", doc={"kind": "flyer"}) == "flyer"

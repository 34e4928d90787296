"""Field descriptions: no docstring search as the models are made, every description when asked."""

from __future__ import annotations

import textwrap

import pytest
from pydantic import BaseModel, ConfigDict, Field

from briefs.content.descriptions import described
from briefs.content.schema import Generated, Strict
from tests.conftest import run_python

IMAGE_ALT = "What the image shows, for readers who cannot see it."
"""The docstring of `ImageText.alt`, a model nested in every kind's prose with images."""
PUBLISHED = "Creation date written into the PDF"
"""The start of the docstring of `CommonSettings.published`, which every kind's settings
(a kind.yaml kind's too) inherit."""
FLYER = """
from briefs.core.diagnostics import Diagnostics
from briefs.kinds.registry import builtin_kinds
flyer = {kind.name: kind for kind in builtin_kinds(Diagnostics())}["flyer"]
"""


def test_importing_the_models_searches_no_source_for_docstrings() -> None:
    # pydantic's search reads the calling frames' source for each class: ~35 ms a process
    code = textwrap.dedent("""
        import pydantic._internal._fields as fields
        calls = []
        search = fields.extract_docstrings_from_cls
        fields.extract_docstrings_from_cls = lambda cls, **kw: calls.append(cls) or search(
            cls, **kw)
        import briefs.pipeline.entry
        from briefs.core.diagnostics import Diagnostics
        from briefs.kinds.registry import builtin_kinds
        from briefs.content.schema import Strict
        kinds = builtin_kinds(Diagnostics())
        print(len(calls), sorted({cls.__name__ for cls in calls})[:5])
        print(Strict.model_config.get("use_attribute_docstrings", False))
    """)
    assert run_python(code).split("\n")[:2] == ["0 []", "False"]


@pytest.mark.parametrize("consumer, texts", [
    ("from briefs.scaffold.editor_schema import model_schema\n"
     "print(model_schema(flyer.text_model, 'prose'))", [IMAGE_ALT]),
    ("from briefs.scaffold.editor_schema import document_schema\n"
     "print(document_schema([(flyer.name, flyer.settings_model)]))", [PUBLISHED]),
    ("from briefs.scaffold.document import starter_files\n"
     "print(starter_files(flyer))", [IMAGE_ALT]),
    ("from briefs.kinds.reference import field_reference\n"
     "print(field_reference(flyer))", [IMAGE_ALT]),
], ids=["editor-schema", "document-schema", "starter", "reference"])
def test_each_consumer_gets_the_descriptions(consumer: str, texts: list[str]) -> None:
    # each in a process of its own: in this one, another test may have described the models
    out = run_python(FLYER + consumer)
    for text in texts:
        assert text in out


def test_a_kind_yaml_kind_keeps_its_help_and_gets_the_common_settings_docstrings() -> None:
    code = FLYER + textwrap.dedent("""
        from briefs.kinds.spec import KindSpec, build_models
        from briefs.scaffold.editor_schema import document_schema
        spec = KindSpec.model_validate({
            "description": "A report", "title_field": "title",
            "settings": {"venue": {"type": "text", "help": "Where it was held."}},
            "text": {"title": {"type": "text", "required": True},
                     "photo": {"type": "text", "help": "Shown under the photo."}}})
        settings, text = build_models("report", spec)
        print(document_schema([("report", settings)]))
        print(settings.model_fields["published"].description is not None)
    """)
    out = run_python(code)
    assert PUBLISHED in out and "Where it was held." in out
    assert out.rstrip().endswith("True")


SCHEMAS = """
import json
{search}
from briefs.brand.model import Brand
from briefs.content.config import WorkspaceConfig
from briefs.content.descriptions import described
from briefs.core.diagnostics import Diagnostics
from briefs.kinds.registry import builtin_kinds
models = [WorkspaceConfig, Brand, *[model for kind in builtin_kinds(Diagnostics())
                                    for model in (kind.settings_model, kind.text_model)]]
print(json.dumps([{described}(model).model_json_schema() for model in models]))
"""


def test_described_schemas_are_those_of_pydantic_s_own_search() -> None:
    # every model the consumers write, against pydantic searching every model's source
    searched = run_python(SCHEMAS.format(
        search="import pydantic._internal._config as config\n"
               "config.config_defaults['use_attribute_docstrings'] = True", described=""))
    assert searched.count('"description"') > 200
    assert run_python(SCHEMAS.format(search="", described="described")) == searched


def family(base: type[BaseModel]) -> type[BaseModel]:
    """The same models on `base`: docstrings, an explicit description, nesting, a subclass
    that declares a field again without a docstring, and one made by `create_model`."""
    from pydantic import create_model

    class Inner(base):  # type: ignore[valid-type,misc]
        a: int = 0
        """Inner a."""

    class Parent(base):  # type: ignore[valid-type,misc]
        x: int = 0
        """Parent x."""
        y: int = Field(0, description="explicit y")
        """not this one"""
        inner: list[Inner] = Field(default_factory=list)
        """The inner ones."""
        plain: str = ""

    class Child(Parent):
        x: int = 1
        z: Inner | None = None
        """Child z."""

    made = create_model("Made", __base__=(Child, Generated), w=(int, 0))
    return create_model("Top", __base__=(base, Generated), child=(Child, None),
                        made=(made, None))


class Searched(Strict):
    """Strict as it was: pydantic searches the source at import."""

    model_config = ConfigDict(use_attribute_docstrings=True)


def test_described_gives_what_pydantic_s_docstring_search_gave() -> None:
    before = family(Searched).model_json_schema()
    after = described(family(Strict)).model_json_schema()
    for text in ("Inner a.", "The inner ones.", "Child z.", "explicit y"):
        assert text in str(before)
    assert "Parent x." not in str(before)  # Child declares x again, with no docstring
    assert after == before


def test_described_twice_is_described_once() -> None:
    model = family(Strict)
    assert described(model) is model
    schema = model.model_json_schema()
    assert described(model).model_json_schema() == schema
    assert model.model_validate({"child": {"x": 2, "inner": [{"a": 1}]}}).child.inner[0].a == 1


@pytest.mark.parametrize("module", ["nowhere", "builtins"])
def test_a_model_whose_source_cannot_be_read_gets_no_descriptions(module: str) -> None:
    namespace: dict[str, object] = {"__name__": module, "Strict": Strict}
    exec("class Unread(Strict):\n    a: int = 0\n    '''Never read.'''\n", namespace)
    model = described(namespace["Unread"])  # type: ignore[arg-type]
    assert model.model_fields["a"].description is None

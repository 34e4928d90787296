"""What a document kind is: its schemas, template, stylesheet, starter, title, page rule, cost."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import Field, create_model

from briefs.content.schema import CommonSettings, FigureText, Generated, ShortText, Slug, Strict
from briefs.kinds.fit_levers import FitStep

TEMPLATE_FILE = "template.html.j2"
STYLE_FILE = "style.css"
STARTER_DIR = "starter"


@dataclass(frozen=True)
class PageRule:
    """How long a document of a kind may be.

    `fixed` caps every document (a flyer: 1 page); otherwise the settings field named
    `setting` caps it (a brief's `max_pages`), and `default` applies when it is not set.
    """

    fixed: int | None = None
    setting: str | None = None
    default: int | None = None

    def limit(self, settings: Any) -> int | None:
        """The page limit for one document's settings (None: no limit)."""
        if self.fixed is not None:
            return self.fixed
        value = getattr(settings, self.setting, None) if self.setting else None
        return value if isinstance(value, int) else self.default


@dataclass(frozen=True)
class Kind:
    """One kind of document, complete: everything briefs needs to validate, lay out, start,
    translate and shard documents of this kind. Built-in kinds, kinds from plug-in packages
    (entry point `briefs.kinds`) and kinds a workspace defines in `kinds/<name>/` are all this.

    `folder` holds `template.html.j2`, `style.css` and `starter/` (document.yaml,
    source.yaml, images). A workspace's `templates/<name>.html.j2` and
    `styles/common/<name>.css` replace the kind's own files.
    """

    name: str
    description: str
    settings_model: type[CommonSettings]
    text_model: type[Strict]
    folder: Path
    title_field: str = "title"
    pages: PageRule = field(default_factory=PageRule)
    cost: float = 2.0
    """Relative render time, for balancing CI shards (a one-page flyer is 1)."""
    origin: str = "built in"
    fit: tuple[FitStep, ...] = ()
    """Copyfitting: the steps tried, in order, when a document is longer than its page
    limit (`kinds/fit_levers.py`); none: an overflow is an error at once."""
    optional_blocks: str = ""
    optional_images: tuple[str, ...] = ()
    """Image settings whose prose may be marked optional (the flyer's `image`): named in the
    overflow advice only when the document has one."""
    """Which blocks the content may mark `optional: true`, in words, for the overflow error
    ("a teaser in more_events, or the image")."""

    def __post_init__(self) -> None:
        """Every kind's prose may describe the figures its settings name (`body_figures:`)
        and translate the PDF's keywords (`keywords:`)."""
        if "body_figures" not in self.text_model.model_fields:
            object.__setattr__(self, "text_model", with_common_texts(self.text_model))

    def optional_advice(self, settings: Any) -> str:
        """What the content may mark `optional: true`, as the overflow advice says it: "a
        teaser or the photo (image)", without the photo when the document has none."""
        images = [f"the photo ({name})" for name in self.optional_images
                  if getattr(settings, name, None) is not None]
        return " or ".join([self.optional_blocks, *images]) if self.optional_blocks else ""

    @property
    def template_name(self) -> str:
        """The name templates and documents use for this kind's template."""
        return f"{self.name}.html.j2"

    @property
    def template_file(self) -> Path:
        return self.folder / TEMPLATE_FILE

    @property
    def stylesheet_name(self) -> str:
        """The workspace file (under styles/) that replaces the kind's own stylesheet."""
        return f"common/{self.name}.css"

    @property
    def stylesheet_file(self) -> Path:
        return self.folder / STYLE_FILE

    @property
    def starter_dir(self) -> Path:
        return self.folder / STARTER_DIR

    def title_of(self, text: Any) -> str:
        """The document's title in one locale's prose (a model or plain data)."""
        value = text.get(self.title_field) if isinstance(text, dict) else \
            getattr(text, self.title_field, None)
        return value if isinstance(value, str) else ""


def with_common_texts(model: type[Strict]) -> type[Strict]:
    """`model` with the prose every kind has: the words of the document's figures (title,
    caption, credit, labels), and the PDF's keywords in the locale."""
    keywords: dict[str, Any] = {} if "keywords" in model.model_fields else {
        "keywords": (list[ShortText], Field(default_factory=list, description=(
            "The PDF's keywords in this language (default: document.yaml's)")))}
    return create_model(  # type: ignore[call-overload,no-any-return]
        model.__name__, __base__=(model, Generated),  # type: ignore[arg-type]
        __module__=model.__module__,
        __doc__=model.__doc__, **keywords,
        body_figures=(dict[Slug, FigureText], Field(
            default_factory=dict, description="What readers read about each figure: "
            "title, caption, credit, alt text, labels for the data's names")))

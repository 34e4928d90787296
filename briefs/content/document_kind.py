"""What loading a document asks of its kind and of the kinds' registry, by shape.

The content stage sits below the kinds (a kind's schemas are built from `content/schema.py`),
so it names a kind only through these Protocols; `briefs.kinds.kind.Kind` and
`briefs.kinds.registry.KindRegistry` are what a build passes.
"""

from __future__ import annotations

from typing import Any, Protocol, TypeVar

from briefs.content.schema import CommonSettings, Strict


class PageLimit(Protocol):
    """A kind's page rule (`briefs.kinds.kind.PageRule`)."""

    def limit(self, settings: Any) -> int | None: ...


class DocumentKind(Protocol):
    """A kind as a document sees it: the schemas of its settings and prose, its page rule."""

    @property
    def settings_model(self) -> type[CommonSettings]: ...

    @property
    def text_model(self) -> type[Strict]: ...

    @property
    def pages(self) -> PageLimit: ...


K = TypeVar("K", bound=DocumentKind)
K_co = TypeVar("K_co", bound=DocumentKind, covariant=True)


class KindLookup(Protocol[K_co]):
    """Where a document's `kind:` is looked up (`briefs.kinds.registry.KindRegistry`)."""

    def get(self, name: object) -> K_co | None: ...

    def unknown(self, name: object) -> str: ...

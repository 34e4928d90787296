"""What a rebuild looks at, from the files that changed; what the browsers show."""

from __future__ import annotations

from briefs.formats.targets import TargetKey
from briefs.preview.scope import EVERYTHING, Requests, Scope, Watched, scope_of

DOCS = ["flyer", "brief"]


def test_files_of_one_document_narrow_the_rebuild_to_it() -> None:
    assert scope_of(["content/flyer/en.yaml"], DOCS) == Scope(frozenset({"flyer"}))
    assert scope_of(["content/flyer/fr.yaml", "content/brief/images/cover.jpg"], DOCS) == \
        Scope(frozenset({"flyer", "brief"}))


def test_shared_new_or_unknown_files_rebuild_everything() -> None:
    for changes in (["templates/flyer.html.j2"], ["styles/civic-blue/brand.css"],
                    ["briefs.yaml"], ["content/new-doc/en.yaml"], ["content/flyer"],
                    ["content/flyer/en.yaml", "kinds/x/kind.yaml"], None, []):
        assert scope_of(changes, DOCS) == EVERYTHING, changes
    assert EVERYTHING.whole and EVERYTHING.covers("anything")
    assert not Scope(frozenset({"flyer"})).covers("brief")


def test_requests_gather_until_taken() -> None:
    requests = Requests()
    assert requests.take(DOCS) is None
    requests.add(["content/flyer/en.yaml"])
    requests.add(["content/brief/fr.yaml"])
    assert requests.take(DOCS) == Scope(frozenset({"flyer", "brief"}))
    assert requests.take(DOCS) is None
    requests.add(["content/flyer/en.yaml"])
    requests.add(None)  # anything may have changed
    requests.add(["content/flyer/en.yaml"])
    assert requests.take(DOCS) == EVERYTHING


def test_watched_outputs_are_counted_per_page() -> None:
    watched = Watched()
    key = TargetKey("flyer", "en", "screen")
    watched.add([key])
    watched.add([key])
    watched.remove([key])
    assert key in watched
    watched.remove([key])
    assert key not in watched

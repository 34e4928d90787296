"""`briefs build` starts its render workers before loading briefs, as many as the outputs the
command line names can use."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefs.cli.build import MANY, named_outputs
from briefs.pipeline.request import BuildOptions, BuildRequest


@pytest.mark.parametrize(("docs", "locales", "profiles", "single", "outputs"), [
    (("brief",), ("en",), (), False, 1),
    (("brief",), ("en", "fr"), (), False, 2),
    (("brief", "flyer"), ("en",), ("all",), False, 4),
    (("brief",), ("en",), ("screen", "print"), False, 2),
    (("brief",), (), (), True, 1),     # -o: one output, the source locale
    (("brief",), (), (), False, MANY),  # every locale: the workspace says how many
    ((), ("en",), (), False, MANY),
])
def test_named_outputs(docs: tuple[str, ...], locales: tuple[str, ...],
                       profiles: tuple[str, ...], single: bool, outputs: int) -> None:
    request = BuildRequest(Path("."), docs, locales, BuildOptions(profiles=profiles),
                           single=single)
    assert named_outputs(request) == outputs


def test_the_workers_read_the_named_locales_dictionaries_at_start_up(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """`briefs build DOC -l de` starts its worker with German's hyphenation dictionary read
    (render/hyphenation.py), as `pipeline.entry.run` starts its own."""
    from briefs.cli.build import build_here
    from briefs.cli.common import Reporter
    from briefs.pipeline import entry
    from briefs.render.workers import Renderer

    started: list[tuple[str, ...]] = []
    monkeypatch.setattr(Renderer, "start",
                        lambda self, languages=(): started.append(tuple(languages)))

    class Planned(Exception):
        """The build stopped where planning would begin."""

    def planned(*args: object, **kwargs: object) -> None:
        raise Planned

    monkeypatch.setattr(entry, "run", planned)
    request = BuildRequest(Path("."), ("brief",), ("de", "fr"), BuildOptions(jobs=2))
    with pytest.raises(Planned):
        build_here(request, Reporter(None, quiet=True))
    assert started == [("de", "fr")]

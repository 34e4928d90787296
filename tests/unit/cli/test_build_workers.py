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

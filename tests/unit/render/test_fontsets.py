"""Font configurations: shared while faces agree, apart when one clashes."""

from __future__ import annotations

from briefs.render.fontsets import FontConfigurations, font_faces

HTML = ('<style>@font-face { font-family: "Civic Sans"; src: url("a.ttf?v=1"); '
        'font-weight: 400; font-style: normal; }\n'
        '@font-face { font-family: "Civic CJK"; src: url("%s"); font-weight: 700; '
        'font-style: normal; }</style>')


def test_faces_are_read_from_the_font_face_rules() -> None:
    assert font_faces(HTML % "cjk-1.otf") == {
        ('"Civic Sans"', "400", "normal"): 'url("a.ttf?v=1")',
        ('"Civic CJK"', "700", "normal"): 'url("cjk-1.otf")'}
    assert font_faces("<p>no fonts</p>") == {}


def test_agreeing_faces_share_a_configuration_and_clashing_ones_do_not() -> None:
    configurations = FontConfigurations()
    first = configurations.for_faces(font_faces(HTML % "cjk-1.otf"))
    latin = configurations.for_faces({('"Civic Sans"', "400", "normal"): 'url("a.ttf?v=1")'})
    other_brand = configurations.for_faces({('"Field Sans"', "400", "normal"): 'url("b.ttf")'})
    assert latin is first and other_brand is first
    second_subset = configurations.for_faces(font_faces(HTML % "cjk-2.otf"))
    assert second_subset is not first
    assert configurations.knows(font_faces(HTML % "cjk-1.otf"))
    assert not configurations.knows({('"Civic CJK"', "700", "normal"): 'url("cjk-3.otf")'})

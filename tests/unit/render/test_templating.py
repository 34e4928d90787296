"""Templating: autoescape, StrictUndefined with template:line, sandbox, confined loader."""

from __future__ import annotations

import os
import re
from pathlib import Path

import jinja2
import pytest

from briefs.core.diagnostics import Diagnostics
from briefs.render.bytecode import MemoryBytecodeCache
from briefs.render.templating import (
    QrCodes,
    TemplateLoader,
    make_environment,
    render_template,
)


def environment(templates: Path, locale: str) -> jinja2.Environment:
    loader = TemplateLoader([templates], {}, (templates.parent,))
    return make_environment(loader, locale, None, MemoryBytecodeCache(), QrCodes())


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    return folder


def render(templates: Path, body: str, **context: object) -> tuple[str | None, list[str]]:
    (templates / "t.html.j2").write_text(body, encoding="utf-8")
    env = environment(templates, "fr")
    diagnostics = Diagnostics()
    html = render_template(env, "t.html.j2", context, diagnostics)
    return html, [d.format(templates.parent) for d in diagnostics]


def test_content_is_escaped(templates: Path) -> None:
    html, problems = render(templates, "<p>{{ title }}</p>", title="<script>x</script>")
    assert problems == [] and html == "<p>&lt;script&gt;x&lt;/script&gt;</p>"


def test_undefined_name_is_an_error_with_template_line(templates: Path) -> None:
    html, problems = render(templates, "line one\n{{ titel }}\n", title="x")
    assert html is None
    assert problems == ["templates/t.html.j2:2:1: error: template error: 'titel' is undefined; "
                        "check the name, or guard it with `{% if ... is defined %}`"]


def test_syntax_error_names_template_and_line(templates: Path) -> None:
    html, problems = render(templates, "ok\n{% if %}\n")
    assert html is None
    assert problems[0].startswith("templates/t.html.j2:2:1: error: template syntax error:")


def test_missing_template(templates: Path) -> None:
    env = environment(templates, "en")
    diagnostics = Diagnostics()
    assert render_template(env, "nope.html.j2", {}, diagnostics) is None
    assert diagnostics.errors[0].message == 'template "nope.html.j2" not found in templates/'


def test_sandbox_blocks_python_internals(templates: Path) -> None:
    html, problems = render(templates, "{{ ''.__class__.__mro__ }}")
    assert html is None and "template error" in problems[0]


def test_template_symlink_outside_workspace_is_refused(templates: Path, tmp_path: Path) -> None:
    outside = tmp_path.parent / f"{tmp_path.name}-outside.html"
    outside.write_text("SECRET")
    os.symlink(outside, templates / "evil.html.j2")
    html, problems = render(templates, '{% include "evil.html.j2" %}')
    assert html is None and "SECRET" not in str(problems)
    assert "points outside the workspace" in problems[0]
    assert problems[0].startswith("templates/t.html.j2:1:1: error: template refused")


def test_locale_filters(templates: Path) -> None:
    import datetime as dt

    html, _ = render(templates, "{{ d | date_long }} / {{ date_range(d, e) }}",
                     d=dt.date(2021, 10, 19), e=dt.date(2021, 10, 20))
    assert html == "19 octobre 2021 / 19–20 octobre 2021"


def test_markdown_filter_is_safe(templates: Path) -> None:
    html, _ = render(templates, "{{ t | markdown }}", t="*a* <i>b</i>")
    assert html == "<p><em>a</em> &lt;i&gt;b&lt;/i&gt;</p>"


def test_qr_code_is_an_svg_data_uri() -> None:
    uri = QrCodes().data_uri("https://example.org/register")
    assert uri.startswith("data:image/svg+xml")
    assert re.search("svg", uri)


def test_workspace_templates_override_kind_and_built_in_ones(tmp_path: Path) -> None:
    workspace, kind, built_in = (tmp_path / name for name in ("ws", "kind", "pkg"))
    for folder in (workspace, kind, built_in):
        folder.mkdir()
    (built_in / "base.html.j2").write_text("built-in base")
    (built_in / "x.html.j2").write_text("built-in x")
    (kind / "template.html.j2").write_text("kind {% include 'base.html.j2' %}")
    loader = TemplateLoader([workspace, built_in], {"x.html.j2": kind / "template.html.j2"},
                            (tmp_path,))
    env = make_environment(loader, "en", None, MemoryBytecodeCache(), QrCodes())
    assert env.get_template("x.html.j2").render() == "kind built-in base"
    (workspace / "base.html.j2").write_text("own base")
    (workspace / "x.html.j2").write_text("own x, {% include 'base.html.j2' %}")
    env = make_environment(loader, "en", None, MemoryBytecodeCache(), QrCodes())
    assert env.get_template("x.html.j2").render() == "own x, own base"


@pytest.mark.parametrize("expression", [
    "9**(9**9)", "2**100000", "10**(10**10)", "'x' * 10**7", "[1] * 10**7",
    "(10**1000) * (10**1000)", "'%0999999d' % 1", "'x'|center(10**8)", "'x'|indent(10**8)",
    "'%099999d'|format(1)"])
def test_operations_with_huge_results_are_refused_at_once(templates: Path,
                                                          expression: str) -> None:
    html, problems = render(templates, "ok\n{{ " + expression + " }}\n")
    assert html is None
    assert problems[0].startswith("templates/t.html.j2:2:1: error: template error:"), problems


def test_small_arithmetic_still_works(templates: Path) -> None:
    html, problems = render(templates, "{{ 2**10 }} {{ 'ab' * 3 }} {{ '%05d' % 42 }}")
    assert problems == [] and html == "1024 ababab 00042"


def test_a_template_that_never_ends_is_stopped(templates: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import briefs.render.templating as templating

    monkeypatch.setattr(templating, "TEMPLATE_SECONDS", 0.5)
    # writes nothing, so that the output limit cannot stop it first on a fast machine
    body = ("ok\n{% for a in range(100000) %}{% for b in range(100000) %}"
            "{% if a < 0 %}{{ a }}{% endif %}{% endfor %}{% endfor %}\n")
    html, problems = render(templates, body)
    assert html is None
    # the line is known unless the limit lands where Python has no line number
    assert re.match(r"templates/t\.html\.j2(:2:1)?: error: rendering the template t\.html\.j2 "
                    r"took longer than 0\.5 s", problems[0]), problems


def test_the_time_limit_holds_off_the_main_thread(templates: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    import briefs.render.templating as templating

    monkeypatch.setattr(templating, "TEMPLATE_SECONDS", 0.5)
    found: list[object] = []
    body = "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"
    thread = threading.Thread(target=lambda: found.append(render(templates, body)))
    thread.start()
    thread.join(10)
    assert found and found[0][0] is None  # type: ignore[index]
    assert "took longer than 0.5 s" in found[0][1][0]  # type: ignore[index]


def test_translations_are_escaped_like_content(templates: Path) -> None:
    from briefs.i18n.catalogs import CatalogTranslations

    translations = CatalogTranslations(messages={
        "Contact": '<a href="javascript:alert(1)">x</a>', "By %(name)s": "Par %(name)s"})
    (templates / "t.html.j2").write_text(
        '<p>{{ _("Contact") }}</p><p>{{ _("By %(name)s", name="<b>") }}</p>', encoding="utf-8")
    loader = TemplateLoader([templates], {}, (templates.parent,))
    env = make_environment(loader, "fr", translations, MemoryBytecodeCache(), QrCodes())
    diagnostics = Diagnostics()
    html = render_template(env, "t.html.j2", {}, diagnostics)
    assert html == ('<p>&lt;a href=&#34;javascript:alert(1)&#34;&gt;x&lt;/a&gt;</p>'
                    "<p>Par &lt;b&gt;</p>")


def test_a_refused_include_names_the_including_template_and_line(templates: Path,
                                                                 tmp_path: Path) -> None:
    secret = tmp_path.parent / f"{tmp_path.name}-secret.j2"
    secret.write_text("SECRET", encoding="utf-8")
    (templates / "partial.j2").symlink_to(secret)
    html, problems = render(templates, "one\ntwo\n{% include 'partial.j2' %}\n")
    assert html is None
    assert problems[0].startswith("templates/t.html.j2:3:1: error: template refused: "
                                  "partial.j2: partial.j2 points outside the workspace")
    assert "SECRET" not in problems[0]


def test_stored_bytecode_is_used_only_with_its_signature(tmp_path: Path) -> None:
    """A bytecode file Jinja2 would unpickle is code: one from the workspace must never load."""
    from briefs.render.bytecode import StoredBytecodeCache

    class Files:
        output_dir = tmp_path

        def write(self, path: Path, data: bytes, owner: str) -> None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)

    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "t.j2").write_text("{{ 1 + 1 }}", encoding="utf-8")
    loader = TemplateLoader([templates], {}, (tmp_path,))
    folder = tmp_path / "jinja"
    first = StoredBytecodeCache(folder, Files(), key=b"k" * 32)
    assert make_environment(loader, "en", None, first, QrCodes()).get_template("t.j2").render() \
        == "2"
    [stored] = folder.iterdir()
    forged = b"j2" + os.urandom(64)
    stored.write_bytes(forged)  # no valid signature: ignored, compiled again
    second = StoredBytecodeCache(folder, Files(), key=b"k" * 32)
    assert make_environment(loader, "en", None, second, QrCodes()).get_template("t.j2").render() \
        == "2"
    assert stored.read_bytes() != forged
    other_key = StoredBytecodeCache(folder, Files(), key=b"x" * 32)
    assert other_key.stored.found(stored.stem) is None


def test_web_link_gives_web_addresses_a_scheme() -> None:
    import pytest

    from briefs.render.templating import web_link

    assert web_link("www.example.org") == "https://www.example.org"
    assert web_link("https://example.org/x") == "https://example.org/x"
    assert web_link("mailto:a@b.c") == "mailto:a@b.c"
    with pytest.raises(ValueError, match="only https://, http:// and mailto: links"):
        web_link("javascript:alert(1)")


def test_web_link_refuses_what_would_point_at_a_file_or_hide_a_scheme(templates: Path) -> None:
    for address in ("//evil.example/x", "java\tscript:alert(1)", "\x01javascript:x"):
        html, errors = render(templates, "{{ url | web_link }}", url=address)
        assert html is None and errors, address
    html, errors = render(templates, "{{ url | web_link }}", url="www.example.org")
    assert html == "https://www.example.org", errors

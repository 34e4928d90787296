"""A workspace's own templates cannot put script or outside files into the web page."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli, workspace_file

FLYER = "first-flyer"


def test_script_and_handlers_from_a_workspace_template_never_reach_the_page(
        small: Path) -> None:
    template = workspace_file(small, "templates/base.html.j2")
    text = template.read_text(encoding="utf-8")
    text = text.replace("<body ", '<body onload="steal()" ') \
        .replace("{% block body %}{% endblock %}",
                 '<script>steal()</script><a href="javascript:steal()">x</a>'
                 '<iframe src="https://evil.example/"></iframe>{% block body %}{% endblock %}')
    template.write_text(text, encoding="utf-8")
    result = run_cli("build", FLYER, "-l", "en", "--format", "html,email", workspace=small)
    assert result.exit_code == 0, result.stderr
    for name in ("first-flyer.en.html", "first-flyer.en.email.html"):
        page = (small / "build" / FLYER / "web" / name).read_text(encoding="utf-8").lower()
        for needle in ("<script", "onload", "javascript:", "<iframe", "evil.example", "steal"):
            assert needle not in page, (name, needle)


def test_a_file_the_pdf_never_loads_is_still_refused_by_the_page(small: Path) -> None:
    """WeasyPrint skips an image that is not displayed, so the PDF is fine; the web page
    would copy it, and refuses: exit 1, the reason, the last good page kept."""
    assert run_cli("build", FLYER, "-l", "en", "--format", "html",
                   workspace=small).exit_code == 0
    page = small / "build" / FLYER / "web" / "first-flyer.en.html"
    before = page.read_bytes()
    template = workspace_file(small, "templates/base.html.j2")
    template.write_text(template.read_text(encoding="utf-8").replace(
        "{% block body %}{% endblock %}",
        '<img hidden src="file:///etc/hostname" alt="">{% block body %}{% endblock %}'),
        encoding="utf-8")
    result = run_cli("build", FLYER, "-l", "en", "--format", "html", workspace=small)
    assert result.exit_code == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "hostname: file:///etc/hostname: outside the workspace" in result.stderr
    assert page.read_bytes() == before

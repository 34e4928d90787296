"""The web page and the social images of the sample, end to end: built with
`briefs build --format html,social,png`, checked with axe-core in Chromium (no violations),
screenshots at phone and desktop size, nothing fetched, reproducible bytes, manifest."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from tests.conftest import REPO, run_cli

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
AXE = REPO / "tests" / "tools" / "node_modules" / "axe-core" / "axe.min.js"
DOCS = ("forum-key-messages", "river-dialogue-flyer", "urban-water-fact-sheet")
LOCALES = ("en", "fr", "es", "ru", "zh", "ar")
SIZES = {"phone": (390, 844), "desktop": (1280, 900)}


@pytest.fixture(scope="module")
def built_web(tmp_path_factory: pytest.TempPathFactory, built_sample: Path) -> Path:
    """The built sample, copied, with its web pages, social images and page images."""
    import shutil

    root = tmp_path_factory.mktemp("web") / "ws"
    shutil.copytree(built_sample, root, symlinks=True)
    result = run_cli("build", "--format", "html,social,png", workspace=root)
    assert result.exit_code == 0, result.stderr
    assert "holds only part" not in result.stderr  # every frame fits its head and facts
    return root


def web_pages(root: Path) -> list[Path]:
    return [root / "build" / doc / "web" / f"{doc}.{locale}.html"
            for doc in DOCS for locale in LOCALES]


def test_every_document_and_locale_has_its_files_in_the_manifest(built_web: Path) -> None:
    manifest = json.loads((built_web / "build" / "manifest.json").read_text())
    listed = {record["path"]: record for entry in manifest["outputs"]
              for record in entry.get("files", [])}
    build = built_web / "build"
    for page in web_pages(built_web):
        assert page.relative_to(build).as_posix() in listed
    for doc in DOCS:
        for locale in LOCALES:
            for frame in ("1080x1080", "1080x1350", "1200x627", "1600x900"):
                image = f"{doc}/{doc}.{locale}.social-{frame}.png"
                assert image in listed and f"{image}.alt.txt" in listed
                with Image.open(build / image) as opened:
                    assert opened.size == tuple(int(n) for n in frame.split("x"))
                assert (build / image).stat().st_size <= 1_000_000
            assert f"{doc}/{doc}.{locale}.png" in listed
    for path, record in listed.items():
        import hashlib

        data = (build / path).read_bytes()
        assert record["sha256"] == hashlib.sha256(data).hexdigest(), path


def test_alt_text_is_the_documents_own_words(built_web: Path) -> None:
    alt = (built_web / "build" / "river-dialogue-flyer" /
           "river-dialogue-flyer.ar.social-1080x1080.png.alt.txt").read_text(encoding="utf-8")
    source = (built_web / "content" / "river-dialogue-flyer" / "ar.yaml").read_text("utf-8")
    title = next(line for line in source.splitlines() if line.startswith("title:"))
    assert title.split(":", 1)[1].strip().strip('"') in alt
    assert "alt" not in alt.lower().split() and "{{" not in alt


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.is_file() or not AXE.is_file():
        pytest.skip("needs Debian's chromium and axe-core (make setup)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                              args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


def test_web_pages_pass_axe_and_fetch_nothing(built_web: Path, browser: Any,
                                               tmp_path: Path) -> None:
    """Every page in every locale: no axe-core violation (WCAG 2.x A and AA, and axe's best
    practices), no request but the page's own files, at phone and desktop size; screenshots
    kept in BRIEFS_SCREENSHOTS when set."""
    shots = Path(os.environ.get("BRIEFS_SCREENSHOTS") or tmp_path)
    axe = AXE.read_text(encoding="utf-8")
    failures: dict[str, Any] = {}
    for page_file in web_pages(built_web):
        folder = page_file.parent.resolve()
        for size, (width, height) in SIZES.items():
            context = browser.new_context(viewport={"width": width, "height": height},
                                          bypass_csp=True)  # to run axe; the CSP is tested below
            page = context.new_page()
            requests: list[str] = []
            page.on("request", lambda request, into=requests: into.append(request.url))
            page.goto(page_file.as_uri())
            page.evaluate(axe)
            violations = page.evaluate(
                "async () => (await axe.run(document, {resultTypes: ['violations']}))"
                ".violations.map(v => [v.id, v.nodes.map(n => n.target.join(' '))])")
            strays = [url for url in requests
                      if not url.startswith("data:") and
                      not Path(url.removeprefix("file://")).resolve().is_relative_to(folder)]
            if violations or strays:
                failures[f"{page_file.name} {size}"] = {"axe": violations, "fetched": strays}
            page.screenshot(path=str(shots / f"{page_file.stem}-{size}.png"), full_page=True)
            context.close()
    assert failures == {}


def test_the_page_says_no_script_runs_and_nothing_loads(built_web: Path, browser: Any) -> None:
    """Without bypassing the page's own policy, a script injected into it cannot run."""
    page_file = web_pages(built_web)[0]
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text))
    page.goto(page_file.as_uri())
    page.evaluate("""() => { const s = document.createElement('script');
        s.textContent = 'document.title = "ran"'; document.head.appendChild(s); }""")
    assert page.title() != "ran"
    assert any("Content Security Policy" in error for error in errors)
    context.close()


def test_same_input_same_bytes(built_web: Path) -> None:
    before = {p: p.read_bytes() for p in (built_web / "build" / "river-dialogue-flyer").rglob("*")
              if p.is_file()}
    result = run_cli("build", "river-dialogue-flyer", "--format", "html,social,png", "--force",
                     workspace=built_web)
    assert result.exit_code == 0, result.stderr
    after = {p: p.read_bytes() for p in before}
    assert [p.name for p in before if before[p] != after[p]] == []

"""`briefs serve` end to end in headless Chromium: browse, switch locale, edit, see the update."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from briefs.preview.app import Preview
from briefs.preview.http import ServeOptions, address, bind, make_app, make_server
from tests.e2e.test_serve import FLYER, wait_built, wait_for_watcher

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
TIMEOUT_MS = 120_000

pytestmark = pytest.mark.skipif(not CHROMIUM.is_file(),
                                reason="needs Debian's chromium (scripts/setup-system.sh)")


@pytest.fixture
def server(workspace_copy: Path) -> Iterator[tuple[str, Preview]]:
    """A real preview server (uvicorn, watcher on) on an ephemeral loopback port."""
    app = make_app(workspace_copy, workspace_copy / "build", ServeOptions(),
                   log=lambda message: None)
    sock = bind("127.0.0.1", 0)
    uvicorn_server: Any = make_server(app, sock)
    thread = threading.Thread(target=uvicorn_server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not uvicorn_server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert uvicorn_server.started, "the server did not start"
    preview: Preview = app.state.preview  # type: ignore[attr-defined]
    try:
        wait_built(preview, 0)
        yield address(sock), preview
    finally:
        preview.builder.broadcaster.close()
        uvicorn_server.should_exit = True
        thread.join(30)
        sock.close()


@pytest.fixture
def screenshots(tmp_path: Path) -> Path:
    """Where screenshots go: BRIEFS_SCREENSHOTS if set (to look at them), else tmp_path."""
    folder = Path(os.environ.get("BRIEFS_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_browse_switch_locale_edit_and_see_the_update(server: tuple[str, Preview],
                                                      screenshots: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    url, preview = server
    french = preview.builder.root / "content" / FLYER / "fr.yaml"
    wait_for_watcher(preview, french)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                             args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1366, "height": 900})
            page.set_default_timeout(TIMEOUT_MS)
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("response", lambda r: errors.append(f"{r.status} {r.url}")
                    if r.status >= 400 else None)
            _browse(sync_api, page, url, screenshots)
            _edit_and_watch(sync_api, page, french, screenshots)
            assert errors == []
        finally:
            browser.close()
    for name in ("index.png", "document.png", "updated.png", "side-by-side.png"):
        assert (screenshots / name).stat().st_size > 10_000, name


def _browse(sync_api: Any, page: Any, url: str, screenshots: Path) -> None:
    """Index, then a document, then another locale chosen with the keyboard."""
    expect = sync_api.expect
    page.goto(url)
    expect(page.get_by_role("heading", name="Documents", level=1)).to_be_visible()
    expect(page.locator(".card")).to_have_count(24)  # 4 documents x 6 locales
    _wait_for_images(page)
    page.screenshot(path=str(screenshots / "index.png"), full_page=True)

    page.locator(f'a.card-link[href="/doc/{FLYER}?locale=en"]').click()
    expect(page.get_by_role("navigation", name="Language")).to_be_visible()
    expect(page.locator("#locale-en")).to_have_attribute("aria-current", "page")

    page.locator("#locale-fr").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/doc/{FLYER}?locale=fr")
    expect(page.locator("#locale-fr")).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("img", name="Page 1 of 1, French")).to_be_visible()
    _wait_for_images(page)
    page.screenshot(path=str(screenshots / "document.png"))


def _edit_and_watch(sync_api: Any, page: Any, french: Path, screenshots: Path) -> None:
    """Save the French file: the open page swaps in the new page image by itself."""
    expect = sync_api.expect
    image = page.get_by_role("img", name="Page 1 of 1, French")
    before = image.get_attribute("src")
    page.evaluate("window.__sameDocument = true")  # gone if the page were reloaded
    page.locator("#locale-fr").focus()
    french.write_text(french.read_text(encoding="utf-8").replace(
        "Place à la rivière", "La rivière en direct", 1), encoding="utf-8")
    expect(image).not_to_have_attribute("src", before)
    expect(page.locator("#build-status")).to_have_class("build-status is-ok")
    assert page.evaluate("window.__sameDocument") is True
    assert page.evaluate("document.activeElement.id") == "locale-fr"  # focus kept
    _wait_for_images(page)
    page.screenshot(path=str(screenshots / "updated.png"))

    page.locator("#compare").select_option("ar")
    page.locator("#compare-submit").click()
    page.wait_for_url("**compare=ar")
    expect(page.get_by_role("img", name="Page 1 of 1, Arabic")).to_be_visible()
    _wait_for_images(page)
    page.screenshot(path=str(screenshots / "side-by-side.png"))


def _wait_for_images(page: Any) -> None:
    page.wait_for_function("Array.from(document.images).filter(i => i.loading !== 'lazy')"
                           ".every(i => i.complete && i.naturalWidth > 0)")


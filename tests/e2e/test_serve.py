"""`briefs serve`: every route, traversal refused, live rebuilds, events and error recovery."""

from __future__ import annotations

import io
import json
import re
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from starlette.testclient import TestClient

from briefs.preview.app import Preview, safe_build_path
from briefs.preview.builder import Broadcaster
from briefs.preview.http import ServeOptions, make_app
from briefs.preview.state import Snapshot
from briefs.preview.watcher import SourceFilter
from tests.conftest import run_cli

FLYER = "river-dialogue-flyer"
BRIEF = "forum-key-messages"
BASE_URL = "http://127.0.0.1:8000"  # the preview answers only to loopback host names
BUILD_TIMEOUT = 180  # seconds; generous for a loaded 2-core machine


def wait_built(preview: Preview, after: int, timeout: float = BUILD_TIMEOUT) -> Snapshot:
    """The first finished build numbered above `after`."""
    return preview.builder.wait_for(lambda s: s.builds > after and not s.building, timeout)


def rebuild(preview: Preview) -> Snapshot:
    before = preview.snapshot.builds
    preview.builder.request()
    return wait_built(preview, before)


def preview_client(root: Path) -> Iterator[tuple[TestClient, Preview]]:
    """The preview of `root`, without a watcher, after its first build."""
    app = make_app(root, root / "build", ServeOptions(watch=False), log=lambda message: None)
    with TestClient(app, base_url=BASE_URL) as client:
        preview: Preview = app.state.preview
        wait_built(preview, 0)
        yield client, preview


@pytest.fixture
def served(workspace_copy: Path) -> Iterator[tuple[TestClient, Preview]]:
    """A preview of a private workspace, to break and repair."""
    yield from preview_client(workspace_copy)


@pytest.fixture(scope="module")
def shared(built_sample: Path,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Preview]]:
    """One preview for the tests that only read (it never rebuilds)."""
    root = tmp_path_factory.mktemp("serve") / "ws"
    shutil.copytree(built_sample, root, symlinks=True)
    yield from preview_client(root)


def state_of(client: TestClient, doc: str, locale: str) -> dict[str, Any]:
    outputs = client.get("/status.json").json()["outputs"]
    return next(o for o in outputs if o["doc"] == doc and o["locale"] == locale)


def image_sources(html: str) -> list[str]:
    return re.findall(r'<img src="([^"]+)"', html)


def read_events(lines: Iterator[str], until: Callable[[dict[str, Any]], bool],
                broadcaster: Broadcaster, timeout: float = BUILD_TIMEOUT,
                kind: str = "build") -> list[dict[str, Any]]:
    """`kind` events from the lines of an open /events response until one satisfies `until`.

    A timer closes every stream after `timeout`, so a missing event fails instead of hanging.
    """
    guard = threading.Timer(timeout, broadcaster.close)
    guard.start()
    events: list[dict[str, Any]] = []
    name = ""
    try:
        for line in lines:
            if line.startswith("event: "):
                name = line.removeprefix("event: ")
            elif line.startswith("data: ") and name == kind:
                events.append(json.loads(line.removeprefix("data: ")))
                if until(events[-1]):
                    return events
    finally:
        guard.cancel()
    raise AssertionError(f"the event stream ended without the expected event: {events}")


# ------------------------------------------------------------------------------- routes


def test_index_lists_documents_locales_thumbnails_pages_and_state(
        shared: tuple[TestClient, Preview]) -> None:
    client, _ = shared
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert '<html lang="en">' in html and '<main id="main"' in html
    for doc in (FLYER, BRIEF):
        assert f'id="doc-{doc}"' in html
        for locale in ("en", "fr", "es", "ru", "zh", "ar"):
            assert f'href="/doc/{doc}?locale={locale}"' in html
            assert f"/page/{doc}/{locale}/screen/1.png?size=thumb&amp;v=" in html
    assert html.count("Up to date</span>") == 24
    assert "5 pages" in html and "1 page<" in html
    assert "Making Room for the River" in html  # the document's own title
    assert 'class="build-status is-ok" role="status" aria-live="polite"' in html


def test_document_page_pages_locales_download_and_diagnostics(
        shared: tuple[TestClient, Preview]) -> None:
    client, preview = shared
    response = client.get(f"/doc/{BRIEF}", params={"locale": "fr"})
    assert response.status_code == 200
    html = response.text
    pages = preview.pages.info(preview.output_dir / BRIEF / f"{BRIEF}.fr.pdf")
    assert pages is not None
    sources = image_sources(html)
    assert len(sources) == pages.page_count == 5
    assert all(src.startswith(f"/page/{BRIEF}/fr/screen/") for src in sources)
    assert f"v={pages.sha256[:16]}" in sources[0]
    assert 'alt="Page 1 of 5, French"' in html
    assert re.search(r'id="locale-fr" href="[^"]+" aria-current="page"', html)
    assert f'href="/doc/{BRIEF}?locale=ar"' in html  # the locale switcher
    assert f'href="/build/{BRIEF}/{BRIEF}.fr.pdf" download' in html
    assert "No problems in the last build" in html
    assert '<select id="compare" name="compare">' in html


def test_document_side_by_side(shared: tuple[TestClient, Preview]) -> None:
    client, _ = shared
    html = client.get(f"/doc/{BRIEF}", params={"locale": "fr", "compare": "ar"}).text
    sources = image_sources(html)
    assert sum(f"/{BRIEF}/fr/" in s for s in sources) == 5
    assert sum(f"/{BRIEF}/ar/" in s for s in sources) == 4
    assert "No page 5 in Arabic" in html  # the shorter translation leaves a gap, not a shift
    assert '<option value="ar" selected>' in html
    assert f'href="/doc/{BRIEF}?locale=en&amp;compare=ar"' in html  # switching keeps the pair


def test_page_image_png_cached_by_pdf_hash(shared: tuple[TestClient, Preview]) -> None:
    client, preview = shared
    info = preview.pages.info(preview.output_dir / FLYER / f"{FLYER}.en.pdf")
    assert info is not None
    url = f"/page/{FLYER}/en/screen/1.png"
    response = client.get(url, params={"size": "thumb", "v": info.sha256[:16]})
    assert response.status_code == 200 and response.headers["content-type"] == "image/png"
    assert "immutable" in response.headers["cache-control"]
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "PNG" and image.width == 360
    full = client.get(url, params={"v": "stale"})
    assert full.status_code == 200 and full.headers["cache-control"] == "no-cache"
    assert Image.open(io.BytesIO(full.content)).width == 1100
    assert (preview.output_dir / ".cache" / "preview" / info.sha256 / "1-thumb.png").is_file()
    assert client.get(f"/page/{FLYER}/en/screen/2.png").status_code == 404
    assert client.get(url, params={"size": "huge"}).status_code == 404
    assert client.get(f"/page/{FLYER}/xx/screen/1.png").status_code == 404


def test_pdf_download(shared: tuple[TestClient, Preview]) -> None:
    client, preview = shared
    response = client.get(f"/build/{FLYER}/{FLYER}.zh.pdf")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.content == (preview.output_dir / FLYER / f"{FLYER}.zh.pdf").read_bytes()


def test_status_static_and_not_found(shared: tuple[TestClient, Preview]) -> None:
    client, _ = shared
    status = client.get("/status.json").json()
    assert status["builds"] == 1 and status["building"] is False and status["errors"] == 0
    assert len(status["outputs"]) == 24
    assert client.get("/static/preview.css").status_code == 200
    assert "EventSource" in client.get("/static/preview.js").text
    for url in ("/nope", f"/doc/{BRIEF}x", f"/doc/{BRIEF}?locale=xx",
                f"/doc/{BRIEF}?compare=xx", f"/doc/{BRIEF}?profile=print", "/static/nope.css"):
        response = client.get(url)
        assert response.status_code == 404, url
    page = client.get("/nope")
    assert "Not found" in page.text and page.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize("url", [
    "/build/../briefs.yaml",
    "/build/%2e%2e/briefs.yaml",
    "/build/..%2fbriefs.yaml",
    "/build/%2e%2e%2fcontent%2friver-dialogue-flyer%2fen.yaml",
    "/build/..%5cbriefs.yaml",
    "/build//etc/passwd",
    "/build/%2fetc%2fpasswd",
    "/build/manifest.json",
    "/build/.cache/preview",
    "/build/river-dialogue-flyer/river-dialogue-flyer.en.html",
    "/static/..%2f..%2fserve.py",
    "/static/%2e%2e/app.py",
    "/page/..%2f..%2fbriefs.yaml/en/screen/1.png",
])
def test_path_traversal_refused(shared: tuple[TestClient, Preview], url: str) -> None:
    client, _ = shared
    response = client.get(url)
    assert response.status_code == 404
    assert "source_locale" not in response.text and "root:" not in response.text
    assert "import" not in response.text


def test_other_host_names_are_refused(shared: tuple[TestClient, Preview]) -> None:
    """A page elsewhere cannot reach the preview by rebinding its own name to 127.0.0.1."""
    client, _ = shared
    assert client.get("/", headers={"host": "evil.example:8000"}).status_code == 400
    for host in ("localhost:8000", "127.0.0.1", "[::1]:8000"):
        assert client.get("/", headers={"host": host}).status_code == 200, host


def test_safe_build_path(tmp_path: Path) -> None:
    build = tmp_path / "build"
    (build / "doc").mkdir(parents=True)
    (build / "doc" / "doc.en.pdf").write_bytes(b"%PDF-1.7")
    (tmp_path / "secret.pdf").write_bytes(b"%PDF secret")
    (build / "doc" / "link.pdf").symlink_to(tmp_path / "secret.pdf")
    assert safe_build_path(build, "doc/doc.en.pdf") == build / "doc" / "doc.en.pdf"
    for refused in ("../secret.pdf", "doc/../../secret.pdf", "doc/link.pdf", "/etc/passwd",
                    "", "doc", "doc/./doc.en.pdf", "doc\\..\\..\\secret.pdf", "doc/\x00.pdf",
                    ".hidden.pdf"):
        assert safe_build_path(build, refused) is None, refused


def test_events_stream_a_build(served: tuple[TestClient, Preview]) -> None:
    client, preview = served
    with client.stream("GET", "/events") as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        lines = response.iter_lines()
        first = read_events(lines, lambda event: True, preview.builder.broadcaster)
        assert first[0]["builds"] == 1 and first[0]["building"] is False
        preview.builder.request()
        events = read_events(lines, lambda e: e["builds"] == 2 and not e["building"],
                             preview.builder.broadcaster)
    assert any(event["building"] for event in events)  # "building", then "built"
    assert events[-1]["revision"] > first[0]["revision"]


# ---------------------------------------------------------------------- live rebuilds


def wait_for_watcher(preview: Preview, path: Path, timeout: float = 60) -> None:
    """Save `path` unchanged until a build follows: the watcher is then surely running."""
    deadline = time.monotonic() + timeout
    text = path.read_text(encoding="utf-8")
    while time.monotonic() < deadline:
        before = preview.snapshot.builds
        path.write_text(text, encoding="utf-8")
        try:
            wait_built(preview, before, timeout=2)
            return
        except TimeoutError:
            continue
    raise AssertionError("saving a file never started a build")


def test_saving_a_file_rebuilds_it_and_sends_an_event(workspace_copy: Path) -> None:
    app = make_app(workspace_copy, workspace_copy / "build", ServeOptions(), log=lambda m: None)
    french = workspace_copy / "content" / FLYER / "fr.yaml"
    with TestClient(app, base_url=BASE_URL) as client:
        preview: Preview = app.state.preview
        wait_built(preview, 0)
        wait_for_watcher(preview, french)
        old = client.get(f"/doc/{FLYER}", params={"locale": "fr"}).text
        english = client.get(f"/doc/{FLYER}", params={"locale": "en"}).text
        builds = preview.snapshot.builds
        with client.stream("GET", "/events") as response:
            french.write_text(french.read_text(encoding="utf-8").replace(
                "Place à la rivière", "La rivière en direct", 1), encoding="utf-8")
            events = read_events(response.iter_lines(),
                                 lambda e: not e["building"] and e["builds"] > builds
                                 and e["summary"].startswith("1 rendered"),
                                 preview.builder.broadcaster)
        assert any(event["building"] for event in events)
        new = client.get(f"/doc/{FLYER}", params={"locale": "fr"}).text
        assert image_sources(new) != image_sources(old)  # a new hash in the image URL
        unchanged = client.get(f"/doc/{FLYER}", params={"locale": "en"}).text
        assert image_sources(unchanged) == image_sources(english)
        assert state_of(client, FLYER, "fr")["state"] == "ok"


def test_an_edit_announces_the_new_page_image_of_the_page_shown(
        served: tuple[TestClient, Preview]) -> None:
    """A save rebuilds only the edited document, and the page showing it gets a `page` event
    naming the new image, which is already served."""
    client, preview = served
    before = preview.snapshot
    french = preview.builder.root / "content" / FLYER / "fr.yaml"
    with client.stream("GET", "/events", params={"doc": FLYER, "locale": "fr"}) as response:
        lines = response.iter_lines()
        read_events(lines, lambda event: True, preview.builder.broadcaster)
        french.write_text(french.read_text(encoding="utf-8").replace(
            "Place à la rivière", "La rivière en direct", 1), encoding="utf-8")
        preview.builder.request([f"content/{FLYER}/fr.yaml"])
        page = read_events(lines, lambda e: e["locale"] == "fr", preview.builder.broadcaster,
                           kind="page")[-1]
    assert (page["doc"], page["profile"], page["page"], page["pages"]) == \
        (FLYER, "screen", 1, 1)
    image = client.get(page["src"])
    assert image.status_code == 200 and image.content.startswith(b"\x89PNG")
    snapshot = wait_built(preview, before.builds)
    assert snapshot.summary == "1 rendered, 5 up to date, 0 failed"  # the flyer's six locales
    assert snapshot.outputs.keys() == before.outputs.keys()  # the other documents stay listed
    shown = client.get(f"/doc/{FLYER}", params={"locale": "fr"}).text
    assert page["src"].replace("&", "&amp;") in shown


def test_rebuilding_one_document_keeps_the_problems_of_the_others(
        served: tuple[TestClient, Preview]) -> None:
    client, preview = served
    brief = preview.builder.root / "content" / BRIEF / "fr.yaml"
    brief.write_text(brief.read_text(encoding="utf-8") + "\nunknown_key: 1\n", encoding="utf-8")
    rebuild(preview)
    assert state_of(client, BRIEF, "fr")["state"] == "failed"
    located = [p.location for p in preview.snapshot.problems if p.doc == BRIEF]
    assert located and located[0].startswith(f"content/{BRIEF}/fr.yaml")
    builds = preview.snapshot.builds
    preview.builder.request([f"content/{FLYER}/en.yaml"])
    snapshot = wait_built(preview, builds)
    assert [p.location for p in snapshot.problems if p.doc == BRIEF] == located
    assert state_of(client, BRIEF, "fr")["state"] == "failed"


def test_broken_yaml_shows_the_error_keeps_pages_and_recovers(
        served: tuple[TestClient, Preview]) -> None:
    client, preview = served
    french = preview.builder.root / "content" / FLYER / "fr.yaml"
    good = french.read_text(encoding="utf-8")
    before = image_sources(client.get(f"/doc/{FLYER}", params={"locale": "fr"}).text)
    french.write_text(good.replace("kicker: ", "kicker: [unclosed ", 1), encoding="utf-8")
    snapshot = rebuild(preview)
    assert snapshot.errors >= 1
    html = client.get(f"/doc/{FLYER}", params={"locale": "fr"}).text
    assert re.search(rf"<code class=\"where\">content/{FLYER}/fr\.yaml:\d+:\d+</code>", html)
    assert "<mark>" in html  # the offending line, its column marked
    assert "The last build of this PDF failed: these are its last good pages" in html
    assert image_sources(html) == before  # the last good pages stay visible
    assert state_of(client, FLYER, "fr")["state"] == "failed"
    assert state_of(client, FLYER, "en")["state"] == "ok"  # other outputs are unaffected
    assert "Failed</span>" in client.get("/").text
    assert client.get(before[0]).status_code == 200

    french.write_text(good, encoding="utf-8")
    snapshot = rebuild(preview)
    assert snapshot.errors == 0
    html = client.get(f"/doc/{FLYER}", params={"locale": "fr"}).text
    assert "No problems in the last build" in html and "last good pages" not in html
    assert state_of(client, FLYER, "fr")["state"] == "ok"


def test_an_overflow_shows_its_proof_and_a_fit_says_so(
        served: tuple[TestClient, Preview]) -> None:
    client, preview = served
    english = preview.builder.root / "content" / FLYER / "en.yaml"
    good = english.read_text(encoding="utf-8")
    longer = "The afternoon sessions will weigh what the pilot cost and who gained. " * 40
    english.write_text(good.replace("context: |\n", f"context: |\n  {longer}\n\n", 1),
                       encoding="utf-8")
    rebuild(preview)
    state = state_of(client, FLYER, "en")
    assert state["state"] == "failed" and state["proof"] == f"{FLYER}/{FLYER}.en.overflow.pdf"
    html = client.get(f"/doc/{FLYER}", params={"locale": "en"}).text
    assert "This PDF does not fit its pages: these are the pages of its" in html
    assert f'href="/build/{FLYER}/{FLYER}.en.overflow.pdf"' in html
    sources = [src for src in image_sources(html) if "/page/" in src]
    assert len(sources) == 2 and all("proof=1" in src for src in sources)
    image = client.get(sources[1].replace("&amp;", "&"))
    assert image.status_code == 200 and image.headers["content-type"] == "image/png"
    assert client.get(f"/build/{FLYER}/{FLYER}.en.overflow.pdf").status_code == 200

    english.write_text(good.replace("context: |\n", f"context: |\n  {longer[:300]}\n\n", 1),
                       encoding="utf-8")
    rebuild(preview)
    state = state_of(client, FLYER, "en")
    assert state["state"] == "ok" and state["proof"] == "" and state["fitted"]
    html = client.get(f"/doc/{FLYER}", params={"locale": "en"}).text
    assert "Fitted to its pages with" in html and "proof=1" not in html


def test_missing_translation_is_shown_as_incomplete(served: tuple[TestClient, Preview]) -> None:
    client, preview = served
    french = preview.builder.root / "content" / FLYER / "fr.yaml"
    lines = french.read_text(encoding="utf-8").splitlines()
    french.write_text("\n".join(line for line in lines if not line.startswith("kicker:")) + "\n",
                      encoding="utf-8")
    rebuild(preview)
    state = state_of(client, FLYER, "fr")
    assert state["state"] == "incomplete" and "1 missing" in state["detail"]
    html = client.get(f"/doc/{FLYER}", params={"locale": "fr"}).text
    assert "Translation incomplete" in html and "kicker: not translated" in html


def test_broken_config_and_internal_errors_never_stop_the_server(
        served: tuple[TestClient, Preview], monkeypatch: pytest.MonkeyPatch) -> None:
    client, preview = served
    config = preview.builder.root / "briefs.yaml"
    good = config.read_text(encoding="utf-8")
    config.write_text(good + "\nunknown_setting: 1\n", encoding="utf-8")
    snapshot = rebuild(preview)
    assert snapshot.errors >= 1 and "briefs.yaml" in snapshot.problems[0].location
    assert all(state_of(client, FLYER, loc)["state"] == "failed" for loc in ("en", "fr"))
    assert client.get("/").status_code == 200 and "briefs.yaml" in client.get("/").text

    config.write_text(good, encoding="utf-8")

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr("briefs.pipeline.entry.plan_build", broken)
    builds = preview.snapshot.builds
    preview.builder.request()
    snapshot = preview.builder.wait_for(
        lambda s: not s.building and "Internal error" in s.summary, BUILD_TIMEOUT)
    assert snapshot.builds == builds  # the failed attempt is reported, not counted
    assert "internal error while building: RuntimeError: a bug" in client.get("/").text

    monkeypatch.undo()
    snapshot = rebuild(preview)
    assert snapshot.errors == 0 and state_of(client, FLYER, "fr")["state"] == "ok"


# ---------------------------------------------------------------------- pieces and CLI


def test_broadcaster_closes_streams() -> None:
    import asyncio

    async def scenario() -> list[str | None]:
        broadcaster = Broadcaster()
        queue = broadcaster.subscribe()
        broadcaster.publish("one")
        broadcaster.close()
        received = [await queue.get(), await queue.get()]
        late = broadcaster.subscribe()
        return [*received, await late.get()]

    assert asyncio.run(scenario()) == ["one", None, None]


def test_source_filter_skips_outputs_and_editor_files(tmp_path: Path) -> None:
    from watchfiles import Change

    keep = SourceFilter(tmp_path / "build")
    assert keep(Change.modified, str(tmp_path / "content" / "doc" / "fr.yaml"))
    for skipped in ("build/doc/doc.fr.pdf", "content/doc/.fr.yaml.swp", "content/doc/fr.yaml~",
                    "templates/.#base.html.j2"):
        assert not keep(Change.modified, str(tmp_path / skipped)), skipped


def test_address_loopback_and_open(monkeypatch: pytest.MonkeyPatch) -> None:
    from briefs.preview import http as serve

    with serve.bind("127.0.0.1", 0) as sock:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", serve.address(sock))
    assert serve.is_loopback("127.0.0.1") and serve.is_loopback("::1")
    assert serve.is_loopback("localhost") and not serve.is_loopback("0.0.0.0")
    opened: list[str] = []
    monkeypatch.setattr(serve.webbrowser, "open", opened.append)

    class Started:
        started = True

    logged: list[str] = []
    serve.open_when_started(Started(), "http://127.0.0.1:1/",  # type: ignore[arg-type]
                            logged.append)
    assert opened == ["http://127.0.0.1:1/"]


def test_cli_serve_reports_a_busy_port_and_unknown_documents(workspace_copy: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = run_cli("serve", "--port", str(port), workspace=workspace_copy)
    assert result.exit_code == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr and "--port" in result.stderr
    result = run_cli("serve", "nope", workspace=workspace_copy)
    assert result.exit_code == 2 and 'no document "nope"' in result.stderr

"""Fetcher: only workspace files and data: URIs; everything else is refused and recorded."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefs.core.paths import WORKSPACE_URL, Mounts, RefusedPath, resolve_inside
from briefs.render.fetcher import FetchLog, make_url_fetcher


def check_url(url: str, root: Path) -> Path | None:
    return Mounts.of(root).path(url)


def workspace_url(root: Path, path: Path) -> str:
    return Mounts.of(root).url(path)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "ok.png").write_bytes(b"png")
    (tmp_path / "secret.txt").write_text("outside")
    workspace = tmp_path / "ws"
    workspace.mkdir()
    (workspace / "content").mkdir()
    (workspace / "content" / "photo.jpg").write_bytes(b"jpeg")
    os.symlink(tmp_path / "secret.txt", workspace / "content" / "link.jpg")
    return workspace


def test_file_inside_workspace_is_allowed(root: Path) -> None:
    photo = root / "content" / "photo.jpg"
    assert workspace_url(root, photo) == WORKSPACE_URL + "content/photo.jpg"
    assert check_url(workspace_url(root, photo), root) == photo.resolve()
    assert check_url("data:image/png;base64,AAAA", root) is None


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "http://127.0.0.1:8000/x.png",
    "https://example.org/logo.svg",
    "ftp://example.org/x",
    "file://otherhost/etc/passwd",
    "file:///tmp/anything.png",
])
def test_urls_outside_or_remote_are_refused(root: Path, url: str) -> None:
    with pytest.raises(RefusedPath):
        check_url(url, root)


def test_dot_dot_and_symlink_escapes_are_refused(root: Path) -> None:
    with pytest.raises(RefusedPath, match="outside the workspace"):
        check_url(WORKSPACE_URL + "content/../../secret.txt", root)
    with pytest.raises(RefusedPath, match="outside the workspace"):
        check_url(WORKSPACE_URL + "content/%2e%2e/%2e%2e/secret.txt", root)
    with pytest.raises(RefusedPath, match="outside the workspace"):
        check_url(WORKSPACE_URL + "content/link.jpg", root)
    with pytest.raises(RefusedPath, match="outside the workspace"):
        check_url((root / "content" / "photo.jpg").as_uri(), root)  # real paths are not URLs


def test_resolve_inside_messages(root: Path) -> None:
    base = root / "content"
    assert resolve_inside(root, base, "photo.jpg") == (base / "photo.jpg").resolve()
    with pytest.raises(RefusedPath, match="points outside the workspace"):
        resolve_inside(root, base, "../../secret.txt")
    with pytest.raises(RefusedPath, match="points outside the workspace"):
        resolve_inside(root, base, "link.jpg")
    with pytest.raises(RefusedPath, match="is an absolute path"):
        resolve_inside(root, base, "/etc/passwd")
    with pytest.raises(RefusedPath, match="is a URL"):
        resolve_inside(root, base, "https://example.org/a.png")
    with pytest.raises(RefusedPath, match="does not exist"):
        resolve_inside(root, base, "missing.png")


def test_weasyprint_fetcher_records_refusals(root: Path) -> None:
    log = FetchLog()
    fetcher = make_url_fetcher(Mounts.of(root), log)
    response = fetcher.fetch(WORKSPACE_URL + "content/photo.jpg")
    assert response.read() == b"jpeg"
    with pytest.raises(RefusedPath):
        fetcher.fetch("file:///etc/passwd")
    with pytest.raises((RefusedPath, ValueError)):
        fetcher.fetch("http://127.0.0.1/")
    assert len(log.refused) == 2


def test_toolkit_files_are_reachable_but_not_beside_them(root: Path) -> None:
    """Built-in stylesheets come from briefs' package under their own fixed URL."""
    mounts = Mounts.of(root)
    css = mounts.path("file:///briefs-toolkit/assets/styles/base.css")
    assert css is not None and css.name == "base.css"
    with pytest.raises(RefusedPath, match="outside the workspace"):
        mounts.path("file:///briefs-toolkit/../../../../etc/passwd")
    with pytest.raises(RefusedPath, match="outside the workspace"):
        mounts.path("file:///briefs-elsewhere/secret.txt")


def test_refusals_are_also_typed_with_the_url_as_subject(root: Path) -> None:
    log = FetchLog()
    fetcher = make_url_fetcher(Mounts.of(root), log)
    for url in ("https://example.org/x.png", "file:///etc/passwd"):
        with pytest.raises(Exception):  # noqa: B017 (WeasyPrint's own error types vary)
            fetcher.fetch(url)
    assert [(p.code, p.subject) for p in log.refusals] == [
        ("render.refused", "https://example.org/x.png"), ("render.refused", "file:///etc/passwd")]
    assert [p.message for p in log.refusals] == log.refused

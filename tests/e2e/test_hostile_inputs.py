"""Every input surface is hostile: the corpus in hostile/cases.py, and faults while building.

For every bad input: exit 1 (never 0, never an internal error), an error at `path:line`, the
previous PDFs byte for byte, no temporary file, no byte of a secret outside the workspace in
any output or message, and no request to a server on 127.0.0.1.
"""

from __future__ import annotations

import http.server
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from tests.conftest import run_cli
from tests.e2e.hostile.cases import CASES, Bait, Case

TOKEN = "CANARY-7f3c9e-SECRET"


class Recorder(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        Recorder.requests.append(self.path)
        body = f"{TOKEN} body {{ color: red }}".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def bait(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bait]:
    canary = tmp_path_factory.mktemp("outside") / "secret.txt"
    canary.write_text(f"{TOKEN}\nline two of the secret\n", encoding="utf-8")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Bait(canary, f"http://127.0.0.1:{server.server_address[1]}")
    server.shutdown()


def _link_or_copy(source: str, target: str) -> None:
    """Outputs are shared by hard links (briefs replaces files, never writes into them)."""
    if "/build/" in source:
        os.link(source, target)
    else:
        shutil.copy2(source, target)


def fresh_copy(built_sample: Path, target: Path) -> Path:
    shutil.copytree(built_sample, target, symlinks=True, copy_function=_link_or_copy)
    return target


def outputs(root: Path) -> dict[str, bytes]:
    build = root / "build"
    return {p.relative_to(build).as_posix(): p.read_bytes() for p in sorted(build.rglob("*"))
            if p.is_file() and (p.suffix == ".pdf" or p.name == "manifest.json")
            and not p.name.endswith(".overflow.pdf")}  # a proof beside the output, never it


def leftovers(root: Path) -> list[Path]:
    return [p for p in (root / "build").rglob("*.tmp")]


def assert_no_canary(root: Path, *texts: str) -> None:
    for text in texts:
        assert TOKEN not in text
    for path in (root / "build").rglob("*"):
        if path.is_file() and ".fonts" not in path.parts:
            assert TOKEN.encode() not in path.read_bytes(), path


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 80
    assert len({case.id for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_hostile_input(case: Case, built_sample: Path, tmp_path: Path, bait: Bait,
                       monkeypatch: pytest.MonkeyPatch) -> None:
    import briefs.render.templating as templating

    monkeypatch.setattr(templating, "TEMPLATE_SECONDS", 2.0)
    root = fresh_copy(built_sample, tmp_path / "ws")
    before = outputs(root)
    case.setup(root, bait)
    Recorder.requests.clear()
    result = run_cli("build", "-j", "1", *case.args, workspace=root)
    stderr = result.stderr
    assert result.exit_code == 1, stderr
    assert "internal error" not in stderr
    error_lines = [line for line in stderr.splitlines() if ": error: " in line]
    assert any(line.startswith(case.where) for line in error_lines), stderr
    assert outputs(root) == before
    assert leftovers(root) == []
    assert_no_canary(root, stderr, result.stdout)
    assert Recorder.requests == []


HEALING = {
    "outputs-json": (".cache/outputs.json", '{"version": 2, "outputs": {"x": {"key": 1}}}'),
    "outputs-json-garbage": (".cache/outputs.json", "\x00\xff garbage"),
    "hashes-json": (".cache/hashes.json", '{"a": 5, "b": {"size": "x"}}'),
    "stamp-json": (".cache/stamp.json", '{"key": [], "outputs": 3}'),
    "manifest": ("manifest.json", '{"outputs": [{"path": 5}, 7, {"path": "x"}]}'),
}


@pytest.mark.parametrize("name", sorted(HEALING))
def test_caches_of_the_wrong_shape_heal(name: str, built_sample: Path, tmp_path: Path) -> None:
    root = fresh_copy(built_sample, tmp_path / "ws")
    before = {k: v for k, v in outputs(root).items() if k.endswith(".pdf")}
    relative, text = HEALING[name]
    path = root / "build" / relative
    path.unlink(missing_ok=True)
    path.write_text(text, encoding="utf-8", errors="surrogateescape")
    for _ in range(2):  # the first build heals, the second finds it healed
        result = run_cli("build", "-j", "1", "forum-key-messages", "-l", "en", workspace=root)
        assert result.exit_code == 0, result.stderr
    after = {k: v for k, v in outputs(root).items() if k.endswith(".pdf")}
    assert after == before


def test_damaged_coverage_and_template_caches_heal(built_sample: Path, tmp_path: Path) -> None:
    root = fresh_copy(built_sample, tmp_path / "ws")
    before = outputs(root)
    for path in (root / "build/.cache/coverage").iterdir():
        path.unlink()
        path.write_text("[[0, 99999999999]]", encoding="utf-8")
    for path in (root / "build/.cache/jinja").iterdir():
        path.unlink()
        path.write_bytes(b"j2" + os.urandom(200))
    (root / "build/.cache/stamp.json").unlink()
    result = run_cli("build", "-j", "1", workspace=root)
    assert result.exit_code == 0, result.stderr
    assert outputs(root) == before


def test_a_truncated_extracted_font_is_extracted_again(built_sample: Path,
                                                       tmp_path: Path) -> None:
    root = fresh_copy(built_sample, tmp_path / "ws")
    before = outputs(root)
    fonts = sorted((root / "build/.fonts").glob("*Arabic*.ttf"))
    assert fonts
    for font in fonts:
        data = font.read_bytes()
        font.unlink()
        font.write_bytes(data[: len(data) // 3])
    (root / "build/.cache/stamp.json").unlink()
    result = run_cli("build", "-j", "1", "-l", "ar", workspace=root)
    assert result.exit_code == 0, result.stderr
    assert outputs(root) == before
    assert all(font.stat().st_size > 100_000 for font in fonts)


def _briefs(root: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "briefs", "build", *args], cwd=root,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_kill_9_mid_build_leaves_the_previous_pdfs(built_sample: Path, tmp_path: Path) -> None:
    root = fresh_copy(built_sample, tmp_path / "ws")
    before = outputs(root)
    process = _briefs(root, "--force", "-j", "1")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list((root / "build").rglob("*.pdf.*.tmp")):
        time.sleep(0.02)
    process.kill()
    process.wait()
    assert outputs(root) == before  # every PDF is the old one or the new one, never half
    result = run_cli("build", "-j", "1", "forum-key-messages", "-l", "en", workspace=root)
    assert result.exit_code == 0, result.stderr
    assert leftovers(root) == []


def test_two_builds_at_once_take_turns(built_sample: Path, tmp_path: Path) -> None:
    root = fresh_copy(built_sample, tmp_path / "ws")
    shutil.rmtree(root / "build")
    args = ("-j", "1", "-l", "zh", "-l", "ar")
    first, second = _briefs(root, *args), _briefs(root, *args)
    results = [process.communicate(timeout=600) for process in (first, second)]
    assert (first.returncode, second.returncode) == (0, 0), results
    assert any("waiting for another build" in stderr for _, stderr in results), results
    assert leftovers(root) == []


def _mount(*args: str) -> bool:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


def test_a_read_only_output_folder_is_a_clear_error(built_sample: Path, tmp_path: Path) -> None:
    root = fresh_copy(built_sample, tmp_path / "ws")
    build = root / "build"
    before = outputs(root)
    if not (_mount("--bind", str(build), str(build))
            and _mount("-o", "remount,ro,bind", str(build))):
        subprocess.run(["umount", str(build)], capture_output=True)
        pytest.skip("cannot mount a read-only folder here (needs root and mount)")
    try:
        result = run_cli("build", "--force", "-j", "1", "forum-key-messages", "-l", "en",
                         workspace=root)
    finally:
        subprocess.run(["umount", str(build)], check=True)
    assert result.exit_code == 1, result.stderr
    assert "read-only" in result.stderr and "build/" in result.stderr
    assert outputs(root) == before


def test_a_full_disk_is_a_clear_error(built_sample: Path, tmp_path: Path) -> None:
    root = fresh_copy(built_sample, tmp_path / "ws")
    build = root / "build"
    shutil.rmtree(build)
    build.mkdir()
    if not _mount("-t", "tmpfs", "-o", "size=64k", "tmpfs", str(build)):
        pytest.skip("cannot mount a small tmpfs here (needs root and mount)")
    try:
        result = run_cli("build", "-j", "1", "forum-key-messages", "-l", "en", workspace=root)
        left = leftovers(root)
    finally:
        subprocess.run(["umount", str(build)], check=True)
    assert result.exit_code == 1, result.stderr
    assert "the disk is full" in result.stderr
    assert left == []



"""The preview builds through the one build entry point, holding the build lock: a
`briefs build` beside it waits, and neither removes the other's temporary files."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from briefs.output.writer import WriteError
from briefs.pipeline import entry
from briefs.pipeline.buildlock import build_lock
from briefs.preview.app import Preview
from briefs.scaffold.new_workspace import init_workspace
from tests.e2e.test_serve import preview_client, rebuild

SAVES = 6


def test_the_preview_holds_the_build_lock_while_it_builds(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = init_workspace(tmp_path / "ws")
    outcomes: list[str] = []
    real = entry.run_build

    def build_and_try_the_lock(session, plan, renderer, *rest, **named):  # type: ignore[no-untyped-def]
        def other_build() -> None:  # what a `briefs build` started now would find
            try:
                with build_lock(session.output_dir, lambda message: None, wait=0.2):
                    outcomes.append("taken")
            except WriteError as exc:
                outcomes.append(exc.message)

        thread = threading.Thread(target=other_build)
        thread.start()
        thread.join()
        return real(session, plan, renderer, *rest, **named)

    monkeypatch.setattr(entry, "run_build", build_and_try_the_lock)
    for _client, preview in preview_client(root):
        rebuild(preview)
    assert outcomes and all("another build has held the build lock" in o for o in outcomes), \
        outcomes


def test_a_build_while_the_preview_saves_loses_nothing(tmp_path: Path) -> None:
    root = init_workspace(tmp_path / "ws")
    text = next(root.glob("content/*/en.yaml"))
    source = text.read_text(encoding="utf-8")
    env = {**os.environ, "BRIEFS_SERVER": "0", "NO_COLOR": "1"}
    errors: list[str] = []

    for _client, preview in preview_client(root):
        def save_repeatedly(preview: Preview = preview) -> None:
            for number in range(SAVES):
                edited = source.replace("\ntitle: ", f"\ntitle: v{number} ", 1)
                staged = text.with_suffix(".staged")
                staged.write_text(edited, encoding="utf-8")
                os.replace(staged, text)  # an editor's atomic save
                snapshot = rebuild(preview)
                errors.extend(p.message for p in snapshot.problems if p.severity == "error")

        saver = threading.Thread(target=save_repeatedly)
        saver.start()
        builds = []
        while saver.is_alive() or not builds:
            builds.append(subprocess.run(
                [sys.executable, "-m", "briefs", "build", "--force"], cwd=root, env=env,
                text=True, capture_output=True, timeout=300, check=False))
        saver.join()
        assert not errors, errors
        for done in builds:
            assert done.returncode == 0, done.stderr
        final = rebuild(preview)
        assert final.errors == 0
    last = subprocess.run([sys.executable, "-m", "briefs", "build"], cwd=root, env=env,
                          text=True, capture_output=True, timeout=300, check=False)
    assert last.returncode == 0, last.stderr
    assert not [p for p in (root / "build").rglob("*.tmp")]
    manifest = json.loads((root / "build" / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["outputs"]) == 4
    for output in manifest["outputs"]:
        data = (root / "build" / output["path"]).read_bytes()
        assert data.startswith(b"%PDF") and hashlib.sha256(data).hexdigest() == output["sha256"]

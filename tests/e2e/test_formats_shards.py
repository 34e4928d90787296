"""The other formats follow their PDF: into its shard, its profile's name, the manifest."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli


def files_of(root: Path) -> set[str]:
    manifest = json.loads((root / "build" / "manifest.json").read_text(encoding="utf-8"))
    return {record["path"] for entry in manifest["outputs"] for record in entry["files"]}


def test_two_shards_make_every_pdfs_images_once(small: Path) -> None:
    made = []
    for share in ("1/2", "2/2"):
        result = run_cli("build", "--shard", share, "--format", "png", "-j", "1",
                         workspace=small)
        assert result.exit_code == 0, result.stderr
        made.append(files_of(small))
        (small / "build" / "manifest.json").rename(small / f"manifest-{share[0]}.json")
    assert made[0] and made[1] and not made[0] & made[1]
    pdfs = sorted(p.relative_to(small / "build").as_posix()
                  for p in (small / "build").rglob("*.pdf"))
    assert sorted(made[0] | made[1]) == sorted(
        [p[:-4] + ".png" for p in pdfs] + [p[:-4] + ".png.alt.txt" for p in pdfs])
    merged = run_cli("manifest", "merge", *(str(small / f"manifest-{k}.json") for k in "12"),
                     "-o", str(small / "build"), workspace=small)
    assert merged.exit_code == 0, merged.stderr
    assert files_of(small) == made[0] | made[1]


def test_each_profile_has_its_own_images(small: Path) -> None:
    result = run_cli("build", "first-flyer", "-l", "en", "--profile", "all", "--format",
                     "jpeg,html", workspace=small)
    assert result.exit_code == 0, result.stderr
    assert {"first-flyer/first-flyer.en.jpg", "first-flyer/first-flyer.en.print.jpg",
            "first-flyer/web/first-flyer.en.html",
            "first-flyer/web/first-flyer.en.print.html"} <= files_of(small)

"""Planning and the no-op check stay linear: 1,000 targets cost at most about ten times 100.

Times are CPU seconds of this process (`time.process_time`), the least of two runs, so that
other processes on a loaded machine barely move them; a ratio is asserted, never seconds. Each
size is a workspace of copies of the starter flyer in two locales and five profiles (ten
targets a document).
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from briefs.content.config import load_workspace
from briefs.output.writer import Writer
from briefs.pipeline.noop import up_to_date, write_stamp
from briefs.pipeline.plan import plan_build
from briefs.pipeline.request import BuildOptions, BuildRequest
from briefs.pipeline.session import BuildSession
from briefs.scaffold.new_workspace import init_workspace

SMALL, LARGE = 100, 1000
LINEAR_BOUND = 15.0
"""10x the targets may cost up to 15x (linear, with room for noise); quadratic work at this
size would cost about 100x."""
PROFILES = "profile: all\nprofiles:\n" + "".join(
    f"  extra{number}:\n    suffix: .extra{number}\n" for number in range(3))


def generated(root: Path, targets: int) -> Path:
    """Copies of the starter flyer, en and fr, screen, print and three more profiles."""
    init_workspace(root)
    content = root / "content"
    for number in range(targets // 10):
        shutil.copytree(content / "first-flyer", content / f"flyer-{number:04d}")
    shutil.rmtree(content / "first-flyer")
    shutil.rmtree(content / "first-brief")
    config = root / "briefs.yaml"
    config.write_text(config.read_text(encoding="utf-8") + PROFILES, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def workspaces(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    base = tmp_path_factory.mktemp("scaling")
    return {size: generated(base / str(size), size) for size in (SMALL, LARGE)}


def least_cpu(action: Callable[[], object], runs: int = 2) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()
        action()
        times.append(time.process_time() - start)
    return min(times)


def planning(root: Path, shard: tuple[int, int] | None) -> Callable[[], int]:
    workspace = load_workspace(root)

    def plan() -> int:
        session = BuildSession(workspace, BuildOptions(shard=shard, writes=False), [])
        made = plan_build(session, workspace.document_ids(), list(workspace.config.locales))
        assert not session.diagnostics.has_errors(), list(session.diagnostics)
        return len(made.targets)

    return plan


def test_planning_is_linear_in_the_targets(workspaces: dict[int, Path]) -> None:
    """Planned whole, then one share of four kept (what a CI shard does)."""
    small, large = (planning(workspaces[size], (2, 4)) for size in (SMALL, LARGE))
    assert (small(), large()) == (SMALL // 4, LARGE // 4)  # warms what a process keeps
    ratio = least_cpu(large) / least_cpu(small)
    assert ratio <= LINEAR_BOUND, f"planning {LARGE} targets cost {ratio:.1f}x {SMALL}"


def stamped(root: Path, targets: int) -> Callable[[], list[str] | None]:
    """A workspace whose last clean build wrote `targets` outputs; its no-op check."""
    writer = Writer(root / "build")
    outputs = []
    for number in range(targets):
        path = writer.output_dir / f"doc-{number // 10:04d}" / f"out-{number}.pdf"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"%PDF")
        outputs.append(path.relative_to(writer.output_dir).as_posix())
    arguments = BuildRequest(root).stamp_arguments()
    write_stamp(writer, root, arguments, outputs, [])
    return lambda: up_to_date(root, writer.output_dir, arguments)


def test_the_no_op_check_is_linear_in_the_outputs(workspaces: dict[int, Path]) -> None:
    small, large = (stamped(workspaces[size], size) for size in (SMALL, LARGE))
    assert [len(check() or ()) for check in (small, large)] == [SMALL, LARGE]
    ratio = least_cpu(large) / least_cpu(small)
    assert ratio <= LINEAR_BOUND, f"the no-op check of {LARGE} outputs cost {ratio:.1f}x"

"""Templates that try to run code, read files or write without end (issue 20): a workspace kind's
template and an override of a built-in one, through `briefs build` and `briefs check`.

Each case: exit 1 with the template's `path:line`, no file made outside the workspace (the
pickle's canary), no byte of the secret printed or written, the previous outputs untouched and
no temporary file left.
"""

from __future__ import annotations

import os
import pickle
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from briefs.scaffold.new_workspace import init_workspace
from tests.conftest import PROJECTS, run_cli

SECRET = "CANARY-5d1e-TEMPLATE-SECRET"


class Payload:
    """A pickle that makes a file when it is loaded."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[object, tuple[str, ...]]:
        return (os.system, (f"touch {self.path}",))


@dataclass(frozen=True)
class Outside:
    folder: Path
    secret: Path
    made: Path
    """The file the pickle would make."""

    def pickle_hex(self) -> str:
        return pickle.dumps(Payload(self.made)).hex()


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The full sample with a workspace kind (tests/projects/custom-kind), checked once."""
    root = tmp_path_factory.mktemp("templates") / "ws"
    init_workspace(root, template="full")
    shutil.copytree(PROJECTS / "custom-kind", root, dirs_exist_ok=True)
    return root


@pytest.fixture
def outside(tmp_path: Path) -> Outside:
    folder = tmp_path / "outside"
    folder.mkdir()
    secret = folder / "secret.txt"
    secret.write_text(f"{SECRET}\n", encoding="utf-8")
    return Outside(folder, secret, folder / "PWNED")


@pytest.fixture
def workspace(prepared: Path, tmp_path: Path) -> Iterator[Path]:
    root = tmp_path / "ws"
    shutil.copytree(prepared, root, symlinks=True)
    build = root / "build" / "previous"
    build.mkdir(parents=True)
    (build / "old.pdf").write_bytes(b"%PDF-previous")
    yield root


ATTACKS = {
    "parse-raw-pickle": "{{ %s.parse_raw(bytes.fromhex('{hex}'), content_type='pickle', "
                        "allow_pickle=True) }}",
    "parse-raw-pickle-text": "{{ %s.parse_raw('{hex}', content_type='application/pickle', "
                             "allow_pickle=True) }}",
    "parse-file": "{{ %s.parse_file('{secret}', content_type='application/json') }}",
    "mro": "{{ %s.__class__.__mro__[1].__subclasses__() }}",
    "model-validate-json": "{{ %s.model_validate_json('{{}}') }}",
    "copy": "{{ %s.copy() }}",
    "json": "{{ %s.json() }}",
    "model-fields": "{{ %s.model_fields }}",
    "attr-filter": "{{ (%s | attr('parse_file'))('{secret}') }}",
    "format-class": "{{ '{{0.__class__.__init__.__globals__}}'.format(%s) }}",
    "globals": "{{ lipsum.__globals__['os'].system('touch {made}') }}",
    "total-output": "{% set big = 'x' * 1000000 %}{% for i in range(300) %}{{ big }}"
                    "{{ %s and '' }}{% endfor %}",
}


def _attack(name: str, value: str, outside: Outside) -> str:
    body = ATTACKS[name].replace("%s", value)
    return (body.replace("{hex}", outside.pickle_hex()).replace("{secret}", str(outside.secret))
            .replace("{made}", str(outside.made)).replace("{{}}", "{}"))


WHERE = {
    # (the template a case writes, what it calls, the document, the template's value)
    "kind": ("kinds/event-report/template.html.j2", "spring-report", "doc"),
    "override": ("templates/flyer.html.j2", "river-dialogue-flyer", "text"),
}


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted((root / "build").rglob("*")) if p.is_file()
            and not any(part.startswith(".") for part in p.relative_to(root).parts)}


@pytest.mark.parametrize("command", ["build", "check"])
@pytest.mark.parametrize("where", sorted(WHERE))
@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_a_template_cannot_reach_code_files_or_unbounded_output(
        name: str, where: str, command: str, workspace: Path, outside: Outside) -> None:
    relative, document, value = WHERE[where]
    template = workspace / relative
    template.parent.mkdir(parents=True, exist_ok=True)
    template.write_text(f"<html>\n<body>\n{_attack(name, value, outside)}\n</body>\n</html>\n",
                        encoding="utf-8")
    before = _snapshot(workspace)
    result = run_cli(command, document, "-l", "en", workspace=workspace)
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert "internal error" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert errors and all(line.startswith(f"{relative}:3:") for line in errors), result.stderr
    assert not outside.made.exists()
    assert sorted(p.name for p in outside.folder.iterdir()) == ["secret.txt"]
    assert SECRET not in result.stdout + result.stderr
    assert _snapshot(workspace) == before
    assert not list((workspace / "build").rglob("*.tmp"))

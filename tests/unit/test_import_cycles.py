"""No import cycles: between briefs' packages, and between its modules.

grimp (the graph library import-linter is built on) reads every import statement, those
inside functions and under `if TYPE_CHECKING:` too, so a cycle cannot hide behind either; it
answers which packages import which and whether a chain of imports leads back.
"""

from __future__ import annotations

import grimp
import pytest

KNOWN_PACKAGE_CYCLES: dict[frozenset[str], str] = {
    frozenset({"pipeline", "formats"}): "formats name outputs by pipeline.targets (Target, "
                                        "OutputName); the build selects formats",
    frozenset({"formats", "render"}): "render.engine runs formats.checks' render-stage checks",
    frozenset({"content", "kinds"}): "content.documents is typed with kinds.Kind (type only)",
}
"""Cycles left to remove, each with the import that closes it; no other may appear."""
KNOWN_MODULE_CYCLES: set[frozenset[str]] = {
    frozenset({"briefs.formats.checks", "briefs.formats.pdf"}),
}


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("briefs", cache_dir=None)


def package_cycles(graph: grimp.ImportGraph) -> set[frozenset[str]]:
    """Pairs of briefs' packages each of which imports the other (directly)."""
    packages = sorted(name for name in graph.find_children("briefs")
                      if graph.find_children(name))
    imports = {(a, b) for a in packages for b in packages if a != b and
               graph.direct_import_exists(importer=a, imported=b, as_packages=True)}
    return {frozenset({a.removeprefix("briefs."), b.removeprefix("briefs.")})
            for a, b in imports if (b, a) in imports}


def module_cycles(graph: grimp.ImportGraph) -> set[frozenset[str]]:
    """Each direct import that is on a cycle (the imported module leads back, through any
    chain of imports, to the importer), as the pair of modules it joins."""
    return {frozenset({edge["importer"], edge["imported"]})
            for edge in graph.find_matching_direct_imports(import_expression="** -> **")
            if graph.chain_exists(importer=edge["imported"], imported=edge["importer"])}


def test_no_new_cycle_between_packages(graph: grimp.ImportGraph) -> None:
    new = package_cycles(graph) - set(KNOWN_PACKAGE_CYCLES)
    assert not new, "packages importing each other: " + "; ".join(
        " <-> ".join(sorted(pair)) for pair in new)


def test_the_named_cycles_are_gone(graph: grimp.ImportGraph) -> None:
    cycles = package_cycles(graph)
    for pair in ({"content", "i18n"}, {"content", "core"}, {"brand", "content"},
                 {"build", "render"}):
        assert frozenset(pair) not in cycles
    modules = module_cycles(graph)
    assert frozenset({"briefs.brand.brands", "briefs.brand.brandyml"}) not in modules


def test_no_cycle_between_modules(graph: grimp.ImportGraph) -> None:
    new = module_cycles(graph) - KNOWN_MODULE_CYCLES
    assert not new, "imports on a cycle: " + "; ".join(
        " <-> ".join(sorted(pair)) for pair in new)


def test_the_checks_find_a_cycle() -> None:
    graph = grimp.build_graph("briefs", cache_dir=None)
    graph.add_import(importer="briefs.core.paths", imported="briefs.cli.common")
    assert frozenset({"cli", "core"}) in package_cycles(graph)
    assert frozenset({"briefs.core.paths", "briefs.cli.common"}) in module_cycles(graph)

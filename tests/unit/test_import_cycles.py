"""No import cycles, between briefs' packages or between its modules; packages in layers.

grimp (the graph library import-linter is built on) reads every import statement, those
inside functions and under `if TYPE_CHECKING:` too, so a cycle cannot hide behind either; it
answers which packages import which and whether a chain of imports leads back.
"""

from __future__ import annotations

import grimp
import pytest

LAYERS: tuple[grimp.Layer, ...] = (
    grimp.Layer("cli"),
    grimp.Layer("preview", "server", "scaffold", independent=True),
    grimp.Layer("pipeline"),
    grimp.Layer("formats"),
    grimp.Layer("render"),
    grimp.Layer("brand"),
    grimp.Layer("i18n"),
    grimp.Layer("kinds"),
    grimp.Layer("content"),
    grimp.Layer("output"),
    grimp.Layer("core"),
)
"""briefs' packages from the top down (docs/architecture.md draws them): a package imports
only those below it, and the runners on one line not each other."""


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


def test_no_cycle_between_packages(graph: grimp.ImportGraph) -> None:
    cycles = package_cycles(graph)
    assert not cycles, "packages importing each other: " + "; ".join(
        " <-> ".join(sorted(pair)) for pair in cycles)


def test_the_named_cycles_are_gone(graph: grimp.ImportGraph) -> None:
    cycles = package_cycles(graph)
    for pair in ({"content", "i18n"}, {"content", "core"}, {"brand", "content"},
                 {"build", "render"}, {"pipeline", "formats"}, {"formats", "render"},
                 {"content", "kinds"}):
        assert frozenset(pair) not in cycles
    modules = module_cycles(graph)
    assert frozenset({"briefs.brand.brands", "briefs.brand.brandyml"}) not in modules
    assert frozenset({"briefs.formats.checks", "briefs.formats.pdf"}) not in modules


def test_no_cycle_between_modules(graph: grimp.ImportGraph) -> None:
    cycles = module_cycles(graph)
    assert not cycles, "imports on a cycle: " + "; ".join(
        " <-> ".join(sorted(pair)) for pair in cycles)


def layer_breaches(graph: grimp.ImportGraph) -> list[str]:
    """Each import of a package by one below it (or by a sibling on its line), as the
    package pair and the first import that makes it."""
    found = graph.find_illegal_dependencies_for_layers(layers=LAYERS, containers={"briefs"})
    return sorted(f"{dependency.importer} -> {dependency.imported} "
                  f"({route.heads and sorted(route.heads)[0]} -> "
                  f"{route.tails and sorted(route.tails)[0]})"
                  for dependency in found for route in list(dependency.routes)[:1])


def test_packages_import_only_the_layers_below(graph: grimp.ImportGraph) -> None:
    packages = {name.removeprefix("briefs.") for name in graph.find_children("briefs")
                if graph.find_children(name)}
    layered = {name for layer in LAYERS for name in layer.module_tails}
    assert packages == layered, "a package missing from LAYERS (or gone): " + \
        ", ".join(sorted(packages ^ layered))
    assert not layer_breaches(graph), "imports against the layers: " + \
        "; ".join(layer_breaches(graph))


def test_the_checks_find_a_cycle() -> None:
    graph = grimp.build_graph("briefs", cache_dir=None)
    graph.add_import(importer="briefs.core.paths", imported="briefs.cli.common")
    assert frozenset({"cli", "core"}) in package_cycles(graph)
    assert frozenset({"briefs.core.paths", "briefs.cli.common"}) in module_cycles(graph)


@pytest.mark.parametrize(("importer", "imported"), [
    ("briefs.render.engine", "briefs.formats.checks"),     # down the layers: a breach
    ("briefs.content.documents", "briefs.kinds.kind"),
    ("briefs.preview.builder", "briefs.server.daemon"),    # siblings on one line
])
def test_the_layer_check_finds_a_breach(importer: str, imported: str) -> None:
    graph = grimp.build_graph("briefs", cache_dir=None)
    assert not layer_breaches(graph)
    graph.add_import(importer=importer, imported=imported)
    assert layer_breaches(graph)

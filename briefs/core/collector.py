"""How often a `briefs` process collects its young objects (the garbage collector's setting)."""

YOUNG_THRESHOLD = 20_000
"""Allocations between two collections of the youngest objects in a `briefs` process
(Python's default is 700). Importing the command line, pydantic building briefs' models,
loading the content and the templates, and importing the render pool (pebble, asyncio) make
hundreds of thousands of objects that live on: collected every 700, a one-document build
made about 50 collections before its job was handed over (measured, docs/performance.md).
Render workers set their own (render/workers.RENDER_GC_THRESHOLD)."""

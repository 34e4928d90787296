"""Foundations every stage shares: diagnostics, the workspace layout, safe paths, versions.

Nothing here imports pydantic, Jinja2 or WeasyPrint, so the no-op build can use it.
"""

"""Rendering: template context, Jinja2, the URL fetcher, WeasyPrint, workers, preflight."""

"""Translations: overlay on the source, lock file, template catalogs, status, formatting."""

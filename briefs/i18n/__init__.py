"""Translations: overlay, lock file, catalogs, status, formatting, digits and calendars, scripts."""

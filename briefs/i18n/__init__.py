"""Translations: catalogs, status, translators' files, digits and calendars, scripts."""

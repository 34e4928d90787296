"""A build server: one process that keeps the toolkit, WeasyPrint and its render workers warm
between `briefs build` commands (started with `briefs server start`)."""

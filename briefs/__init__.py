"""briefs: YAML content + Jinja2 templates + brand CSS -> branded PDF briefs and flyers."""

__version__ = "0.1.0"

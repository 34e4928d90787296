"""Build requests and build events as JSON, both ways, for the build server and its client.

Standard library only: the client (every `briefs build` while a server runs) encodes its
request and decodes the events it draws without importing pydantic or WeasyPrint.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from briefs.formats.targets import OutputName, TargetKey
from briefs.pipeline import events
from briefs.pipeline.events import BuildEvent, OutputRef
from briefs.pipeline.request import BuildRequest

EVENTS: dict[str, type] = {cls.__name__: cls for cls in (
    events.Planned, events.Note, events.Started, events.Fitted, events.Rendered,
    events.UpToDate, events.Failed, events.Finished)}


def request_json(request: BuildRequest) -> dict[str, Any]:
    """A build request as the server's schema (`server/request_schema.py`) takes it."""
    options = request.options
    return {"workspace": str(request.workspace), "docs": list(request.docs),
            "locales": list(request.locales), "single": request.single,
            "options": {"profiles": list(options.profiles), "variant": options.variant,
                        "strict": options.strict, "jobs": options.jobs,
                        "force": options.force, "emit_html": options.emit_html,
                        "shard": list(options.shard) if options.shard else None,
                        "formats": list(options.formats)}}


def event_json(event: BuildEvent) -> dict[str, Any]:
    """An event as JSON: its type's name and its fields (outputs as key and name)."""
    fields = {f.name: _value(getattr(event, f.name)) for f in dataclasses.fields(event)}
    return {"type": type(event).__name__, **fields}


def _value(value: Any) -> Any:
    if isinstance(value, OutputRef):
        return {"key": dataclasses.astuple(value.key), "name": dataclasses.astuple(value.name)}
    if isinstance(value, tuple):
        return [_value(item) for item in value]
    return value


def event_of(data: dict[str, Any]) -> BuildEvent:
    """The event `event_json` made (ValueError when it is not one)."""
    cls = EVENTS.get(str(data.get("type")))
    if cls is None:
        raise ValueError(f"not a build event: {data.get('type')!r}")
    values = {}
    for field in dataclasses.fields(cls):
        if field.name in data:
            values[field.name] = _field(field.name, data[field.name])
    event: BuildEvent = cls(**values)
    return event


def _field(name: str, value: Any) -> Any:
    if name == "output":
        return _ref(value)
    if name in ("outputs", "failed", "untranslated") and isinstance(value, list):
        return tuple(_ref(item) for item in value)
    if name == "applied" and isinstance(value, list):
        return tuple(value)
    return value


def _ref(value: dict[str, Any]) -> OutputRef:
    return OutputRef(TargetKey(*value["key"]), OutputName(*value["name"]))

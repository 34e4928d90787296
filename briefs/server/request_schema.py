"""What the build server accepts: one message, strictly checked and bounded, before anything
runs. A build is asked for as a build request (never as the command line's arguments);
anything else (an unknown command or field, a wrong type, a deep or huge document) is
refused and the connection closed."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter, model_validator

from briefs.pipeline.request import BuildOptions, BuildRequest

PROTOCOL = 2
Name = Annotated[str, StringConstraints(min_length=1, max_length=200,
                                        pattern=r"^[^\x00-\x1f\x7f]+$")]
"""A document, locale, profile, variant or format name (checked again by the build)."""
FolderPath = Annotated[str, StringConstraints(min_length=1, max_length=4096,
                                              pattern=r"^/[^\x00]*$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class OptionsMessage(_Strict):
    profiles: tuple[Name, ...] = Field(default=(), max_length=64)
    variant: Name | None = None
    strict: bool = False
    jobs: int = Field(default=0, ge=0, le=256)
    force: bool = False
    emit_html: bool = False
    shard: tuple[int, int] | None = None
    formats: tuple[Name, ...] = Field(default=(), max_length=32)

    @model_validator(mode="after")
    def _share(self) -> OptionsMessage:
        if self.shard is not None and not 1 <= self.shard[0] <= self.shard[1] <= 100_000:
            raise ValueError("shard: K/N with 1 <= K <= N <= 100000")
        return self


class RequestMessage(_Strict):
    workspace: FolderPath
    """An absolute folder: the server never uses its own working folder."""
    docs: tuple[Name, ...] = Field(default=(), max_length=10_000)
    locales: tuple[Name, ...] = Field(default=(), max_length=1_000)
    single: bool = False
    options: OptionsMessage = OptionsMessage()


class BuildMessage(_Strict):
    protocol: Literal[2]
    command: Literal["build"]
    request: RequestMessage

    def build_request(self) -> BuildRequest:
        given, options = self.request, self.request.options
        from pathlib import Path

        return BuildRequest(Path(given.workspace), given.docs, given.locales, BuildOptions(
            profiles=options.profiles, variant=options.variant, strict=options.strict,
            jobs=options.jobs, force=options.force, emit_html=options.emit_html,
            shard=options.shard, formats=options.formats), single=given.single)


class ControlMessage(_Strict):
    protocol: Literal[2]
    command: Literal["status", "stop"]


Message = Annotated[BuildMessage | ControlMessage, Field(discriminator="command")]
MESSAGE: TypeAdapter[BuildMessage | ControlMessage] = TypeAdapter(Message)


class Refused(ValueError):
    """Not a message the server takes."""


def parse_message(payload: bytes) -> BuildMessage | ControlMessage:
    """The message in `payload` (JSON), checked against the schema; Refused otherwise.
    pydantic's JSON parser bounds nesting (a megabyte of `[` is an error, not a crash)."""
    try:
        return MESSAGE.validate_json(payload)
    except (ValueError, RecursionError) as exc:
        raise Refused(str(exc).splitlines()[0][:200]) from exc

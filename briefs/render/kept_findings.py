"""The standards' findings on a PDF kept between builds, signed: a build whose render writes
the bytes an earlier build wrote (unchanged content: builds are reproducible) takes what the
checks found in them then, instead of parsing the PDF with pikepdf and walking it again
(0.33 CPU-s of the sample's 24 outputs; `checked_pdfs.py` keeps findings in memory for a
process that renders outputs again).

What `check_pdf_bytes` finds is a function of the bytes and of this toolkit's rules, so a
finding is named by the PDF's SHA-256 and the toolkit's versions (`signed_store.parts_name`:
pikepdf's among them) and kept beside the drawings (`kept_drawings.py`: signed with the
user's key outside the workspace, read only from a regular file inside the output folder; a
worker reads, the build writes). What is read is checked: a list of plain problems, nothing
else.
"""

from __future__ import annotations

import json

from briefs.core.diagnostics import Problem, Severity
from briefs.core.kept import plain_json
from briefs.render import kept_drawings

MAX_PROBLEMS = 10_000
TEXT = ("code", "message")
OPTIONAL_TEXT = ("hint", "subject")


def parts(digest: bytes) -> tuple[str, str]:
    """What a PDF's findings are named by: the PDF's digest."""
    return ("pdf findings", digest.hex())


def readable() -> bool:
    """Whether the render being made has findings of earlier builds to read (a build's)."""
    return kept_drawings.reading() is not None


def find(digest: bytes) -> tuple[Problem, ...] | None:
    """What the checks found in the PDF of this digest in an earlier build, or None."""
    drawings = kept_drawings.reading()
    data = drawings.recall(parts(digest)) if drawings is not None else None
    return decode(data) if data is not None else None


def record(digest: bytes, problems: tuple[Problem, ...]) -> None:
    """Send the findings to the build with the render's result, to be kept."""
    drawings = kept_drawings.reading()
    encoded = encode(problems)
    if drawings is not None and encoded is not None:
        drawings.keep(parts(digest), encoded)


def encode(problems: tuple[Problem, ...]) -> bytes | None:
    """Findings as JSON (None when one of them is not plain: a spot in a source file)."""
    if any(problem.at is not None for problem in problems):
        return None
    data = json.dumps([{"severity": problem.severity.value, "code": problem.code,
                        "message": problem.message, "hint": problem.hint,
                        "subject": problem.subject, "page": problem.page}
                       for problem in problems], separators=(",", ":")).encode("utf-8")
    return data if decode(data) == problems else None


def decode(data: bytes) -> tuple[Problem, ...] | None:
    """The findings `encode` wrote, or None when `data` is not them."""
    plain = plain_json(data)
    if not isinstance(plain, list) or len(plain) > MAX_PROBLEMS:
        return None
    problems = []
    for item in plain:
        if not isinstance(item, dict) or set(item) != {"severity", *TEXT, *OPTIONAL_TEXT,
                                                       "page"}:
            return None
        page = item["page"]
        if item["severity"] not in {"error", "warning"} or \
                not all(isinstance(item[name], str) for name in TEXT) or \
                not all(item[name] is None or isinstance(item[name], str)
                        for name in OPTIONAL_TEXT) or \
                not (page is None or (isinstance(page, int) and not isinstance(page, bool)
                                      and 0 < page < 1_000_000)):
            return None
        problems.append(Problem(Severity(item["severity"]), item["code"], item["message"],
                                item["hint"], item["subject"], page))
    return tuple(problems)

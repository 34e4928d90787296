"""Findings grouped by rule id, a few examples each, so that one fault does not flood a report."""

from __future__ import annotations

from dataclasses import dataclass, field

from briefs.core.diagnostics import Problem, Severity

EXAMPLES_PER_RULE = 5


@dataclass
class RuleReport:
    """What each rule found, in the order the rules first found something."""

    errors: dict[str, list[str]] = field(default_factory=dict)
    warnings: dict[str, list[str]] = field(default_factory=dict)

    def error(self, rule: str, message: str) -> None:
        self.errors.setdefault(rule, []).append(message)

    def warning(self, rule: str, message: str) -> None:
        self.warnings.setdefault(rule, []).append(message)

    def failed(self, rule: str) -> bool:
        return rule in self.errors

    @staticmethod
    def _lines(found: dict[str, list[str]]) -> list[str]:
        lines = []
        for rule, messages in found.items():
            lines += [f"{rule}: {message}" for message in messages[:EXAMPLES_PER_RULE]]
            if len(messages) > EXAMPLES_PER_RULE:
                lines.append(f"{rule}: and {len(messages) - EXAMPLES_PER_RULE} more like these")
        return lines

    def problems(self) -> list[Problem]:
        """Every line of the report, typed: the rule id as the problem's code."""
        found: list[Problem] = []
        for severity, grouped in ((Severity.ERROR, self.errors),
                                  (Severity.WARNING, self.warnings)):
            for rule, messages in grouped.items():
                found += [Problem(severity, rule, line) for line in self._lines({rule: messages})]
        return found

    def error_lines(self) -> list[str]:
        return self._lines(self.errors)

    def warning_lines(self) -> list[str]:
        return self._lines(self.warnings)


def on_page(page: int | None) -> str:
    """`page 3: ` for a page index of 2; `` when not known."""
    return f"page {page + 1}: " if page is not None else ""

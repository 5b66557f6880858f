"""Every error contractgen raises on purpose, under one base class."""

from __future__ import annotations

from dataclasses import dataclass


class ContractgenError(Exception):
    """Base of all errors contractgen reports to a user (never shown as a traceback)."""

    exit_code = 2


@dataclass(frozen=True, order=True, slots=True)  # slots: a spec of 5,000 rows holds 700,000 of these
class Location:
    """Where a value stands in a spec file (1-based line and column)."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


def dotted(path: tuple[str | int, ...]) -> str:
    """('payment', 'instalments', 2, 'percent') -> 'payment.instalments[2].percent'."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(document)"


@dataclass(frozen=True)
class Problem:
    """Something wrong found by compute or a rule, named by its spec path; the pipeline locates it."""

    path: tuple[str | int, ...]
    message: str
    severity: str | None = None  # overrides the rule's own severity (a rule with a warning threshold)


@dataclass(frozen=True, order=True)
class SpecIssue:
    """One thing wrong with a spec: where, which field, what."""

    location: Location
    path: tuple[str | int, ...]
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {dotted(self.path)}: {self.message}"


class SpecError(ContractgenError):
    """Raised when a spec cannot be loaded or is invalid; carries every issue found."""

    exit_code = 1

    def __init__(self, issues: list[SpecIssue]):
        self.issues = sorted(set(issues), key=lambda i: (i.location, dotted(i.path), i.message))
        super().__init__("\n".join(str(i) for i in self.issues))


class InputError(ContractgenError):
    """Raised when a file cannot be read or written (missing, unreadable, not a directory)."""


class RenderError(ContractgenError):
    """Raised when a clause template fails: undefined variable, syntax error, unknown clause."""


class LeftOutArticleError(RenderError):
    """Raised when a template refers (ref) to an article this contract leaves out."""

    def __init__(self, message: str, article: str, where: str):
        self.article = article
        self.where = where
        super().__init__(message)


class UnprintedSubClauseError(RenderError):
    """Raised when the spec changes a sub-clause (articles: omit, replace, append) that this contract does not print."""

    def __init__(self, ids: list[str]):
        self.ids = ids
        super().__init__(
            f"the spec changes sub-clauses this contract does not print (a condition leaves them out): {', '.join(ids)}"
        )


class ToolMissingError(ContractgenError):
    """Raised when an external program (LibreOffice) is needed but not installed."""


class UntranslatedError(ContractgenError):
    """Raised by render --strict when English output would fall back to Chinese text."""

    exit_code = 1

    def __init__(self, spec: object, paths: tuple[str, ...]):
        self.paths = paths
        listed = "\n".join(f"  {p}" for p in paths)
        super().__init__(f"{spec}: {len(paths)} field(s) have no English text (--strict):\n{listed}")

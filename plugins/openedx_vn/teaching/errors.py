"""Exceptions of the teaching API. Each message says which value is wrong and why; ``errors`` maps fields."""

from openedx_vn.teaching.access import ActionError, ScopeError


class TeachingError(ValueError):
    """Invalid input to the teaching API; the message says which value and why."""

    def __init__(self, message, errors=None):
        super().__init__(message)
        self.errors = errors or {}

    @classmethod
    def of(cls, errors):
        """An error naming every wrong field of ``errors`` ({field: message})."""
        return cls("; ".join(f"{name}: {message}" for name, message in errors.items()), errors)


class PlanError(TeachingError):
    """A plan was refused."""


class SessionError(TeachingError):
    """A session was refused (bad field, duplicate, a step the workflow does not allow)."""


class SessionPermissionError(ActionError):
    """The user sees the session but may not do this to it (approve without leading the school, say)."""


class SessionImportError(TeachingError):
    """A session import was refused whole; ``problems`` are ``ImportProblem`` values with their places."""

    def __init__(self, problems):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


__all__ = [
    "ActionError",
    "PlanError",
    "ScopeError",
    "SessionError",
    "SessionImportError",
    "SessionPermissionError",
    "TeachingError",
]

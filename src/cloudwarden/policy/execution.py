"""Run one compiled CEL program so that whatever goes wrong becomes a reason, never a crash.

What ``cel`` (``common-expression-language`` 0.10, cel-rust) raises from ``Program.execute``,
from its source (``map_execution_error_to_python``) and by trying each case:

- ``IndexError``: a list index out of range (``resource.rules[0]`` on an empty list);
- ``KeyError``: a missing map key or field (``resource.logging.target`` on a null logging);
- ``ZeroDivisionError``: ``/`` or ``%`` by zero;
- ``OverflowError``: int64/uint64 overflow, timestamp overflow, out-of-range ``int()``;
- ``TypeError``: no such overload, values not comparable, mixed int and uint, a bad index type;
- ``RuntimeError``: an undeclared variable or function, a failing built-in (``int('x')``, a bad
  regex, an invalid timestamp) and *any* exception of a registered Python function, which cel
  turns into ``RuntimeError("Function 'f' error: ...")`` — including ``KeyboardInterrupt``;
- ``ValueError``: a panic of the Rust runtime caught inside ``execute``, a value it cannot
  convert, and any execution error it does not map;
- ``pyo3_runtime.PanicException`` (a ``BaseException``): a Rust panic outside that guard.

The registered functions are wrapped (:class:`FunctionGuard`) so that the reason names our
function and its exception, and so that Ctrl-C inside one still stops the scan instead of
becoming a ``RuntimeError`` result.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

EVALUATION_ERRORS: tuple[type[Exception], ...] = (
    LookupError,  # IndexError, KeyError
    ArithmeticError,  # ZeroDivisionError, OverflowError
    TypeError,
    ValueError,
    RuntimeError,
)
"""Every ``Exception`` class ``cel`` raises from ``execute`` (see the module docstring)."""


class EvaluationFailedError(Exception):
    """One execution failed; ``reason`` says why, in words for the result."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _is_panic(error: BaseException) -> bool:
    kind = type(error)
    return kind.__name__ == "PanicException" and kind.__module__ == "pyo3_runtime"


class FunctionGuard:
    """Wraps the functions registered in a CEL context and remembers what they raised."""

    def __init__(self) -> None:
        self._failure: str | None = None
        self._interrupt: BaseException | None = None

    def wrap(self, functions: Mapping[str, Callable[..., Any]]) -> dict[str, Callable[..., Any]]:
        return {name: self._guarded(name, function) for name, function in functions.items()}

    def _guarded(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def guarded(*args: Any) -> Any:
            try:
                return function(*args)
            except Exception as exc:
                if self._failure is None:
                    self._failure = f"{name}() raised {type(exc).__name__}: {exc}"
                raise
            except BaseException as exc:  # cel would turn Ctrl-C into a RuntimeError: keep it
                self._interrupt = exc
                raise

        guarded.__name__ = name
        return guarded

    def run(self, program: Any, context: Any) -> Any:
        """``program.execute(context)``; a failure is :class:`EvaluationFailedError`."""
        self._failure = None
        try:
            outcome = program.execute(context)
        except EVALUATION_ERRORS as exc:
            self._reraise_interrupt()
            raise EvaluationFailedError(self._failure or _describe(exc)) from exc
        except BaseException as exc:
            if not _is_panic(exc):
                raise
            raise EvaluationFailedError(f"the CEL runtime panicked: {exc}") from None
        self._reraise_interrupt()
        return outcome

    def _reraise_interrupt(self) -> None:
        if self._interrupt is not None:
            interrupt, self._interrupt = self._interrupt, None
            raise interrupt


def _describe(error: Exception) -> str:
    text = str(error) if not isinstance(error, KeyError) else f"no such key {error}"
    return f"{type(error).__name__}: {text}" if text else type(error).__name__

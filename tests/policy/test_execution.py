"""Running one CEL program: every failure is a reason, Ctrl-C still stops the scan."""

from __future__ import annotations

import cel
import pytest

from cloudwarden.policy.execution import EvaluationFailedError, FunctionGuard


def run(source: str, **functions: object) -> object:
    guard = FunctionGuard()
    context = cel.Context(functions=guard.wrap(functions))  # type: ignore[arg-type]
    context.add_variable("rules", [])
    return guard.run(cel.compile(source), context)


@pytest.mark.parametrize(
    ("source", "kind"),
    [
        ("rules[0] == 1", "IndexError"),
        ("{'a': 1}['b'] == 1", "KeyError"),
        ("1 / size(rules) == 0", "ZeroDivisionError"),
        ("9223372036854775807 + 1 > 0", "OverflowError"),
        ("1 + 'a' == 2", "TypeError"),
        ("undeclared == 1", "RuntimeError"),
    ],
)
def test_each_kind_of_cel_failure_is_a_reason(source, kind):
    with pytest.raises(EvaluationFailedError) as raised:
        run(source)
    assert raised.value.reason.startswith(kind)


def test_a_bug_in_a_registered_function_is_a_reason_naming_it():
    def broken(value: object) -> bool:
        return value.missing  # type: ignore[attr-defined,no-any-return]

    with pytest.raises(EvaluationFailedError) as raised:
        run("broken(1)", broken=broken)
    assert raised.value.reason == (
        "broken() raised AttributeError: 'int' object has no attribute 'missing'"
    )


def test_ctrl_c_inside_a_registered_function_still_stops_the_evaluation():
    def interrupted(value: object) -> bool:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run("interrupted(1)", interrupted=interrupted)


def test_a_registered_function_that_works_is_called_through_the_guard():
    assert run("double_it(2) == 4", double_it=lambda value: value * 2) is True

"""Memory steps → chat messages, their JSON form, and showing sandbox values without running them.
"""
import json

import pytest

from agent import (ActionStep, AgentMemory, FinalAnswerStep, PlanningStep, SystemPromptStep,
                   TaskStep, TokenUsage)
from agent.memory import RETRY_HINT, step_from_dict, step_to_dict
from agent.values import safe_repr, safe_str, to_jsonable


def test_memory_turns_steps_into_alternating_messages():
    memory = AgentMemory("You solve tasks.")
    memory.steps += [
        TaskStep("Add 1 and 1."),
        PlanningStep(1, "1. add\n2. answer"),
        ActionStep(1, model_output="Thought: add\n```py\nprint(1 + 1)\n```",
                   code="print(1 + 1)", observations="Execution logs:\n2\n"),
        ActionStep(2, model_output="```py\n1/0\n```", code="1/0",
                   error="ZeroDivisionError: division by zero (line 1)"),
        ActionStep(3, model_output="```py\nfinal_answer(2)\n```", code="final_answer(2)",
                   output=2, is_final_answer=True),
        FinalAnswerStep(2),
    ]
    assert memory.to_messages() == [
        {"role": "system", "content": "You solve tasks."},
        {"role": "user", "content": "New task:\nAdd 1 and 1."},
        {"role": "assistant", "content": "1. add\n2. answer"},
        {"role": "user", "content": "Now proceed and carry out this plan."},
        {"role": "assistant", "content": "Thought: add\n```py\nprint(1 + 1)\n```"},
        {"role": "user", "content": "Observation:\nExecution logs:\n2\n"},
        {"role": "assistant", "content": "```py\n1/0\n```"},
        {"role": "user",
         "content": f"Error:\nZeroDivisionError: division by zero (line 1)\n{RETRY_HINT}"},
        {"role": "assistant", "content": "```py\nfinal_answer(2)\n```"},
    ]
    assert memory.to_messages(with_system_prompt=False)[0]["role"] == "user"


def test_error_observation_keeps_output_printed_before_the_error():
    step = ActionStep(1, model_output="m", code="print('a'); 1/0",
                      observations="Execution logs:\na\n",
                      error="ZeroDivisionError: division by zero")
    assert step.to_messages()[1]["content"] == (
        "Observation:\nExecution logs:\na\n\n"
        f"Error:\nZeroDivisionError: division by zero\n{RETRY_HINT}")


def test_silent_step_still_answers_the_model():
    assert ActionStep(1, model_output="m", code="x = 1").to_messages()[1] == {
        "role": "user", "content": "Observation:\n(no output)"}


def test_token_usage_adds_up_over_steps():
    memory = AgentMemory("s")
    memory.steps += [TaskStep("t"), PlanningStep(1, "p", token_usage=TokenUsage(10, 2)),
                     ActionStep(1, token_usage=TokenUsage(20, 5)),
                     FinalAnswerStep("a", token_usage=TokenUsage(30, 1))]
    assert memory.token_usage() == TokenUsage(60, 8)
    assert memory.token_usage().total_tokens == 68


@pytest.mark.parametrize("step", [
    SystemPromptStep("sys"),
    TaskStep("task"),
    PlanningStep(1, "plan", duration=0.5, token_usage=TokenUsage(3, 4)),
    ActionStep(2, model_output="out", code="x", observations="obs", output=[1, "a", None],
               error=None, is_final_answer=True, duration=1.25, token_usage=TokenUsage(7, 8)),
    ActionStep(3, model_output="out", error="boom"),
    FinalAnswerStep({"k": [1, 2]}, from_max_steps=True, token_usage=TokenUsage(1, 1)),
])
def test_steps_survive_a_json_round_trip(step):
    line = json.dumps(step_to_dict(step))
    assert step_from_dict(json.loads(line)) == step


def test_unknown_trace_fields_are_ignored():
    assert step_from_dict({"type": "task", "task": "t", "added_later": 1}) == TaskStep("t")


class Hostile:
    """Stands in for an object of a class sandboxed code defined: its dunders must never run."""

    def __repr__(self):
        raise AssertionError("__repr__ ran in the host")

    __str__ = __repr__


def test_safe_repr_never_calls_an_object_own_repr():
    assert safe_repr([1, Hostile(), {"k": Hostile()}]) == (
        "[1, <Hostile object>, {'k': <Hostile object>}]")
    assert safe_str(Hostile()) == "<Hostile object>"
    assert to_jsonable({"a": Hostile(), "b": (1, 2)}) == {"a": "<Hostile object>", "b": [1, 2]}


@pytest.mark.parametrize("value", [
    None, True, 3, -2.5, 1 + 2j, "text", b"bytes", [1, [2, (3,)]], (1,), (), {"a": {1: "b"}},
    set(), {1}, frozenset(), frozenset({2}), [{}, []],
])
def test_safe_repr_matches_repr_for_builtin_data(value):
    assert safe_repr(value) == repr(value)


def test_safe_repr_bounds_size_cycles_and_huge_ints():
    cycle = [1]
    cycle.append(cycle)
    assert safe_repr(cycle) == repr(cycle) == "[1, [...]]"
    assert safe_repr(list(range(10_000)), limit=20) == repr(list(range(10_000)))[:20] + "..."
    assert safe_repr(10 ** 5000).startswith("<int with ")
    assert safe_str("x" * 50, limit=10) == "x" * 10 + "..."
    big = to_jsonable(list(range(20_000)))
    assert big[:3] == [0, 1, 2] and big[-1] == "..." and len(big) <= 10_001
    json.dumps(to_jsonable([cycle, 10 ** 5000]))  # must not raise

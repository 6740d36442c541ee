"""The agent's memory: one typed record per step, turned into chat messages for the next model call.

Every step also has a JSON form (`step_to_dict` / `step_from_dict`), which is what a trace file
holds, one object per line; replaying a trace rebuilds the same steps. Values that came out of the
sandbox are stored in JSON through `to_jsonable`, never through their own `__repr__`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from .models import Message, TokenUsage
from .values import to_jsonable

RETRY_HINT = ("Now let's retry: take care not to repeat previous errors! "
              "If you have retried several times, try a completely different approach.")


def _user(text: str) -> Message:
    return {"role": "user", "content": text}


def _assistant(text: str) -> Message:
    return {"role": "assistant", "content": text}


@dataclass
class SystemPromptStep:
    system_prompt: str
    kind: ClassVar[str] = "system_prompt"

    def to_messages(self) -> list[Message]:
        return [{"role": "system", "content": self.system_prompt}]


@dataclass
class TaskStep:
    task: str
    kind: ClassVar[str] = "task"

    def to_messages(self) -> list[Message]:
        return [_user(f"New task:\n{self.task}")]


@dataclass
class PlanningStep:
    """A plan the model wrote (at step 1, then every `planning_interval` steps)."""

    step_number: int
    plan: str
    duration: float = 0.0
    token_usage: TokenUsage = field(default_factory=TokenUsage)
    kind: ClassVar[str] = "planning"

    def to_messages(self) -> list[Message]:
        return [_assistant(self.plan), _user("Now proceed and carry out this plan.")]


@dataclass
class ActionStep:
    """One model call and the code it produced, run in the session.

    observations: what the run printed (execution logs) and its last value, as the model reads it.
    output:       the run's value (the final answer when `is_final_answer`).
    error:        the error text the model reads (parse/policy/limit/code error, or no code block).
    """

    step_number: int
    model_output: str = ""
    code: str | None = None
    observations: str = ""
    output: Any = None
    error: str | None = None
    is_final_answer: bool = False
    duration: float = 0.0
    token_usage: TokenUsage = field(default_factory=TokenUsage)
    kind: ClassVar[str] = "action"

    def to_messages(self) -> list[Message]:
        messages = [_assistant(self.model_output)]
        if self.error is not None:
            logs = f"Observation:\n{self.observations}\n" if self.observations else ""
            messages.append(_user(f"{logs}Error:\n{self.error}\n{RETRY_HINT}"))
        elif not self.is_final_answer:
            messages.append(_user(f"Observation:\n{self.observations or '(no output)'}"))
        return messages


@dataclass
class FinalAnswerStep:
    """The run's answer; `from_max_steps` when the step limit forced a last, code-free call."""

    answer: Any
    from_max_steps: bool = False
    duration: float = 0.0
    token_usage: TokenUsage = field(default_factory=TokenUsage)
    kind: ClassVar[str] = "final_answer"

    def to_messages(self) -> list[Message]:
        return []


Step = SystemPromptStep | TaskStep | PlanningStep | ActionStep | FinalAnswerStep
STEP_TYPES: dict[str, type] = {t.kind: t for t in (SystemPromptStep, TaskStep, PlanningStep,
                                                    ActionStep, FinalAnswerStep)}


def step_to_dict(step: Step) -> dict[str, Any]:
    """The step as JSON-ready data, with its kind under "type"."""
    data: dict[str, Any] = {"type": step.kind}
    for name, value in vars(step).items():
        if isinstance(value, TokenUsage):
            data[name] = value.to_dict()
        elif name in ("output", "answer"):
            data[name] = to_jsonable(value)
        else:
            data[name] = value
    return data


def step_from_dict(data: dict[str, Any]) -> Step:
    """Rebuild a step from `step_to_dict`'s output (unknown keys are ignored, for older traces)."""
    cls = STEP_TYPES[data["type"]]
    fields = cls.__dataclass_fields__
    kwargs = {k: v for k, v in data.items() if k in fields}
    if "token_usage" in kwargs:
        kwargs["token_usage"] = TokenUsage(**kwargs["token_usage"])
    return cls(**kwargs)


class AgentMemory:
    """The system prompt and the steps of the current run (and earlier runs, when not reset)."""

    def __init__(self, system_prompt: str) -> None:
        self.system_prompt = SystemPromptStep(system_prompt)
        self.steps: list[Step] = []

    def reset(self) -> None:
        self.steps.clear()

    def to_messages(self, *, with_system_prompt: bool = True) -> list[Message]:
        """Chat messages for the model: system prompt, then each step's messages in order."""
        messages = self.system_prompt.to_messages() if with_system_prompt else []
        for step in self.steps:
            messages.extend(step.to_messages())
        return messages

    @property
    def action_steps(self) -> list[ActionStep]:
        return [s for s in self.steps if isinstance(s, ActionStep)]

    def token_usage(self) -> TokenUsage:
        total = TokenUsage()
        for step in self.steps:
            total = total + getattr(step, "token_usage", None)
        return total

"""Printing a run as it happens (and again from a trace): rich panels for the code, the observations
and the errors, one step at a time.

The same `Printer` serves live runs and `replay`, so a replayed trace looks like the run did. Values
are shown through `safe_str`, never their own `__str__` (see values.py). Rich markup in model output
or page text must not be interpreted: everything untrusted goes in as `Text`/`Syntax`, not markup.
"""
from __future__ import annotations

import re

from rich.console import Console, Group
from rich.panel import Panel
from rich.rule import Rule
from rich.syntax import Syntax
from rich.text import Text

from .memory import ActionStep, FinalAnswerStep, PlanningStep, Step, TaskStep
from .values import safe_str

_CODE = re.compile(r"```.*?(?:```|\Z)|<code>.*?(?:</code>|\Z)", re.DOTALL)


class Printer:
    """Prints steps to `console` (stdout by default); prints nothing when disabled."""

    def __init__(self, console: Console | None = None, enabled: bool = True) -> None:
        self.console = console or Console(highlight=False)
        self.enabled = enabled

    def step(self, step: Step, *, agent_name: str | None = None) -> None:
        if not self.enabled:
            return
        if isinstance(step, TaskStep):
            title = f"New run - {agent_name}" if agent_name else "New run"
            self.console.print(Panel(Text(step.task), title=title, border_style="cyan",
                                     title_align="left"))
        elif isinstance(step, PlanningStep):
            self.console.print(Panel(Text(step.plan.strip()), title="Plan", border_style="yellow",
                                     title_align="left", subtitle=self._footer(step)))
        elif isinstance(step, ActionStep):
            self._action(step)
        elif isinstance(step, FinalAnswerStep):
            prefix = "Final answer (step limit reached)" if step.from_max_steps else "Final answer"
            self.console.print(Text(f"{prefix}: {safe_str(step.answer)}", style="bold green"))

    def _action(self, step: ActionStep) -> None:
        self.console.print(Rule(f"Step {step.step_number}", style="blue"))
        thought = _CODE.sub("", step.model_output).replace("<end_code>", "").strip()
        parts: list = []
        if thought:
            parts.append(Text(thought, style="italic"))
        if step.code:
            parts.append(Panel(Syntax(step.code, "python", theme="monokai", line_numbers=True),
                               title="Code", title_align="left", border_style="blue"))
        if parts:
            self.console.print(Group(*parts))
        if step.observations:
            self.console.print(Panel(Text(step.observations.rstrip()), title="Observations",
                                     title_align="left", border_style="white"))
        if step.error is not None:
            self.console.print(Panel(Text(step.error), title="Error", title_align="left",
                                     border_style="red", style="red"))
        self.console.print(Text(self._footer(step), style="dim"))

    @staticmethod
    def _footer(step: ActionStep | PlanningStep) -> str:
        usage = step.token_usage
        return (f"[Step {step.step_number}: {step.duration:.2f} s"
                f" | input tokens: {usage.input_tokens} | output tokens: {usage.output_tokens}]")

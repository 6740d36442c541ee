"""`CodeAgent`: a ReAct loop in which the model acts by writing Python that safeexec runs.

Each step: memory → chat messages → model → code block → one persistent `safeexec.Session` →
observations (printed output, or the error with its line) → next step, until the code calls
`final_answer(...)` (a tool raising `safeexec.Stop`) or `max_steps` is reached, when one last
model call asks for the answer in words.

Traps:
- The sandbox's wall-clock limit counts time spent inside tools (web requests, a managed agent's
  whole run), so the agent's default timeout is longer than safeexec's.
- Values coming back from the sandbox are shown through agent.values, never their own `__repr__`.
- A managed agent runs its own Session from inside a tool call of its manager's Session.
Imports only the public `safeexec` API.
"""
from __future__ import annotations

import inspect
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import safeexec
from rich.console import Console

from .display import Printer
from .memory import ActionStep, AgentMemory, FinalAnswerStep, PlanningStep, Step, TaskStep
from .models import Message, Model, TokenUsage
from .parsing import extract_code
from .templates import load_template, render
from .tools import FinalAnswerTool, Tool, as_sandbox_callable
from .trace import TraceWriter
from .values import safe_str

# Wall time includes tool calls (see module docstring); the other limits are safeexec's defaults.
DEFAULT_LIMITS = safeexec.Limits(timeout=60.0)
STOP_SEQUENCES = ("<end_code>", "Observation:", "Calling tools:")
PLAN_STOP_SEQUENCES = ("<end_plan>",)
FORMAT_HELP = """Your reply has no code block, so nothing was run. Reply in this format:
Thought: what you will do and why.
```py
# your Python code; call final_answer(...) when you have the answer
```<end_code>"""
MAX_STEPS_PROMPT = """You have reached the step limit, so no more code will run. Based on the work \
above, give your best final answer to the task below, in plain words, without code.
Task:
{task}"""


class CodeAgent:
    """An agent that solves tasks by writing Python actions, run by safeexec.

    tools:             Tool objects (see `@tool`), or other CodeAgents with a name and a description
                       (managed agents: their `run(task)` is called, their answer is the result).
    model:             a `Model` (e.g. OpenAIModel); called with chat messages and stop sequences.
    allowed_imports:   modules the code may import (safeexec's allowlist syntax, e.g. "numpy.*").
    backend, limits:   passed to `safeexec.Session`; `limits` bounds each step's code.
    max_steps:         action steps before the agent must answer without code.
    step_callbacks:    called after each planning/action/final step as `cb(step)`, or
                       `cb(step, agent=self)` when the callback takes an `agent` parameter.
    planning_interval: plan before step 1 and then every N steps; None disables planning.
    instructions:      extra text appended to the system prompt.
    name, description: needed to use this agent as a managed agent of another.
    managed_agents:    more CodeAgents offered as tools (the same as listing them in `tools`).
    verbose, console:  print each step as it happens (to `console`, a rich Console).
    trace:             path of a JSONL file receiving one object per step (see agent.replay).
    """

    def __init__(self, tools: Iterable[Tool | CodeAgent], model: Model, *,
                 allowed_imports: Sequence[str] = (), backend: str = "ast",
                 limits: safeexec.Limits | None = None, max_steps: int = 20,
                 step_callbacks: Iterable[Callable[..., Any]] = (),
                 planning_interval: int | None = None, instructions: str | None = None,
                 name: str | None = None, description: str | None = None,
                 managed_agents: Iterable[CodeAgent] = (), verbose: bool = True,
                 console: Console | None = None, trace: str | Path | None = None,
                 max_observation_length: int = 20_000) -> None:
        if max_steps < 1:
            raise ValueError("max_steps must be at least 1")
        if planning_interval is not None and planning_interval < 1:
            raise ValueError("planning_interval must be a positive number of steps, or None")
        if name is not None and not name.isidentifier():
            raise ValueError(f"an agent's name must be a Python identifier, got {name!r}")
        if isinstance(allowed_imports, str):
            raise TypeError("allowed_imports must be a list of module names, not a string")
        self.model = model
        self.allowed_imports = list(allowed_imports)
        self.backend = backend
        self.limits = limits or DEFAULT_LIMITS
        self.max_steps = max_steps
        self.step_callbacks = list(step_callbacks)
        self.planning_interval = planning_interval
        self.instructions = instructions
        self.name = name
        self.description = description
        self.trace_path = Path(trace) if trace is not None else None
        self.max_observation_length = max_observation_length
        self.printer = Printer(console, enabled=verbose)
        self.tools = self._collect_tools(tools, managed_agents)
        self.memory = AgentMemory(self.system_prompt())
        self.session: safeexec.Session | None = None
        self._trace: TraceWriter | None = None

    # -- setup --------------------------------------------------------------------------------

    @staticmethod
    def _collect_tools(tools: Iterable[Tool | CodeAgent],
                       managed_agents: Iterable[CodeAgent]) -> dict[str, Tool]:
        collected: dict[str, Tool] = {}
        for item in [*tools, *managed_agents]:
            made = item.as_tool() if isinstance(item, CodeAgent) else item
            if not isinstance(made, Tool):
                raise TypeError(f"tools must be Tool objects (see @tool) or CodeAgents, "
                                f"got {item!r}")
            if made.name in collected:
                raise ValueError(f"two tools are named {made.name!r}")
            collected[made.name] = made
        collected.setdefault("final_answer", FinalAnswerTool())
        return collected

    def as_tool(self) -> Tool:
        """This agent as a manager's tool: `name(task=...)` runs it and returns its answer."""
        if not self.name or not self.description:
            raise ValueError("an agent used as a tool needs a name and a description")
        return ManagedAgentTool(self)

    def system_prompt(self) -> str:
        """The system prompt: tools, managed agents, allowed imports, code format, instructions."""
        plain = [t for t in self.tools.values() if not isinstance(t, ManagedAgentTool)]
        managed = [t for t in self.tools.values() if isinstance(t, ManagedAgentTool)]
        team = ""
        if managed:
            team = ("\nYou can also give tasks to team members. Call one like a tool, with a"
                    " complete, self-contained task (they do not see your conversation); the call"
                    " returns their answer:\n" + describe_tools(managed) + "\n")
        return render(load_template("system.md"), tools=describe_tools(plain), managed_agents=team,
                      authorized_imports=self._imports_text(),
                      instructions=f"\n{self.instructions.strip()}\n" if self.instructions else "")

    def _imports_text(self) -> str:
        if not self.allowed_imports:
            return "none (no imports at all)"
        return ", ".join(self.allowed_imports)

    def _new_session(self) -> safeexec.Session:
        tools = {name: as_sandbox_callable(t) for name, t in self.tools.items()}
        return safeexec.Session(allowed_imports=self.allowed_imports, tools=tools,
                                limits=self.limits, backend=self.backend)

    # -- running ------------------------------------------------------------------------------

    def run(self, task: str, *, reset: bool = True) -> Any:
        """Solve `task`; returns the value given to final_answer (or the last answer at max_steps).

        With `reset=False` the memory, the session's variables and the trace file carry on from the
        previous run.
        """
        if reset or self.session is None:
            self.memory.reset()
            self.close()
            self.session = self._new_session()
        if self.trace_path is not None:
            self._trace = TraceWriter(self.trace_path, append=not reset)
            if reset:
                self._trace.write(self.memory.system_prompt)
        try:
            self._record(TaskStep(task))
            for step_number in range(1, self.max_steps + 1):
                if self._plans_before(step_number):
                    self._record(self._plan(task, step_number))
                step = self._act(step_number)
                self._record(step)
                if step.is_final_answer:
                    final = FinalAnswerStep(step.output)
                    break
            else:
                final = self._answer_at_max_steps(task)
            self._record(final)
            return final.answer
        finally:
            if self._trace is not None:
                self._trace.close()
                self._trace = None

    def _plans_before(self, step_number: int) -> bool:
        interval = self.planning_interval
        return interval is not None and (step_number - 1) % interval == 0

    def _plan(self, task: str, step_number: int) -> PlanningStep:
        start = time.perf_counter()
        if step_number == 1:
            messages = [_user(render(load_template("planning_initial.md"), task=task,
                                     tools=describe_tools(self.tools.values()),
                                     authorized_imports=self._imports_text()))]
        else:
            remaining = self.max_steps - step_number + 1
            request = render(load_template("planning_update.md"), task=task,
                             remaining_steps=remaining)
            messages = self.memory.to_messages(with_system_prompt=False) + [_user(request)]
        reply = self.model(messages, stop_sequences=list(PLAN_STOP_SEQUENCES))
        plan = reply.content.replace("<end_plan>", "").strip()
        return PlanningStep(step_number, plan, duration=time.perf_counter() - start,
                            token_usage=reply.token_usage)

    def _act(self, step_number: int) -> ActionStep:
        start = time.perf_counter()
        reply = self.model(self.write_memory_to_messages(), stop_sequences=list(STOP_SEQUENCES))
        step = ActionStep(step_number, model_output=reply.content, token_usage=reply.token_usage)
        step.code = extract_code(reply.content)
        if step.code is None:
            step.error = FORMAT_HELP
        else:
            self._execute(step)
        step.duration = time.perf_counter() - start
        return step

    def _execute(self, step: ActionStep) -> None:
        """Run the step's code in the session; errors become observations for the model."""
        assert self.session is not None and step.code is not None
        try:
            result = self.session.run(step.code)
        except safeexec.SafeexecError as exc:
            step.observations = self._logs(exc.output)
            step.error = describe_error(exc)
            return
        step.output = result.value
        step.is_final_answer = result.stopped
        observations = self._logs(result.output)
        if result.value is not None and not result.stopped:
            value = safe_str(result.value, self.max_observation_length)
            last = f"Last output from code snippet:\n{value}"
            observations = f"{observations}\n{last}" if observations else last
        step.observations = observations

    def _logs(self, output: str) -> str:
        return f"Execution logs:\n{truncate(output, self.max_observation_length)}" if output else ""

    def _answer_at_max_steps(self, task: str) -> FinalAnswerStep:
        start = time.perf_counter()
        messages = self.write_memory_to_messages() + [_user(MAX_STEPS_PROMPT.format(task=task))]
        reply = self.model(messages)
        return FinalAnswerStep(reply.content.strip(), from_max_steps=True,
                               duration=time.perf_counter() - start, token_usage=reply.token_usage)

    def _record(self, step: Step) -> None:
        """Keep the step, print it, trace it, and tell the callbacks (in that order)."""
        self.memory.steps.append(step)
        self.printer.step(step, agent_name=self.name)
        if self._trace is not None:
            self._trace.write(step)
        if not isinstance(step, TaskStep):
            for callback in self.step_callbacks:
                if _takes_agent(callback):
                    callback(step, agent=self)
                else:
                    callback(step)

    # -- inspection ---------------------------------------------------------------------------

    def write_memory_to_messages(self) -> list[Message]:
        """The chat messages the model sees next: system prompt, task, and every step so far."""
        return self.memory.to_messages()

    @property
    def token_usage(self) -> TokenUsage:
        """Tokens used by every model call of the run (planning and the forced answer included)."""
        return self.memory.token_usage()

    def replay(self, path: str | Path) -> list[Step]:
        """Print the trace at `path` to this agent's console, as it was printed live."""
        from .replay import replay
        return replay(path, self.printer.console)

    def close(self) -> None:
        """Close the sandbox session (a new one is made by the next `run`)."""
        if self.session is not None:
            self.session.close()
            self.session = None

    def __enter__(self) -> CodeAgent:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"CodeAgent(name={self.name!r}, tools={list(self.tools)}, model={self.model!r})"


class ManagedAgentTool(Tool):
    """A CodeAgent offered to another agent as a tool taking one `task` string."""

    inputs = {"task": {"type": "string", "description": (
        "The complete task for this team member, with all the context it needs.")}}
    output_type = "any"

    def __init__(self, agent: CodeAgent) -> None:
        self.agent = agent
        self.name = agent.name or ""
        self.description = agent.description or ""
        super().__init__()

    def forward(self, task: str) -> Any:
        return self.agent.run(task)


def describe_tools(tools: Iterable[Tool]) -> str:
    """The prompt's list of tools: signature, description, then each argument's description."""
    blocks = []
    for t in tools:
        lines = [f"- {t.signature_text()}", *("    " + line for line in t.description.splitlines())]
        for arg, spec in t.inputs.items():
            lines.append(f"    {arg}: {spec['description']}")
        blocks.append("\n".join(lines))
    return "\n".join(blocks)


def describe_error(exc: safeexec.SafeexecError) -> str:
    """The error as the model reads it: kind, message, and where.

    CodeError's text is already a traceback naming the line; the others get their kind prefixed.
    """
    if isinstance(exc, safeexec.CodeError):
        text = str(exc)  # the traceback when there is one, else "Type: message"
        return text if exc.traceback or exc.lineno is None else f"{text} (line {exc.lineno})"
    if isinstance(exc, safeexec.LimitExceeded):
        return f"LimitExceeded ({exc.limit}): {exc}"
    return f"{type(exc).__name__}: {exc}"


def truncate(text: str, limit: int) -> str:
    """`text` cut to about `limit` characters, keeping head and tail (where results usually are)."""
    if len(text) <= limit:
        return text
    half = limit // 2
    return (f"{text[:half]}\n... [{len(text) - 2 * half} characters cut to keep this observation "
            f"under {limit}] ...\n{text[-half:]}")


def _user(text: str) -> Message:
    return {"role": "user", "content": text}


def _takes_agent(callback: Callable[..., Any]) -> bool:
    try:
        params = inspect.signature(callback).parameters
    except (TypeError, ValueError):  # some builtins have no signature
        return False
    return "agent" in params or any(p.kind is p.VAR_KEYWORD for p in params.values())

"""The CodeAgent loop end to end: the real `openai` client against a scripted local chat endpoint,
the code run in one persistent safeexec Session, on the ast and the wasm backend."""
import functools
import io
import json

import pytest
import safeexec
from rich.console import Console

from agent import (ActionStep, CodeAgent, FinalAnswerStep, OpenAIModel, PlanningStep, TaskStep,
                   TokenUsage, tool)
from agent.code_agent import FORMAT_HELP, MAX_STEPS_PROMPT, STOP_SEQUENCES
from local_server import Status, code_reply


@tool
def lookup_color(item: str) -> str:
    """The color of an item.

    Args:
        item: The item's name.
    """
    colors = {"sky": "blue", "grass": "green"}
    if item not in colors:
        raise KeyError(f"no color known for {item!r}")
    return colors[item]


@functools.cache
def wasm_missing():
    """Why the wasm backend cannot run here, or "" when it can (checked once per process)."""
    try:
        safeexec.Session(backend="wasm").close()
    except safeexec.BackendUnavailable as exc:
        return str(exc)
    return ""


@pytest.fixture(params=["ast", "wasm"])
def backend(request):
    """Every loop test runs on both backends (wasm is skipped where its extra is missing)."""
    if request.param == "wasm" and wasm_missing():
        pytest.skip(wasm_missing())
    return request.param


@pytest.fixture
def make_agent(server, console, backend):
    """Builds CodeAgents talking to the scripted server, printing to the test console."""
    def make(**kwargs):
        model = OpenAIModel("scripted", base_url=server.url + "/v1", api_key="k",
                            sleep=lambda s: None)
        kwargs.setdefault("tools", [lookup_color])
        kwargs.setdefault("console", console)
        return CodeAgent(model=model, backend=backend, **kwargs)
    return make


def last_user_message(request):
    return [m for m in request["messages"] if m["role"] == "user"][-1]["content"]


def test_run_ends_with_final_answer_and_keeps_state_between_steps(server, make_agent):
    server.replies = [
        code_reply('color = lookup_color(item="sky")\nprint("color is", color)'),
        code_reply("final_answer(color.upper())"),
    ]
    agent = make_agent()
    assert agent.run("What color is the sky, in capitals?") == "BLUE"

    first, second = server.chat_requests
    assert first["messages"][0]["role"] == "system"
    assert "lookup_color(item: string) -> string" in first["messages"][0]["content"]
    assert first["messages"][1] == {"role": "user",
                                    "content": "New task:\nWhat color is the sky, in capitals?"}
    assert first["stop"] == list(STOP_SEQUENCES)
    # the model's own reply comes back cut at the stop sequence, then the observation
    assert second["messages"][2]["content"].endswith('print("color is", color)\n```')
    assert last_user_message(second) == "Observation:\nExecution logs:\ncolor is blue\n"

    kinds = [type(s) for s in agent.memory.steps]
    assert kinds == [TaskStep, ActionStep, ActionStep, FinalAnswerStep]
    final_action = agent.memory.steps[2]
    assert final_action.is_final_answer and final_action.output == "BLUE"
    assert agent.memory.steps[1].code == (
        'color = lookup_color(item="sky")\nprint("color is", color)')


def test_token_usage_is_recorded_per_step_and_in_total(server, make_agent):
    server.replies = [code_reply("x = 1"), code_reply("final_answer(x)")]
    agent = make_agent()
    agent.run("Give 1.")
    per_step = [s.token_usage for s in agent.memory.action_steps]
    assert per_step == [TokenUsage(*usage) for usage in server.usages]
    assert agent.token_usage == TokenUsage(sum(prompt for prompt, _ in server.usages),
                                           sum(completion for _, completion in server.usages))
    assert agent.token_usage.output_tokens > 0


def test_code_error_goes_back_to_the_model_which_recovers(server, make_agent):
    server.replies = [
        code_reply('print("before")\nx = 1 / 0'),
        code_reply("final_answer(10 // 2)"),
    ]
    agent = make_agent()
    assert agent.run("Divide.") == 5
    failed = agent.memory.action_steps[0]
    assert failed.observations == "Execution logs:\nbefore\n"
    assert "ZeroDivisionError" in failed.error and "division by zero" in failed.error
    assert "line 2" in failed.error
    observation = last_user_message(server.chat_requests[1])
    assert observation.startswith("Observation:\nExecution logs:\nbefore\n\nError:\n")
    assert "ZeroDivisionError" in observation and "Now let's retry" in observation


def test_tool_exception_is_catchable_inside_the_sandbox(server, make_agent):
    server.replies = [code_reply('try:\n    lookup_color(item="sea")\n'
                                 'except KeyError as exc:\n    final_answer("caught " + str(exc))')]
    agent = make_agent()
    assert agent.run("Color of the sea?") == "caught \"no color known for 'sea'\""


def test_policy_violation_and_parse_error_are_observations(server, make_agent):
    server.replies = [
        code_reply("import os\nprint(os.getcwd())"),
        code_reply("print(("),
        code_reply("import math\nfinal_answer(math.sqrt(16))"),
    ]
    agent = make_agent(allowed_imports=["math"])
    assert agent.run("Square root of 16.") == 4.0
    policy, parse, _ = agent.memory.action_steps
    assert policy.error.startswith("PolicyViolation: ") and "os" in policy.error
    assert parse.error.startswith("ParseError: ") and "line 1" in parse.error
    assert "PolicyViolation" in last_user_message(server.chat_requests[1])


def test_limit_exceeded_is_an_observation_and_the_run_goes_on(server, make_agent):
    server.replies = [code_reply("while True:\n    pass"), code_reply("final_answer('stopped')")]
    agent = make_agent(limits=safeexec.Limits(max_ops=20_000))
    assert agent.run("Loop.") == "stopped"
    assert agent.memory.action_steps[0].error.startswith("LimitExceeded (ops): ")


def test_missing_code_block_gets_the_expected_format_back(server, make_agent):
    server.replies = ["The answer is 4.", code_reply("final_answer(4)")]
    agent = make_agent()
    assert agent.run("2 + 2?") == 4
    step = agent.memory.action_steps[0]
    assert step.code is None and step.error == FORMAT_HELP
    assert FORMAT_HELP in last_user_message(server.chat_requests[1])


def test_max_steps_ends_with_an_answer_only_model_call(server, make_agent):
    server.replies = [code_reply("print(1)"), code_reply("print(2)"), "It is 3."]
    agent = make_agent(max_steps=2)
    assert agent.run("Count to 3.") == "It is 3."
    assert len(server.chat_requests) == 3
    last = server.chat_requests[-1]
    assert "stop" not in last
    assert last["messages"][-1] == {"role": "user",
                                    "content": MAX_STEPS_PROMPT.format(task="Count to 3.")}
    assert last["messages"][-2] == {"role": "user", "content": "Observation:\nExecution logs:\n2\n"}
    final = agent.memory.steps[-1]
    assert isinstance(final, FinalAnswerStep) and final.from_max_steps
    assert final.token_usage == TokenUsage(*server.usages[-1])


def test_planning_runs_first_and_then_every_interval(server, make_agent):
    server.replies = [
        "## Facts\n- none\n## Plan\n1. print\n2. answer\n<end_plan>\nignored",
        code_reply("print('a')"),
        code_reply("print('b')"),
        "## Plan\n1. answer now\n<end_plan>",
        code_reply("final_answer('done')"),
    ]
    agent = make_agent(planning_interval=2, max_steps=5)
    assert agent.run("Do it.") == "done"
    plans = [s for s in agent.memory.steps if isinstance(s, PlanningStep)]
    assert [p.step_number for p in plans] == [1, 3]
    assert plans[0].plan == "## Facts\n- none\n## Plan\n1. print\n2. answer"
    initial, _, _, update, last_action = server.chat_requests
    assert initial["stop"] == ["<end_plan>"] and update["stop"] == ["<end_plan>"]
    assert len(initial["messages"]) == 1 and "Do it." in initial["messages"][0]["content"]
    assert "lookup_color" in initial["messages"][0]["content"]
    # the update sees the work so far, and is told how many steps remain
    update_text = "\n".join(m["content"] for m in update["messages"])
    assert "Execution logs:\nb\n" in update_text and "3 steps are left" in update_text
    # the plans are part of what the acting model reads afterwards
    assert {"role": "assistant", "content": "## Plan\n1. answer now"} in last_action["messages"]


def test_managed_agent_is_called_like_a_tool(server, make_agent):
    server.replies = [
        # manager, then researcher, then manager again
        code_reply('found = researcher(task="Find the color of grass.")\nprint(found)'),
        code_reply('final_answer(lookup_color(item="grass"))'),
        code_reply("final_answer('grass is ' + found)"),
    ]
    researcher = make_agent(name="researcher",
                            description="Finds the colors of things.")
    manager = make_agent(tools=[researcher])
    assert manager.run("What color is grass?") == "grass is green"
    system = server.chat_requests[0]["messages"][0]["content"]
    assert "researcher(task: string) -> any" in system and "Finds the colors of things." in system
    assert "lookup_color" not in system  # the manager was given only the researcher
    researcher_task = server.chat_requests[1]["messages"][1]
    assert researcher_task == {"role": "user", "content": "New task:\nFind the color of grass."}
    assert researcher.memory.action_steps[0].output == "green"
    assert manager.memory.action_steps[0].observations == "Execution logs:\ngreen\n"


def test_managed_agent_needs_name_and_description(make_agent):
    nameless = make_agent()
    with pytest.raises(ValueError, match="needs a name and a description"):
        make_agent(tools=[nameless])


def test_step_callbacks_run_after_each_step(server, make_agent):
    server.replies = ["plan", code_reply("x = 2"), code_reply("final_answer(x)")]
    seen, agents = [], []
    agent = make_agent(planning_interval=5, step_callbacks=[
        lambda step: seen.append((type(step).__name__, getattr(step, "step_number", None))),
        lambda step, agent: agents.append(agent),
    ])
    agent.run("Two.")
    assert seen == [("PlanningStep", 1), ("ActionStep", 1), ("ActionStep", 2),
                    ("FinalAnswerStep", None)]
    assert agents == [agent] * 4


def test_reset_false_keeps_memory_and_variables(server, make_agent):
    server.replies = [code_reply("kept = 7\nfinal_answer(kept)"),
                      code_reply("final_answer(kept + 1)")]
    agent = make_agent()
    assert agent.run("Seven.") == 7
    assert agent.run("Eight.", reset=False) == 8
    assert {"role": "user", "content": "New task:\nSeven."} in server.chat_requests[1]["messages"]
    server.replies = [code_reply("final_answer(kept)"), code_reply("final_answer(0)")]
    assert agent.run("Again.") == 0  # a fresh run: a fresh session, where `kept` is gone
    error = agent.memory.action_steps[0].error
    assert "NameError" in error and "name 'kept' is not defined" in error


def test_write_memory_to_messages_matches_what_the_model_was_sent(server, make_agent):
    server.replies = [code_reply("print(3)"), code_reply("final_answer(3)")]
    agent = make_agent()
    agent.run("Three.")
    sent = server.chat_requests[1]["messages"]
    assert agent.write_memory_to_messages()[: len(sent)] == sent


def test_steps_are_printed_as_they_happen(server, console, make_agent):
    server.replies = [code_reply("print('hello from step 1')\n1 / 0"),
                      code_reply("final_answer(6 * 7)")]
    agent = make_agent()
    agent.run("Forty-two.")
    text = console.file.getvalue()
    assert "New run" in text and "Forty-two." in text
    assert "Step 1" in text and "Step 2" in text
    assert "print('hello from step 1')" in text
    assert "hello from step 1" in text[text.index("╭─ Observations"):]
    assert "ZeroDivisionError" in text[text.index("╭─ Error"):]
    assert "Final answer: 42" in text


def test_quiet_agent_prints_nothing(server, console, make_agent):
    server.replies = [code_reply("final_answer(1)")]
    agent = make_agent(verbose=False)
    assert agent.run("One.") == 1
    assert console.file.getvalue() == ""


def test_trace_has_one_object_per_step_and_replays_the_same_output(server, console, tmp_path,
                                                                    make_agent):
    server.replies = [code_reply("print('x')\n1/0"), code_reply("final_answer([1, 'two'])")]
    trace = tmp_path / "run.jsonl"
    agent = make_agent(trace=trace)
    agent.run("Trace me.")
    records = [json.loads(line) for line in trace.read_text().splitlines()]
    assert [r["type"] for r in records] == [
        "system_prompt", "task", "action", "action", "final_answer"]
    assert records[2]["error"] and "ZeroDivisionError" in records[2]["error"]
    prompt, completion = server.usages[0]
    assert records[2]["token_usage"] == {"input_tokens": prompt, "output_tokens": completion}
    assert records[-1]["answer"] == [1, "two"]

    replay_console = Console(file=io.StringIO(), width=120, color_system=None, highlight=False)
    replayer = make_agent(console=replay_console, verbose=False)
    steps = replayer.replay(trace)
    assert len(steps) == 5
    assert replay_console.file.getvalue() == console.file.getvalue()


def test_model_failure_propagates_and_the_trace_keeps_the_steps_so_far(server, tmp_path,
                                                                        make_agent):
    import openai
    server.replies = [code_reply("x = 1"), Status(401)]
    trace = tmp_path / "broken.jsonl"
    agent = make_agent(trace=trace, instructions="Always answer in French.")
    with pytest.raises(openai.AuthenticationError):
        agent.run("Un.")
    assert "\nAlways answer in French.\n" in server.chat_requests[0]["messages"][0]["content"]
    assert [json.loads(line)["type"] for line in trace.read_text().splitlines()] == [
        "system_prompt", "task", "action"]

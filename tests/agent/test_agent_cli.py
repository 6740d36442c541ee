"""The command line: `safeexec-agent` and `python -m agent.replay` (as subprocesses where it is
the installed entry point that is under test, in-process otherwise)."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from agent import cli
from agent.replay import main as replay_main
from local_server import code_reply

ROOT = Path(__file__).resolve().parents[2]


def run(args, **env):
    full_env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120", **env}
    full_env.pop("SAFEEXEC_MODEL", None)
    return subprocess.run(args, env=full_env, cwd=ROOT, capture_output=True, text=True, timeout=60)


def test_cli_runs_a_task_with_tools_and_imports_and_writes_a_replayable_trace(server, tmp_path):
    server.search_results = [{"title": "Answer page", "href": "https://example.org/a",
                              "body": "The answer is 6 times 7."}]
    server.replies = [
        code_reply('import math\nhits = web_search(query="the answer")\nprint(hits)'),
        code_reply("final_answer(int(math.prod([6, 7])))"),
    ]
    trace = tmp_path / "out.jsonl"
    done = run([sys.executable, "-m", "agent.cli", "What is the answer?", "--model", "scripted",
                "--base-url", server.url + "/v1", "--api-key-env", "MY_KEY",
                "--tools", "web_search", "--imports", "math", "--backend", "ast",
                "--max-steps", "4", "--trace", str(trace)],
               MY_KEY="secret-from-env", SAFEEXEC_SEARCH_URL=server.url + "/html/")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "42"
    assert "Execution logs" in done.stdout and "Answer page" in done.stdout
    system = server.chat_requests[0]["messages"][0]["content"]
    assert "web_search(query: string) -> string" in system
    assert "import only these modules: math" in system
    assert server.chat_requests[0]["model"] == "scripted"
    assert [json.loads(line)["type"] for line in trace.read_text().splitlines()] == [
        "system_prompt", "task", "action", "action", "final_answer"]

    replayed = run([sys.executable, "-m", "agent.replay", str(trace)])
    assert replayed.returncode == 0, replayed.stderr
    assert "hits = web_search(query=\"the answer\")" in replayed.stdout
    assert "Final answer: 42" in replayed.stdout


def test_cli_sends_the_api_key_from_the_named_variable(server, monkeypatch, capsys):
    server.replies = [code_reply("final_answer('ok')")]
    monkeypatch.setenv("MY_KEY", "k-123")
    assert cli.main(["Say ok.", "--model", "m", "--base-url", server.url + "/v1",
                     "--api-key-env", "MY_KEY", "--quiet"]) == 0
    assert capsys.readouterr().out == "ok\n"  # --quiet prints only the answer
    chat = [r for r in server.requests if r.path == "/v1/chat/completions"]
    assert [r.headers["authorization"] for r in chat] == ["Bearer k-123"]


def test_cli_reports_usage_errors(monkeypatch, capsys):
    monkeypatch.delenv("SAFEEXEC_MODEL", raising=False)
    for argv, message in [(["task"], "no model: pass --model or set SAFEEXEC_MODEL"),
                          (["task", "--model", "m", "--tools", "teleport"],
                           "unknown tool 'teleport'")]:
        with pytest.raises(SystemExit) as exited:
            cli.main(argv)
        assert exited.value.code == 2 and message in capsys.readouterr().err
    assert replay_main(["/nonexistent/trace.jsonl"]) == 1
    assert "No such file" in capsys.readouterr().err


def test_console_script_is_installed():
    script = shutil.which("safeexec-agent", path=str(Path(sys.executable).parent))
    assert script is not None
    done = run([script, "--help"])
    assert done.returncode == 0 and "--api-key-env" in done.stdout and "--trace" in done.stdout

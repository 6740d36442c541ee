"""The three examples, run as scripts end to end against the local server: scripted model replies,
DuckDuckGo's result page, a fake Hub API and a fixed web page all come from 127.0.0.1."""
import os
import subprocess
import sys
from pathlib import Path

from local_server import code_reply

ROOT = Path(__file__).resolve().parents[2]


def run_example(name, server, *args, extra_env=None):
    env = {**os.environ, "OPENAI_API_KEY": "test-key", "SAFEEXEC_MODEL": "scripted",
           "OPENAI_BASE_URL": server.url + "/v1", "NO_COLOR": "1", "COLUMNS": "120",
           **(extra_env or {})}
    done = subprocess.run([sys.executable, str(ROOT / "examples" / name), *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_web_search_question(server):
    server.search_results = [
        {"title": "Leopard - Wikipedia", "href": "https://en.wikipedia.org/wiki/Leopard",
         "body": "The leopard can run at speeds of up to 58 km/h."},
        {"title": "Pont des Arts - Wikipedia",
         "href": "https://en.wikipedia.org/wiki/Pont_des_Arts",
         "body": "The Pont des Arts is a 155-metre pedestrian bridge in Paris."}]
    server.replies = [
        code_reply('print(web_search(query="leopard top speed"))\n'
                   'print(web_search(query="Pont des Arts length"))'),
        code_reply("speed = 58 / 3.6  # m/s\nprint(round(155 / speed, 1))"),
        code_reply("final_answer(round(155 / speed, 1))"),
    ]
    out = run_example("web_search_question.py", server,
                      extra_env={"SAFEEXEC_SEARCH_URL": server.url + "/html/"})
    assert out.splitlines()[-1] == f"Answer: {round(155 / (58 / 3.6), 1)}"
    queries = [r.body["q"][0] for r in server.requests if r.path == "/html/"]
    assert queries == ["leopard top speed", "Pont des Arts length"]
    # the search results reached the model as the first observation
    observation = server.chat_requests[1]["messages"][-1]["content"]
    assert "[Leopard - Wikipedia](https://en.wikipedia.org/wiki/Leopard)" in observation
    assert "155-metre pedestrian bridge" in observation
    task = server.chat_requests[0]["messages"][1]["content"]
    assert task.startswith("New task:\nHow many seconds would it take for a leopard")


def test_custom_tool_most_downloaded(server):
    server.models = [
        {"id": "org/little-video", "pipeline_tag": "text-to-video", "downloads": 120},
        {"id": "org/top-video", "pipeline_tag": "text-to-video", "downloads": 98_000},
        {"id": "org/classifier", "pipeline_tag": "text-classification", "downloads": 5_000_000},
    ]
    server.replies = [
        code_reply('top = model_download_tool(task="text-to-video")\nprint(top)'),
        code_reply("final_answer(top)"),
    ]
    out = run_example("custom_tool_most_downloaded.py", server,
                      extra_env={"HF_ENDPOINT": server.url})
    assert out.splitlines()[-1] == "Answer: org/top-video"
    hub = [r for r in server.requests if r.path == "/api/models"]
    assert len(hub) == 1
    assert hub[0].query["pipeline_tag"] == ["text-to-video"]
    assert hub[0].query["sort"] == ["downloads"] and hub[0].query["limit"] == ["1"]
    system = server.chat_requests[0]["messages"][0]["content"]
    assert "model_download_tool(task: string) -> string" in system


def test_page_title_with_requests_and_bs4(server):
    url = server.page("/blog", "<html><head><title>The Local Blog</title></head>"
                      "<body><h1>Posts</h1></body></html>")
    server.replies = [
        code_reply("import requests\nfrom bs4 import BeautifulSoup\n"
                   f'response = requests.get("{url}", timeout=10)\n'
                   'soup = BeautifulSoup(response.text, "html.parser")\n'
                   "title = soup.title.string\nprint(title)"),
        code_reply("final_answer(title)"),
    ]
    out = run_example("page_title.py", server, url)
    assert out.splitlines()[-1] == "Answer: The Local Blog"
    assert [r.path for r in server.requests if r.method == "GET"] == ["/blog"]
    assert server.chat_requests[1]["messages"][-1]["content"] == (
        "Observation:\nExecution logs:\nThe Local Blog\n")

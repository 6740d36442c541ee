"""OpenAIModel through the real `openai` client against the local chat endpoint."""
import pytest

from agent import HfApiModel, OpenAIModel, TokenUsage
from local_server import Status


def make_model(server, **kwargs):
    delays = []
    model = OpenAIModel("scripted-model", base_url=server.url + "/v1", api_key="test-key",
                        sleep=delays.append, **kwargs)
    return model, delays


def test_reply_content_and_usage_come_from_the_server(server):
    server.replies = ["Thought: hello"]
    model, _ = make_model(server, temperature=0.25)
    reply = model([{"role": "user", "content": "say hello please"}])
    assert reply.content == "Thought: hello"
    assert reply.token_usage == TokenUsage(input_tokens=3, output_tokens=2)
    request = server.chat_requests[0]
    assert request["model"] == "scripted-model"
    assert request["messages"] == [{"role": "user", "content": "say hello please"}]
    assert request["temperature"] == 0.25
    assert "stop" not in request


def test_stop_sequences_reach_the_server_and_cut_the_reply(server):
    server.replies = ["```py\nx = 1\n```<end_code>\nObservation: made up"]
    model, _ = make_model(server)
    reply = model([{"role": "user", "content": "go"}],
                  stop_sequences=["<end_code>", "Observation:"])
    assert server.chat_requests[0]["stop"] == ["<end_code>", "Observation:"]
    assert reply.content == "```py\nx = 1\n```"


def test_rate_limit_is_retried_with_exponential_backoff(server):
    server.replies = [Status(429), Status(429), "ok"]
    model, delays = make_model(server, initial_delay=0.5)
    assert model([{"role": "user", "content": "hi"}]).content == "ok"
    assert delays == [0.5, 1.0]
    assert len(server.chat_requests) == 3


def test_server_errors_are_retried_and_retry_after_is_honoured(server):
    server.replies = [Status(503, {"Retry-After": "7"}), Status(500), "ok"]
    model, delays = make_model(server, initial_delay=1.0, max_delay=30.0)
    assert model([{"role": "user", "content": "hi"}]).content == "ok"
    assert delays == [7.0, 2.0]


def test_retries_give_up_after_max_retries(server):
    import openai
    server.replies = [Status(429)] * 3
    model, delays = make_model(server, max_retries=2, initial_delay=1.0)
    with pytest.raises(openai.RateLimitError):
        model([{"role": "user", "content": "hi"}])
    assert delays == [1.0, 2.0]
    assert len(server.chat_requests) == 3


def test_client_errors_are_not_retried(server):
    import openai
    server.replies = [Status(401)]
    model, delays = make_model(server)
    with pytest.raises(openai.AuthenticationError):
        model([{"role": "user", "content": "hi"}])
    assert delays == []


def test_backoff_is_capped_by_max_delay(server):
    server.replies = [Status(429)] * 4 + ["ok"]
    model, delays = make_model(server, initial_delay=4.0, max_delay=10.0)
    model([{"role": "user", "content": "hi"}])
    assert delays == [4.0, 8.0, 10.0, 10.0]


def test_hf_api_model_needs_a_token_and_uses_the_router(monkeypatch):
    monkeypatch.delenv("HF_TOKEN", raising=False)
    with pytest.raises(ValueError, match="HF_TOKEN"):
        HfApiModel()
    monkeypatch.setenv("HF_TOKEN", "hf_test")
    model = HfApiModel("org/model")
    assert str(model.client.base_url).rstrip("/") == "https://router.huggingface.co/v1"
    assert model.client.api_key == "hf_test"
    assert model.model_id == "org/model"


def test_hf_api_model_talks_openai_protocol(server):
    server.replies = ["hub reply"]
    model = HfApiModel("org/model", token="hf_x", base_url=server.url + "/v1")
    assert model([{"role": "user", "content": "q"}]).content == "hub reply"
    assert server.chat_requests[0]["model"] == "org/model"

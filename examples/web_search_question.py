"""Answer a question with web search.

    python examples/web_search_question.py --model gpt-4o-mini
    python examples/web_search_question.py --model Qwen/Qwen2.5-Coder-32B-Instruct \
        --base-url https://router.huggingface.co/v1 --api-key-env HF_TOKEN

The search goes to DuckDuckGo (or to SAFEEXEC_SEARCH_URL when set).
"""
import argparse

from agent import CodeAgent, WebSearchTool
from agent.cli import add_model_options, model_from_args

QUESTION = ("How many seconds would it take for a leopard at full speed to run through "
            "Pont des Arts?")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("question", nargs="?", default=QUESTION)
    add_model_options(parser)
    parser.add_argument("--max-steps", type=int, default=8)
    args = parser.parse_args(argv)
    agent = CodeAgent(tools=[WebSearchTool()], model=model_from_args(parser, args),
                      max_steps=args.max_steps)
    with agent:
        answer = agent.run(args.question)
    print(f"Answer: {answer}")
    return answer


if __name__ == "__main__":
    main()

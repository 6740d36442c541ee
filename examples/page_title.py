"""Fetch a page's title with code that imports requests and bs4 inside the sandbox.

    python examples/page_title.py --model gpt-4o-mini
    python examples/page_title.py https://www.python.org --model ...
"""
import argparse

from agent import CodeAgent
from agent.cli import add_model_options, model_from_args


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", nargs="?", default="https://huggingface.co/blog")
    add_model_options(parser)
    parser.add_argument("--backend", choices=("ast", "wasm"), default="ast")
    parser.add_argument("--max-steps", type=int, default=6)
    args = parser.parse_args(argv)
    agent = CodeAgent(tools=[], model=model_from_args(parser, args),
                      allowed_imports=["requests", "bs4"], backend=args.backend,
                      max_steps=args.max_steps)
    with agent:
        answer = agent.run(f"Could you get me the title of the page at url '{args.url}'?")
    print(f"Answer: {answer}")
    return answer


if __name__ == "__main__":
    main()

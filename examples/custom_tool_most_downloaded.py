"""A custom tool: the most downloaded model on the Hugging Face Hub for a task.

    python examples/custom_tool_most_downloaded.py --model gpt-4o-mini
    python examples/custom_tool_most_downloaded.py "text-to-video" --model ...

The Hub is reached through huggingface_hub, which reads HF_ENDPOINT (default: huggingface.co).
"""
import argparse

from huggingface_hub import list_models

from agent import CodeAgent, tool
from agent.cli import add_model_options, model_from_args


@tool
def model_download_tool(task: str) -> str:
    """Returns the id of the most downloaded model for a task on the Hugging Face Hub.

    Args:
        task: The task (pipeline tag), e.g. "text-classification" or "text-to-video".
    """
    # huggingface_hub 1.x names the task filter `pipeline_tag` (older releases called it `task`)
    most_downloaded = next(iter(list_models(pipeline_tag=task, sort="downloads", limit=1)), None)
    if most_downloaded is None:
        raise LookupError(f"no model on the Hub for task {task!r}")
    return most_downloaded.id


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("hub_task", nargs="?", default="text-to-video",
                        help="the Hub task to ask about (default: text-to-video)")
    add_model_options(parser)
    parser.add_argument("--max-steps", type=int, default=6)
    args = parser.parse_args(argv)
    agent = CodeAgent(tools=[model_download_tool], model=model_from_args(parser, args),
                      max_steps=args.max_steps)
    with agent:
        answer = agent.run("Can you give me the name of the model that has the most downloads "
                           f"in the '{args.hub_task}' task on the Hugging Face Hub?")
    print(f"Answer: {answer}")
    return answer


if __name__ == "__main__":
    main()

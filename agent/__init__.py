"""A CodeAgent on top of safeexec: the model acts by writing Python, safeexec runs it.

    from agent import CodeAgent, OpenAIModel, WebSearchTool
    agent = CodeAgent(tools=[WebSearchTool()], model=OpenAIModel("gpt-4o-mini"))
    agent.run("How tall is the Eiffel Tower, in feet?")

Uses only safeexec's public API (never safeexec.interp or safeexec.wasm).
"""
from .code_agent import CodeAgent, ManagedAgentTool
from .memory import (ActionStep, AgentMemory, FinalAnswerStep, PlanningStep, SystemPromptStep,
                     TaskStep)
from .models import ChatMessage, HfApiModel, Model, OpenAIModel, TokenUsage
from .parsing import extract_code
from .replay import replay
from .tools import FinalAnswerTool, Tool, ToolDefinitionError, tool
from .web_tools import DuckDuckGoSearch, VisitWebpageTool, WebSearchTool

__all__ = [
    "CodeAgent", "ManagedAgentTool",
    "ActionStep", "AgentMemory", "FinalAnswerStep", "PlanningStep", "SystemPromptStep", "TaskStep",
    "ChatMessage", "HfApiModel", "Model", "OpenAIModel", "TokenUsage",
    "extract_code", "replay",
    "FinalAnswerTool", "Tool", "ToolDefinitionError", "tool",
    "DuckDuckGoSearch", "VisitWebpageTool", "WebSearchTool",
]

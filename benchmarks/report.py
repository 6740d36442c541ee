"""Renders compare.py's results: the markdown report, the bar chart, the README's results section.

Pure formatting of the results dict (latest.json has the same shape), so a report can be
re-rendered without re-measuring:  python -c "import json,report; print(report.markdown(json.load(open('results/latest.json'))))"
"""
from __future__ import annotations

import math
import re
import statistics
from pathlib import Path
from typing import Any

README_START = "<!-- latest-results:start (written by compare.py --update-readme) -->"
README_END = "<!-- latest-results:end -->"


def _ms(seconds: float) -> str:
    ms = seconds * 1e3
    return f"{ms:.0f}" if ms >= 100 else f"{ms:.1f}" if ms >= 1 else f"{ms:.2f}"


def _us(seconds: float) -> str:
    us = seconds * 1e6
    return f"{us:,.0f}" if us >= 100 else f"{us:.1f}"


def _mib(nbytes: float) -> str:
    return f"{nbytes / 2**20:.1f}"


def _load(load: list[float] | None) -> str:
    return "/".join(f"{x:.1f}" for x in load) if load else "?"


def _times(results: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(c["runner"], c["workload"]): c for c in results["cells"]}


def geomeans(results: dict[str, Any], key: str = "min") -> dict[str, tuple[float, int]]:
    """Per runner: geometric mean of time / native's over the workloads it ran, and how many.
    `key` is "min" (the report's clock) or "wall_min" (wall time)."""
    cells = _times(results)
    out = {}
    for runner in _shown_runners(results):
        ratios = []
        for workload in results["workloads"]:
            cell, base = cells.get((runner, workload)), cells.get(("native", workload))
            if cell and base and cell.get(key) and base.get(key):
                ratios.append(cell[key] / base[key])
        if ratios:
            out[runner] = (math.exp(sum(map(math.log, ratios)) / len(ratios)), len(ratios))
    return out


def _shown_runners(results: dict[str, Any]) -> list[str]:
    return [r for r in results["runners"] if r not in results["unavailable"]]


def _workload_table(results: dict[str, Any], footnotes: list[str]) -> list[str]:
    runners = _shown_runners(results)
    cells = _times(results)
    lines = ["| workload | N | " + " | ".join(runners) + " |",
             "|---|---:|" + "---:|" * len(runners)]
    for workload, info in results["workloads"].items():
        base = cells.get(("native", workload), {}).get("min")
        row = []
        for runner in runners:
            cell = cells.get((runner, workload))
            if cell is None:
                row.append("—")
            elif cell["failure"]:
                footnotes.append(f"{runner} / {workload}: {cell['failure']}")
                row.append(f"fails [{len(footnotes)}]")
            elif runner == "native" or not base:
                row.append(_ms(cell["min"]))
            else:
                reps = len(cell["samples"])
                few = "" if reps >= results["reps"] else f" ({reps} run{'s' * (reps > 1)})"
                row.append(f"{_ms(cell['min'])} (×{cell['min'] / base:.1f}){few}")
        lines.append(f"| {workload} | {info['n']:,} | " + " | ".join(row) + " |")
    total = len(results["workloads"])
    for key, label in (("min", "**geometric mean, × native**"),
                       ("wall_min", "*the same, by wall time*")):
        if key == "wall_min" and results.get("clock", "wall") == "wall":
            continue
        means = geomeans(results, key)
        bold = "**" if key == "min" else ""
        lines.append(f"| {label} | | " + " | ".join(
            f"{bold}×{means[r][0]:.1f}{bold}"
            + ("" if means[r][1] == total else f" ({means[r][1]}/{total})")
            if r in means else "—" for r in runners) + " |")
    return lines


def _fixed_cost_table(fixed: dict[str, Any]) -> list[str]:
    lines = ["| runner | µs per call | first call µs |", "|---|---:|---:|"]
    for runner, row in fixed.items():
        if "error" in row:
            lines.append(f"| {runner} | unavailable: {row['error']} | |")
        else:
            lines.append(f"| {runner} | {_us(row['per_call'])} | {_us(row['first'])} |")
    return lines


def _startup_table(startup: dict[str, Any]) -> list[str]:
    lines = ["| runner | import + first run, min ms | median ms | whole child process, min ms"
             " | median ms |", "|---|---:|---:|---:|---:|"]
    for runner, row in startup.items():
        if "error" in row:
            lines.append(f"| {runner} | fails: {row['error']} | | | |")
            continue
        inner, whole = row["inner"], row["whole"]
        lines.append(f"| {runner} | {_ms(min(inner))} | {_ms(statistics.median(inner))} | "
                     f"{_ms(min(whole))} | {_ms(statistics.median(whole))} |")
    return lines


def _memory_table(memory: dict[str, Any], workloads: list[str]) -> list[str]:
    runners = list(memory)
    lines = ["| workload | " + " | ".join(runners) + " |", "|---|" + "---:|" * len(runners)]
    for workload in workloads:
        row = []
        for runner in runners:
            cell = memory[runner].get(workload, {})
            row.append(_mib(max(0, cell["peak"] - cell["before"])) if "peak" in cell
                       else "fails" if "error" in cell else "—")
        lines.append(f"| {workload} | " + " | ".join(row) + " |")
    lines.append("| *RSS before the run (median)* | " + " | ".join(
        _mib(statistics.median(c["before"] for c in memory[r].values() if "before" in c))
        if any("before" in c for c in memory[r].values()) else "—" for r in runners) + " |")
    return lines


def _scaling_table(scaling: dict[str, Any]) -> list[str]:
    lines = ["| workload | N → 10N | ast ms at N | ast ms at 10N | ast ratio | native ratio |",
             "|---|---|---:|---:|---:|---:|"]
    for workload, row in scaling.items():
        ast, native = row.get("ast", {}), row.get("native", {})
        native_ratio = (f"{native['large'] / native['small']:.1f}" if "large" in native else "—")
        if "large" in ast:
            lines.append(f"| {workload} | {row['n']:,} → {row['n'] * 10:,} | {_ms(ast['small'])} | "
                         f"{_ms(ast['large'])} | {ast['large'] / ast['small']:.1f} | {native_ratio} |")
        else:
            lines.append(f"| {workload} | {row['n']:,} → {row['n'] * 10:,} | "
                         f"{ast.get('error', 'not run')} | | | {native_ratio} |")
    return lines


def markdown(results: dict[str, Any]) -> str:
    m = results["machine"]
    packages = ", ".join(f"{k} {v}" for k, v in m["packages"].items())
    lines = [
        "# safeexec benchmarks: latest run", "",
        f"Written by `benchmarks/compare.py{' --quick' if results['quick'] else ''}` on {m['date']} "
        f"(git {m['git']}), in {results.get('elapsed', 0):.0f} s.", "",
        f"- Machine: {m['cpu']}, {m['cores']} cores, {m['platform']}; load average (1, 5, 15 min) "
        f"{_load(m['load_before'])} before the run, {_load(results.get('load_after'))} after."
        + (" **The machine was busy with other work: expect noise.**"
           if max(m["load_before"][0], (results.get("load_after") or [0])[0]) > m["cores"] else ""),
        f"- Python {m['python']} ({m['implementation']}); {packages}.",
        f"- Method: one process, round-robin over every (workload, runner) cell, {results['reps']} "
        f"repetitions (up to {4 * results['reps']} for cells whose runs add up to under a second, "
        "fewer for cells over the time budget), the **minimum** reported (deterministic work: the "
        "fastest run is the least disturbed); gc collected before each call; every runner's "
        "checksum equals native's or the cell says why it fails. Raw samples: latest.json.",
        "- Clock: " + ("**CPU time** of the benchmarking process, all its threads (process_time; "
                       "child processes: their CPU time), so that other processes sharing the "
                       "cores do not inflate one runner's time more than another's; wall times are "
                       "in latest.json and in the geometric-mean row below the table."
                       if results.get("clock", "wall") == "cpu" else "**wall time** (perf_counter)."),
        "", "Runners:", ""]
    lines += [f"- **{name}**: {text}" for name, text in results["runners"].items()]
    for name, why in results["unavailable"].items():
        lines.append(f"- **{name}** did not run: {why}")
    footnotes: list[str] = []
    lines += ["", "## Time per workload", "",
              "Milliseconds per run (× native in parentheses; fewer runs where a cell exceeded the "
              "time budget).", ""]
    lines += _workload_table(results, footnotes)
    if footnotes:
        lines += ["", "Failures:", ""] + [f"{i}. {text}" for i, text in enumerate(footnotes, 1)]
    if "fixed_cost" in results:
        lines += ["", "## Fixed cost per call (`x = 1`)", "",
                  "Minimum over interleaved batches. `+compile` rows compile new code every call; "
                  "`wasm` starts a fresh guest per call.", ""]
        lines += _fixed_cost_table(results["fixed_cost"])
    if "startup" in results:
        lines += ["", "## Import + first run in a fresh process", "",
                  "A child process per sample: the time from before the import to the end of the "
                  "first `x = 1`, and the whole child (interpreter start included), on the "
                  "report's clock.", ""]
        lines += _startup_table(results["startup"])
    if "memory" in results:
        lines += ["", "## Peak memory", "",
                  "MiB: peak RSS while running the workload once at its default N, minus RSS just "
                  "before (a fresh child process per runner and workload, set up and warmed with "
                  "`x = 1` first; the peak mark is reset via /proc/self/clear_refs). The last row "
                  "is the process's RSS before the run: interpreter, imports, one sandbox.", ""]
        lines += _memory_table(results["memory"], list(results["workloads"]))
    if "scaling" in results:
        lines += ["", "## Scaling, N → 10N", "",
                  "Time at 10N over time at N (10 is linear; sorting is N log N).", ""]
        lines += _scaling_table(results["scaling"])
    return "\n".join(lines) + "\n"


def chart(results: dict[str, Any], path: Path) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    runners = _shown_runners(results)
    workloads = list(results["workloads"])
    cells = _times(results)
    width = 0.8 / max(len(runners), 1)
    fig, ax = plt.subplots(figsize=(max(10, 1.1 * len(workloads)), 5.5))
    tallest = 0.0
    for i, runner in enumerate(runners):
        xs, ys = [], []
        for j, workload in enumerate(workloads):
            cell = cells.get((runner, workload))
            if cell and cell["min"] and not cell["failure"]:
                xs.append(j + (i - (len(runners) - 1) / 2) * width)
                ys.append(cell["min"] * 1e3)
        ax.bar(xs, ys, width, label=runner)
        tallest = max([tallest, *ys])
    ax.set_yscale("log")
    if tallest:
        ax.set_ylim(top=tallest * 12)                  # room for the legend above the bars
    ax.set_ylabel("ms per run (log scale, lower is better)")
    ax.set_xticks(range(len(workloads)), workloads, rotation=30, ha="right")
    ax.set_title(f"safeexec vs peers, Python {results['machine']['python']} "
                 "(missing bar: runner fails the workload)")
    ax.legend(fontsize="small", ncols=min(len(runners), 6))
    ax.grid(axis="y", which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def update_readme(readme: Path, report_md: str) -> None:
    """Replace the text between the README's markers with the report (its title dropped)."""
    text = readme.read_text()
    body = report_md.split("\n", 2)[2].replace("\n## ", "\n### ")
    pattern = re.compile(re.escape(README_START) + ".*?" + re.escape(README_END), re.S)
    if not pattern.search(text):
        raise SystemExit(f"{readme}: markers {README_START!r} ... {README_END!r} not found")
    readme.write_text(pattern.sub(lambda _: f"{README_START}\n{body}\n{README_END}", text))

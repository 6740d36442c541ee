"""Side-by-side comparison of safeexec with native CPython and its peers, in one process.

    .venv/bin/python benchmarks/compare.py [--quick] [--update-readme]

Writes benchmarks/results/latest.md, latest.json and latest.png (report.py renders them).

Method: every (runner, workload) cell is prepared and run once to check its checksum against
native's; then the cells are timed round-robin (repetition r of every cell before repetition r+1,
so drift on a shared machine hits every runner alike) and the MINIMUM over repetitions is
reported: these workloads are deterministic, so the fastest run is the one least disturbed by other
processes. Every sample is kept in latest.json for whoever prefers medians.

Also measured: the fixed cost of one call (`x = 1`), `import` + first run in fresh child
processes, peak RSS growth while running each workload (a child process per runner and workload),
and the N -> 10N scaling of safeexec "ast" (native's ratio beside it: sorting is N log N).

Traps: gc is collected before each timed call (not during) so one runner's garbage is not billed
to the next; a cell slower than the per-cell budget gets fewer repetitions (said in the report)
and a cell whose runs are short gets more, since short runs suffer most from preemption; the child
processes run after the timing, never beside it.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from runners import FIXED_COST_EXTRAS, RUNNERS, Unavailable  # noqa: E402
from workloads import BY_NAME, FIXED_COST, WORKLOADS, Workload  # noqa: E402

import report  # noqa: E402


@dataclass
class Cell:
    runner: str
    workload: Workload
    thunk: Any = None
    failure: str | None = None
    reps: int = 0                    # repetitions this cell may take (budget)
    samples: list[float] = field(default_factory=list)     # on the chosen clock
    wall: list[float] = field(default_factory=list)        # wall time, kept for the record


def describe_failure(exc: BaseException) -> str:
    """One line saying why a runner failed a workload (safeexec errors carry the sandbox's type)."""
    if getattr(exc, "exc_type", None):
        text = f"{type(exc).__name__} {exc.exc_type}: {exc.message}"
    else:
        lines = str(exc).strip().splitlines() or [""]
        text = f"{type(exc).__name__}: {lines[-1] if len(lines) > 3 else ' '.join(lines)}"
    return text if len(text) <= 160 else text[:157] + "..."


# The clock the report is made of: CPU time of this process, all threads (the wasm guest and
# smolagents' worker run on threads of this process), or wall time. CPU time is the default
# because it does not count the time other processes hold the cores; main() may switch it once.
CLOCKS = {"cpu": time.process_time, "wall": time.perf_counter}
clock = CLOCKS["cpu"]


def timed(thunk: Any) -> tuple[float, float, Any]:
    """(seconds on `clock`, wall seconds, value) of one call, after a gc.collect()."""
    gc.collect()
    start, wall = clock(), time.perf_counter()
    value = thunk()
    return clock() - start, time.perf_counter() - wall, value


# -- workload timing ---------------------------------------------------------------------------
def prepare_cells(runners: list[str], workloads: list[Workload], reps: int, cell_budget: float,
                  unavailable: dict[str, str], expected: dict[str, Any]) -> list[Cell]:
    """Set up every cell and run it once: the checksum check, and a warm-up."""
    cells = []
    for workload in workloads:
        for name in runners:
            if name in unavailable:
                continue
            cell = Cell(name, workload)
            prepare = RUNNERS[name][0]
            try:
                cell.thunk = prepare(workload, workload.n)
                seconds, _, value = timed(cell.thunk)
            except Unavailable as exc:
                unavailable[name] = str(exc)
                continue
            except Exception as exc:          # a failing peer is a result, not a crash
                cell.failure = describe_failure(exc)
            else:
                if name == "native":
                    expected[workload.name] = value
                if value != expected.get(workload.name):
                    cell.failure = f"checksum {value!r} != native's {expected.get(workload.name)!r}"
                cell.reps = repetitions(seconds, reps, cell_budget)
            cells.append(cell)
            print(f"  {workload.name:15} {name:17} "
                  f"{'FAILS: ' + cell.failure if cell.failure else f'{seconds * 1e3:10.1f} ms'}",
                  flush=True)
    return cells


def repetitions(seconds: float, reps: int, budget: float) -> int:
    """How many timed runs a cell gets: `reps`, fewer when that would exceed `budget` seconds,
    up to 4x more when the whole lot takes under a second (short runs are the noisiest)."""
    if seconds * reps < 1.0:
        return min(4 * reps, max(reps, int(1.0 / max(seconds, 1e-9))))
    return max(1, min(reps, int(budget / seconds)))


def round_robin(cells: list[Cell], expected: dict[str, Any]) -> None:
    rounds = max((cell.reps for cell in cells), default=0)
    for rep in range(rounds):
        print(f"  repetition {rep + 1}/{rounds}", flush=True)
        for cell in cells:
            if cell.failure or rep >= cell.reps:
                continue
            seconds, wall, value = timed(cell.thunk)
            if value != expected[cell.workload.name]:
                cell.failure = f"checksum changed between runs: {value!r}"
                continue
            cell.samples.append(seconds)
            cell.wall.append(wall)


# -- fixed cost --------------------------------------------------------------------------------
def fixed_cost(runners: list[str], rounds: int) -> dict[str, dict[str, Any]]:
    """Seconds per call of `x = 1`: batches sized to ~0.1 s, rounds interleaved, minimum kept."""
    table = {**{name: RUNNERS[name] for name in runners}, **FIXED_COST_EXTRAS}
    thunks, batch, out = {}, {}, {}
    for name, (prepare, _) in table.items():
        try:
            thunks[name] = prepare(FIXED_COST, 1)
            first = timed(thunks[name])[0]
            warm = min(timed(thunks[name])[0] for _ in range(3))
        except Unavailable as exc:
            out[name] = {"error": str(exc)}
            continue
        except Exception as exc:
            out[name] = {"error": describe_failure(exc)}
            continue
        batch[name] = max(1, min(20_000, int(0.1 / max(warm, 1e-7))))
        out[name] = {"first": first, "samples": []}
    for _ in range(rounds):
        for name, thunk in thunks.items():
            if name not in batch:
                continue
            n = batch[name]
            start = clock()
            for _ in range(n):
                thunk()
            out[name]["samples"].append((clock() - start) / n)
    for name, row in out.items():
        if "samples" in row:
            row["per_call"] = min(row["samples"])
            row["batch"] = batch[name]
    return out


# -- fresh-process startup ---------------------------------------------------------------------
_STARTUP_SNIPPETS = {
    "native": "exec(compile('x = 1', '<s>', 'exec'), {})",
    "ast": "import safeexec; safeexec.run('x = 1')",
    "wasm": "import safeexec; safeexec.run('x = 1', backend='wasm')",
    "smolagents": ("from smolagents.local_python_executor import LocalPythonExecutor\n"
                   "e = LocalPythonExecutor([]); e.send_tools({}); e('x = 1')"),
    "restrictedpython": ("from RestrictedPython import compile_restricted, safe_globals\n"
                         "exec(compile_restricted('x = 1', '<s>', 'exec'), dict(safe_globals))"),
}
_STARTUP_CHILD = ("import time; _t = time.{clock}()\n{snippet}\n"
                  "print('SECONDS', time.{clock}() - _t)\n")


def _children_time() -> float:
    """The `clock` for child processes: their CPU time (reaped children), or wall time."""
    if clock is time.perf_counter:
        return time.perf_counter()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _compile_bytecode() -> None:
    """Write safeexec's .pyc files first, as `pip install` does (the peers are installed that
    way): an editable checkout under PYTHONDONTWRITEBYTECODE would otherwise compile every module
    from source in each child (about 35 ms of the figure)."""
    import compileall
    import safeexec
    compileall.compile_dir(str(Path(safeexec.__file__).parent), quiet=1)


def startup(runs: int, which: list[str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    _compile_bytecode()
    for name in which:
        inner, whole = [], []
        for _ in range(runs):
            start = _children_time()
            proc = subprocess.run([sys.executable, "-c", _STARTUP_CHILD.format(
                snippet=_STARTUP_SNIPPETS[name], clock=clock.__name__)],
                capture_output=True, text=True, timeout=300)
            elapsed = _children_time() - start
            if proc.returncode != 0:
                out[name] = {"error": (proc.stderr.strip().splitlines() or ["?"])[-1][:160]}
                break
            inner.append(float(proc.stdout.split("SECONDS")[-1]))
            whole.append(elapsed)
        else:
            out[name] = {"inner": inner, "whole": whole}
        print(f"  {name:17} {out[name]}", flush=True)
    return out


# -- peak memory (child processes) -------------------------------------------------------------
def _status_kib(field: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def _trim_heap() -> None:
    """Hand freed heap back to the OS (glibc), so one workload's leftovers do not hide the next
    one's growth. Best effort: a no-op elsewhere."""
    try:
        import ctypes
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _reset_peak() -> bool:
    """Reset this process's peak-RSS mark (Linux >= 4.0); False where that is not possible."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def child_memory(runner: str, name: str) -> None:
    """In a fresh child: set the runner up and prepare the workload, reset the peak-RSS mark, run
    the workload once, and print as JSON the RSS before and the peak during.

    Traps: ru_maxrss is useless here, since after fork+exec it starts from the parent's RSS;
    /proc/self/status VmHWM is per address space and clear_refs resets it. One process per
    workload, because memory a previous workload freed but the allocator kept hides the growth.
    """
    prepare = RUNNERS[runner][0]
    try:
        prepare(FIXED_COST, 1)()
        thunk = prepare(BY_NAME[name], BY_NAME[name].n)
    except Unavailable as exc:
        print(json.dumps({"error": str(exc)}))
        return
    gc.collect()
    _trim_heap()
    if not _reset_peak():
        print(json.dumps({"error": "cannot reset the peak-RSS mark (/proc/self/clear_refs)"}))
        return
    before = (_status_kib("VmRSS") or 0) * 1024
    try:
        thunk()
    except Exception as exc:
        print(json.dumps({"error": describe_failure(exc)}))
        return
    print(json.dumps({"before": before, "peak": (_status_kib("VmHWM") or 0) * 1024}))


def _memory_child(runner: str, name: str) -> dict[str, Any]:
    proc = subprocess.run([sys.executable, str(Path(__file__)), "--child-memory", runner,
                           "--workloads", name], capture_output=True, text=True, timeout=1800)
    try:
        return json.loads(proc.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        return {"error": (proc.stderr.strip().splitlines() or ["no output"])[-1][:160]}


def peak_memory(runners: list[str], names: list[str]) -> dict[str, dict[str, Any]]:
    """One child per (runner, workload), two at a time: memory does not suffer from sharing cores."""
    from concurrent.futures import ThreadPoolExecutor
    jobs = [(runner, name) for runner in runners for name in names]
    with ThreadPoolExecutor(max_workers=2) as pool:
        rows = list(pool.map(lambda job: _memory_child(*job), jobs))
    out: dict[str, dict[str, Any]] = {runner: {} for runner in runners}
    for (runner, name), row in zip(jobs, rows):
        out[runner][name] = row
    for runner, row in out.items():
        print(f"  {runner:17} " + ", ".join(
            f"{k}: {v['peak'] - v['before'] >> 10} KiB" if "peak" in v else f"{k}: {v['error']}"
            for k, v in row.items()), flush=True)
    return out


# -- scaling -----------------------------------------------------------------------------------
def scaling(workloads: list[Workload], runners: list[str], reps: int) -> dict[str, dict[str, Any]]:
    """Minimum time at N and at 10N for each runner given, the two sizes alternating.

    The untimed warm-up at 10N is done only where it is cheap; elsewhere the minimum over the
    repetitions absorbs it. Cheap runs get more repetitions (see `repetitions`)."""
    out: dict[str, dict[str, Any]] = {}
    for workload in workloads:
        row: dict[str, Any] = {"n": workload.n}
        for runner in runners:
            prepare = RUNNERS[runner][0]
            try:
                small, large = prepare(workload, workload.n), prepare(workload, workload.n * 10)
                warm = timed(small)[0]
                if warm < 0.1:
                    large()
                times: dict[str, list[float]] = {"small": [], "large": []}
                for _ in range(repetitions(warm * 11, reps, budget=1e9)):
                    times["small"].append(timed(small)[0])
                    times["large"].append(timed(large)[0])
                row[runner] = {k: min(v) for k, v in times.items()}
            except Exception as exc:
                row[runner] = {"error": describe_failure(exc)}
        out[workload.name] = row
        print(f"  {workload.name:15} " + ", ".join(
            f"{r}: {v['large'] / v['small']:.1f}" if "large" in v else f"{r}: {v['error']}"
            for r, v in row.items() if r != "n"), flush=True)
    return out


# -- machine -----------------------------------------------------------------------------------
def machine() -> dict[str, Any]:
    import platform
    from importlib import metadata
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {}
    for dist in ("safeexec", "smolagents", "RestrictedPython", "wasmtime", "pytest-benchmark",
                 "matplotlib"):
        try:
            versions[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            versions[dist] = "not installed"
    git = subprocess.run(["git", "-C", str(HERE), "rev-parse", "--short", "HEAD"],
                         capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(HERE), "status", "--porcelain", "--", "../safeexec"],
                           capture_output=True, text=True).stdout.strip()
    return {"cpu": cpu, "cores": os.cpu_count(), "platform": platform.platform(),
            "python": platform.python_version(), "implementation": platform.python_implementation(),
            "packages": versions, "git": git + (" + uncommitted changes in safeexec/" if dirty else ""),
            "load_before": os.getloadavg(), "date": time.strftime("%Y-%m-%d %H:%M:%S %Z")}


# -- main --------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (a smoke run)")
    parser.add_argument("--clock", choices=CLOCKS, default="cpu",
                        help="what the tables report: CPU time of this process (default; robust "
                             "to other load) or wall time")
    parser.add_argument("--reps", type=int, help="repetitions per cell (default 5, quick 2)")
    parser.add_argument("--runners", default=",".join(RUNNERS), help="comma-separated runners")
    parser.add_argument("--workloads", default=",".join(BY_NAME), help="comma-separated workloads")
    parser.add_argument("--skip", default="", help="sections to skip: fixed,startup,memory,scaling")
    parser.add_argument("--out", default=str(HERE / "results"), help="where latest.* are written")
    parser.add_argument("--update-readme", action="store_true",
                        help="also rewrite the results section of benchmarks/README.md")
    parser.add_argument("--child-memory", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    names = [w for w in args.workloads.split(",") if w]
    unknown = [w for w in names if w not in BY_NAME] + \
        [r for r in args.runners.split(",") if r and r not in RUNNERS]
    if unknown:
        parser.error(f"unknown workloads/runners: {', '.join(unknown)}")
    if args.child_memory:
        child_memory(args.child_memory, names[0])
        return 0

    global clock
    clock = CLOCKS[args.clock]
    runners = ["native"] + [r for r in args.runners.split(",") if r and r != "native"]
    workloads = [BY_NAME[w] for w in names]
    reps = args.reps or (2 if args.quick else 5)
    skip = set(args.skip.split(","))
    started = time.perf_counter()
    results: dict[str, Any] = {"machine": machine(), "reps": reps, "quick": args.quick,
                               "clock": args.clock,
                               "runners": {r: RUNNERS[r][1] for r in runners}}

    print("checking checksums (and warming up):", flush=True)
    unavailable: dict[str, str] = {}
    expected: dict[str, Any] = {}
    cells = prepare_cells(runners, workloads, reps, 2.0 if args.quick else 4.0, unavailable,
                          expected)
    print("timing, round-robin:", flush=True)
    round_robin(cells, expected)
    results["unavailable"] = unavailable
    results["workloads"] = {w.name: {"n": w.n, "summary": w.summary} for w in workloads}
    results["cells"] = [{"runner": c.runner, "workload": c.workload.name, "failure": c.failure,
                         "samples": c.samples, "min": min(c.samples) if c.samples else None,
                         "median": statistics.median(c.samples) if c.samples else None,
                         "wall": c.wall, "wall_min": min(c.wall) if c.wall else None}
                        for c in cells]
    available = [r for r in runners if r not in unavailable]
    del cells
    gc.collect()

    if "fixed" not in skip:
        print("fixed cost per call (x = 1):", flush=True)
        results["fixed_cost"] = fixed_cost(available, 3 if args.quick else 7)
    if "startup" not in skip:
        print("import + first run in a fresh process:", flush=True)
        which = [r for r in ("native", "ast", "wasm", "smolagents", "restrictedpython")
                 if r in runners or r == "wasm" and "wasm-session" in runners]
        results["startup"] = startup(3 if args.quick else 7, which)
    if "memory" not in skip:
        print("peak memory (child processes):", flush=True)
        results["memory"] = peak_memory(available, names)
    if "scaling" not in skip:
        print("scaling N -> 10N:", flush=True)
        scaled = [r for r in ("native", "ast") if r in available]
        results["scaling"] = scaling(workloads, scaled, 1 if args.quick else 2)
    results["elapsed"] = time.perf_counter() - started
    results["load_after"] = os.getloadavg()

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "latest.json").write_text(json.dumps(results, indent=1, default=str) + "\n")
    markdown = report.markdown(results)
    (out / "latest.md").write_text(markdown)
    report.chart(results, out / "latest.png")
    if args.update_readme:
        report.update_readme(HERE / "README.md", markdown)
    print(f"wrote {out / 'latest.md'} and latest.png in {results['elapsed']:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

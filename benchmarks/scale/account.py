"""Where the time of a Dask run goes: accounting that a noisy machine does not blur as much as wall time.

`accounted(client, fn)` runs `fn()` under a task stream and returns, besides the wall time, the
seconds each worker spent computing tasks (by task-name prefix), the seconds no worker computed
(client work, scheduling, transfers, gathers: the serial part), worker-process, scheduler and client
CPU seconds, and the bytes moved between workers. `predicted_ratio` turns a 1-worker run's
accounting into the speed-up Amdahl's law allows on k workers: the idle seconds stay, and each phase
(task-name prefix) becomes the makespan of its tasks spread over k workers (longest first), so a
phase of one task (a serial step) or of unequal tasks (imbalance) costs what it would.
"""
from __future__ import annotations

import time
from collections import defaultdict


def _cpu() -> float:
    return time.process_time()  # all threads of the process


def _moved(dask_worker) -> tuple[int, float]:
    log = dask_worker.transfer_incoming_log
    return sum(x["total"] for x in log), sum(x["duration"] for x in log)


def _moved_by_prefix(dask_worker) -> dict[str, int]:
    """Bytes received by this worker so far, by task-name prefix of the key that moved (which shuffle)."""
    from dask.utils import key_split

    out: dict[str, int] = defaultdict(int)
    for x in dask_worker.transfer_incoming_log:
        for key, size in x.get("keys", {}).items():
            out[key_split(key)] += size
    return dict(out)


def _digests(dask_worker) -> dict[tuple, float]:
    """The worker's cumulative fine metrics: (execute, span, prefix, thread-cpu, seconds), (gather-dep, ...)."""
    return {k: v for k, v in dask_worker.digests_total.items() if isinstance(k, tuple)}


def _metric_deltas(before: dict, after: dict) -> dict[str, dict[str, float]]:
    """Per worker: task thread CPU by prefix ('cpu:PREFIX'), task non-CPU wall ('wait:PREFIX': waiting for a
    core, I/O, locks), and the communication seconds (serialize, deserialize, network, ...)."""
    out: dict[str, dict[str, float]] = {}
    for w, d in after.items():
        b = before.get(w, {})
        acc: dict[str, float] = defaultdict(float)
        for k, v in d.items():
            delta = v - b.get(k, 0.0)
            if not delta or k[-1] != "seconds":
                continue
            if k[0] == "execute" and len(k) == 5:
                name = {"thread-cpu": "cpu", "thread-noncpu": "wait"}.get(k[3])
                if name:
                    acc[f"{name}:{k[2]}"] += delta
            elif k[0] in ("gather-dep", "get-data"):
                acc[f"{k[0]}:{k[-2]}"] += delta
        out[w] = dict(acc)
    return out


def _prefix(key) -> str:
    from dask.utils import key_split

    return key_split(key)


def _union(intervals: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for a, b in sorted(intervals):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _length(intervals: list[tuple[float, float]]) -> float:
    return sum(b - a for a, b in intervals)


def _overlap(xs: list[tuple[float, float]], ys: list[tuple[float, float]]) -> float:
    total, i, j = 0.0, 0, 0
    while i < len(xs) and j < len(ys):
        a, b = max(xs[i][0], ys[j][0]), min(xs[i][1], ys[j][1])
        total += max(0.0, b - a)
        if xs[i][1] < ys[j][1]:
            i += 1
        else:
            j += 1
    return total


def accounted(client, fn) -> tuple[object, dict]:
    """fn()'s result and the accounting of its run on `client`'s cluster (see the module doc)."""
    from distributed import get_task_stream

    import os

    # a LocalCluster's scheduler runs in the client's process: its CPU is in the client's then
    in_client = client.run_on_scheduler(os.getpid) == os.getpid()
    cpu0 = client.run(_cpu)
    sched0 = client.run_on_scheduler(_cpu)
    moved0 = client.run(_moved)
    by0 = client.run(_moved_by_prefix)
    dig0 = client.run(_digests)
    c0, t0 = time.process_time(), time.time()
    with get_task_stream(client=client) as ts:
        result = fn()
        t1 = time.time()
    client_cpu = time.process_time() - c0
    cpu1 = client.run(_cpu)
    sched1 = client.run_on_scheduler(_cpu)
    moved1 = client.run(_moved)
    by1 = client.run(_moved_by_prefix)
    moved_by: dict[str, float] = defaultdict(float)
    for w, d in by1.items():
        for k, v in d.items():
            moved_by[k] += (v - by0.get(w, {}).get(k, 0)) / 1e6
    metrics = _metric_deltas(dig0, client.run(_digests))
    busy: dict[str, list[tuple[float, float]]] = defaultdict(list)
    phases: dict[str, list[float]] = defaultdict(list)
    for rec in ts.data:
        for ss in rec.get("startstops", ()):
            if ss["action"] == "compute":
                busy[rec["worker"]].append((ss["start"], ss["stop"]))
                phases[_prefix(rec["key"])].append(ss["stop"] - ss["start"])
    per_worker = {w: _union(iv) for w, iv in busy.items()}
    any_busy = _union([iv for ivs in per_worker.values() for iv in ivs])
    wall = t1 - t0
    unions = list(per_worker.values())
    both = _overlap(unions[0], unions[1]) if len(unions) == 2 else (_length(any_busy) if len(unions) == 1 else 0.0)
    cpu_by_prefix: dict[str, float] = defaultdict(float)
    comm: dict[str, float] = defaultdict(float)
    for m in metrics.values():
        for k, v in m.items():
            if k.startswith("cpu:"):
                cpu_by_prefix[_prefix(k[4:])] += v
            elif not k.startswith("wait:"):
                comm[k] += v
    return result, {
        "wall": wall,
        "task_cpu_s": {p: round(v, 3) for p, v in sorted(cpu_by_prefix.items(), key=lambda kv: -kv[1])},
        "task_wait_s": round(sum(v for m in metrics.values() for k, v in m.items() if k.startswith("wait:")), 2),
        "comm_s": {k: round(v, 3) for k, v in comm.items()},
        "task_s": {w: round(_length(iv), 2) for w, iv in per_worker.items()},
        "idle_s": wall - _length(any_busy),  # no worker computing: the serial part as run
        "all_busy_s": both,
        "phases": {p: [round(d, 3) for d in sorted(ds, reverse=True)] for p, ds in phases.items()},
        "worker_cpu_s": {w: round(cpu1[w] - cpu0[w], 2) for w in cpu1},
        "scheduler_cpu_s": 0.0 if in_client else sched1 - sched0,
        "scheduler_in_client": in_client,
        "client_cpu_s": client_cpu,
        "moved_mb": sum(moved1[w][0] - moved0[w][0] for w in moved1) / 1e6,
        "moved_s": sum(moved1[w][1] - moved0[w][1] for w in moved1),
        "moved_by_mb": {k: round(v, 1) for k, v in sorted(moved_by.items(), key=lambda kv: -kv[1]) if v >= 0.05},
        "tasks": sum(len(d) for d in phases.values()),
    }


def makespan(durations: list[float], k: int) -> float:
    """Longest-first list scheduling of `durations` on k workers: the phase's time on k workers."""
    load = [0.0] * k
    for d in sorted(durations, reverse=True):
        load[load.index(min(load))] += d
    return max(load)


def cpu_phases(acc: dict) -> dict[str, list[float]]:
    """Each phase's task durations scaled to CPU seconds (the phase's thread CPU / its task wall time),
    so a run slowed by other jobs on the machine predicts what an idle machine would do."""
    out = {}
    for p, ds in acc["phases"].items():
        wall = sum(ds)
        scale = acc["task_cpu_s"].get(p, wall) / wall if wall > 0 else 1.0
        out[p] = [d * min(scale, 1.0) for d in ds]
    return out


def predicted_ratio(acc: dict, k: int = 2) -> tuple[float, float, float, float]:
    """(serial seconds, 1-worker seconds, predicted seconds on k workers, predicted speed-up) from a
    1-worker run, in CPU seconds of the tasks plus the seconds no task ran.

    Serial = Amdahl's s in T_k = s + (T_1 - s) / k: the seconds no task ran, plus per phase
    what cannot be split (a phase of one task, unequal tasks: makespan on k workers, longest first,
    above its fair share). Phases are taken back to back (Dask overlaps some)."""
    phases = cpu_phases(acc)
    one = acc["idle_s"] + sum(sum(d) for d in phases.values())
    predicted = acc["idle_s"] + sum(makespan(d, k) for d in phases.values())
    serial = (k * predicted - one) / (k - 1)
    return serial, one, predicted, one / predicted


def summary(acc: dict) -> str:
    """One line: wall, task seconds per worker, idle, CPU of workers / scheduler / client, bytes moved."""
    tasks = "+".join(f"{v:.1f}" for v in acc["task_s"].values())
    cpu = "+".join(f"{v:.1f}" for v in acc["worker_cpu_s"].values())
    return (f"wall {acc['wall']:.1f} s; task s per worker {tasks}; no task running {acc['idle_s']:.1f} s; "
            f"all workers busy {acc['all_busy_s']:.1f} s; worker process CPU {cpu} s; "
            + ("client CPU (with the scheduler's: same process) " if acc.get("scheduler_in_client") else
               f"scheduler CPU {acc['scheduler_cpu_s']:.1f} s; client CPU ")
            + f"{acc['client_cpu_s']:.1f} s; {acc['tasks']} tasks; "
            f"moved between workers {acc['moved_mb']:.0f} MB in {acc['moved_s']:.1f} s"
            + ("" if not acc.get("moved_by_mb") else
               " (" + ", ".join(f"{k} {v:.0f} MB" for k, v in acc["moved_by_mb"].items()) + ")")
            + "; task thread CPU "
            f"{sum(acc['task_cpu_s'].values()):.1f} s, task wall not on a CPU {acc['task_wait_s']:.1f} s; "
            f"communication " + ", ".join(f"{k} {v:.1f} s" for k, v in acc["comm_s"].items() if v >= 0.05))


def phase_table(acc: dict, k: int = 2, top: int = 8) -> str:
    """The phases with most task seconds: count, total, longest task, makespan on k workers."""
    rows = sorted(acc["phases"].items(), key=lambda kv: -sum(kv[1]))[:top]
    cpu = acc["task_cpu_s"]
    return "; ".join(
        f"{p} {len(d)}x {sum(d):.1f} s, CPU {cpu.get(p, 0):.1f} s (longest {max(d):.1f}; on {k}: {makespan(d, k):.1f})"
        for p, d in rows)

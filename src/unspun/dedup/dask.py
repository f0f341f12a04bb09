"""The near-duplicate stage on Dask distributed: the same `neardup` functions mapped over partitions.

Partitions are runs of consecutive input files sized from the data (about four per worker thread,
by bytes on disk), so a cluster gets a few large tasks whatever the file count, and enough of them
that a slow or late task leaves the other workers work to do. Map: each worker
sketches its partition (`neardup.sketch_file`) and keeps the Part; texts never leave it. Shuffle:
each part's band entries are split by key into one bucket per partition and Dask moves bucket r of
every part to reducer r, which runs `neardup.bucket_edges` — a bucket (band, key) is whole on one
reducer, so the candidate edges equal the local engine's. Verification routes each candidate to
the part holding its first article (which drops the copies of a pair found by several reducers and
attaches the signature and the facts clustering needs)
and then to the part holding its second, which confirms it (`neardup.verify_edges`). Connected
components (`neardup.assign_clusters`) run in one worker task over the confirmed edges; each part
then writes its own output file. The client only plans, submits and gathers counts.
"""
from __future__ import annotations

import operator
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import neardup as nd
from ..config import NearDupConfig
from ..errors import require
from ..records import ReadError
from ..sketch import c_library, check_config, tune_malloc

MIN_PARTITION_BYTES = 64 << 20  # below this per-task overhead outweighs parallelism
MAX_PARTITION_BYTES = 1 << 30  # ~400k articles of Parquet input: ~250 MB of signatures per part
# Measured at 1M articles: with two partitions per worker thread, the first task of each phase ran
# ~1.5x its sibling (fresh memory faulting in), and a 1-worker run predicted only 1.71x on two
# workers from that imbalance alone; four per thread halve each task and the tail.
PARTITIONS_PER_SLOT = 4


# Background work of each Dask server (scheduler, nanny, worker) that a batch job pays for in CPU and
# does not use. Measured on an idle 2-worker LocalCluster: 1.3 CPU-s per 15 s with Dask's defaults,
# 0.23 with these. On a machine with a core per worker that is CPU taken from the tasks: ~3% of a
# 2-worker dedup at 1M articles.
QUIET_SERVERS = {
    "distributed.worker.profile.enabled": False,  # samples every thread's stack each 10 ms
    "distributed.admin.tick.interval": "1s",  # the event-loop blocking monitor, 20 ms by default
    "distributed.admin.system-monitor.interval": "5s",  # psutil CPU/memory/network for the dashboard, 0.5 s
    "distributed.worker.memory.monitor-interval": "1s",  # memory limit checks, 0.1 s
}


@dataclass(frozen=True)
class EdgeFacts:
    """Confirmed edges with what clustering needs of both ends (exact hash, date, id), end by end."""

    edges: np.ndarray  # int64[e, 2], a < b
    exact: np.ndarray  # uint64[e, 2]
    published: np.ndarray  # object[e, 2]
    ids: np.ndarray  # object[e, 2]


@contextmanager
def cluster_client(client=None, scheduler: str | None = None, workers: int | None = None) -> Iterator:
    """The Dask client to run on: `client` as given, else one connected to `scheduler`, else a
    LocalCluster of `workers` single-threaded worker processes (default: one per core). What this
    opened is closed on exit (a LocalCluster too; a remote scheduler is left running)."""
    if client is not None:
        yield client
        return
    distributed = require("distributed", "scale", "The Dask engine")
    own = distributed.Client(scheduler) if scheduler else distributed.Client(local_cluster(workers))
    try:
        yield own
    finally:
        cluster = own.cluster
        own.close()
        if cluster is not None and not scheduler:
            cluster.close()


def local_cluster(workers: int | None = None, **options):
    """A LocalCluster of `workers` single-threaded worker processes (default: one per core), without
    a dashboard and with the background monitors slowed (`QUIET_SERVERS`); `options` go to LocalCluster.
    One thread per process: the stages are numpy/numba and pure Python in turns, so threads of one
    process would fight for the GIL."""
    import dask

    distributed = require("distributed", "scale", "The Dask engine")
    with dask.config.set(QUIET_SERVERS):  # servers read these when they start; worker processes get a copy
        return distributed.LocalCluster(
            n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
            dashboard_address=None, **options,
        )


def worker_slots(client) -> int:
    """Worker threads of the cluster: how many tasks run at once."""
    return sum(w["nthreads"] for w in client.scheduler_info()["workers"].values()) or 1


def holders(client, futures: Sequence) -> list[list[str]]:
    """For each finished future, the worker holding its result (one address, as a `workers=` list)."""
    held = client.who_has(list(futures))
    return [sorted(held[f.key])[:1] for f in futures]


def pick(client, futures: Sequence, n: int) -> list[list]:
    """Items 0..n-1 of each future's result (a list), as futures computed on the worker holding it:
    `pick(...)[k][i]` is item i of futures[k]. Returns when every future is done (each consumer of
    the items needs all of them anyway); a finished future's items are submitted while the others run.

    Why pinned: measured at 1M articles on 2 workers, free picks of the band split crossed to the
    idle worker, taking the whole split (every reducer's piece) with them: 312 of 387 MB moved.
    The scheduler places a large group of small tasks over few inputs without regard to where the
    input is ("root-ish"), and steals a task whose duration it does not know yet from a busy worker.
    A pick restricted to the worker holding its input does neither. (Should that worker leave, its
    result is lost anyway and the run fails as Dask fails on lost data without replicas.)
    """
    from dask.base import tokenize
    from dask.utils import key_split
    from distributed import as_completed

    out: dict[str, list] = {}
    for f in as_completed(futures):
        holder = holders(client, [f])[0]
        out[f.key] = client.map(  # one message for the n items
            operator.getitem, [f] * n, range(n), workers=holder, allow_other_workers=False,
            key=[f"{key_split(f.key)}-piece-{tokenize(f.key, i)}" for i in range(n)],  # named for accounting
        )
    return [out[f.key] for f in futures]


def plan_partitions(
    files: Sequence[str], slots: int, partition_bytes: int | None = None
) -> list[tuple[str, ...]]:
    """Group consecutive files into partitions of about `partition_bytes` (default: the input split
    into `PARTITIONS_PER_SLOT` per worker slot, clamped to [64 MB, 1 GB]); a file larger than that
    is one partition."""
    sizes = [max(os.path.getsize(f), 1) if os.path.exists(f) else 1 for f in files]
    if partition_bytes is None:
        share = sum(sizes) // max(PARTITIONS_PER_SLOT * slots, 1)
        partition_bytes = min(max(share, MIN_PARTITION_BYTES), MAX_PARTITION_BYTES)
    groups: list[tuple[str, ...]] = []
    current: list[str] = []
    filled = 0
    for f, size in zip(files, sizes):
        if current and filled + size > partition_bytes * 1.25:
            groups.append(tuple(current))
            current, filled = [], 0
        current.append(f)
        filled += size
        if filled >= partition_bytes:
            groups.append(tuple(current))
            current, filled = [], 0
    if current:
        groups.append(tuple(current))
    return groups


def tune_worker() -> bool:
    """Make a worker process's task threads allocate from glibc's main arena, then `tune_malloc`.

    Measured: the band and reduce steps ran 5-7x slower in a Dask worker than in one process.
    A task thread gets its own malloc arena, whose heaps are capped at 64 MB, so every larger numpy
    temporary is a fresh mmap whose pages fault in again, whatever `tune_malloc` says (and the
    nanny's default MALLOC_TRIM_THRESHOLD_ trims eagerly). One arena (M_ARENA_MAX = 1), set before
    the task thread first allocates, gives the worker the local engine's allocation behaviour.
    Run it with `client.run` on fresh workers; `dask worker` started with MALLOC_ARENA_MAX=1 in its
    environment needs nothing. Returns False where glibc is not the allocator.
    """
    try:
        m_arena_max = -8
        one_arena = c_library().mallopt(m_arena_max, 1) == 1
    except AttributeError:  # pragma: no cover - not glibc
        return False
    return tune_malloc() and one_arena


def _sketch_files(paths: Sequence[str], columns, config: NearDupConfig) -> nd.Part:
    if config.tune_malloc:
        tune_malloc()  # worker processes are the engine's own
    return nd.concat_parts([nd.sketch_file(p, columns, config, threads=False) for p in paths], config)


def _summary(part: nd.Part) -> tuple[int, tuple[ReadError, ...]]:
    return len(part), part.errors


def _split_bands(part: nd.Part, config: NearDupConfig, reducers: int) -> list[tuple[np.ndarray, ...]]:
    """The part's band entries split by reducer (key % reducers); each piece keeps the entries'
    row order, so reducers receive rows ascending within each band.

    Pieces travel compact, 13 bytes an entry instead of 18: the band as uint8 (up to 256 bands) and the row as uint32
    relative to the part (the reducer adds the part's offset back; a part is far below 2**32 rows).
    Measured at 1M articles on 2 workers: the shuffle moves a third fewer bytes.
    """
    band, key, row = nd.part_bands(part, 0, config)
    dest = (key % np.uint64(reducers)).astype(np.uint16)
    order = np.argsort(dest, kind="stable")  # a radix sort for 16-bit keys
    cuts = np.cumsum(np.bincount(dest, minlength=reducers))[:-1]
    small, row32 = band.astype(np.uint8 if config.bands <= 256 else np.uint16), row.astype(np.uint32)
    return [(small[idx], key[idx], row32[idx]) for idx in np.split(order, cuts)]
def _route(edges: np.ndarray, column: int, bounds: np.ndarray) -> list[np.ndarray]:
    """Split edges by the partition that holds the article in `column` (bounds = part offsets)."""
    dest = (np.searchsorted(bounds, edges[:, column], side="right") - 1).astype(np.uint16)
    order = np.argsort(dest, kind="stable")
    cuts = np.cumsum(np.bincount(dest, minlength=len(bounds) - 1))[:-1]
    return [edges[idx] for idx in np.split(order, cuts)]


def _reduce_bands(pieces: Sequence[tuple[np.ndarray, ...]], window: int, bounds: np.ndarray) -> list[np.ndarray]:
    """Candidate edges of this reducer's buckets, routed to the parts holding their first article.
    `pieces` come one per part, in part order (`_split_bands`: rows relative to the part)."""
    band = np.concatenate([p[0] for p in pieces]).astype(np.int16)
    key = np.concatenate([p[1] for p in pieces])
    row = np.concatenate([p[2].astype(np.int64) + bounds[q] for q, p in enumerate(pieces)])
    return _route(nd.bucket_edges(band, key, row, window), 0, bounds)


def _take(values: Sequence, rows: np.ndarray) -> np.ndarray:
    """`values` (a part's ids or dates, a tuple) at `rows` as an object array, built for those rows only:
    an array over the whole part per call was most of the Python time of the verification tasks."""
    out = np.empty(rows.shape[0], dtype=object)
    out[:] = [values[i] for i in rows.tolist()]
    return out


def _attach_first(
    part: nd.Part, offset: int, pieces: Sequence[np.ndarray], bounds: np.ndarray
) -> list[tuple[np.ndarray, ...]]:
    """The first articles' signatures and facts for this part's candidates, routed on to the parts
    holding the second articles.

    Signatures are gathered only for pieces that leave the part, once per piece: gathering every
    candidate's signature and then splitting that copy moved each one twice through fresh memory
    (512 bytes a candidate at 128 permutations), which was most of this task and grew when two
    workers shared the machine (measured at 1M articles: 3.5 s of task CPU on 1 worker, 5.7 s on
    2). The piece for this part itself carries rows only: `_verify_second`, on the same part,
    reads both ends from it.

    A pair found in several bands comes once from each reducer owning one of those buckets; every
    copy routes here (by its first article), so it is de-duplicated here, before anything is
    gathered: at 1M articles the reducers' 1.6M candidates were ~4 copies of each of 416k links.
    """
    edges = nd.unique_edges(np.concatenate(pieces))
    dest = (np.searchsorted(bounds, edges[:, 1], side="right") - 1).astype(np.uint16)
    order = np.argsort(dest, kind="stable")
    cuts = np.cumsum(np.bincount(dest, minlength=len(bounds) - 1))[:-1]
    own = int(np.searchsorted(bounds, offset, side="right") - 1)
    out = []
    for q, idx in enumerate(np.split(order, cuts)):
        piece = edges[idx]
        local = piece[:, 0] - offset
        sig = None if q == own else part.signatures[local]
        out.append((piece, sig, part.exact[local], _take(part.published, local), _take(part.ids, local)))
    return out


def _verify_second(
    part: nd.Part, offset: int, pieces: Sequence[tuple[np.ndarray, ...]], config: NearDupConfig
) -> EdgeFacts:
    """Confirm this part's incoming candidates piece by piece (never one concatenated copy of their
    signatures), keeping both ends' facts. A piece without signatures came from this part."""
    kept = []
    for edges, sig_a, exact_a, pub_a, ids_a in pieces:
        local = edges[:, 1] - offset
        exact_b = part.exact[local]
        if sig_a is None:
            keep = nd.confirmed(part.signatures, part.signatures, exact_a, exact_b, config, edges[:, 0] - offset, local)
        else:
            keep = nd.confirmed(sig_a, part.signatures, exact_a, exact_b, config, None, local)
        local = local[keep]
        kept.append((
            edges[keep],
            np.stack([exact_a[keep], exact_b[keep]], axis=1),
            np.stack([pub_a[keep], _take(part.published, local)], axis=1),
            np.stack([ids_a[keep], _take(part.ids, local)], axis=1),
        ))
    if not kept:
        return EdgeFacts(np.zeros((0, 2), np.int64), np.zeros((0, 2), np.uint64), np.zeros((0, 2), object), np.zeros((0, 2), object))
    return EdgeFacts(*(np.concatenate([k[i] for k in kept]) for i in range(4)))


def _components(facts: Sequence[EdgeFacts], bounds: np.ndarray) -> tuple[int, list[tuple[nd.Clusters, dict[int, str]]]]:
    """Connected components over every part's confirmed edges (one worker task, compact arrays);
    returns the edge count and, per part, its rows' cluster assignment and their originals' ids."""
    edges = np.concatenate([f.edges for f in facts])
    flat_rows = edges.reshape(-1)
    nodes, first = np.unique(flat_rows, return_index=True)  # every node's facts from one of its ends
    exact = np.concatenate([f.exact for f in facts]).reshape(-1)[first]
    published = np.concatenate([f.published for f in facts]).reshape(-1)[first]
    ids = np.concatenate([f.ids for f in facts]).reshape(-1)[first]
    n_edges = edges.shape[0]  # unique already: every copy of a pair met in one `_attach_first`
    cl = nd.assign_clusters(edges, nodes, exact, published.tolist())
    origin = np.searchsorted(nodes, cl.original)
    out = []
    for lo, hi in zip(bounds[:-1], bounds[1:]):
        i, j = np.searchsorted(cl.rows, [lo, hi])
        piece = nd.Clusters(cl.rows[i:j], cl.cluster[i:j], cl.original[i:j], cl.relation[i:j])
        named = np.unique(origin[i:j])
        out.append((piece, dict(zip(nodes[named].tolist(), ids[named].tolist()))))
    return n_edges, out


def _write_part(
    part: nd.Part, offset: int, assigned: tuple[nd.Clusters, dict[int, str]], path: str | None
) -> dict[str, list] | int:
    cols = nd.output_columns(part, offset, *assigned)
    if path is None:
        return cols
    nd.write_columns(cols, path)
    return len(part)


def dedup_dask(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    config: NearDupConfig = NearDupConfig(),
    columns=None,
    *,
    client=None,
    scheduler: str | None = None,
    partition_bytes: int | None = None,
    output: str | os.PathLike[str] | None = None,
) -> nd.DedupResult:
    """Run the near-duplicate stage on a Dask cluster; same rows as `neardup.dedup` on the same input.

    Uses `client`, else connects to `scheduler` (an address), else starts a LocalCluster with one
    single-threaded worker process per core. `partition_bytes` overrides the partition size chosen
    from the input (`plan_partitions`). With `output` (a directory), each partition writes
    `part-NNNNN.parquet` there on its worker and the returned result has no rows (only errors and
    the edge count); without it, rows are gathered to the caller.
    """
    require("distributed", "scale", "The Dask engine")  # the missing-extra error before any work
    from ..ingest import list_files

    check_config(config)
    items = list_files(paths)
    errors: list[ReadError] = [x for x in items if isinstance(x, ReadError)]
    files = [str(x) for x in items if not isinstance(x, ReadError)]
    with cluster_client(client, scheduler) as active:
        groups = plan_partitions(files, worker_slots(active), partition_bytes)
        return _run(active, groups, errors, config, columns, output)


def _run(client, groups, errors, config, columns, output) -> nd.DedupResult:
    if not groups:
        return nd.DedupResult((), tuple(errors), 0)
    if config.tune_malloc:
        client.run(tune_worker)
    from distributed import as_completed

    parts = client.map(_sketch_files, groups, columns=columns, config=config, pure=False)
    n = len(parts)
    # Every later task of partition i runs on the worker holding part i (reducer i too, so each
    # worker reduces as many buckets as it holds parts), pinned as the pieces are (`pick`): left
    # free, the scheduler moved parts (64 MB each at 1M articles on 2 workers) to split, verify or
    # write them on the other worker — 7 of 8 parts were written on one worker in a measured run,
    # and work stealing moved splits at the end of the sketch phase.
    at: dict[str, list[str]] = {}
    split_of: dict[str, object] = {}
    summary_of: dict[str, object] = {}
    # band shuffle: part p's bucket r goes to reducer r (one reducer per partition). The split needs
    # no offsets, so it is submitted as each sketch finishes, before the row counts are gathered.
    for f in as_completed(parts):
        at[f.key] = holders(client, [f])[0]
        split_of[f.key] = client.submit(_split_bands, f, config, n, pure=False, workers=at[f.key])
        summary_of[f.key] = client.submit(_summary, f, workers=at[f.key])
    split = [split_of[p.key] for p in parts]
    summaries = client.gather([summary_of[p.key] for p in parts])
    bounds = np.cumsum([0] + [n for n, _ in summaries]).astype(np.int64)
    errors = errors + [e for _, errs in summaries for e in errs]
    if bounds[-1] == 0:
        return nd.DedupResult((), tuple(errors), 0)
    offsets = [int(o) for o in bounds[:-1]]

    def on(i: int) -> dict:
        return {"workers": at[parts[i].key]}

    pieces = pick(client, split, n)  # pieces[p][r]: part p's entries for reducer r
    reduced = [client.submit(_reduce_bands, [x[r] for x in pieces], config.window, bounds, **on(r)) for r in range(n)]
    del pieces, split
    # verification: candidates go to the part of their first article, then of their second
    routed = pick(client, reduced, n)
    first = [
        client.submit(_attach_first, p, o, [x[i] for x in routed], bounds, **on(i))
        for i, (p, o) in enumerate(zip(parts, offsets))
    ]
    routed = pick(client, first, n)
    kept = [
        client.submit(_verify_second, p, o, [x[q] for x in routed], config, **on(q))
        for q, (p, o) in enumerate(zip(parts, offsets))
    ]
    del routed
    components = client.submit(_components, kept, bounds)
    assigned = pick(client, [client.submit(operator.itemgetter(1), components)], n)[0]
    if output is not None:
        Path(output).mkdir(parents=True, exist_ok=True)
    written = [
        client.submit(
            _write_part,
            p,
            o,
            assigned[i],
            None if output is None else str(Path(output) / f"part-{i:05d}.parquet"),
            **on(i),
        )
        for i, (p, o) in enumerate(zip(parts, offsets))
    ]
    n_edges = client.submit(operator.itemgetter(0), components)
    results = client.gather(written)
    rows: list[nd.DedupRow] = []
    if output is None:
        for cols in results:
            rows.extend(nd.rows_from_columns(cols))
    return nd.DedupResult(tuple(rows), tuple(errors), int(n_edges.result()))

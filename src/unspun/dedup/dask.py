"""The near-duplicate stage on Dask distributed: the same `neardup` functions mapped over partitions.

One partition per input file. Map: `neardup.sketch_part` on the worker that reads the file (texts
never leave it). Shuffle: each part's band entries are split by key into `reducers` buckets and
Dask moves bucket r of every part to reducer r, which runs `neardup.bucket_edges` — a bucket
(band, key) is whole on one reducer, so the candidate edges equal the local engine's. Verification
routes each candidate to the part holding its first article and then to the part holding its
second, so signatures never leave the workers. Connected components run on the client over the
confirmed edges (small: a few per duplicated article); each part then writes its own output file.
"""
from __future__ import annotations

import operator
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from . import neardup as nd
from ..config import NearDupConfig
from ..errors import require
from ..records import ReadError
from ..sketch import check_config, tune_malloc


def _sketch_file(path: str, columns, config: NearDupConfig) -> nd.Part:
    if config.tune_malloc:
        tune_malloc()  # worker processes are the engine's own
    return nd.sketch_file(path, columns, config)


def _split_bands(part: nd.Part, offset: int, config: NearDupConfig, reducers: int) -> list[tuple[np.ndarray, ...]]:
    band, key, row = nd.part_bands(part, offset, config)
    dest = (key % np.uint64(reducers)).astype(np.int64)
    order = np.argsort(dest, kind="stable")
    cuts = np.searchsorted(dest[order], np.arange(1, reducers))
    return [
        (band[idx], key[idx], row[idx]) for idx in np.split(order, cuts)
    ]


def _reduce_bands(pieces: Sequence[tuple[np.ndarray, ...]], window: int) -> np.ndarray:
    band, key, row = (np.concatenate([p[i] for p in pieces]) for i in range(3))
    return nd.bucket_edges(band, key, row, window)


def _route(edges: np.ndarray, column: int, bounds: np.ndarray) -> list[np.ndarray]:
    """Split edges by the partition that holds the article in `column` (bounds = part offsets)."""
    dest = np.searchsorted(bounds, edges[:, column], side="right") - 1
    order = np.argsort(dest, kind="stable")
    cuts = np.searchsorted(dest[order], np.arange(1, len(bounds) - 1))
    return [edges[idx] for idx in np.split(order, cuts)]


def _attach_first(
    part: nd.Part, offset: int, pieces: Sequence[np.ndarray], bounds: np.ndarray
) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Signatures of the first articles of this part's edges, routed on to the parts of the second."""
    edges = np.concatenate(pieces)
    local = edges[:, 0] - offset
    sig, exact = part.signatures[local], part.exact[local]
    dest = np.searchsorted(bounds, edges[:, 1], side="right") - 1
    return [(edges[dest == q], sig[dest == q], exact[dest == q]) for q in range(len(bounds) - 1)]


def _verify_second(
    part: nd.Part, offset: int, pieces: Sequence[tuple[np.ndarray, ...]], config: NearDupConfig
) -> np.ndarray:
    edges = np.concatenate([p[0] for p in pieces])
    sig_a = np.concatenate([p[1] for p in pieces])
    exact_a = np.concatenate([p[2] for p in pieces])
    local = edges[:, 1] - offset
    kept, _ = nd.verify_edges(edges, sig_a, part.signatures[local], exact_a, part.exact[local], config)
    return kept


def _node_info(part: nd.Part, offset: int, rows: np.ndarray) -> tuple[np.ndarray, list[str | None], list[str]]:
    local = rows - offset
    return part.exact[local], [part.published[i] for i in local.tolist()], [part.ids[i] for i in local.tolist()]


def _write_part(
    part: nd.Part, offset: int, cl: nd.Clusters, original_ids: dict[int, str], path: str | None
) -> dict[str, list] | int:
    cols = nd.output_columns(part, offset, cl, original_ids)
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
    reducers: int | None = None,
    output: str | os.PathLike[str] | None = None,
) -> nd.DedupResult:
    """Run the near-duplicate stage on a Dask cluster; same rows as `neardup.dedup` on the same input.

    Uses `client`, else connects to `scheduler` (an address), else starts a LocalCluster with one
    single-threaded worker process per core. With `output` (a directory), each part writes
    `part-NNNNN.parquet` there on its worker and the returned result has no rows (only errors and
    the edge count); without it, rows are gathered to the caller.
    """
    distributed = require("distributed", "scale", "The Dask engine")
    from ..ingest import list_files

    check_config(config)
    items = list_files(paths)
    errors: list[ReadError] = [x for x in items if isinstance(x, ReadError)]
    files = [str(x) for x in items if not isinstance(x, ReadError)]
    own = None
    if client is None:
        if scheduler:
            client = own = distributed.Client(scheduler)
        else:
            cluster = distributed.LocalCluster(
                n_workers=os.cpu_count() or 1, threads_per_worker=1, processes=True, dashboard_address=None
            )
            client = own = distributed.Client(cluster)
    try:
        return _run(client, files, errors, config, columns, reducers, output)
    finally:
        if own is not None:
            cluster = own.cluster
            own.close()
            if cluster is not None and not scheduler:
                cluster.close()


def _run(client, files, errors, config, columns, reducers, output) -> nd.DedupResult:
    if not files:
        return nd.DedupResult((), tuple(errors), 0)
    n_parts = len(files)
    parts = client.map(_sketch_file, files, columns=columns, config=config, pure=False)
    sizes = client.gather(client.map(len, parts))
    bounds = np.cumsum([0] + list(sizes)).astype(np.int64)
    part_errors = client.gather(client.map(operator.attrgetter("errors"), parts))
    errors = errors + [e for errs in part_errors for e in errs]
    if bounds[-1] == 0:
        return nd.DedupResult((), tuple(errors), 0)

    # band shuffle: part p's bucket r goes to reducer r
    r = reducers or max(1, min(n_parts, 64))
    split = [client.submit(_split_bands, p, int(o), config, r, pure=False) for p, o in zip(parts, bounds)]
    reduced = [
        client.submit(_reduce_bands, [client.submit(operator.getitem, s, j) for s in split], config.window)
        for j in range(r)
    ]
    # verification: route candidates to the part of their first article, then of their second
    routed = [client.submit(_route, e, 0, bounds) for e in reduced]
    first = [
        client.submit(_attach_first, p, int(o), [client.submit(operator.getitem, e, i) for e in routed], bounds)
        for i, (p, o) in enumerate(zip(parts, bounds))
    ]
    kept = [
        client.submit(_verify_second, p, int(o), [client.submit(operator.getitem, f, q) for f in first], config)
        for q, (p, o) in enumerate(zip(parts, bounds))
    ]
    edges = nd.unique_edges(np.concatenate(client.gather(kept)))

    # connected components on the client; node facts come from the parts that hold them
    nodes = np.unique(edges)
    by_part = np.searchsorted(bounds, nodes, side="right") - 1
    info = client.gather(
        [client.submit(_node_info, parts[q], int(bounds[q]), nodes[by_part == q]) for q in range(n_parts)]
    )
    exact = np.concatenate([x[0] for x in info]) if info else np.zeros(0, np.uint64)
    published = [d for x in info for d in x[1]]
    ids = [i for x in info for i in x[2]]
    cl = nd.assign_clusters(edges, nodes, exact, published)
    id_of = dict(zip(nodes.tolist(), ids))
    original_ids = {int(o): id_of[int(o)] for o in np.unique(cl.original)}

    if output is not None:
        Path(output).mkdir(parents=True, exist_ok=True)
    cl, original_ids = client.scatter([cl, original_ids], broadcast=True)
    written = [
        client.submit(
            _write_part,
            p,
            int(o),
            cl,
            original_ids,
            None if output is None else str(Path(output) / f"part-{i:05d}.parquet"),
        )
        for i, (p, o) in enumerate(zip(parts, bounds))
    ]
    results = client.gather(written)
    rows: list[nd.DedupRow] = []
    if output is None:
        for cols in results:
            rows.extend(nd.rows_from_columns(cols))
    return nd.DedupResult(tuple(rows), tuple(errors), int(edges.shape[0]))

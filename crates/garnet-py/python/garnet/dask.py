"""Run a design sweep on a Dask cluster: one task per shard, each writing a Parquet part.

```python
from dask.distributed import Client, LocalCluster
import garnet, garnet.dask

client = Client(LocalCluster(n_workers=2, threads_per_worker=1))
parts = garnet.dask.run_sweep(client, "examples/table2-lco-li3bo3-composite.toml",
                              {"separator.thickness": "20um..200um:10",
                               "cathode.contact_fraction": "0.2..1:5"},
                              n_shards=8, out_dir="sweep-out")
df = pandas.concat(map(pandas.read_parquet, parts)).sort_values("index")
```

The same code runs on a Slurm cluster with ``dask_jobqueue.SLURMCluster`` (see
docs/python.md). Dask does the scheduling; garnet only splits the plan into shards.
Each worker needs the ``garnet`` package installed (the same version).
"""

import os

from . import _garnet, sweep


def _run_part(design_toml, label, vary, indices, out, rate, samples, seed, threads):
    # Runs on a worker: rebuild the design from its text (no shared files needed).
    design = _garnet.Design.from_text(design_toml, label)
    return sweep.run_shard(design, vary, indices, out, rate=rate, samples=samples, seed=seed, threads=threads)


def run_sweep(client, design, vary, n_shards, out_dir, *, rate="1C", samples=None, seed=0,
              threads_per_task=1, prefix="part"):
    """Run a sweep on the workers of ``client`` (a ``dask.distributed.Client``).

    The plan (factorial, or a Latin hypercube with ``samples`` and ``seed``) is made
    here, its indices split round-robin into ``n_shards`` shards, and each shard
    submitted as one task that simulates its points (on ``threads_per_task`` threads)
    and writes ``out_dir/{prefix}-{k:05d}.parquet``. ``out_dir`` must be reachable by
    every worker under the same path (a shared file system on a cluster). Waits for all
    tasks and returns the list of part paths in shard order; a failed task raises its
    error here (a failed *design* is a row with ``status == "failed"``).
    """
    d = design if isinstance(design, _garnet.Design) else _garnet.Design.from_toml(
        os.fspath(design) if isinstance(design, os.PathLike) else design
    )
    vary = dict(vary)
    points = sweep.plan(d, vary, samples=samples, seed=seed)
    shards = sweep.shards([p["index"] for p in points], n_shards)
    out_dir = os.path.abspath(os.fspath(out_dir))
    os.makedirs(out_dir, exist_ok=True)
    text = d.to_toml()
    futures = [
        client.submit(
            _run_part, text, d.label, vary, indices,
            os.path.join(out_dir, f"{prefix}-{k:05d}.parquet"),
            rate, samples, seed, threads_per_task,
            pure=False,
        )
        for k, indices in enumerate(shards)
    ]
    return client.gather(futures)


__all__ = ["run_sweep"]

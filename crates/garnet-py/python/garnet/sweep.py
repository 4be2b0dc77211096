"""Design sweeps: plans of design points, whole sweeps written resumably to Parquet, and
shards of a sweep written as Parquet parts.

The same library as ``garnet sweep`` (crate ``garnet-sweep``): each point is a copy of
the base design with the varied fields set, discharged at ``rate`` to its lower
cut-off, with the §5.1 resistance breakdown. ``vary`` maps dotted field paths
(docs/design.md) to values:

- text as on the command line: ``"20um..200um:10"`` (10 values, ends included),
  ``"20um,50um"``, or ``"20um..200um"`` (a range for Latin-hypercube sampling);
- a number or a list of numbers, in SI (``[20e-6, 50e-6]``) or plain.

The plan is a full factorial (the last path varies fastest) or, with ``samples``, a
Latin hypercube reproducible from ``seed``. Point ``index`` is the key of a row in
every output, so shards can be run anywhere and concatenated.
"""

import os

from . import _garnet


def _design(design):
    return design if isinstance(design, _garnet.Design) else _garnet.Design.from_toml(
        os.fspath(design) if isinstance(design, os.PathLike) else design
    )


def plan(design, vary, samples=None, seed=0):
    """The points of the sweep: a list of dicts with ``index`` and one value per
    varied field, named as its output column (``separator.thickness_m`` in SI,
    ``cathode.contact_fraction``)."""
    return _garnet.sweep_plan(_design(design), dict(vary), samples, seed)


def _indices(points):
    if points is None:
        return None
    out = []
    for p in points:
        out.append(int(p["index"]) if isinstance(p, dict) else int(p))
    return out


def run(design, vary, points=None, *, rate="1C", samples=None, seed=0, threads=None, materials=None,
        out=None, restart=False, _chunk=None, _stop_after=None):
    """Run the sweep's points (all, or those given as indices or as dicts from
    :func:`plan`) here and return the table as a dict of columns: ``index``, the
    varied fields, ``status`` (``ok``/``failed``), ``error``, then the figures
    (``capacity_mah``, ``energy_mwh``, ``r_separator_ohm_cm2``, ``r_total_ohm_cm2``,
    …; NaN for a failed design). ``pandas.DataFrame(result)`` is the table.

    With ``out`` (a path), the whole sweep is written to that Parquet file exactly as
    ``garnet sweep -o OUT`` does, and resumably: finished rows go in parts to
    ``OUT.parts/`` beside a manifest of the sweep's definition, so that after an
    interruption (Ctrl-C raises ``KeyboardInterrupt`` once the finished rows are
    saved; a crash or a kill loses at most one part) calling ``run`` again with the
    same arguments computes only the missing designs, merges every row in index order
    into ``out`` and removes the parts. Parts of a *different* sweep raise
    :class:`garnet.SweepError` naming what changed, unless ``restart=True`` (which
    also recomputes a finished ``out``). Returns ``out`` as a str."""
    if out is None:
        return _garnet.sweep_run(
            _design(design), dict(vary), _indices(points), rate, samples, seed, None, threads,
            None if materials is None else str(materials),
        )
    if points is not None:
        raise _garnet.SweepError("out= runs the whole sweep; for some points use run_shard")
    return _garnet.sweep_run_resumable(
        _design(design), dict(vary), os.fspath(out), rate, samples, seed, threads,
        None if materials is None else str(materials), restart, _chunk, _stop_after,
    )


def run_shard(design, vary, points, out, *, rate="1C", samples=None, seed=0, threads=None, materials=None):
    """Run some points of the sweep and write their rows as one Parquet file ``out``
    (zstd; written to a temporary file and renamed, so a reader never sees half a
    part; the sweep's definition is in the footer metadata under ``garnet.sweep``).
    ``points``: plan indices or dicts from :func:`plan`. Returns ``out`` as a str."""
    return _garnet.sweep_run(
        _design(design), dict(vary), _indices(points), rate, samples, seed, os.fspath(out),
        threads, None if materials is None else str(materials),
    )


def shards(indices, n_shards):
    """Split plan indices into ``n_shards`` lists round-robin (index ``i`` goes to shard
    ``i % n_shards`` for a full plan, as ``garnet sweep --shard K/N``); empty shards are
    dropped."""
    if n_shards < 1:
        raise _garnet.SweepError("n_shards must be at least 1")
    indices = list(indices)
    parts = [indices[k::n_shards] for k in range(n_shards)]
    return [p for p in parts if p]


__all__ = ["plan", "run", "run_shard", "shards"]

"""garnet.sweep and garnet.dask: plans, Parquet shards, and a sweep on a local Dask
cluster of two worker processes."""

import glob
import json

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

import garnet
import garnet.dask  # noqa: F401  (also reachable as garnet.dask after import garnet)

VARY = {"separator.thickness": "0.5mm..1.5mm:3", "cathode.contact_fraction": [0.3, 0.6]}


def test_plan_factorial_and_latin_hypercube(example):
    pts = garnet.sweep.plan(example, VARY)
    assert [p["index"] for p in pts] == list(range(6))
    # Factorial, the last path fastest; quantities in SI under their column names.
    assert [(round(p["separator.thickness_m"] * 1e3, 9), p["cathode.contact_fraction"]) for p in pts] == [
        (0.5, 0.3), (0.5, 0.6), (1.0, 0.3), (1.0, 0.6), (1.5, 0.3), (1.5, 0.6)]
    lhs = garnet.sweep.plan(example, {"separator.thickness": "0.5mm..1.5mm"}, samples=5, seed=3)
    x = sorted(p["separator.thickness_m"] for p in lhs)
    # one sample in each of the 5 strata of [0.5, 1.5] mm
    assert [int((v - 0.5e-3) / 0.2e-3) for v in x] == [0, 1, 2, 3, 4]
    assert lhs == garnet.sweep.plan(example, {"separator.thickness": "0.5mm..1.5mm"}, samples=5, seed=3)
    with pytest.raises(garnet.SweepError, match="did you mean 'separator.thickness'"):
        garnet.sweep.plan(example, {"separator.thicknes": "1mm"})
    with pytest.raises(garnet.SweepError, match="separator.thickness"):
        garnet.sweep.plan(example, {"separator.thickness": "1V..2V:3"})


def test_run_matches_simulate(example):
    rows = garnet.sweep.run(example, VARY, points=[3])
    assert list(rows["index"]) == [3] and rows["status"] == ["ok"]
    d = garnet.Design.from_toml(example)
    d["separator.thickness"] = "1 mm"
    d["cathode.contact_fraction"] = 0.6
    s = garnet.simulate(d).summary
    for key in ("capacity_mah", "energy_mwh", "r_separator_ohm_cm2", "r_total_ohm_cm2"):
        assert rows[key][0] == pytest.approx(s[key], rel=1e-12), key


def test_run_shard_writes_parquet(example, tmp_path):
    out = garnet.sweep.run_shard(example, VARY, [0, 2, 4], tmp_path / "part-00000.parquet")
    t = pq.read_table(out)
    df = t.to_pandas()
    assert list(df["index"]) == [0, 2, 4]
    assert (df["status"] == "ok").all()
    # r_separator ∝ thickness at fixed contact
    r = df["r_separator_ohm_cm2"].to_numpy()
    np.testing.assert_allclose(r / r[0], [1.0, 2.0, 3.0], rtol=1e-9)
    meta = json.loads(pq.read_metadata(out).metadata[b"garnet.sweep"])
    assert [v["path"] for v in meta["variations"]] == list(VARY)
    assert not glob.glob(str(tmp_path / ".*tmp"))  # no temporary file left


def test_dask_sweep_on_two_worker_processes(example, tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    vary = {"separator.thickness": "0.5mm..1.5mm:4", "cathode.contact_fraction": "0.3,0.6"}
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        parts = garnet.dask.run_sweep(client, example, vary, n_shards=3, out_dir=tmp_path / "out")
    assert len(parts) == 3 and all(p.endswith(".parquet") for p in parts)
    frames = [pd.read_parquet(p) for p in parts]
    df = pd.concat(frames, ignore_index=True)
    # every design index exactly once across the parts
    assert sorted(df["index"]) == list(range(8))
    assert df["index"].is_unique
    assert [sorted(f["index"]) for f in frames] == [[0, 3, 6], [1, 4, 7], [2, 5]]
    # the same values as a serial run here
    local = pd.DataFrame(garnet.sweep.run(example, vary, threads=1))
    df = df.sort_values("index").reset_index(drop=True)
    assert df["error"].isna().all() and local["error"].isna().all()
    cols = [c for c in local.columns if c != "error"]
    pd.testing.assert_frame_equal(df[cols], local[cols], check_dtype=False)


def test_interrupted_sweep_resumes_to_the_uninterrupted_result(example, tmp_path):
    vary = {"separator.thickness": "0.5mm..1.5mm:3", "cathode.contact_fraction": [0.3, 0.6]}
    whole = garnet.sweep.run(example, vary, out=tmp_path / "whole.parquet", threads=2)
    assert whole == str(tmp_path / "whole.parquet")
    out = tmp_path / "resumed.parquet"
    parts = tmp_path / "resumed.parquet.parts"
    # Interrupted after the first part of two designs (the hidden stop-after of the CLI).
    with pytest.raises(garnet.SweepError, match="stopped after 1 part"):
        garnet.sweep.run(example, vary, out=out, threads=2, _chunk=2, _stop_after=1)
    assert (parts / "manifest.json").is_file() and not out.exists()
    assert len(pq.read_table(parts / "part-00000.parquet")) == 2
    # A different sweep against the parts is refused unless restart=True.
    with pytest.raises(garnet.SweepError, match=r"rate changed.*restart=True"):
        garnet.sweep.run(example, vary, out=out, rate="0.5C")
    # A second interruption, then a deleted part: its designs are recomputed too.
    with pytest.raises(garnet.SweepError, match="stopped after 1 part"):
        garnet.sweep.run(example, vary, out=out, threads=2, _chunk=2, _stop_after=1)
    assert len(list(parts.glob("part-*.parquet"))) == 2
    (parts / "part-00000.parquet").unlink()
    garnet.sweep.run(example, vary, out=out, threads=2, _chunk=2)
    assert not parts.exists()
    a, b = pq.read_table(whole), pq.read_table(out)
    assert a.equals(b)
    assert list(b.column("index").to_pylist()) == list(range(6))
    assert pq.read_metadata(out).metadata[b"garnet.sweep"] == pq.read_metadata(whole).metadata[b"garnet.sweep"]
    # The same values as the in-memory run.
    local = pd.DataFrame(garnet.sweep.run(example, vary, threads=1))
    cols = [c for c in local.columns if c != "error"]
    pd.testing.assert_frame_equal(b.to_pandas()[cols], local[cols], check_dtype=False)
    # A finished sweep is not recomputed; restart=True recomputes it.
    mtime = out.stat().st_mtime_ns
    garnet.sweep.run(example, vary, out=out)
    assert out.stat().st_mtime_ns == mtime
    garnet.sweep.run(example, vary, out=out, restart=True)
    assert pq.read_table(out).equals(a)


def test_sweep_errors_use_the_python_argument_names(example):
    with pytest.raises(garnet.SweepError, match=r"^vary separator.thicknes: no such design field"):
        garnet.sweep.plan(example, {"separator.thicknes": "1mm"})
    with pytest.raises(garnet.SweepError, match=r"^samples must be at least 1$"):
        garnet.sweep.plan(example, {"separator.thickness": "1mm..2mm"}, samples=0)
    with pytest.raises(garnet.SweepError, match=r"samples= needs a range"):
        garnet.sweep.plan(example, {"separator.thickness": "1mm,2mm"}, samples=3)
    with pytest.raises(garnet.SweepError) as e:
        garnet.sweep.plan(example, {"separator.thickness": "1mm..2mm"})
    assert "--" not in str(e.value)


def test_a_signal_during_a_sweep_keeps_the_finished_rows(example, tmp_path):
    """Ctrl-C (here a timer whose handler raises) stops a sweep with the rows finished so
    far saved as a part; the next call resumes from them."""
    import signal

    vary = {"separator.thickness": "0.5mm..1.5mm:8", "cathode.contact_fraction": "0.3..0.9:5"}
    out = tmp_path / "s.parquet"

    class Stop(Exception):
        pass

    def handler(signum, frame):
        raise Stop()

    old = signal.signal(signal.SIGALRM, handler)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.02)
        with pytest.raises(Stop):
            garnet.sweep.run(example, vary, out=out, threads=1)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    parts = sorted((tmp_path / "s.parquet.parts").glob("part-*.parquet"))
    assert parts and not out.exists()
    saved = sum(len(pq.read_table(p)) for p in parts)
    assert 1 <= saved < 40
    garnet.sweep.run(example, vary, out=out, threads=1)
    local = pd.DataFrame(garnet.sweep.run(example, vary, threads=1))
    df = pd.read_parquet(out)
    assert list(df["index"]) == list(range(40))
    cols = [c for c in local.columns if c != "error"]
    pd.testing.assert_frame_equal(df[cols], local[cols], check_dtype=False)

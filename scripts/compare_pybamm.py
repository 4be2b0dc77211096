#!/usr/bin/env python3
"""Reference discharges of PyBaMM's half-cell DFN (Xu2019, NMC532 vs Li metal).

Runs ``pybamm.lithium_ion.DFN(options={"working electrode": "positive"})`` with
``pybamm.ParameterValues("Xu2019")`` and the overrides in ``OVERRIDES`` at C/10, C/2,
1C and 2C from the initial state down to the 3.5 V cut-off, with
``pybamm.IDAKLUSolver(rtol=1e-6, atol=1e-6)`` and 20 finite volumes in the
separator, in the positive electrode and in the particle. It writes

    tests/fixtures/pybamm_xu2019_<rate>.csv   (time_s,voltage_v; 200 equal steps
                                               from 0 to the cut-off, the exact
                                               cut-off point last; 10 significant
                                               digits)
    tests/fixtures/pybamm_xu2019_summary.json (cut-off time, capacity, version,
                                               solver settings, overrides)

and prints PyBaMM's timings: ``import pybamm``, the cold 1C solve (first
``Simulation.solve`` in a fresh process, which includes parameter processing,
discretisation and solver set-up) and the median of N warm 1C solves of the same
built simulation, each from t = 0.

With ``--garnet PATH`` it also runs

    garnet simulate DESIGN --rate 0.1C,0.5C,1C,2C -o DIR --json
    garnet bench DESIGN --rate 1C --repeat N --json

on ``examples/pybamm-xu2019-halfcell.toml``, compares the voltage curves on a
common time grid up to 99 % of the shorter discharge (RMS and max difference in
mV, relative difference in time to cut-off) and prints the speed ratio
(PyBaMM warm median / garnet median).

PyBaMM is run from a virtual environment: ``.venv-pybamm`` in the repository root
unless ``--venv DIR`` is given. It is created with ``python3 -m venv`` and
``pip install pybamm`` when PyBaMM does not already import there; the script then
re-runs itself with that interpreter. ``--no-venv`` uses the current interpreter.

Usage (from anywhere):

    python3 scripts/compare_pybamm.py [--garnet PATH_TO_GARNET] [--venv DIR]

Only the standard library is needed to start; PyBaMM (and its numpy) run inside
the virtual environment. See docs/pybamm-xu2019.md for what PyBaMM solves.
"""

import argparse
import csv
import json
import math
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import peer_venv

REPO = Path(__file__).resolve().parent.parent
DEFAULT_VENV = REPO / ".venv-pybamm"
DEFAULT_DESIGN = REPO / "examples" / "pybamm-xu2019-halfcell.toml"
DEFAULT_FIXTURES = REPO / "tests" / "fixtures"

# (label used in file names and on garnet's command line, C-rate)
RATES = [("0.1C", 0.1), ("0.5C", 0.5), ("1C", 1.0), ("2C", 2.0)]
TIMED_RATE = "1C"

MODEL_OPTIONS = {"working electrode": "positive"}
PARAMETER_SET = "Xu2019"
NOMINAL_CAPACITY_AH = 0.0024
ELECTRODE_AREA_M2 = 1.54e-4
# Overrides of the Xu2019 set. Width x height = 0.0154 m x 0.01 m = 1.54e-4 m^2 and
# the nominal capacity 0.0024 A.h are already the set's values; they are restated so
# that the problem stays the same if the set ever changes.
OVERRIDES = {
    "Cation transference number": 1.0,
    "Electrolyte conductivity [S.m-1]": 0.03,
    "Separator porosity": 1.0,
    "Nominal cell capacity [A.h]": NOMINAL_CAPACITY_AH,
    "Electrode width [m]": 0.0154,
    "Electrode height [m]": 0.01,
    "Lower voltage cut-off [V]": 3.5,
}
VAR_PTS = {"x_s": 20, "x_p": 20, "r_p": 20}
RTOL = 1e-6
ATOL = 1e-6
# Integrate to this multiple of the nominal discharge time; the 3.5 V event ends
# every discharge well before (the electrode holds about 1.6x nominal capacity).
T_END_FACTOR = 2.5
N_INTERVALS = 200  # fixture rows: N_INTERVALS + 1, the last one at the cut-off
COMPARE_POINTS = 2000
COMPARE_FRACTION = 0.99


# --------------------------------------------------------------------------------------
# Virtual environment handling (standard library only)
# --------------------------------------------------------------------------------------


# --------------------------------------------------------------------------------------
# PyBaMM runs (inside the virtual environment)
# --------------------------------------------------------------------------------------


class PybammRunner:
    def __init__(self, pybamm_module):
        self.pybamm = pybamm_module
        self.model = None

    def build_model(self):
        self.model = self.pybamm.lithium_ion.DFN(options=dict(MODEL_OPTIONS))
        return self.model

    def parameter_values(self, c_rate):
        pv = self.pybamm.ParameterValues(PARAMETER_SET)
        pv.update(OVERRIDES)
        pv.update({"Current function [A]": c_rate * NOMINAL_CAPACITY_AH})
        return pv

    def simulation(self, c_rate):
        pybamm = self.pybamm
        var_pts = dict(self.model.default_var_pts)
        var_pts.update(VAR_PTS)
        return pybamm.Simulation(
            self.model,
            parameter_values=self.parameter_values(c_rate),
            var_pts=var_pts,
            solver=pybamm.IDAKLUSolver(rtol=RTOL, atol=ATOL),
        )

    @staticmethod
    def t_end(c_rate):
        return T_END_FACTOR * 3600.0 / c_rate

    def solve(self, sim, c_rate):
        return sim.solve([0.0, self.t_end(c_rate)])


def check_cutoff(label, sol):
    termination = str(sol.termination)
    if "Minimum voltage" not in termination:
        raise SystemExit(
            f"error: the {label} discharge ended with '{termination}', "
            "not at the 3.5 V cut-off"
        )


def fmt(value):
    return f"{value:.10g}"


def write_curve(path, times, volts):
    with open(path, "w", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["time_s", "voltage_v"])
        for t, v in zip(times, volts):
            writer.writerow([fmt(t), fmt(v)])


def time_pybamm(runner, repeat):
    """Cold and warm timings of the 1C solve, in a process that has run nothing yet."""
    c_rate = dict(RATES)[TIMED_RATE]
    t0 = time.perf_counter()
    runner.build_model()
    t1 = time.perf_counter()
    sim = runner.simulation(c_rate)
    t2 = time.perf_counter()
    runner.solve(sim, c_rate)  # cold: parameters, mesh, discretisation, set-up, solve
    t3 = time.perf_counter()
    warm = []
    integration = []
    for _ in range(repeat):
        s = time.perf_counter()
        sol = runner.solve(sim, c_rate)
        warm.append((time.perf_counter() - s) * 1e3)
        integration.append(integration_ms(sol))
    check_cutoff(TIMED_RATE, sol)
    integration = [x for x in integration if x is not None]
    return {
        "model_construct_ms": (t1 - t0) * 1e3,
        "simulation_construct_ms": (t2 - t1) * 1e3,
        "cold_solve_ms": (t3 - t2) * 1e3,
        "cold_total_ms": (t3 - t0) * 1e3,
        "warm_repeat": repeat,
        "warm_median_ms": statistics.median(warm),
        "warm_min_ms": min(warm),
        "warm_max_ms": max(warm),
        # time inside the IDAKLU integrator only (no Python set-up / post-processing)
        "warm_integration_median_ms": (
            statistics.median(integration) if integration else None
        ),
    }


def integration_ms(sol):
    """The solver's own integration time of a solution, in ms, if it reports one."""
    value = getattr(sol, "integration_time", None)
    value = getattr(value, "value", value)
    try:
        return float(value) * 1e3
    except (TypeError, ValueError):
        return None


def run_discharges(runner, np):
    if runner.model is None:
        runner.build_model()
    results = {}
    for label, c_rate in RATES:
        sim = runner.simulation(c_rate)
        sol = runner.solve(sim, c_rate)
        check_cutoff(label, sol)
        voltage = sol["Voltage [V]"]
        t_cut = float(sol.t[-1])
        v_cut = float(voltage.entries[-1])
        grid = np.linspace(0.0, t_cut, N_INTERVALS + 1)
        volts = np.asarray(voltage(t=grid), dtype=float).reshape(-1)
        grid[-1] = t_cut
        volts[-1] = v_cut  # the exact event point, not an interpolated one
        capacity_mah = float(sol["Discharge capacity [A.h]"].entries[-1]) * 1e3
        results[label] = {
            "c_rate": c_rate,
            "current_a": c_rate * NOMINAL_CAPACITY_AH,
            "solution": sol,
            "grid": grid,
            "volts": volts,
            "cutoff_time_s": t_cut,
            "cutoff_voltage_v": v_cut,
            "initial_voltage_v": float(voltage.entries[0]),
            "discharge_capacity_mAh": capacity_mah,
            "solver_steps": int(len(sol.t)),
        }
    return results


def write_fixtures(out_dir, results, pybamm_version):
    out_dir.mkdir(parents=True, exist_ok=True)
    for label, res in results.items():
        write_curve(out_dir / f"pybamm_xu2019_{label}.csv", res["grid"], res["volts"])
    summary = {
        "description": (
            "PyBaMM half-cell DFN, Xu2019 NMC532 vs Li metal, constant-current "
            "discharges from the initial state to the lower cut-off; written by "
            "scripts/compare_pybamm.py, see docs/pybamm-xu2019.md"
        ),
        "pybamm_version": pybamm_version,
        "python_version": sys.version.split()[0],
        "model": "pybamm.lithium_ion.DFN",
        "model_options": MODEL_OPTIONS,
        "parameter_set": PARAMETER_SET,
        "parameter_overrides": OVERRIDES,
        "current_a": "C-rate x Nominal cell capacity [A.h] (1C = 0.0024 A)",
        "electrode_area_m2": ELECTRODE_AREA_M2,
        "var_pts": VAR_PTS,
        "solver": {
            "name": "IDAKLUSolver",
            "rtol": RTOL,
            "atol": ATOL,
            "t_eval": "[0, 2.5 * 3600 / C-rate] s, ended by the 'Minimum voltage' event",
        },
        "fixture_columns": ["time_s", "voltage_v"],
        "fixture_rows": (
            f"{N_INTERVALS + 1}: linspace(0, cutoff_time_s, {N_INTERVALS + 1}) "
            "(IDAKLU Hermite interpolation), last row is the exact cut-off point"
        ),
        "rates": {
            label: {
                "c_rate": res["c_rate"],
                "current_a": float(fmt(res["current_a"])),
                "cutoff_time_s": float(fmt(res["cutoff_time_s"])),
                "cutoff_voltage_v": float(fmt(res["cutoff_voltage_v"])),
                "initial_voltage_v": float(fmt(res["initial_voltage_v"])),
                "discharge_capacity_mAh": float(fmt(res["discharge_capacity_mAh"])),
            }
            for label, res in results.items()
        },
    }
    path = out_dir / "pybamm_xu2019_summary.json"
    with open(path, "w") as fh:
        json.dump(summary, fh, indent=2)
        fh.write("\n")
    return path


# --------------------------------------------------------------------------------------
# garnet comparison
# --------------------------------------------------------------------------------------


def read_timeseries(path):
    times, volts = [], []
    with open(path, newline="") as fh:
        reader = csv.DictReader(fh)
        if not reader.fieldnames or not {"time_s", "voltage_v"} <= set(
            reader.fieldnames
        ):
            raise SystemExit(f"error: {path} lacks the columns time_s,voltage_v")
        for row in reader:
            times.append(float(row["time_s"]))
            volts.append(float(row["voltage_v"]))
    if len(times) < 2:
        raise SystemExit(f"error: {path} has fewer than two rows")
    return times, volts


def find_key(obj, key):
    """First value stored under ``key`` anywhere in a JSON document."""
    if isinstance(obj, dict):
        if key in obj:
            return obj[key]
        children = obj.values()
    elif isinstance(obj, list):
        children = obj
    else:
        return None
    for child in children:
        found = find_key(child, key)
        if found is not None:
            return found
    return None


def run_garnet(cmd):
    print("$ " + " ".join(cmd), flush=True)
    proc = subprocess.run(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout + proc.stderr)
        raise SystemExit(f"error: garnet exited with status {proc.returncode}")
    return proc.stdout


def compare_with_garnet(args, results, pybamm_timings, np):
    garnet = str(Path(args.garnet).expanduser().resolve())
    design = str(Path(args.design).expanduser().resolve())
    rates = ",".join(label for label, _ in RATES)
    report = {"design": design, "rates": {}}
    with tempfile.TemporaryDirectory(prefix="garnet-vs-pybamm-") as tmp:
        run_garnet([garnet, "simulate", design, "--rate", rates, "-o", tmp, "--json"])
        print()
        print(
            f"{'rate':>5} {'rms mV':>9} {'max mV':>9} {'t_cut PyBaMM s':>15} "
            f"{'t_cut garnet s':>15} {'d t_cut %':>10}"
        )
        for label, res in results.items():
            tg, vg = read_timeseries(Path(tmp) / f"timeseries_{label}.csv")
            tg = np.asarray(tg)
            vg = np.asarray(vg)
            t_cut_p = res["cutoff_time_s"]
            t_cut_g = float(tg[-1])
            t_max = COMPARE_FRACTION * min(t_cut_p, t_cut_g)
            grid = np.linspace(0.0, t_max, COMPARE_POINTS)
            v_p = np.asarray(res["solution"]["Voltage [V]"](t=grid), dtype=float)
            v_p = v_p.reshape(-1)
            v_g = np.interp(grid, tg, vg)
            diff_mv = (v_g - v_p) * 1e3
            rms = float(np.sqrt(np.mean(diff_mv**2)))
            worst = float(np.max(np.abs(diff_mv)))
            rel_t = (t_cut_g - t_cut_p) / t_cut_p
            report["rates"][label] = {
                "rms_mV": rms,
                "max_abs_mV": worst,
                "cutoff_time_pybamm_s": t_cut_p,
                "cutoff_time_garnet_s": t_cut_g,
                "cutoff_time_rel_diff": rel_t,
            }
            print(
                f"{label:>5} {rms:9.4f} {worst:9.4f} {t_cut_p:15.3f} "
                f"{t_cut_g:15.3f} {100 * rel_t:10.4f}"
            )
    if pybamm_timings is not None:
        out = run_garnet(
            [
                garnet,
                "bench",
                design,
                "--rate",
                TIMED_RATE,
                "--repeat",
                str(args.repeat),
                "--json",
            ]
        )
        try:
            bench = json.loads(out)
        except ValueError:
            raise SystemExit("error: garnet bench --json did not print JSON")
        garnet_median = find_key(bench, "median_ms")
        if garnet_median is None:
            raise SystemExit("error: garnet bench --json has no median_ms")
        garnet_median = float(garnet_median)
        ratio = pybamm_timings["warm_median_ms"] / garnet_median
        report["bench"] = {
            "pybamm_warm_median_ms": pybamm_timings["warm_median_ms"],
            "garnet_median_ms": garnet_median,
            "speed_ratio_pybamm_over_garnet": ratio,
        }
        print()
        print(
            f"1C warm solve: PyBaMM median {pybamm_timings['warm_median_ms']:.2f} ms, "
            f"garnet median {garnet_median:.3f} ms, speed ratio {ratio:.1f}x"
        )
    return report


# --------------------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------------------


def inner(args):
    t0 = time.perf_counter()
    import pybamm  # noqa: E402  (timed on purpose)

    import_s = time.perf_counter() - t0
    import numpy as np

    runner = PybammRunner(pybamm)
    print(
        f"PyBaMM {pybamm.__version__} (import {import_s:.2f} s), Python "
        f"{sys.version.split()[0]}",
        flush=True,
    )

    timings = None
    if args.repeat > 0:
        timings = time_pybamm(runner, args.repeat)
        timings["import_s"] = import_s
    results = run_discharges(runner, np)

    out_dir = Path(args.fixtures).expanduser().resolve()
    summary_path = write_fixtures(out_dir, results, pybamm.__version__)
    print(f"wrote {len(results)} curves and {summary_path}")
    print()
    print(f"{'rate':>5} {'t_cut s':>13} {'Q mAh':>10} {'V(0) V':>10} {'steps':>6}")
    for label, res in results.items():
        print(
            f"{label:>5} {res['cutoff_time_s']:13.3f} "
            f"{res['discharge_capacity_mAh']:10.5f} {res['initial_voltage_v']:10.6f} "
            f"{res['solver_steps']:6d}"
        )
    if timings is not None:
        print()
        print(f"import pybamm            {timings['import_s'] * 1e3:10.1f} ms")
        print(f"DFN model construction   {timings['model_construct_ms']:10.1f} ms")
        print(
            f"cold 1C solve            {timings['cold_solve_ms']:10.1f} ms "
            "(first Simulation.solve: parameters, mesh, discretisation, set-up)"
        )
        print(
            f"warm 1C solve, median    {timings['warm_median_ms']:10.2f} ms "
            f"(of {timings['warm_repeat']}; min {timings['warm_min_ms']:.2f}, "
            f"max {timings['warm_max_ms']:.2f})"
        )
        if timings["warm_integration_median_ms"] is not None:
            print(
                f"  of which IDAKLU integration {timings['warm_integration_median_ms']:7.2f}"
                " ms (median)"
            )

    report = {"pybamm_version": pybamm.__version__, "timings": timings}
    if args.garnet:
        report["comparison"] = compare_with_garnet(args, results, timings, np)
    if args.report:
        with open(args.report, "w") as fh:
            json.dump(report, fh, indent=2)
            fh.write("\n")
        print(f"wrote {args.report}")
    if args.garnet and args.fail_above_mv is not None:
        worst = max(r["max_abs_mV"] for r in report["comparison"]["rates"].values())
        if worst > args.fail_above_mv:
            print(
                f"FAIL: max voltage difference {worst:.3f} mV > "
                f"{args.fail_above_mv} mV"
            )
            return 1
    return 0


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="PyBaMM reference discharges (Xu2019 half-cell DFN) and an "
        "optional comparison with garnet."
    )
    parser.add_argument(
        "--garnet", metavar="PATH", help="garnet binary to compare against (optional)"
    )
    parser.add_argument(
        "--venv",
        metavar="DIR",
        help=f"virtual environment with PyBaMM (default {DEFAULT_VENV})",
    )
    parser.add_argument(
        "--no-venv",
        action="store_true",
        help="use the current interpreter, which must import pybamm",
    )
    parser.add_argument(
        "--pip-spec",
        default="pybamm",
        help="what to pip-install when PyBaMM is missing " "(default: pybamm)",
    )
    parser.add_argument(
        "--design",
        default=str(DEFAULT_DESIGN),
        help="garnet design file (default examples/" "pybamm-xu2019-halfcell.toml)",
    )
    parser.add_argument(
        "--fixtures",
        default=str(DEFAULT_FIXTURES),
        help="where to write the fixtures (default tests/fixtures)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=20,
        help="warm 1C solves to time, PyBaMM and garnet "
        "(default 20; 0 skips all timing)",
    )
    parser.add_argument(
        "--report",
        metavar="PATH",
        help="also write timings and comparison numbers as JSON",
    )
    parser.add_argument(
        "--fail-above-mv",
        type=float,
        metavar="MV",
        help="with --garnet: exit 1 if the max voltage difference "
        "exceeds MV at any rate",
    )
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    if args.repeat < 0:
        raise SystemExit("error: --repeat must be >= 0")
    return peer_venv.main(args, argv, DEFAULT_VENV, "pybamm", __file__, inner)


if __name__ == "__main__":
    sys.exit(main())

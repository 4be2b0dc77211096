#!/usr/bin/env python3
"""garnet's DRT beside pyDRTtools', on the same spectra with the same discretisation.

pyDRTtools (github.com/ciuccislab/pyDRTtools; Wan et al., Electrochim. Acta 184 (2015)
483) is run with ``runs.simple_run`` on the same problem garnet solves: Gaussian RBFs
centred at tau_m = 1/(2 pi f_m) (garnet's centres; pyDRTtools' default is 1/f, so
``entry.tau`` is overridden), shape factor eps = (M - 1)/span of ln tau (``shape_control
= 'Shape Factor'``), first-derivative penalty, real and imaginary parts together, no
inductance (``induct_used = 0``), non-negative x (cvxopt QP; garnet: NNLS), and either
a given lambda (``cv_type = 'custom'``) or pyDRTtools' L-curve (``'LC'``, SLSQP over
[1e-7, 1]). With ``--garnet PATH`` it runs ``garnet eis drt FILE --lambda L --json``.

Peaks are taken from each tool's gamma on its own output grid by the same rule:
local maxima above 1 % of the largest, bounded by the minima between them, with
R = integral of gamma d ln tau and ln tau at the centroid; no merging, so the two
largest peaks can be compared directly. Printed: peaks (tau, R), R_inf, lambda, RMS
misfit |Z - Z_hat| and time (median of --repeat runs; pyDRTtools' simple_run after
import, garnet's whole process, file reading and JSON included; the ratio is printed
with and without garnet's process start-up, timed as ``garnet --version``).

Unless --no-write, pyDRTtools' results are stored in
crates/garnet-eis/tests/fixtures/pydrttools_drt.json (with the versions used), which
crates/garnet-eis/tests/pydrttools.rs reads. Run with a venv holding pyDRTtools 0.2,
numpy, scipy, cvxopt, scikit-learn, pandas and matplotlib.
"""

import argparse
import contextlib
import io
import json
import math
import pathlib
import statistics
import subprocess
import time

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIX = ROOT / "crates" / "garnet-eis" / "tests" / "fixtures"

# (file, lambda: a number or "LC")
CASES = [
    ("2XZARCequal.csv", 1e-3),
    ("2XZARCequal.csv", 1e-2),
    ("Example2c.txt", 1e-3),
    ("2XZARCequal.csv", "LC"),
    ("Example2c.txt", "LC"),
]


def load(name):
    path = FIX / name
    if name.endswith(".csv"):
        data = np.loadtxt(path, delimiter=",", skiprows=1)[:, 1:4]
    else:
        data = np.loadtxt(path, skiprows=3)
    return data[:, 0], data[:, 1], data[:, 2]


def peaks(ln_tau, gamma):
    """Maxima above 1 % of the largest; R and centroid between the minima."""
    g = np.asarray(gamma, dtype=float)
    y = np.asarray(ln_tau, dtype=float)
    order = np.argsort(y)
    y, g = y[order], g[order]
    top = g.max()
    idx = [i for i in range(1, len(g) - 1)
           if g[i] > 0.01 * top and g[i] >= g[i - 1] and g[i] > g[i + 1]]
    bounds = [0]
    for a, b in zip(idx, idx[1:]):
        bounds.append(a + int(np.argmin(g[a:b + 1])))
    bounds.append(len(g) - 1)
    out = []
    for k, _ in enumerate(idx):
        a, b = bounds[k], bounds[k + 1]
        area = np.trapezoid(g[a:b + 1], y[a:b + 1])
        moment = np.trapezoid(g[a:b + 1] * y[a:b + 1], y[a:b + 1])
        out.append({"tau_s": math.exp(moment / area), "resistance_ohm": float(area)})
    return out


def pydrttools_runs():
    """pyDRTtools.runs without the package's __init__, which imports its Qt GUI."""
    import importlib.util
    import sys
    import types
    if "pyDRTtools" not in sys.modules:
        spec = importlib.util.find_spec("pyDRTtools")
        pkg = types.ModuleType("pyDRTtools")
        pkg.__path__ = list(spec.submodule_search_locations)
        sys.modules["pyDRTtools"] = pkg
    with contextlib.redirect_stdout(io.StringIO()):
        from pyDRTtools import runs
    return runs


def run_pydrttools(f, zr, zi, lam):
    runs = pydrttools_runs()
    entry = runs.EIS_object(f, zr, zi)
    tau = 1.0 / (2 * math.pi * f)
    entry.tau = tau
    entry.tau_fine = np.logspace(math.log10(tau.min()) - 1, math.log10(tau.max()) + 1,
                                 10 * len(f))
    span = math.log(tau.max()) - math.log(tau.min())
    eps = (len(f) - 1) / span
    with contextlib.redirect_stdout(io.StringIO()):
        t0 = time.perf_counter()
        if lam == "LC":
            runs.simple_run(entry, rbf_type="Gaussian", data_used="Combined Re-Im Data",
                            induct_used=0, der_used="1st order", cv_type="LC",
                            reg_param=1e-3, shape_control="Shape Factor", coeff=eps)
        else:
            runs.simple_run(entry, rbf_type="Gaussian", data_used="Combined Re-Im Data",
                            induct_used=0, der_used="1st order", cv_type="custom",
                            reg_param=lam, shape_control="Shape Factor", coeff=eps)
        dt = time.perf_counter() - t0
    z_hat = entry.mu_Z_re + 1j * entry.mu_Z_im
    rms = float(np.sqrt(np.mean(np.abs(z_hat - (zr + 1j * zi)) ** 2)))
    return {
        "lambda": float(np.ravel(entry.lambda_value)[0]),
        "r_inf_ohm": float((entry.mu_Z_re - entry.A_re[:, 1:] @ entry.x)[0]),
        "peaks": peaks(np.log(entry.out_tau_vec), entry.gamma),
        "rms_residual_ohm": rms,
        "time_s": dt,
    }


def run_garnet(binary, name, lam):
    arg = "l-curve" if lam == "LC" else repr(lam)
    t0 = time.perf_counter()
    out = subprocess.run([binary, "eis", "drt", str(FIX / name), "--lambda", arg, "--json"],
                         check=True, capture_output=True, text=True).stdout
    dt = time.perf_counter() - t0
    v = json.loads(out)
    r = v.get("result", v)
    return {
        "lambda": r["lambda"],
        "r_inf_ohm": r["r_inf_ohm"],
        "peaks": peaks(np.log(r["tau_s"]), r["gamma_ohm"]),
        "rms_residual_ohm": r["rms_residual_ohm"],
        "time_s": dt,
    }


def median_run(fn, repeat):
    runs_ = [fn() for _ in range(repeat)]
    best = runs_[0]
    best["time_s"] = statistics.median(r["time_s"] for r in runs_)
    return best


def show(label, r):
    two = sorted(r["peaks"], key=lambda p: -p["resistance_ohm"])[:2]
    two = sorted(two, key=lambda p: p["tau_s"])
    pk = "  ".join(f"({p['tau_s']:.4g} s, {p['resistance_ohm']:.5g} Ω)" for p in two)
    print(f"  {label:10s} λ={r['lambda']:.3g} R∞={r['r_inf_ohm']:.5g} Ω "
          f"rms={r['rms_residual_ohm']:.4g} Ω  t={1e3 * r['time_s']:.2f} ms  "
          f"{len(r['peaks'])} peaks, largest two: {pk}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--garnet", help="path of the garnet binary (release build)")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--no-write", action="store_true")
    a = ap.parse_args()
    import cvxopt
    import scipy
    from importlib.metadata import version
    stored = {
        "tool": "pyDRTtools " + version("pyDRTtools"),
        "numpy": np.__version__, "scipy": scipy.__version__, "cvxopt": cvxopt.__version__,
        "cases": [],
    }
    startup = None
    if a.garnet:
        def version():
            t0 = time.perf_counter()
            subprocess.run([a.garnet, "--version"], check=True, capture_output=True)
            return {"time_s": time.perf_counter() - t0}
        startup = median_run(version, a.repeat)["time_s"]
        print(f"garnet process start-up (garnet --version): {1e3 * startup:.2f} ms")
    for name, lam in CASES:
        f, zr, zi = load(name)
        print(f"{name}, λ = {lam}:")
        p = median_run(lambda: run_pydrttools(f, zr, zi, lam), a.repeat)
        show("pyDRTtools", p)
        stored["cases"].append({"file": name, "lambda_input": lam, **p})
        if a.garnet:
            g = median_run(lambda: run_garnet(a.garnet, name, lam), a.repeat)
            show("garnet", g)
            net = max(g["time_s"] - startup, 1e-6)
            print(f"  speed ratio (pyDRTtools / garnet): {p['time_s'] / g['time_s']:.1f}x "
                  f"with garnet's start-up, {p['time_s'] / net:.1f}x without")
    if not a.no_write:
        out = FIX / "pydrttools_drt.json"
        out.write_text(json.dumps(stored, indent=1) + "\n")
        print(f"wrote {out}")


if __name__ == "__main__":
    main()

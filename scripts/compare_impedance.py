#!/usr/bin/env python3
"""garnet's circuit fits beside impedance.py's, on the fixtures of crates/garnet-eis.

For each case below it fits the same points with the same circuit and the same
initial guess in impedance.py (``CustomCircuit.fit``: scipy ``curve_fit``, unit
weights) and, with ``--garnet PATH``, in ``garnet eis fit FILE --circuit C --initial
P --starts 1 --json``; it prints the parameters side by side with their relative
difference (agreement means within 1 % where both converge, or within garnet's
standard error for a loosely determined parameter), the time per fit of each (median
of ``--repeat`` fits; garnet's from ``garnet eis bench --json``, the fit alone) and
the speed ratio.

Cases:

    exampleData.csv       R0-p(R1,C1)-p(R2-Wo1,C2), impedance.py's documented guess
                          [.01, .01, 100, .01, .05, 100, 1]
    Circuit{1,2,3}_EIS_{1,2}.z
                          R0-p(R1,C1), guess from the spectrum (R0 = Re Z at the
                          highest frequency, R1 = span of Re Z, C1 = 1/(R1 ω_apex))
    2XZARCequal.csv       R0-p(R1,CPE1)-p(R2,CPE2), guess [10, 50, 1e-5, 0.8, 50, 3e-3, 0.8]

Points with Im Z > 0 are dropped for both (impedance.py's ``ignoreBelowX``, garnet's
``--capacitive-only``). Files are read with impedance.py's own readers; where one
fails (the script tries every example file and lists the failures) the points are
loaded with numpy instead so the fit can still be compared.

Issue 15: on Example2c.txt (EISFitpython, a ceramic at 120 degC), modulus weighting,
R0-p(R1,CPE1)-p(R2,CPE2)-CPE3: from 50 random initial values (seeds 1-3, as
crates/garnet-eis/tests/starts.rs), the fraction of garnet's default fits and of
impedance.py's fits that reach the best chi2, and the time per fit of each. The speed
ratios compare impedance.py's single-start fit with garnet's defaults (up to 12
starts, early stop) and print garnet's single start beside them.

Robustness (issue 7): 50 random starts on 2XZARCequal.csv, resistances and CPE
coefficients log-uniform in 0.1x-10x of the guess, CPE exponents uniform in [0.5, 1]
(SplitMix64, seed 20240607, the same generator as crates/garnet-eis/tests/
robustness.rs), on all 81 points; the fraction of fits that reach the best chi2 (within 1e-6 relative)
for impedance.py and, with --garnet, for garnet (one start per fit).

It writes crates/garnet-eis/tests/fixtures/impedance_py_fits.json (impedance.py's
results: file, circuit, initial guess, parameters, chi2, standard errors, versions,
reader failures, the robustness starts and chi2) unless --no-write; a default test
(crates/garnet-eis/tests/impedance_py.rs) compares garnet's fits against it.

impedance.py runs from a virtual environment: ``.venv-impedance`` in the repository
root unless ``--venv DIR``; it is created with ``python3 -m venv`` and ``pip install
impedance`` when impedance.py does not already import there, and the script re-runs
itself with that interpreter. ``--no-venv`` uses the current interpreter.

Usage:

    cargo build --release
    python3 scripts/compare_impedance.py --garnet target/release/garnet [--venv DIR]
"""

import argparse
import json
import math
import statistics
import subprocess
import sys
import time
from pathlib import Path

import peer_venv

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "crates" / "garnet-eis" / "tests" / "fixtures"
OUT_JSON = FIXTURES / "impedance_py_fits.json"
DEFAULT_VENV = REPO / ".venv-impedance"

EXAMPLE_GUESS = [0.01, 0.01, 100.0, 0.01, 0.05, 100.0, 1.0]
TWO_ARC = "R0-p(R1,CPE1)-p(R2,CPE2)"
TWO_ARC_GUESS = [10.0, 50.0, 1e-5, 0.8, 50.0, 3e-3, 0.8]
EXPONENTS = (3, 6)  # indices of the CPE exponents in TWO_ARC
SEED = 20240607
N_STARTS = 50

# Reader of impedance.py for each example file (preprocessing.readFile instrument).
READERS = {
    "exampleData.csv": None,
    "2XZARCequal.csv": None,
    "exampleDataGamry.DTA": "gamry",
    "exampleDataGamryABORT.DTA": "gamry",
    "exampleDataBioLogic.mpt": "biologic",
    "exampleDataBioLogic_MissingFreq.mpt": "biologic",
    "exampleDataZPlot.z": "zplot",
    "exampleDataZPlot_noComments.z": "zplot",
    "exampleDataAutolab.txt": "autolab",
    "exampleDataCHInstruments.txt": "chinstruments",
    "exampleDataParstat.txt": "parstat",
    "exampleDataPowersuite.txt": "powersuite",
    "exampleDataVersaStudio.par": "versastudio",
}
for _c in (1, 2, 3):
    for _k in (1, 2):
        READERS[f"Circuit{_c}_EIS_{_k}.z"] = "zplot"


def ensure_venv(args):
    """Re-run this script inside a venv where impedance.py imports."""
    if args.no_venv:
        return
    venv = Path(args.venv).resolve()
    # impedance.py's circuits module imports pandas (through its plotting helpers), which
    # newer releases of its dependencies no longer pull in.
    code = peer_venv.run_inside(
        venv, "impedance pandas", "impedance.models.circuits", __file__, sys.argv[1:]
    )
    if code is not None:
        sys.exit(code)


class SplitMix:
    """SplitMix64 with uniforms from the top 53 bits (as in the Rust test)."""

    MASK = (1 << 64) - 1

    def __init__(self, seed):
        self.state = seed & self.MASK

    def next_f64(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & self.MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & self.MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & self.MASK
        z ^= z >> 31
        return (z >> 11) / float(1 << 53)


def robustness_starts():
    rng = SplitMix(SEED)
    out = []
    for _ in range(N_STARTS):
        p = []
        for i, g in enumerate(TWO_ARC_GUESS):
            r = rng.next_f64()
            p.append(0.5 + 0.5 * r if i in EXPONENTS else g * 10 ** (2 * r - 1))
        out.append(p)
    return out


def read_points(name):
    """(f, Z, how) with impedance.py's reader, else numpy; and the reader's error."""
    import numpy as np
    from impedance import preprocessing

    path = FIXTURES / name
    error = None
    try:
        instrument = READERS.get(name)
        if instrument is None:
            f, z = preprocessing.readCSV(str(path))
        else:
            f, z = preprocessing.readFile(str(path), instrument=instrument)
        f, z = np.asarray(f, float), np.asarray(z, complex)
        if len(f) == 0 or not np.all(np.isfinite(f)) or not np.all(np.isfinite(z)):
            raise ValueError("no finite points")
        how = "impedance.py"
    except Exception as e:  # noqa: BLE001 - any reader failure is reported
        error = f"{type(e).__name__}: {e}".strip()[:200]
        f, z, how = None, None, None
    if f is None and name == "2XZARCequal.csv":
        d = np.loadtxt(path, delimiter=",", skiprows=1)
        f, z, how = d[:, 1], d[:, 2] + 1j * d[:, 3], "numpy"
    return f, z, how, error


def simple_guess(f, z):
    import numpy as np

    i_hi, i_lo = int(np.argmax(f)), int(np.argmin(f))
    r0 = max(z[i_hi].real, 1e-3)
    r1 = max(z[i_lo].real - r0, 1e-3)
    k = int(np.argmax(-z.imag))
    c1 = 1.0 / (r1 * 2 * math.pi * f[k])
    return [float(r0), float(r1), float(c1)]


def chi2_of(circuit, f, z):
    import numpy as np

    zh = circuit.predict(f)
    return float(np.sum(np.abs(z - zh) ** 2))


def impedance_fit(circ, guess, f, z):
    from impedance.models.circuits import CustomCircuit

    c = CustomCircuit(circ, initial_guess=list(guess))
    c.fit(f, z)
    return c


def time_impedance(circ, guess, f, z, repeat):
    ts = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        impedance_fit(circ, guess, f, z)
        ts.append(time.perf_counter() - t0)
    return statistics.median(ts) * 1e3


def garnet_json(garnet, args):
    out = subprocess.run([garnet, *args, "--json"], capture_output=True, text=True)
    if out.returncode != 0:
        return None, out.stderr.strip().splitlines()[-1] if out.stderr.strip() else "failed"
    return json.loads(out.stdout), None


THREE_ARC = "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3"
THREE_ARC_EXPONENTS = (3, 6, 8)


def read_table(path):
    """Whitespace-separated f, Z', Z'' rows (EISFitpython's Example2c.txt)."""
    import numpy as np

    rows = []
    for line in path.read_text(encoding="latin-1").splitlines():
        try:
            vals = [float(x) for x in line.split()[:3]]
        except ValueError:
            continue
        if len(vals) == 3:
            rows.append(vals)
    a = np.array(rows)
    return a[:, 0], a[:, 1] + 1j * a[:, 2]


def random_initials(reference, seed, n=50):
    """The 50 random initial values of crates/garnet-eis/tests/starts.rs."""
    rng = SplitMix(seed)
    out = []
    for _ in range(n):
        p = []
        for i, g in enumerate(reference):
            r = rng.next_f64()
            p.append(0.5 + 0.5 * r if i in THREE_ARC_EXPONENTS else g * 10 ** (2 * r - 1))
        out.append(p)
    return out


def issue_15(args):
    """Issue 15: on Example2c.txt (modulus weighting, as impedance.py's
    weight_by_modulus=True), the fraction of fits from 50 random initial values that
    reach the best chi2 -- garnet with its defaults, impedance.py (one start, as it
    has no other) -- and the time per fit side by side."""
    import numpy as np
    from impedance.models.circuits import CustomCircuit

    name = "Example2c.txt"
    path = FIXTURES / name
    f, z = read_table(path)
    base = [str(path), "--circuit", THREE_ARC, "--weighting", "modulus"]
    ref, err = garnet_json(args.garnet, ["eis", "fit", *base])
    if ref is None:
        print(f"\n{name}: garnet failed: {err}")
        return
    reference = [p["value"] for p in ref["parameters"]]
    reference[0] = max(reference[0], 1.0)  # R0 runs to ~0 beside megaohm arcs

    def py_chi2(p0):
        try:
            c = CustomCircuit(THREE_ARC, initial_guess=list(p0))
            c.fit(f, z, weight_by_modulus=True)
            return float(np.sum(np.abs((c.predict(f) - z) / np.abs(z)) ** 2))
        except Exception:  # noqa: BLE001 - a failed fit does not reach the best
            return None

    print(f"\nIssue 15: {name} ({len(f)} points), {THREE_ARC}, modulus weighting")
    for seed in (1, 2, 3):
        starts = random_initials(reference, seed)
        chi_py = [py_chi2(p0) for p0 in starts]
        chi_g = []
        for p0 in starts:
            g, _ = garnet_json(args.garnet, ["eis", "fit", *base,
                                             "--initial", ",".join(repr(x) for x in p0)])
            chi_g.append(g["chi2"] if g else None)
        best = min(x for x in chi_py + chi_g + [ref["chi2"]] if x is not None)

        def frac(xs):
            return sum(1 for x in xs if x is not None and x <= best * (1 + 1e-6))

        print(f"  seed {seed}: best chi2 {fmt(best)}; garnet defaults {frac(chi_g)}/50, "
              f"impedance.py {frac(chi_py)}/50 reach it")
    guess = reference
    ms_py = time_impedance_w(THREE_ARC, guess, f, z, args.repeat)
    common = [*base, "--initial", ",".join(repr(g) for g in guess)]
    b, _ = garnet_json(args.garnet, ["eis", "bench", *common, "--repeat", "20"])
    b1, _ = garnet_json(args.garnet, ["eis", "bench", *common, "--starts", "1", "--repeat", "20"])
    if b and b1:
        print(f"  time per fit: impedance.py (one start) {ms_py:.3g} ms, garnet defaults "
              f"{b['median_ms']:.3g} ms -> {ms_py / b['median_ms']:.0f}x "
              f"(garnet one start {b1['median_ms']:.3g} ms)")


def time_impedance_w(circ, guess, f, z, repeat):
    from impedance.models.circuits import CustomCircuit

    ts = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        c = CustomCircuit(circ, initial_guess=list(guess))
        c.fit(f, z, weight_by_modulus=True)
        ts.append(time.perf_counter() - t0)
    return statistics.median(ts) * 1e3


def fmt(x):
    return f"{x:.6g}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--garnet", help="path to the garnet binary (target/release/garnet)")
    ap.add_argument("--venv", default=str(DEFAULT_VENV))
    ap.add_argument("--no-venv", action="store_true")
    ap.add_argument("--repeat", type=int, default=10, help="timed fits per case")
    ap.add_argument("--no-write", action="store_true", help="do not write the fixture JSON")
    args = ap.parse_args()
    ensure_venv(args)

    import impedance
    import numpy
    import scipy
    from impedance import preprocessing

    version = getattr(impedance, "__version__", None)
    if version is None:
        from importlib.metadata import version as _v

        version = _v("impedance")
    print(f"impedance.py {version} (scipy {scipy.__version__}, numpy {numpy.__version__})")

    # Which example files impedance.py's readers fail on.
    failures = {}
    for name in sorted(READERS):
        _, _, _, err = read_points(name)
        if err:
            failures[name] = err
    print("\nimpedance.py reader failures:")
    for name, err in failures.items():
        print(f"  {name}: {err}")
    if not failures:
        print("  none")

    cases = [("exampleData.csv", "R0-p(R1,C1)-p(R2-Wo1,C2)", EXAMPLE_GUESS)]
    for c in (1, 2, 3):
        for k in (1, 2):
            cases.append((f"Circuit{c}_EIS_{k}.z", "R0-p(R1,C1)", None))
    cases.append(("2XZARCequal.csv", TWO_ARC, TWO_ARC_GUESS))

    fits, ratios = [], []
    for name, circ, guess in cases:
        f, z, how, err = read_points(name)
        if f is None:
            print(f"\n{name}: impedance.py cannot read it ({err}); skipped")
            continue
        f, z = preprocessing.ignoreBelowX(f, z)
        guess = guess or simple_guess(f, z)
        print(f"\n{name} ({len(f)} points, read by {how}), {circ}")
        try:
            c = impedance_fit(circ, guess, f, z)
            params = [float(x) for x in c.parameters_]
            conf = [float(x) for x in c.conf_] if c.conf_ is not None else None
            chi2 = chi2_of(c, f, z)
            ms_py = time_impedance(circ, guess, f, z, args.repeat)
            fit_err = None
        except Exception as e:  # noqa: BLE001
            params, conf, chi2, ms_py = None, None, None, None
            fit_err = f"{type(e).__name__}: {e}"[:200]
            print(f"  impedance.py fit failed: {fit_err}")
        names = c.get_param_names()[0] if params else None
        fits.append({
            "file": name,
            "circuit": circ,
            "capacitive_only": True,
            "read_by": how,
            "n_points": int(len(f)),
            "initial_guess": [float(g) for g in guess],
            "parameter_names": names,
            "parameters": params,
            "stderr": conf,
            "chi2": chi2,
            "fit_time_ms": ms_py,
            "error": fit_err,
        })
        if not args.garnet or params is None:
            continue
        common = [str(FIXTURES / name), "--circuit", circ, "--capacitive-only",
                  "--initial", ",".join(repr(g) for g in guess)]
        g, gerr = garnet_json(args.garnet, ["eis", "fit", *common, "--starts", "1"])
        # The fit with garnet's defaults (issue 15: up to 12 starts, early stop), the
        # figure the speed goal is about, and a single start beside it.
        b, _ = garnet_json(args.garnet, ["eis", "bench", *common, "--repeat", str(max(args.repeat, 20))])
        b1, _ = garnet_json(args.garnet, ["eis", "bench", *common, "--starts", "1",
                                          "--repeat", str(max(args.repeat, 20))])
        if g is None:
            print(f"  garnet failed: {gerr}")
            continue
        print(f"  {'parameter':<8} {'impedance.py':>13} {'garnet':>13} {'rel. diff':>10} {'garnet s.e.':>12}  agrees")
        for i, p in enumerate(g["parameters"]):
            a, v, se = params[i], p["value"], p["stderr"] or 0.0
            rel = abs(v - a) / abs(a)
            ok = "yes" if rel <= 0.01 else ("within s.e." if abs(v - a) <= se else "NO")
            print(f"  {p['name']:<8} {fmt(a):>13} {fmt(v):>13} {100 * rel:>9.3g}% {fmt(se):>12}  {ok}")
        print(f"  chi2: impedance.py {fmt(chi2)}, garnet {fmt(g['chi2'])}")
        ms_g = b["median_ms"] if b else g["fit_time_ms"]
        ratios.append(ms_py / ms_g)
        ms_1 = b1["median_ms"] if b1 else float("nan")
        print(f"  time per fit: impedance.py (one start) {ms_py:.3g} ms, garnet defaults "
              f"{ms_g:.3g} ms -> {ms_py / ms_g:.0f}x (garnet one start {ms_1:.3g} ms)")

    # Robustness.
    # All 81 points (no ignoreBelowX), as garnet and tests/robustness.rs fit them.
    f, z, _, _ = read_points("2XZARCequal.csv")
    starts = robustness_starts()
    chi_py = []
    for p0 in starts:
        try:
            chi_py.append(chi2_of(impedance_fit(TWO_ARC, p0, f, z), f, z))
        except Exception:  # noqa: BLE001 - a failed fit does not reach the best
            chi_py.append(None)
    chi_g = []
    if args.garnet:
        for p0 in starts:
            g, _ = garnet_json(args.garnet, ["eis", "fit", str(FIXTURES / "2XZARCequal.csv"),
                                             "--circuit", TWO_ARC, "--starts", "1",
                                             "--initial", ",".join(repr(x) for x in p0)])
            chi_g.append(g["chi2"] if g else None)
    finite = [x for x in chi_py + chi_g if x is not None and math.isfinite(x)]
    best = min(finite)

    def frac(xs):
        return sum(1 for x in xs if x is not None and x <= best * (1 + 1e-6))

    print(f"\nRobustness: {N_STARTS} random starts on 2XZARCequal.csv, {TWO_ARC}, best chi2 {fmt(best)}")
    print(f"  impedance.py  {frac(chi_py)}/{N_STARTS} reach the best chi2 "
          f"({sum(1 for x in chi_py if x is None)} fits raised an error)")
    if chi_g:
        print(f"  garnet        {frac(chi_g)}/{N_STARTS} (one start per fit)")
    if args.garnet:
        issue_15(args)
    if ratios:
        print(f"\nSpeed ratio (impedance.py one start / garnet defaults, per fit): "
              f"median {statistics.median(ratios):.0f}x, min {min(ratios):.0f}x, max {max(ratios):.0f}x")

    if not args.no_write:
        doc = {
            "generated_by": "scripts/compare_impedance.py",
            "impedance_py_version": version,
            "scipy_version": scipy.__version__,
            "numpy_version": numpy.__version__,
            "chi2_definition": "sum over points of |Z - Z_fit|^2 (unit weights)",
            "reader_failures": failures,
            "fits": fits,
            "robustness": {
                "file": "2XZARCequal.csv",
                "circuit": TWO_ARC,
                "good_guess": TWO_ARC_GUESS,
                "seed": SEED,
                "starts": starts,
                "impedance_py_chi2": chi_py,
                "impedance_py_reached": frac(chi_py),
                "best_chi2_impedance_py": min(x for x in chi_py if x is not None),
            },
        }
        OUT_JSON.write_text(json.dumps(doc, indent=1) + "\n")
        print(f"\nwrote {OUT_JSON.relative_to(REPO)}")


if __name__ == "__main__":
    main()

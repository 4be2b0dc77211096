#!/usr/bin/env python3
"""Validate BPX files that ``garnet bpx export`` wrote with the official ``bpx`` package.

Optional check (not part of the test suite: it needs PyPI). Set up once:

    python3 -m venv .venv-bpx && .venv-bpx/bin/pip install "bpx>=1.1"

then

    .venv-bpx/bin/python scripts/validate_bpx.py [--garnet PATH] [--pybamm] [FILE.json ...]

Each FILE is parsed with ``bpx.parse_bpx_file`` (pydantic validation against the BPX
schema; warnings such as the stoichiometry-limit check are printed). With
``--garnet PATH`` (the garnet binary) every design in ``examples/`` is first exported
to a temporary folder and validated too. With ``--pybamm`` (``pip install pybamm``)
each file is also loaded with ``pybamm.ParameterValues.create_from_bpx`` and PyBaMM's
DFN discharges it at 1C to the lower cut-off; for exported examples the capacity is
printed beside ``garnet simulate``'s. Exit status 1 if any file fails.
"""

import argparse
import pathlib
import subprocess
import sys
import tempfile
import warnings


def validate(path: pathlib.Path) -> bool:
    import bpx

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            obj = bpx.parse_bpx_file(str(path))
        except Exception as e:  # noqa: BLE001 - report any validation failure
            print(f"FAIL {path}: {e}")
            return False
    model = type(obj.parameterisation).__name__
    print(f"ok   {path} (bpx {bpx.__version__}, {model})")
    for w in caught:
        print(f"     warning: {w.message}")
    return True


def pybamm_1c(path: pathlib.Path) -> float:
    """1C discharge capacity (mAh) of PyBaMM's DFN with the BPX file's parameters."""
    import json

    import pybamm

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        values = pybamm.ParameterValues.create_from_bpx(str(path))
        v_min = json.loads(path.read_text())["Parameterisation"]["Cell"]["Lower voltage cut-off [V]"]
        experiment = pybamm.Experiment([f"Discharge at 1C until {v_min} V"])
        sim = pybamm.Simulation(pybamm.lithium_ion.DFN(), parameter_values=values, experiment=experiment)
        sol = sim.solve()
    return 1000.0 * float(sol["Discharge capacity [A.h]"].entries[-1])


def garnet_1c(garnet: pathlib.Path, design: pathlib.Path) -> float:
    import json

    out = subprocess.run(
        [str(garnet), "simulate", str(design), "--json"],
        check=True,
        capture_output=True,
        text=True,
    )
    return float(json.loads(out.stdout)["capacity_mah"])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=pathlib.Path)
    ap.add_argument("--garnet", type=pathlib.Path, help="garnet binary: also export examples/*.toml")
    ap.add_argument("--pybamm", action="store_true", help="also run PyBaMM's DFN on each file at 1C")
    args = ap.parse_args()
    files = list(args.files)
    designs = {}
    tmp = tempfile.TemporaryDirectory()
    if args.garnet:
        root = pathlib.Path(__file__).resolve().parent.parent
        for design in sorted((root / "examples").glob("*.toml")):
            out = pathlib.Path(tmp.name) / (design.stem + ".bpx.json")
            subprocess.run(
                [str(args.garnet), "bpx", "export", str(design), "-o", str(out)],
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            files.append(out)
            designs[out] = design
    if not files:
        ap.error("give BPX files or --garnet")
    results = [validate(f) for f in files]
    if args.pybamm:
        for f in files:
            try:
                line = f"pybamm {f.name}: 1C {pybamm_1c(f):.6g} mAh"
            except Exception as e:  # noqa: BLE001 - report and go on
                print(f"pybamm {f.name}: failed: {type(e).__name__}: {e}")
                continue
            if f in designs:
                line += f"; garnet simulate {designs[f].name}: {garnet_1c(args.garnet, designs[f]):.6g} mAh"
            print(line)
    print(f"{sum(results)}/{len(results)} valid")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())

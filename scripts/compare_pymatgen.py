#!/usr/bin/env python3
"""Reference hulls, interface reactions and stability windows from pymatgen.

Builds one ``PDEntry`` per row of ``data/thermo/mp_formation_energies.csv`` (total
energy = e_form_ev_per_atom x number of atoms of the reduced formula, so every
energy is a formation energy and the elemental references sit at 0 eV/atom; an
element without a row gets a reference at 0, as garnet does) and, for the chemical
system of each pair in ``PAIRS``, computes with pymatgen

* ``PhaseDiagram``: hull energy, energy above hull and decomposition of each
  reactant (``get_hull_energy_per_atom``, ``get_e_above_hull``,
  ``get_decomposition``);
* ``InterfacialReactivity(c1, c2, pd, norm=True, use_hull_energy=False)`` and
  ``use_hull_energy=True``: the minimum reaction energy (eV/atom), its mixing ratio
  (per-atom fraction of c1) and the decomposition at that ratio;
* open to Li at ``LI_VOLTAGE_V`` vs Li/Li+ (mu_Li = -e V relative to Li metal, which
  is 0 on this scale): ``GrandPotentialPhaseDiagram`` with
  ``GrandPotentialInterfacialReactivity(..., norm=True)``, once with the reactants at
  their grand-hull energies (``include_no_mixing_energy=False``, pymatgen's default)
  and once at their own entries (``include_no_mixing_energy=True,
  use_hull_energy=False``); energies are per non-Li atom, the ratio is pymatgen's
  (converted back to the per-atom fraction of c1 *with* its Li), products are the
  grand decomposition (fractions per non-Li atom);
* every kink of each case (ratio, energy, products), so that a flat minimum (no
  reaction, or a reaction energy constant over a range of ratios, where the ratio
  pymatgen reports is decided by round-off) can be compared as the whole range;
* the electrochemical stability window (V vs Li/Li+) of each phase in ``WINDOWS``
  from ``PhaseDiagram.get_element_profile(Li, comp)``: the critical composition with
  no Li evolution is the phase itself; its chemical potential is the reduction limit
  and the next (Li-poorer) critical composition's is the oxidation limit,
  V = -(mu_Li - mu_Li(metal)) / e.

It writes ``crates/garnet-interface/tests/fixtures/pymatgen_reactions.json`` (with the
pymatgen version), which ``crates/garnet-interface/tests/pymatgen.rs`` compares garnet
against on every ``cargo test``.

With ``--garnet PATH`` it also runs ``garnet interface react A B --json`` (and with
``--li-potential``) for every pair and prints garnet-vs-pymatgen differences.

pymatgen runs from a virtual environment: ``.venv-pymatgen`` in the repository root
unless ``--venv DIR`` is given. It is created with ``python3 -m venv`` and ``pip
install pymatgen`` when pymatgen does not already import there; the script then
re-runs itself with that interpreter. ``--no-venv`` uses the current interpreter.

Usage (from anywhere):

    python3 scripts/compare_pymatgen.py [--garnet PATH_TO_GARNET] [--venv DIR]
"""

import argparse
import csv
import json
import subprocess
import sys
import warnings
from pathlib import Path

import peer_venv

REPO = Path(__file__).resolve().parent.parent
DEFAULT_VENV = REPO / ".venv-pymatgen"
DATA = REPO / "data" / "thermo" / "mp_formation_energies.csv"
DEFAULT_OUT = (
    REPO / "crates" / "garnet-interface" / "tests" / "fixtures" / "pymatgen_reactions.json"
)

# (phase A, phase B): A is c1, the phase whose fraction the ratio is.
PAIRS = [
    ("Li7La3Zr2O12", "LiCoO2"),
    ("Li7La3Zr2O12", "LiFePO4"),
    ("Li7La3Zr2O12", "LiMn2O4"),
    ("Li7La3Zr2O12", "Li3BO3"),
    ("Li7La3Zr2O12", "LiNbO3"),
    ("Li7La3Zr2O12", "Li2CO3"),
    ("LiCoO2", "Li3BO3"),
]
LI_VOLTAGE_V = 3.0
WINDOWS = ["Li7La3Zr2O12", "Li3BO3", "LiNbO3", "Li2CO3", "LiCoO2"]
# pymatgen's decompositions drop amounts below its numerical tolerance; this drops
# dust below garnet's PRODUCT_TOL as well, so both sides list the same phases.
PRODUCT_TOL = 1e-7


# --------------------------------------------------------------------------------------
# Virtual environment handling (standard library only)
# --------------------------------------------------------------------------------------


# --------------------------------------------------------------------------------------
# pymatgen side (inside the virtual environment)
# --------------------------------------------------------------------------------------


def read_rows(path):
    rows = []
    with open(path, newline="") as fh:
        lines = [ln for ln in fh if not ln.startswith("#") and ln.strip()]
    for row in csv.DictReader(lines):
        rows.append((row["formula"].strip(), float(row["e_form_ev_per_atom"])))
    return rows


class Thermo:
    def __init__(self, rows):
        from pymatgen.analysis.phase_diagram import PDEntry
        from pymatgen.core import Composition

        self.entries = []
        for formula, e in rows:
            comp = Composition(formula).reduced_composition
            self.entries.append(PDEntry(comp, e * comp.num_atoms, name=formula))

    def system_entries(self, elements):
        from pymatgen.analysis.phase_diagram import PDEntry
        from pymatgen.core import Composition

        els = set(elements)
        chosen = [
            e for e in self.entries if {str(x) for x in e.composition.elements} <= els
        ]
        for el in els:
            has_ref = any(
                len(e.composition.elements) == 1
                and str(e.composition.elements[0]) == el
                and e.energy_per_atom <= 0
                for e in chosen
            )
            if not has_ref:
                chosen.append(PDEntry(Composition(el), 0.0, name=el))
        return chosen


def elements_of(*formulas):
    from pymatgen.core import Composition

    return sorted({str(el) for f in formulas for el in Composition(f).elements})


def decomposition(pd, comp):
    """{name: atom fraction} of the decomposition of comp, largest first."""
    d = pd.get_decomposition(comp)
    total = sum(d.values())
    out = [
        {"formula": e.name, "fraction": amt / total}
        for e, amt in d.items()
        if amt / total > PRODUCT_TOL
    ]
    out.sort(key=lambda p: -p["fraction"])
    return out


def reactant_record(pd, formula):
    from pymatgen.core import Composition

    comp = Composition(formula)
    frac = comp.fractional_composition
    own = [
        e.energy_per_atom
        for e in pd.all_entries
        if e.composition.fractional_composition.almost_equals(frac)
    ]
    hull = pd.get_hull_energy_per_atom(comp)
    rec = {
        "formula": formula,
        "hull_energy_ev_per_atom": hull,
        "entry_energy_ev_per_atom": min(own) if own else None,
        "e_above_hull_ev_per_atom": (min(own) - hull) if own else None,
        "decomposition": decomposition(pd, comp),
    }
    return rec


def closed_minimum(pd, a, b, use_hull_energy):
    from pymatgen.analysis.interface_reactions import InterfacialReactivity
    from pymatgen.core import Composition

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ir = InterfacialReactivity(
            Composition(a), Composition(b), pd, norm=True, use_hull_energy=use_hull_energy
        )
        kinks = ir.get_kinks()
    _, x, e, rxn, _ = min(kinks, key=lambda k: k[2])
    mix = ir.comp1 * x + ir.comp2 * (1 - x)
    return {
        "reaction_energy_ev_per_atom": float(e),
        "ratio": float(x),
        "products": decomposition(pd, mix),
        "reaction": str(rxn),
        "kinks": [
            {
                "ratio": float(k[1]),
                "energy": float(k[2]),
                "products": decomposition(pd, ir.comp1 * k[1] + ir.comp2 * (1 - k[1])),
            }
            for k in kinks
        ],
    }


def open_minimum(gpd, pd, a, b, own_entries):
    from pymatgen.analysis.interface_reactions import GrandPotentialInterfacialReactivity
    from pymatgen.core import Composition

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ir = GrandPotentialInterfacialReactivity(
            Composition(a),
            Composition(b),
            gpd,
            pd,
            include_no_mixing_energy=own_entries,
            norm=True,
            use_hull_energy=not own_entries,
        )
        kinks = ir.get_kinks()
    best = min(range(len(kinks)), key=lambda i: kinks[i][2])
    _, x, e, rxn, _ = kinks[best]
    # get_kinks reports x converted to the c1-c2 tie line (atoms with Li); the
    # decomposition is taken on the comp1-comp2 (Li-free) line.
    x_grand = ir._reverse_convert(x, ir.factor1, ir.factor2)
    mix = ir.comp1 * x_grand + ir.comp2 * (1 - x_grand)

    def at(xk):
        xg = ir._reverse_convert(xk, ir.factor1, ir.factor2)
        return decomposition(gpd, ir.comp1 * xg + ir.comp2 * (1 - xg))

    return {
        "reaction_energy_ev_per_non_li_atom": float(e),
        "ratio": float(x),
        "ratio_non_li": float(x_grand),
        "products": decomposition(gpd, mix),
        "reaction": str(rxn),
        "kinks": [
            {"ratio": float(k[1]), "energy": float(k[2]), "products": at(k[1])} for k in kinks
        ],
    }


def window(pd, formula):
    from pymatgen.core import Composition, Element

    li = Element("Li")
    comp = Composition(formula)
    mu_ref = pd.el_refs[li].energy_per_atom
    prof = pd.get_element_profile(li, comp)
    # Evolution (Li released per formula of comp) is 0 at the critical composition
    # equal to comp; its chemical potential (on the Li-rich side) is the reduction
    # limit, the next one's the oxidation limit.
    idx = [i for i, p in enumerate(prof) if abs(p["evolution"]) < 1e-6]
    if not idx:
        raise SystemExit(f"error: {formula} is not a critical composition of its Li profile")
    i = idx[0]
    red = -(prof[i]["chempot"] - mu_ref)
    ox = -(prof[i + 1]["chempot"] - mu_ref) if i + 1 < len(prof) else None
    return {
        "formula": formula,
        "elements": elements_of(formula),
        "reduction_v": float(red),
        "oxidation_v": None if ox is None else float(ox),
        "profile": [
            {
                "voltage_v": float(-(p["chempot"] - mu_ref)),
                "li_evolution_per_formula": float(p["evolution"]),
                "phases": sorted(e.name for e in p["entries"]),
            }
            for p in prof
        ],
    }


def build_fixtures():
    import importlib.metadata

    from pymatgen.analysis.phase_diagram import GrandPotentialPhaseDiagram, PhaseDiagram
    from pymatgen.core import Element

    thermo = Thermo(read_rows(DATA))
    mu_li = -LI_VOLTAGE_V
    pairs = []
    for a, b in PAIRS:
        els = elements_of(a, b)
        entries = thermo.system_entries(els)
        pd = PhaseDiagram(entries)
        gpd = GrandPotentialPhaseDiagram(entries, {Element("Li"): mu_li})
        pairs.append(
            {
                "a": a,
                "b": b,
                "elements": els,
                "n_entries": len(entries),
                "reactants": [reactant_record(pd, a), reactant_record(pd, b)],
                "closed": {
                    "entry": closed_minimum(pd, a, b, use_hull_energy=False),
                    "hull": closed_minimum(pd, a, b, use_hull_energy=True),
                },
                "open_li": {
                    "voltage_v": LI_VOLTAGE_V,
                    "mu_li_ev": mu_li,
                    "entry": open_minimum(gpd, pd, a, b, own_entries=True),
                    "hull": open_minimum(gpd, pd, a, b, own_entries=False),
                },
            }
        )
        print(f"{a} | {b}: done", flush=True)
    windows = []
    for f in WINDOWS:
        pd = PhaseDiagram(thermo.system_entries(elements_of(f)))
        windows.append(window(pd, f))
    return {
        "generated_by": "scripts/compare_pymatgen.py",
        "pymatgen_version": importlib.metadata.version("pymatgen"),
        "data": "data/thermo/mp_formation_energies.csv",
        "conventions": (
            "energies are formation energies (elements at 0 eV/atom); closed: "
            "InterfacialReactivity(norm=True), 'entry' = use_hull_energy=False, 'hull' = "
            "use_hull_energy=True, ratio = per-atom fraction of a; open_li: "
            "GrandPotentialInterfacialReactivity(norm=True) at mu_Li = -voltage, 'entry' = "
            "include_no_mixing_energy=True & use_hull_energy=False, 'hull' = "
            "include_no_mixing_energy=False, energies per non-Li atom, ratio = per-atom "
            "fraction of a including its Li (pymatgen's reported x), ratio_non_li = per "
            "non-Li atom; products = atom fractions of the decomposition at the minimum "
            "(per non-Li atom when open)"
        ),
        "pairs": pairs,
        "windows": windows,
    }


# --------------------------------------------------------------------------------------
# garnet comparison
# --------------------------------------------------------------------------------------


def garnet_react(garnet, a, b, voltage=None):
    cmd = [garnet, "interface", "react", a, b, "--json"]
    if voltage is not None:
        cmd += ["--li-potential", f"{voltage}V"]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def names(products):
    return sorted(p["formula"] for p in products)


def compare(garnet, fixtures):
    worst = {"energy": 0.0, "ratio": 0.0}
    print("\ngarnet vs pymatgen (ΔE in meV/atom; ratio as per-atom fraction of A)")
    print(f"{'pair':28} {'case':12} {'ΔE diff':>10} {'ratio diff':>11}  products")
    for p in fixtures["pairs"]:
        label = f"{p['a']}|{p['b']}"
        closed = garnet_react(garnet, p["a"], p["b"])
        opened = garnet_react(garnet, p["a"], p["b"], p["open_li"]["voltage_v"])
        cases = [
            ("closed/entry", closed, closed, p["closed"]["entry"], "reaction_energy_ev_per_atom"),
            ("closed/hull", closed, closed["vs_hull"], p["closed"]["hull"], "reaction_energy_ev_per_atom"),
            ("open/entry", opened, opened, p["open_li"]["entry"], "reaction_energy_ev_per_non_li_atom"),
            ("open/hull", opened, opened["vs_hull"], p["open_li"]["hull"], "reaction_energy_ev_per_non_li_atom"),
        ]
        for case, _, g, ref, key in cases:
            de = (g["reaction_energy_ev_per_atom"] - ref[key]) * 1e3
            # Where ΔE is flat at its minimum (no reaction) every kink within 1e-6 eV of
            # it is a minimiser and pymatgen's pick among them is round-off: compare
            # with the range of minimisers.
            tied = [k["ratio"] for k in ref["kinks"] if k["energy"] <= ref[key] + 1e-6]
            x = g["ratio"]
            dx = 0.0 if min(tied) <= x <= max(tied) else x - ref["ratio"]
            if len(tied) > 1:
                case += "*"
            same = names(g["products"]) == names(ref["products"])
            worst["energy"] = max(worst["energy"], abs(de))
            worst["ratio"] = max(worst["ratio"], abs(dx))
            if same:
                prod = "same"
            elif len(tied) > 1 and dx == 0.0:
                prod = f"garnet inside the flat minimum: {names(g['products'])}"
            else:
                prod = f"garnet {names(g['products'])} vs pymatgen {names(ref['products'])}"
            print(f"{label:28} {case:12} {de:10.4f} {dx:11.2e}  {prod}")
        for g, ref in zip(closed["reactants"], p["reactants"]):
            hull_g = g["energy_ev_per_atom"] - g["e_above_hull_ev_per_atom"]
            dh = (hull_g - ref["hull_energy_ev_per_atom"]) * 1e3
            same = names(g["decomposition"]) == names(ref["decomposition"])
            print(f"{'  ' + ref['formula']:28} {'hull':12} {dh:10.4f} {'':11}  {'same' if same else 'DIFFERENT'}")
    print("* flat minimum: ratio compared with the range of pymatgen's minimising kinks")
    print(
        f"\nlargest |ΔE| difference {worst['energy']:.4f} meV/atom, "
        f"largest |ratio| difference {worst['ratio']:.2e}"
    )


# --------------------------------------------------------------------------------------


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--garnet", help="path to the garnet binary to compare")
    ap.add_argument("--venv", help=f"virtual environment (default {DEFAULT_VENV})")
    ap.add_argument("--no-venv", action="store_true", help="use the current interpreter")
    ap.add_argument("--pip-spec", default="pymatgen", help="what pip installs")
    ap.add_argument("--out", default=str(DEFAULT_OUT), help="fixture file to write")
    ap.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    return ap.parse_args(argv)


def inner(args):
    fixtures = build_fixtures()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(fixtures, indent=1) + "\n")
    print(f"wrote {out} (pymatgen {fixtures['pymatgen_version']})")
    if args.garnet:
        compare(str(Path(args.garnet).expanduser().resolve()), fixtures)
    return 0


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    module = "pymatgen.analysis.interface_reactions"
    return peer_venv.main(args, argv, DEFAULT_VENV, module, __file__, inner)


if __name__ == "__main__":
    sys.exit(main())

"""Convert the experimental (pymatgen / MP2020) and CRC formation enthalpies of
../shared/data/thermo/ into data/thermo/*.csv over the elements of the Materials Project
table. CRC rows carry only CAS numbers and names: formulas come from the `chemicals`
package 1.5.2 (the same distribution the CRC table was taken from), `pip install
chemicals==1.5.2`. Run from the repository root: python3 data/thermo/convert_experimental_crc.py
"""
import csv, json, math, re, sys

SHARED = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/thermo"
MP_ELEMENTS = set("Li La Zr O Co Ni Mn Fe P B C Nb Ta Al Ga Si N V Ti".split())
FARADAY = 96485.33212  # J/mol per eV (C/mol)


def parse(formula):
    """Element -> amount, with parentheses; None when it does not parse."""
    tokens = re.findall(r"([A-Z][a-z]?|\(|\)|\d+(?:\.\d+)?)", formula)
    if "".join(tokens) != formula:
        return None
    stack = [{}]
    i = 0
    while i < len(tokens):
        t = tokens[i]
        n = 1.0
        if i + 1 < len(tokens) and re.fullmatch(r"\d+(?:\.\d+)?", tokens[i + 1]):
            n = float(tokens[i + 1])
        if t == "(":
            stack.append({})
            i += 1
            continue
        if t == ")":
            if len(stack) < 2:
                return None
            group = stack.pop()
            for e, a in group.items():
                stack[-1][e] = stack[-1].get(e, 0.0) + a * n
        elif re.fullmatch(r"[A-Z][a-z]?", t):
            stack[-1][t] = stack[-1].get(t, 0.0) + n
        else:
            return None
        i += 2 if n != 1.0 or (i + 1 < len(tokens) and tokens[i + 1] == "1") else 1
    return stack[0] if len(stack) == 1 and stack[0] else None


def fmt(x):
    return f"{x:.6f}"


exp = json.load(open(f"{SHARED}/pymatgen_exp_compounds.json"))
rows = []
for r in exp:
    amounts = parse(r["formula"])
    if amounts is None or not set(amounts) <= MP_ELEMENTS:
        continue
    n = sum(amounts.values())
    u = r["uncertainty"]
    u = "" if u is None or (isinstance(u, float) and math.isnan(u)) else fmt(u / n)
    rows.append((r["formula"], fmt(r["exp energy"] / n), u))
rows.sort()
with open("data/thermo/experimental_formation_enthalpies.csv", "w") as f:
    f.write(
        "# Experimental standard formation enthalpies (eV/atom, 298 K) with uncertainty (eV/atom; empty when\n"
        "# not given): the set used to fit the MP2020 energy corrections (Wang et al., Sci. Rep. 11, 15496 (2021),\n"
        "# key wang2021b), compiled there from Kubaschewski, NIST-JANAF and NBS tables; shipped in pymatgen (MIT).\n"
        f"# Converted from shared/data/thermo/pymatgen_exp_compounds.json ({len(exp)} entries, eV per formula unit)\n"
        "# by dividing by the atoms of the formula, keeping only compositions within the elements of\n"
        f"# mp_formation_energies.csv (Li La Zr O Co Ni Mn Fe P B C Nb Ta Al Ga Si N V Ti): {len(rows)} rows.\n"
        "# Script: data/thermo/convert_experimental_crc.py.\n"
    )
    f.write("formula,dh_form_ev_per_atom,uncertainty_ev_per_atom\n")
    for r in rows:
        f.write(",".join(r) + "\n")

from chemicals.identifiers import search_chemical  # noqa: E402

# chemicals' CAS -> formula is wrong or missing for these (checked against the name and
# the CRC value); None drops the row (AlH3 is listed there as "Al").
OVERRIDES = {
    "12057-24-8": "Li2O", "1312-81-8": "La2O3", "1317-35-7": "Mn3O4", "1317-61-9": "Fe3O4",
    "12065-65-5": "Ti3O5", "12036-83-8": "V3O5", "1314-06-3": "Ni2O3", "10179-73-4": "Fe2SiO4",
    "13568-32-6": "Mn2SiO4", "12011-67-5": "Fe3C", "10377-93-2": "Mn(NO3)2", "12024-20-3": "Ga2O",
    "12036-70-3": "ZrTiO4", "7782-42-5": "C", "7784-21-6": None,
}

crc = list(csv.DictReader(open(f"{SHARED}/crc_standard_thermo_properties.tsv"), delimiter="\t"))
rows = []
for r in crc:
    if not r["Hfs"].strip():
        continue
    if r["CAS"] in OVERRIDES:
        formula = OVERRIDES[r["CAS"]]
        if formula is None:
            continue
    else:
        try:
            formula = search_chemical(r["CAS"]).formula
        except Exception:
            continue
    amounts = parse(formula)
    if amounts is None or not set(amounts) <= MP_ELEMENTS:
        continue
    n = sum(amounts.values())
    rows.append((formula, fmt(float(r["Hfs"]) / FARADAY / n), r["Chemical"].replace(",", ";"), r["CAS"]))
rows.sort()
with open("data/thermo/crc_formation_enthalpies.csv", "w") as f:
    f.write(
        "# Standard formation enthalpies of solids (ΔHf°, crystalline, 298.15 K) from the CRC Handbook of\n"
        "# Chemistry and Physics (key crc_handbook), as shipped in the `chemicals` package 1.5.2 (MIT).\n"
        f"# Converted from shared/data/thermo/crc_standard_thermo_properties.tsv ({len(crc)} substances, J/mol):\n"
        "# rows with a solid-state ΔHf°, formula from the CAS number (chemicals 1.5.2; 15 corrected or dropped\n"
        "# by hand after checking name and value, see the script), kept when the formula\n"
        "# parses and all its elements are in mp_formation_energies.csv (Li La Zr O Co Ni Mn Fe P B C Nb Ta\n"
        f"# Al Ga Si N V Ti); eV/atom = J/mol / 96485.33212 / atoms in the formula: {len(rows)} rows.\n"
        "# Script: data/thermo/convert_experimental_crc.py.\n"
    )
    f.write("formula,dh_form_ev_per_atom,name,cas\n")
    for r in rows:
        f.write(",".join(r) + "\n")

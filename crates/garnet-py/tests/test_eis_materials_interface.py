"""garnet.eis, garnet.materials and garnet.interface."""


import numpy as np
import pytest

import garnet
from conftest import same_output


def test_fit_recovers_a_synthetic_r_rc_spectrum():
    f = np.logspace(-1, 6, 50)
    true = {"R0": 20.0, "R1": 150.0, "C1": 2e-6}
    # Z = R0 + R1 / (1 + jωR1C1), written out by hand.
    w = 2 * np.pi * f
    z = true["R0"] + true["R1"] / (1 + 1j * w * true["R1"] * true["C1"])
    np.testing.assert_allclose(garnet.eis.impedance("R0-p(R1,C1)", true, f), z, rtol=1e-12)
    rng = np.random.default_rng(1)
    noisy = z * (1 + 1e-3 * (rng.standard_normal(f.size) + 1j * rng.standard_normal(f.size)))
    r = garnet.eis.fit(f, noisy, "R0-p(R1,C1)", weighting="modulus")
    assert r["converged"]
    assert r["circuit"] == "R0-p(R1,C1)"
    # The stamp says what made the result: the function and the fit's options.
    options = r["generated_by"]["model_options"]
    assert r["generated_by"]["command"] == "garnet.eis.fit"
    assert options["circuit"] == "R0-p(R1,C1)" and options["weighting"] == "modulus"
    assert options["starts"] == 12 and options["fmin_hz"] is None
    # Issue 15: several starts by default, and the fit's quality.
    assert 1 <= r["starts_at_best"] <= r["starts_run"] <= 12
    assert r["quality"]["stderr_reliable"] and r["quality"]["undetermined"] == []
    assert [p["name"] for p in r["parameters"]] == ["R0", "R1", "C1"]
    for name, value in true.items():
        assert r["values"][name] == pytest.approx(value, rel=0.01), name
        # the standard error is small, and the truth lies within a few of them
        se = r["stderr"][name]
        assert 0 < se < 0.01 * value
        assert abs(r["values"][name] - value) < 5 * se
    assert r["n_points"] == 50 and r["chi2"] > 0
    assert r["reduced_chi2"] == pytest.approx(r["chi2"] / (50 * 2 - 3), rel=1e-9)
    exact = garnet.eis.fit(f, z, "R0-p(R1,C1)")
    assert exact["chi2"] < 1e-12 * r["chi2"] + 1e-12


def test_fit_fixed_and_errors():
    f = np.logspace(0, 5, 30)
    z = garnet.eis.impedance("R0-p(R1,C1)", [10.0, 100.0, 1e-6], f)
    r = garnet.eis.fit(f, z, "R0-p(R1,C1)", fixed={"R0": 10.0})
    assert r["parameters"][0]["fixed"] and r["values"]["R0"] == 10.0
    assert r["values"]["R1"] == pytest.approx(100.0, rel=1e-6)
    with pytest.raises(garnet.FitError, match="circuit"):
        garnet.eis.fit(f, z, "R0-p(R1,Q1")
    with pytest.raises(garnet.FitError, match="weighting.*did you mean 'modulus'"):
        garnet.eis.fit(f, z, "R0-p(R1,C1)", weighting="modulos")
    with pytest.raises(garnet.FitError, match="R9"):
        garnet.eis.fit(f, z, "R0-p(R1,C1)", fixed={"R9": 1.0})
    # Bounds are checked by garnet-eis, as for the CLI's --bounds.
    with pytest.raises(garnet.FitError, match=r"bounds: .*no parameter 'R3'.*did you mean"):
        garnet.eis.fit(f, z, "R0-p(R1,C1)", bounds={"R3": (1.0, 2.0)})
    with pytest.raises(garnet.FitError, match=r"bounds: the lower bound of R1 \(200\) is not below"):
        garnet.eis.fit(f, z, "R0-p(R1,C1)", bounds={"R1": (200.0, 50.0)})
    with pytest.raises(garnet.FitError, match="bounds: the bounds of R1 must be finite"):
        garnet.eis.fit(f, z, "R0-p(R1,C1)", bounds={"R1": (0.0, float("inf"))})
    with pytest.raises(garnet.FitError, match="starts: the number of starts must be at least 1"):
        garnet.eis.fit(f, z, "R0-p(R1,C1)", starts=0)
    bounded = garnet.eis.fit(f, z, "R0-p(R1,C1)", bounds={"R1": (50.0, 80.0)})
    assert 50.0 <= bounded["values"]["R1"] <= 80.0


def test_materials_llzo_has_cited_lattice_constant_and_conductivity():
    m = garnet.materials.get("LLZO")
    assert m["name"] == "LLZO" and m["formula"] == "Li7La3Zr2O12"
    a = m["properties"]["lattice_parameter_a"]
    assert a["unit"] == "angstrom"
    assert a["lattice_parameter_a_angstrom"] == pytest.approx(12.97, abs=0.01)
    assert a["provenance"]["kind"] == "cited" and a["provenance"]["key"]
    sigma = [k for k in m["properties"] if "conductivity" in k and "electronic" not in k]
    assert sigma, m["properties"].keys()
    s = m["properties"][sigma[0]]
    assert s["provenance"]["key"]
    assert s["unit"] in ("S/cm", "S/m")
    assert m["molar_mass_g_per_mol"] == pytest.approx(839.73, abs=0.05)
    assert "LLZO" in garnet.materials.names("electrolyte")


def test_materials_show_json_is_the_cli_json(garnet_bin):
    import json
    import subprocess

    cli = json.loads(subprocess.run([garnet_bin, "materials", "show", "LLZTO", "--json"], check=True, capture_output=True, text=True).stdout)
    assert same_output(garnet.materials.get("LLZTO"), cli, "garnet.materials.get")


def test_unknown_material_did_you_mean():
    with pytest.raises(garnet.MaterialError, match=r"unknown material 'LLZTOO' \(did you mean 'LLZTO'\?\)"):
        garnet.materials.get("LLZTOO")


def test_interface_check_matches_cli(garnet_bin):
    import json
    import subprocess

    args = ["--cathode", "LCO", "--electrolyte", "LLZTO", "--cosinter", "700degC"]
    cli = json.loads(subprocess.run([garnet_bin, "interface", "check", *args, "--json"], check=True, capture_output=True, text=True).stdout)
    r = garnet.interface.check("LCO", "LLZTO", cosinter="700 degC")
    assert same_output(r, cli, "garnet.interface.check")
    assert r["generated_by"]["model_options"] == {"energy_source": "mp"}
    assert r["verdict"] in ("compatible", "caution", "reactive")
    assert [(p["left"], p["right"]) for p in r["pairs"]]


def test_interface_errors():
    with pytest.raises(garnet.UnitError, match="cosinter"):
        garnet.interface.check("LCO", "LLZTO", cosinter="700 V")
    with pytest.raises(garnet.MaterialError, match="did you mean"):
        garnet.interface.check("LCOO", "LLZTO")


def test_interface_react_and_screen_match_cli(garnet_bin):
    import json
    import subprocess

    def cli(*args):
        out = subprocess.run([garnet_bin, *args, "--json"], check=True, capture_output=True, text=True)
        return json.loads(out.stdout)

    r = garnet.interface.react("Li7La3Zr2O12", "LiCoO2", li_potential="3.0V")
    assert same_output(
        r,
        cli("interface", "react", "Li7La3Zr2O12", "LiCoO2", "--li-potential", "3.0V"),
        "garnet.interface.react",
    )
    assert r["voltage_v"] == 3.0 and abs(r["reaction_energy_ev_per_atom"] + 0.0211719) < 1e-6
    closed = garnet.interface.react("Li2O", "SiO2", energy_source="experimental")
    assert same_output(
        closed,
        cli("interface", "react", "Li2O", "SiO2", "--energy-source", "experimental"),
        "garnet.interface.react",
    )
    assert "voltage_v" not in closed
    s = garnet.interface.screen("NMC811", "LLZTO", cosinter="750degC", top=5)
    cli_screen = cli("screen", "interlayers", "--cathode", "NMC811", "--electrolyte", "LLZTO",
                     "--cosinter", "750degC", "--top", "5")
    assert same_output(s, cli_screen, "garnet.interface.screen")
    assert s["generated_by"]["model_options"]["cosinter_c"] == pytest.approx(750.0)
    assert len(s["candidates"]) == 5 and s["candidates"][0]["name"] == "Li3BO3"
    with pytest.raises(garnet.UnitError, match="thickness"):
        garnet.interface.screen("LCO", "LLZO", thickness="10 degC")
    with pytest.raises(garnet.InterfaceError, match="energy_source: unknown energy source 'dft'"):
        garnet.interface.react("Li2O", "SiO2", energy_source="dft")

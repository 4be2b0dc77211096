"""garnet.simulate and garnet.Design against the CLI and hand calculations."""

import json
import subprocess

import numpy as np
import pandas as pd
import pytest

import garnet
from garnet._simulate import COLUMNS

ETA = [c for c in COLUMNS if c.startswith("eta_")]


def test_columns_are_the_cli_timeseries_and_sum_to_the_voltage(example):
    r = garnet.simulate(str(example))
    assert list(r) == list(COLUMNS)
    n = len(r["time_s"])
    assert n > 10
    for name in COLUMNS:
        assert isinstance(r[name], np.ndarray) and r[name].shape == (n,), name
    assert r["step"].dtype == np.int64
    # OCV plus the overpotential terms is the terminal voltage, sample by sample.
    total = r["ocv_v"] + sum(r[c] for c in ETA)
    np.testing.assert_allclose(total, r["voltage_v"], rtol=0, atol=1e-9)
    # A discharge: time and capacity increase, the voltage ends at the cut-off.
    assert np.all(np.diff(r["time_s"]) > 0)
    assert np.all(np.diff(r["capacity_mah"]) >= -1e-12)
    assert r["voltage_v"][-1] == pytest.approx(3.0, abs=1e-6)
    # Capacity = ∫ I dt (mAh), the summary's capacity the last sample's.
    i, t = np.abs(r["current_a"]), r["time_s"]
    charge_mah = float(np.sum(0.5 * (i[1:] + i[:-1]) * np.diff(t))) / 3.6
    assert charge_mah == pytest.approx(r.summary["capacity_mah"], rel=1e-3)
    df = pd.DataFrame(r)
    assert list(df.columns) == list(COLUMNS) and len(df) == n
    assert r.summary["run"] == "1C"
    # the design's resolution warnings, as the CLI prints them on stderr
    assert any("of the active material is connected" in w for w in r.warnings)


def test_summary_equals_the_cli_summary_json(example, garnet_bin, tmp_path):
    out = tmp_path / "run"
    subprocess.run([garnet_bin, "simulate", str(example), "-o", str(out)], check=True, capture_output=True)
    cli = json.loads((out / "summary.json").read_text())
    r = garnet.simulate(garnet.Design.from_toml(example))
    assert set(cli) == set(r.summary)
    assert r.summary["generated_by"]["command"] == "garnet.simulate"
    assert cli["generated_by"]["command"] == "simulate"
    assert r.summary["generated_by"]["model_options"] == cli["generated_by"]["model_options"]
    # The example's [mesh] is not given: garnet's default 20 cathode volumes and
    # particle shells (the separator is one series resistance, no volumes).
    assert r.summary["generated_by"]["model_options"]["mesh"] == {"cathode": 20, "particle": 20}
    for key in ("capacity_mah", "energy_mwh", "r_total_ohm_cm2", "r_separator_ohm_cm2", "n_steps"):
        assert r.summary[key] == pytest.approx(cli[key], rel=1e-12), key
    csv = pd.read_csv(out / "timeseries.csv")
    assert list(csv.columns) == list(COLUMNS)
    np.testing.assert_allclose(csv["voltage_v"], r["voltage_v"], rtol=1e-10)


def test_rate_and_protocol(example):
    slow = garnet.simulate(example, rate="0.1C")
    fast = garnet.simulate(example, rate=2)
    assert slow.summary["run"] == "0.1C" and fast.summary["run"] == "2C"
    # More polarisation at 2C: less capacity to the same cut-off.
    assert fast.summary["capacity_mah"] < slow.summary["capacity_mah"]
    p = garnet.simulate(example, protocol=["Discharge at 0.5C until 3.5 V", "Rest for 10 min"])
    assert p.summary["run"] == "protocol"
    assert set(np.unique(p["step"])) == {1, 2}
    rest = p["step"] == 2
    np.testing.assert_allclose(p["current_a"][rest], 0.0, atol=1e-15)
    assert p["time_s"][-1] - p["time_s"][rest][0] == pytest.approx(600.0, rel=1e-6)


def test_thicker_separator_scales_r_separator(example):
    d = garnet.Design.from_toml(example)
    assert d["separator.thickness"] == "1 mm"
    base = garnet.simulate(d).summary
    thick = d.copy()
    thick["separator.thickness"] = "2.5 mm"
    assert d["separator.thickness"] == "1 mm"  # the copy was edited, not the original
    r = garnet.simulate(thick).summary
    assert r["r_separator_ohm_cm2"] == pytest.approx(2.5 * base["r_separator_ohm_cm2"], rel=1e-9)
    assert r["r_total_ohm_cm2"] > base["r_total_ohm_cm2"]
    assert r["capacity_mah"] < base["capacity_mah"]


def test_design_edit_get_to_toml_and_fields(example):
    d = garnet.Design.from_toml(str(example))
    d["cathode.contact_fraction"] = 0.5
    assert d.get("cathode.contact_fraction") == 0.5
    d["separator.thickness"] = 30e-6  # SI → written in the field's unit
    value, unit = d["separator.thickness"].split()
    assert unit == "um" and float(value) == pytest.approx(30.0, rel=1e-12)
    d["separator.thickness"] = "30 um"
    assert d["separator.thickness"] == "30 um"
    assert d.get("separator.conductivity") is None
    assert d.get("separator.conductivity", "unset") == "unset"
    again = garnet.Design.from_toml(d.to_toml())
    assert again["cathode.contact_fraction"] == 0.5 and again["separator.thickness"] == "30 um"
    paths = {f["path"]: f for f in garnet.Design.fields()}
    assert paths["separator.thickness"]["kind"] == "quantity"
    assert paths["separator.thickness"]["unit"] == "um"
    assert paths["cathode.contact_fraction"]["kind"] == "number"
    # More contact than the example's 0.3: a smaller interfacial resistance; less: larger.
    base = garnet.simulate(example).summary
    assert garnet.simulate(d).summary["r_interface_ohm_cm2"] < base["r_interface_ohm_cm2"]
    d["cathode.contact_fraction"] = 0.15
    assert garnet.simulate(d).summary["r_interface_ohm_cm2"] > base["r_interface_ohm_cm2"]


def test_design_pickles(example):
    import pickle

    d = garnet.Design.from_toml(example)
    d["separator.thickness"] = "40 um"
    e = pickle.loads(pickle.dumps(d))
    assert e["separator.thickness"] == "40 um" and e.label == d.label


def test_wrong_dimension_names_the_field(example):
    d = garnet.Design.from_toml(example)
    with pytest.raises(garnet.DesignError, match=r"separator\.thickness") as e:
        d["separator.thickness"] = "30 V"
    assert "expected length (m)" in str(e.value)
    assert d["separator.thickness"] == "1 mm"  # unchanged after the error
    assert isinstance(e.value, garnet.GarnetError)


def test_unknown_field_and_unit_have_did_you_mean(example):
    d = garnet.Design.from_toml(example)
    with pytest.raises(garnet.DesignError, match=r"did you mean 'separator\.thickness'"):
        d["separator.thicknes"] = "30 um"
    with pytest.raises(garnet.DesignError, match=r"separator\.thickness.*unknown unit 'umm' \(did you mean 'mm'\?\)"):
        d["separator.thickness"] = "30 umm"


def test_unknown_material_in_design_has_did_you_mean(example):
    d = garnet.Design.from_toml(example)
    d["separator.material"] = "LLZTOO"
    with pytest.raises(garnet.GarnetError, match=r"LLZTOO.*did you mean 'LLZTO'"):
        garnet.simulate(d)


def test_bad_rate_and_protocol_raise(example):
    # the CLI's message, with the argument's name for the flag's
    with pytest.raises(garnet.UnitError, match=r"field 'rate': in \"1 V\".*expected a C-rate"):
        garnet.simulate(example, rate="1 V")
    with pytest.raises(garnet.ProtocolError, match=r'protocol step 1 "Dance at 1C"'):
        garnet.simulate(example, protocol=["Dance at 1C"])
    with pytest.raises(garnet.ProtocolError, match="not both"):
        garnet.simulate(example, protocol=["Rest for 1 min"], rate=1)


def test_missing_file_raises_design_error(tmp_path):
    with pytest.raises(garnet.DesignError, match="reading design"):
        garnet.Design.from_toml(str(tmp_path / "nope.toml"))

"""garnet.report against the CLI's `garnet report --json` and its HTML page."""

import json
import pathlib
import subprocess

import pytest

import garnet
ROOT = pathlib.Path(__file__).resolve().parents[3]
FLAGSHIP = ROOT / "examples" / "flagship.toml"

SECTIONS = [
    'id="summary"',
    'id="targets"',
    'id="fig-resistance"',
    'id="fig-curves"',
    'id="fig-ragone"',
    'id="budget"',
    'id="fig-impedance"',
    'id="interface"',
    'id="interlayers"',
    'id="fig-literature"',
    'id="not-modelled"',
    'id="references"',
]


def test_report_equals_the_cli_json_and_writes_the_page(garnet_bin, tmp_path):
    cli_json = tmp_path / "cli.json"
    subprocess.run(
        [garnet_bin, "report", str(FLAGSHIP), "-o", str(tmp_path / "cli.html"),
         "--json", str(cli_json), "--quiet"],
        check=True,
        capture_output=True,
    )
    cli = json.loads(cli_json.read_text())
    page = tmp_path / "py" / "report.html"
    r = garnet.report(str(FLAGSHIP), page)
    assert isinstance(r, dict)
    # Everything but the time it took is the same, number for number.
    assert r.pop("compute_s") >= 0 and cli.pop("compute_s") >= 0
    assert r == cli
    assert [t["id"] for t in r["targets"]][0] == "internal_resistance"
    html = page.read_text()
    assert html.startswith("<!DOCTYPE html>")
    for section in SECTIONS:
        assert section in html, section
    assert html.count("<svg") == 5
    # The page of the CLI and of Python differ only in the time it took.
    cli_html = (tmp_path / "cli.html").read_text()
    strip = lambda h: [l for l in h.splitlines() if "computed in" not in l]
    assert strip(html) == strip(cli_html)


def test_report_takes_a_design_object_and_writes_nothing_without_a_path(tmp_path):
    d = garnet.Design.from_toml(FLAGSHIP)
    d["separator.thickness"] = "40 um"
    r = garnet.report(d)
    assert r["design_file"] == str(FLAGSHIP)
    assert " 40 µm," in dict(r["parameters"])["separator"]
    assert list(tmp_path.iterdir()) == []


def test_report_errors_are_garnet_errors():
    text = FLAGSHIP.read_text().replace('thickness = "30 um"', 'thickness = "30 kg"', 1)
    with pytest.raises(garnet.DesignError, match="separator.thickness"):
        garnet.report(text)

#!/usr/bin/env bash
# Snapshot of what garnet prints, for refactors that must not change a number.
#
#   bash scripts/snapshot_outputs.sh DIR          # write the outputs of this checkout to DIR
#   diff -r BEFORE/normalised AFTER/normalised    # empty when nothing changed
#
# It runs every example through `report --json` (and its HTML), `simulate --json`
# (with the time series of C/10 and 1C), `resistance --json` and `eis simulate --json`;
# `eis fit --json` on the impedance fixtures with the circuits of
# crates/garnet-eis/tests/fixtures/impedance_py_fits.json (one file at a time, the
# parallel batch, and a --series); the data and analysis commands (chem, cite,
# materials, cells, interface, screen, eis kk/drt/conductivity/arrhenius/convert) as
# JSON and as text, a few plots, and bad input (the message and the exit code); and a
# seeded Latin-hypercube `sweep` (its Parquet dumped to JSON with pyarrow in a venv
# under target/).
#
# DIR/raw holds the outputs as written. DIR/normalised holds the same, fields in the
# order written, with what must differ between two runs or two releases removed: timing
# fields (keys ending in `_ms`, `compute_s`, `seconds`; the report's "computed in … s")
# and the provenance stamp `generated_by` (garnet's version and the model options, in
# every output since issue 13; in the HTML, the line with class="generated-by").
# Nothing else is touched.
#
# GARNET_BIN picks the binary (default: a release build of this checkout).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:?usage: scripts/snapshot_outputs.sh DIR}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
raw="$out/raw"
norm="$out/normalised"
rm -rf "$raw" "$norm"
mkdir -p "$raw" "$norm"

if [ -z "${GARNET_BIN:-}" ]; then
  cargo build --release --locked -q --bin garnet
  GARNET_BIN="${CARGO_TARGET_DIR:-$PWD/target}/release/garnet"
fi
g() { "$GARNET_BIN" "$@"; }

for design in examples/*.toml; do
  name="$(basename "$design" .toml)"
  d="$raw/$name"
  mkdir -p "$d"
  g report "$design" -o "$d/report.html" --json "$d/report.json" --quiet
  g simulate "$design" --json > "$d/simulate.json"
  g simulate "$design" --rate 0.1C,1C -o "$d/simulate" --json > "$d/simulate_rates.json"
  g resistance "$design" --json > "$d/resistance.json"
  g eis simulate "$design" --json > "$d/eis_simulate.json"
done

fixtures=crates/garnet-eis/tests/fixtures
mkdir -p "$raw/eis_fit"
jq -r '.fits[] | "\(.file)\t\(.circuit)\t\(.capacitive_only)"' "$fixtures/impedance_py_fits.json" |
  while IFS=$'\t' read -r file circuit capacitive; do
    flag=()
    [ "$capacitive" = true ] && flag=(--capacitive-only)
    g eis fit "$fixtures/$file" --circuit "$circuit" "${flag[@]}" --json > "$raw/eis_fit/$file.json"
    g eis fit "$fixtures/$file" --circuit "$circuit" "${flag[@]}" --starts 8 --json \
      > "$raw/eis_fit/$file.starts8.json"
  done
g eis fit "$fixtures"/Circuit*_EIS_*.z --circuit "R0-p(R1,C1)" --capacitive-only --json \
  > "$raw/eis_fit/batch.json"
g eis fit "$fixtures"/Circuit*_EIS_*.z --circuit "R0-p(R1,C1)" --capacitive-only --series \
  --json > "$raw/eis_fit/series.json"
g eis fit "$fixtures/exampleDataGamry.DTA" --circuit "R0-p(R1,CPE1)-p(R2,CPE2)" \
  --weighting modulus --json > "$raw/eis_fit/gamry_modulus.json"

# The data and analysis commands, as JSON and as the text people read; a few plots
# (SVG text); bad input (stderr and exit code).
d="$raw/commands"
mkdir -p "$d"
j() { local name="$1"; shift; g "$@" > "$d/$name.json"; }
t() { local name="$1"; shift; g "$@" > "$d/$name.txt"; }
e() { local name="$1"; shift; { g "$@" 2>&1; echo "exit $?"; } > "$d/$name.err.txt" || true; }
j chem chem Li6.4La3Zr1.4Ta0.6O12 --json
t chem chem Li6.4La3Zr1.4Ta0.6O12
j cite cite kurian2024 '#141' --json
j materials-list materials list --json
j materials-show materials show LLZTO --json
t materials-show materials show LLZTO
j materials-conductivity materials conductivity LLZTO --temperature 25degC..100degC:4 --json
j cells-list cells list --json
g cells list --csv > "$d/cells-list.csv"
t cells-list cells list --strategy artificial-cei --sort impedance_ohm_cm2
j cells-show cells show T2-37 --json
j cells-report-card cells report-card --json
t cells-report-card cells report-card
j interface-check interface check --cathode LCO --electrolyte LLZTO --interlayer LiNbO3 --cosinter 700degC --json
t interface-check interface check --cathode LCO --electrolyte LLZTO --interlayer LiNbO3 --cosinter 700degC
j interface-react interface react Li7La3Zr2O12 LiCoO2 --li-potential 3V --json
j screen screen interlayers --cathode NMC811 --electrolyte LLZTO --cosinter 750degC --top 8 --json
t screen screen interlayers --cathode NMC811 --electrolyte LLZTO --cosinter 750degC --top 8
j eis-kk eis kk "$fixtures/exampleData.csv" --json
j eis-drt eis drt "$fixtures/exampleData.csv" --json
j eis-conductivity eis conductivity "$fixtures/exampleData.csv" --thickness 1mm --diameter 10mm \
  --circuit "R0-p(R1,CPE1)-p(R2,CPE2)" --json
j eis-arrhenius eis arrhenius "$fixtures/exampleDataZPlot_temperature.z" \
  "$fixtures/exampleDataGamry_temperature.DTA" --thickness 1mm --diameter 10mm \
  --circuit "R0-p(R1,CPE1)" --json
j simulate-reported simulate examples/table2-lfp-direct-coated.toml --reported --json
g simulate examples/flagship.toml --rate 0.5C,1C --plot "$d/discharge.svg" > /dev/null
g eis fit "$fixtures/exampleData.csv" --circuit "R0-p(R1,CPE1)-p(R2,CPE2)" \
  --plot "$d/nyquist.svg" --bode "$d/bode.svg" > /dev/null
g eis simulate examples/flagship.toml --plot "$d/eis-simulate.svg" > /dev/null
g eis convert "$fixtures/synthetic_BioLogic_3cycles.mpt" --all-spectra -o "$d/convert.csv" 2> /dev/null
e bad-unit simulate examples/flagship.toml --temperature 25V
e bad-soc resistance examples/flagship.toml --soc 2
e bad-vary sweep examples/flagship.toml --vary separator.thicknes=1um -o "$d/never.parquet"
e bad-bounds eis fit "$fixtures/exampleData.csv" --circuit "R0-p(R1,C1)" --bounds R1=5..1
e bad-material materials show LLZTOO

mkdir -p "$raw/sweep"
g sweep examples/flagship.toml --vary separator.thickness=20um..200um \
  --vary cathode.contact_fraction=0.2..1 --samples 12 --seed 7 --jobs 1 --quiet \
  -o "$raw/sweep/lhs.parquet"
venv="${CARGO_TARGET_DIR:-$PWD/target}/snapshot-venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install -q pyarrow
fi
"$venv/bin/python" - "$raw/sweep/lhs.parquet" > "$raw/sweep/lhs.json" <<'PY'
import json, math, sys
import pyarrow.parquet as pq
f = pq.ParquetFile(sys.argv[1])
meta = {k.decode(): v.decode() for k, v in (f.metadata.metadata or {}).items()}
meta.pop("ARROW:schema", None)
for k, v in list(meta.items()):
    try:
        meta[k] = json.loads(v)
    except ValueError:
        pass
rows = f.read().to_pylist()
def clean(x):
    return None if isinstance(x, float) and math.isnan(x) else x
rows = [{k: clean(v) for k, v in r.items()} for r in rows]
schema = [[fld.name, str(fld.type)] for fld in f.schema_arrow]
print(json.dumps({"schema": schema, "metadata": meta, "rows": rows}, indent=1, sort_keys=True))
PY
rm "$raw/sweep/lhs.parquet"

# Normalise: drop timing and provenance fields, keep everything else (and its order).
filter='walk(if type == "object" then with_entries(select(.key | test("(_ms|^compute_s|^seconds|_seconds|^wall_s|^generated_by)$") | not)) else . end)'
(cd "$raw" && find . -type f) | sort | while read -r rel; do
  mkdir -p "$norm/$(dirname "$rel")"
  case "$rel" in
    *.json) jq "$filter" "$raw/$rel" > "$norm/$rel" ;;
    *.html) grep -v 'class="generated-by"' "$raw/$rel" |
      sed -E 's/computed in [0-9.e+-]+ s/computed in … s/' > "$norm/$rel" || true ;;
    *) cp "$raw/$rel" "$norm/$rel" ;;
  esac
done
echo "snapshot of $(cd "$raw" && find . -type f | wc -l) outputs in $out"

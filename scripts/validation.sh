#!/usr/bin/env bash
# Regenerate docs/validation.md: every Table 2 row as a design, simulated beside what was
# reported (`garnet cells simulate`, crate garnet-validation). Run from the repository
# root after any change to the model, the knowledge base or Table 2:
#
#     scripts/validation.sh
#
# Builds the release binary (the full run simulates ~40 designs in parallel) unless
# GARNET names a garnet binary to use, and writes the page atomically; prints the wall
# time of the run.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${GARNET:-}"
if [ -z "$bin" ]; then
  cargo build --release -q --bin garnet
  bin="${CARGO_TARGET_DIR:-target}/release/garnet"
fi
start=$(date +%s%N)
"$bin" cells simulate --markdown docs/validation.md > /dev/null
end=$(date +%s%N)
echo "wrote docs/validation.md in $(( (end - start) / 1000000 )) ms"

#!/usr/bin/env bash
# The Python bindings (crates/garnet-py): build and install them into a virtual
# environment with `pip install ./crates/garnet-py` (maturin is the PEP 517 backend),
# then run their pytest suite, which compares them with the `garnet`
# binary and runs a sweep on a local Dask cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-$PWD/target}"
venv="${GARNET_PY_VENV:-$target/py-venv}"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install -q --upgrade pip
"$venv/bin/python" -m pip install -q numpy pandas pyarrow "dask[distributed]" pytest
# The README's install command. The dev profile reuses what `cargo test` built (a
# release build from scratch takes ~8 CPU-minutes); set GARNET_PY_PROFILE=release to
# test the optimised wheel.
start=$SECONDS
MATURIN_PEP517_ARGS="--profile ${GARNET_PY_PROFILE:-dev}" \
  "$venv/bin/python" -m pip install -q --force-reinstall --no-deps ./crates/garnet-py
echo "built and installed the garnet Python module in $((SECONDS - start)) s"
# The CLI the tests compare with (already built by `cargo test`).
cargo build --locked -q --bin garnet
export GARNET_BIN="$target/debug/garnet"
cd crates/garnet-py
"$venv/bin/python" -m pytest -q -p no:cacheprovider tests

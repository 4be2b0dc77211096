#!/usr/bin/env bash
# The whole test suite, exactly as CI runs it: formatting, lints, every Rust test, then
# the Python bindings' tests (scripts/test_python.sh: a venv with numpy, pandas, dask,
# pytest from PyPI). GARNET_SKIP_PYTHON=1 runs the Rust part only.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo test --workspace --locked
if [ "${GARNET_SKIP_PYTHON:-0}" != 1 ]; then
  bash scripts/test_python.sh
fi

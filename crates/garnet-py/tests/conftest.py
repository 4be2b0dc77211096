"""Shared fixtures: the repository's example designs and the `garnet` binary."""

import os
import pathlib
import shutil

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "examples" / "table2-lco-li3bo3-composite.toml"


@pytest.fixture
def example():
    """Path of an example design (1 mm LLZTO pellet, LiCoO2 composite cathode)."""
    assert EXAMPLE.is_file(), EXAMPLE
    return EXAMPLE


def _garnet_binary():
    env = os.environ.get("GARNET_BIN")
    if env:
        assert pathlib.Path(env).is_file(), f"GARNET_BIN={env} does not exist"
        return env
    target = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    for profile in ("debug", "release"):
        candidate = target / profile / "garnet"
        if candidate.is_file():
            return str(candidate)
    return shutil.which("garnet")


@pytest.fixture
def garnet_bin():
    """The CLI binary (GARNET_BIN, or target/{debug,release}/garnet)."""
    path = _garnet_binary()
    if path is None:
        pytest.skip("the garnet binary is not built (set GARNET_BIN)")
    return path


def same_output(py_result, cli_result, function):
    """A Python result equals the CLI's JSON: the same fields and values, and the same
    provenance stamp except that it names the Python function (`generated_by`:
    garnet's version, the function or command, the model options)."""
    import garnet

    py_result, cli_result = dict(py_result), dict(cli_result)
    py_stamp, cli_stamp = py_result.pop("generated_by"), cli_result.pop("generated_by")
    assert py_stamp["garnet_version"] == cli_stamp["garnet_version"] == garnet.__version__
    assert py_stamp["command"] == function
    assert py_stamp.get("model_options") == cli_stamp.get("model_options")
    assert py_result == cli_result
    return True

"""The virtual environment a peer-comparison script runs its peer in.

One implementation for scripts/compare_pybamm.py, compare_pymatgen.py and
compare_impedance.py: create the venv if it is missing, pip-install the peer if its
module does not import, and re-run the calling script on the venv's interpreter.
The scripts import it as `peer_venv` (Python puts the script's folder on sys.path).
"""

import os
import subprocess
import sys
from pathlib import Path


def venv_python(venv_dir):
    """The interpreter of a venv."""
    if os.name == "nt":
        return Path(venv_dir) / "Scripts" / "python.exe"
    return Path(venv_dir) / "bin" / "python"


def imports(python, module):
    """Whether `module` imports with the interpreter `python`."""
    probe = subprocess.run(
        [str(python), "-c", f"import {module}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return probe.returncode == 0


def ensure_venv(venv_dir, pip_spec, module):
    """The venv's interpreter, after creating the venv and installing `pip_spec` (one
    or more requirements separated by spaces) there unless `module` already imports."""
    python = venv_python(venv_dir)
    if not python.exists():
        print(f"creating virtual environment {venv_dir}", file=sys.stderr, flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv_dir)], check=True)
    if imports(python, module):
        return python
    print(f"installing {pip_spec} into {venv_dir}", file=sys.stderr, flush=True)
    subprocess.run([str(python), "-m", "pip", "install", *pip_spec.split()], check=True)
    if not imports(python, module):
        raise SystemExit(f"error: {module} still does not import with {python}")
    return python


def running_in(venv_dir):
    """Whether this process already runs on the venv's interpreter.

    Compares prefixes, not executables: a venv's python is usually a symlink to the
    base interpreter, so resolved executable paths would wrongly match."""
    try:
        return Path(sys.prefix).resolve() == Path(venv_dir).resolve()
    except OSError:
        return False


def run_inside(venv_dir, pip_spec, module, script, argv, extra=()):
    """Run `script` with `argv` (+ `extra`) on the venv's interpreter and return its
    exit code; None when this process already is that interpreter (the caller goes on)."""
    python = ensure_venv(venv_dir, pip_spec, module)
    if running_in(venv_dir):
        return None
    return subprocess.call([str(python), str(Path(script).resolve()), *argv, *extra])


def main(args, argv, default_venv, module, script, inner):
    """The common entry of a comparison script: check `--garnet`, then run `inner(args)`
    here (`--inner`, `--no-venv`) or re-run `script` inside the peer's venv."""
    if args.garnet and not Path(args.garnet).expanduser().exists():
        raise SystemExit(f"error: no garnet binary at {args.garnet}")
    if args.inner or args.no_venv:
        return inner(args)
    venv_dir = Path(args.venv).expanduser().resolve() if args.venv else default_venv
    code = run_inside(venv_dir, args.pip_spec, module, script, argv, ["--inner"])
    return inner(args) if code is None else code

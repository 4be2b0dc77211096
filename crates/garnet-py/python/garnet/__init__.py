"""garnet: a workbench for garnet-electrolyte (LLZO) all-solid-state batteries.

The Python face of the Rust library (the same code as the ``garnet`` command-line
program):

- :func:`simulate` — one discharge or protocol of a design: the time series as NumPy
  arrays (``pandas.DataFrame(result)``) and ``result.summary`` (the fields of
  ``summary.json``);
- :func:`report` — the report of a design: the numbers of ``garnet report --json`` as a
  dict, and the HTML page when a path is given;
- :class:`Design` — a design file editable by dotted path
  (``d["separator.thickness"] = "30 um"``);
- :mod:`garnet.eis` — equivalent-circuit fits of impedance spectra;
- :mod:`garnet.materials` — the knowledge base, values with units and citations;
- :mod:`garnet.interface` — stack-compatibility checks;
- :mod:`garnet.sweep` and :mod:`garnet.dask` — design sweeps, one Parquet part per
  shard, on one machine or a Dask cluster.

Every error is a :class:`GarnetError` (subclasses :class:`DesignError`,
:class:`UnitError`, :class:`ProtocolError`, :class:`SimulationError`,
:class:`MaterialError`, :class:`FitError`, :class:`InterfaceError`,
:class:`SweepError`) with the message the CLI prints. See docs/python.md.
"""

from . import _garnet
from ._garnet import (
    Design,
    DesignError,
    FitError,
    GarnetError,
    InterfaceError,
    MaterialError,
    ProtocolError,
    SimulationError,
    SweepError,
    UnitError,
    report,
)
from ._simulate import SimulationResult, simulate
from . import dask, eis, interface, materials, sweep

__version__ = _garnet.__version__

__all__ = [
    "Design",
    "DesignError",
    "FitError",
    "GarnetError",
    "InterfaceError",
    "MaterialError",
    "ProtocolError",
    "SimulationError",
    "SimulationResult",
    "SweepError",
    "UnitError",
    "dask",
    "eis",
    "interface",
    "materials",
    "report",
    "simulate",
    "sweep",
]

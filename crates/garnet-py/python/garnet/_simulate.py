"""``garnet.simulate`` and its result."""

import warnings

from . import _garnet

#: The time-series columns, in the order of the CLI's timeseries.csv.
COLUMNS = (
    ("time_s", "voltage_v", "current_a", "capacity_mah", "soc", "ocv_v")
    + tuple(_garnet.ETA_COLUMNS)
    + ("step",)
)


class SimulationResult(dict):
    """The time series of a run: a dict of equal-length 1-D NumPy arrays named as the
    columns of the CLI's ``timeseries.csv`` (so ``pandas.DataFrame(result)`` is the
    table), with the run's summary in :attr:`summary` (the fields of ``summary.json``:
    ``capacity_mah``, ``energy_mwh``, ``r_total_ohm_cm2``, …) and the design's
    resolution warnings in :attr:`warnings`."""

    def __init__(self, columns, summary, warnings=()):
        super().__init__((name, columns[name]) for name in COLUMNS)
        self.summary = summary
        self.warnings = list(warnings)

    def to_dict(self):
        """The columns as a plain dict of arrays."""
        return dict(self)

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None

    def __repr__(self):
        n = len(self["time_s"])
        return (
            f"SimulationResult({n} samples, capacity_mah={self.summary.get('capacity_mah'):.6g}, "
            f"run={self.summary.get('run')!r})"
        )


def simulate(design, protocol=None, rate=None, *, cycles=1, temperature=None, materials=None):
    """Simulate a design as ``garnet simulate`` does.

    Parameters
    ----------
    design : Design, str or os.PathLike
        A :class:`garnet.Design`, the path of a design file, or its TOML text.
    protocol : list of str, optional
        Steps as in a protocol file, e.g. ``["Discharge at 1C until 3.5 V", "Rest for
        10 min"]``. Default: a constant-current discharge at ``rate``.
    rate : float or str, optional
        C-rate of the discharge (``1``, ``0.5`` or ``"0.5C"``); default 1C. Not with
        ``protocol``.
    cycles : int
        Repeats of the protocol's steps.
    temperature : str, optional
        Cell temperature overriding the design's (``"60 degC"``).
    materials : str or os.PathLike, optional
        A user materials file merged into the knowledge base (as ``--materials``).

    Returns
    -------
    SimulationResult
        A dict of NumPy arrays (``time_s``, ``voltage_v``, …, ``step``) with
        ``.summary``.
    """
    columns, summary, notes = _garnet.simulate(
        design, protocol, rate, cycles, temperature, None if materials is None else str(materials)
    )
    for note in notes:
        warnings.warn(note, stacklevel=2)
    return SimulationResult(columns, summary, notes)

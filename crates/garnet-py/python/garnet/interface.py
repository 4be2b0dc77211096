"""Interface chemistry: is a stack of anode | garnet | interlayer | cathode compatible?"""

from . import _garnet


def check(
    cathode,
    electrolyte,
    interlayer=None,
    anode=None,
    *,
    cosinter=None,
    voltage=None,
    energy_source="mp",
    materials=None,
):
    """Check a stack pair by pair, as ``garnet interface check --json``.

    ``cathode``, ``electrolyte``, ``interlayer``, ``anode``: aliases (``"LCO"``,
    ``"LLZTO"``, ``"Li3BO3"``, ``"Li"``) or formulas. ``cosinter``: co-sintering
    temperature (``"700 degC"`` or a number in °C). ``voltage``: upper operating voltage
    (``"4.2 V"`` or a number in V). ``energy_source``: ``"mp"``, ``"experimental"`` or
    ``"crc"``.

    Returns a dict with the CLI's JSON fields: ``layers``, ``pairs`` (each with
    ``left``, ``right``, ``verdict``, ``reaction``, ``reaction_open``, ``known``,
    ``reasons``, ``warnings``), ``windows``, ``verdict`` and ``sources``.
    """
    return _garnet.interface_check(
        cathode,
        electrolyte,
        interlayer,
        anode,
        cosinter,
        voltage,
        energy_source,
        None if materials is None else str(materials),
    )


__all__ = ["check"]

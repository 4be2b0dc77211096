"""Interface chemistry: is a stack of anode | garnet | interlayer | cathode compatible,
how do two phases react, and which interlayer separates a cathode from the garnet best?

Each function calls the library function of the matching CLI command and returns its
``--json`` output as a dict."""

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


def react(phase_a, phase_b, *, li_potential=None, energy_source="mp", materials=None):
    """The most negative reaction energy between two phases (Richards et al. 2016), as
    ``garnet interface react A B --json``: ``phase_a``, ``phase_b`` are aliases or
    formulas (the mixing ratio is A's per-atom fraction); with ``li_potential``
    (``"3 V"`` or a number in V) the reaction is open to Li at that voltage vs Li/Li⁺.

    Returns a dict with ``formula_a``, ``formula_b``, ``reactants``, the reaction's
    ``reaction_energy_ev_per_atom``, ``ratio``, ``products``, ``vs_hull``, … and
    ``sources``.
    """
    return _garnet.interface_react(
        phase_a, phase_b, li_potential, energy_source, None if materials is None else str(materials)
    )


def screen(cathode, electrolyte, *, cosinter="700degC", thickness="10nm", elements=None, top=20,
           materials=None):
    """Interlayer candidates for a cathode–garnet pair ranked on the seven properties of
    §5.2.3, as ``garnet screen interlayers --json`` (the ``top`` best). ``cosinter``:
    ``"700 degC"`` or a number in °C; ``thickness``: ``"10 nm"`` or a number in nm;
    ``elements``: the elements allowed in candidates from the formation-energy data
    (default Li B C N O Al Si P Ti Nb Ta Zr La).
    """
    return _garnet.interface_screen(
        cathode, electrolyte, cosinter, thickness, None if elements is None else list(elements),
        top, None if materials is None else str(materials),
    )


__all__ = ["check", "react", "screen"]

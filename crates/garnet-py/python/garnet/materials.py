"""The materials knowledge base: every value with its unit and citation."""

from . import _garnet


def get(name, materials=None):
    """One material by name, alias or formula (``"LLZO"``, ``"LLZTO"``, ``"LiCoO2"``).

    Returns a dict with the fields of ``garnet materials show NAME --json``: ``name``,
    ``formula``, ``kind``, ``aliases``, ``phase``, ``molar_mass_g_per_mol``, … and
    ``properties``: for each property a dict with the value under its name plus unit
    suffix (e.g. ``lattice_constant_angstrom``; ``*_min``/``*_max`` for ranges), ``unit``,
    ``temperature_c`` where one applies, and ``provenance`` (``{"cited": {"key": …,
    "locator": …}}``, ``{"estimated": …}`` or ``{"fitted": …}``).

    Raises :class:`garnet.MaterialError` for an unknown name, with a did-you-mean.
    ``materials`` is a user materials file merged in (as ``--materials``).
    """
    return _garnet.materials_get(name, None if materials is None else str(materials))


def names(kind=None, materials=None):
    """The canonical names of the known materials, optionally of one ``kind``
    (``electrolyte``, ``cathode``, ``interlayer``, ``anode``, …)."""
    return _garnet.materials_names(kind, None if materials is None else str(materials))


__all__ = ["get", "names"]

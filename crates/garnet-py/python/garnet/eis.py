"""Impedance spectroscopy: equivalent-circuit fits (``garnet eis fit``)."""

import numpy as np

from . import _garnet


def _split(z, n=None):
    z = np.asarray(z)
    if np.iscomplexobj(z):
        return np.ascontiguousarray(z.real, dtype=float), np.ascontiguousarray(z.imag, dtype=float)
    if z.ndim == 2 and z.shape[1] == 2:
        return np.ascontiguousarray(z[:, 0], dtype=float), np.ascontiguousarray(z[:, 1], dtype=float)
    raise _garnet.FitError("z: expected complex impedances (Z' + jZ'') or an (n, 2) array of Z', Z''")


def fit(
    frequencies,
    z,
    circuit,
    *,
    initial=None,
    fixed=None,
    bounds=None,
    weighting="unit",
    starts=None,
    seed=None,
    max_iterations=None,
    fmin=None,
    fmax=None,
    capacitive_only=False,
):
    """Fit an equivalent circuit to a spectrum.

    Parameters
    ----------
    frequencies : array of float
        Frequencies in Hz.
    z : array of complex, or (n, 2) array
        Impedances in Ω (Z' + jZ'', Z'' negative for a capacitive arc).
    circuit : str
        Circuit string, e.g. ``"R0-p(R1,C1)"`` or ``"R0-p(R1,CPE1)-Wo1"``.
    initial : list of float, optional
        Starting values in parameter order (default: guessed from the spectrum).
    fixed : dict, optional
        Parameters held at a value, ``{"R0": 12.5}``.
    bounds : dict, optional
        ``{"R1": (1e3, 1e6)}``, replacing the element's default range.
    weighting : str
        ``"unit"`` (default, as the CLI), ``"modulus"`` (1/|Z|² on both parts, as
        impedance.py's ``weight_by_modulus=True``), ``"proportional"`` (1/Z'² and
        1/Z''² separately, floored at 1 % of |Z|) or ``"inverse-modulus"`` (1/|Z|).
    starts : int, optional
        Largest number of starts (default 12): ``initial``, the automatic and DRT
        guesses, choices of arcs, then random ones; the fit stops when 2 agree with
        the best χ². ``1``: the initial values (else the guess) only.
    seed : int, optional
        Seed of the random starts (default fixed: fits are reproducible).
    fmin, fmax : float, optional
        Band to fit (Hz).
    capacitive_only : bool
        Keep only the points with Z'' < 0.

    Returns
    -------
    dict
        The fields of ``garnet eis fit --json``: ``circuit``, ``parameters`` (a list of
        ``{name, value, unit, stderr, fixed}``), ``chi2``, ``reduced_chi2``, ``aic``,
        ``bic``, ``max_relative_residual``, ``rms_relative_residual``,
        ``correlation``, ``weighting``, ``n_points``, ``converged``, ``iterations``,
        ``evaluations``, ``initial``, ``starts_run``, ``starts_at_best``,
        ``blocks_reordered``, ``quality`` (``condition_number``, ``stderr_reliable``,
        ``undetermined``, ``correlated``, ``residuals``); plus ``values`` and ``stderr``: dicts by
        parameter name.
    """
    f = np.ascontiguousarray(np.asarray(frequencies, dtype=float).ravel())
    re, im = _split(z)
    return _garnet.eis_fit(
        f.tolist(),
        re.tolist(),
        im.tolist(),
        circuit,
        None if initial is None else [float(v) for v in initial],
        None if fixed is None else {str(k): float(v) for k, v in fixed.items()},
        None if bounds is None else {str(k): (float(a), float(b)) for k, (a, b) in bounds.items()},
        weighting,
        None if starts is None else int(starts),
        seed,
        max_iterations,
        fmin,
        fmax,
        capacitive_only,
    )


def impedance(circuit, params, frequencies):
    """The impedance of ``circuit`` with ``params`` (a list in parameter order, or a dict
    by name; SI units) at ``frequencies`` (Hz), as a complex NumPy array."""
    if isinstance(params, dict):
        names = _garnet.eis_parameter_names(circuit)
        missing = [n for n in names if n not in params]
        if missing:
            raise _garnet.FitError(f"params: no value for {', '.join(missing)}")
        params = [params[n] for n in names]
    f = np.asarray(frequencies, dtype=float).ravel()
    re, im = _garnet.eis_impedance(circuit, [float(v) for v in params], f.tolist())
    return np.asarray(re) + 1j * np.asarray(im)


def parameter_names(circuit):
    """The parameter names of ``circuit`` in order (``["R0", "R1", "C1"]``)."""
    return _garnet.eis_parameter_names(circuit)


__all__ = ["fit", "impedance", "parameter_names"]

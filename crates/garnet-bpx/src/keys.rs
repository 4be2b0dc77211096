//! Names this crate reads and writes: BPX section names and the `User-defined` keys
//! with which `garnet bpx export` keeps what BPX cannot express (read back by the
//! import, so that a garnet → BPX → garnet round trip restores the design).

/// `Parameterisation` sections.
pub const CELL: &str = "Cell";
/// The electrolyte section.
pub const ELECTROLYTE: &str = "Electrolyte";
/// The negative electrode section.
pub const NEGATIVE: &str = "Negative electrode";
/// The positive electrode section.
pub const POSITIVE: &str = "Positive electrode";
/// The separator section.
pub const SEPARATOR: &str = "Separator";
/// The user-defined section.
pub const USER: &str = "User-defined";

/// Bulk ionic conductivity of the separator garnet at the cell temperature.
pub const G_SEP_SIGMA: &str = "garnet: separator conductivity [S.m-1]";
/// Bulk ionic conductivity of the composite's garnet at the cell temperature.
pub const G_CAT_SIGMA: &str = "garnet: composite garnet conductivity [S.m-1]";
/// Share of the active surface touching the garnet.
pub const G_CONTACT: &str = "garnet: contact fraction";
/// Resistance of the films on the cathode particles per contact area.
pub const G_FILM: &str = "garnet: cathode film resistance [Ohm.m2]";
/// Thickness of the artificial CEI (information; its resistance is in G_FILM).
pub const G_CEI_THICKNESS: &str = "garnet: artificial CEI thickness [m]";
/// Li₂CO₃ on the garnet facing the cathode (information; in G_FILM).
pub const G_CO3_CATHODE: &str = "garnet: Li2CO3 thickness, cathode side [m]";
/// Li₂CO₃ on the garnet facing the anode (information; in G_ANODE_R).
pub const G_CO3_ANODE: &str = "garnet: Li2CO3 thickness, anode side [m]";
/// Li|garnet exchange-current density.
pub const G_ANODE_J0: &str = "garnet: Li|garnet exchange-current density [A.m-2]";
/// Series resistance at the Li|garnet interface per electrode area.
pub const G_ANODE_R: &str = "garnet: Li|garnet series resistance [Ohm.m2]";
/// Cathode double-layer capacitance per particle area.
pub const G_CDL_CATHODE: &str = "garnet: cathode double-layer capacitance [F.m-2]";
/// Li|garnet double-layer capacitance.
pub const G_CDL_ANODE: &str = "garnet: Li|garnet double-layer capacitance [F.m-2]";
/// 1 for a thin-film cathode, 0 for a composite.
pub const G_THIN_FILM: &str = "garnet: thin-film cathode";
/// Share of the active material connected to both networks (the rest does not react).
pub const G_CONNECTED: &str = "garnet: connected fraction of the active material";
/// Radius of the cathode|garnet contact spots.
pub const G_SPOT_RADIUS: &str = "garnet: contact spot radius [m]";
/// Constriction resistance of the partial contact, garnet side, per contact area
/// (information; recomputed from the contact fraction and the spot radius).
pub const G_CONSTRICTION: &str = "garnet: constriction resistance [Ohm.m2]";
/// Factor on the solid diffusivity for the particle side of the constriction
/// (information; recomputed likewise).
pub const G_CONTACT_DIFFUSION: &str = "garnet: contact diffusion factor";
/// Li₂CO₃ on the separator's cathode face: a series resistance per electrode area.
pub const G_FACE: &str = "garnet: Li2CO3 on the separator's cathode face [Ohm.m2]";
/// 1 for an ohmic Li|garnet interface (j = Δφ/R), 0 for Butler–Volmer kinetics.
pub const G_ANODE_OHMIC: &str = "garnet: Li|garnet interface ohmic";
/// The ohmic Li|garnet interface resistance at the cell temperature.
pub const G_ANODE_R_INTERFACE: &str = "garnet: Li|garnet interface resistance [Ohm.m2]";
/// Activation energy of the Li|garnet interface (J per particle).
pub const G_ANODE_EA: &str = "garnet: Li|garnet interface activation energy [J]";

/// Lines of `Header.Description` of the form `garnet <what>: <name>` (not in
/// `User-defined.description`, which PyBaMM's BPX import tries to read as a number;
/// the import reads both).
pub const D_CATHODE: &str = "garnet cathode material";
/// The separator garnet.
pub const D_SEPARATOR: &str = "garnet separator material";
/// The composite's garnet.
pub const D_COMPOSITE: &str = "garnet composite garnet";
/// The artificial CEI material.
pub const D_INTERLAYER: &str = "garnet cathode interlayer";
/// Conductive carbon/binder volume fraction of the cathode (`cathode.carbon_fraction`).
pub const G_CARBON: &str = "garnet: cathode carbon fraction";

//! The materials knowledge base: garnet electrolytes, cathodes, interlayers and the
//! anode side, every value with its provenance.
//!
//! Curated TOML files in `data/materials/` are compiled into the binary; a user file
//! of the same schema can add materials or override values
//! ([`MaterialDb::merge_user_file`]). Each file is parsed into typed [`Material`]
//! records: every value is a [`garnet_units::Quantity`] checked against the unit of
//! its property in the registry (`data/materials/properties.toml`) and carries a
//! [`garnet_cite::Provenance`] — a citation key with a locator, or an estimate with
//! its reason. Derived quantities (σ(T) by Arrhenius, theoretical capacity from the
//! formula) live in [`physics`]; published open-circuit-voltage fits in [`ocv`].

mod db;
mod error;
pub mod json;
mod load;
pub mod ocv;
pub mod physics;
mod record;

pub use db::{same_composition, MaterialDb, MergeReport};
pub use error::MaterialsError;
pub use load::{parse_materials, PropertyDef, Registry};
pub use record::{ArrheniusForm, Kind, Material, PhaseTag, Property, Value};

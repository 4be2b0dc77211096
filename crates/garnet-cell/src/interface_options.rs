//! The design file's options for interfaces and surface films (issue 14 items 1, 3
//! and 11): where the cathode-side Li₂CO₃ sits, how the Li|garnet interface conducts,
//! and how an air-exposed garnet surface was treated. Each is an enum with the exact
//! spelling of the design file and a did-you-mean error (as [`crate::Structure`]).

use std::str::FromStr;

use serde::{Deserialize, Deserializer};

use crate::CellError;

/// An option enum of the design file: its variants, their spellings, `Display`,
/// `FromStr` (exact spelling, else [`CellError::UnknownOption`] naming `$field`) and
/// `Deserialize` through `FromStr`.
macro_rules! design_option {
    (
        $(#[$meta:meta])*
        $name:ident, $field:literal, $what:literal,
        $( $(#[$vmeta:meta])* $variant:ident => $text:literal ),+ $(,)?
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every option, in the order the schema lists them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The spelling in a design file.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = CellError;

            /// The exact spelling; anything else is [`CellError::UnknownOption`] with
            /// the closest spelling.
            fn from_str(s: &str) -> Result<Self, CellError> {
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == s)
                    .ok_or_else(|| CellError::UnknownOption {
                        field: $field.to_string(),
                        value: s.to_string(),
                        what: $what,
                        known: $name::ALL.iter().map(|v| v.as_str()).collect(),
                        suggestion: garnet_units::suggest::closest_str(
                            s,
                            $name::ALL.iter().map(|v| v.as_str()),
                        ),
                    })
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

design_option! {
    /// `separator.carbonate_cathode_location`: where the Li₂CO₃ of
    /// `separator.carbonate_cathode_side` sits in a composite cathode.
    CarbonateLocation, "separator.carbonate_cathode_location", "a Li2CO3 location",
    /// `"separator-face"` (the default): one layer on the separator's face towards the
    /// cathode, a series resistance t/σ(T) per electrode area.
    SeparatorFace => "separator-face",
    /// `"particles"`: a shell on every particle's garnet contact, in series with the
    /// charge transfer and spread over the contact area a·L·f.
    Particles => "particles",
}

design_option! {
    /// `anode.interface_model`: how the Li|garnet interface turns its voltage into
    /// current.
    InterfaceModel, "anode.interface_model", "a Li|garnet interface model",
    /// `"ohmic"`: j = Δφ_a/R (contact and constriction resistance; the default when
    /// the design gives `anode.interface_resistance` or `anode.interlayer`).
    Ohmic => "ohmic",
    /// `"kinetic"`: Butler–Volmer, j = 2·j₀·sinh(FΔφ_a/2RT) (the default when the
    /// design gives `anode.exchange_current_density`).
    Kinetic => "kinetic",
}

design_option! {
    /// `separator.surface_treatment`: what was done to the air-exposed garnet surface
    /// before the cell was built (the remedies of Kurian et al. 2024 §2.3 and §3.2).
    SurfaceTreatment, "separator.surface_treatment", "a garnet surface treatment",
    /// `"none"`: the surface as exposed.
    None => "none",
    /// `"polished"`: the surface layer ground or polished off.
    Polished => "polished",
    /// `"heat-treated"`: Li₂CO₃ decomposed by annealing.
    HeatTreated => "heat-treated",
    /// `"acid-treated"`: Li₂CO₃ dissolved by an acid rinse.
    AcidTreated => "acid-treated",
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn spellings_round_trip_and_misspellings_suggest() {
        for v in CarbonateLocation::ALL {
            assert_eq!(v.as_str().parse::<CarbonateLocation>().unwrap(), *v);
        }
        for v in InterfaceModel::ALL {
            assert_eq!(v.to_string().parse::<InterfaceModel>().unwrap(), *v);
        }
        for v in SurfaceTreatment::ALL {
            assert_eq!(v.as_str().parse::<SurfaceTreatment>().unwrap(), *v);
        }
        let e = "separator_face".parse::<CarbonateLocation>().unwrap_err();
        assert_eq!(
            e.to_string(),
            "separator.carbonate_cathode_location: 'separator_face' is not a Li2CO3 location; expected separator-face or particles (did you mean 'separator-face'?)"
        );
        let e = "Ohmic".parse::<InterfaceModel>().unwrap_err().to_string();
        assert!(
            e.starts_with("anode.interface_model") && e.contains("did you mean 'ohmic'"),
            "{e}"
        );
        let e = "heat treated"
            .parse::<SurfaceTreatment>()
            .unwrap_err()
            .to_string();
        assert!(e.contains("did you mean 'heat-treated'"), "{e}");
    }
}

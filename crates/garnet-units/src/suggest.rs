//! Did-you-mean suggestions for names the user mistyped.

/// The candidate closest to `input` by Damerau–Levenshtein distance (case-insensitive),
/// if it is close enough to be a plausible typo (distance ≤ max(1, len/3)); failing
/// that, the shortest candidate that starts with `input` (a truncated name such as
/// "impedance" for "impedance_ohm_cm2").
pub fn closest(input: &str, candidates: &[String]) -> Option<String> {
    closest_str(input, candidates.iter().map(String::as_str))
}

/// As [`closest`], over any iterator of candidate names.
pub fn closest_str<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let lowered = input.to_lowercase();
    let limit = (input.chars().count() / 3).max(1);
    let candidates: Vec<&str> = candidates.into_iter().collect();
    let by_distance = candidates
        .iter()
        .map(|c| {
            let folded = strsim::damerau_levenshtein(&lowered, &c.to_lowercase());
            // Ties go to the candidate closer with case kept, then closer in length.
            let exact = strsim::damerau_levenshtein(input, c);
            let len_gap = input.chars().count().abs_diff(c.chars().count());
            ((folded, exact, len_gap), *c)
        })
        .filter(|((d, _, _), _)| *d <= limit)
        .min_by_key(|(key, _)| *key)
        .map(|(_, c)| c.to_string());
    if by_distance.is_some() || input.chars().count() < 3 {
        return by_distance;
    }
    candidates
        .iter()
        .filter(|c| c.to_lowercase().starts_with(&lowered))
        .min_by_key(|c| c.len())
        .map(|c| c.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_near_names_only() {
        let names = ["LLZTO", "LLZO", "LiCoO2"];
        assert_eq!(closest_str("LLZT0", names).as_deref(), Some("LLZTO"));
        assert_eq!(closest_str("licoo2", names).as_deref(), Some("LiCoO2"));
        assert_eq!(closest_str("graphite", names), None);
        let fields = ["impedance_ohm_cm2", "capacity_value"];
        assert_eq!(
            closest_str("impedance", fields).as_deref(),
            Some("impedance_ohm_cm2")
        );
    }
}

//! Did-you-mean suggestions for names the user mistyped.

/// The candidate closest to `input` by Damerau–Levenshtein distance (case-insensitive),
/// if it is close enough to be a plausible typo (distance ≤ max(1, len/3)).
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
    candidates
        .into_iter()
        .map(|c| {
            let folded = strsim::damerau_levenshtein(&lowered, &c.to_lowercase());
            // Ties go to the candidate closer with case kept, then closer in length.
            let exact = strsim::damerau_levenshtein(input, c);
            let len_gap = input.chars().count().abs_diff(c.chars().count());
            ((folded, exact, len_gap), c)
        })
        .filter(|((d, _, _), _)| *d <= limit)
        .min_by_key(|(key, _)| *key)
        .map(|(_, c)| c.to_string())
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
    }
}

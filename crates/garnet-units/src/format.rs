//! Numbers as people read them in tables and messages.

/// Format a number with `sig` significant digits, without trailing noise.
pub fn sig(value: f64, sig: usize) -> String {
    if value == 0.0 {
        // −0 (e.g. a drop across a layer that is absent) prints as 0.
        return "0".to_string();
    }
    if !value.is_finite() {
        return format!("{value}");
    }
    let mag = value.abs().log10().floor() as i32;
    if !(-3..6).contains(&mag) {
        return format!("{value:.prec$e}", prec = sig.saturating_sub(1));
    }
    let decimals = (sig as i32 - 1 - mag).max(0) as usize;
    let text = format!("{value:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::sig;

    #[test]
    fn significant_digits_and_negative_zero() {
        assert_eq!(sig(13.294, 3), "13.3");
        assert_eq!(sig(-0.0, 3), "0");
        assert_eq!(sig(0.0, 3), "0");
        assert_eq!(sig(f64::NAN, 3), "NaN");
    }
}

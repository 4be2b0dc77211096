//! Value-stable random numbers for garnet: the one generator behind seeded sweep
//! plans (Latin hypercubes) and the multi-starts of impedance fits.
//!
//! Why a crate of its own: a seed must give the same plan and the same starts in every
//! release (an interrupted sweep recomputes its plan and checks it against the one it
//! stored; users quote seeds in papers), so every user of random numbers shares one
//! stream definition. The generator is `rand_xoshiro`'s SplitMix64 (Steele, Lea &
//! Flood 2014, Vigna's reference constants), seeded with the state itself
//! (`seed_from_u64(s)` sets the state to `s`); the tests pin its stream to the reference
//! outputs, so a change in the dependency would fail here first. The mappings to
//! floats and bounded integers are garnet's own and are pinned too.

use rand_core::{Rng, SeedableRng};

/// SplitMix64 with garnet's float and integer mappings.
#[derive(Debug, Clone)]
pub struct SplitMix64(rand_xoshiro::SplitMix64);

impl SplitMix64 {
    /// A generator whose state is `seed`.
    pub fn new(seed: u64) -> Self {
        Self(rand_xoshiro::SplitMix64::seed_from_u64(seed))
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// Uniform in [0, 1): the top 53 bits times 2⁻⁵³.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in 0..n (n ≥ 1), without modulo bias (Lemire's multiply-and-reject);
    /// n = 0 is treated as 1.
    pub fn below(&mut self, n: u64) -> u64 {
        let n = n.max(1);
        let threshold = n.wrapping_neg() % n;
        loop {
            let m = u128::from(self.next_u64()) * u128::from(n);
            if (m as u64) >= threshold {
                return (m >> 64) as u64;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::SplitMix64;

    /// The generator as garnet wrote it out before this crate, kept here as the
    /// definition the stream must match bit for bit.
    fn reference(state: &mut u64) -> u64 {
        *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = *state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    #[test]
    fn stream_is_vignas_splitmix64() {
        // Vigna's splitmix64.c from state 0: the first output is 0xe220a8397b1dcdaf.
        assert_eq!(SplitMix64::new(0).next_u64(), 0xe220_a839_7b1d_cdaf);
        for seed in [0, 1, 7, 20_240_607, u64::MAX] {
            let (mut rng, mut state) = (SplitMix64::new(seed), seed);
            for _ in 0..1000 {
                assert_eq!(rng.next_u64(), reference(&mut state));
            }
        }
    }

    #[test]
    fn floats_are_the_top_53_bits() {
        let mut rng = SplitMix64::new(42);
        let mut state = 42;
        for _ in 0..1000 {
            let x = rng.next_f64();
            assert!((0.0..1.0).contains(&x));
            assert_eq!(
                x,
                (reference(&mut state) >> 11) as f64 / (1u64 << 53) as f64
            );
        }
    }

    #[test]
    fn below_stays_in_range_and_covers_it() {
        let mut rng = SplitMix64::new(3);
        let mut seen = [false; 7];
        for _ in 0..1000 {
            let k = rng.below(7);
            assert!(k < 7);
            seen[k as usize] = true;
        }
        assert!(seen.iter().all(|&s| s));
        assert_eq!(rng.below(0), 0);
    }
}

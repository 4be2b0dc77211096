//! Which designs a sweep runs: the full factorial over the variations' values, or a
//! Latin hypercube over their ranges.

use serde::Serialize;

use crate::variation::{Variation, VariedKind};
use crate::SweepError;

/// How the points of a sweep are chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Plan {
    /// Every combination of the variations' values. The first variation is the
    /// outermost loop and the last the innermost (it changes from one index to the
    /// next), as in `itertools::iproduct!` or nested `for` loops written in order.
    Factorial,
    /// `samples` designs: each range `[A, B]` is cut into `samples` equal strata and
    /// each stratum of each variation is used by exactly one design, at a uniformly
    /// random place inside it; the pairing of strata across variations is a random
    /// permutation per variation (McKay, Beckman & Conover 1979). Reproducible from
    /// `seed`. A variation given as a single value stays fixed.
    LatinHypercube {
        /// Number of designs.
        samples: usize,
        /// Seed of the generator.
        seed: u64,
    },
}

/// One design of a sweep: its index in the plan and the value of each variation (SI,
/// in the order of the variations).
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// Position in the plan (0-based); the key of a row in the output.
    pub index: usize,
    /// Value of each variation.
    pub values: Vec<f64>,
}

/// The largest plan made (a typo like `:1000000` should fail fast, not fill memory).
pub const MAX_POINTS: usize = 50_000_000;

/// The points of `plan` over `variations`.
pub fn points(variations: &[Variation], plan: Plan) -> Result<Vec<Point>, SweepError> {
    match plan {
        Plan::Factorial => factorial(variations),
        Plan::LatinHypercube { samples, seed } => latin_hypercube(variations, samples, seed),
    }
}

fn factorial(variations: &[Variation]) -> Result<Vec<Point>, SweepError> {
    let mut total: usize = 1;
    for v in variations {
        if v.values.is_empty() {
            let path = v.path.clone();
            return Err(match v.bounds {
                Some(_) => SweepError::RangeWithoutCount { path },
                None => SweepError::Values {
                    path,
                    message: "no values".to_string(),
                },
            });
        }
        total = total
            .checked_mul(v.values.len())
            .filter(|&t| t <= MAX_POINTS)
            .ok_or(SweepError::TooManyDesigns { max: MAX_POINTS })?;
    }
    Ok((0..total)
        .map(|index| {
            // Mixed-radix digits of the index, the last variation least significant.
            let mut rest = index;
            let mut values = vec![0.0; variations.len()];
            for (slot, v) in values.iter_mut().zip(variations).rev() {
                let n = v.values.len();
                *slot = v.values[rest % n];
                rest /= n;
            }
            Point { index, values }
        })
        .collect())
}

/// The seeded generator of Latin hypercubes: garnet's one value-stable SplitMix64,
/// so a plan is reproducible from its seed across releases (resuming an interrupted
/// sweep recomputes the plan and checks it against the one stored).
pub use garnet_random::SplitMix64;

fn latin_hypercube(
    variations: &[Variation],
    samples: usize,
    seed: u64,
) -> Result<Vec<Point>, SweepError> {
    if samples == 0 {
        return Err(SweepError::NoSamples);
    }
    if samples > MAX_POINTS {
        return Err(SweepError::TooManySamples {
            samples,
            max: MAX_POINTS,
        });
    }
    let mut rng = SplitMix64::new(seed);
    let mut columns = Vec::with_capacity(variations.len());
    for v in variations {
        let (a, b) = match (v.bounds, v.values.as_slice()) {
            (Some(ends), _) => ends,
            (None, [x]) => (*x, *x),
            (None, _) => {
                return Err(SweepError::ListInLatinHypercube {
                    path: v.path.clone(),
                })
            }
        };
        // A random permutation of the strata (Fisher–Yates), then a uniform
        // position inside each.
        let mut strata: Vec<usize> = (0..samples).collect();
        for i in (1..samples).rev() {
            let j = rng.below(i as u64 + 1) as usize;
            strata.swap(i, j);
        }
        let column: Vec<f64> = strata
            .iter()
            .map(|&s| {
                let u = (s as f64 + rng.next_f64()) / samples as f64;
                let x = a + (b - a) * u;
                if v.kind == VariedKind::Integer {
                    x.round()
                } else {
                    x
                }
            })
            .collect();
        columns.push(column);
    }
    Ok((0..samples)
        .map(|index| Point {
            index,
            values: columns.iter().map(|c| c[index]).collect(),
        })
        .collect())
}

/// The points of shard `shard` of `of` (0-based): every `of`-th point starting at
/// `shard`, so that shards get a mix of the plan (neighbouring factorial points have
/// similar cost).
pub fn shard(points: &[Point], shard: usize, of: usize) -> Result<Vec<Point>, SweepError> {
    if of == 0 || shard >= of {
        return Err(SweepError::Shard { shard, of });
    }
    Ok(points
        .iter()
        .filter(|p| p.index % of == shard)
        .cloned()
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(specs: &[&str]) -> Vec<Variation> {
        specs.iter().map(|s| Variation::parse(s).unwrap()).collect()
    }

    #[test]
    fn factorial_count_and_order() {
        let v = vars(&[
            "separator.thickness=20um..200um:10",
            "cathode.contact_fraction=0.2..1:9",
        ]);
        let p = points(&v, Plan::Factorial).unwrap();
        assert_eq!(p.len(), 90);
        // Last variation innermost.
        assert_eq!(p[0].values, vec![v[0].values[0], 0.2]);
        assert_eq!(p[1].values, vec![v[0].values[0], v[1].values[1]]);
        assert_eq!(p[9].values, vec![v[0].values[1], 0.2]);
        assert_eq!(p[89].values, vec![v[0].values[9], 1.0]);
        assert!(p.iter().enumerate().all(|(i, q)| q.index == i));
        // Every combination exactly once.
        let mut seen: Vec<(u64, u64)> = p
            .iter()
            .map(|q| (q.values[0].to_bits(), q.values[1].to_bits()))
            .collect();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), 90);
        let open = vars(&["separator.thickness=20um..200um"]);
        let e = points(&open, Plan::Factorial).unwrap_err();
        assert!(e.to_string().contains("A..B:N"), "{e}");
        // No variations: the base design alone.
        assert_eq!(points(&[], Plan::Factorial).unwrap().len(), 1);
    }

    #[test]
    fn latin_hypercube_hits_each_stratum_once() {
        let v = vars(&[
            "separator.thickness=20um..200um",
            "cathode.contact_fraction=0.2..1:9",
            "cathode.active_fraction=0.6",
        ]);
        let n = 37;
        let p = points(
            &v,
            Plan::LatinHypercube {
                samples: n,
                seed: 7,
            },
        )
        .unwrap();
        assert_eq!(p.len(), n);
        for (d, (a, b)) in [(0, v[0].bounds.unwrap()), (1, (0.2, 1.0))] {
            let mut hits = vec![0; n];
            for q in &p {
                let u = (q.values[d] - a) / (b - a);
                assert!((0.0..1.0).contains(&u), "{u}");
                hits[(u * n as f64).floor() as usize] += 1;
            }
            assert!(hits.iter().all(|&h| h == 1), "dimension {d}: {hits:?}");
        }
        assert!(p.iter().all(|q| q.values[2] == 0.6));
    }

    #[test]
    fn latin_hypercube_is_deterministic_in_the_seed() {
        let v = vars(&[
            "separator.thickness=20um..200um",
            "cathode.contact_fraction=0.2..1",
        ]);
        let plan = |seed| points(&v, Plan::LatinHypercube { samples: 16, seed }).unwrap();
        assert_eq!(plan(3), plan(3));
        assert_ne!(plan(3), plan(4));
        // Pinned: the first design of seed 0 (guards against an accidental change of
        // the generator, which would break resuming old sweeps).
        let first = &plan(0)[0];
        let mut rng = SplitMix64::new(0);
        assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF); // reference splitmix64(0)
        assert!(first.values[0] >= 20e-6 && first.values[0] < 200e-6);
    }

    #[test]
    fn latin_hypercube_needs_ranges_and_rounds_integers() {
        let list = vars(&["cathode.contact_fraction=0.3,0.5"]);
        let e = points(
            &list,
            Plan::LatinHypercube {
                samples: 4,
                seed: 0,
            },
        )
        .unwrap_err();
        assert!(e.to_string().contains("needs a range"), "{e}");
        let mesh = vars(&["mesh.cathode=4..20"]);
        let p = points(
            &mesh,
            Plan::LatinHypercube {
                samples: 8,
                seed: 1,
            },
        )
        .unwrap();
        assert!(p
            .iter()
            .all(|q| q.values[0].fract() == 0.0 && (4.0..=20.0).contains(&q.values[0])));
        assert_eq!(
            points(
                &mesh,
                Plan::LatinHypercube {
                    samples: 0,
                    seed: 1
                }
            )
            .unwrap_err(),
            SweepError::NoSamples
        );
    }

    #[test]
    fn shards_partition_the_plan() {
        let v = vars(&["cathode.contact_fraction=0.2..1:9", "mesh.cathode=4..6:3"]);
        let p = points(&v, Plan::Factorial).unwrap();
        let mut all: Vec<usize> = (0..4)
            .flat_map(|k| shard(&p, k, 4).unwrap())
            .map(|q| q.index)
            .collect();
        all.sort_unstable();
        assert_eq!(all, (0..27).collect::<Vec<_>>());
        assert_eq!(
            shard(&p, 4, 4).unwrap_err(),
            SweepError::Shard { shard: 4, of: 4 }
        );
        assert_eq!(
            shard(&p, 0, 0).unwrap_err(),
            SweepError::Shard { shard: 0, of: 0 }
        );
    }
}

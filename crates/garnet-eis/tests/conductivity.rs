#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Solid-electrolyte workflow end to end on synthetic pellets: spectra at four
//! temperatures → fits → arcs assigned by capacitance → Arrhenius activation energies.

use garnet_eis::conductivity::{arrhenius, conductivities, Contribution, Geometry};
use garnet_eis::{fit, Circuit, FitOptions, Spectrum};

const KB_EV: f64 = 8.617_333_262e-5;

/// σ(T) in S/m with σT = A exp(−Eₐ/k_B T) and σ(25 °C) = `s25`.
fn sigma(s25: f64, ea: f64, t: f64) -> f64 {
    let t25 = 298.15;
    s25 * t25 / t * (-ea / KB_EV * (1.0 / t - 1.0 / t25)).exp()
}

#[test]
fn bulk_and_grain_boundary_activation_energies_are_recovered() {
    // 1.2 mm thick, ⌀10 mm electrodes: L/A = 15.28 m⁻¹. Bulk σ(25 °C) = 1e-3 S/m with
    // Eₐ = 0.35 eV and 30 pF (normalised 4.6 pF: bulk); grain boundary 3e-4 S/m,
    // 0.45 eV, 3 nF (normalised 0.46 nF: grain boundary).
    let g = Geometry::from_diameter(1.2e-3, 10e-3).unwrap();
    let c = Circuit::parse("R0-p(R1,C1)-p(R2,C2)").unwrap();
    let f: Vec<f64> = (0..71).map(|i| 10f64.powf(7.0 - i as f64 / 10.0)).collect();
    let temps: Vec<f64> = [25.0, 40.0, 55.0, 70.0]
        .iter()
        .map(|c| c + 273.15)
        .collect();
    let (mut tb, mut sb, mut sg) = (Vec::new(), Vec::new(), Vec::new());
    let mut previous: Option<Vec<f64>> = None;
    for &t in &temps {
        let rb = g.thickness_m / (sigma(1e-3, 0.35, t) * g.area_m2);
        let rg = g.thickness_m / (sigma(3e-4, 0.45, t) * g.area_m2);
        let truth = [5.0, rb, 30e-12, rg, 3e-9];
        let s = Spectrum::new(f.clone(), c.spectrum(&truth, &f)).unwrap();
        let opts = FitOptions {
            initial: previous.clone(),
            ..FitOptions::default()
        };
        let r = fit(&c, &s, &opts).unwrap();
        previous = Some(r.values());
        let k = conductivities(&c, &r.values(), &g).unwrap();
        assert_eq!(k.arcs[0].contribution, Contribution::Bulk);
        assert_eq!(k.arcs[1].contribution, Contribution::GrainBoundary);
        assert!((k.bulk_resistance_ohm.unwrap() / rb - 1.0).abs() < 1e-6);
        tb.push(t);
        sb.push(k.bulk_s_per_m.unwrap());
        sg.push(k.grain_boundary_s_per_m.unwrap());
    }
    let b = arrhenius(&tb, &sb).unwrap();
    assert!((b.activation_energy_ev - 0.35).abs() < 1e-5, "{b:?}");
    assert!((b.sigma_25c_s_per_m / 1e-3 - 1.0).abs() < 1e-5);
    let gb = arrhenius(&tb, &sg).unwrap();
    assert!((gb.activation_energy_ev - 0.45).abs() < 1e-5, "{gb:?}");
}

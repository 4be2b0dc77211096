//! `garnet eis drt FILE`: the distribution of relaxation times, its peaks and, with
//! `--suggest`, the equivalent circuit they suggest (the work is in `garnet_eis::drt`).

use std::path::PathBuf;

use garnet_eis::drt::{drt, suggest_circuit, Blocking, DrtOptions, Hint, Lambda};
use garnet_plot::figures;
use serde_json::json;

use super::eis::{load, Band};
use crate::output::{print_json, sig, table, Stamp};
use crate::UsageError;

/// Arguments of `garnet eis drt`.
#[derive(Debug, clap::Args)]
pub struct DrtArgs {
    /// Instrument file.
    file: PathBuf,
    /// Regularisation λ (dimensionless, pyDRTtools' λ): a number, `gcv` or `l-curve`
    /// (default: the L-curve corner over 1e-5 … 1).
    #[arg(long)]
    lambda: Option<String>,
    /// Fit a series inductance (leads).
    #[arg(long)]
    inductance: bool,
    /// Blocking-electrode term in series: none (default), c or cpe.
    #[arg(long)]
    blocking: Option<String>,
    /// Let γ be negative (inductive loops).
    #[arg(long)]
    negative: bool,
    /// Suggest an equivalent circuit with initial values from the peaks.
    #[arg(long)]
    suggest: bool,
    #[command(flatten)]
    band: Band,
    /// Print JSON on stdout.
    #[arg(long)]
    json: bool,
    /// Plot of γ(τ) (.png or .svg).
    #[arg(long)]
    plot: Option<PathBuf>,
}

/// Run `garnet eis drt`.
pub(crate) fn run(a: DrtArgs) -> anyhow::Result<()> {
    let s = load(&a.file, &a.band)?;
    let lambda = match a.lambda.as_deref() {
        None => DrtOptions::default().lambda,
        Some(t) => t
            .parse::<Lambda>()
            .map_err(|e| UsageError(format!("--lambda: {e}")))?,
    };
    let blocking = match a.blocking.as_deref() {
        None => Blocking::None,
        Some(t) => t
            .parse::<Blocking>()
            .map_err(|e| UsageError(format!("--blocking: {e}")))?,
    };
    let options = DrtOptions {
        lambda,
        inductance: a.inductance,
        blocking,
        negative: a.negative,
    };
    let r = drt(&s, &options)?;
    let suggestion = if a.suggest {
        Some(suggest_circuit(&r)?)
    } else {
        None
    };
    for h in &r.hints {
        eprintln!(
            "note: {}",
            match h {
                Hint::SeriesInductance =>
                    "Im Z > 0 at the highest frequency: --inductance fits a series L",
                Hint::BlockingTerm =>
                    "a peak at the long-τ edge and a rising capacitive tail: \
                     --blocking c or cpe fits a blocking electrode",
            }
        );
    }
    if let Some(path) = &a.plot {
        figures::drt(&r.tau_s, &r.gamma_ohm).write(path)?;
    }
    if a.json {
        let mut stamp = a.band.options()?;
        stamp["lambda"] = json!(r.lambda);
        stamp["lambda_method"] = json!(r.lambda_method);
        stamp["inductance"] = json!(a.inductance);
        stamp["blocking"] = json!(a.blocking.as_deref().unwrap_or("none"));
        stamp["negative"] = json!(a.negative);
        let mut value = serde_json::to_value(&r)?;
        if let Some(sg) = &suggestion {
            value["suggestion"] = json!({
                "circuit": sg.circuit,
                "initial": sg.initial.iter().map(|(n, v)| json!({"name": n, "value": v})).collect::<Vec<_>>(),
            });
        }
        return print_json(&value, &Stamp::model("eis drt", &stamp)?);
    }
    println!(
        "DRT (Gaussian RBF, λ = {} by {}), R∞ = {} Ω, RMS misfit {} Ω ({} % of |Z|)",
        sig(r.lambda, 3),
        r.lambda_method,
        sig(r.r_inf_ohm, 4),
        sig(r.rms_residual_ohm, 3),
        sig(100.0 * r.rms_relative_residual, 3)
    );
    if let Some(l) = r.series.inductance_h {
        println!("series L = {} H", sig(l, 4));
    }
    if let Some(c) = r.series.capacitance_f {
        println!("blocking C = {} F", sig(c, 4));
    }
    if let (Some(q), Some(n)) = (r.series.cpe_q, r.series.cpe_n) {
        println!("blocking CPE: Q = {} Ω⁻¹ sⁿ, n = {}", sig(q, 4), sig(n, 3));
    }
    let mut t = table(&["peak", "τ (s)", "f (Hz)", "R (Ω)", ""]);
    for (i, p) in r.peaks.iter().enumerate() {
        t.add_row(vec![
            (i + 1).to_string(),
            sig(p.tau_s, 4),
            sig(p.frequency_hz, 4),
            sig(p.resistance_ohm, 4),
            if p.at_edge {
                "at the window's edge"
            } else {
                ""
            }
            .to_string(),
        ]);
    }
    println!("{t}");
    if let Some(sg) = suggestion {
        println!("suggested circuit: {}", sg.circuit);
        let values: Vec<String> = sg.values().iter().map(|v| sig(*v, 4)).collect();
        println!("initial values: {}", values.join(","));
        let names: Vec<&str> = sg.initial.iter().map(|(n, _)| n.as_str()).collect();
        println!("  ({})", names.join(", "));
    }
    Ok(())
}

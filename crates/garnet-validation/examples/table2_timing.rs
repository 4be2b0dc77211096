//! Time the full Table 2 validation run (build + simulate every row, in parallel):
//! `cargo run --release -p garnet-validation --example table2_timing`.

use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let db = garnet_materials::MaterialDb::embedded()?;
    let cells = garnet_lit::CellDb::embedded()?;
    let start = Instant::now();
    let outcomes = garnet_validation::simulate_all(cells.cells(), &db);
    let elapsed = start.elapsed();
    let simulated = outcomes
        .iter()
        .filter(|o| matches!(o, garnet_validation::CellOutcome::Simulated(_)))
        .count();
    println!(
        "{} rows, {simulated} simulated, in {:.3} s ({} threads)",
        outcomes.len(),
        elapsed.as_secs_f64(),
        rayon::current_num_threads()
    );
    Ok(())
}

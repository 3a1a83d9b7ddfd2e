//! Scoring time: `engine::evaluate` over generated declarations and actuals
//! with the built-in rule set (see BENCHMARKS.md).
//!
//! cargo run --release --example scoring -- [--projects 1000,10000,100000] [--reps 5]
//!
//! For each size: the whole `evaluate_text` (parse, check, read actuals and
//! rules, score), then the scoring alone, best of `reps`, in ns per indicator.
//! `--scoring-reps R` repeats the scoring alone R times (evaluate_text once):
//! for `perf record`, so that the profile is the scoring's.

// Measure with the allocator the `jixiao` binary ships with (src/main.rs).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use jixiao::gen::{self, Options};
use std::time::{Duration, Instant};

fn best<T>(reps: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut out = None;
    for _ in 0..reps.max(1) {
        let start = Instant::now();
        let v = f();
        best = best.min(start.elapsed());
        out = Some(v);
    }
    (best, out.expect("at least one run"))
}

fn main() {
    let mut sizes = vec![1000usize, 10_000];
    let mut reps = 5usize;
    let mut scoring_reps = None;
    let args: Vec<String> = std::env::args().skip(1).collect();
    for pair in args.chunks(2) {
        match (pair[0].as_str(), pair.get(1)) {
            ("--projects", Some(v)) => {
                sizes = v
                    .split(',')
                    .map(|s| s.trim().parse().expect("a number"))
                    .collect()
            }
            ("--reps", Some(v)) => reps = v.parse().expect("a number"),
            ("--scoring-reps", Some(v)) => scoring_reps = Some(v.parse().expect("a number")),
            _ => panic!("usage: scoring [--projects N,N…] [--reps R] [--scoring-reps R]"),
        }
    }
    println!(
        "{:>8} {:>10} | {:>14} | {:>10} {:>12} {:>8}",
        "projects", "indicators", "evaluate_text", "scoring", "ns/indicator", "scored"
    );
    for &n in &sizes {
        let options = Options {
            projects: n,
            seed: 1,
            departments: 1,
        };
        let dept = gen::generate(&options);
        let declaration: String = dept.iter().map(gen::declaration).collect();
        let actuals: String = dept.iter().map(gen::actuals).collect();
        let reps = if n >= 100_000 { reps.min(2) } else { reps };
        let all_reps = if scoring_reps.is_some() { 1 } else { reps };
        let (t_all, run) = best(all_reps, || {
            jixiao::evaluate_text(&declaration, &actuals, None)
        });
        let (Some(a), Some(r)) = (run.actuals.as_ref(), run.rules.as_ref()) else {
            panic!(
                "actuals or rules not read: {:?}",
                &run.diagnostics[..run.diagnostics.len().min(3)]
            );
        };
        let ws = &run.checked.workspace;
        let (t_score, ev) = best(scoring_reps.unwrap_or(reps), || {
            jixiao::engine::evaluate(ws, a, r)
        });
        let indicators = ws.indicator_count();
        let scored = ev
            .projects
            .iter()
            .flat_map(|p| p.indicators.iter())
            .filter(|i| i.score.is_some())
            .count();
        println!(
            "{:>8} {:>10} | {:>11.1} ms | {:>7.1} ms {:>12.0} {:>8}",
            n,
            indicators,
            t_all.as_secs_f64() * 1e3,
            t_score.as_secs_f64() * 1e3,
            t_score.as_nanos() as f64 / indicators.max(1) as f64,
            scored
        );
    }
}

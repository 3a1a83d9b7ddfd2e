//! Stage timings of the pipeline on a generated workload, with
//! `std::time::Instant` (see BENCHMARKS.md).
//!
//! cargo run --release --example pipeline -- [--projects 1000,10000,100000] [--seed 1] [--reps 5]
//!
//! For each size: parse (load_text: decode + line index + parse), lower,
//! check, the whole `check_text`, and serde_json's typed parse of the
//! exported JSON of the same workspace. Prints the best of `reps` runs.

use jixiao::{check, gen, load, lower, Workspace};
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
    let mut sizes = vec![1usize, 1000, 10_000];
    let mut seed = 1u64;
    let mut reps = 5usize;
    let args: Vec<String> = std::env::args().skip(1).collect();
    for pair in args.chunks(2) {
        match (pair[0].as_str(), pair.get(1)) {
            ("--projects", Some(v)) => {
                sizes = v
                    .split(',')
                    .map(|s| s.trim().parse().expect("a number"))
                    .collect()
            }
            ("--seed", Some(v)) => seed = v.parse().expect("a number"),
            ("--reps", Some(v)) => reps = v.parse().expect("a number"),
            _ => panic!("usage: pipeline [--projects N,N…] [--seed S] [--reps R]"),
        }
    }
    println!(
        "{:>8} {:>9} {:>8} | {:>9} {:>9} {:>9} {:>9} | {:>8} {:>9} {:>9} | {:>9} {:>9} {:>6}",
        "projects",
        "indicatrs",
        "MB",
        "parse ms",
        "lower ms",
        "check ms",
        "total ms",
        "MB/s",
        "proj/s",
        "ns/ind",
        "json MB",
        "serde ms",
        "ratio"
    );
    for &n in &sizes {
        let text = gen::declaration_text(n, seed);
        let mb = text.len() as f64 / 1e6;
        let reps = if n >= 100_000 { reps.min(3) } else { reps };
        let (t_parse, loaded) = best(reps, || load::load_text("gen.jx", &text));
        let (t_lower, (ws, diags)) = best(reps, || lower::lower(&loaded));
        assert!(
            loaded.diagnostics.is_empty() && diags.is_empty(),
            "generated text has errors"
        );
        let (t_check, _) = best(reps, || check::check(&ws));
        drop(loaded);
        let (t_total, checked) = best(reps, || jixiao::check_text("gen.jx", &text));
        let indicators = checked.workspace.indicator_count();
        drop(checked);
        let json = serde_json::to_string(&ws).expect("serialise");
        let (t_serde, back) = best(reps, || {
            serde_json::from_str::<Workspace>(&json).expect("json")
        });
        assert!(back == ws, "the JSON export does not round-trip");
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        println!(
            "{:>8} {:>9} {:>8.2} | {:>9.2} {:>9.2} {:>9.2} {:>9.2} | {:>8.1} {:>9.0} {:>9.0} | {:>9.2} {:>9.2} {:>6.2}",
            n,
            indicators,
            mb,
            ms(t_parse),
            ms(t_lower),
            ms(t_check),
            ms(t_total),
            mb / t_total.as_secs_f64(),
            n as f64 / t_total.as_secs_f64(),
            t_total.as_nanos() as f64 / indicators.max(1) as f64,
            json.len() as f64 / 1e6,
            ms(t_serde),
            t_total.as_secs_f64() / t_serde.as_secs_f64(),
        );
    }
}

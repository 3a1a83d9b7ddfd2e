//! Stage timings of the pipeline on a generated workload, with
//! `std::time::Instant` (see BENCHMARKS.md).
//!
//! cargo run --release --example pipeline -- [--projects 1000,10000,100000] [--seed 1] [--reps 5]
//!
//! For each size: parse (load_text: decode + line index + parse), lower,
//! check, the whole `check_text` (wall, and CPU of all threads), and
//! serde_json's typed parse of the exported JSON of the same workspace.
//! Prints the best of `reps` runs (wall time).

// Measure with the allocator the `jixiao` binary ships with (src/main.rs).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use jixiao::{check, gen, load, lower, Workspace};
use std::time::{Duration, Instant};

/// CPU time of this process so far (user + system, all threads), from
/// /proc/self/stat; zero where that is missing. Less disturbed than wall
/// time when other work shares the machine.
fn cpu() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<u64> = after
        .split_whitespace()
        .map(|x| x.parse().unwrap_or(0))
        .collect();
    // Fields 14 and 15 of stat (utime, stime), counted after the ")".
    let ticks = f.get(11).copied().unwrap_or(0) + f.get(12).copied().unwrap_or(0);
    Duration::from_millis(ticks * 10)
}

/// The best wall time of `reps` runs, with the CPU time of that run.
fn best<T>(reps: usize, mut f: impl FnMut() -> T) -> (Duration, Duration, T) {
    let mut best = (Duration::MAX, Duration::ZERO);
    let mut out = None;
    for _ in 0..reps.max(1) {
        let (start, cpu_start) = (Instant::now(), cpu());
        let v = f();
        let wall = start.elapsed();
        if wall < best.0 {
            best = (wall, cpu().saturating_sub(cpu_start));
        }
        out = Some(v);
    }
    (best.0, best.1, out.expect("at least one run"))
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
        "{:>8} {:>9} {:>8} | {:>9} {:>9} {:>9} {:>9} {:>8} | {:>8} {:>9} {:>9} | {:>9} {:>9} {:>6}",
        "projects",
        "indicatrs",
        "MB",
        "parse ms",
        "lower ms",
        "check ms",
        "total ms",
        "cpu ms",
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
        let (t_parse, _, loaded) = best(reps, || load::load_text("gen.jx", &text));
        let (t_lower, _, (ws, diags)) = best(reps, || lower::lower(&loaded));
        assert!(
            loaded.diagnostics.is_empty() && diags.is_empty(),
            "generated text has errors"
        );
        let (t_check, _, _) = best(reps, || check::check(&ws));
        drop(loaded);
        let (t_total, c_total, checked) = best(reps, || jixiao::check_text("gen.jx", &text));
        let indicators = checked.workspace.indicator_count();
        drop(checked);
        let json = serde_json::to_string(&ws).expect("serialise");
        let (t_serde, _, back) = best(reps, || {
            serde_json::from_str::<Workspace>(&json).expect("json")
        });
        assert!(back == ws, "the JSON export does not round-trip");
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        println!(
            "{:>8} {:>9} {:>8.2} | {:>9.2} {:>9.2} {:>9.2} {:>9.2} {:>8.0} | {:>8.1} {:>9.0} {:>9.0} | {:>9.2} {:>9.2} {:>6.2}",
            n,
            indicators,
            mb,
            ms(t_parse),
            ms(t_lower),
            ms(t_check),
            ms(t_total),
            ms(c_total),
            mb / t_total.as_secs_f64(),
            n as f64 / t_total.as_secs_f64(),
            t_total.as_nanos() as f64 / indicators.max(1) as f64,
            json.len() as f64 / 1e6,
            ms(t_serde),
            t_total.as_secs_f64() / t_serde.as_secs_f64(),
        );
    }
}

//! Pipeline benchmarks on generated workloads (see BENCHMARKS.md).
//!
//!     cargo bench --bench pipeline                      # 1, 1k and 10k projects
//!     JIXIAO_BENCH_100K=1 cargo bench --bench pipeline  # and 100k (≈ 263 MB)
//!
//! Every size runs parse, lower + check, the whole `check_text`, and
//! serde_json's typed parse of the exported JSON of the same workspace (the
//! figure the pipeline is compared against). Evaluation and formatting
//! benches belong here too once those stages exist: add a function per
//! stage with the same `args`.

use divan::counter::{BytesCount, ItemsCount};
use divan::{black_box, Bencher};
use jixiao::{check, gen, load, lower, Workspace};

const SEED: u64 = 1;

fn main() {
    divan::main();
}

/// 1, 1,000 and 10,000 projects; 100,000 too when JIXIAO_BENCH_100K is set.
fn sizes() -> Vec<usize> {
    let mut s = vec![1, 1_000, 10_000];
    if std::env::var_os("JIXIAO_BENCH_100K").is_some() {
        s.push(100_000);
    }
    s
}

fn text(projects: usize) -> String {
    gen::declaration_text(projects, SEED)
}

/// Decode, line index and both parsing passes.
#[divan::bench(args = sizes(), sample_count = 10)]
fn parse(bencher: Bencher, projects: usize) {
    let text = text(projects);
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| load::load_text("gen.jx", black_box(&text)));
}

/// Syntax tree → model, then every finding.
#[divan::bench(args = sizes(), sample_count = 10)]
fn lower_check(bencher: Bencher, projects: usize) {
    let loaded = load::load_text("gen.jx", &text(projects));
    let (ws, _) = lower::lower(&loaded);
    bencher
        .counter(ItemsCount::new(ws.indicator_count()))
        .bench(|| {
            let (ws, diagnostics) = lower::lower(black_box(&loaded));
            (check::check(&ws), ws, diagnostics)
        });
}

/// Text → checked workspace: what `jixiao check` does after reading.
#[divan::bench(args = sizes(), sample_count = 10)]
fn check_text(bencher: Bencher, projects: usize) {
    let text = text(projects);
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| jixiao::check_text("gen.jx", black_box(&text)));
}

/// serde_json's typed parse of the exported JSON of the same workspace.
#[divan::bench(args = sizes(), sample_count = 10)]
fn serde_json_typed(bencher: Bencher, projects: usize) {
    let ws = jixiao::check_text("gen.jx", &text(projects)).workspace;
    let json = serde_json::to_string(&ws).expect("serialise");
    let back: Workspace = serde_json::from_str(&json).expect("parse");
    assert!(back == ws, "the exported JSON does not round-trip");
    bencher
        .counter(BytesCount::of_str(&json))
        .bench(|| serde_json::from_str::<Workspace>(black_box(&json)).expect("parse"));
}

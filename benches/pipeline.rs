//! Pipeline benchmarks on generated workloads (see BENCHMARKS.md).
//!
//!     cargo bench --bench pipeline                      # 1, 1k and 10k projects
//!     JIXIAO_BENCH_100K=1 cargo bench --bench pipeline  # and 100k (≈ 263 MB)
//!
//! Every size runs parse, lower + check, the whole `check_text`, scoring
//! (`engine::evaluate` with the built-in rules on generated actuals), and
//! serde_json's typed parse of the exported JSON of the same workspace (the
//! figure the pipeline is compared against). Formatting belongs here too:
//! add a function per stage with the same `args`.

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

/// Scoring alone: declarations and actuals read once, then evaluated.
#[divan::bench(args = sizes(), sample_count = 10)]
fn evaluate(bencher: Bencher, projects: usize) {
    let options = gen::Options {
        projects,
        seed: SEED,
        departments: 1,
    };
    let dept = gen::generate(&options);
    let declaration: String = dept.iter().map(gen::declaration).collect();
    let actuals: String = dept.iter().map(gen::actuals).collect();
    let run = jixiao::evaluate_text(&declaration, &actuals, None);
    let (Some(a), Some(r)) = (run.actuals.as_ref(), run.rules.as_ref()) else {
        panic!("generated actuals or the built-in rules were not read");
    };
    let ws = &run.checked.workspace;
    bencher
        .counter(ItemsCount::new(ws.indicator_count()))
        .bench(|| jixiao::engine::evaluate(black_box(ws), a, r));
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

//! `jixiao audit` on generated forms (issue 19): 1,000 forms of
//! `jixiao gen --forms 1000 --plant 10 --seed 1`, each audited as the audit
//! command does it — `evaluate_paths` of the form's file (read, parse,
//! lower, check, score under central-2020), then `audit::audit`.
//!
//!     cargo bench --bench audit
//!
//! `sequential` is one core; `two_threads` deals the files to a rayon pool
//! of two threads (this machine's cores), as a folder audit can. The goal
//! (issue 19): under a second per 1,000 forms. See BENCHMARKS.md and
//! benches/audit.sh for the end-to-end figure of the binary.

use divan::counter::ItemsCount;
use divan::{black_box, Bencher};
use jixiao::gen::form_files::{self, FormsOptions};
use jixiao::LoadOptions;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

const FORMS: usize = 1000;

fn main() {
    divan::main();
}

/// The forms, written once into a temporary folder kept for the run.
fn forms() -> &'static [PathBuf] {
    static FILES: std::sync::OnceLock<(tempfile::TempDir, Vec<PathBuf>)> =
        std::sync::OnceLock::new();
    let (_, files) = FILES.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let options = FormsOptions {
            forms: FORMS,
            plant: 10,
            seed: 1,
        };
        form_files::write(dir.path(), &options).expect("the forms written");
        let files = (0..FORMS)
            .map(|i| dir.path().join(form_files::file_name(i)))
            .collect();
        (dir, files)
    });
    files
}

/// One form read and scored, as `jixiao audit` does.
fn evaluate(file: &Path) -> jixiao::Evaluated {
    jixiao::evaluate_paths(&[file.to_path_buf()], None, None, &LoadOptions::default())
}

/// One form audited: its findings.
fn audit(file: &Path) -> usize {
    let evaluated = evaluate(file);
    let label = file.to_string_lossy();
    jixiao::audit::audit(&evaluated, &label).findings.len()
}

#[divan::bench(sample_count = 10)]
fn sequential(bencher: Bencher) {
    let files = forms();
    bencher
        .counter(ItemsCount::new(files.len()))
        .bench(|| files.iter().map(|f| audit(black_box(f))).sum::<usize>());
}

#[divan::bench(sample_count = 10)]
fn two_threads(bencher: Bencher) {
    let files = forms();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .expect("a pool of two threads");
    bencher
        .counter(ItemsCount::new(files.len()))
        .bench(|| pool.install(|| files.par_iter().map(|f| audit(black_box(f))).sum::<usize>()));
}

/// Where the time goes, per stage over the same 1,000 forms: the form read
/// and scored (`evaluate_paths`), and the audit of the evaluated form.
#[divan::bench(sample_count = 5)]
fn stage_evaluate_paths(bencher: Bencher) {
    let files = forms();
    bencher.counter(ItemsCount::new(files.len())).bench(|| {
        files
            .iter()
            .map(|f| evaluate(f).diagnostics.len())
            .sum::<usize>()
    });
}

#[divan::bench(sample_count = 5)]
fn stage_audit(bencher: Bencher) {
    let evaluated: Vec<_> = forms().iter().map(|f| evaluate(f)).collect();
    bencher.counter(ItemsCount::new(evaluated.len())).bench(|| {
        evaluated
            .iter()
            .map(|e| jixiao::audit::audit(black_box(e), "表").findings.len())
            .sum::<usize>()
    });
}

/// The shipped rule sets read (`audit::explain` reads them for each form).
#[divan::bench(sample_count = 5)]
fn stage_read_shipped_rule_sets(bencher: Bencher) {
    let shipped = jixiao::audit::shipped_rule_sets();
    bencher.counter(ItemsCount::new(shipped.len())).bench(|| {
        shipped
            .iter()
            .filter(|(name, text)| jixiao::parse_rules(name, black_box(text)).0.is_some())
            .count()
    });
}

//! A streamed evaluation (`jixiao::evaluate_to`, what `jixiao eval` runs)
//! writes the same report and finds the same diagnostics as a whole one
//! (`jixiao::evaluate_paths` rendered by `jixiao::report`), in every format
//! and in the cases where streaming must decide something early: repeated,
//! undeclared, unreadable and missing actuals, repeated declared projects,
//! several departments, a department the actuals do not name, rule files
//! with errors or with declarations in them.

use jixiao::report::Format;
use jixiao::{evaluate_paths, evaluate_to, LoadOptions};
use std::path::{Path, PathBuf};

const FORMATS: [Format; 4] = [Format::Table, Format::Markdown, Format::Csv, Format::Json];

fn whole(
    decl: &[PathBuf],
    actuals: Option<&Path>,
    rules: Option<&Path>,
    f: Format,
    explain: bool,
) -> (Option<String>, Vec<jixiao::Diagnostic>) {
    let run = evaluate_paths(decl, actuals, rules, &LoadOptions::default());
    let text = run.evaluation.as_ref().map(|ev| match f {
        Format::Table => jixiao::report::table(ev, explain),
        Format::Markdown => jixiao::report::markdown(ev, explain),
        Format::Csv => jixiao::report::csv::render(ev),
        Format::Json => jixiao::report::json(ev, &run.diagnostics, run.sources()),
    });
    (text, run.diagnostics)
}

/// Streamed and whole agree in `format`; returns the streamed report.
fn agree(
    decl: &[PathBuf],
    actuals: Option<&Path>,
    rules: Option<&Path>,
    f: Format,
    explain: bool,
) -> Option<String> {
    let (expected, diagnostics) = whole(decl, actuals, rules, f, explain);
    let mut out = Vec::new();
    let streamed = evaluate_to(
        decl,
        actuals,
        rules,
        &LoadOptions::default(),
        f,
        explain,
        &mut out,
    );
    let text = String::from_utf8(out).expect("UTF-8");
    assert_eq!(streamed.reported, expected.is_some(), "reported, {f:?}");
    if let Some(expected) = &expected {
        same(&text, expected, &format!("{f:?} explain={explain}"));
    }
    assert_eq!(
        streamed.diagnostics.len(),
        diagnostics.len(),
        "diagnostics, {f:?}"
    );
    for (k, (s, w)) in streamed.diagnostics.iter().zip(&diagnostics).enumerate() {
        assert_eq!(s, w, "diagnostic {k}, {f:?}");
    }
    streamed.reported.then_some(text)
}

/// Equal texts, or a failure that shows where they part (a report is long).
fn same(got: &str, expected: &str, what: &str) {
    if got == expected {
        return;
    }
    let at = got
        .bytes()
        .zip(expected.bytes())
        .position(|(a, b)| a != b)
        .unwrap_or(got.len().min(expected.len()));
    let around = |t: &str| {
        let (from, to) = (at.saturating_sub(120), at + 120);
        t.char_indices()
            .filter(|(i, _)| (from..to).contains(i))
            .map(|(_, c)| c)
            .collect::<String>()
    };
    panic!(
        "{what}: streamed and whole differ at byte {at} (lengths {} and {})\nstreamed: {:?}\nwhole:    {:?}",
        got.len(),
        expected.len(),
        around(got),
        around(expected)
    );
}

fn agree_all(decl: &[PathBuf], actuals: Option<&Path>, rules: Option<&Path>) -> Option<String> {
    agree_in(decl, actuals, rules, &[false, true])
}

/// [`agree_all`] with or without `--explain`.
fn agree_in(
    decl: &[PathBuf],
    actuals: Option<&Path>,
    rules: Option<&Path>,
    explains: &[bool],
) -> Option<String> {
    let mut csv = None;
    for f in FORMATS {
        for &explain in explains {
            let text = agree(decl, actuals, rules, f, explain);
            if f == Format::Csv {
                csv = text;
            }
        }
    }
    csv
}

struct Workload {
    dir: tempfile::TempDir,
    decl: String,
    actuals: String,
}

impl Workload {
    /// A generated department of `projects` projects with its actuals.
    fn generated(projects: usize) -> Workload {
        let dept = jixiao::gen::generate(&jixiao::gen::Options {
            projects,
            seed: 7,
            departments: 1,
        });
        Workload {
            dir: tempfile::tempdir().expect("temp dir"),
            decl: dept.iter().map(jixiao::gen::declaration).collect(),
            actuals: dept.iter().map(jixiao::gen::actuals).collect(),
        }
    }
    fn write(&self, name: &str, text: &str) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, text).expect("write");
        p
    }
    /// Evaluate in every format both ways; the CSV report.
    fn agree(&self) -> Option<String> {
        let d = self.write("申报.jx", &self.decl);
        let a = self.write("自评.jx", &self.actuals);
        agree_all(&[d], Some(&a), None)
    }
    /// [`Workload::agree`] without `--explain` (for a large workload).
    fn agree_plain(&self) -> Option<String> {
        let d = self.write("申报.jx", &self.decl);
        let a = self.write("自评.jx", &self.actuals);
        agree_in(&[d], Some(&a), None, &[false])
    }
}

/// The project blocks (`  项目 "…" { … }` at depth one) of a text, as ranges.
fn blocks(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if line.starts_with("  项目 \"") {
            start = Some(at);
        } else if line == "  }\n" {
            if let Some(s) = start.take() {
                out.push(s..at + line.len());
            }
        }
        at += line.len();
    }
    out
}

fn block(text: &str, k: usize) -> String {
    let b = blocks(text);
    text[b[k].clone()].to_string()
}

#[test]
fn the_bundled_example_streams_as_it_evaluates_whole() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/songjiang-npc-2025");
    let csv = agree_all(std::slice::from_ref(&dir), None, None).expect("a report");
    assert!(csv.contains("松江人大网络信息系统维护,指标,"));
    let hubei = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/hubei-2020.jx");
    agree_all(&[dir], None, Some(&hubei)).expect("a report");
}

#[test]
fn a_generated_department_across_chunks_streams_as_it_evaluates_whole() {
    // More than one chunk of 1,024 projects, scored in parallel.
    let w = Workload::generated(1100);
    let csv = w.agree_plain().expect("a report");
    assert_eq!(csv.matches(",总分,").count(), 1100);
}

#[test]
fn repeated_undeclared_unreadable_and_missing_actuals() {
    let mut w = Workload::generated(80);
    let first = block(&w.actuals, 0);
    let third = block(&w.actuals, 2);
    let fifth_name = block(&w.actuals, 4);
    let mut a = w.actuals.clone();
    // A syntax error inside the fourth block: one bad line, the rest of the
    // block read (issue 17); its first indicator line made unreadable too.
    let fourth = blocks(&a)[3].clone();
    let body = block(&a, 3);
    let head = body.find('\n').unwrap() + 1;
    let line = body
        .lines()
        .position(|l| !l.trim_start().starts_with(['预', '执', '项']))
        .unwrap();
    let at = body
        .lines()
        .take(line + 1)
        .map(|l| l.len() + 1)
        .sum::<usize>()
        - 1;
    a.insert_str(fourth.start + at, " @@@");
    a.insert_str(fourth.start + head, "    预算 @@@\n");
    // Missing: the fifth block removed.
    a = a.replacen(&fifth_name, "", 1);
    // Repeated: the first block again at the end; undeclared: the third
    // renamed a little (a suggestion) and a new one.
    let end = a.rfind('}').unwrap();
    let renamed = third.replacen("项目 \"", "项目 \"新", 1);
    let unknown = first.replacen("项目 \"", "项目 \"完全不同的名称", 1);
    a.insert_str(end, &format!("{first}{renamed}{unknown}"));
    w.actuals = a;
    // A repeated declared project.
    let p = block(&w.decl, 1);
    let end = w.decl.rfind('}').unwrap();
    w.decl.insert_str(end, &p);
    let csv = w.agree().expect("a report");
    assert!(!csv.contains("自评块有语法错误"), "no project is voided");
    // In its row's 偏差原因 and its trace.
    assert_eq!(
        csv.matches("完成值这一行有语法错误").count(),
        2,
        "the indicator on the bad line is unscored"
    );
}

#[test]
fn several_departments_and_a_year_that_differs() {
    let mut w = Workload::generated(70);
    let other = w.decl.replacen("部门 \"", "部门 \"另一个", 1);
    w.decl = format!("{other}\n{}", w.decl);
    w.actuals = w.actuals.replacen(" 2025 {", " 2024 {", 1);
    w.agree().expect("a report");
}

#[test]
fn actuals_naming_no_declared_department() {
    let mut w = Workload::generated(70);
    w.actuals = w.actuals.replacen("自评 \"", "自评 \"别的", 1);
    // The only department is evaluated, with a warning.
    w.agree().expect("a report");
    // With two departments, neither: an error and an empty report.
    let other = w.decl.replacen("部门 \"", "部门 \"另一个", 1);
    w.decl = format!("{other}\n{}", w.decl);
    w.agree().expect("a report");
}

#[test]
fn rule_files_with_errors_or_declarations() {
    let w = Workload::generated(70);
    let d = w.write("申报.jx", &w.decl);
    let a = w.write("自评.jx", &w.actuals);
    let central = include_str!("../rules/central-2020.jx");
    let broken = w.write(
        "坏规则.jx",
        &format!("{central}\n规则 \"坏\" {{ 公式 @@ }}\n"),
    );
    assert_eq!(
        agree(
            std::slice::from_ref(&d),
            Some(&a),
            Some(&broken),
            Format::Csv,
            false
        ),
        None
    );
    let mixed = w.write(
        "混合.jx",
        &format!("{central}\n{}", block(&w.decl, 0).replace("  项目", "项目")),
    );
    for f in FORMATS {
        agree(std::slice::from_ref(&d), Some(&a), Some(&mixed), f, false);
    }
    let missing = w.dir.path().join("没有这个文件.jx");
    assert_eq!(
        agree(
            std::slice::from_ref(&d),
            Some(&a),
            Some(&missing),
            Format::Json,
            false
        ),
        None
    );
    let no_actuals = w.write("空.jx", "# 没有自评块\n");
    assert_eq!(
        agree(&[d], Some(&no_actuals), None, Format::Table, false),
        None
    );
}

#[test]
fn declaration_and_actuals_in_one_file() {
    let w = Workload::generated(70);
    let both = w.write("全部.jx", &format!("{}\n{}", w.decl, w.actuals));
    // Found by itself (the one file with a 自评 block), or named.
    agree_all(std::slice::from_ref(&both), None, None).expect("a report");
    agree_in(std::slice::from_ref(&both), Some(&both), None, &[false]).expect("a report");
}

/// Texts held in memory stream as they evaluate whole, too (there the
/// actuals are not a root file, and are read after the declarations).
#[test]
fn texts_in_memory_stream_as_they_evaluate_whole() {
    let mut w = Workload::generated(90);
    let first = block(&w.actuals, 0);
    let end = w.actuals.rfind('}').unwrap();
    // A repeated and a broken actuals project: diagnostics in the actuals.
    let broken = block(&w.actuals, 1).replacen("预算", "预算 @@", 1);
    w.actuals.insert_str(end, &format!("{first}{broken}"));
    let hubei = include_str!("../rules/hubei-2020.jx");
    for rules in [None, Some(hubei)] {
        for f in FORMATS {
            let run = jixiao::evaluate_text(&w.decl, &w.actuals, rules);
            let ev = run.evaluation.as_ref().expect("evaluated");
            let expected = match f {
                Format::Table => jixiao::report::table(ev, false),
                Format::Markdown => jixiao::report::markdown(ev, false),
                Format::Csv => jixiao::report::csv::render(ev),
                Format::Json => jixiao::report::json(ev, &run.diagnostics, run.sources()),
            };
            let mut out = Vec::new();
            let s = jixiao::evaluate_text_to(&w.decl, &w.actuals, rules, f, false, &mut out);
            same(
                &String::from_utf8(out).expect("UTF-8"),
                &expected,
                &format!("{f:?}"),
            );
            assert_eq!(s.diagnostics, run.diagnostics, "{f:?}");
            assert!(
                s.diagnostics.iter().any(|d| d.code == "JX-V005"),
                "a repeated actual"
            );
        }
    }
}

#[test]
fn a_closed_output_stops_writing_but_not_the_evaluation() {
    struct Closed;
    impl std::io::Write for Closed {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let w = Workload::generated(70);
    let d = w.write("申报.jx", &w.decl);
    let a = w.write("自评.jx", &w.actuals);
    let run = evaluate_to(
        std::slice::from_ref(&d),
        Some(&a),
        None,
        &LoadOptions::default(),
        Format::Csv,
        false,
        &mut Closed,
    );
    assert!(run.reported);
    assert_eq!(
        run.diagnostics,
        whole(&[d], Some(&a), None, Format::Csv, false).1
    );
}

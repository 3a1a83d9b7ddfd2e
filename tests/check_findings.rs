//! The findings catalogue (issue 3): every finding has a fixture that
//! triggers it and one that does not, under tests/cases/check/<code>/, with
//! snapshots of what the user sees (human and JSON).

use jixiao::diagnostic::{codes, json, render};
use jixiao::Checked;
use std::path::{Path, PathBuf};

/// The code families this catalogue adds.
const FAMILIES: [&str; 6] = ["JX-F", "JX-D", "JX-T", "JX-G", "JX-C", "JX-A"];

/// Findings with a JX-M code: hidden characters in names (issue 15).
const NAME_FINDINGS: [&str; 3] = ["JX-M015", "JX-M016", "JX-M017"];

fn is_finding(code: &str) -> bool {
    FAMILIES.iter().any(|f| code.starts_with(f)) || NAME_FINDINGS.contains(&code)
}

/// Findings only scoring reports (they depend on the rule set, which
/// `check` does not read): documented here, tested where they are scored.
const SCORING_ONLY: [&str; 1] = [
    // 无比较符 报错: tests/eval_targets.rs.
    "JX-T007",
];

fn finding_codes() -> Vec<&'static str> {
    codes::ALL
        .iter()
        .map(|c| c.code)
        .filter(|c| is_finding(c) && !SCORING_ONLY.contains(c))
        .collect()
}

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/check")
}

fn rendered(checked: &Checked) -> String {
    let opts = render::RenderOptions {
        color: false,
        width: Some(100),
    };
    let human = render::render_all(&checked.diagnostics, checked.sources(), opts);
    let report = json::report(&checked.diagnostics, checked.sources());
    let json = serde_json::to_string_pretty(&report).unwrap();
    let human = if human.trim().is_empty() {
        "（没有发现）\n".to_string()
    } else {
        human
    };
    format!("── human ──\n{human}\n── json ──\n{json}\n")
}

fn check_fixture(code: &str, kind: &str) -> (Checked, String) {
    let rel = format!("tests/cases/check/{code}/{kind}.jx");
    let text = std::fs::read_to_string(cases_dir().join(code).join(format!("{kind}.jx")))
        .unwrap_or_else(|e| panic!("{rel}: {e}"));
    (jixiao::check_text(&rel, &text), text)
}

/// Codes a bad fixture declares on its first line besides its own:
/// `# JX-T002 会报告；同时报告 JX-T004`.
fn also_reported(text: &str) -> Vec<String> {
    let first = text.lines().next().unwrap_or("");
    match first.split_once("同时报告") {
        Some((_, rest)) => rest
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .filter(|w| w.starts_with("JX-"))
            .map(str::to_string)
            .collect(),
        None => Vec::new(),
    }
}

#[test]
fn every_finding_has_a_bad_and_a_good_fixture() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots/check");
    settings.set_prepend_module_to_snapshot(false);
    let _guard = settings.bind_to_scope();
    let codes = finding_codes();
    assert!(codes.len() >= 30, "catalogue too small: {codes:?}");
    for code in codes {
        let (bad, text) = check_fixture(code, "bad");
        let got: Vec<&str> = bad.diagnostics.iter().map(|d| d.code).collect();
        assert!(
            got.contains(&code),
            "{code}/bad.jx does not report {code}: {got:?}"
        );
        let mut expected: Vec<String> = also_reported(&text);
        expected.push(code.to_string());
        for e in &expected {
            assert!(
                got.contains(&e.as_str()),
                "{code}/bad.jx declares {e} but does not report it: {got:?}"
            );
        }
        for g in &got {
            assert!(
                expected.iter().any(|e| e == g),
                "{code}/bad.jx reports {g}, not declared on its first line: {got:?}"
            );
        }
        insta::assert_snapshot!(format!("{code}-bad"), rendered(&bad));

        let (good, _) = check_fixture(code, "good");
        assert!(
            good.diagnostics.is_empty(),
            "{code}/good.jx should be clean, got {:?}",
            good.diagnostics
                .iter()
                .map(|d| (d.code, d.message.clone()))
                .collect::<Vec<_>>()
        );
        insta::assert_snapshot!(format!("{code}-good"), rendered(&good));
    }
}

#[test]
fn every_finding_is_documented() {
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/findings.md"))
            .expect("docs/findings.md");
    for c in codes::ALL.iter().filter(|c| is_finding(c.code)) {
        let row = doc
            .lines()
            .find(|l| l.starts_with(&format!("| {} ", c.code)))
            .unwrap_or_else(|| panic!("{} has no row in docs/findings.md", c.code));
        assert!(
            row.contains(c.title),
            "{}: row does not carry the title “{}”",
            c.code,
            c.title
        );
        assert!(
            row.contains(c.severity.chinese()),
            "{}: row does not carry the severity",
            c.code
        );
    }
}

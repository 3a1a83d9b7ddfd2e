//! Real-world spellings (issue 17): every case under `tests/cases/variants/`
//! is a piece of a published form, written as `.jx`, and its snapshot shows
//! what the user sees — `check`, what `fmt` would change, and (when the case
//! has a `自评.jx`) the explained evaluation.
//!
//! A case is a directory `tests/cases/variants/<area>/<case>/` holding
//! `申报.jx`, and optionally `自评.jx` and `规则.jx`. One of its files names
//! the published form it comes from in a comment (`# 来源：https://…`).

#[path = "common/cli.rs"]
mod cli;

use std::path::{Path, PathBuf};

const ROOT: &str = "tests/cases/variants";

/// Every case directory, sorted.
fn cases() -> Vec<PathBuf> {
    let mut cases = Vec::new();
    let Ok(areas) = std::fs::read_dir(ROOT) else {
        return cases;
    };
    for area in areas.flatten() {
        let area = area.path();
        if !area.is_dir() || area.ends_with("snapshots") {
            continue;
        }
        for case in std::fs::read_dir(&area).unwrap().flatten() {
            if case.path().join("申报.jx").is_file() {
                cases.push(case.path());
            }
        }
    }
    cases.sort();
    cases
}

fn has_source(dir: &Path) -> bool {
    ["申报.jx", "自评.jx", "规则.jx"].iter().any(|f| {
        std::fs::read_to_string(dir.join(f)).is_ok_and(|text| {
            text.lines().any(|l| {
                let l = l.trim_start();
                (l.starts_with('#') || l.starts_with('＃'))
                    && (l.contains("来源：http") || l.contains("来源: http"))
            })
        })
    })
}

fn show(out: &mut String, dir: &Path, args: &[&str]) {
    let run = cli::jixiao_in(dir, args);
    out.push_str(&format!("$ jixiao {}\n", args.join(" ")));
    out.push_str(&run.out);
    if !run.err.is_empty() {
        out.push_str(&run.err);
    }
    out.push_str(&format!("[退出码 {}]\n\n", run.code));
}

fn run_case(dir: &Path) -> String {
    let mut out = String::new();
    show(&mut out, dir, &["check", "申报.jx"]);
    show(&mut out, dir, &["fmt", "--check", "申报.jx"]);
    if dir.join("自评.jx").is_file() {
        show(&mut out, dir, &["fmt", "--check", "自评.jx"]);
        let mut args = vec!["eval", "申报.jx", "--actuals", "自评.jx", "--explain"];
        if dir.join("规则.jx").is_file() {
            args.extend(["--rules", "规则.jx"]);
        }
        show(&mut out, dir, &args);
    }
    out
}

#[test]
fn every_variant_is_snapshotted() {
    let cases = cases();
    // Issue 17's acceptance: at least 40 real-world spellings.
    assert!(cases.len() >= 40, "only {} variant cases", cases.len());
    for dir in &cases {
        assert!(
            has_source(dir),
            "{}: no “# 来源：https://…” comment names the published form",
            dir.display()
        );
        let area = dir.parent().unwrap().file_name().unwrap().to_string_lossy();
        let case = dir.file_name().unwrap().to_string_lossy();
        let output = run_case(dir);
        insta::with_settings!({
            snapshot_path => "cases/variants/snapshots",
            prepend_module_to_snapshot => false,
            description => format!("{area}/{case}"),
            omit_expression => true,
        }, {
            insta::assert_snapshot!(format!("{area}__{case}"), output);
        });
    }
}

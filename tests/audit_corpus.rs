//! `jixiao audit`'s findings on the published 自评表 of
//! `tests/corpus/selfeval/` (issue 19 acceptance): under each form's own
//! rule set, every printed score `期望.tsv` marks 重现 has no finding on its
//! line, and every one marked 不同 is flagged with exactly the code of its
//! `代码` column — written by hand from the cause the form's README states
//! (达标而扣分 → JX-H002, 取整 → JX-H003, 截断、另扣、判语 → JX-H001,
//! the budget line's → JX-H008), never from what jixiao outputs.
//!
//! The snapshot is the table 表 × 印出的得分 × 重现 × 标出 × 标出的代码, and
//! every other audit finding of each form (小计, 合计, 等级, 预算栏 …), each
//! read against the printed form when accepted.

#[path = "common/cli.rs"]
mod cli;
#[path = "common/selfeval.rs"]
mod selfeval;

use jixiao::audit::{FormAudit, Line};
use selfeval::{expectations, Expect, BUDGET};
use std::fmt::Write;
use std::path::Path;

/// The form's own rule set: the spec with the most indicator rows, a
/// `/折算` one (the 对照 of a form with its own points) only when alone.
fn main_spec(rows: &[Expect]) -> String {
    let mut best: Option<(usize, bool, &str)> = None;
    for r in rows {
        let n = rows
            .iter()
            .filter(|o| o.rules == r.rules && o.name != BUDGET)
            .count();
        let key = (n, !r.rules.ends_with("/折算"), r.rules.as_str());
        if best.is_none_or(|b| (key.0, key.1) > (b.0, b.1)) {
            best = Some(key);
        }
    }
    best.map(|b| b.2.to_string()).unwrap_or_default()
}

/// The rule file's base name (`central-2020/采用` → `central-2020`).
fn base(spec: &str) -> &str {
    spec.split('/').next().unwrap_or(spec)
}

/// Expects judged under the main rule set: its own, and those of the same
/// rule file not scaled (`central-2020` budget rows of a `/采用` form); the
/// others are 对照.
fn judged<'a>(rows: &'a [Expect], main: &str) -> Vec<&'a Expect> {
    rows.iter()
        .filter(|r| r.rules == main || (base(&r.rules) == base(main) && !r.rules.contains('/')))
        .collect()
}

fn audit(dir: &Path, spec: &str, tmp: &Path) -> FormAudit {
    let rules = selfeval::rule_file(spec, tmp);
    let run = jixiao::evaluate_paths(
        &[dir.to_path_buf()],
        None,
        Some(&rules),
        &jixiao::LoadOptions::default(),
    );
    jixiao::audit::audit(&run, &dir.display().to_string())
}

fn line_of(r: &Expect) -> Line {
    if r.name == BUDGET {
        Line::Budget
    } else {
        Line::Indicator(r.name.clone())
    }
}

#[test]
fn every_printed_score_is_reproduced_or_flagged_with_its_code() {
    let tmp = tempfile::tempdir().unwrap();
    let mut table = String::from("表\t规则集\t印出的得分\t重现\t标出\t标出的代码\n");
    let mut others = String::new();
    let mut wrong = Vec::new();
    let mut totals = (0, 0, 0);
    for dir in selfeval::forms() {
        let form = dir.file_name().unwrap().to_string_lossy().to_string();
        let rows = expectations(&dir);
        let main = main_spec(&rows);
        let audited = audit(&dir, &main, tmp.path());
        let judged = judged(&rows, &main);
        let mut codes = Vec::new();
        let (mut same, mut flagged) = (0, 0);
        for r in &judged {
            let line = line_of(r);
            let on_line: Vec<&str> = audited
                .findings
                .iter()
                .filter(|f| f.line == line)
                .filter(|f| r.project.as_ref().is_none_or(|p| &f.project == p))
                .filter(|f| f.code.starts_with("JX-H"))
                .map(|f| f.code)
                .collect();
            let at = format!("{form} {} {} ({main})", r.name, r.printed);
            if r.reproduced {
                same += 1;
                if !on_line.is_empty() {
                    wrong.push(format!("{at}: 重现, yet flagged {on_line:?}"));
                }
            } else {
                if on_line.len() == 1 {
                    flagged += 1;
                }
                if on_line != [r.code.as_str()] {
                    wrong.push(format!("{at}: 不同 {}, flagged {on_line:?}", r.code));
                }
                codes.extend(on_line);
            }
        }
        totals.0 += judged.len();
        totals.1 += same;
        totals.2 += flagged;
        writeln!(
            table,
            "{form}\t{main}\t{}\t{same}\t{flagged}\t{}",
            judged.len(),
            codes.join(" ")
        )
        .unwrap();
        let scored: Vec<Line> = judged.iter().map(|r| line_of(r)).collect();
        writeln!(others, "## {form}").unwrap();
        for f in audited
            .findings
            .iter()
            .filter(|f| !(f.code.starts_with("JX-H") && scored.contains(&f.line)))
        {
            writeln!(
                others,
                "{} {} [{}] {}",
                f.code, f.project, f.line, f.message
            )
            .unwrap();
        }
    }
    writeln!(table, "合计\t\t{}\t{}\t{}\t", totals.0, totals.1, totals.2).unwrap();
    insta::assert_snapshot!("audit_corpus_table", table);
    insta::assert_snapshot!("audit_corpus_other_findings", others);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

//! The 自评表 corpus (issue 17): real published self-evaluation forms,
//! transcribed into `.jx` with the scores printed on them, under
//! `tests/corpus/selfeval/<form>/` (`申报.jx`, `自评.jx`, `期望.tsv`,
//! `README.md`; see `tests/corpus/selfeval/README.md`).
//!
//! `期望.tsv` lists, for each printed score, the rule set it is compared
//! under and the hand-computed conclusion: `重现` (the rule set computes the
//! printed score exactly) or `不同` (it computes another score, and the
//! difference must be visible). A row names an indicator of the form, or
//! `[预算执行率]` for the budget row, optionally after `项目名/`. The rule
//! set is a file of `rules/`, optionally with how it takes the form's own
//! points: `central-2020/采用` is `rules/central-2020.jx` with
//! `表内分值 采用` (the form's points are the points), whatever the file's
//! default is.
//!
//! `corpus_is_complete` checks the corpus itself; the scoring test reads the
//! forms with the syntax of issue 17 (words for comparators, printed 分值 and
//! 得分 on 自评 lines, 小计/合计, the `预算 { … }` block).

#[path = "common/cli.rs"]
mod cli;
#[path = "common/selfeval.rs"]
mod selfeval;

use rust_decimal::Decimal;
use selfeval::{
    expectations, forms, read, rule_file, rule_spec, Expect, BUDGET, FORM_POINTS,
    FORM_POINTS_MODES, ROOT,
};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::str::FromStr;

/// The budget table's total row, where the printed 预算执行率 得分 stands.
const TOTAL_ROW: &str = "年度资金总额";
/// What the table prints after a printed score that is not the computed one.
const MISMATCH: &str = "≠";

/// The provinces a form's README names on its `provinces:` line.
fn provinces(dir: &Path) -> Vec<String> {
    let readme = read(dir, "README.md");
    let line = readme
        .lines()
        .find_map(|l| l.trim().strip_prefix("provinces:"))
        .unwrap_or_else(|| panic!("{}: README.md has no “provinces:” line", dir.display()));
    line.split(['、', ','])
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// The line of `自评.jx` that gives `name` its actual (the name followed by
/// a space or a colon), if any.
fn actual_line<'a>(actuals: &'a str, name: &str) -> Option<&'a str> {
    actuals.lines().map(str::trim).find(|l| {
        l.strip_prefix(name)
            .or_else(|| l.strip_prefix(&format!("\"{name}\"")))
            .is_some_and(|rest| rest.starts_with([' ', ':', '：']))
    })
}

/// Whether `line` carries the printed score `得分 <value>` (not an override).
fn prints_score(line: &str, printed: Decimal) -> bool {
    let mut words = line.split_whitespace().peekable();
    while let Some(w) = words.next() {
        if w == "得分" {
            let value = words.next().and_then(|v| Decimal::from_str(v).ok());
            if value == Some(printed) && words.peek() != Some(&"理由") {
                return true;
            }
        }
    }
    false
}

#[test]
fn corpus_is_complete() {
    let forms = forms();
    let mut all_provinces = BTreeSet::new();
    let mut rows = 0;
    for dir in &forms {
        for file in ["申报.jx", "自评.jx", "期望.tsv", "README.md"] {
            assert!(dir.join(file).is_file(), "{} lacks {file}", dir.display());
        }
        for file in ["申报.jx", "自评.jx", "README.md"] {
            let text = read(dir, file);
            assert!(
                text.contains("来源：http")
                    || text.contains("来源: http")
                    || text.contains("来源：`http"),
                "{}/{file} does not name its source (来源：http…)",
                dir.display()
            );
        }
        let declaration = read(dir, "申报.jx");
        let actuals = read(dir, "自评.jx");
        let expected = expectations(dir);
        assert!(
            !expected.is_empty(),
            "{}: 期望.tsv has no rows",
            dir.display()
        );
        for e in &expected {
            rows += 1;
            let (rules, mode) = rule_spec(&e.rules);
            assert!(
                rules.is_file(),
                "{}: no rule set {}",
                dir.display(),
                rules.display()
            );
            assert!(
                mode.is_none_or(|m| FORM_POINTS_MODES.contains(&m)),
                "{}: “{}” is not a {FORM_POINTS} mode",
                dir.display(),
                e.rules
            );
            if let Some(p) = &e.project {
                let quoted = format!("项目 \"{p}\"");
                assert!(
                    declaration.contains(&quoted),
                    "{}: no project “{p}”",
                    dir.display()
                );
                assert!(
                    actuals.contains(&quoted),
                    "{}: no 自评 of “{p}”",
                    dir.display()
                );
            }
            if e.name == BUDGET {
                assert!(
                    actuals
                        .lines()
                        .any(|l| l.trim().starts_with("年度资金总额") && prints_score(l, e.printed)),
                    "{}: no budget row printing 得分 {}",
                    dir.display(),
                    e.printed
                );
                continue;
            }
            assert!(
                actual_line(&declaration, &e.name).is_some(),
                "{}: “{}” is not declared in 申报.jx",
                dir.display(),
                e.name
            );
            let line = actual_line(&actuals, &e.name).unwrap_or_else(|| {
                panic!("{}: “{}” has no line in 自评.jx", dir.display(), e.name)
            });
            assert!(
                prints_score(line, e.printed),
                "{}: 自评.jx line “{line}” does not print 得分 {} as 期望.tsv says",
                dir.display(),
                e.printed
            );
        }
        let named = provinces(dir);
        assert!(!named.is_empty(), "{}: empty provinces line", dir.display());
        all_provinces.extend(named.into_iter().filter(|p| p != "不明"));
    }
    assert!(forms.len() >= 10, "only {} forms in {ROOT}", forms.len());
    assert!(
        all_provinces.len() >= 5,
        "only {} provinces: {all_provinces:?}",
        all_provinces.len()
    );
    assert!(rows >= 50, "only {rows} printed scores in the corpus");
}

/// `jixiao eval` of one form under one rule set: the JSON, and the table a
/// user reads.
fn evaluate(dir: &Path, rules: &Path) -> (Value, String) {
    let rules = rules.to_str().unwrap();
    let args = ["eval", "申报.jx", "--actuals", "自评.jx", "--rules", rules];
    let json = cli::jixiao_in(dir, &[&args[..], &["--format", "json"]].concat());
    // Form weights that do not add up to 100 are errors (exit code 1) yet
    // every indicator is still scored: the output is read whatever the code.
    let value = serde_json::from_str(&json.out).unwrap_or_else(|e| {
        panic!(
            "{}: eval printed no JSON ({e}):\n{}",
            dir.display(),
            json.all()
        )
    });
    (value, cli::jixiao_in(dir, &args).out)
}

/// Whether the table marks the row of indicator `name` as printed ≠
/// computed (the marker the printed-score column carries, W2).
fn marked(table: &str, name: &str) -> bool {
    table
        .lines()
        .filter(|l| l.contains(name))
        .any(|l| l.contains(MISMATCH))
}

fn decimal(v: &Value, what: &str) -> Option<Decimal> {
    match v.get(what)? {
        Value::String(s) => Decimal::from_str(s).ok(),
        Value::Number(n) => Decimal::from_str(&n.to_string()).ok(),
        _ => None,
    }
}

/// The computed and the printed score of one 期望 row in the evaluation.
fn scores(eval: &Value, e: &Expect, dir: &Path) -> (Option<Decimal>, Option<Decimal>) {
    let projects = eval["projects"].as_array().expect("projects");
    let in_project = |p: &&Value| match &e.project {
        Some(name) => p["name"].as_str() == Some(name.as_str()),
        None => true,
    };
    if e.name == BUDGET {
        let p = projects
            .iter()
            .find(in_project)
            .unwrap_or_else(|| panic!("{}: no project for {}", dir.display(), e.label()));
        return (
            decimal(p, "execution_score"),
            decimal(p, "printed_execution_score"),
        );
    }
    let found: Vec<&Value> = projects
        .iter()
        .filter(in_project)
        .flat_map(|p| p["indicators"].as_array().into_iter().flatten())
        .filter(|i| i["name"].as_str() == Some(e.name.as_str()))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "{}: “{}” found {} times",
        dir.display(),
        e.label(),
        found.len()
    );
    (
        decimal(found[0], "score"),
        decimal(found[0], "printed_score"),
    )
}

#[test]
fn printed_scores_follow_or_visibly_differ() {
    let tmp = tempfile::tempdir().unwrap();
    let mut tally: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for dir in forms() {
        let expected = expectations(&dir);
        let rule_sets: BTreeSet<&str> = expected.iter().map(|e| e.rules.as_str()).collect();
        for rules in rule_sets {
            let (eval, table) = evaluate(&dir, &rule_file(rules, tmp.path()));
            for e in expected.iter().filter(|e| e.rules == rules) {
                let (score, printed) = scores(&eval, e, &dir);
                let at = format!("{} {} ({rules})", dir.display(), e.label());
                assert_eq!(
                    printed,
                    Some(e.printed),
                    "{at}: the printed score read from 自评.jx"
                );
                let score = score.unwrap_or_else(|| panic!("{at}: no computed score"));
                let verdict = if e.reproduced { "重现" } else { "不同" };
                assert_eq!(
                    score == e.printed,
                    e.reproduced,
                    "{at}: computed {score}, printed {}, expected {verdict}",
                    e.printed
                );
                // The table shows a difference: the indicator's row (the
                // budget table's total row for the budget) carries the
                // mismatch marker, and only then.
                let row = if e.name == BUDGET {
                    TOTAL_ROW
                } else {
                    e.name.as_str()
                };
                assert_eq!(
                    marked(&table, row),
                    !e.reproduced,
                    "{at} ({verdict}): the {MISMATCH} marker in the table:\n{table}"
                );
                let entry = tally.entry(rules.to_string()).or_default();
                if e.reproduced {
                    entry.0 += 1;
                } else {
                    entry.1 += 1;
                }
            }
        }
    }
    // The counts of tests/corpus/selfeval/README.md (重现, 不同 per rule set).
    let expected: BTreeMap<String, (usize, usize)> = [
        ("central-2020", (51, 12)),
        ("central-2020/采用", (28, 3)),
        ("central-2020/折算", (0, 7)),
        ("hubei-2020", (5, 0)),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    assert_eq!(tally, expected);
}

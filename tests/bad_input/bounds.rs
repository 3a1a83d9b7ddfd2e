//! Bounds (issue 15): input built to crash, hang or exhaust memory gets a
//! diagnostic instead. Each case here once aborted (stack overflow, exit
//! 134), ran out of memory, printed a panic, or took quadratic time.

use crate::cli::{dir_with, jixiao_in, Run, SMALL};

/// The most operations an expression may hold (`syntax::error`).
const MAX_OPERATIONS: usize = 256;

/// SMALL with `校验 CHECK` added to its project.
fn with_check(check: &str) -> String {
    SMALL.replace("    指标 {", &format!("    校验 {check}\n    指标 {{"))
}

/// Run `jixiao ARGS…` on files written to a fresh directory; the
/// arguments name the files by their names.
fn run_on(files: &[(&str, &str)], args: &[&str]) -> Run {
    let dir = dir_with(files);
    jixiao_in(dir.path(), args)
}

fn sum(terms: usize) -> String {
    let mut s = String::from("培训人数");
    for _ in 1..terms {
        s.push_str(" + 1");
    }
    s
}

#[test]
fn check_of_thirty_thousand_terms_is_refused() {
    let text = with_check(&format!("{} ≤ 资金.总额", sum(30_000)));
    // `diff` exits 2 when it cannot compare.
    for (args, code) in [
        (&["check", "申报.jx"][..], 1),
        (&["fmt", "--check", "申报.jx"], 1),
        (&["export", "申报.jx"], 1),
        (&["diff", "申报.jx", "申报.jx"], 2),
    ] {
        let r = run_on(&[("申报.jx", &text)], args);
        r.code(code)
            .has(&["JX-S012", "表达式太长", "有 30000 个运算", "超过了 256 个"]);
    }
}

#[test]
fn thirty_thousand_nots_are_refused() {
    let text = with_check(&format!("{}培训人数 ≥ 1", "非 ".repeat(30_000)));
    let r = run_on(&[("申报.jx", &text)], &["check", "申报.jx"]);
    r.code(1).has(&["JX-S012", "有 30001 个运算"]);
    let text = with_check(&format!("{}培训人数 ≥ 1", "- ".repeat(30_000)));
    let r = run_on(&[("申报.jx", &text)], &["check", "申报.jx"]);
    r.code(1).has(&["JX-S012", "有 30001 个运算"]);
}

/// At the limit every stage still works (no stage recurses too deep on the
/// longest expression accepted), one more is refused.
#[test]
fn the_longest_expression_accepted_goes_through_every_stage() {
    // `sum(n)` has n − 1 additions; `≤` is one more.
    let at_limit = with_check(&format!("{} ≤ 资金.总额", sum(MAX_OPERATIONS)));
    let actuals = "自评 \"示例局\" 2025 {\n  项目 \"示例项目\" {\n    培训人数 150 人\n  }\n}\n";
    let files = [("申报.jx", at_limit.as_str()), ("自评.jx", actuals)];
    for args in [
        &["check", "申报.jx"][..],
        &["fmt", "申报.jx"],
        &["export", "申报.jx"],
        &["diff", "申报.jx", "申报.jx"],
        &["eval", "申报.jx", "--actuals", "自评.jx"],
    ] {
        let r = run_on(&files, args);
        r.lacks(&["JX-S012", "overflow"]);
        assert!(r.code == 0 || r.code == 1, "{args:?}: {}", r.all());
    }
    let over = with_check(&format!("{} ≤ 资金.总额", sum(MAX_OPERATIONS + 1)));
    let r = run_on(&[("申报.jx", &over)], &["check", "申报.jx"]);
    r.code(1).has(&["JX-S012", "有 257 个运算"]);
}

#[test]
fn actual_of_twenty_thousand_terms_is_refused() {
    let actuals = format!(
        "自评 \"示例局\" 2025 {{\n  项目 \"示例项目\" {{\n    培训人数 = {}\n  }}\n}}\n",
        format!("1{}", " + 1".repeat(20_000))
    );
    let files = [("申报.jx", SMALL), ("自评.jx", actuals.as_str())];
    let r = run_on(&files, &["eval", "申报.jx", "--actuals", "自评.jx"]);
    r.code(1).has(&["JX-S012", "有 20000 个运算"]);
}

#[test]
fn rule_formula_of_thirty_thousand_terms_is_refused() {
    let central =
        std::fs::read_to_string(crate::cli::root().join("rules/central-2020.jx")).unwrap();
    let positive = "正向 = 若 达成 则 分值 否则 若 指标值 ≤ 0 则 0 否则 分值 × 完成值 ÷ 指标值";
    assert!(central.contains(positive));
    let rules = central.replace(positive, &format!("正向 = 分值{}", " + 0".repeat(30_000)));
    let actuals = "自评 \"示例局\" 2025 {\n  项目 \"示例项目\" {\n    培训人数 150 人\n  }\n}\n";
    let files = [
        ("申报.jx", SMALL),
        ("自评.jx", actuals),
        ("规则.jx", rules.as_str()),
    ];
    let r = run_on(
        &files,
        &[
            "eval",
            "申报.jx",
            "--actuals",
            "自评.jx",
            "--rules",
            "规则.jx",
        ],
    );
    r.code(1).has(&["JX-S012", "有 30000 个运算"]);
}

#[test]
fn include_chain_of_ten_thousand_files_is_cut() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..10_000 {
        let text = if i == 0 {
            "部门 \"示例局\" {\n  年度 2025\n  引用 \"f1.jx\"\n}\n".to_string()
        } else {
            format!("引用 \"f{}.jx\"\n", i + 1)
        };
        std::fs::write(dir.path().join(format!("f{i}.jx")), text).unwrap();
    }
    std::fs::write(dir.path().join("f10000.jx"), "").unwrap();
    let r = jixiao_in(dir.path(), &["check", "f0.jx"]);
    r.code(1).has(&[
        "JX-S011",
        "引用链太长",
        "“f65.jx”已是第 65 层引用",
        "超过了 64 层",
    ]);
}

#[test]
fn include_chain_within_the_limit_is_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("f0.jx"),
        "部门 \"示例局\" {\n  年度 2025\n  引用 \"f1.jx\"\n}\n",
    )
    .unwrap();
    for i in 1..64 {
        std::fs::write(
            dir.path().join(format!("f{i}.jx")),
            format!("引用 \"f{}.jx\"\n", i + 1),
        )
        .unwrap();
    }
    let project = SMALL
        .lines()
        .skip(2)
        .take_while(|l| *l != "}")
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(dir.path().join("f64.jx"), project).unwrap();
    let r = jixiao_in(dir.path(), &["check", "f0.jx"]);
    r.lacks(&["JX-S011"]).has(&["1 个项目"]);
}

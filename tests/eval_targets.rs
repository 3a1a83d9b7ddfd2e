//! Targets as published forms print them (issue 17): every spelling scores
//! exactly as its symbol form, under both shipped rule sets; a target
//! without a comparator scores as the rule set's `无比较符` says; the 中期
//! target is never scored.

use jixiao::model::evaluation::IndicatorEvaluation;
use jixiao::Diagnostic;
use rust_decimal::Decimal;

const CENTRAL: &str = include_str!("../rules/central-2020.jx");
const HUBEI: &str = include_str!("../rules/hubei-2020.jx");

/// One project with `甲 {target}` in `level1`/`level2` (and a second,
/// written indicator `乙 ≥ 1 次` in 产出指标, to show that the project is
/// scored around an unscored one).
fn decl(level1: &str, level2: &str, target: &str) -> String {
    format!(
        "部门 \"测试局\" {{\n  年度 2025\n  项目 \"测试\" {{\n    资金 {{\n      年度申请 100 元\n    }}\n    指标 {{\n      {level1} {{\n        {level2} {{\n          甲 {target}\n        }}\n      }}\n      产出指标 {{\n        时效指标 {{\n          乙 ≥ 1 次\n        }}\n      }}\n    }}\n  }}\n}}\n"
    )
}

fn actuals(actual: &str) -> String {
    format!("自评 \"测试局\" 2025 {{\n  项目 \"测试\" {{\n    预算 100 元\n    执行 100 元\n    甲 {actual}\n    乙 1 次\n  }}\n}}\n")
}

/// The evaluation of 甲 and 乙, and the errors of the run.
fn run(
    rules: &str,
    group: (&str, &str),
    target: &str,
    actual: &str,
) -> (IndicatorEvaluation, IndicatorEvaluation, Vec<Diagnostic>) {
    let r = jixiao::evaluate_text(
        &decl(group.0, group.1, target),
        &actuals(actual),
        Some(rules),
    );
    let ev = r.evaluation.expect("evaluation ran");
    let p = &ev.projects[0];
    let find = |name: &str| {
        p.indicators
            .iter()
            .find(|i| i.name.as_str() == name)
            .cloned()
            .expect("indicator")
    };
    let errors = r.diagnostics.into_iter().filter(|d| d.is_error()).collect();
    (find("甲"), find("乙"), errors)
}

const SATISFACTION: (&str, &str) = ("满意度指标", "服务对象满意度指标");
const COST: (&str, &str) = ("成本指标", "经济成本指标");
const QUANTITY: (&str, &str) = ("产出指标", "数量指标");

/// Score, whether met, and the trace's notes, of 甲.
fn outcome(
    rules: &str,
    group: (&str, &str),
    target: &str,
    actual: &str,
) -> (Option<Decimal>, Option<bool>, String) {
    let (ind, _, errors) = run(rules, group, target, actual);
    assert!(errors.is_empty(), "{target} / {actual}: {errors:#?}");
    (ind.score, ind.met, ind.trace.text().notes.join("；"))
}

/// `spelling` scores as `symbol` for each actual, under both rule sets.
fn same_scores(group: (&str, &str), spelling: &str, symbol: &str, actuals: &[&str]) {
    for rules in [CENTRAL, HUBEI] {
        for actual in actuals {
            let (s1, m1, _) = outcome(rules, group, spelling, actual);
            let (s2, m2, _) = outcome(rules, group, symbol, actual);
            assert!(s1.is_some(), "{spelling} / {actual}: not scored");
            assert_eq!(
                (s1, m1),
                (s2, m2),
                "{spelling} and {symbol} score differently for {actual}"
            );
        }
    }
}

#[test]
fn comparator_words_score_as_their_signs() {
    let percents = ["85%", "90%", "95%", "100%"];
    for (spelling, symbol) in [
        ("不低于 90%", "≥ 90%"),
        ("大于等于 90%", "≥ 90%"),
        ("大于或等于 90%", "≥ 90%"),
        ("不少于 90%", "≥ 90%"),
        ("不小于 90%", "≥ 90%"),
        ("至少 90%", "≥ 90%"),
        ("大于 90%", "> 90%"),
        ("高于 90%", "> 90%"),
        ("超过 90%", "> 90%"),
        ("多于 90%", "> 90%"),
        ("不超过 90%", "≤ 90%"),
        ("小于等于 90%", "≤ 90%"),
        ("小于或等于 90%", "≤ 90%"),
        ("不高于 90%", "≤ 90%"),
        ("不多于 90%", "≤ 90%"),
        ("不大于 90%", "≤ 90%"),
        ("至多 90%", "≤ 90%"),
        ("小于 90%", "< 90%"),
        ("低于 90%", "< 90%"),
        ("少于 90%", "< 90%"),
        ("等于 90%", "= 90%"),
        ("﹦ 90%", "= 90%"),
    ] {
        same_scores(SATISFACTION, spelling, symbol, &percents);
    }
}

#[test]
fn words_after_the_value_score_as_signs_before_it() {
    let percents = ["85%", "95%", "100%"];
    for (spelling, symbol) in [
        ("95%以上", "≥ 95%"),
        ("95% 以上", "≥ 95%"),
        ("95%及以上", "≥ 95%"),
        ("95%以内", "≤ 95%"),
        ("95%以下", "≤ 95%"),
        ("95%及以下", "≤ 95%"),
    ] {
        same_scores(SATISFACTION, spelling, symbol, &percents);
    }
    same_scores(QUANTITY, "10次以上", "≥ 10 次", &["8 次", "10 次", "12 次"]);
    same_scores(
        COST,
        "5 万元以内",
        "≤ 5 万元",
        &["4 万元", "5 万元", "6 万元"],
    );
    // 万 before a postfix word is the number's: 5万以上 is 50,000 or more;
    // a unit stops before it: 5万人以上 is 5 万人 or more.
    same_scores(QUANTITY, "5万以上", "≥ 50,000", &["49,999", "50,000"]);
    same_scores(
        QUANTITY,
        "5万人以上",
        "≥ 50,000 人",
        &["49,999 人", "50,000 人"],
    );
}

#[test]
fn a_target_without_comparator_scores_as_its_reading() {
    // A rate of 100% or 0% reads `=`.
    same_scores(SATISFACTION, "100%", "= 100%", &["98%", "100%"]);
    same_scores(QUANTITY, "0%", "= 0%", &["0%", "2%"]);
    // A 成本指标 reads `≤`: 6 万元 spent against 5 万元 is not met.
    same_scores(COST, "5 万元", "≤ 5 万元", &["4 万元", "5 万元", "6 万元"]);
    // Any other reads `≥`.
    same_scores(QUANTITY, "10 辆", "≥ 10 辆", &["8 辆", "10 辆", "12 辆"]);
    same_scores(SATISFACTION, "85%", "≥ 85%", &["80%", "85%", "90%"]);
    // The trace says which reading scored it.
    let (score, met, notes) = outcome(CENTRAL, COST, "5 万元", "6 万元");
    assert_eq!(met, Some(false));
    assert!(score.is_some());
    assert!(
        notes.contains("指标值没有写比较符，按“≤ 5 万元”计（规则集“无比较符 推断”）"),
        "{notes}"
    );
    let (_, _, notes) = outcome(CENTRAL, COST, "≤ 5 万元", "6 万元");
    assert!(!notes.contains("没有写比较符"), "{notes}");
}

#[test]
fn the_rule_set_may_refuse_a_target_without_comparator() {
    let strict = CENTRAL.replace("无比较符 推断", "无比较符 报错");
    assert_ne!(strict, CENTRAL, "the shipped rule set says 无比较符");
    let (ind, other, errors) = run(&strict, QUANTITY, "10 辆", "12 辆");
    assert_eq!(ind.score, None, "not scored");
    assert_eq!(other.score.map(|s| s.to_string()), Some("25.00".into()));
    let codes: Vec<_> = errors.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["JX-T007"]);
    let d = &errors[0];
    assert!(
        d.message.contains("指标“甲”的指标值“10 辆”没有写比较符"),
        "{}",
        d.message
    );
    assert!(d.help.as_deref().unwrap_or("").contains("甲 ≥ 10 辆"));
    // A written comparator is scored as before.
    let (ind, _, errors) = run(&strict, QUANTITY, "≥ 10 辆", "12 辆");
    assert!(errors.is_empty() && ind.score.is_some());
    // 100% too must be written under 报错.
    let (ind, _, errors) = run(&strict, SATISFACTION, "100%", "100%");
    assert_eq!((ind.score, errors[0].code), (None, "JX-T007"));
}

#[test]
fn ranges_as_forms_write_them_score_as_tilde_ranges() {
    let deviations = ["-4%", "-3%", "0%", "3%", "4%"];
    same_scores(QUANTITY, "±3%以内", "-3%~3%", &deviations);
    same_scores(QUANTITY, "±3%", "-3%~3%", &deviations);
    same_scores(QUANTITY, "± 3% 以内", "-3%~3%", &deviations);
    let rates = ["2%", "3%", "4%", "5%", "6%"];
    same_scores(QUANTITY, "3%至5%", "3%~5%", &rates);
    same_scores(QUANTITY, "3%-5%", "3%~5%", &rates);
    same_scores(QUANTITY, "3%－5%", "3%~5%", &rates);
    same_scores(QUANTITY, "3-5%", "3%~5%", &rates);
    // Units on both ends (issue 17 asks that this keeps working).
    same_scores(QUANTITY, "3% ～ 5%", "3%~5%", &rates);
    let money = ["2 万元", "3 万元", "4 万元", "5 万元", "6 万元"];
    same_scores(COST, "3万至5万元", "3 万元~5 万元", &money);
    same_scores(COST, "3万~5万元", "3 万元~5 万元", &money);
    same_scores(COST, "3万元-5万元", "3 万元~5 万元", &money);
    // A minus sign inside a dash range is a sign.
    same_scores(QUANTITY, "-5%--3%", "-5%~-3%", &["-6%", "-4%", "-2%"]);
}

#[test]
fn the_midterm_target_is_not_scored() {
    for rules in [CENTRAL, HUBEI] {
        for actual in ["90%", "95%", "99%"] {
            let with = outcome(rules, SATISFACTION, "≥ 95% 中期 ≥ 99%", actual);
            let without = outcome(rules, SATISFACTION, "≥ 95%", actual);
            assert_eq!(with, without, "{actual}");
        }
    }
    let (ind, _, _) = run(CENTRAL, SATISFACTION, "≥ 95% 中期 不低于 90%", "96%");
    assert_eq!(ind.target.as_str(), "≥ 95%");
}

#[test]
fn the_reading_of_a_target_without_comparator() {
    use jixiao::model::{implied_comparator, Comparator, Quantity, Unit};
    let q = |v: i64, u: &str| Quantity::new(Decimal::new(v, 0), Unit::parse(u));
    let read = |l1: &str, l2: &str, v: Quantity| implied_comparator(l1, l2, &v);
    assert_eq!(read("产出指标", "质量指标", q(100, "%")), Comparator::Eq);
    assert_eq!(
        read("成本指标", "经济成本指标", q(100, "%")),
        Comparator::Eq
    );
    assert_eq!(read("效益指标", "社会效益指标", q(0, "%")), Comparator::Eq);
    assert_eq!(read("产出指标", "质量指标", q(1000, "‰")), Comparator::Eq);
    assert_eq!(read("产出指标", "质量指标", q(99, "%")), Comparator::Ge);
    assert_eq!(read("产出指标", "质量指标", q(100, "")), Comparator::Ge);
    assert_eq!(
        read("成本指标", "经济成本指标", q(20, "万元")),
        Comparator::Le
    );
    assert_eq!(read("成本", "社会成本", q(20, "万元")), Comparator::Le);
    assert_eq!(read("成本 指标", "其他", q(20, "万元")), Comparator::Le);
    // The 2020 form files 成本指标 under 产出指标.
    assert_eq!(read("产出指标", "成本指标", q(20, "万元")), Comparator::Le);
    assert_eq!(
        read("产出指标", "经济成本指标", q(20, "万元")),
        Comparator::Le
    );
    assert_eq!(
        read("满意度指标", "服务对象满意度指标", q(20, "人")),
        Comparator::Ge
    );
}

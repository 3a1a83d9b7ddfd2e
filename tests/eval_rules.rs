//! Every formula path of both shipped rule sets, with exact expected scores.

use jixiao::model::evaluation::{IndicatorEvaluation, Unscored};
use jixiao::Diagnostic;
use rust_decimal::Decimal;

const CENTRAL: &str = include_str!("../rules/central-2020.jx");
const HUBEI: &str = include_str!("../rules/hubei-2020.jx");

fn decl(target: &str) -> String {
    format!(
        "部门 \"测试局\" {{\n  年度 2025\n  项目 \"测试\" {{\n    资金 {{\n      年度申请 100 元\n    }}\n    指标 {{\n      满意度指标 {{\n        服务对象满意度指标 {{\n          甲 {target}\n        }}\n      }}\n    }}\n  }}\n}}\n"
    )
}

fn actuals(line: &str) -> String {
    format!("自评 \"测试局\" 2025 {{\n  项目 \"测试\" {{\n    预算 100 元\n    执行 100 元\n    {line}\n  }}\n}}\n")
}

/// Score one indicator (分值 10, in 满意度指标) under `rules`.
fn run(rules: &str, target: &str, actual: &str) -> (IndicatorEvaluation, Vec<Diagnostic>) {
    let r = jixiao::evaluate_text(
        &decl(target),
        &actuals(&format!("甲 {actual}")),
        Some(rules),
    );
    let ev = r.evaluation.expect("evaluation ran");
    let ind = ev.projects[0].indicators[0].clone();
    (ind, without_empty_groups(r.diagnostics))
}

/// The test project has only 满意度指标: leave out the warnings about the
/// groups it does not have (tested on their own below), and the declaration
/// findings of `check` that such a minimal project draws (tested in
/// tests/check_findings.rs), and 执行率 against completion (JX-V018, tested
/// in tests/eval_budget.rs and tests/audit_findings.rs): its one indicator
/// decides completion alone.
fn without_empty_groups(diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let finding = |code: &str| {
        ["JX-F", "JX-D", "JX-T", "JX-G", "JX-C"]
            .iter()
            .any(|f| code.starts_with(f))
    };
    diags
        .into_iter()
        .filter(|d| !["JX-V021", "JX-V018"].contains(&d.code) && !finding(d.code))
        .collect()
}

fn score(rules: &str, target: &str, actual: &str) -> String {
    let (ind, diags) = run(rules, target, actual);
    let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{target} / {actual}: {errors:#?}");
    ind.score.expect("scored").to_string()
}

fn error_code(rules: &str, target: &str, actual: &str) -> (Option<Decimal>, Vec<&'static str>) {
    let (ind, diags) = run(rules, target, actual);
    (
        ind.score,
        diags
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.code)
            .collect(),
    )
}

#[test]
fn both_rule_sets_load_cleanly() {
    for (name, text) in [("central", CENTRAL), ("hubei", HUBEI)] {
        let (rs, diags) = jixiao::parse_rules(name, text);
        assert!(diags.is_empty(), "{name}: {diags:#?}");
        let rs = rs.unwrap();
        assert!(rs.source.is_some() && rs.year == Some(2020) && !rs.unverified.is_empty());
    }
    let (c, _) = jixiao::parse_rules("c", CENTRAL);
    let (h, _) = jixiao::parse_rules("h", HUBEI);
    assert_eq!(c.unwrap().execution_points.to_string(), "10");
    assert_eq!(h.unwrap().execution_points.to_string(), "20");
}

#[test]
fn the_embedded_default_is_central() {
    assert_eq!(jixiao::DEFAULT_RULES, CENTRAL);
}

// ───────────── 正向 (≥) ─────────────

#[test]
fn positive_met_and_unmet() {
    for rules in [CENTRAL, HUBEI] {
        assert_eq!(score(rules, "≥ 95%", "96%"), "10.00");
        assert_eq!(score(rules, "≥ 95%", "95%"), "10.00");
        assert_eq!(score(rules, "≥ 3 次", "2 次"), "6.67");
    }
    let (ind, _) = run(CENTRAL, "≥ 95%", "= 112 / 118");
    assert_eq!(
        ind.trace.line,
        "甲：完成值 94.92% < 指标值 95% → 10 × 94.92 ÷ 95 = 9.99"
    );
    assert_eq!(ind.trace.rule, "正向");
    // 112 / 118 is 94.915…%: shown to 2 decimals, and said to be about that
    // (issue 17: a rounded figure is never said to equal the quotient).
    assert_eq!(ind.trace.notes, vec!["完成值 112 / 118 ≈ 94.92%"]);
    assert_eq!(ind.met, Some(false));
    assert!(ind.explanation_required && !ind.explanation_present);
}

// ───────────── 反向 (≤): the formula that differs ─────────────

#[test]
fn negative_met() {
    for rules in [CENTRAL, HUBEI] {
        assert_eq!(score(rules, "≤ 100 元", "90 元"), "10.00");
        assert_eq!(score(rules, "≤ 100 元", "100 元"), "10.00");
    }
}

#[test]
fn negative_unmet_below_twice_the_target() {
    // central: 10 × (1 − (150 − 100) ÷ 100) = 5; ratio: 10 × 100 ÷ 150 = 6.666…
    assert_eq!(score(CENTRAL, "≤ 100 元", "150 元"), "5.00");
    assert_eq!(score(HUBEI, "≤ 100 元", "150 元"), "6.67");
    let (ind, _) = run(CENTRAL, "≤ 100 元", "150 元");
    assert_eq!(
        ind.trace.line,
        "甲：完成值 150 元 > 指标值 100 元 → 最大(10 × (1 − (150 − 100) ÷ 100), 0) = 5.00"
    );
    let (ind, _) = run(HUBEI, "≤ 100 元", "150 元");
    assert_eq!(
        ind.trace.line,
        "甲：完成值 150 元 > 指标值 100 元 → 10 × 100 ÷ 150 = 6.67"
    );
}

#[test]
fn negative_at_and_beyond_twice_the_target() {
    assert_eq!(score(CENTRAL, "≤ 100 元", "200 元"), "0.00");
    assert_eq!(score(CENTRAL, "≤ 100 元", "250 元"), "0.00");
    assert_eq!(score(HUBEI, "≤ 100 元", "200 元"), "5.00");
    assert_eq!(score(HUBEI, "≤ 100 元", "250 元"), "4.00");
}

#[test]
fn negative_converts_units() {
    let (ind, diags) = run(CENTRAL, "≤ 10.04 万元", "88,400 元");
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(ind.score.unwrap().to_string(), "10.00");
    assert_eq!(ind.trace.notes, vec!["换算：88,400 元 = 8.84 万元"]);
    assert_eq!(ind.actual_value.unwrap().to_string(), "8.84");
}

// ───────────── = ─────────────

#[test]
fn equal_with_a_positive_target() {
    for rules in [CENTRAL, HUBEI] {
        assert_eq!(score(rules, "= 100%", "= 37 / 37"), "10.00");
        assert_eq!(score(rules, "= 100%", "96%"), "9.60");
        assert_eq!(score(rules, "= 2,000 元/人", "2,100 元/人"), "10.00");
    }
}

#[test]
fn zero_targets() {
    for rules in [CENTRAL, HUBEI] {
        assert_eq!(score(rules, "= 0%", "0%"), "10.00");
        assert_eq!(score(rules, "= 0%", "0.5%"), "0.00");
        assert_eq!(score(rules, "≤ 0 次", "1 次"), "0.00");
        assert_eq!(score(rules, "≤ 0 次", "0 次"), "10.00");
        // found by the property test: a 正向 target of zero not reached
        assert_eq!(score(rules, "> 0 次", "0 次"), "0.00");
        assert_eq!(score(rules, "≥ 0 次", "0 次"), "10.00");
    }
    let (ind, _) = run(CENTRAL, "= 0%", "0.5%");
    assert_eq!(ind.trace.rule, "零目标");
    assert_eq!(ind.met, Some(false));
}

#[test]
fn a_zero_target_without_a_zero_rule_is_a_diagnostic_into_both_files() {
    let rules = CENTRAL.replace("  零目标 = 若 完成值 ≤ 0 则 分值 否则 0\n", "");
    let (ind, diags) = run(&rules, "≤ 0 次", "1 次");
    assert_eq!(ind.score, None);
    let d = diags
        .iter()
        .find(|d| d.code == "JX-V012")
        .expect("formula failed");
    assert_eq!(
        d.message,
        "按规则“反向”给指标“甲”（≤ 0 次）评分时出错：除数为零（指标值 = 0）"
    );
    let files: Vec<u32> = d.labels.iter().map(|l| l.span.file.0).collect();
    assert_eq!(files, vec![2, 0, 1], "rule file, declaration, actuals");
    assert!(d.help.as_deref().unwrap().contains("零目标"));
}

// ───────────── ranges ─────────────

#[test]
fn ranges() {
    for rules in [CENTRAL, HUBEI] {
        assert_eq!(score(rules, "90%~95%", "92%"), "10.00");
        assert_eq!(score(rules, "90%~95%", "81%"), "9.00");
    }
    // above the range: central like 反向, ratio style 上限 ÷ 完成值
    assert_eq!(score(CENTRAL, "90%~95%", "100%"), "9.47");
    assert_eq!(score(HUBEI, "90%~95%", "100%"), "9.50");
}

// ───────────── qualitative bands ─────────────

#[test]
fn qualitative_defaults_differ_by_band() {
    assert_eq!(score(CENTRAL, ": 及时", ": 达成"), "10.00");
    assert_eq!(score(HUBEI, ": 及时", ": 达成年度指标"), "10.00");
    assert_eq!(score(CENTRAL, ": 及时", ": 部分达成"), "7.00");
    assert_eq!(
        score(HUBEI, ": 及时", ": 部分达成年度指标并具有一定效果"),
        "6.50"
    );
    assert_eq!(score(CENTRAL, ": 及时", ": 未达成"), "3.00");
    assert_eq!(score(HUBEI, ": 及时", ": 未达成年度指标且效果较差"), "2.50");
}

#[test]
fn qualitative_explicit_scores_and_fractions() {
    assert_eq!(score(CENTRAL, ": 及时", ": 部分达成 7"), "7.00");
    assert_eq!(score(CENTRAL, ": 及时", ": 部分达成 75%"), "7.50");
    assert_eq!(score(HUBEI, ": 及时", ": 部分达成 5.5"), "5.50");
    assert_eq!(score(CENTRAL, ": 及时", ": 达成 8"), "8.00");
}

#[test]
fn a_qualitative_score_outside_its_band_is_an_error() {
    // 5.5 of 10 is inside Hubei's 50%–80% but below the central 60%.
    let (s, codes) = error_code(CENTRAL, ": 及时", ": 部分达成 5.5");
    assert_eq!((s, codes), (None, vec!["JX-V010"]));
    let (_, diags) = run(CENTRAL, ": 及时", ": 部分达成 5.5");
    assert_eq!(
        diags[0].message,
        "指标“甲”评为“部分达成”，得分 5.5 不在该等级的分数段 6～8 分（分值 10 的 60%～80%）之内"
    );
    assert_eq!(error_code(HUBEI, ": 及时", ": 达成 7").1, vec!["JX-V010"]);
}

#[test]
fn a_quantity_for_a_grade_is_an_error() {
    assert_eq!(error_code(CENTRAL, ": 及时", "96%").1, vec!["JX-V009"]);
    assert_eq!(error_code(CENTRAL, "≥ 95%", "3 次").1, vec!["JX-V008"]);
}

// ───────────── negative actuals, rounding, clamping ─────────────

#[test]
fn negative_actuals_count_as_zero_in_the_formula_only() {
    // 负完成值 记为零: the formula reads 0 (the target cannot be negative);
    // the actual stays as written (issue 15: clamp scores, never actuals).
    let (ind, _) = run(CENTRAL, "≥ 10 次", "-3 次");
    assert_eq!(ind.score.unwrap().to_string(), "0.00");
    assert_eq!(ind.actual_value.unwrap().to_string(), "-3");
    assert!(ind.trace.notes.iter().any(|n| n.contains("为负")));
    // a negative cost is at or under any positive ceiling
    assert_eq!(score(HUBEI, "≤ 100 元", "-5 元"), "10.00");
}

#[test]
fn rounding_half_up_at_x_xx5() {
    // 10 × 98.65 ÷ 100 = 9.865 exactly
    assert_eq!(score(CENTRAL, "≥ 100%", "98.65%"), "9.87");
    assert_eq!(score(HUBEI, "≥ 100%", "98.65%"), "9.87");
    let banker = CENTRAL.replace("舍入 2 位 四舍五入", "舍入 2 位 银行家舍入");
    assert_eq!(score(&banker, "≥ 100%", "98.65%"), "9.86");
    let one = CENTRAL.replace("舍入 2 位 四舍五入", "舍入 1 位 截断");
    assert_eq!(score(&one, "≥ 100%", "98.65%"), "9.8");
}

#[test]
fn a_score_outside_the_points_is_an_error_unless_clamped() {
    let loose = CENTRAL.replace("超出范围 截取", "超出范围 报错").replace(
        "正向 = 若 达成 则 分值 否则 若 指标值 ≤ 0 则 0 否则 分值 × 完成值 ÷ 指标值",
        "正向 = 分值 × 完成值 ÷ 指标值",
    );
    let (ind, diags) = run(&loose, "≥ 95%", "99%");
    assert_eq!(ind.score, None);
    let d = diags.iter().find(|d| d.code == "JX-V013").unwrap();
    assert_eq!(
        d.message,
        "按规则“正向”算出指标“甲”的得分为 10.42，超出 0 至分值 10 的范围"
    );
    let clamped = loose.replace("超出范围 报错", "超出范围 截取");
    let (ind, _) = run(&clamped, "≥ 95%", "99%");
    assert_eq!(ind.score.unwrap().to_string(), "10.00");
    assert!(ind.trace.notes.iter().any(|n| n.contains("截取")));
}

// ───────────── 执行率, totals, grades ─────────────

fn execution(rules: &str, spent: &str) -> (String, String) {
    let a = actuals("甲 96%").replace("执行 100 元", &format!("执行 {spent}"));
    let r = jixiao::evaluate_text(&decl("≥ 95%"), &a, Some(rules));
    let p = &r.evaluation.unwrap().projects[0];
    (
        p.execution_score.unwrap().to_string(),
        p.total.unwrap().to_string(),
    )
}

#[test]
fn execution_rate_points_and_cap() {
    // the Shanghai district examples of scoring.md: 86.19% → 8.62, 45.17% → 4.52
    assert_eq!(execution(CENTRAL, "86.19 元").0, "8.62");
    assert_eq!(execution(CENTRAL, "45.17 元").0, "4.52");
    assert_eq!(execution(HUBEI, "86.19 元").0, "17.24");
    assert_eq!(
        execution(CENTRAL, "120 元"),
        ("10.00".into(), "20.00".into())
    );
    assert_eq!(execution(HUBEI, "120 元"), ("20.00".into(), "30.00".into()));
}

#[test]
fn a_zero_budget_is_a_diagnostic_not_a_panic() {
    let a = actuals("甲 96%").replace("预算 100 元", "预算 0 元");
    let r = jixiao::evaluate_text(&decl("≥ 95%"), &a, None);
    let d = r.diagnostics.iter().find(|d| d.code == "JX-V012").unwrap();
    assert!(d.message.contains("除数为零"), "{}", d.message);
    assert_eq!(r.evaluation.unwrap().projects[0].total, None);
}

#[test]
fn grade_bands_and_their_inclusivity() {
    let (c, _) = jixiao::parse_rules("c", CENTRAL);
    let c = c.unwrap();
    let g = |t: &str| c.grade_of(t.parse().unwrap()).unwrap();
    assert_eq!(
        [
            g("100"),
            g("90"),
            g("89.99"),
            g("80"),
            g("60"),
            g("59.99"),
            g("0")
        ],
        ["优", "优", "良", "良", "中", "差", "差"].map(String::from)
    );
    let strict = CENTRAL.replace("优 ≥ 90", "优 > 90");
    let (s, _) = jixiao::parse_rules("s", &strict);
    assert_eq!(s.unwrap().grade_of("90".parse().unwrap()).unwrap(), "良");
}

// ───────────── rule-set findings ─────────────

#[test]
fn unknown_names_in_formulas_get_a_suggestion() {
    let bad = CENTRAL.replace(
        "分值 × 完成值 ÷ 指标值\n  反向",
        "分值 × 完成率 ÷ 指标值\n  反向",
    );
    let (_, diags) = jixiao::parse_rules("bad", &bad);
    let d = diags.iter().find(|d| d.code == "JX-R002").unwrap();
    assert_eq!(d.message, "“正向”公式中的“完成率”不认识");
    assert!(d
        .help
        .as_deref()
        .unwrap()
        .starts_with("是不是想写“完成值”？"));
}

#[test]
fn missing_parts_are_named() {
    let (_, diags) = jixiao::parse_rules("x", "规则 \"空\" {\n  年度 2020\n}\n");
    let msgs: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
    assert!(msgs.contains(&"规则集“空”缺少：正向 = …"), "{msgs:#?}");
    assert!(msgs.contains(&"规则集“空”缺少：定性 { 部分达成 … }"));
}

#[test]
fn explicit_points_that_do_not_add_up_name_both_sums() {
    // Above the group with another indicator left to share the rest.
    let d = decl("≥ 95% 分值 6\n          乙 ≥ 90% 分值 5\n          丙 ≥ 90%");
    let a = actuals("甲 96%\n    乙 91%\n    丙 91%");
    let r = jixiao::evaluate_text(&d, &a, None);
    let x = r.diagnostics.iter().find(|d| d.code == "JX-V014").unwrap();
    assert_eq!(
        x.message,
        "项目“测试”中“满意度指标”各指标的分值合计 11，而规则集“central-2020”给这一组 10 分"
    );
    // Every indicator weighted is the form's own weighting (issue 17):
    // scaled into the group under central-2020's 表内分值 折算, not an error.
    let d = decl("≥ 95% 分值 6\n          乙 ≥ 90% 分值 5");
    let a = actuals("甲 96%\n    乙 91%");
    let r = jixiao::evaluate_text(&d, &a, None);
    assert!(!r.diagnostics.iter().any(|d| d.code == "JX-V014"));
    let x = r.diagnostics.iter().find(|d| d.code == "JX-V051").unwrap();
    assert_eq!(
        x.message,
        "项目“测试”中“满意度指标”的表内分值合计 11，按规则“表内分值 折算”折算为规则集给这一组的 10 分"
    );
    let inds = &r.evaluation.unwrap().projects[0].indicators;
    assert_eq!(
        (inds[0].points.to_string(), inds[1].points.to_string()),
        ("5.45".into(), "4.55".into())
    );
    // explicit points that add up are used as written
    let d = decl("≥ 95% 分值 6\n          乙 ≥ 90% 分值 4");
    let r = jixiao::evaluate_text(&d, &a, None);
    assert!(!r.has_errors(), "{:#?}", r.diagnostics);
    let inds = &r.evaluation.unwrap().projects[0].indicators;
    assert_eq!(
        (inds[0].points.to_string(), inds[1].points.to_string()),
        ("6".into(), "4".into())
    );
}

#[test]
fn an_even_split_adds_up_exactly() {
    let d = decl("≥ 1 次\n          乙 ≥ 1 次\n          丙 ≥ 1 次");
    let r = jixiao::evaluate_text(&d, &actuals("甲 1 次\n    乙 1 次\n    丙 1 次"), None);
    let p = &r.evaluation.unwrap().projects[0];
    let pts: Vec<String> = p.indicators.iter().map(|i| i.points.to_string()).collect();
    assert_eq!(pts, ["3.33", "3.33", "3.34"]);
    assert_eq!(p.total.unwrap().to_string(), "20.00");
}

// ───────────── actuals ↔ declaration ─────────────

#[test]
fn an_undeclared_indicator_is_an_error_with_did_you_mean() {
    let d = decl("≥ 95%").replace("甲 ≥", "使用者满意率 ≥");
    let a = actuals("使用者满意度 96%");
    let r = jixiao::evaluate_text(&d, &a, None);
    let x = r.diagnostics.iter().find(|d| d.code == "JX-V004").unwrap();
    assert!(x.is_error());
    assert_eq!(x.message, "项目“测试”没有申报指标“使用者满意度”");
    assert_eq!(x.help.as_deref(), Some("是不是想写“使用者满意率”？"));
}

#[test]
fn an_undeclared_project_is_an_error_with_did_you_mean() {
    let a = actuals("甲 96%").replace("项目 \"测试\"", "项目 \"测验\"");
    let r = jixiao::evaluate_text(&decl("≥ 95%"), &a, None);
    let x = r.diagnostics.iter().find(|d| d.code == "JX-V003").unwrap();
    assert_eq!(x.help.as_deref(), Some("是不是想写“测试”？"));
}

#[test]
fn a_missing_actual_is_reported_and_scored_by_the_policy() {
    let d = decl("≥ 95%\n          乙 ≥ 90%");
    let r = jixiao::evaluate_text(&d, &actuals("甲 96%"), None);
    assert!(!r.has_errors());
    let w = r.diagnostics.iter().find(|d| d.code == "JX-V006").unwrap();
    assert_eq!(w.message, "项目“测试”的指标“乙”没有完成值，按规则记 0 分");
    let ev = r.evaluation.unwrap();
    let i = &ev.projects[0].indicators[1];
    assert!(i.missing);
    assert_eq!(i.score.unwrap().to_string(), "0.00");
    let table = jixiao::report::table(&ev, false);
    assert!(table.contains("（缺）"), "{table}");
    assert!(table.contains("【缺少完成值，按规则计分】"));

    let strict = CENTRAL.replace("缺少完成值 记零分", "缺少完成值 报错");
    let r = jixiao::evaluate_text(&d, &actuals("甲 96%"), Some(&strict));
    let e = r.diagnostics.iter().find(|d| d.code == "JX-V006").unwrap();
    assert!(e.is_error());
    assert_eq!(r.evaluation.unwrap().projects[0].total, None);
}

#[test]
fn manual_scores_are_shown_beside_never_instead() {
    let (ind, diags) = run(
        CENTRAL,
        "≥ 95%",
        "90% 原因 \"x\" 得分 9.8 理由 \"复核认定\"",
    );
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(ind.score.unwrap().to_string(), "9.47");
    assert_eq!(ind.manual.as_ref().unwrap().score.to_string(), "9.8");
    let (_, codes) = error_code(CENTRAL, "≥ 95%", "90% 得分 11 理由 \"x\"");
    assert_eq!(codes, vec!["JX-V011"]);
}

#[test]
fn over_achievement_is_flagged_and_needs_an_explanation() {
    let (ind, diags) = run(CENTRAL, "≥ 10 次", "12 次");
    assert!(ind.over_achieved && ind.explanation_required);
    assert!(diags.iter().any(|d| d.code == "JX-V016"));
    let (ind, _) = run(CENTRAL, "≥ 10 次", "11.9 次");
    assert!(!ind.over_achieved);
    let (ind, _) = run(CENTRAL, "≤ 120 元", "100 元");
    assert!(ind.over_achieved, "a cost 1.2 times under its ceiling");
}

#[test]
fn a_rule_set_with_errors_scores_nothing() {
    let bad = CENTRAL.replace(
        "分值 × 完成值 ÷ 指标值\n  反向",
        "分值 × 完成率 ÷ 指标值\n  反向",
    );
    let r = jixiao::evaluate_text(&decl("≥ 95%"), &actuals("甲 96%"), Some(&bad));
    assert!(r.evaluation.is_none());
    assert!(r.diagnostics.iter().any(|d| d.code == "JX-R002"));
}

#[test]
fn a_project_block_with_a_syntax_error_is_not_also_reported_missing() {
    let d = decl("≥ 95%").replace(
        "  项目 \"测试\" {",
        "  项目 \"乙\" {\n    指标 {\n      满意度指标 {\n        二级 {\n          丙 ≥ 1 次\n        }\n      }\n    }\n  }\n  项目 \"测试\" {",
    );
    let a = actuals("甲 96%").replace(
        "  项目 \"测试\" {",
        "  项目 \"乙\" {\n    预算 10 元\n    执行 10 元\n    丙: 部分 达成\n  }\n  项目 \"测试\" {",
    );
    let r = jixiao::evaluate_text(&d, &a, None);
    let diags = without_empty_groups(r.diagnostics.clone());
    let codes: Vec<&str> = diags.iter().map(|d| d.code).collect();
    assert_eq!(codes, vec!["JX-S001"], "{diags:#?}");
    let ev = r.evaluation.unwrap();
    // One bad line voids no project (issue 17): 乙 is scored, its
    // indicator on the bad line unscored (0 points), never “missing”.
    let p = &ev.projects[0];
    assert_eq!(p.name, "乙");
    assert_eq!(p.total.unwrap().to_string(), "10.00");
    let c = &p.indicators[0];
    assert_eq!(c.score.unwrap().to_string(), "0.00");
    assert!(!c.missing);
    assert_eq!(c.unscored, Some(Unscored::SyntaxError));
    assert_eq!(c.trace.line, "丙：完成值这一行有语法错误，未评分，计 0 分");
    assert_eq!(c.actual.as_deref(), Some("（读不出）"));
    assert_eq!(ev.projects[1].total.unwrap().to_string(), "20.00");
}

#[test]
fn absurd_numbers_are_diagnostics_not_panics() {
    let huge = "79,228,162,514,264,337,593,543,950,335";
    for (target, actual) in [
        (format!("≤ {huge} 万元"), "1 元".to_string()),
        ("≤ 1 万元".to_string(), format!("{huge} 万元")),
        (format!("≥ {huge} 次"), format!("{huge} 次")),
        (
            "≥ 0.0000000000000000000000001 次".to_string(),
            format!("{huge} 次"),
        ),
        (
            "≤ 0.0000000000000000000000001 元".to_string(),
            format!("{huge} 元"),
        ),
        (format!("≥ 95% 分值 {huge}"), "96%".to_string()),
    ] {
        for rules in [CENTRAL, HUBEI] {
            let (ind, diags) = run(rules, &target, &actual);
            if let Some(s) = ind.score {
                assert!(
                    s >= Decimal::ZERO && s <= ind.points,
                    "{target} / {actual}: {s}"
                );
            } else {
                assert!(
                    diags.iter().any(|d| d.is_error()),
                    "{target} / {actual}: no score, no error"
                );
            }
        }
    }
    let a = actuals("甲 96%").replace("执行 100 元", &format!("执行 {huge} 元"));
    let r = jixiao::evaluate_text(&decl("≥ 95%"), &a, None);
    assert!(r.evaluation.is_some());
}

#[test]
fn department_and_year_mismatches_are_reported() {
    let a = actuals("甲 96%").replace("自评 \"测试局\" 2025", "自评 \"测试司\" 2024");
    let r = jixiao::evaluate_text(&decl("≥ 95%"), &a, None);
    let msgs: Vec<&str> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == "JX-V002")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        msgs,
        [
            "自评的部门“测试司”在申报中没有找到",
            "自评的年度 2024 与申报的年度 2025 不一致"
        ]
    );
    // the only department is still evaluated
    assert_eq!(r.evaluation.unwrap().projects.len(), 1);
}

#[test]
fn a_group_the_rule_set_does_not_know_is_an_error_with_did_you_mean() {
    let d = decl("≥ 95%").replace("满意度指标 {", "满意指标 {");
    let r = jixiao::evaluate_text(&d, &actuals("甲 96%"), None);
    let x = r.diagnostics.iter().find(|d| d.code == "JX-V015").unwrap();
    assert_eq!(
        x.message,
        "规则集“central-2020”没有给一级指标“满意指标”分值，其中的指标无法评分"
    );
    assert!(x
        .help
        .as_deref()
        .unwrap()
        .starts_with("是不是想写“满意度指标”？"));
    assert_eq!(r.evaluation.unwrap().projects[0].total, None);
}

#[test]
fn a_group_without_indicators_is_a_warning_naming_the_lost_points() {
    // decl() has only 满意度指标: 产出 50 and 效益 30 cannot be earned.
    let r = jixiao::evaluate_text(&decl("≥ 95%"), &actuals("甲 96%"), None);
    let msgs: Vec<&str> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == "JX-V021")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        msgs,
        [
            "项目“测试”没有“产出指标”的指标，规则集给这一组的 50 分无从得分",
            "项目“测试”没有“效益指标”的指标，规则集给这一组的 30 分无从得分"
        ]
    );
}

#[test]
fn missing_groups_can_be_rescaled_by_the_rule_set() {
    let rules = CENTRAL.replace("缺组 不得分", "缺组 按比例折算");
    // 产出 50 and 满意度 10 present, 效益 30 absent: 90 points over 60 → 75 and 15.
    let d = decl("≥ 95%").replace(
        "      满意度指标 {",
        "      产出指标 {\n        数量指标 {\n          乙 ≥ 3 次\n          丙 ≥ 1 次\n        }\n      }\n      满意度指标 {",
    );
    let r = jixiao::evaluate_text(
        &d,
        &actuals("甲 96%\n    乙 3 次\n    丙 1 次"),
        Some(&rules),
    );
    assert!(!r.has_errors(), "{:#?}", r.diagnostics);
    let info = r.diagnostics.iter().find(|d| d.code == "JX-V021").unwrap();
    assert_eq!(info.severity, jixiao::Severity::Info);
    assert_eq!(
        info.message,
        "项目“测试”没有“效益指标”的指标，按规则“缺组 按比例折算”，这一组的 30 分折算到其他组"
    );
    let p = &r.evaluation.unwrap().projects[0];
    let pts: Vec<String> = p.indicators.iter().map(|i| i.points.to_string()).collect();
    assert_eq!(pts, ["37.50", "37.50", "15"]);
    let groups: Vec<(String, String)> = p
        .groups
        .iter()
        .map(|g| (g.name.to_string(), g.points.to_string()))
        .collect();
    assert_eq!(
        groups,
        [
            ("产出指标".to_string(), "75".to_string()),
            ("效益指标".into(), "0".into()),
            ("满意度指标".into(), "15".into())
        ]
    );
    assert_eq!(p.total.unwrap().to_string(), "100.00");
}

/// `校验` and rule formulas read one table of functions: the Latin names that
/// GRAMMAR.md §12.2 shows (`min`, `max`, `abs`) score exactly as the Chinese.
#[test]
fn rule_formulas_accept_every_spelling_of_a_function() {
    let latin = CENTRAL.replace(
        "最大(分值 × (1 − (完成值 − 指标值) ÷ 指标值), 0)\n  等于",
        "max(分值 × (1 − (完成值 − 指标值) ÷ 指标值), 0)\n  等于",
    );
    assert_ne!(latin, CENTRAL, "the replaced text is in the rule set");
    let (rules, diags) = jixiao::parse_rules("latin", &latin);
    assert!(diags.is_empty(), "{diags:#?}");
    assert!(rules.is_some());
    assert_eq!(score(&latin, "≤ 100 元", "150 元"), "5.00");
    assert_eq!(score(&latin, "≤ 100 元", "250 元"), "0.00");
    let unknown = CENTRAL.replace("最大(分值 × (1 −", "maks(分值 × (1 −");
    let (_, diags) = jixiao::parse_rules("x", &unknown);
    let d = diags.iter().find(|d| d.code == "JX-R007").expect("JX-R007");
    assert_eq!(d.message, "“反向”公式中的函数“maks”不认识");
    assert_eq!(d.help.as_deref(), Some("可用的函数：最小、最大、绝对值"));
}

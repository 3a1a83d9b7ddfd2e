//! Wrong scores (issue 15, “Trust first”): negative actuals, strict
//! comparators, 容差 on every comparator, negative 执行, and unit slips in
//! the 自评. Each case runs `jixiao eval` on a one-indicator project (so the
//! indicator carries all 50 points of 产出指标) and asserts the score the
//! user reads and the diagnostics.

use crate::cli::{dir_with, jixiao_in, Run};

/// A declaration whose only indicator is `indicator` (a whole line such as
/// `增长率 ≥ -5%`).
fn declaration(indicator: &str) -> String {
    format!(
        "部门 \"示例局\" {{\n  年度 2025\n  项目 \"示例项目\" {{\n    性质 其他经常性项目\n    资金 {{\n      总额 10 万元\n    }}\n    指标 {{\n      产出指标 {{\n        数量指标 {{\n          {indicator}\n        }}\n      }}\n    }}\n  }}\n}}\n"
    )
}

/// 自评 of that project: 预算 and 执行 lines, then `line`.
fn actuals_with(budget: &str, line: &str) -> String {
    format!("自评 \"示例局\" 2025 {{\n  项目 \"示例项目\" {{\n{budget}    {line}\n  }}\n}}\n")
}

const BUDGET: &str = "    预算 10 万元\n    执行 10 万元\n";

/// `jixiao eval` of one indicator and its actual, with `extra` arguments.
fn eval_with(indicator: &str, line: &str, budget: &str, extra: &[&str]) -> Run {
    let dir = dir_with(&[
        ("申报.jx", &declaration(indicator)),
        ("自评.jx", &actuals_with(budget, line)),
    ]);
    let mut args = vec!["eval", "申报.jx", "--actuals", "自评.jx"];
    args.extend_from_slice(extra);
    jixiao_in(dir.path(), &args)
}

/// The score of the only indicator, as `--format json` prints it, and the
/// whole run (for its diagnostics).
fn scored(indicator: &str, line: &str, extra: &[&str]) -> (String, Run) {
    let mut args = vec!["--format", "json"];
    args.extend_from_slice(extra);
    let r = eval_with(indicator, line, BUDGET, &args);
    let at = r
        .out
        .find("\"indicators\"")
        .unwrap_or_else(|| panic!("no indicators in:\n{}", r.all()));
    let rest = &r.out[at..];
    let key = "\"score\": ";
    let from = rest
        .find(key)
        .unwrap_or_else(|| panic!("no score in:\n{}", r.all()))
        + key.len();
    let value: String = rest[from..]
        .chars()
        .take_while(|c| *c != ',' && *c != '\n')
        .filter(|c| *c != '"')
        .collect();
    (value, r)
}

fn score(indicator: &str, line: &str) -> String {
    scored(indicator, line, &[]).0
}

/// Each (indicator, actual line, score the user reads).
fn expect(cases: &[(&str, &str, &str)]) {
    for (indicator, line, want) in cases {
        assert_eq!(score(indicator, line), *want, "{indicator} / {line}");
    }
}

// 1. Negative actuals are compared as written, never clamped to 0 first.

#[test]
fn negative_actual_below_negative_target_is_not_met() {
    let (s, r) = scored("增长率 ≥ -5%", "增长率 -30%", &[]);
    assert_eq!(s, "0.00");
    r.has(&["\"met\": false", "\"actual_value\": \"-30\""]);
    let text = eval_with("增长率 ≥ -5%", "增长率 -30%", BUDGET, &["--explain"]);
    text.has(&["完成值 -30% < 指标值 -5%"])
        .lacks(&["完成值 0%"]);
}

#[test]
fn negative_actual_above_negative_upper_target() {
    expect(&[
        // ≤ -5 人 with -3 人: not met, 2 人 over a target of size 5 → 60%.
        ("人数 ≤ -5 人", "人数 -3 人", "30.00"),
        ("人数 ≤ -5 人", "人数 -6 人", "50.00"),
    ]);
    let (s, _) = scored(
        "人数 ≤ -5 人",
        "人数 -3 人",
        &[
            "--rules",
            &crate::cli::root()
                .join("rules/hubei-2020.jx")
                .to_string_lossy(),
        ],
    );
    assert_eq!(s, "0.00");
}

#[test]
fn negative_actual_against_non_negative_target() {
    expect(&[
        // 记为零 feeds the formula 0 only where the target cannot be negative.
        ("培训人数 ≥ 140 人", "培训人数 -3 人", "0.00"),
    ]);
    let (s, r) = scored("差错率 ≤ 5%", "差错率 -1%", &[]);
    assert_eq!(s, "50.00");
    r.has(&["\"met\": true", "\"actual_value\": \"-1\""]);
    // A range from 0: below it, not met, never full marks.
    let (s, r) = scored("覆盖率 0% ~ 10%", "覆盖率 -1%", &[]);
    assert_eq!(s, "0.00");
    r.has(&["\"met\": false"]);
}

#[test]
fn negative_range_is_scored_by_size_not_sign() {
    expect(&[
        ("增长率 -10% ~ -5%", "增长率 -7%", "50.00"),
        ("增长率 -10% ~ -5%", "增长率 -20%", "0.00"),
        // 1 point above an upper bound of size 5: 80%.
        ("增长率 -10% ~ -5%", "增长率 -4%", "40.00"),
        ("增长率 -10% ~ 0%", "增长率 1%", "0.00"),
    ]);
}

// 2. Strict comparators are strict.

#[test]
fn strict_comparators_at_the_boundary_are_not_full_marks() {
    let (s, r) = scored("差错率 < 5%", "差错率 5%", &[]);
    assert_eq!(s, "49.99");
    r.has(&["\"met\": false"]);
    expect(&[
        ("次数 > 5 次", "次数 5 次", "49.99"),
        ("差错率 < 5%", "差错率 4.9%", "50.00"),
        ("次数 > 5 次", "次数 6 次", "50.00"),
    ]);
    let text = eval_with("次数 > 5 次", "次数 5 次", BUDGET, &["--explain"]);
    text.has(&["未达成", "不得满分"]);
}

#[test]
fn ranges_include_both_ends() {
    expect(&[
        ("覆盖率 80% ~ 90%", "覆盖率 90%", "50.00"),
        ("覆盖率 80% ~ 90%", "覆盖率 80%", "50.00"),
        // 0.5 over an upper bound of 90: 50 × (1 − 0.5 ÷ 90).
        ("覆盖率 80% ~ 90%", "覆盖率 90.5%", "49.72"),
        ("覆盖率 80% ~ 90%", "覆盖率 40%", "25.00"),
    ]);
}

// 3. 容差 counts for every comparator.

#[test]
fn tolerance_counts_for_every_comparator() {
    expect(&[
        ("时长 ≤ 3 天 容差 1 天", "时长 3.5 天", "50.00"),
        // Beyond the tolerance, the formula's deviation is from the target.
        ("时长 ≤ 3 天 容差 1 天", "时长 4.5 天", "25.00"),
        ("差错率 < 5% 容差 1%", "差错率 5.5%", "50.00"),
        ("覆盖率 ≥ 90% 容差 1%", "覆盖率 89.5%", "50.00"),
        ("次数 > 5 次 容差 1 次", "次数 4.5 次", "50.00"),
        ("覆盖率 80% ~ 90% 容差 1%", "覆盖率 90.5%", "50.00"),
        // A tolerance without a unit is in the target's unit (1 is 1%, not 100%).
        ("覆盖率 ≥ 90% 容差 1", "覆盖率 50%", "27.78"),
        ("完好率 = 100% 容差 1", "完好率 50%", "25.00"),
        ("覆盖率 80% ~ 90% 容差 1%", "覆盖率 79.5%", "50.00"),
        ("时长 ≤ 3 天 容差 1 天", "时长 2 天", "50.00"),
    ]);
}

// 4. 执行 below zero, and above 预算.

/// An indicator that is met, with these 预算 and 执行 lines.
fn funds(budget: &str) -> Run {
    eval_with("培训人数 ≥ 140 人", "培训人数 140 人", budget, &[])
}

#[test]
fn negative_spending_is_an_error() {
    funds("    预算 10 万元\n    执行 -5 元\n")
        .code(1)
        .has(&["JX-V030", "“执行”是负数", "-5 元"]);
    funds("    预算 -10 万元\n    执行 5 元\n")
        .code(1)
        .has(&["JX-V030", "“预算”是负数"]);
}

#[test]
fn spending_above_budget_is_a_warning() {
    funds("    预算 10 万元\n    执行 12 万元\n").code(0).has(&[
        "JX-V031",
        "全年执行数 120,000.00 元超过全年预算数 100,000.00 元",
    ]);
    funds(BUDGET).code(0).lacks(&["JX-V031", "JX-V030"]);
}

// 5. Unit slips.

#[test]
fn actual_without_unit_takes_the_targets_with_a_warning() {
    let (s, r) = scored("培训人数 ≥ 140 人", "培训人数 150", &[]);
    assert_eq!(s, "50.00");
    r.code(0)
        .has(&["JX-V032", "完成值“150”没有写单位", "按指标值的单位“人”计"]);
    let (_, r) = scored("培训人数 ≥ 140 人", "培训人数 150 人", &[]);
    r.lacks(&["JX-V032", "JX-V034"]);
}

#[test]
fn fraction_against_a_percent_target_is_a_likely_slip() {
    let (s, r) = scored("覆盖率 ≥ 90%", "覆盖率 0.92", &[]);
    // Scored as written (0.92%), and said so loudly.
    assert_eq!(s, "0.51");
    r.code(0).has(&["JX-V032", "JX-V034", "0.92%", "92%"]);
    let (_, r) = scored("覆盖率 ≥ 90%", "覆盖率 92%", &[]);
    r.lacks(&["JX-V032", "JX-V034"]);
}

#[test]
fn yuan_against_a_wan_yuan_target_is_a_likely_slip() {
    let (s, r) = scored("成本 ≤ 40 万元", "成本 380000", &[]);
    assert_eq!(s, "0.00");
    r.code(0).has(&[
        "JX-V032",
        "JX-V034",
        "380,000 万元",
        "380,000 元",
        "38 万元",
    ]);
    let (_, r) = scored("成本 ≤ 40 万元", "成本 380000 万元", &[]);
    r.has(&["JX-V034"]).lacks(&["JX-V032"]);
    let (s, r) = scored("成本 ≤ 40 万元", "成本 380000 元", &[]);
    assert_eq!(s, "50.00");
    r.lacks(&["JX-V032", "JX-V034"]);
}

#[test]
fn percent_actual_against_unitless_target_compares_as_percent() {
    let (s, r) = scored("随访率 ≥ 90", "随访率 92%", &[]);
    assert_eq!(s, "50.00");
    r.code(0).has(&["JX-V033", "按百分数比较", "\"met\": true"]);
    let (s, _) = scored("随访率 ≥ 90", "随访率 45%", &[]);
    assert_eq!(s, "25.00");
}

#[test]
fn ratio_expression_against_unitless_target_compares_as_percent() {
    let (s, r) = scored("随访率 ≥ 90", "随访率 = 92 / 100", &[]);
    assert_eq!(s, "50.00");
    r.code(0).has(&["JX-V033", "\"met\": true"]);
}

#[test]
fn met_within_tolerance_says_so() {
    eval_with(
        "时长 ≤ 3 天 容差 1 天",
        "时长 3.5 天",
        BUDGET,
        &["--explain"],
    )
    .has(&["在容差 1 天之内"]);
    eval_with("时长 ≤ 3 天 容差 1 天", "时长 2 天", BUDGET, &["--explain"]).lacks(&["在容差"]);
}

#[test]
fn negative_actual_is_not_over_achievement() {
    // The over-achievement ratio of a negative actual would be a negative
    // percentage: no such claim.
    let (s, r) = scored("差错次数 ≤ 5 次", "差错次数 -3 次", &[]);
    assert_eq!(s, "50.00");
    r.has(&["\"over_achieved\": false"]).lacks(&["超额完成："]);
}

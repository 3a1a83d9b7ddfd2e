//! For random targets and actuals under the shipped rule sets: every score
//! lies in [0, points], an indicator has full marks exactly when it is met,
//! and every total is the sum of its parts; with any points a form prints
//! (issue 17), no score passes its points and no total passes 100 without
//! an error.

use proptest::prelude::*;
use rust_decimal::Decimal;

const CENTRAL: &str = include_str!("../rules/central-2020.jx");
const HUBEI: &str = include_str!("../rules/hubei-2020.jx");

#[derive(Clone, Debug)]
enum Ind {
    Quant {
        cmp: &'static str,
        target: Decimal,
        actual: Actual,
        unit: &'static str,
    },
    Range {
        low: Decimal,
        width: Decimal,
        actual: Decimal,
    },
    Qual {
        grade: &'static str,
        fraction: Option<u8>,
    },
}

#[derive(Clone, Debug)]
enum Actual {
    Value(Decimal),
    Ratio(u32, u32),
}

fn dec() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        1 => Just(Decimal::ZERO),
        6 => (0i64..2_000_000, 0u32..3).prop_map(|(n, s)| Decimal::new(n, s)),
    ]
}

fn actual() -> impl Strategy<Value = Actual> {
    prop_oneof![
        4 => (-50_000i64..3_000_000, 0u32..3).prop_map(|(n, s)| Actual::Value(Decimal::new(n, s))),
        1 => (0u32..500, 1u32..500).prop_map(|(a, b)| Actual::Ratio(a, b)),
    ]
}

fn indicator() -> impl Strategy<Value = Ind> {
    prop_oneof![
        4 => (
            prop::sample::select(vec!["≥", ">", "≤", "<", "="]),
            // Negative targets too (增长率 ≥ -5%, issue 15).
            prop_oneof![4 => dec(), 1 => dec().prop_map(|d| -d)],
            actual(),
            prop::sample::select(vec!["%", "元", "次"]),
        )
            .prop_map(|(cmp, target, actual, unit)| Ind::Quant { cmp, target, actual, unit }),
        1 => (dec(), dec(), dec()).prop_map(|(low, width, actual)| Ind::Range {
            low: low + Decimal::ONE,
            width,
            actual
        }),
        2 => (
            prop::sample::select(vec!["达成", "部分达成", "未达成"]),
            prop::option::of(0u8..=100),
        )
            .prop_map(|(grade, fraction)| Ind::Qual { grade, fraction }),
    ]
}

/// The points a form prints (issue 17): per first-level group, its own
/// 分值 (on the group in the declaration, or as a 自评 小计) and each
/// indicator's (in the declaration, or printed on its 自评 line).
#[derive(Clone, Debug, Default)]
struct Weights {
    groups: Vec<(Option<Decimal>, bool)>,
    indicators: Vec<(Option<Decimal>, bool)>,
}

fn write(groups: &[Vec<Ind>], budget: Decimal, spent: Decimal) -> (String, String) {
    write_weighted(groups, budget, spent, &Weights::default())
}

fn write_weighted(
    groups: &[Vec<Ind>],
    budget: Decimal,
    spent: Decimal,
    w: &Weights,
) -> (String, String) {
    let names = ["成本指标", "产出指标", "效益指标", "满意度指标"];
    let mut decl = String::from("部门 \"局\" {\n  年度 2025\n  项目 \"甲\" {\n    指标 {\n");
    let mut act = format!(
        "自评 \"局\" 2025 {{\n  项目 \"甲\" {{\n    预算 {budget} 元\n    执行 {spent} 元\n"
    );
    let mut k = 0;
    for (n, (g, inds)) in names.iter().zip(groups).enumerate() {
        let (group_points, in_decl) = w.groups.get(n).copied().unwrap_or_default();
        match group_points {
            Some(p) if in_decl => {
                decl.push_str(&format!("      {g} 分值 {p} {{\n        二级 {{\n"))
            }
            Some(p) => {
                act.push_str(&format!("    小计 {g} 分值 {p}\n"));
                decl.push_str(&format!("      {g} {{\n        二级 {{\n"));
            }
            None => decl.push_str(&format!("      {g} {{\n        二级 {{\n")),
        }
        for ind in inds {
            k += 1;
            let name = format!("指标{k}");
            let (points, in_decl) = w.indicators.get(k - 1).copied().unwrap_or_default();
            let (decl_points, act_points) = match points {
                Some(p) if in_decl => (format!(" 分值 {p}"), String::new()),
                Some(p) => (String::new(), format!(" 分值 {p}")),
                None => (String::new(), String::new()),
            };
            match ind {
                Ind::Quant {
                    cmp,
                    target,
                    actual,
                    unit,
                } => {
                    decl.push_str(&format!(
                        "          {name} {cmp} {target} {unit}{decl_points}\n"
                    ));
                    match actual {
                        Actual::Value(v) => {
                            act.push_str(&format!("    {name} {v} {unit}{act_points}\n"))
                        }
                        Actual::Ratio(a, b) => {
                            act.push_str(&format!("    {name} = {a} / {b}{act_points}\n"))
                        }
                    }
                }
                Ind::Range { low, width, actual } => {
                    decl.push_str(&format!(
                        "          {name} {low}%~{}%{decl_points}\n",
                        low + width
                    ));
                    act.push_str(&format!("    {name} {actual}%{act_points}\n"));
                }
                Ind::Qual { grade, fraction } => {
                    decl.push_str(&format!("          {name}: 及时{decl_points}\n"));
                    // a fraction inside the band of both rule sets, when given
                    let f = fraction.map(|f| {
                        let (lo, hi) = match *grade {
                            "达成" => (80u32, 100u32),
                            "部分达成" => (60, 80),
                            _ => (0, 50),
                        };
                        lo + u32::from(f) * (hi - lo) / 100
                    });
                    match f {
                        Some(f) => act.push_str(&format!("    {name}: {grade} {f}%{act_points}\n")),
                        None => act.push_str(&format!("    {name}: {grade}{act_points}\n")),
                    }
                }
            }
        }
        decl.push_str("        }\n      }\n");
    }
    decl.push_str("    }\n  }\n}\n");
    act.push_str("  }\n}\n");
    (decl, act)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn scores_stay_in_range_and_totals_add_up(
        groups in prop::collection::vec(prop::collection::vec(indicator(), 0..4), 4)
            .prop_filter("some indicator", |g| g.iter().any(|x| !x.is_empty())),
        rescale in any::<bool>(),
        budget in (1i64..10_000_000).prop_map(|n| Decimal::new(n, 2)),
        spent_per_mille in 0i64..1500,
        central in any::<bool>(),
    ) {
        let spent = (budget * Decimal::new(spent_per_mille, 3)).round_dp(2);
        let (decl, act) = write(&groups, budget, spent);
        let rules = if central { CENTRAL } else { HUBEI };
        let rules = if rescale {
            rules.replace("缺组 不得分", "缺组 按比例折算")
        } else {
            rules.to_string()
        };
        let run = jixiao::evaluate_text(&decl, &act, Some(&rules));
        // A random declaration may be impossible on its face (a 满意度 target of
        // 101%): `check` rightly refuses it, and there is nothing to score.
        let finding = |code: &str| ["JX-F", "JX-D", "JX-T", "JX-G", "JX-C"].iter().any(|f| code.starts_with(f));
        prop_assume!(!run.diagnostics.iter().any(|d| d.is_error() && finding(d.code)));
        let errors: Vec<_> = run.diagnostics.iter().filter(|d| d.is_error()).collect();
        prop_assert!(errors.is_empty(), "{errors:#?}\n{decl}\n{act}");
        let ev = run.evaluation.unwrap();
        let p = &ev.projects[0];
        let mut sum_points = p.execution_points;
        for i in &p.indicators {
            let s = i.score.unwrap();
            prop_assert!(s >= Decimal::ZERO && s <= i.points, "{} scored {} of {}", i.name, s, i.points);
            // Full marks exactly when met (issue 15: strict comparators,
            // negative actuals), for a quantitative indicator.
            if i.points > Decimal::ZERO && i.actual_value.is_some() {
                prop_assert_eq!(i.met == Some(true), s == i.points, "{} {:?} {:?}\n{}\n{}", i.name, i.target, i.actual, decl, act);
            }
            sum_points += i.points;
        }
        let e = p.execution_score.unwrap();
        prop_assert!(e >= Decimal::ZERO && e <= p.execution_points);
        // 成本指标 is scored inside 产出指标 by both rule sets.
        let all_present = (!groups[0].is_empty() || !groups[1].is_empty())
            && !groups[2].is_empty()
            && !groups[3].is_empty();
        if rescale || all_present {
            prop_assert_eq!(sum_points, Decimal::ONE_HUNDRED);
        } else {
            prop_assert!(sum_points < Decimal::ONE_HUNDRED);
        }
        let mut groups_total = Decimal::ZERO;
        for g in &p.groups {
            let parts: Decimal = p.indicators.iter().filter(|i| i.group == g.name).map(|i| i.score.unwrap()).sum();
            prop_assert_eq!(g.score.unwrap(), parts);
            let points: Decimal = p.indicators.iter().filter(|i| i.group == g.name).map(|i| i.points).sum();
            if !g.members.is_empty() {
                prop_assert_eq!(g.points, points);
            }
            groups_total += parts;
        }
        prop_assert_eq!(p.total.unwrap(), e + groups_total);
        prop_assert!(p.total.unwrap() <= Decimal::ONE_HUNDRED);
        prop_assert!(p.grade.is_some());
    }
}

const SICHUAN: &str = include_str!("../rules/sichuan-2022.jx");

/// A point as forms print them: whole, or with one or two decimals, up to
/// `max` (`check` refuses more than 100 in a group, JX-G012: three
/// indicators of at most 33 stay within it).
fn form_points(max: i64) -> impl Strategy<Value = Option<Decimal>> {
    prop_oneof![
        2 => Just(None),
        3 => (0i64..=max).prop_map(|n| Some(Decimal::from(n))),
        1 => (0i64..=max * 100, 1u32..3).prop_map(move |(n, s)| Some(Decimal::new(n, s).min(Decimal::from(max)))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Issue 17: for any points a form prints (groups and indicators, in the
    /// declaration or the 自评) under any 表内分值 and shipped rule set,
    /// every indicator score lies in [0, its points], every group subtotal
    /// within the group's points, and a total above 100 comes with an error
    /// (JX-V050) and no grade.
    #[test]
    fn form_points_never_push_a_score_past_its_points(
        groups in prop::collection::vec(prop::collection::vec(indicator(), 0..4), 4)
            .prop_filter("some indicator", |g| g.iter().any(|x| !x.is_empty())),
        group_points in prop::collection::vec((form_points(100), any::<bool>()), 4),
        indicator_points in prop::collection::vec((form_points(33), any::<bool>()), 12),
        policy in prop::sample::select(vec!["采用", "折算", "不用"]),
        rescale in any::<bool>(),
        rules in 0usize..3,
        spent_per_mille in 0i64..1200,
    ) {
        let budget = Decimal::new(1_000_000, 2);
        let spent = (budget * Decimal::new(spent_per_mille, 3)).round_dp(2);
        let w = Weights { groups: group_points, indicators: indicator_points };
        let (decl, act) = write_weighted(&groups, budget, spent, &w);
        let rules = [CENTRAL, HUBEI, SICHUAN][rules].replace("表内分值 折算", &format!("表内分值 {policy}"));
        let rules = if rescale { rules.replace("缺组 不得分", "缺组 按比例折算") } else { rules };
        let run = jixiao::evaluate_text(&decl, &act, Some(&rules));
        let finding = |code: &str| ["JX-F", "JX-D", "JX-T", "JX-G", "JX-C"].iter().any(|f| code.starts_with(f));
        prop_assume!(!run.diagnostics.iter().any(|d| d.is_error() && finding(d.code)));
        let ev = run.evaluation.unwrap();
        let p = &ev.projects[0];
        for i in &p.indicators {
            if let Some(s) = i.score {
                prop_assert!(s >= Decimal::ZERO && s <= i.points, "{} scored {} of {}\n{decl}\n{act}", i.name, s, i.points);
            }
        }
        for g in &p.groups {
            if let Some(s) = g.score {
                prop_assert!(s <= g.points, "{} scored {} of {}\n{decl}\n{act}", g.name, s, g.points);
            }
            let inside: Decimal = p.indicators.iter().filter(|i| i.group == g.name).map(|i| i.points).sum();
            prop_assert!(inside <= g.points, "{}: indicators weigh {} of {}\n{decl}\n{act}", g.name, inside, g.points);
        }
        let over = run.diagnostics.iter().any(|d| d.code == "JX-V050" && d.is_error());
        if let Some(t) = p.total {
            prop_assert!(t <= Decimal::ONE_HUNDRED || over, "total {t} without JX-V050\n{decl}\n{act}\n{rules}");
            if t > Decimal::ONE_HUNDRED {
                prop_assert!(p.grade.is_none());
            }
        }
        if over {
            prop_assert!(p.grade.is_none() && p.grade_withheld.is_some());
        }
        prop_assert!(p.points() <= Decimal::ONE_HUNDRED || over);
    }
}

const DECL: &str = include_str!("../examples/songjiang-npc-2025/declaration.jx");
const ACTUALS: &str = include_str!("../examples/songjiang-npc-2025/actuals-2025.jx");

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Damaged actuals and rule sets give diagnostics, never a panic.
    #[test]
    fn damaged_inputs_never_panic(
        cut_a in 0usize..4000,
        len_a in 0usize..40,
        cut_r in 0usize..2000,
        len_r in 0usize..40,
        junk in "[0-9a-z%÷×（）{}\"=:：达成部分 \n.-]{0,12}",
    ) {
        let damage = |text: &str, at: usize, len: usize| -> String {
            let chars: Vec<char> = text.chars().collect();
            let at = at.min(chars.len());
            let end = (at + len).min(chars.len());
            let mut s: String = chars[..at].iter().collect();
            s.push_str(&junk);
            s.extend(&chars[end..]);
            s
        };
        let a = damage(ACTUALS, cut_a, len_a);
        let r = damage(CENTRAL, cut_r, len_r);
        let run = jixiao::evaluate_text(DECL, &a, Some(&r));
        if let Some(ev) = &run.evaluation {
            let _ = jixiao::report::table(ev, true);
            let _ = jixiao::report::csv::render(ev);
            for p in &ev.projects {
                for i in &p.indicators {
                    if let Some(s) = i.score {
                        prop_assert!(s >= Decimal::ZERO && s <= i.points);
                    }
                }
            }
        }
    }
}

//! What `eval --explain` says is true of the exact decimals (issue 17):
//! an actual of 32.9999 万元 is not shown as `33 万元`, no sentence prints
//! “完成值 33 万元 < 指标值 33 万元”, a rounded quotient is “≈”, and the
//! over-achievement of a `≤` target is a saving (it said 152.45%).

#[path = "common/cli.rs"]
mod cli;

use jixiao::model::evaluation::IndicatorEvaluation;
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::cmp::Ordering;
use std::str::FromStr;

fn decl(target: &str) -> String {
    format!(
        "部门 \"测试局\" {{\n  年度 2025\n  项目 \"测试\" {{\n    资金 {{\n      年度申请 100 元\n    }}\n    指标 {{\n      满意度指标 {{\n        服务对象满意度指标 {{\n          甲 {target}\n        }}\n      }}\n    }}\n  }}\n}}\n"
    )
}

fn actuals(actual: &str) -> String {
    format!("自评 \"测试局\" 2025 {{\n  项目 \"测试\" {{\n    预算 100 元\n    执行 100 元\n    甲 {actual}\n  }}\n}}\n")
}

fn indicator(target: &str, actual: &str) -> IndicatorEvaluation {
    let r = jixiao::evaluate_text(&decl(target), &actuals(actual), None);
    r.evaluation.expect("scored").projects[0].indicators[0].clone()
}

#[test]
fn an_actual_is_shown_with_the_digits_it_was_written_with() {
    let i = indicator("≥ 33 万元", "32.9999 万元");
    assert_eq!(i.actual.as_deref(), Some("32.9999 万元"));
    assert!(
        i.trace
            .line
            .starts_with("甲：完成值 32.9999 万元 < 指标值 33 万元 → 10 × 32.9999 ÷ 33 = 10.00"),
        "{}",
        i.trace.line
    );
    assert!(
        i.trace.line.ends_with("未达成，不得满分 → 9.99"),
        "{}",
        i.trace.line
    );
}

#[test]
fn a_computed_actual_has_the_places_that_tell_it_from_the_target() {
    let i = indicator("≥ 95%", "= 94999 / 100000");
    assert_eq!(i.actual.as_deref(), Some("94.999%"));
    assert_eq!(i.trace.notes[0], "完成值 94999 / 100000 = 94.999%");
    assert!(
        i.trace.line.starts_with("甲：完成值 94.999% < 指标值 95%"),
        "{}",
        i.trace.line
    );
    // 2 decimals where they tell it apart; `≈` since they are not its value.
    let i = indicator("≥ 95%", "= 112 / 118");
    assert_eq!(i.actual.as_deref(), Some("94.92%"));
    assert_eq!(i.trace.notes[0], "完成值 112 / 118 ≈ 94.92%");
    // 2,849,999,999 / 3,000,000,000 is 94.99999996…%: 2 decimals would show 95%.
    let i = indicator("≥ 95%", "= 2849999999 / 3000000000");
    assert_eq!(i.actual.as_deref(), Some("94.99999997%"));
    assert_eq!(
        i.trace.notes[0],
        "完成值 2849999999 / 3000000000 ≈ 94.99999997%"
    );
}

/// The over-achievement note of an indicator.
fn over_note(target: &str, actual: &str) -> String {
    let i = indicator(target, actual);
    assert!(i.over_achieved, "{target} / {actual}");
    let note = i.trace.notes.iter().find(|n| n.starts_with("超额完成"));
    note.cloned().unwrap_or_default()
}

#[test]
fn a_cost_target_met_with_room_to_spare_says_how_much_was_saved() {
    // The numbers: 65.6% of the ceiling, 34.4% saved.
    assert_eq!(
        over_note("≤ 100 万元", "65.6 万元"),
        "超额完成：完成值为指标值的 65.60%，节约 34.40%（阈值 120.00%：指标值不低于完成值的 120.00%）"
    );
    assert_eq!(
        over_note("≤ 33 万元", "21.63 万元"),
        "超额完成：完成值约为指标值的 65.55%，约节约 34.45%（阈值 120.00%：指标值不低于完成值的 120.00%）"
    );
    // A `≥` target: the share as before.
    assert_eq!(
        over_note("≥ 10 次", "14 次"),
        "超额完成：完成值达到指标值的 140.00%（阈值 120.00%）"
    );
}

#[test]
fn messages_that_compare_scores_compare_the_figures_they_print() {
    // A manual score just above the points: 10.001 is not “10”.
    let r = jixiao::evaluate_text(
        &decl("≥ 90%"),
        &actuals("95% 得分 10.001 理由 \"复核\""),
        None,
    );
    let d = r.diagnostics.iter().find(|d| d.code == "JX-V011").unwrap();
    assert_eq!(d.message, "指标“甲”的人工得分 10.001 不在 0 至分值 10 之间");
    // A score given with a grade just below its band: 5.999 of 6～8.
    let r = jixiao::evaluate_text(&decl(": 及时"), &actuals(": 部分达成 5.999"), None);
    let d = r.diagnostics.iter().find(|d| d.code == "JX-V010").unwrap();
    assert_eq!(
        d.message,
        "指标“甲”评为“部分达成”，得分 5.999 不在该等级的分数段 6～8 分（分值 10 的 60%～80%）之内"
    );
}

/// A decimal from a mantissa and a scale.
fn dec(m: i64, scale: u32) -> Decimal {
    Decimal::new(m, scale)
}

/// The number printed before `unit` in `text` after `from`.
fn printed(text: &str, from: &str) -> Decimal {
    let at = text
        .find(from)
        .unwrap_or_else(|| panic!("{from} in {text}"))
        + from.len();
    let number: String = text[at..]
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-'))
        .filter(|c| *c != ',')
        .collect();
    Decimal::from_str(&number).unwrap_or_else(|_| panic!("a number in {text}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(192))]

    /// For any target and actual (written with up to 6 decimals, or a
    /// quotient), the comparison the trace prints is the exact one, and so
    /// is the comparison of the figures it prints.
    #[test]
    fn the_comparison_printed_is_true_of_the_exact_decimals(
        t in (1i64..2_000_000, 0u32..5),
        a in (0i64..2_000_000, 0u32..7),
        cmp in prop::sample::select(vec!["≥", "≤", ">", "<", "="]),
        unit in prop::sample::select(vec!["万元", "次", "%"]),
        quotient in any::<bool>(),
        near in prop::option::of((-999i64..999, 3u32..7)),
    ) {
        let t = dec(t.0, t.1);
        // Most often within rounding of the target: where 2 decimals lied.
        let a = match near {
            Some((d, scale)) => (t + dec(d, scale)).max(Decimal::ZERO),
            None => dec(a.0, a.1),
        };
        // a ÷ 7, written as an expression, is usually not exact.
        let unit = if quotient { "次" } else { unit };
        let actual = if quotient {
            format!("= {} / 7", a.normalize())
        } else {
            format!("{} {unit}", a.normalize())
        };
        let target = format!("{cmp} {} {unit}", t.normalize());
        let i = indicator(&target, &actual);
        let exact = i.actual_value.unwrap();
        let line = &i.trace.line;
        let shown_a = printed(line, "完成值");
        let shown_t = printed(line, "指标值");
        let rel = match exact.cmp(&t) {
            Ordering::Less => "<",
            Ordering::Equal => "=",
            Ordering::Greater => ">",
        };
        prop_assert!(line.contains(&format!(" {rel} 指标值 ")), "{line}");
        prop_assert_eq!(shown_a.cmp(&shown_t), exact.cmp(&t), "{}", line);
        prop_assert_eq!(shown_t, t.normalize());
        if !quotient {
            prop_assert_eq!(shown_a, a.normalize(), "{}", line);
        }
        // The column shows what the trace compares.
        let column = i.actual.as_deref().unwrap();
        prop_assert_eq!(printed(column, ""), shown_a);
    }

    /// A range: “在 … 之内” exactly when the actual is, and the figures
    /// printed agree.
    #[test]
    fn the_range_printed_is_true_of_the_exact_decimals(
        lo in (1i64..1_000_000, 0u32..4),
        width in (0i64..1_000_000, 0u32..4),
        a in (0i64..3_000_000, 0u32..7),
        near in prop::option::of((any::<bool>(), -999i64..999, 3u32..7)),
    ) {
        let lo = dec(lo.0, lo.1);
        let hi = lo + dec(width.0, width.1);
        // Most often within rounding of one end.
        let a = match near {
            Some((low_end, d, scale)) => {
                ((if low_end { lo } else { hi }) + dec(d, scale)).max(Decimal::ZERO)
            }
            None => dec(a.0, a.1),
        };
        let i = indicator(&format!("{} 次~{} 次", lo.normalize(), hi.normalize()), &format!("= {} / 3", (a * Decimal::from(3)).normalize()));
        let line = &i.trace.line;
        let within = lo <= a && a <= hi;
        prop_assert_eq!(line.contains(" 在 "), within, "{}", line);
        let shown_a = printed(line, "完成值");
        let shown_lo = printed(line, "在 ");
        let after = &line[line.find('～').unwrap()..];
        let shown_hi = printed(after, "～");
        prop_assert_eq!(shown_lo <= shown_a && shown_a <= shown_hi, within, "{}", line);
    }
}

//! 分值 (JX-G012): points written in the declaration that no rule set can
//! score. Eval compares 分值 with its rule set's group points (JX-V014);
//! what is wrong under every rule set is said at check, before year end:
//! a negative 分值, and 分值 above 100, the whole of any project's score —
//! one indicator's, or the sum written in one 一级指标.

use crate::diagnostic::{codes, Diagnostic};
use crate::model::display::number;
use crate::model::Project;
use rust_decimal::Decimal;

/// The whole score of a project under every rule set (JX-R006 otherwise).
const FULL_MARKS: Decimal = Decimal::ONE_HUNDRED;

pub(super) fn check(p: &Project, out: &mut Vec<Diagnostic>) {
    for i in &p.indicators {
        let Some(points) = i.points else { continue };
        let why = if points.is_sign_negative() && !points.is_zero() {
            "是负数，分值不能为负"
        } else if points > FULL_MARKS {
            "超过了满分 100"
        } else {
            continue;
        };
        out.push(
            Diagnostic::new(
                &codes::TARGET_BAD_POINTS,
                format!("指标“{}”的分值 {} {why}", i.name, number(points)),
            )
            .label(i.span, format!("分值 {}", number(points)))
            .help("分值写 0 至一级指标分值之间的数；不写分值时按规则集在组内均分"),
        );
    }
    // 分值 written on a group (`产出指标 分值 70`, issue 17).
    for w in &p.group_points {
        let why = if w.points.is_sign_negative() && !w.points.is_zero() {
            "是负数，分值不能为负"
        } else if w.points > FULL_MARKS {
            "超过了满分 100"
        } else {
            continue;
        };
        let group = w.level2.as_deref().unwrap_or(&w.level1);
        out.push(
            Diagnostic::new(
                &codes::TARGET_BAD_POINTS,
                format!("指标分组“{group}”的分值 {} {why}", number(w.points)),
            )
            .label(w.span, format!("分值 {}", number(w.points)))
            .help("分组的分值写表上印的这一组的分数（如产出指标 50），在 0 至 100 之间"),
        );
    }
    // The 分值 written in one 一级指标, summed (each in range).
    let mut groups: Vec<(&str, Decimal, crate::source::Span)> = Vec::new();
    for i in &p.indicators {
        let Some(points) = i.points.filter(|v| *v >= Decimal::ZERO && *v <= FULL_MARKS) else {
            continue;
        };
        match groups
            .iter_mut()
            .find(|g| crate::model::same_name(g.0, &i.level1))
        {
            Some(g) => g.1 = g.1.saturating_add(points),
            None => groups.push((&i.level1, points, i.span)),
        }
    }
    for (group, sum, span) in groups {
        if sum > FULL_MARKS {
            out.push(
                Diagnostic::new(
                    &codes::TARGET_BAD_POINTS,
                    format!("“{group}”各指标的分值合计 {}，超过了满分 100", number(sum)),
                )
                .label(span, "写了分值的指标")
                .help("一级指标的分值由规则集规定（如产出指标 50 分），组内各指标的分值合计不能超过它"),
            );
        }
    }
}

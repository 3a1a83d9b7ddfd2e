//! The fixes of the findings on targets (issue 20: an editor offers each
//! as a quick fix; `check --format json` lists them). Only where the
//! user's intent is certain, or the title says the choice: never a change
//! of what a number means.

use crate::diagnostic::{Diagnostic, Edit};
use crate::model::{Comparator, Indicator, Kind, Unit};
use rust_decimal::Decimal;

/// JX-G002: the unknown unit `text` written as `near`, only where that is
/// a count unit the text begins with (人数 → 人); any other would change
/// what the number means (万粒 → 万元). Every place it is written.
pub(super) fn unit(d: Diagnostic, i: &Indicator, text: &str, near: &str) -> Diagnostic {
    let count = Unit::parse(near);
    if !text.starts_with(near) || count.kind() != Kind::Count || count.factor() != Decimal::ONE {
        return d;
    }
    let edits: Vec<Edit> = (i.written.unknown_units().iter())
        .filter(|u| u.node == text)
        .map(|u| Edit {
            span: u.span,
            text: near.to_string().into(),
        })
        .collect();
    if edits.is_empty() {
        return d;
    }
    d.fix(format!("改为“{near}”"), edits)
}

/// JX-G007: the ceiling of a 数量指标 made a floor, keeping its
/// strictness (`<` becomes `>`).
pub(super) fn floor(d: Diagnostic, i: &Indicator, comparator: Comparator) -> Diagnostic {
    let Some(span) = i.written.part() else {
        return d;
    };
    let floor = if comparator == Comparator::Lt {
        ">"
    } else {
        "≥"
    };
    let title = format!("把 {} 改为 {floor}", comparator.symbol());
    d.fix(
        title,
        vec![Edit {
            span,
            text: floor.into(),
        }],
    )
}

/// JX-G010: the target word written as the common word `near`, only for
/// a slip of one character (即时 → 及时), not a phrase that holds a common
/// word (在计划时间内完成 → 完成).
pub(super) fn word(d: Diagnostic, i: &Indicator, word: &str, near: &str) -> Diagnostic {
    match i
        .written
        .part()
        .filter(|_| crate::suggest::one_slip(word, near))
    {
        Some(span) => d.fix(
            format!("改为“{near}”"),
            vec![Edit {
                span,
                text: near.to_string().into(),
            }],
        ),
        None => d,
    }
}

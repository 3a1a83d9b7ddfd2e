//! Comparing two versions of one project.

use super::{classify, Change, Place};
use crate::model::{name_key, GroupWeight, Indicator, Project, Quantity, Target};
use crate::vocab::{FieldValue, ProjectField};
use rust_decimal::Decimal;

/// The changes between two versions of one project.
pub fn project(op: &Project, np: &Project) -> Vec<Change> {
    let mut out = Vec::new();
    let period = |p: &Project| {
        p.period
            .as_ref()
            .map(|p| format!("{} 至 {}", p.start, p.end))
    };
    for &field in ProjectField::ALL {
        let (old, new) = match field.value() {
            FieldValue::Word | FieldValue::Text => {
                (op.text(field).cloned(), np.text(field).cloned())
            }
            FieldValue::Dates => (period(op), period(np)),
            FieldValue::Block(_) | FieldValue::Expr | FieldValue::Allow => continue,
        };
        if old != new {
            out.push(Change::FieldChanged {
                field: field.word().into(),
                old,
                new,
            });
        }
    }
    for ((key, old), (_, new)) in op.funds.fields().into_iter().zip(np.funds.fields()) {
        out.extend(amount(
            &format!("{}.{key}", ProjectField::Funds),
            old.map(|a| &a.quantity),
            new.map(|a| &a.quantity),
        ));
    }
    indicators(op, np, &mut out);
    group_points(op, np, &mut out);
    for ((section, old), (_, new)) in op.narrative.fields().into_iter().zip(np.narrative.fields()) {
        if old != new {
            let (added_chars, removed_chars) = char_delta(
                old.map(String::as_str).unwrap_or(""),
                new.map(String::as_str).unwrap_or(""),
            );
            out.push(Change::NarrativeChanged {
                section: section.into(),
                added_chars,
                removed_chars,
            });
        }
    }
    checks(op, np, &mut out);
    out
}

/// An amount changed, unless only its spelling did.
pub(super) fn amount(
    field: &str,
    old: Option<&Quantity>,
    new: Option<&Quantity>,
) -> Option<Change> {
    match (old, new) {
        (None, None) => return None,
        (Some(a), Some(b)) if a.same_value(b) => return None,
        _ => {}
    }
    let yuan = |q: Option<&Quantity>| match q {
        Some(q) => q.yuan(),
        None => Some(Decimal::ZERO),
    };
    let (delta_yuan, delta_percent) = match (yuan(old), yuan(new)) {
        (Some(a), Some(b)) if old.is_some() || new.is_some() => {
            let delta = b.checked_sub(a);
            let pct = delta.and_then(|d| {
                if a.is_zero() {
                    None
                } else {
                    d.checked_mul(Decimal::ONE_HUNDRED)
                        .and_then(|x| x.checked_div(a))
                        .map(|x| x.round_dp(2))
                }
            });
            (delta, pct)
        }
        _ => (None, None),
    };
    Some(Change::FundsChanged {
        field: field.into(),
        old: old.cloned(),
        new: new.cloned(),
        delta_yuan,
        delta_percent,
    })
}

fn place(i: &Indicator) -> Place {
    Place {
        level1: i.level1.clone(),
        level2: i.level2.clone(),
    }
}

fn indicators(op: &Project, np: &Project, out: &mut Vec<Change>) {
    let mut used = vec![false; np.indicators.len()];
    for oi in &op.indicators {
        let key = name_key(&oi.name);
        let found =
            np.indicators.iter().enumerate().find(|(i, ni)| {
                !used.get(*i).copied().unwrap_or(true) && name_key(&ni.name) == key
            });
        let Some((i, ni)) = found else {
            out.push(Change::IndicatorRemoved {
                name: oi.name.clone(),
                place: place(oi),
                target: oi.target.to_string(),
            });
            continue;
        };
        if let Some(u) = used.get_mut(i) {
            *u = true;
        }
        if name_key(&oi.level1) != name_key(&ni.level1)
            || name_key(&oi.level2) != name_key(&ni.level2)
        {
            out.push(Change::IndicatorMoved {
                name: ni.name.clone(),
                from: place(oi),
                to: place(ni),
            });
        }
        if let Some(verdict) = classify(&oi.target, &ni.target) {
            out.push(Change::TargetChanged {
                name: ni.name.clone(),
                old: oi.target.to_string(),
                new: ni.target.to_string(),
                verdict,
            });
        }
        midterm(oi, ni, out);
        attributes(oi, ni, out);
    }
    for (i, ni) in np.indicators.iter().enumerate() {
        if !used.get(i).copied().unwrap_or(true) {
            out.push(Change::IndicatorAdded {
                name: ni.name.clone(),
                place: place(ni),
                target: ni.target.to_string(),
            });
        }
    }
}

/// The 中期指标值, compared as targets are (two spellings of it are the same).
fn midterm(oi: &Indicator, ni: &Indicator, out: &mut Vec<Change>) {
    let changed = match (&oi.midterm, &ni.midterm) {
        (Some(a), Some(b)) => classify(a, b).is_some(),
        (None, None) => false,
        _ => true,
    };
    if changed {
        out.push(Change::AttributeChanged {
            name: ni.name.clone(),
            attribute: "中期指标值".into(),
            old: oi.midterm.as_ref().map(Target::to_string),
            new: ni.midterm.as_ref().map(Target::to_string),
        });
    }
}

fn attributes(oi: &Indicator, ni: &Indicator, out: &mut Vec<Change>) {
    let mut attr = |attribute: &str, old: Option<String>, new: Option<String>| {
        if old != new {
            out.push(Change::AttributeChanged {
                name: ni.name.clone(),
                attribute: attribute.into(),
                old,
                new,
            });
        }
    };
    attr(
        "分值",
        oi.points.map(|p| p.normalize().to_string()),
        ni.points.map(|p| p.normalize().to_string()),
    );
    let same_tolerance = match (&oi.tolerance, &ni.tolerance) {
        (Some(a), Some(b)) => a.same_value(b),
        (None, None) => true,
        _ => false,
    };
    if !same_tolerance {
        attr(
            "容差",
            oi.tolerance.as_ref().map(ToString::to_string),
            ni.tolerance.as_ref().map(ToString::to_string),
        );
    }
    attr(
        "方向",
        oi.direction.map(|d| d.chinese().to_string()),
        ni.direction.map(|d| d.chinese().to_string()),
    );
    attr("口径", oi.caliber.clone(), ni.caliber.clone());
}

/// The 分值 written on groups (`产出指标 分值 70`), compared by value.
fn group_points(op: &Project, np: &Project, out: &mut Vec<Change>) {
    if op.group_points.is_empty() && np.group_points.is_empty() {
        return;
    }
    let name = |w: &GroupWeight| match &w.level2 {
        Some(l2) => format!("{}/{l2}", w.level1),
        None => w.level1.clone(),
    };
    let points = |p: &Project, w: &GroupWeight| {
        p.group_weight(&w.level1, w.level2.as_deref())
            .map(|x| x.points.normalize().to_string())
    };
    for w in &op.group_points {
        let (old, new) = (points(op, w), points(np, w));
        if old != new {
            out.push(Change::GroupPointsChanged {
                group: name(w),
                old,
                new,
            });
        }
    }
    for w in &np.group_points {
        if points(op, w).is_none() {
            out.push(Change::GroupPointsChanged {
                group: name(w),
                old: None,
                new: points(np, w),
            });
        }
    }
}

fn checks(op: &Project, np: &Project, out: &mut Vec<Change>) {
    let mut used = vec![false; np.checks.len()];
    for oc in &op.checks {
        let found = np.checks.iter().enumerate().find(|(i, nc)| {
            !used.get(*i).copied().unwrap_or(true) && crate::format::same_expr(&oc.expr, &nc.expr)
        });
        match found {
            Some((i, _)) => {
                if let Some(u) = used.get_mut(i) {
                    *u = true;
                }
            }
            None => out.push(Change::CheckRemoved {
                text: oc.text.clone(),
            }),
        }
    }
    for (i, nc) in np.checks.iter().enumerate() {
        if !used.get(i).copied().unwrap_or(true) {
            out.push(Change::CheckAdded {
                text: nc.text.clone(),
            });
        }
    }
}

/// Characters inserted and deleted between two texts.
fn char_delta(old: &str, new: &str) -> (usize, usize) {
    let diff = similar::TextDiff::configure()
        .timeout(std::time::Duration::from_millis(200))
        .diff_chars(old, new);
    let mut added = 0;
    let mut removed = 0;
    for c in diff.iter_all_changes() {
        let n = c.value().chars().count();
        match c.tag() {
            similar::ChangeTag::Insert => added += n,
            similar::ChangeTag::Delete => removed += n,
            similar::ChangeTag::Equal => {}
        }
    }
    (added, removed)
}

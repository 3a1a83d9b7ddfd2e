//! `jixiao diff`: what changed in *meaning* between two declarations.
//!
//! Projects are matched by department and name, indicators by name inside
//! their project (full- and half-width forms folded). Amounts compare by
//! value, so a unit rewrite (`10.04 万元` → `100,400 元`) is not a change;
//! target changes are classified as 收紧 or 放宽 from the comparator.

mod render;
mod target;

pub use render::render_human;
pub use target::{classify, Verdict};

use crate::model::{name_key, Department, Indicator, Project, Quantity, Workspace};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Every change, grouped by project.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diff {
    pub groups: Vec<Group>,
}

impl Diff {
    /// Nothing changed in meaning.
    pub fn is_empty(&self) -> bool {
        self.groups.iter().all(|g| g.changes.is_empty())
    }
    pub fn change_count(&self) -> usize {
        self.groups.iter().map(|g| g.changes.len()).sum()
    }
}

/// The changes of one project (or, with `project` empty, of a department's
/// own header).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    pub department: Option<String>,
    pub project: Option<String>,
    pub changes: Vec<Change>,
}

/// Where an indicator sits: 一级指标 / 二级指标.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub level1: String,
    pub level2: String,
}

/// One change in meaning.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    DepartmentAdded,
    DepartmentRemoved,
    ProjectAdded {
        indicators: usize,
        total: Option<Quantity>,
    },
    ProjectRemoved {
        indicators: usize,
        total: Option<Quantity>,
    },
    /// A text field (性质, 类别, 周期, 总目标 …) or a department header field.
    FieldChanged {
        field: String,
        old: Option<String>,
        new: Option<String>,
    },
    /// An amount of the 资金 block (or the header's 申报资金).
    FundsChanged {
        field: String,
        old: Option<Quantity>,
        new: Option<Quantity>,
        /// new − old, in 元.
        delta_yuan: Option<Decimal>,
        /// The delta as a percentage of the old amount (2 decimals).
        delta_percent: Option<Decimal>,
    },
    IndicatorAdded {
        name: String,
        place: Place,
        target: String,
    },
    IndicatorRemoved {
        name: String,
        place: Place,
        target: String,
    },
    IndicatorMoved {
        name: String,
        from: Place,
        to: Place,
    },
    TargetChanged {
        name: String,
        old: String,
        new: String,
        verdict: Verdict,
    },
    /// 分值, 容差, 方向 or 口径 of an indicator.
    AttributeChanged {
        name: String,
        attribute: String,
        old: Option<String>,
        new: Option<String>,
    },
    /// A section of 说明 edited: how much text went in and out.
    NarrativeChanged {
        section: String,
        added_chars: usize,
        removed_chars: usize,
    },
    CheckAdded {
        text: String,
    },
    CheckRemoved {
        text: String,
    },
}

/// Compare two workspaces.
pub fn diff(old: &Workspace, new: &Workspace) -> Diff {
    let mut groups = Vec::new();
    let mut used = vec![false; new.departments.len()];
    for od in &old.departments {
        let found = new
            .departments
            .iter()
            .enumerate()
            .find(|(i, nd)| !used.get(*i).copied().unwrap_or(true) && nd.name == od.name);
        match found {
            Some((i, nd)) => {
                if let Some(u) = used.get_mut(i) {
                    *u = true;
                }
                department(od, nd, &mut groups);
            }
            None => {
                push(&mut groups, od, None, vec![Change::DepartmentRemoved]);
                for p in &od.projects {
                    push(&mut groups, od, Some(p), vec![removed(p)]);
                }
            }
        }
    }
    for (i, nd) in new.departments.iter().enumerate() {
        if used.get(i).copied().unwrap_or(true) {
            continue;
        }
        push(&mut groups, nd, None, vec![Change::DepartmentAdded]);
        for p in &nd.projects {
            push(&mut groups, nd, Some(p), vec![added(p)]);
        }
    }
    Diff { groups }
}

fn push(groups: &mut Vec<Group>, d: &Department, p: Option<&Project>, changes: Vec<Change>) {
    if changes.is_empty() {
        return;
    }
    groups.push(Group {
        department: d.name.clone(),
        project: p.map(|p| p.name.clone()),
        changes,
    });
}

fn added(p: &Project) -> Change {
    Change::ProjectAdded {
        indicators: p.indicators.len(),
        total: p.funds.total.as_ref().map(|a| a.quantity.clone()),
    }
}

fn removed(p: &Project) -> Change {
    Change::ProjectRemoved {
        indicators: p.indicators.len(),
        total: p.funds.total.as_ref().map(|a| a.quantity.clone()),
    }
}

fn department(od: &Department, nd: &Department, groups: &mut Vec<Group>) {
    let mut header = Vec::new();
    if od.year != nd.year {
        header.push(Change::FieldChanged {
            field: "年度".into(),
            old: od.year.map(|y| y.to_string()),
            new: nd.year.map(|y| y.to_string()),
        });
    }
    let count = |d: &Department| d.claim.as_ref().map(|c| c.project_count);
    if count(od) != count(nd) {
        header.push(Change::FieldChanged {
            field: "申报项目数".into(),
            old: count(od).map(|c| c.to_string()),
            new: count(nd).map(|c| c.to_string()),
        });
    }
    let claimed = |d: &Department| d.claim.as_ref().map(|c| c.funds.clone());
    header.extend(amount(
        "申报资金",
        claimed(od).as_ref(),
        claimed(nd).as_ref(),
    ));
    push(groups, nd, None, header);

    let mut used = vec![false; nd.projects.len()];
    for op in &od.projects {
        let found = nd
            .projects
            .iter()
            .enumerate()
            .find(|(i, np)| !used.get(*i).copied().unwrap_or(true) && np.name == op.name);
        match found {
            Some((i, np)) => {
                if let Some(u) = used.get_mut(i) {
                    *u = true;
                }
                push(groups, nd, Some(np), project(op, np));
            }
            None => push(groups, od, Some(op), vec![removed(op)]),
        }
    }
    for (i, np) in nd.projects.iter().enumerate() {
        if !used.get(i).copied().unwrap_or(true) {
            push(groups, nd, Some(np), vec![added(np)]);
        }
    }
}

/// The changes between two versions of one project.
pub fn project(op: &Project, np: &Project) -> Vec<Change> {
    let mut out = Vec::new();
    let text_fields: [(&str, Option<String>, Option<String>); 7] = [
        ("性质", op.nature.clone(), np.nature.clone()),
        ("类别", op.category.clone(), np.category.clone()),
        (
            "主管部门",
            op.competent_department.clone(),
            np.competent_department.clone(),
        ),
        (
            "实施单位",
            op.implementing_unit.clone(),
            np.implementing_unit.clone(),
        ),
        (
            "周期",
            op.period
                .as_ref()
                .map(|p| format!("{} 至 {}", p.start, p.end)),
            np.period
                .as_ref()
                .map(|p| format!("{} 至 {}", p.start, p.end)),
        ),
        ("总目标", op.overall_goal.clone(), np.overall_goal.clone()),
        ("年度目标", op.annual_goal.clone(), np.annual_goal.clone()),
    ];
    for (field, old, new) in text_fields {
        if old != new {
            out.push(Change::FieldChanged {
                field: field.into(),
                old,
                new,
            });
        }
    }
    for ((key, old), (_, new)) in op.funds.fields().into_iter().zip(np.funds.fields()) {
        out.extend(amount(
            &format!("资金.{key}"),
            old.map(|a| &a.quantity),
            new.map(|a| &a.quantity),
        ));
    }
    indicators(op, np, &mut out);
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
fn amount(field: &str, old: Option<&Quantity>, new: Option<&Quantity>) -> Option<Change> {
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

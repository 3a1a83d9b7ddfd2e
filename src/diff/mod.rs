//! `jixiao diff`: what changed in *meaning* between two declarations.
//!
//! Projects are matched by department and name, indicators by name inside
//! their project (full- and half-width forms folded). Amounts compare by
//! value, so a unit rewrite (`10.04 万元` → `100,400 元`) is not a change;
//! target changes are classified as 收紧 or 放宽 from the comparator.

mod actuals;
mod project;
mod render;
mod target;

pub use project::project;
pub use render::render_human;
pub use target::{classify, Verdict};

use crate::model::evaluation::Actuals;
use crate::model::{Department, Project, Quantity, Workspace};
use project::amount;
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
    /// The 分值 of a first- or second-level group (`产出指标 分值 70`)
    /// added, changed or removed; `group` is `产出指标` or `产出指标/数量指标`.
    GroupPointsChanged {
        group: String,
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
    /// A project's 自评 block added (with this many actuals).
    ActualsAdded {
        values: usize,
    },
    ActualsRemoved {
        values: usize,
    },
    /// An actual (实际完成值) changed, added (`old` empty) or removed
    /// (`new` empty); values as written (`8.84 万元`, `= 37 / 37`, `部分达成 70%`).
    ActualChanged {
        name: String,
        old: Option<String>,
        new: Option<String>,
    },
    /// 偏差原因, 改进措施, 来源, 人工得分, or what the form printed (表内分值,
    /// 表内得分) of an actual added, edited or removed; the form's 小计 and
    /// 合计 too (`name` 小计 产出指标, 合计).
    ActualNoteChanged {
        name: String,
        note: String,
        old: Option<String>,
        new: Option<String>,
    },
}

/// One side of a comparison: the declarations and the `自评` actuals of
/// the root files.
#[derive(Clone, Debug, Default)]
pub struct Side {
    pub workspace: Workspace,
    pub actuals: Vec<Actuals>,
}

impl Side {
    /// Lower a load: declarations, and each root file's `自评` blocks.
    pub fn of(loaded: &crate::load::Loaded) -> Side {
        use crate::syntax::ast::Item;
        let (workspace, _) = crate::lower::lower(loaded);
        let mut actuals = Vec::new();
        for &f in &loaded.roots {
            let has = loaded
                .tree(f)
                .is_some_and(|t| t.items.iter().any(|i| matches!(i, Item::Actuals(_))));
            if has {
                actuals.extend(crate::lower::lower_actuals(loaded, f).0);
            }
        }
        Side { workspace, actuals }
    }
}

/// Compare two sides: declarations, then actuals.
pub fn diff_sides(old: &Side, new: &Side) -> Diff {
    let mut d = diff(&old.workspace, &new.workspace);
    actuals::compare(&old.actuals, &new.actuals, &mut d.groups);
    d
}

/// Compare two workspaces.
pub fn diff(old: &Workspace, new: &Workspace) -> Diff {
    let (old, new) = (by_name(old), by_name(new));
    let mut groups = Vec::new();
    let mut used = vec![false; new.len()];
    for od in &old {
        let found = new.iter().enumerate().find(|(i, nd)| {
            !used.get(*i).copied().unwrap_or(true) && same_department(&nd.name, &od.name)
        });
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
    for (i, nd) in new.iter().enumerate() {
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

/// Departments merged by name: a department split over several files (and
/// the projects of files written without 部门) is compared as one.
fn by_name(ws: &Workspace) -> Vec<Department> {
    let mut out: Vec<Department> = Vec::new();
    for d in &ws.departments {
        match out.iter_mut().find(|o| same_department(&o.name, &d.name)) {
            Some(o) => {
                o.projects.extend(d.projects.iter().cloned());
                if o.year.is_none() {
                    o.year = d.year;
                }
                if o.claim.is_none() {
                    o.claim = d.claim.clone();
                }
            }
            None => out.push(d.clone()),
        }
    }
    out
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
        let found = nd.projects.iter().enumerate().find(|(i, np)| {
            !used.get(*i).copied().unwrap_or(true) && crate::model::same_name(&np.name, &op.name)
        });
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

/// Department names compared by the one rule for names (`name_key`).
fn same_department(a: &Option<String>, b: &Option<String>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => crate::model::same_name(a, b),
        (None, None) => true,
        (Some(_), None) | (None, Some(_)) => false,
    }
}

//! The diff for people: Chinese, grouped by project.

use super::{Change, Diff, Place};
use crate::model::display::{money_exact, signed};
use crate::model::Quantity;

/// Human output. Ends with a summary line; “无实质变更。” when nothing
/// changed in meaning.
pub fn render_human(diff: &Diff) -> String {
    if diff.is_empty() {
        return "无实质变更。\n".into();
    }
    let mut departments: Vec<&Option<String>> = Vec::new();
    for g in &diff.groups {
        if !departments.contains(&&g.department) {
            departments.push(&g.department);
        }
    }
    let several = departments.len() > 1;
    let mut out = String::new();
    let mut projects = 0;
    for g in diff.groups.iter().filter(|g| !g.changes.is_empty()) {
        let dept = g.department.as_deref().unwrap_or("（未写部门）");
        match &g.project {
            Some(p) => {
                projects += 1;
                out.push_str(&format!("项目“{p}”"));
                if several {
                    out.push_str(&format!("（部门“{dept}”）"));
                }
            }
            None => out.push_str(&format!("部门“{dept}”")),
        }
        out.push_str("：\n");
        for c in &g.changes {
            out.push_str("  ");
            out.push_str(&line(c));
            out.push('\n');
        }
        out.push('\n');
    }
    out.push_str(&format!(
        "共 {} 处实质变更，涉及 {} 个项目。\n",
        diff.change_count(),
        projects
    ));
    out
}

fn opt(s: &Option<String>) -> String {
    match s {
        Some(s) => format!("“{s}”"),
        None => "（无）".into(),
    }
}

fn qty(q: &Option<Quantity>) -> String {
    match q {
        Some(q) => q.to_string(),
        None => "（无）".into(),
    }
}

fn place(p: &Place) -> String {
    format!("{}/{}", p.level1, p.level2)
}

fn line(c: &Change) -> String {
    match c {
        Change::DepartmentAdded => "新增部门".into(),
        Change::DepartmentRemoved => "删除部门".into(),
        Change::ProjectAdded { indicators, total } => {
            format!("新增项目：{indicators} 项指标，总额 {}", qty(total))
        }
        Change::ProjectRemoved { indicators, total } => {
            format!("删除项目：原有 {indicators} 项指标，总额 {}", qty(total))
        }
        Change::FieldChanged { field, old, new } => {
            format!("{field}：{} → {}", opt(old), opt(new))
        }
        Change::FundsChanged {
            field,
            old,
            new,
            delta_yuan,
            delta_percent,
        } => {
            let mut s = format!("{field}：{} → {}", qty(old), qty(new));
            if let Some(d) = delta_yuan {
                let word = if d.is_sign_negative() {
                    "减少"
                } else {
                    "增加"
                };
                s.push_str(&format!("（{word} {} 元", money_exact(d.abs())));
                if let Some(p) = delta_percent {
                    s.push_str(&format!("，{}%", signed(p.normalize())));
                }
                s.push('）');
            }
            s
        }
        Change::IndicatorAdded {
            name,
            place: p,
            target,
        } => format!("新增指标“{name}”（{}）：{target}", place(p)),
        Change::IndicatorRemoved {
            name,
            place: p,
            target,
        } => format!("删除指标“{name}”（{}）：原为 {target}", place(p)),
        Change::IndicatorMoved { name, from, to } => {
            format!("指标“{name}”从 {} 移到 {}", place(from), place(to))
        }
        Change::TargetChanged {
            name,
            old,
            new,
            verdict,
        } => format!("指标“{name}”：{old} → {new}，{}", verdict.chinese()),
        Change::AttributeChanged {
            name,
            attribute,
            old,
            new,
        } => format!("指标“{name}”的{attribute}：{} → {}", opt(old), opt(new)),
        Change::GroupPointsChanged { group, old, new } => {
            format!("分组“{group}”的分值：{} → {}", opt(old), opt(new))
        }
        Change::NarrativeChanged {
            section,
            added_chars,
            removed_chars,
        } => format!("说明.{section}：增加 {added_chars} 字，删除 {removed_chars} 字"),
        Change::CheckAdded { text } => format!("新增校验：{text}"),
        Change::CheckRemoved { text } => format!("删除校验：{text}"),
        Change::ActualsAdded { values } => format!("新增自评：{values} 项完成值"),
        Change::ActualsRemoved { values } => format!("删除自评：原有 {values} 项完成值"),
        Change::ActualChanged { name, old, new } => match (old, new) {
            (Some(o), Some(n)) => format!("完成值“{name}”：{o} → {n}"),
            (None, Some(n)) => format!("新增完成值“{name}”：{n}"),
            (Some(o), None) => format!("删除完成值“{name}”：原为 {o}"),
            (None, None) => format!("完成值“{name}”"),
        },
        Change::ActualNoteChanged {
            name,
            note,
            old,
            new,
        } => match (old, new) {
            (None, Some(n)) => format!("完成值“{name}”新增{note}：“{n}”"),
            (Some(o), None) => format!("完成值“{name}”删去{note}（原为“{o}”）"),
            _ => format!("完成值“{name}”的{note}：{} → {}", opt(old), opt(new)),
        },
    }
}

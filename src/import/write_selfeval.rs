//! The 自评 half of an imported 自评表: after the 部门 block,
//! `自评 "部门" 年度 { 项目 "…" { 预算 { … }  name actual 分值 x 得分 y …
//! 小计 …  合计 … } }`, every number with the digits the form printed
//! (`89.974`, `0.00`).

use super::draft::{Draft, DraftActual, DraftActualValue, DraftBudgetRow, DraftSelfEval};
use super::write::{comments, quote, word};
use rust_decimal::Decimal;
use std::fmt::Write as _;

/// The 自评 block of the draft's projects that carry one; empty when none.
pub fn write_selfeval(draft: &Draft) -> String {
    let projects: Vec<(&str, &DraftSelfEval)> = draft
        .projects
        .iter()
        .filter_map(|p| p.selfeval.as_ref().map(|s| (p.name.as_str(), s)))
        .collect();
    if projects.is_empty() {
        return String::new();
    }
    let mut out = String::new();
    let name = draft.name.as_deref().unwrap_or("（部门名称未知）");
    let Some(year) = draft.year else {
        out.push_str("\n# 原表没有印年度，自评部分（完成值、分值、得分）无法写成 自评 块；请补写年度后重新导入\n");
        return out;
    };
    let _ = writeln!(out, "\n自评 {} {year} {{", quote(name));
    for (i, (project, se)) in projects.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        comments(&mut out, 2, &se.comments);
        let _ = writeln!(out, "  项目 {} {{", quote(project));
        budget(&mut out, se);
        for a in &se.actuals {
            comments(&mut out, 4, &a.comments);
            if let Some(a) = &a.value {
                let _ = writeln!(out, "    {}", actual(a));
            }
        }
        for s in &se.subtotals {
            comments(&mut out, 4, &s.comments);
            if let Some(s) = &s.value {
                let _ = writeln!(
                    out,
                    "    小计 {}{}",
                    word(&s.group),
                    printed(s.points, s.score)
                );
            }
        }
        if let Some(t) = &se.total {
            comments(&mut out, 4, &t.comments);
            if let Some(t) = &t.value {
                let grade = t
                    .grade
                    .as_ref()
                    .map(|g| format!(" 等级 {}", word(g)))
                    .unwrap_or_default();
                let _ = writeln!(out, "    合计{}{grade}", printed(t.points, t.score));
            }
        }
        out.push_str("  }\n");
    }
    out.push_str("}\n");
    out
}

fn budget(out: &mut String, se: &DraftSelfEval) {
    if se.budget.is_empty() {
        return;
    }
    if !se.budget.iter().any(|r| r.value.is_some()) {
        for r in &se.budget {
            comments(out, 4, &r.comments);
        }
        return;
    }
    out.push_str("    预算 {\n");
    for r in &se.budget {
        comments(out, 6, &r.comments);
        if let Some(r) = &r.value {
            let _ = writeln!(out, "      {}{}", r.key, budget_cells(r));
        }
    }
    out.push_str("    }\n");
}

/// ` 年初 90 万元 全年 89.974 万元 … 执行率 100% 得分 10`, the cells printed.
fn budget_cells(r: &DraftBudgetRow) -> String {
    let mut s = String::new();
    for (key, v) in [("年初", r.start), ("全年", r.full), ("执行", r.spent)] {
        if let Some(v) = v {
            let _ = write!(s, " {key} {v} {}", r.unit);
        }
    }
    if let Some(p) = r.points {
        let _ = write!(s, " 分值 {p}");
    }
    if let Some((v, unit)) = &r.rate {
        let _ = write!(s, " 执行率 {v}{unit}");
    }
    if let Some(v) = r.score {
        let _ = write!(s, " 得分 {v}");
    }
    s
}

fn actual(a: &DraftActual) -> String {
    let mut s = word(&a.name);
    match &a.value {
        Some(DraftActualValue::Quantity {
            comparator,
            value,
            unit,
        }) => {
            let cmp = comparator
                .map(|c| format!("{} ", c.symbol()))
                .unwrap_or_default();
            let _ = write!(s, " {cmp}{}", number_unit(*value, unit));
        }
        Some(DraftActualValue::Word(w)) => {
            let _ = write!(s, ": {}", word(w));
        }
        None => {}
    }
    s.push_str(&printed(a.points, a.score));
    if let Some(r) = &a.reason {
        let _ = write!(s, " 原因 {}", quote(r));
    }
    s
}

/// `29.5 亩`, `100%`: the printed digits and the unit.
fn number_unit(value: Decimal, unit: &str) -> String {
    match unit {
        "" => value.to_string(),
        "%" | "‰" => format!("{value}{unit}"),
        u => format!("{value} {u}"),
    }
}

fn printed(points: Option<Decimal>, score: Option<Decimal>) -> String {
    let mut s = String::new();
    if let Some(p) = points {
        let _ = write!(s, " 分值 {p}");
    }
    if let Some(v) = score {
        let _ = write!(s, " 得分 {v}");
    }
    s
}

//! Comparing the `自评` actuals of two versions: an actual changed, added or
//! removed; an explanation (偏差原因, 改进措施, 来源, 人工得分) added, edited
//! or removed; 预算/执行 changed. Values compare by meaning (`8.84 万元` =
//! `88,400 元`, `= 37 / 37` = `= 37÷37`).

use super::project::amount;
use super::{Change, Group};
use crate::model::display::printed_rate;
use crate::model::evaluation::{
    Actual, ActualValue, Actuals, BudgetRow, Grade, GradeScore, ProjectActuals,
};
use crate::model::name_key;
use crate::vocab::BudgetColumn;
use rust_decimal::Decimal;

/// Add the changes between the actuals of two versions to `groups`, merged
/// into a project's group when the declaration changed too.
pub fn compare(old: &[Actuals], new: &[Actuals], groups: &mut Vec<Group>) {
    let (old, new) = (flatten(old), flatten(new));
    let mut used = vec![false; new.len()];
    for (key, dept, op) in &old {
        let found = new
            .iter()
            .enumerate()
            .find(|(i, (k, _, _))| !used.get(*i).copied().unwrap_or(true) && k == key);
        let changes = match found {
            Some((i, (_, _, np))) => {
                if let Some(u) = used.get_mut(i) {
                    *u = true;
                }
                project(op, np)
            }
            None => vec![Change::ActualsRemoved {
                values: op.values.len(),
            }],
        };
        push(groups, dept, &op.name, changes);
    }
    for (i, (_, dept, np)) in new.iter().enumerate() {
        if !used.get(i).copied().unwrap_or(true) {
            let changes = vec![Change::ActualsAdded {
                values: np.values.len(),
            }];
            push(groups, dept, &np.name, changes);
        }
    }
}

type Key = (String, Option<i32>, String);

/// Every project's actuals, keyed by department, year and project name.
fn flatten(all: &[Actuals]) -> Vec<(Key, String, &ProjectActuals)> {
    let mut out = Vec::new();
    for a in all {
        for p in &a.projects {
            let key = (name_key(&a.department), a.year, name_key(&p.name));
            out.push((key, a.department.clone(), p));
        }
    }
    out
}

fn push(groups: &mut Vec<Group>, dept: &str, project: &str, changes: Vec<Change>) {
    if changes.is_empty() {
        return;
    }
    let same = |g: &&mut Group| {
        g.department.as_deref() == Some(dept) && g.project.as_deref() == Some(project)
    };
    match groups.iter_mut().find(same) {
        Some(g) => g.changes.extend(changes),
        None => groups.push(Group {
            department: Some(dept.to_string()),
            project: Some(project.to_string()),
            changes,
        }),
    }
}

fn project(op: &ProjectActuals, np: &ProjectActuals) -> Vec<Change> {
    let mut out = Vec::new();
    let q = |a: &Option<crate::model::Amount>| a.as_ref().map(|a| a.quantity.clone());
    out.extend(amount(
        "自评.预算",
        q(&op.budget).as_ref(),
        q(&np.budget).as_ref(),
    ));
    out.extend(amount(
        "自评.执行",
        q(&op.spent).as_ref(),
        q(&np.spent).as_ref(),
    ));
    budget_rows(op, np, &mut out);
    let mut used = vec![false; np.values.len()];
    for o in &op.values {
        let key = name_key(&o.name);
        let found = np
            .values
            .iter()
            .enumerate()
            .find(|(i, n)| !used.get(*i).copied().unwrap_or(true) && name_key(&n.name) == key);
        match found {
            Some((i, n)) => {
                if let Some(u) = used.get_mut(i) {
                    *u = true;
                }
                actual(o, n, &mut out);
            }
            None => out.push(Change::ActualChanged {
                name: o.name.clone(),
                old: Some(value_text(&o.value)),
                new: None,
            }),
        }
    }
    for (i, n) in np.values.iter().enumerate() {
        if !used.get(i).copied().unwrap_or(true) {
            out.push(Change::ActualChanged {
                name: n.name.clone(),
                old: None,
                new: Some(value_text(&n.value)),
            });
        }
    }
    printed(op, np, &mut out);
    out
}

/// What the form printed (issue 17), by value: an indicator line's 分值 and
/// 得分, each 小计, the 合计 and its 等级.
fn printed(op: &ProjectActuals, np: &ProjectActuals, out: &mut Vec<Change>) {
    let v = |d: Option<Decimal>| d.map(|d| d.normalize().to_string());
    let mut note = |name: &str, note: &str, old: Option<String>, new: Option<String>| {
        if old != new {
            out.push(Change::ActualNoteChanged {
                name: name.to_string(),
                note: note.into(),
                old,
                new,
            });
        }
    };
    let mut names: Vec<&str> = op.printed.iter().map(|p| p.name.as_str()).collect();
    for p in &np.printed {
        if op.printed(&p.name).is_none() {
            names.push(&p.name);
        }
    }
    // A line's printed 分值 and 得分, old and new.
    let mut both = |name: &str, o: [Option<Decimal>; 2], n: [Option<Decimal>; 2]| {
        note(name, "表内分值", v(o[0]), v(n[0]));
        note(name, "表内得分", v(o[1]), v(n[1]));
    };
    for name in names {
        let (o, n) = (op.printed(name), np.printed(name));
        both(
            name,
            [o.and_then(|p| p.points), o.and_then(|p| p.score)],
            [n.and_then(|p| p.points), n.and_then(|p| p.score)],
        );
    }
    let mut groups: Vec<&str> = op
        .subtotals
        .iter()
        .filter_map(|s| s.group.as_deref())
        .collect();
    for s in &np.subtotals {
        if let Some(g) = s.group.as_deref().filter(|g| op.subtotal(g).is_none()) {
            groups.push(g);
        }
    }
    let sum = |s: Option<&crate::model::evaluation::PrintedSum>| {
        [s.and_then(|s| s.points), s.and_then(|s| s.score)]
    };
    for g in groups {
        let name = format!("{} {g}", crate::vocab::SumLine::Subtotal);
        both(&name, sum(op.subtotal(g)), sum(np.subtotal(g)));
    }
    let (o, n) = (op.total.as_ref(), np.total.as_ref());
    let name = crate::vocab::SumLine::Total.word();
    both(name, sum(o), sum(n));
    note(
        name,
        "表内等级",
        o.and_then(|s| s.grade.clone()),
        n.and_then(|s| s.grade.clone()),
    );
}

fn actual(o: &Actual, n: &Actual, out: &mut Vec<Change>) {
    if !same_value(&o.value, &n.value) {
        out.push(Change::ActualChanged {
            name: n.name.clone(),
            old: Some(value_text(&o.value)),
            new: Some(value_text(&n.value)),
        });
    }
    let manual = |a: &Actual| {
        a.manual
            .as_ref()
            .map(|m| format!("{}（{}）", m.score.normalize(), m.reason))
    };
    let notes = [
        ("偏差原因", o.reason.clone(), n.reason.clone()),
        ("改进措施", o.measure.clone(), n.measure.clone()),
        ("来源", o.source.clone(), n.source.clone()),
        ("人工得分", manual(o), manual(n)),
    ];
    for (note, old, new) in notes {
        if old != new {
            out.push(Change::ActualNoteChanged {
                name: n.name.clone(),
                note: note.into(),
                old,
                new,
            });
        }
    }
}

fn same_value(a: &ActualValue, b: &ActualValue) -> bool {
    match (a, b) {
        (ActualValue::Quantity { value: x, .. }, ActualValue::Quantity { value: y, .. }) => {
            x.same_value(y) || x == y
        }
        (ActualValue::Expr { expr: x, .. }, ActualValue::Expr { expr: y, .. }) => {
            crate::format::same_expr(x, y)
        }
        (
            ActualValue::Grade {
                word: w1,
                score: s1,
                ..
            },
            ActualValue::Grade {
                word: w2,
                score: s2,
                ..
            },
        ) => same_word(w1, w2) && s1 == s2,
        (ActualValue::Unreadable, ActualValue::Unreadable) => true,
        _ => false,
    }
}

/// Two verdict words of the same meaning: the same word (spaces and
/// full-width forms aside), or two spellings of one of the vocabulary's
/// grades (`达成`, `达成年度指标`).
fn same_word(a: &str, b: &str) -> bool {
    match (Grade::parse(a.trim()), Grade::parse(b.trim())) {
        (Some(x), Some(y)) => x == y,
        _ => crate::model::same_name(a, b),
    }
}

/// A value as the user reads it: `8.84 万元`, `= 37 / 37`, `部分达成 70%`.
fn value_text(v: &ActualValue) -> String {
    match v {
        ActualValue::Quantity { value, .. } => value.to_string(),
        ActualValue::Expr { text, .. } => format!("= {text}"),
        ActualValue::Grade { word, score, .. } => {
            let word: &str = match Grade::parse(word.trim()) {
                Some(g) => g.short(),
                None => word.trim(),
            };
            match score {
                None => word.to_string(),
                Some(GradeScore::Points(p)) => format!("{word} {}", p.normalize()),
                Some(GradeScore::Fraction(f)) => {
                    let pct = f
                        .checked_mul(Decimal::ONE_HUNDRED)
                        .unwrap_or(*f)
                        .normalize();
                    format!("{word} {pct}%")
                }
            }
        }
        ActualValue::Unreadable => "（读不懂）".to_string(),
    }
}

/// The rows of the budget section: amounts by value, printed numbers by
/// value. The total row's 全年 and 执行 are `自评.预算` and `自评.执行` above.
fn budget_rows(op: &ProjectActuals, np: &ProjectActuals, out: &mut Vec<Change>) {
    let same =
        |a: &BudgetRow, b: &BudgetRow| a.row == b.row || (a.row.is_total() && b.row.is_total());
    let mut keys: Vec<&BudgetRow> = op.rows.iter().collect();
    for n in &np.rows {
        if !op.rows.iter().any(|o| same(o, n)) {
            keys.push(n);
        }
    }
    for k in keys {
        let (o, n) = (
            op.rows.iter().find(|r| same(r, k)),
            np.rows.iter().find(|r| same(r, k)),
        );
        let label = k.row.label();
        let q = |r: Option<&BudgetRow>, c: BudgetColumn| {
            r.and_then(|r| match c {
                BudgetColumn::Initial => r.initial.as_ref(),
                BudgetColumn::Adjusted => r.adjusted.as_ref(),
                BudgetColumn::Spent => r.spent.as_ref(),
                BudgetColumn::Rate | BudgetColumn::Points | BudgetColumn::Score => None,
            })
            .map(|a| a.quantity.clone())
        };
        let printed = |r: Option<&BudgetRow>, c: BudgetColumn| {
            r.and_then(|r| match c {
                BudgetColumn::Points => r.points,
                BudgetColumn::Rate => r.rate,
                BudgetColumn::Score => r.score,
                BudgetColumn::Initial | BudgetColumn::Adjusted | BudgetColumn::Spent => None,
            })
            .map(|p| p.value)
        };
        for c in BudgetColumn::IN_FORM_ORDER {
            if c.is_money() {
                if k.row.is_total() && c != BudgetColumn::Initial {
                    continue;
                }
                let field = format!("自评.预算.{label}.{}", c.header());
                out.extend(amount(&field, q(o, c).as_ref(), q(n, c).as_ref()));
                continue;
            }
            let (old, new) = (printed(o, c), printed(n, c));
            if old == new {
                continue;
            }
            let text = |v: Option<Decimal>| {
                v.map(|v| match c {
                    BudgetColumn::Rate => printed_rate(v),
                    _ => v.normalize().to_string(),
                })
            };
            out.push(Change::FieldChanged {
                field: format!("自评.预算.{label}.表内{}", c.header()),
                old: text(old),
                new: text(new),
            });
        }
    }
}

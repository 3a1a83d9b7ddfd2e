//! `textDocument/hover`: on an amount of money or a percentage, its value
//! in every unit of its kind, exact (`10.04 万元 = 100,400.00 元`); on an
//! indicator's name in a declaration, its target and points. Read from the
//! syntax tree, so only what the library reads is explained.

use crate::model::display::{money_exact, number};
use crate::model::unit::{Measure, UNITS};
use crate::model::Unit;
use crate::source::{FileId, Span};
use crate::syntax::ast::{
    Attr, DeptStmt, Group, GroupChildren, Indicator, Item, Project, ProjectStmt, QuantityLit,
    SyntaxFile, TargetLit,
};
use crate::syntax::eval_ast::{ActualStmt, ActualValueLit};
use rust_decimal::Decimal;

/// What to show at byte `offset` of `text` (the text the library reads),
/// and the bytes it is about.
pub fn at(name: &str, text: &str, offset: usize) -> Option<(String, Span)> {
    let loaded = crate::load::load_text(name, text);
    in_tree(loaded.tree(FileId(0))?, text, offset)
}

/// [`at`] with the text's syntax tree already read.
pub fn in_tree(tree: &SyntaxFile, text: &str, offset: usize) -> Option<(String, Span)> {
    let at = u32::try_from(offset).ok()?;
    let inside = |s: Span| s.start <= at && at < s.end;
    let mut quantities: Vec<(&QuantityLit, Span)> = Vec::new();
    for item in &tree.items {
        let projects: Vec<&Project> = match item {
            Item::Department(d) => d
                .stmts
                .iter()
                .filter_map(|s| match s {
                    DeptStmt::Project(p) => Some(p),
                    DeptStmt::Claim(c) => {
                        quantities.push((&c.funds.node, c.funds.span));
                        None
                    }
                    _ => None,
                })
                .collect(),
            Item::Project(p) => vec![p],
            Item::Actuals(a) => {
                for s in a.projects.iter().filter_map(|p| p.body.as_ref()).flatten() {
                    match s {
                        ActualStmt::Budget(q) | ActualStmt::Spent(q) => {
                            quantities.push((&q.node, q.span))
                        }
                        ActualStmt::Line(l) => {
                            if let Some(v) = &l.value {
                                if let ActualValueLit::Quantity(q) = &v.node {
                                    quantities.push((q, v.span));
                                }
                            }
                        }
                        _ => {}
                    }
                }
                Vec::new()
            }
            Item::Include(_) | Item::RuleSet(_) => Vec::new(),
        };
        for p in projects {
            for s in p.body.iter().flatten() {
                match s {
                    ProjectStmt::Funds { lines, .. } => {
                        quantities.extend(lines.iter().map(|l| (&l.value.node, l.value.span)));
                    }
                    ProjectStmt::Indicators { groups, .. } => {
                        let mut list = Vec::new();
                        groups.iter().for_each(|g| indicators(g, &mut list));
                        for i in list {
                            if inside(i.name.span) {
                                return Some((indicator(i, text), i.name.span));
                            }
                            target_quantities(&i.target.node, &mut quantities);
                            for a in &i.attrs {
                                match &a.node {
                                    Attr::Tolerance(q) => quantities.push((&q.node, q.span)),
                                    Attr::Midterm(t) => target_quantities(&t.node, &mut quantities),
                                    _ => {}
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    quantities
        .into_iter()
        .find(|(_, span)| inside(*span))
        .and_then(|(q, span)| Some((in_every_unit(q)?, span)))
}

fn indicators<'a>(g: &'a Group, out: &mut Vec<&'a Indicator>) {
    match &g.children {
        GroupChildren::Groups(groups) => groups.iter().for_each(|c| indicators(c, out)),
        GroupChildren::Indicators(list) => out.extend(list.iter()),
    }
}

fn target_quantities<'a>(t: &'a TargetLit, out: &mut Vec<(&'a QuantityLit, Span)>) {
    match t {
        TargetLit::Compare { value, .. }
        | TargetLit::Bare { value }
        | TargetLit::PlusMinus { value } => out.push((&value.node, value.span)),
        TargetLit::Range { low, high } => {
            out.push((&low.node, low.span));
            out.push((&high.node, high.span));
        }
        TargetLit::Qualitative { .. } => {}
    }
}

fn source(text: &str, span: Span) -> &str {
    text.get(span.start as usize..span.end as usize)
        .unwrap_or("")
        .trim()
}

/// `**培训人数**`, its target as written and its points.
fn indicator(i: &Indicator, text: &str) -> String {
    let points = i.attrs.iter().find_map(|a| match &a.node {
        Attr::Points(n) => Some(n.node.text.clone()),
        _ => None,
    });
    let points = points.map_or("未写（由规则集分配）".to_string(), |p| {
        format!("{p} 分")
    });
    format!(
        "**{}**\n\n指标值：{}\n\n分值：{points}",
        i.name.node,
        source(text, i.target.span)
    )
}

/// `10.04 万元` in every unit of money, or a percentage in ‰ too; `None`
/// for other units, or when a value would not be exact.
fn in_every_unit(q: &QuantityLit) -> Option<String> {
    let written = q.unit.as_ref()?;
    let unit = Unit::from_written(&written.node);
    let measure = if unit.is_money() {
        Measure::Money
    } else if unit.is_percent() {
        Measure::Percent
    } else {
        return None;
    };
    let value = q.number.value()?;
    let base = value.checked_mul(unit.factor())?;
    let sep = if measure == Measure::Percent { "" } else { " " };
    let mut lines = vec![format!("{}{sep}{}", shown(value, unit.text()), unit.text())];
    for (words, mantissa, scale, m) in UNITS {
        let word = words.first()?;
        if *m != measure || *word == unit.text() {
            continue;
        }
        let factor = Decimal::new(*mantissa, *scale);
        let v = base.checked_div(factor)?;
        // never a rounded figure: the quotient times the factor is the value
        if v.checked_mul(factor)? != base {
            return None;
        }
        lines.push(format!("= {}{sep}{word}", shown(v, word)));
    }
    Some(lines.join(" "))
}

/// An amount in 元 as the form writes it (`100,400.00`), others without
/// trailing zeros (`10.04`).
fn shown(value: Decimal, unit: &str) -> String {
    if unit == "元" {
        money_exact(value)
    } else {
        number(value)
    }
}

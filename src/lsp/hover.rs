//! `textDocument/hover`: on an amount of money or a percentage, its value
//! in every unit of its kind, exact (`10.04 万元 = 100,400.00 元`), read
//! from the syntax tree; on an indicator's name, from the evaluation of the
//! document's folder ([`scored`]): in a declaration its target, points and
//! the rule set's formula, in a `自评` its score and how it was reached.

use crate::engine::formula_kind;
use crate::model::display::{money_exact, num, number, score};
use crate::model::evaluation::IndicatorEvaluation;
use crate::model::rules::RuleSet;
use crate::model::unit::UNITS;
use crate::model::Unit;
use crate::model::{same_name, Indicator as ModelIndicator};
use crate::report::columns::PLACES;
use crate::source::{FileId, SourceMap, Span};
use crate::syntax::ast::{
    Attr, DeptStmt, Group, GroupChildren, Indicator, Item, Project, ProjectStmt, QuantityLit,
    SyntaxFile, TargetLit,
};
use crate::syntax::eval_ast::{ActualStmt, ActualValueLit};
use rust_decimal::Decimal;

/// What to show at byte `offset` of `text` (the text the library reads,
/// whose syntax tree is `tree`), and the bytes it is about.
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

/// A quantity in every other unit of its dimension that gives an exact
/// figure: `10.04 万元 = 100,400.00 元 = …`, `95% = 950‰`, `2 公里 =
/// 2,000 米`, `1 年 = 12 月 = 4 季度`. A unit whose figure would be
/// rounded is left out, never shown rounded; `None` when no other unit
/// gives one (counts: 次, 场 … convert to nothing).
fn in_every_unit(q: &QuantityLit) -> Option<String> {
    let written = q.unit.as_ref()?;
    let unit = Unit::from_written(&written.node);
    if !unit.is_known() {
        return None;
    }
    let value = q.number.value()?;
    let base = value.checked_mul(unit.factor())?;
    let sep = if unit.is_percent() { "" } else { " " };
    let mut lines = vec![format!("{}{sep}{}", shown(value, unit.text()), unit.text())];
    for (words, mantissa, scale, _) in UNITS {
        let Some(word) = words.first() else { continue };
        let other = Unit::from_written(word);
        if words.contains(&unit.text()) || !other.compatible(&unit) {
            continue;
        }
        let factor = Decimal::new(*mantissa, *scale);
        let exact = base
            .checked_div(factor)
            .filter(|v| v.checked_mul(factor) == Some(base));
        if let Some(v) = exact {
            lines.push(format!("= {}{sep}{word}", shown(v, word)));
        }
    }
    (lines.len() > 1).then(|| lines.join(" "))
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

/// What to show at byte `offset` of the document from its evaluation
/// ([`super::folder`]): on a declared indicator's name, its target, its
/// points and the formula the rule set scores it by (the rule set's own
/// words, as `jixiao eval --explain` writes them); on an actual's name in
/// a `自评`, its score and how it was reached (the lines `--explain`
/// prints). `None` elsewhere.
pub fn scored(ev: &crate::Evaluated, offset: usize) -> Option<(String, Span)> {
    let at = u32::try_from(offset).ok()?;
    let inside = |s: Span| s.file == FileId(0) && s.start <= at && at < s.end;
    let evaluated = |project: &str, name: &str| {
        ev.evaluation.as_ref().and_then(|e| {
            e.projects
                .iter()
                .filter(|p| same_name(&p.name, project))
                .flat_map(|p| p.indicators.iter())
                .find(|i| same_name(&i.name, name))
        })
    };
    if let Some(actuals) = &ev.actuals {
        for p in actuals.projects.iter().filter(|p| inside(p.span)) {
            if let Some(a) = p.values.iter().find(|a| inside(a.name_span)) {
                let text = match evaluated(&p.name, &a.name) {
                    Some(i) => actual_scored(i),
                    None => format!(
                        "**{}**\n\n未能评分：没有找到申报的同名指标，或规则集有错误",
                        a.name
                    ),
                };
                return Some((text, a.name_span));
            }
        }
    }
    for p in ev.checked.workspace.projects().filter(|p| inside(p.span)) {
        if let Some(i) = p.indicators.iter().find(|i| inside(i.name_span)) {
            let rules = ev.rules.as_ref().map(|r| (r, ev.sources()));
            let text = declared(i, evaluated(&p.name, &i.name), rules);
            return Some((text, i.name_span));
        }
    }
    None
}

/// `得 9.50 / 10`: a score of the points, as the 自评表 shows it.
pub fn score_of(i: &IndicatorEvaluation) -> String {
    match i.score {
        Some(s) => format!("得 {} / {}", score(s, PLACES), num(i.points)),
        None => format!("未能评分（分值 {}）", num(i.points)),
    }
}

fn actual_scored(i: &IndicatorEvaluation) -> String {
    let lines = crate::report::indicator_explained(i).join("\n");
    format!(
        "**{}**：{} 分\n\n评分过程：\n\n```text\n{lines}\n```",
        i.name,
        score_of(i)
    )
}

fn declared(
    i: &ModelIndicator,
    ev: Option<&IndicatorEvaluation>,
    rules: Option<(&RuleSet, &SourceMap)>,
) -> String {
    let points = match (i.points, ev.map(|e| e.points)) {
        (Some(w), Some(u)) if w == u => format!("{} 分", num(u)),
        (None, Some(u)) => format!("{} 分（未写，由规则集分配）", num(u)),
        (Some(w), Some(u)) => format!("{} 分（写的是 {} 分）", num(u), num(w)),
        (Some(w), None) => format!("{} 分", num(w)),
        (None, None) => "未写（由规则集分配）".to_string(),
    };
    let mut parts = vec![
        format!("**{}**", i.name),
        format!("指标值：{}", crate::model::display::target(&i.target)),
        format!("分值：{points}"),
    ];
    if let Some((r, sources)) = rules {
        let formulas = &r.formulas;
        let rule = match formula_kind(i, |k| formulas.get(k).is_some()) {
            Some(k) => match formulas.get(k) {
                Some(f) => format!("{} = {}", k.keyword(), f.text),
                None => format!("规则集没有“{}”公式，无法评分", k.keyword()),
            },
            None => qualitative(r, sources),
        };
        parts.push(format!("评分公式（规则集“{}”）：{rule}", r.name));
    }
    if let Some(e) = ev.filter(|e| !e.missing) {
        parts.push(format!("自评：{}", score_of(e)));
    }
    parts.join("\n\n")
}

/// The rule set's 定性 block as it writes it: `定性 { 达成 80% ~ 100% 默认
/// 100%；… }`, each band's line from its text.
fn qualitative(r: &RuleSet, sources: &SourceMap) -> String {
    let bands: Vec<String> = r
        .qualitative
        .iter()
        .filter_map(|b| {
            let text = sources.get(b.span.file)?.text.as_str();
            let line = text.get(b.span.start as usize..b.span.end as usize)?;
            let line = line.split('#').next().unwrap_or(line);
            Some(line.split_whitespace().collect::<Vec<_>>().join(" "))
        })
        .collect();
    format!("定性 {{ {} }}（分值的百分比）", bands.join("；"))
}

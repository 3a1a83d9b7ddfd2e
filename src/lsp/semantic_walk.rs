//! The walk over the syntax tree that finds the semantic tokens
//! ([`super::semantic_tokens`]): each node's span says where a word is,
//! the node's type what it is.

use super::semantic_tokens::{Kind, Raw, Tokens};
use crate::source::{Node, Span};
use crate::syntax::ast::{
    Attr, Claim, DeptStmt, Group, GroupChildren, Indicator, Item, Project, ProjectStmt,
    QuantityLit, SyntaxFile, TargetLit,
};
use crate::syntax::eval_ast::{
    ActualAttr, ActualLine, ActualStmt, ActualValueLit, Actuals, PrintedLit, RuleSet, RuleStmt,
};

/// Every token of `tree` (parsed from `text`), unsorted.
pub fn collect(text: &str, tree: &SyntaxFile) -> Vec<Raw> {
    let mut t = Tokens::new(text);
    for c in &tree.comments {
        t.span(c.span, Kind::Comment);
    }
    for item in &tree.items {
        match item {
            Item::Department(d) => {
                t.head(d.span.start);
                t.declared(d.name.span, Kind::Namespace);
                for s in &d.stmts {
                    match s {
                        DeptStmt::Year(y) => {
                            t.keyword_before(y.span.start);
                            t.span(y.span, Kind::Number);
                        }
                        DeptStmt::Claim(c) => claim(&mut t, c),
                        DeptStmt::Project(p) => project(&mut t, p),
                        DeptStmt::Include(i) => include(&mut t, i.span),
                    }
                }
            }
            Item::Project(p) => project(&mut t, p),
            Item::Include(i) => include(&mut t, i.span),
            Item::Actuals(a) => actuals(&mut t, a),
            Item::RuleSet(r) => rules(&mut t, r),
        }
    }
    t.raw
}

fn include(t: &mut Tokens, path: Span) {
    t.keyword_before(path.start);
    t.span(path, Kind::String);
}

fn claim(t: &mut Tokens, c: &Claim) {
    t.head(c.span.start);
    t.span(c.count.span, Kind::Number);
    quantity(t, &c.funds);
}

fn quantity(t: &mut Tokens, q: &Node<QuantityLit>) {
    t.number_then_unit(q.span, q.node.unit.as_ref().map(|u| u.span));
}

fn project(t: &mut Tokens, p: &Project) {
    t.head(p.span.start);
    t.declared(p.name.span, Kind::Class);
    for s in p.body.iter().flatten() {
        t.head(s.span().start);
        match s {
            ProjectStmt::Field { value, .. } => t.span(value.span, Kind::String),
            ProjectStmt::Period { start, end, .. } => {
                t.span(start.span, Kind::Number);
                t.span(end.span, Kind::Number);
            }
            ProjectStmt::Funds { lines, .. } => {
                for l in lines {
                    t.span(l.key.span, Kind::Keyword);
                    quantity(t, &l.value);
                }
            }
            ProjectStmt::Narrative { lines, .. } => {
                for l in lines {
                    t.span(l.key.span, Kind::Keyword);
                    t.span(l.value.span, Kind::String);
                }
            }
            ProjectStmt::Indicators { groups, .. } => groups.iter().for_each(|g| group(t, g)),
            ProjectStmt::Allow { reason, .. } => {
                if let Some(r) = reason {
                    t.span(r.span, Kind::String);
                }
            }
            ProjectStmt::Check { .. } | ProjectStmt::Unknown { .. } => {}
        }
    }
}

fn group(t: &mut Tokens, g: &Group) {
    t.declared(g.name.span, Kind::Struct);
    if let Some(points) = &g.points {
        points_after_keyword(t, points.span);
    }
    match &g.children {
        GroupChildren::Groups(groups) => groups.iter().for_each(|c| group(t, c)),
        GroupChildren::Indicators(list) => list.iter().for_each(|i| indicator(t, i)),
    }
}

/// `分值 20`: a span over a keyword and a number.
fn points_after_keyword(t: &mut Tokens, span: Span) {
    t.head(span.start);
    let Some(written) = t.text.get(span.start as usize..span.end as usize) else {
        return;
    };
    let number = written
        .rfind(char::is_whitespace)
        .map_or(written.len(), |i| i + 1);
    let start = span.start as usize + number;
    t.range(start, span.end as usize, Kind::Number, 0);
}

fn indicator(t: &mut Tokens, i: &Indicator) {
    t.declared(i.name.span, Kind::Property);
    target(t, &i.target);
    for a in &i.attrs {
        t.head(a.span.start);
        match &a.node {
            Attr::Points(n) => t.span(n.span, Kind::Number),
            Attr::Tolerance(q) => quantity(t, q),
            Attr::Caliber(s) => t.span(s.span, Kind::String),
            Attr::Midterm(m) => target(t, m),
            Attr::Direction(_) => {}
        }
    }
}

fn target(t: &mut Tokens, target: &Node<crate::syntax::ast::TargetLit>) {
    match &target.node {
        TargetLit::Compare { comparator, value } => {
            t.span(comparator.span, Kind::Operator);
            quantity(t, value);
        }
        TargetLit::Bare { value } | TargetLit::PlusMinus { value } => quantity(t, value),
        TargetLit::Range { low, high } => {
            quantity(t, low);
            quantity(t, high);
        }
        TargetLit::Qualitative { word } => t.span(word.span, Kind::EnumMember),
    }
}

fn actuals(t: &mut Tokens, a: &Actuals) {
    t.head(a.span.start);
    t.span(a.department.span, Kind::Namespace);
    t.span(a.year.span, Kind::Number);
    for p in &a.projects {
        t.head(p.span.start);
        t.span(p.name.span, Kind::Class);
        for s in p.body.iter().flatten() {
            match s {
                ActualStmt::Budget(q) | ActualStmt::Spent(q) => {
                    t.keyword_before(q.span.start);
                    quantity(t, q);
                }
                ActualStmt::BudgetRows(rows) => {
                    t.head(rows.span.start);
                    for row in &rows.node {
                        t.span(row.key.span, Kind::Keyword);
                        for cell in &row.cells {
                            t.span(cell.column.span, Kind::Keyword);
                            quantity(t, &cell.value);
                        }
                    }
                }
                ActualStmt::Line(l) => line(t, l),
                ActualStmt::Subtotal(s) => {
                    t.head(s.span.start);
                    t.span(s.group.span, Kind::Struct);
                    s.printed.iter().for_each(|p| printed(t, p));
                }
                ActualStmt::Total(s) => {
                    t.head(s.span.start);
                    s.printed.iter().for_each(|p| printed(t, p));
                }
                ActualStmt::Unreadable { .. } => {}
            }
        }
    }
}

fn line(t: &mut Tokens, l: &ActualLine) {
    t.span(l.name.span, Kind::Property);
    if let Some(v) = &l.value {
        match &v.node {
            ActualValueLit::Quantity(q) => {
                t.number_then_unit(v.span, q.unit.as_ref().map(|u| u.span));
            }
            ActualValueLit::Compared {
                comparator,
                quantity,
            } => {
                t.span(comparator.span, Kind::Operator);
                let rest = Span {
                    start: comparator.span.end,
                    ..v.span
                };
                let start = t
                    .text
                    .get(rest.start as usize..)
                    .map_or(0, |s| s.len() - s.trim_start().len());
                let rest = Span {
                    start: rest.start.saturating_add(u32::try_from(start).unwrap_or(0)),
                    ..rest
                };
                t.number_then_unit(rest, quantity.unit.as_ref().map(|u| u.span));
            }
            ActualValueLit::Grade { grade, score, .. } => {
                t.span(grade.span, Kind::EnumMember);
                if let Some(q) = score {
                    quantity(t, q);
                }
            }
            ActualValueLit::Expr { .. } => {}
        }
    }
    for a in &l.attrs {
        t.head(a.span.start);
        match &a.node {
            ActualAttr::Override { score, reason } => {
                t.span(score.span, Kind::Number);
                t.span(reason.span, Kind::String);
            }
            ActualAttr::Printed(p) => printed_lit(t, p),
            ActualAttr::Reason(_)
            | ActualAttr::Measure(_)
            | ActualAttr::Source(_)
            | ActualAttr::Note(_) => {
                let Some(written) = t.text.get(a.span.start as usize..a.span.end as usize) else {
                    continue;
                };
                if let Some(quote) = written.find('"') {
                    t.range(
                        a.span.start as usize + quote,
                        a.span.end as usize,
                        Kind::String,
                        0,
                    );
                }
            }
        }
    }
}

fn printed(t: &mut Tokens, p: &Node<PrintedLit>) {
    t.head(p.span.start);
    printed_lit(t, &p.node);
}

fn printed_lit(t: &mut Tokens, p: &PrintedLit) {
    match p {
        PrintedLit::Points(n) | PrintedLit::Score(n) => t.span(n.span, Kind::Number),
        PrintedLit::Grade(g) => t.span(g.span, Kind::EnumMember),
    }
}

fn rules(t: &mut Tokens, r: &RuleSet) {
    t.head(r.span.start);
    t.declared(r.name.span, Kind::Class);
    for s in &r.stmts {
        match &s.node {
            RuleStmt::Formula { key, .. } => t.declared(key.span, Kind::Function),
            RuleStmt::Merge { group, into } => {
                t.span(group.span, Kind::Struct);
                t.keyword_before(into.span.start);
                t.span(into.span, Kind::Struct);
            }
            stmt => {
                t.head(s.span.start);
                rule_values(t, stmt, s.span);
            }
        }
    }
}

fn rule_values(t: &mut Tokens, stmt: &RuleStmt, span: Span) {
    let (start, end) = (span.start as usize, span.end as usize);
    let written = t.text.get(start..end).unwrap_or("").trim_end();
    match stmt {
        RuleStmt::Title(_) | RuleStmt::Source(_) | RuleStmt::Unverified(_) => {
            if let Some(quote) = written.find('"') {
                t.range(start + quote, start + written.len(), Kind::String, 0);
            }
        }
        RuleStmt::Split(_)
        | RuleStmt::Missing(_)
        | RuleStmt::Negative(_)
        | RuleStmt::Clamp(_)
        | RuleStmt::EmptyGroups(_)
        | RuleStmt::Implied(_)
        | RuleStmt::FormPoints(_)
        | RuleStmt::ExecutionBase(_) => {
            // `组内分配 均分`: the mode is the last word
            if let Some(space) = written.rfind(char::is_whitespace) {
                let word = space
                    + written
                        .get(space..)
                        .and_then(|w| w.chars().next())
                        .map_or(1, char::len_utf8);
                t.range(start + word, start + written.len(), Kind::EnumMember, 0);
            }
        }
        RuleStmt::Year(n) | RuleStmt::Over(n) | RuleStmt::Rounding { places: n, .. } => {
            t.span(n.span, Kind::Number);
        }
        RuleStmt::Points(points) => {
            for (name, n) in points {
                t.span(name.span, Kind::Struct);
                t.span(n.span, Kind::Number);
            }
        }
        RuleStmt::Verdicts(lines) => {
            for l in lines {
                t.span(l.grade.span, Kind::EnumMember);
                l.words
                    .iter()
                    .for_each(|w| t.span(w.span, Kind::EnumMember));
            }
        }
        RuleStmt::Qualitative(bands) => {
            for b in bands {
                t.span(b.grade.span, Kind::EnumMember);
                for n in [&b.low, &b.high, &b.default] {
                    t.span(n.span, Kind::Number);
                }
            }
        }
        RuleStmt::Grades(bands) => {
            for b in bands {
                t.span(b.name.span, Kind::EnumMember);
                if let Some((_, n)) = &b.bound {
                    t.span(n.span, Kind::Number);
                }
            }
        }
        _ => {}
    }
}

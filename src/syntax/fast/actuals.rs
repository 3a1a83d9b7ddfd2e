//! Project blocks of `自评` (`actuals_block`) on the fast path.

use super::cursor::{cjk, Cur};
use super::expr::expr;
use crate::source::Node;
use crate::syntax::eval_ast::*;
use crate::vocab::{Printed, SumLine};

/// Statements of one 自评 project body.
pub(super) fn body(c: &mut Cur<'_>) -> Option<Vec<ActualStmt>> {
    c.block_of(stmt)
}

/// `actual_stmt = actual_budget | actual_spent | actual_line`; `Some(None)`
/// for a line read but left out (its expression too long to build).
fn stmt(c: &mut Cur<'_>) -> Option<Option<ActualStmt>> {
    let total = c.attempt(|c| {
        let total = c.eat_word(&[
            ("预算", ActualStmt::Budget as fn(_) -> _),
            ("执行", ActualStmt::Spent),
        ])?;
        // `"预算" ~ !cjk ~ quantity`: a CJK character after the keyword
        // makes it the start of a name (`执行率 95%`).
        c.skip();
        if c.peek().is_some_and(cjk) {
            return None;
        }
        c.skip();
        Some(total(c.quantity()?))
    });
    if total.is_some() {
        return Some(total);
    }
    if let Some(sum) = c.attempt(sum_line) {
        return Some(Some(sum));
    }
    Some(line(c)?.map(ActualStmt::Line))
}

/// `actual_subtotal = { subtotal_key ~ name ~ printed_value+ }` and
/// `actual_total = { total_key ~ (printed_value | printed_grade)+ }`, the
/// keywords not followed by a Chinese character. Without attributes the
/// span takes the white space after the last value.
fn sum_line(c: &mut Cur<'_>) -> Option<ActualStmt> {
    let start = c.pos;
    let (which, len) = SumLine::read(c.rest())?;
    if !c.keyword_ahead(which.word()) {
        return None;
    }
    c.pos += len;
    c.skip();
    let group = match which {
        SumLine::Subtotal => {
            let name = c.name()?;
            c.skip();
            Some(name)
        }
        SumLine::Total => None,
    };
    let grade = matches!(which, SumLine::Total);
    let mut printed = Vec::new();
    while let Some(p) = c.attempt(|c| printed_value(c, grade)) {
        printed.push(p);
        c.skip();
    }
    if printed.is_empty() {
        return None;
    }
    let span = c.span(start, c.pos);
    Some(match group {
        Some(group) => ActualStmt::Subtotal(SubtotalLine {
            group,
            printed,
            span,
        }),
        None => ActualStmt::Total(TotalLine { printed, span }),
    })
}

/// `printed_points | printed_score` (and `printed_grade` where `grade`):
/// the value, spanning its keyword.
fn printed_value(c: &mut Cur<'_>, grade: bool) -> Option<Node<PrintedLit>> {
    let start = c.pos;
    let (which, len) = Printed::read(c.rest())?;
    c.pos += len;
    c.skip();
    let value = match which {
        Printed::Points => PrintedLit::Points(c.number()?),
        Printed::Score => PrintedLit::Score(c.number()?),
        Printed::Grade if grade => PrintedLit::Grade(c.word()?),
        Printed::Grade => return None,
    };
    Some(Node::new(value, c.span(start, c.pos)))
}

/// `actual_line = { name ~ actual_value ~ actual_attr* }`: without
/// attributes its span takes the white space after the value.
fn line(c: &mut Cur<'_>) -> Option<Option<ActualLine>> {
    let start = c.pos;
    let name = c.name()?;
    c.skip();
    let vstart = c.pos;
    let value = if let Some(grade) = c.attempt(grade) {
        grade
    } else if c.eat_any(&["=", "＝"]).is_some() {
        c.skip();
        let from = c.pos;
        let Some(expr) = expr(c)? else {
            return Some(None);
        };
        ActualValueLit::Expr {
            expr,
            text: c.slice(from, c.pos)?.trim().to_string(),
        }
    } else if let Some(q) = c.quantity() {
        ActualValueLit::Quantity(q.node)
    } else {
        // `&printed_value`: no actual, only what the form printed.
        c.attempt(|c| {
            let m = c.mark();
            printed_value(c, false)?;
            c.reset(m);
            Some(())
        })?;
        return Some(Some(rest_of_line(c, start, name, None)?));
    };
    let value = Some(Node::new(value, c.span(vstart, c.pos)));
    c.skip();
    Some(Some(rest_of_line(c, start, name, value)?))
}

/// The attributes of an actual line after its value (or its name, when
/// it has no value).
fn rest_of_line(
    c: &mut Cur<'_>,
    start: usize,
    name: Node<String>,
    value: Option<Node<ActualValueLit>>,
) -> Option<ActualLine> {
    let mut end = c.pos;
    let mut attrs = Vec::new();
    while let Some(a) = attr(c) {
        attrs.push(a?);
        end = c.pos;
        c.skip();
    }
    Some(ActualLine {
        name,
        value,
        attrs,
        span: c.span(start, end),
    })
}

/// `actual_grade = { (":" | "：") ~ grade ~ grade_score? }`.
fn grade(c: &mut Cur<'_>) -> Option<ActualValueLit> {
    c.eat_any(&[":", "："])?;
    c.skip();
    let grade = grade_word(c)?;
    c.skip();
    let score = c.quantity();
    Some(ActualValueLit::Grade { grade, score })
}

/// `grade`: one of the vocabulary's grade words, as written.
pub(super) fn grade_word(c: &mut Cur<'_>) -> Option<Node<String>> {
    let g = c.pos;
    let (_, len) = crate::vocab::Grade::read(c.rest())?;
    c.pos += len;
    Some(Node::new(c.slice(g, c.pos)?.to_string(), c.span(g, c.pos)))
}

/// `actual_attr`: `None` when none starts here, `Some(None)` when one does
/// but the fast path cannot read it.
fn attr(c: &mut Cur<'_>) -> Option<Option<Node<ActualAttr>>> {
    let start = c.pos;
    let attr = if c.byte() == Some(b'"') {
        c.string().map(|s| ActualAttr::Note(s.node))
    } else {
        if let Some(p) = c.attempt(|c| printed_value(c, false)) {
            // `得分 N 理由 "…"` is the override; `得分 N` alone, or `分值 N`,
            // what the form printed (pest tries `actual_override` first).
            if let PrintedLit::Score(score) = &p.node {
                if let Some(reason) = c.attempt(read_reason) {
                    let score = score.clone();
                    return Some(Some(Node::new(
                        ActualAttr::Override { score, reason },
                        c.span(start, c.pos),
                    )));
                }
            }
            return Some(Some(Node::new(ActualAttr::Printed(p.node), p.span)));
        }
        let which = c.eat_word(&[
            ("原因", ActualAttr::Reason as fn(_) -> _),
            ("措施", ActualAttr::Measure),
            ("来源", ActualAttr::Source),
        ])?;
        c.skip();
        c.string().map(|s| which(s.node))
    };
    Some(attr.map(|a| Node::new(a, c.span(start, c.pos))))
}

/// `"理由" ~ string` after an override's score.
fn read_reason(c: &mut Cur<'_>) -> Option<Node<crate::syntax::ast::StringLit>> {
    c.skip();
    if !c.eat("理由") {
        return None;
    }
    c.skip();
    c.string()
}

//! Project blocks of `自评` (`actuals_block`) on the fast path.

use super::cursor::{cjk, Cur};
use super::expr::expr;
use crate::source::Node;
use crate::syntax::eval_ast::*;
use crate::vocab::{BudgetColumn, BudgetRowKey};

/// Statements of one 自评 project body.
pub(super) fn body(c: &mut Cur<'_>) -> Option<Vec<ActualStmt>> {
    c.block_of(stmt)
}

/// `actual_stmt = budget_rows | actual_budget | actual_spent | actual_line`;
/// `Some(None)` for a line read but left out (its expression too long to
/// build).
fn stmt(c: &mut Cur<'_>) -> Option<Option<ActualStmt>> {
    if let Some(rows) = c.attempt(budget_rows) {
        return Some(Some(rows));
    }
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
    Some(line(c)?.map(ActualStmt::Line))
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
    } else {
        ActualValueLit::Quantity(c.quantity()?.node)
    };
    let value = Node::new(value, c.span(vstart, c.pos));
    c.skip();
    let mut end = c.pos;
    let mut attrs = Vec::new();
    while let Some(a) = attr(c) {
        attrs.push(a?);
        end = c.pos;
        c.skip();
    }
    Some(Some(ActualLine {
        name,
        value,
        attrs,
        span: c.span(start, end),
    }))
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
        let which = c.eat_word(&[
            ("原因", Some(ActualAttr::Reason as fn(_) -> _)),
            ("措施", Some(ActualAttr::Measure)),
            ("来源", Some(ActualAttr::Source)),
            ("得分", None),
        ])?;
        c.skip();
        match which {
            Some(attr) => c.string().map(|s| attr(s.node)),
            None => read_override(c),
        }
    };
    Some(attr.map(|a| Node::new(a, c.span(start, c.pos))))
}

/// `"得分" ~ number ~ "理由" ~ string`, after the keyword.
fn read_override(c: &mut Cur<'_>) -> Option<ActualAttr> {
    let score = c.number()?;
    c.skip();
    if !c.eat("理由") {
        return None;
    }
    c.skip();
    let reason = c.string()?;
    Some(ActualAttr::Override { score, reason })
}

/// `budget_rows = { "预算" ~ "{" ~ sep* ~ (budget_row ~ (sep+ | &"}"))* ~ "}" }`.
fn budget_rows(c: &mut Cur<'_>) -> Option<ActualStmt> {
    let start = c.pos;
    if !c.eat("预算") {
        return None;
    }
    c.skip();
    if c.byte() != Some(b'{') {
        return None;
    }
    let rows = c.block(budget_row)?;
    Some(ActualStmt::BudgetRows(Node::new(
        rows,
        c.span(start, c.pos),
    )))
}

/// `budget_row = { budget_row_key ~ budget_cell* }`, with
/// `budget_row_key = @{ (budget_line | fund_key) ~ !cjk }` and
/// `budget_cell = { budget_column ~ budget_value }`. Without cells its span
/// takes the white space after the name.
fn budget_row(c: &mut Cur<'_>) -> Option<BudgetRowLit> {
    let start = c.pos;
    let (key, len) = BudgetRowKey::read(c.rest())?;
    let word = c.rest().get(..len)?;
    if !c.keyword_ahead(word) {
        return None;
    }
    c.pos += len;
    let key = Node::new(key, c.span(start, c.pos));
    let mut cells = Vec::new();
    let mut end = c.pos;
    loop {
        c.skip();
        let Some(cell) = c.attempt(budget_cell) else {
            break;
        };
        cells.push(cell);
        end = c.pos;
    }
    if cells.is_empty() {
        end = c.pos;
    }
    Some(BudgetRowLit {
        key,
        cells,
        span: c.span(start, end),
    })
}

/// `budget_cell = { budget_column ~ budget_value }`, where `budget_value` is
/// a quantity whose unit is not a column word.
fn budget_cell(c: &mut Cur<'_>) -> Option<BudgetCellLit> {
    let start = c.pos;
    let column = c.eat_word(BudgetColumn::SPELLINGS)?;
    let column = Node::new(column, c.span(start, c.pos));
    c.skip();
    let value = c.quantity_unless(|rest| BudgetColumn::read(rest).is_some())?;
    Some(BudgetCellLit { column, value })
}

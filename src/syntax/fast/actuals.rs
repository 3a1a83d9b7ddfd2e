//! Project blocks of `自评` (`actuals_block`) on the fast path.

use super::cursor::{cjk, Cur};
use super::expr::expr;
use crate::source::Node;
use crate::syntax::eval_ast::*;
use crate::vocab::{BudgetColumn, BudgetRowKey, Printed, SumLine};

/// Statements of one 自评 project body.
pub(super) fn body(c: &mut Cur<'_>) -> Option<Vec<ActualStmt>> {
    c.block_of(stmt)
}

/// `actual_stmt = budget_rows | actual_budget | actual_spent |
/// actual_subtotal | actual_total | actual_line`;
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

/// `actual_line = { !(line_key ~ actual_word) ~ name ~ (actual_value |
/// &printed_value) ~ actual_attr* }`: without attributes its span takes the
/// white space after the value.
fn line(c: &mut Cur<'_>) -> Option<Option<ActualLine>> {
    let start = c.pos;
    if line_key_word(c) {
        return None;
    }
    let name = c.name()?;
    c.skip();
    let vstart = c.pos;
    // `actual_value = actual_grade | actual_expr | actual_compared | quantity | actual_word`
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
    } else if let Some(q) = c.attempt(|c| c.quantity()) {
        // Before `actual_compared` (the grammar's order): a quantity starts
        // with a digit or a sign, a comparator never does, so the order
        // does not matter, and most actuals are quantities.
        ActualValueLit::Quantity(q.node)
    } else if let Some(compared) = c.attempt(compared) {
        compared
    } else if let Some(word) = c.attempt(word) {
        word
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

/// `line_key ~ actual_word`, where `line_key = subtotal_key | total_key |
/// grade_key`: does the line begin with `小计`, `合计` or `等级` (no Chinese
/// character after it) and a verdict word? Then it is refused (`小计 产出指标`
/// is a 小计 without its values, `等级 优` a grade out of its 合计), not read
/// as the name and a verdict word. The cursor stays.
fn line_key_word(c: &mut Cur<'_>) -> bool {
    let start = c.pos;
    let rest = c.rest();
    let key = SumLine::ALL
        .iter()
        .map(|k| k.word())
        .chain([Printed::Grade.word()])
        .find(|k| {
            rest.strip_prefix(k)
                .is_some_and(|after| !after.chars().next().is_some_and(cjk))
        });
    let Some(key) = key else {
        return false;
    };
    let m = c.mark();
    c.pos = start + key.len();
    c.skip();
    let word = word(c).is_some();
    c.reset(m);
    word
}

/// `actual_grade = { (":" | "：") ~ verdict ~ grade_score? }`.
fn grade(c: &mut Cur<'_>) -> Option<ActualValueLit> {
    c.eat_any(&[":", "："])?;
    c.skip();
    let grade = verdict(c)?;
    Some(scored(c, grade, true))
}

/// `actual_word = { verdict_word ~ grade_score? }`: a word without the colon.
fn word(c: &mut Cur<'_>) -> Option<ActualValueLit> {
    let grade = verdict_word(c)?;
    Some(scored(c, grade, false))
}

/// The `grade_score?` after a verdict word.
fn scored(c: &mut Cur<'_>, grade: Node<String>, colon: bool) -> ActualValueLit {
    c.skip();
    let score = c.quantity();
    ActualValueLit::Grade {
        grade,
        score,
        colon,
    }
}

/// `actual_compared = { (ge | le | gt | lt) ~ quantity }`: `=` starts an
/// expression instead.
fn compared(c: &mut Cur<'_>) -> Option<ActualValueLit> {
    let at = c.pos;
    let comparator = super::expr::cmp(c)?;
    if comparator == crate::model::Comparator::Eq {
        return None;
    }
    let comparator = Node::new(comparator, c.span(at, c.pos));
    c.skip();
    let quantity = c.quantity()?.node;
    Some(ActualValueLit::Compared {
        comparator,
        quantity,
    })
}

/// `verdict = { string | verdict_word }`, decoded.
pub(super) fn verdict(c: &mut Cur<'_>) -> Option<Node<String>> {
    if c.byte() == Some(b'"') {
        let s = c.string()?;
        return Some(Node::new(s.node.value, s.span));
    }
    verdict_word(c)
}

/// `verdict_word = @{ !(reserved ~ !cjk) ~ cjk+ }`.
fn verdict_word(c: &mut Cur<'_>) -> Option<Node<String>> {
    if crate::vocab::NOT_VERDICTS
        .iter()
        .any(|w| c.keyword_ahead(w))
    {
        return None;
    }
    let start = c.pos;
    while let Some(ch) = c.peek().filter(|ch| cjk(*ch)) {
        c.pos += ch.len_utf8();
    }
    if c.pos == start {
        return None;
    }
    Some(Node::new(
        c.slice(start, c.pos)?.to_string(),
        c.span(start, c.pos),
    ))
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

/// The statements of a 自评 project block that does not read as a whole
/// (`body` gave up): each statement that reads, as `body` reads it, and for
/// each that does not an [`ActualStmt::Unreadable`] spanning it, up to the
/// separator that ends it (braces and strings in it kept together). The
/// caller has pest word each one's error. `None` where not one statement
/// is unreadable (the block's error lies elsewhere).
pub(super) fn body_recovering(c: &mut Cur<'_>) -> Option<Vec<ActualStmt>> {
    if !c.eat("{") {
        return None;
    }
    let seps = |c: &mut Cur<'_>| {
        c.skip();
        while c.sep() {
            c.skip();
        }
    };
    seps(c);
    let mut out = Vec::new();
    let mut bad = false;
    loop {
        if c.eat("}") {
            return (bad && c.at_end()).then_some(out);
        }
        if c.at_end() {
            return None;
        }
        let start = c.pos;
        let read = c.attempt(|c| {
            let s = stmt(c)?;
            c.skip();
            (c.sep() || c.byte() == Some(b'}')).then_some(s)
        });
        match read {
            Some(s) => out.extend(s),
            None => {
                bad = true;
                let name = c.attempt(|c| c.name());
                c.pos = start;
                let end = statement_end(c.text, start);
                let text = c.slice(start, end).unwrap_or("");
                let end = start + text.trim_end().len();
                out.push(ActualStmt::Unreadable {
                    name,
                    span: c.span(start, end),
                });
                c.pos = end;
            }
        }
        seps(c);
    }
}

/// Where the statement starting at `from` ends: the first separator (a line
/// break, `;`, `；`) or closing brace outside strings, comments and inner
/// braces; a string left open ends at its line's end.
fn statement_end(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = from;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\n' | b'\r' | b';' if depth == 0 => return i,
            b'}' if depth == 0 => return i,
            b'}' => depth -= 1,
            b'{' => depth += 1,
            b'"' => {
                i = match super::cursor::string_end(text, i) {
                    Some((end, _)) => end,
                    None => memchr::memchr2(b'\n', b'\r', bytes.get(i..).unwrap_or(&[]))
                        .map_or(bytes.len(), |n| i + n),
                };
                continue;
            }
            b'#' => {
                i += memchr::memchr2(b'\n', b'\r', bytes.get(i..).unwrap_or(&[]))
                    .unwrap_or(bytes.len() - i);
                continue;
            }
            _ => {
                let rest = text.get(i..).unwrap_or("");
                if depth == 0 && rest.starts_with('；') {
                    return i;
                }
                if rest.starts_with('＃') {
                    i += memchr::memchr2(b'\n', b'\r', rest.as_bytes()).unwrap_or(rest.len());
                    continue;
                }
            }
        }
        i += 1;
    }
    bytes.len()
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

//! Expressions of the fast path: `校验` and `= a / b`, the common subset.
//!
//! Handled: numbers with units, paths of bare names (`资金.总额`), the
//! prefix `-`, and every infix operator with pest's precedences (或 < 且 <
//! comparisons < `+ -` < `× ÷` < prefix, all left-associative). Given up on
//! (pest reads them): parentheses and calls, `若 … 则 … 否则`, `非`, quoted
//! names, comments, names that start with a keyword's first character, and
//! numbers too large for a decimal (the builder reports those).

use super::cursor::Cur;
use crate::model::{BinOp, Comparator, Expr, Quantity, UnOp, Unit};
use crate::source::Span;

/// An expression read, and where pest's `expr` rule ends (with the white
/// space after a lone operand, without it after the last of several).
/// One longer than [`MAX_EXPR_OPERATIONS`](crate::syntax::error::MAX_EXPR_OPERATIONS)
/// is given up on: pest reads it and the builder refuses it.
pub(super) fn expr(c: &mut Cur<'_>) -> Option<(Expr, usize)> {
    let mut operations = 0usize;
    let mut operands = vec![operand(c, &mut operations)?];
    let mut ops: Vec<BinOp> = Vec::new();
    let mut end = c.pos;
    c.skip_no_comment()?;
    let lone_end = c.pos;
    while let Some(op) = infix(c) {
        c.skip_no_comment()?;
        ops.push(op);
        operations += 1;
        operands.push(operand(c, &mut operations)?);
        if operations > crate::syntax::error::MAX_EXPR_OPERATIONS {
            return None;
        }
        end = c.pos;
        let m = c.mark();
        c.skip_no_comment()?;
        if peek_infix(c) {
            continue;
        }
        c.reset(m);
        break;
    }
    if ops.is_empty() {
        end = lone_end;
    }
    Some((
        climb(
            &mut operands.into_iter(),
            &mut ops.into_iter().peekable(),
            0,
        )?,
        end,
    ))
}

/// Precedence of an infix operator in pest's Pratt parser.
fn precedence(op: BinOp) -> u8 {
    match op {
        BinOp::Or => 1,
        BinOp::And => 2,
        BinOp::Add | BinOp::Sub => 4,
        BinOp::Mul | BinOp::Div => 5,
        _ => 3,
    }
}

/// Precedence climbing over `a op b op c …`, left-associative.
fn climb<I, J>(operands: &mut I, ops: &mut std::iter::Peekable<J>, min: u8) -> Option<Expr>
where
    I: Iterator<Item = Expr>,
    J: Iterator<Item = BinOp>,
{
    let mut left = operands.next()?;
    while let Some(&op) = ops.peek() {
        let p = precedence(op);
        if p <= min {
            break;
        }
        ops.next();
        let right = climb(operands, ops, p)?;
        let span = join(left.span(), right.span());
        left = Expr::Binary {
            op,
            left: Box::new(left),
            right: Box::new(right),
            span,
        };
    }
    Some(left)
}

fn join(a: Span, b: Span) -> Span {
    Span {
        file: a.file,
        start: a.start.min(b.start),
        end: a.end.max(b.end),
    }
}

/// `prefix* ~ primary`, the prefixes applied innermost last; each prefix
/// counts as one of the `operations`.
fn operand(c: &mut Cur<'_>, operations: &mut usize) -> Option<Expr> {
    let mut negs = Vec::new();
    loop {
        if *operations + negs.len() > crate::syntax::error::MAX_EXPR_OPERATIONS {
            return None;
        }
        let start = c.pos;
        if c.eat_any(&["-", "−", "－"]).is_none() {
            break;
        }
        negs.push(c.span(start, c.pos));
        c.skip_no_comment()?;
    }
    let mut e = primary(c)?;
    *operations += negs.len();
    while let Some(op) = negs.pop() {
        let span = join(op, e.span());
        e = Expr::Unary {
            op: UnOp::Neg,
            operand: Box::new(e),
            span,
        };
    }
    Some(e)
}

/// Characters that start `expr_keyword`s (and `非`): a name starting with
/// one may be read otherwise by pest.
fn keyword_start(ch: char) -> bool {
    matches!(ch, '否' | '则' | '且' | '或' | '若' | '非')
}

/// `ref_stop`: what ends a bare reference.
fn ref_stop(ch: char) -> bool {
    crate::syntax::ends_bare_name(ch)
        || matches!(
            ch,
            '.' | ','
                | '，'
                | '('
                | ')'
                | '（'
                | '）'
                | '+'
                | '＋'
                | '-'
                | '−'
                | '－'
                | '×'
                | '*'
                | '＊'
                | '÷'
                | '/'
                | '／'
                | '≠'
                | '!'
        )
}

/// The end of a bare reference starting at `start` (`start` if none).
fn bare_ref_end(c: &Cur<'_>, start: usize) -> usize {
    let rest = c.text.get(start..).unwrap_or("");
    start
        + rest
            .char_indices()
            .find(|(_, ch)| ref_stop(*ch))
            .map_or(rest.len(), |(i, _)| i)
}

/// `primary`, without `conditional`, `call` and parentheses.
fn primary(c: &mut Cur<'_>) -> Option<Expr> {
    let start = c.pos;
    let first = c.peek()?;
    if keyword_start(first) || matches!(first, '"' | '(' | '（') {
        return None;
    }
    // `call` comes first in pest: a bare reference then `(`.
    let m = c.mark();
    c.pos = bare_ref_end(c, start);
    c.skip_no_comment()?;
    let call = matches!(c.peek(), Some('(' | '（'));
    c.reset(m);
    if call {
        return None;
    }
    if let Some(q) = c.quantity() {
        let value = q.node.number.value()?;
        let unit = q
            .node
            .unit
            .map(|u| crate::model::Unit::from_written(&u.node))
            .unwrap_or_else(Unit::none);
        return Some(Expr::Number {
            value: Quantity::new(value, unit),
            span: q.span,
        });
    }
    // `path`: `reference ~ ("." ~ reference)*`, with no space around dots.
    let mut path = Vec::new();
    loop {
        let s = c.pos;
        if c.peek().is_some_and(keyword_start) {
            return None;
        }
        let e = bare_ref_end(c, s);
        if e == s {
            return None;
        }
        path.push(c.slice(s, e)?.to_string());
        c.pos = e;
        if c.byte() != Some(b'.') {
            break;
        }
        c.pos += 1;
    }
    Some(Expr::Path {
        path,
        span: c.span(start, c.pos),
    })
}

/// pest's `add | sub | mul | div`, the operators before the comparisons.
const ARITHMETIC: [(&str, BinOp); 11] = [
    ("+", BinOp::Add),
    ("＋", BinOp::Add),
    ("-", BinOp::Sub),
    ("−", BinOp::Sub),
    ("－", BinOp::Sub),
    ("×", BinOp::Mul),
    ("*", BinOp::Mul),
    ("＊", BinOp::Mul),
    ("÷", BinOp::Div),
    ("/", BinOp::Div),
    ("／", BinOp::Div),
];

/// The rest of pest's `infix` choice, after the comparisons (none begins
/// like a comparator, so their order against them does not matter).
const LOGIC: [(&str, BinOp); 4] = [
    ("≠", BinOp::Ne),
    ("!=", BinOp::Ne),
    ("且", BinOp::And),
    ("或", BinOp::Or),
];

/// The operator a comparator is in an expression.
fn comparison(c: Comparator) -> BinOp {
    match c {
        Comparator::Ge => BinOp::Ge,
        Comparator::Gt => BinOp::Gt,
        Comparator::Le => BinOp::Le,
        Comparator::Lt => BinOp::Lt,
        Comparator::Eq => BinOp::Eq,
    }
}

/// pest's ordered choice of `infix` literals at the start of `rest`: the
/// operator and the length written.
fn read_infix(rest: &str) -> Option<(BinOp, usize)> {
    let literal = |table: &[(&str, BinOp)]| {
        table
            .iter()
            .find(|(lit, _)| rest.starts_with(lit))
            .map(|(lit, op)| (*op, lit.len()))
    };
    literal(&ARITHMETIC)
        .or_else(|| Comparator::read(rest).map(|(c, len)| (comparison(c), len)))
        .or_else(|| literal(&LOGIC))
}

/// `infix`: pest's ordered choice of operator literals.
fn infix(c: &mut Cur<'_>) -> Option<BinOp> {
    let (op, len) = read_infix(c.rest())?;
    c.pos += len;
    Some(op)
}

fn peek_infix(c: &Cur<'_>) -> bool {
    read_infix(c.rest()).is_some()
}

/// `cmp = { ge | le | gt | lt | eq }`: the vocabulary's comparators.
pub(super) fn cmp(c: &mut Cur<'_>) -> Option<Comparator> {
    let (comparator, len) = Comparator::read(c.rest())?;
    c.pos += len;
    Some(comparator)
}

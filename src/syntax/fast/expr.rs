//! Expressions (`expr`: `校验`, `= …` in 自评, rule formulas), all of the
//! grammar: numbers with units, paths, strings in paths, calls, parentheses,
//! `若 … 则 … 否则`, the prefixes `-` and `非`, and every infix operator with
//! the precedences the tree has always had (或 < 且 < comparisons < `+ -` <
//! `× ÷` < prefix, all left-associative).
//!
//! Where pest's `expr` ends: with the white space (and comments) after a
//! lone operand, without it after the last of several. Comments inside an
//! expression are not kept (its text holds them).

use super::cursor::{cjk, Cur};
use crate::diagnostic::{codes, Diagnostic};
use crate::model::{BinOp, Comparator, Expr, Quantity, UnOp, Unit};
use crate::source::Span;
use crate::syntax::error::{expr_too_long, MAX_EXPR_OPERATIONS};
use crate::syntax::strings::decode_plain;

/// A whole expression read from the cursor, which is left at its end; or
/// `None` where pest's `expr` fails (the cursor is then back at its start).
/// An expression of more than [`MAX_EXPR_OPERATIONS`] is read to its end but
/// not built: the diagnostic is in the cursor's, and the value `None`.
pub(super) fn expr(c: &mut Cur<'_>) -> Option<Option<Expr>> {
    let start = c.pos;
    let comments = c.comments.len();
    let diagnostics = c.diagnostics.len();
    let mut operations = 0usize;
    let e = c.attempt(|c| sub(c, &mut operations))?;
    c.comments.truncate(comments);
    if operations > MAX_EXPR_OPERATIONS {
        c.diagnostics.truncate(diagnostics);
        let d = expr_too_long(c.span(start, c.pos), operations);
        c.diagnostics.push(d);
        return Some(None);
    }
    Some(Some(e))
}

/// A placeholder for parts of an expression that is too long to build.
fn nothing(span: Span) -> Expr {
    Expr::Number {
        value: Quantity::new(rust_decimal::Decimal::ZERO, Unit::none()),
        span,
    }
}

/// `prefix* ~ primary ~ (infix ~ prefix* ~ primary)*`, counting the
/// operations of the whole expression in `ops`.
fn sub(c: &mut Cur<'_>, ops: &mut usize) -> Option<Expr> {
    let start = c.pos;
    let mut operands = vec![operand(c, ops)?];
    let mut infixes: Vec<BinOp> = Vec::new();
    // The skip after the first operand stays; later ones only before an
    // operator that is followed by an operand.
    c.skip();
    let mut back = c.mark();
    loop {
        let before = *ops;
        let group = c.attempt(|c| {
            let op = infix(c)?;
            c.skip();
            Some((op, operand(c, ops)?))
        });
        let Some((op, e)) = group else {
            *ops = before;
            c.reset(back);
            break;
        };
        *ops += 1;
        infixes.push(op);
        if *ops <= MAX_EXPR_OPERATIONS {
            operands.push(e);
        }
        back = c.mark();
        c.skip();
    }
    if *ops > MAX_EXPR_OPERATIONS {
        return Some(nothing(c.span(start, c.pos)));
    }
    climb(
        &mut operands.into_iter(),
        &mut infixes.into_iter().peekable(),
        0,
    )
}

/// Precedence of an infix operator.
fn precedence(op: BinOp) -> u8 {
    match op {
        BinOp::Or => 1,
        BinOp::And => 2,
        BinOp::Ge | BinOp::Le | BinOp::Gt | BinOp::Lt | BinOp::Eq | BinOp::Ne => 3,
        BinOp::Add | BinOp::Sub => 4,
        BinOp::Mul | BinOp::Div => 5,
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
/// counts as one operation.
fn operand(c: &mut Cur<'_>, ops: &mut usize) -> Option<Expr> {
    c.attempt(|c| {
        let before = *ops;
        let mut prefixes = Vec::new();
        loop {
            let start = c.pos;
            let op = if c.eat_any(&["-", "−", "－"]).is_some() {
                UnOp::Neg
            } else if c.eat("非") {
                UnOp::Not
            } else {
                break;
            };
            prefixes.push((op, c.span(start, c.pos)));
            c.skip();
        }
        // `prefix* ~ primary`: the skip is there even without a prefix.
        c.skip();
        let Some(mut e) = primary(c, ops) else {
            *ops = before;
            return None;
        };
        *ops += prefixes.len();
        if *ops > MAX_EXPR_OPERATIONS {
            return Some(e);
        }
        while let Some((op, at)) = prefixes.pop() {
            let span = join(at, e.span());
            e = Expr::Unary {
                op,
                operand: Box::new(e),
                span,
            };
        }
        Some(e)
    })
}

/// `primary = conditional | call | quantity | path | "(" expr ")"`.
fn primary(c: &mut Cur<'_>, ops: &mut usize) -> Option<Expr> {
    if let Some(e) = c.attempt(|c| conditional(c, ops)) {
        return Some(e);
    }
    if let Some(e) = c.attempt(|c| call(c, ops)) {
        return Some(e);
    }
    if let Some(e) = number(c) {
        return Some(e);
    }
    if let Some(e) = c.attempt(path) {
        return Some(e);
    }
    c.attempt(|c| {
        c.eat_any(&["(", "（"])?;
        c.skip();
        let e = sub(c, ops)?;
        c.skip();
        c.eat_any(&[")", "）"])?;
        Some(e)
    })
}

/// `"若" ~ expr ~ "则" ~ expr ~ "否则" ~ expr`.
fn conditional(c: &mut Cur<'_>, ops: &mut usize) -> Option<Expr> {
    let start = c.pos;
    let before = *ops;
    let parts = (|| {
        c.eat("若").then_some(())?;
        c.skip();
        let condition = sub(c, ops)?;
        c.skip();
        c.eat("则").then_some(())?;
        c.skip();
        let then = sub(c, ops)?;
        c.skip();
        c.eat("否则").then_some(())?;
        c.skip();
        let otherwise = sub(c, ops)?;
        Some((condition, then, otherwise))
    })();
    let Some((condition, then, otherwise)) = parts else {
        *ops = before;
        return None;
    };
    *ops += 1;
    Some(Expr::If {
        condition: Box::new(condition),
        then: Box::new(then),
        otherwise: Box::new(otherwise),
        span: c.span(start, c.pos),
    })
}

/// `bare_ref ~ "(" ~ expr ~ ("," ~ expr)* ~ ")"`.
fn call(c: &mut Cur<'_>, ops: &mut usize) -> Option<Expr> {
    let start = c.pos;
    let before = *ops;
    let parts = (|| {
        let end = bare_ref_end(c, start)?;
        let function = c.slice(start, end)?.to_string();
        c.pos = end;
        c.skip();
        c.eat_any(&["(", "（"])?;
        c.skip();
        let mut args = vec![sub(c, ops)?];
        loop {
            c.skip();
            let arg = c.attempt(|c| {
                c.eat_any(&[",", "，"])?;
                c.skip();
                sub(c, ops)
            });
            match arg {
                Some(a) => args.push(a),
                None => break,
            }
        }
        c.eat_any(&[")", "）"])?;
        Some((function, args))
    })();
    let Some((function, args)) = parts else {
        *ops = before;
        return None;
    };
    *ops += 1;
    Some(Expr::Call {
        function,
        resolved: Default::default(),
        args,
        span: c.span(start, c.pos),
    })
}

/// `quantity` as a number with its unit; one too large is reported and
/// read as 0.
fn number(c: &mut Cur<'_>) -> Option<Expr> {
    let q = c.quantity()?;
    let value = q.node.number.value().unwrap_or_else(|| {
        let d = crate::syntax::ast::out_of_range(&q.node.number, q.span);
        c.diagnostics.push(d);
        rust_decimal::Decimal::ZERO
    });
    let unit = q
        .node
        .unit
        .map(|u| crate::model::Unit::from_written(&u.node))
        .unwrap_or_else(Unit::none);
    Some(Expr::Number {
        value: Quantity::new(value, unit),
        span: q.span,
    })
}

/// `path = ${ reference ~ ("." ~ reference)* }`: no space around the dots.
fn path(c: &mut Cur<'_>) -> Option<Expr> {
    let start = c.pos;
    let mut path = vec![reference(c)?];
    loop {
        let m = c.mark();
        if !c.eat(".") {
            break;
        }
        match reference(c) {
            Some(r) => path.push(r),
            None => {
                c.reset(m);
                break;
            }
        }
    }
    Some(Expr::Path {
        path,
        span: c.span(start, c.pos),
    })
}

/// `reference = { string | bare_ref }`: a quoted one is decoded as a plain
/// string, whichever quotes it has.
fn reference(c: &mut Cur<'_>) -> Option<String> {
    let start = c.pos;
    if let Some((end, _)) = c.string_end() {
        let raw = c.slice(start, end)?;
        c.pos = end;
        return Some(decode_plain(raw).unwrap_or_else(|bad| {
            let d = Diagnostic::new(
                &codes::BAD_ESCAPE,
                format!("字符串里的“{bad}”不是有效的转义"),
            )
            .label(c.span(start, end), "这里");
            c.diagnostics.push(d);
            raw.trim_matches('"').to_string()
        }));
    }
    let end = bare_ref_end(c, start)?;
    c.pos = end;
    Some(c.slice(start, end)?.to_string())
}

/// `expr_keyword`: a keyword of expressions not followed by a Han character.
fn keyword_at(c: &Cur<'_>, at: usize) -> bool {
    let rest = c.text.get(at..).unwrap_or("");
    ["否则", "则", "且", "或", "若", "非"].iter().any(|k| {
        rest.strip_prefix(k)
            .is_some_and(|after| !after.chars().next().is_some_and(cjk))
    })
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

/// `bare_ref = @{ !expr_keyword ~ (!ref_stop ~ ANY)+ }` from `start`: its
/// end, `None` if there is none.
fn bare_ref_end(c: &Cur<'_>, start: usize) -> Option<usize> {
    if keyword_at(c, start) {
        return None;
    }
    let rest = c.text.get(start..).unwrap_or("");
    let len = rest
        .char_indices()
        .find(|(_, ch)| ref_stop(*ch))
        .map_or(rest.len(), |(i, _)| i);
    (len > 0).then_some(start + len)
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

/// `cmp = { ge | le | gt | lt | eq }`: the vocabulary's comparators.
pub(super) fn cmp(c: &mut Cur<'_>) -> Option<Comparator> {
    let (comparator, len) = Comparator::read(c.rest())?;
    c.pos += len;
    Some(comparator)
}

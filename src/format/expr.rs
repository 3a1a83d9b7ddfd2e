//! Canonical text of 校验 expressions: canonical operators, parentheses only
//! where the grammar needs them. The result is read back and compared with
//! the original; if they differ the expression is kept as written.

use super::values::{canonical_unit, quoted, unit_suffix};
use crate::model::{group_thousands, BinOp, Expr, UnOp};
use crate::source::FileId;

/// How the operators that have two common spellings are written.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub minus: &'static str,
    pub divide: &'static str,
}

/// 校验 lines: what a keyboard types for minus, `÷` for division.
pub const CHECK: Style = Style {
    minus: "-",
    divide: "÷",
};
/// 规则 formulas are shown as written in `eval --explain`: typographic `−`.
pub const RULE: Style = Style {
    minus: "−",
    divide: "÷",
};
/// 自评 values are ratios of counts, written as on the form: `112 / 118`.
pub const ACTUAL: Style = Style {
    minus: "-",
    divide: "/",
};

/// The expression in canonical form, or `written` if the canonical form
/// would not read back as the same expression.
pub fn canonical(expr: &Expr, written: &str) -> String {
    canonical_in(CHECK, expr, written)
}

/// [`canonical`] with the operator spellings of `style`.
pub fn canonical_in(style: Style, expr: &Expr, written: &str) -> String {
    let text = print(style, expr);
    match crate::syntax::parse_expr(FileId(0), &text, 0) {
        Ok(back) if same(&back, expr) => text,
        _ => written.to_string(),
    }
}

/// Equal in meaning, with units compared in canonical spelling.
pub fn same(a: &Expr, b: &Expr) -> bool {
    let mut a = a.clone();
    let mut b = b.clone();
    normalize(&mut a);
    normalize(&mut b);
    a == b
}

/// Units to their canonical spelling, throughout an expression.
pub fn normalize(e: &mut Expr) {
    match e {
        Expr::Number { value, .. } => {
            value.unit = crate::model::Unit::parse(&canonical_unit(value.unit.text()));
        }
        Expr::Path { .. } => {}
        Expr::Unary { operand, .. } => normalize(operand),
        Expr::Binary { left, right, .. } => {
            normalize(left);
            normalize(right);
        }
        Expr::If {
            condition,
            then,
            otherwise,
            ..
        } => {
            normalize(condition);
            normalize(then);
            normalize(otherwise);
        }
        Expr::Call { args, .. } => args.iter_mut().for_each(normalize),
    }
}

const UNARY: u8 = 6;
const ATOM: u8 = 7;

fn precedence(e: &Expr) -> u8 {
    match e {
        Expr::Binary { op, .. } => op.precedence(),
        Expr::Unary { .. } => UNARY,
        Expr::If { .. } => 0,
        Expr::Number { .. } | Expr::Path { .. } | Expr::Call { .. } => ATOM,
    }
}

/// The expression written out with the operator spellings of `style`, as
/// messages quote part of one (a divisor that was zero).
pub(crate) fn written(style: Style, e: &Expr) -> String {
    print(style, e)
}

fn print(st: Style, e: &Expr) -> String {
    match e {
        Expr::Number { value, .. } => {
            format!(
                "{}{}",
                group_thousands(value.value),
                unit_suffix(value.unit.text())
            )
        }
        Expr::Path { path, .. } => path
            .iter()
            .map(|s| reference(s))
            .collect::<Vec<_>>()
            .join("."),
        Expr::Unary { op, operand, .. } => {
            let inner = child(st, operand, UNARY);
            match op {
                UnOp::Neg => format!("{}{inner}", st.minus),
                UnOp::Not => format!("非 {inner}"),
            }
        }
        Expr::Binary {
            op, left, right, ..
        } => {
            let p = op.precedence();
            let symbol = match op {
                BinOp::Sub => st.minus,
                BinOp::Div => st.divide,
                other => other.symbol(),
            };
            format!(
                "{} {symbol} {}",
                child(st, left, p),
                child(st, right, p + 1)
            )
        }
        Expr::If {
            condition,
            then,
            otherwise,
            ..
        } => {
            // A conditional in the 否则 branch needs no parentheses: it ends
            // where the enclosing one ends (`若 a 则 1 否则 若 b 则 2 否则 3`).
            let last = match **otherwise {
                Expr::If { .. } => print(st, otherwise),
                _ => child(st, otherwise, 1),
            };
            format!(
                "若 {} 则 {} 否则 {last}",
                child(st, condition, 1),
                child(st, then, 1)
            )
        }
        Expr::Call { function, args, .. } => format!(
            "{function}({})",
            args.iter()
                .map(|a| print(st, a))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// A sub-expression, parenthesized when it binds less tightly than `min`.
fn child(st: Style, e: &Expr, min: u8) -> String {
    if precedence(e) < min {
        format!("({})", print(st, e))
    } else {
        print(st, e)
    }
}

/// A path segment: bare when the grammar reads it back as a reference.
fn reference(s: &str) -> String {
    let stop = |c: char| {
        c.is_whitespace()
            || c.is_control()
            || "\"#＃{};；:：~～≥≤≧≦><=＞＜＝.,，()（）+＋-−－×*＊÷/／≠!".contains(c)
    };
    let keyword = ["否则", "则", "且", "或", "若", "非"]
        .iter()
        .any(|k| s.starts_with(k));
    let first_digit = s.chars().next().is_some_and(|c| c.is_ascii_digit());
    if s.is_empty() || s.chars().any(stop) || keyword || first_digit {
        quoted(s)
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round(text: &str) -> String {
        let e = crate::syntax::parse_expr(FileId(0), text, 0).unwrap();
        canonical(&e, text)
    }

    #[test]
    fn canonical_operators() {
        assert_eq!(
            round("人均代表履职费*代表履职费发放人数<=资金.总额"),
            "人均代表履职费 × 代表履职费发放人数 ≤ 资金.总额"
        );
        assert_eq!(round("(a+b)*c"), "(a + b) × c");
        assert_eq!(round("a-(b-c)"), "a - (b - c)");
        assert_eq!(round("a >= 10000 元"), "a ≥ 10,000 元");
        assert_eq!(
            round("若 a 则 1 否则 若 b 则 2 否则 3"),
            "若 a 则 1 否则 若 b 则 2 否则 3"
        );
        assert_eq!(
            round("若 (若 a 则 b 否则 c) 则 (若 d 则 1 否则 2) 否则 3"),
            "若 (若 a 则 b 否则 c) 则 (若 d 则 1 否则 2) 否则 3"
        );
        assert_eq!(round("(若 a 则 1 否则 2) + 1"), "(若 a 则 1 否则 2) + 1");
    }
}

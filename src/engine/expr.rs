//! The expression evaluator for scoring rules: exact decimals, checked
//! arithmetic, and the formula written back with the values substituted
//! (only the branches taken), for the trace.

use super::fmt::num;
use crate::model::{BinOp, Expr, UnOp};
use crate::source::Span;
use rust_decimal::Decimal;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value {
    Num(Decimal),
    Bool(bool),
}

/// Why a formula could not be computed, and where in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvalError {
    pub span: Span,
    pub kind: ErrorKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The divisor, as substituted text.
    DivideByZero(String),
    Overflow(String),
    /// A value of the wrong kind (a condition where a number is needed …).
    Type(String),
    UnknownName(String),
    UnknownFunction(String),
}

impl ErrorKind {
    /// The reason in words, for messages.
    pub fn describe(&self) -> String {
        match self {
            ErrorKind::DivideByZero(d) => format!("除数为零（{d} = 0）"),
            ErrorKind::Overflow(t) => format!("计算结果超出可表示的范围（{t}）"),
            ErrorKind::Type(t) => t.clone(),
            ErrorKind::UnknownName(n) => format!("名称“{n}”没有取值"),
            ErrorKind::UnknownFunction(f) => format!("函数“{f}”不认识"),
        }
    }
}

/// Named values visible to a formula.
pub struct Env<'a> {
    pub vars: &'a [(&'a str, Value)],
}

impl Env<'_> {
    fn get(&self, name: &str) -> Option<Value> {
        self.vars.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
    }
    /// The value of a dotted path, joining its parts only when there are several.
    fn path(&self, path: &[String]) -> Option<Value> {
        match path {
            [one] => self.get(one),
            _ => self.get(&path.join(".")),
        }
    }
}

/// A computed value with its substituted text and how tightly it binds.
struct Out {
    value: Value,
    text: String,
    prec: u8,
}

const ATOM: u8 = 9;

/// Evaluate `e`; on success also return the formula with values substituted.
pub fn eval(e: &Expr, env: &Env<'_>) -> Result<(Value, String), EvalError> {
    let o = go(e, env, true)?;
    Ok((o.value, o.text))
}

/// The value of `e` alone, the same as [`eval`]'s: the substituted text is
/// written only to say what went wrong (scoring, issue 7: the text is for
/// traces, which are written when read).
pub fn value(e: &Expr, env: &Env<'_>) -> Result<Value, EvalError> {
    match go(e, env, false) {
        Ok(o) => Ok(o.value),
        Err(_) => go(e, env, true).map(|o| o.value),
    }
}

fn err<T>(span: Span, kind: ErrorKind) -> Result<T, EvalError> {
    Err(EvalError { span, kind })
}

fn show(v: Value) -> String {
    match v {
        Value::Num(d) => num(d),
        Value::Bool(true) => "是".into(),
        Value::Bool(false) => "否".into(),
    }
}

fn number(o: &Out, span: Span) -> Result<Decimal, EvalError> {
    match o.value {
        Value::Num(d) => Ok(d),
        Value::Bool(_) => err(
            span,
            ErrorKind::Type(format!("此处需要一个数，得到的是条件（{}）", o.text)),
        ),
    }
}

fn boolean(o: &Out, span: Span) -> Result<bool, EvalError> {
    match o.value {
        Value::Bool(b) => Ok(b),
        Value::Num(_) => err(
            span,
            ErrorKind::Type(format!(
                "此处需要一个条件（如 完成值 ≥ 指标值），得到的是数 {}",
                o.text
            )),
        ),
    }
}

fn wrap(o: &Out, min: u8) -> String {
    if o.prec < min {
        format!("({})", o.text)
    } else {
        o.text.clone()
    }
}

/// Evaluate `e`; with `text`, also write it with values substituted.
fn go(e: &Expr, env: &Env<'_>, text: bool) -> Result<Out, EvalError> {
    match e {
        Expr::Number { value, span } => {
            let Some(d) = value.base_value() else {
                return err(*span, ErrorKind::Overflow(value.to_string()));
            };
            let text = if !text {
                String::new()
            } else if value.unit.is_none() {
                num(value.value)
            } else {
                value.to_string()
            };
            Ok(Out {
                value: Value::Num(d),
                text,
                prec: ATOM,
            })
        }
        Expr::Path { path, span } => match env.path(path) {
            Some(v) => Ok(Out {
                value: v,
                text: if text { show(v) } else { String::new() },
                prec: ATOM,
            }),
            None => err(*span, ErrorKind::UnknownName(path.join("."))),
        },
        Expr::Unary { op, operand, span } => {
            let o = go(operand, env, text)?;
            let written = |prefix: &str| {
                if text {
                    format!("{prefix}{}", wrap(&o, ATOM))
                } else {
                    String::new()
                }
            };
            match op {
                UnOp::Neg => {
                    let d = number(&o, operand.span())?;
                    Ok(Out {
                        value: Value::Num(-d),
                        text: written("−"),
                        prec: 6,
                    })
                }
                UnOp::Not => {
                    let b = boolean(&o, *span)?;
                    Ok(Out {
                        value: Value::Bool(!b),
                        text: written("非 "),
                        prec: 6,
                    })
                }
            }
        }
        Expr::Binary {
            op,
            left,
            right,
            span,
        } => binary(*op, left, right, *span, env, text),
        Expr::If {
            condition,
            then,
            otherwise,
            ..
        } => {
            let c = go(condition, env, text)?;
            if boolean(&c, condition.span())? {
                go(then, env, text)
            } else {
                go(otherwise, env, text)
            }
        }
        Expr::Call {
            function,
            args,
            span,
        } => {
            let mut vals = Vec::with_capacity(args.len());
            let mut texts = Vec::with_capacity(if text { args.len() } else { 0 });
            for a in args {
                let o = go(a, env, text)?;
                vals.push(number(&o, a.span())?);
                if text {
                    texts.push(o.text);
                }
            }
            let value = match function.as_str() {
                "最小" => vals.iter().copied().min(),
                "最大" => vals.iter().copied().max(),
                "绝对值" if vals.len() == 1 => vals.first().map(|d| d.abs()),
                _ => return err(*span, ErrorKind::UnknownFunction(function.clone())),
            };
            let Some(value) = value else {
                return err(*span, ErrorKind::Type(format!("函数“{function}”缺少参数")));
            };
            Ok(Out {
                value: Value::Num(value),
                text: if text {
                    format!("{function}({})", texts.join(", "))
                } else {
                    String::new()
                },
                prec: ATOM,
            })
        }
    }
}

fn binary(
    op: BinOp,
    left: &Expr,
    right: &Expr,
    span: Span,
    env: &Env<'_>,
    text: bool,
) -> Result<Out, EvalError> {
    let prec = op.precedence();
    let written = |l: &Out, r: &Out| {
        if text {
            format!("{} {} {}", wrap(l, prec), op.symbol(), wrap(r, prec + 1))
        } else {
            String::new()
        }
    };
    let l = go(left, env, text)?;
    // Short-circuit 且 / 或 so that a guard protects what follows it.
    if matches!(op, BinOp::And | BinOp::Or) {
        let lb = boolean(&l, left.span())?;
        if (op == BinOp::And && !lb) || (op == BinOp::Or && lb) {
            return Ok(Out {
                value: Value::Bool(lb),
                text: l.text,
                prec: l.prec,
            });
        }
        let r = go(right, env, text)?;
        let rb = boolean(&r, right.span())?;
        return Ok(Out {
            value: Value::Bool(rb),
            text: written(&l, &r),
            prec,
        });
    }
    let r = go(right, env, text)?;
    let text = written(&l, &r);
    let a = number(&l, left.span())?;
    let b = number(&r, right.span())?;
    let overflow = || EvalError {
        span,
        kind: ErrorKind::Overflow(text.clone()),
    };
    let value = match op {
        BinOp::Add => Value::Num(a.checked_add(b).ok_or_else(overflow)?),
        BinOp::Sub => Value::Num(a.checked_sub(b).ok_or_else(overflow)?),
        BinOp::Mul => Value::Num(a.checked_mul(b).ok_or_else(overflow)?),
        BinOp::Div => {
            if b.is_zero() {
                return err(span, ErrorKind::DivideByZero(r.text));
            }
            Value::Num(a.checked_div(b).ok_or_else(overflow)?)
        }
        BinOp::Ge => Value::Bool(a >= b),
        BinOp::Gt => Value::Bool(a > b),
        BinOp::Le => Value::Bool(a <= b),
        BinOp::Lt => Value::Bool(a < b),
        BinOp::Eq => Value::Bool(a == b),
        BinOp::Ne => Value::Bool(a != b),
        BinOp::And | BinOp::Or => Value::Bool(false),
    };
    Ok(Out { value, text, prec })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;
    use crate::syntax::parse_expr;

    fn run(src: &str, vars: &[(&str, Value)]) -> Result<(Value, String), EvalError> {
        let e = parse_expr(FileId(0), src, 0).unwrap();
        eval(&e, &Env { vars })
    }
    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn substitutes_the_branch_taken() {
        let vars = [
            ("完成值", Value::Num(d("94.92"))),
            ("指标值", Value::Num(d("95"))),
            ("分值", Value::Num(d("10"))),
        ];
        let (v, text) = run(
            "若 完成值 ≥ 指标值 则 分值 否则 分值 × 完成值 ÷ 指标值",
            &vars,
        )
        .unwrap();
        assert_eq!(text, "10 × 94.92 ÷ 95");
        assert_eq!(v, Value::Num(d("9.9915789473684210526315789474")));
    }

    #[test]
    fn parentheses_and_functions() {
        let vars = [
            ("完成值", Value::Num(d("12"))),
            ("指标值", Value::Num(d("10"))),
            ("分值", Value::Num(d("10"))),
        ];
        let (v, text) = run("最大(分值 × (1 − (完成值 − 指标值) ÷ 指标值), 0)", &vars).unwrap();
        assert_eq!(text, "最大(10 × (1 − (12 − 10) ÷ 10), 0)");
        assert_eq!(v, Value::Num(d("8")));
    }

    #[test]
    fn divide_by_zero_is_an_error_not_a_panic() {
        let vars = [
            ("指标值", Value::Num(Decimal::ZERO)),
            ("分值", Value::Num(d("10"))),
        ];
        let e = run("分值 ÷ 指标值", &vars).unwrap_err();
        assert_eq!(e.kind, ErrorKind::DivideByZero("0".into()));
        assert_eq!(e.kind.describe(), "除数为零（0 = 0）");
    }

    #[test]
    fn overflow_is_an_error() {
        let vars = [("分值", Value::Num(Decimal::MAX))];
        let e = run("分值 × 分值", &vars).unwrap_err();
        assert!(matches!(e.kind, ErrorKind::Overflow(_)));
    }

    #[test]
    fn guards_short_circuit() {
        let vars = [
            ("指标值", Value::Num(Decimal::ZERO)),
            ("完成值", Value::Num(d("1"))),
        ];
        let (v, _) = run("指标值 > 0 且 完成值 ÷ 指标值 ≥ 1", &vars).unwrap();
        assert_eq!(v, Value::Bool(false));
    }

    #[test]
    fn percent_literals_are_fractions() {
        let vars = [("完成值", Value::Num(d("1.3")))];
        let (v, _) = run("完成值 ≥ 120%", &vars).unwrap();
        assert_eq!(v, Value::Bool(true));
    }
}

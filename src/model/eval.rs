//! The one evaluator of [`Expr`], serving `校验` (with units) and rule-set
//! formulas (plain numbers) alike: exact decimals, checked arithmetic, a
//! divisor of zero refused, 且 / 或 short-circuited so that a guard
//! protects what follows it, and the functions of [`Function`].
//!
//! What a name means and what a number carries besides its value is the
//! caller's [`Scope`]: an indicator's target or a funds fact with its unit
//! in `校验`, 完成值 / 指标值 / 分值 … in a rule formula. What could not be
//! computed is told to the scope as a [`Fault`], which words it in the
//! caller's terms. The evaluator is generic over the scope: no dynamic
//! dispatch and no allocation of its own.

use super::{BinOp, Expr, Function, OpClass, Quantity, UnOp, Unit};
use crate::source::Span;
use rust_decimal::Decimal;

/// A computed value: a number with the scope's unit, or a condition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Val<U> {
    Num(Decimal, U),
    Bool(bool),
}

/// What names mean, and what units are, for one caller.
pub trait Scope {
    /// What a number carries besides its value (`()` where there are no
    /// units).
    type Unit;
    /// The caller's account of what could not be computed.
    type Error;
    /// The value a name stands for.
    fn path(&mut self, path: &[String], span: Span) -> Result<Val<Self::Unit>, Self::Error>;
    /// The unit of a number written with `unit`.
    fn unit(&self, written: &Unit) -> Self::Unit;
    /// Whether values in `a` and `b` may be added, subtracted or compared.
    fn compatible(&self, a: &Self::Unit, b: &Self::Unit) -> bool;
    /// The unit of a product (or with `divide`, a quotient).
    fn product(&self, a: &Self::Unit, b: &Self::Unit, divide: bool) -> Self::Unit;
    /// What could not be computed, in the caller's words.
    fn fault(&mut self, fault: Fault<'_, Self::Unit>) -> Self::Error;
}

/// Where a number was needed.
#[derive(Clone, Copy, Debug)]
pub enum NumberFor<'e> {
    /// After `−`.
    Negation { span: Span },
    /// Either side of an arithmetic operator or a comparison.
    Operator { op: BinOp, span: Span },
    /// An argument of a function, as the call writes its name.
    Argument { function: &'e str, span: Span },
}

/// Where a condition was needed.
#[derive(Clone, Copy, Debug)]
pub enum ConditionFor {
    /// After `非`.
    Not { span: Span },
    /// Either side of `且` or `或`.
    Logic { op: BinOp, span: Span },
    /// After `若`.
    If,
}

/// Where two values met whose units must agree.
#[derive(Clone, Copy, Debug)]
pub enum Between<'e> {
    /// The two sides of `+`, `−` or a comparison.
    Operator(BinOp),
    /// Two arguments of `最小` or `最大`, as the call writes its name.
    Arguments(&'e str),
}

/// One side of an operation, with its value.
#[derive(Clone, Debug)]
pub struct Operand<'e, U> {
    pub expr: &'e Expr,
    pub value: Decimal,
    pub unit: U,
}

/// Why an expression could not be computed.
#[derive(Clone, Debug)]
pub enum Fault<'e, U> {
    /// `operand` is a condition where a number is needed.
    NotNumber {
        operand: &'e Expr,
        within: NumberFor<'e>,
    },
    /// `operand` is a number where a condition is needed.
    NotCondition {
        operand: &'e Expr,
        within: ConditionFor,
    },
    /// Values of units that do not add or compare (never in rule formulas).
    Dimension {
        between: Between<'e>,
        left: Operand<'e, U>,
        right: Operand<'e, U>,
    },
    /// `at` divides by `divisor`, which is zero.
    DivideByZero {
        at: &'e Expr,
        divisor: Operand<'e, U>,
    },
    /// The result of `at` is beyond what a decimal holds.
    Overflow { at: &'e Expr },
    /// A number written beyond what a decimal holds in its base unit.
    NumberOutOfRange { value: &'e Quantity, span: Span },
    /// A function given a number of arguments it does not take.
    Arity {
        function: Function,
        written: &'e str,
        span: Span,
    },
    /// A call of a name that is no function (lowering resolved none).
    UnknownFunction { written: &'e str, span: Span },
}

/// The value of `e` in `scope`.
pub fn eval<S: Scope>(e: &Expr, scope: &mut S) -> Result<Val<S::Unit>, S::Error> {
    match e {
        Expr::Number { value, span } => match value.base_value() {
            Some(d) => Ok(Val::Num(d, scope.unit(&value.unit))),
            None => Err(scope.fault(Fault::NumberOutOfRange { value, span: *span })),
        },
        Expr::Path { path, span } => scope.path(path, *span),
        Expr::Unary { op, operand, span } => match op {
            UnOp::Neg => {
                let (d, u) = number(operand, NumberFor::Negation { span: *span }, scope)?;
                Ok(Val::Num(-d, u))
            }
            UnOp::Not => {
                let within = ConditionFor::Not { span: *span };
                Ok(Val::Bool(!condition(operand, within, scope)?))
            }
        },
        Expr::Binary {
            op,
            left,
            right,
            span,
        } => binary(e, *op, left, right, *span, scope),
        Expr::If {
            condition: c,
            then,
            otherwise,
            ..
        } => {
            if condition(c, ConditionFor::If, scope)? {
                eval(then, scope)
            } else {
                eval(otherwise, scope)
            }
        }
        Expr::Call {
            function,
            resolved,
            args,
            span,
        } => call(function, resolved.0, args, *span, scope),
    }
}

/// The value of `operand` as a condition, as `within` needs it.
pub fn condition<S: Scope>(
    operand: &Expr,
    within: ConditionFor,
    scope: &mut S,
) -> Result<bool, S::Error> {
    match eval(operand, scope)? {
        Val::Bool(b) => Ok(b),
        Val::Num(..) => Err(scope.fault(Fault::NotCondition { operand, within })),
    }
}

/// The value of `operand` as a number, as `within` needs it.
fn number<'e, S: Scope>(
    operand: &'e Expr,
    within: NumberFor<'e>,
    scope: &mut S,
) -> Result<(Decimal, S::Unit), S::Error> {
    let v = eval(operand, scope)?;
    as_number(v, operand, within, scope)
}

fn as_number<'e, S: Scope>(
    v: Val<S::Unit>,
    operand: &'e Expr,
    within: NumberFor<'e>,
    scope: &mut S,
) -> Result<(Decimal, S::Unit), S::Error> {
    match v {
        Val::Num(d, u) => Ok((d, u)),
        Val::Bool(_) => Err(scope.fault(Fault::NotNumber { operand, within })),
    }
}

fn binary<'e, S: Scope>(
    e: &'e Expr,
    op: BinOp,
    left: &'e Expr,
    right: &'e Expr,
    span: Span,
    scope: &mut S,
) -> Result<Val<S::Unit>, S::Error> {
    let stops_at = match op.class() {
        OpClass::Logic { stops_at } => stops_at,
        OpClass::Additive | OpClass::Comparison => {
            return numeric(e, op, left, right, span, false, scope)
        }
        OpClass::Multiplicative => return numeric(e, op, left, right, span, true, scope),
    };
    let within = ConditionFor::Logic { op, span };
    // 且 stops at the first false, 或 at the first true.
    let l = condition(left, within, scope)?;
    if l == stops_at {
        return Ok(Val::Bool(l));
    }
    Ok(Val::Bool(condition(right, within, scope)?))
}

/// An arithmetic operator or a comparison: both sides are computed before
/// either is required to be a number. The units of a product (`multiplies`)
/// multiply; of anything else they must agree.
fn numeric<'e, S: Scope>(
    e: &'e Expr,
    op: BinOp,
    left: &'e Expr,
    right: &'e Expr,
    span: Span,
    multiplies: bool,
    scope: &mut S,
) -> Result<Val<S::Unit>, S::Error> {
    let within = NumberFor::Operator { op, span };
    let l = eval(left, scope)?;
    let r = eval(right, scope)?;
    let (a, ua) = as_number(l, left, within, scope)?;
    let (b, ub) = as_number(r, right, within, scope)?;
    let operands = |ua, ub| {
        (
            Operand {
                expr: left,
                value: a,
                unit: ua,
            },
            Operand {
                expr: right,
                value: b,
                unit: ub,
            },
        )
    };
    let unit = if multiplies {
        scope.product(&ua, &ub, op == BinOp::Div)
    } else if scope.compatible(&ua, &ub) {
        ua
    } else {
        let (left, right) = operands(ua, ub);
        return Err(scope.fault(Fault::Dimension {
            between: Between::Operator(op),
            left,
            right,
        }));
    };
    if let Some(holds) = holds(op, a, b) {
        return Ok(Val::Bool(holds));
    }
    if op == BinOp::Div && b.is_zero() {
        let divisor = Operand {
            expr: right,
            value: b,
            unit: ub,
        };
        return Err(scope.fault(Fault::DivideByZero { at: e, divisor }));
    }
    match arithmetic(op, a, b) {
        Some(d) => Ok(Val::Num(d, unit)),
        None => Err(scope.fault(Fault::Overflow { at: e })),
    }
}

/// `a op b` for + − × ÷: `None` on overflow, a zero divisor, or an
/// operator that is no arithmetic.
pub fn arithmetic(op: BinOp, a: Decimal, b: Decimal) -> Option<Decimal> {
    match op {
        BinOp::Add => a.checked_add(b),
        BinOp::Sub => a.checked_sub(b),
        BinOp::Mul => a.checked_mul(b),
        BinOp::Div if b.is_zero() => None,
        BinOp::Div => a.checked_div(b),
        BinOp::Ge
        | BinOp::Gt
        | BinOp::Le
        | BinOp::Lt
        | BinOp::Eq
        | BinOp::Ne
        | BinOp::And
        | BinOp::Or => None,
    }
}

/// Whether `a op b` holds for a comparison; `None` for any other operator.
pub fn holds(op: BinOp, a: Decimal, b: Decimal) -> Option<bool> {
    match op {
        BinOp::Ge => Some(a >= b),
        BinOp::Gt => Some(a > b),
        BinOp::Le => Some(a <= b),
        BinOp::Lt => Some(a < b),
        BinOp::Eq => Some(a == b),
        BinOp::Ne => Some(a != b),
        BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div | BinOp::And | BinOp::Or => None,
    }
}

/// Every argument is computed, in order, before the function is applied.
fn call<'e, S: Scope>(
    written: &'e str,
    resolved: Option<Function>,
    args: &'e [Expr],
    span: Span,
    scope: &mut S,
) -> Result<Val<S::Unit>, S::Error> {
    let within = NumberFor::Argument {
        function: written,
        span,
    };
    // The value kept so far, and the first two arguments whose units
    // differ (told once every argument is computed).
    let mut kept: Option<Operand<'e, S::Unit>> = None;
    let mut mismatch = None;
    for a in args {
        let (value, unit) = number(a, within, scope)?;
        let next = Operand {
            expr: a,
            value,
            unit,
        };
        kept = match (kept, resolved) {
            (None, _) => Some(next),
            (Some(k), Some(f @ (Function::Min | Function::Max))) if mismatch.is_none() => {
                if !scope.compatible(&k.unit, &next.unit) {
                    mismatch = Some((k, next));
                    None
                } else if f.replaces(k.value, next.value) {
                    Some(next)
                } else {
                    Some(k)
                }
            }
            (Some(k), Some(Function::Min | Function::Max | Function::Abs) | None) => Some(k),
        };
    }
    let Some(f) = resolved else {
        return Err(scope.fault(Fault::UnknownFunction { written, span }));
    };
    if let Some((left, right)) = mismatch {
        return Err(scope.fault(Fault::Dimension {
            between: Between::Arguments(written),
            left,
            right,
        }));
    }
    match kept {
        Some(k) if f.accepts(args.len()) => Ok(Val::Num(f.apply_one(k.value), k.unit)),
        Some(_) | None => Err(scope.fault(Fault::Arity {
            function: f,
            written,
            span,
        })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    /// A scope of plain numbers, where every name is 1.
    struct Plain;

    impl Scope for Plain {
        type Unit = ();
        type Error = String;
        fn path(&mut self, _: &[String], _: Span) -> Result<Val<()>, String> {
            Ok(Val::Num(Decimal::ONE, ()))
        }
        fn unit(&self, _: &Unit) {}
        fn compatible(&self, _: &(), _: &()) -> bool {
            true
        }
        fn product(&self, _: &(), _: &(), _: bool) {}
        fn fault(&mut self, fault: Fault<'_, ()>) -> String {
            format!("{fault:?}")
        }
    }

    fn run(src: &str) -> Result<Val<()>, String> {
        let mut e = crate::syntax::parse_expr(FileId(0), src, 0).unwrap();
        e.resolve_functions();
        eval(&e, &mut Plain)
    }

    #[test]
    fn guards_short_circuit() {
        assert_eq!(run("甲 > 1 且 甲 ÷ 0 > 1"), Ok(Val::Bool(false)));
        assert_eq!(run("甲 ≥ 1 或 甲 ÷ 0 > 1"), Ok(Val::Bool(true)));
        assert!(run("甲 ≥ 1 且 甲 ÷ 0 > 1")
            .unwrap_err()
            .starts_with("DivideByZero"));
    }

    #[test]
    fn functions_need_their_arguments() {
        assert_eq!(
            run("最大(1, 甲 + 2, 0)"),
            Ok(Val::Num(Decimal::from(3), ()))
        );
        assert!(run("绝对值(1, 2)").unwrap_err().starts_with("Arity"));
        assert!(run("平方(1)").unwrap_err().starts_with("UnknownFunction"));
    }
}

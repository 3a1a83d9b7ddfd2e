//! Rule-set formulas on the one evaluator of [`Expr`]
//! ([`crate::model::eval`]): the names a formula is given, its errors in
//! the words of scoring, the formula written back with the values
//! substituted (only the branches taken) for the trace, and the compiled
//! form that scores 100,000 projects.

use crate::model::display::num;
use crate::model::eval::{self, arithmetic, holds, ConditionFor, Fault, Scope, Val};
use crate::model::{BinOp, Expr, Function, OpClass, UnOp, Unit};
use crate::source::Span;
use rust_decimal::Decimal;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value {
    Num(Decimal),
    Bool(bool),
}

impl From<Val<()>> for Value {
    fn from(v: Val<()>) -> Value {
        match v {
            Val::Num(d, ()) => Value::Num(d),
            Val::Bool(b) => Value::Bool(b),
        }
    }
}

/// Why a formula could not be computed, and where in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvalError {
    pub span: Span,
    pub kind: ErrorKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The divisor as the formula writes it (`指标值`, `执行数 − 执行数`);
    /// `None` when it is the number 0 itself.
    DivideByZero(Option<String>),
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
            ErrorKind::DivideByZero(Some(d)) => format!("除数为零（{d} = 0）"),
            ErrorKind::DivideByZero(None) => "除数为零（公式直接除以 0）".into(),
            ErrorKind::Overflow(t) => format!("计算结果超出可表示的范围（{t}）"),
            ErrorKind::Type(t) => t.clone(),
            ErrorKind::UnknownName(n) => format!("名称“{n}”没有取值"),
            ErrorKind::UnknownFunction(f) => format!("函数“{f}”不认识"),
        }
    }
}

/// Named values visible to a formula.
#[derive(Clone, Copy)]
pub struct Env<'a> {
    pub vars: &'a [(&'a str, Value)],
}

impl Env<'_> {
    fn get(&self, name: &str) -> Option<Value> {
        self.vars.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
    }
    /// The value of a dotted path, joining its parts only when there are several.
    fn get_path(&self, path: &[String]) -> Option<Value> {
        match path {
            [one] => self.get(one),
            _ => self.get(&path.join(".")),
        }
    }
    /// The text of `e` with values substituted, for a message (empty if
    /// it cannot be written, which cannot happen for a part computed).
    fn text(&mut self, e: &Expr) -> String {
        substituted(e, self).map(|w| w.text).unwrap_or_default()
    }
}

/// A rule formula's values are plain numbers: no units.
impl Scope for Env<'_> {
    type Unit = ();
    type Error = EvalError;

    fn path(&mut self, path: &[String], span: Span) -> Result<Val<()>, EvalError> {
        match self.get_path(path) {
            Some(Value::Num(d)) => Ok(Val::Num(d, ())),
            Some(Value::Bool(b)) => Ok(Val::Bool(b)),
            None => err(span, ErrorKind::UnknownName(path.join("."))),
        }
    }

    fn unit(&self, _: &Unit) {}

    fn compatible(&self, _: &(), _: &()) -> bool {
        true
    }

    fn product(&self, _: &(), _: &(), _: bool) {}

    fn fault(&mut self, fault: Fault<'_, ()>) -> EvalError {
        let (span, kind) = match fault {
            Fault::NotNumber { operand, .. } => (
                operand.span(),
                ErrorKind::Type(format!(
                    "此处需要一个数，得到的是条件（{}）",
                    self.text(operand)
                )),
            ),
            Fault::NotCondition { operand, within } => (
                match within {
                    ConditionFor::Not { span } => span,
                    ConditionFor::Logic { .. } | ConditionFor::If => operand.span(),
                },
                ErrorKind::Type(format!(
                    "此处需要一个条件（如 完成值 ≥ 指标值），得到的是数 {}",
                    self.text(operand)
                )),
            ),
            // Units never differ here: every unit is `()`.
            Fault::Dimension { left, .. } => {
                (left.expr.span(), ErrorKind::Type("两边的单位不同".into()))
            }
            Fault::DivideByZero { at, divisor } => (
                at.span(),
                // Name what was zero as the formula writes it: its value is 0.
                ErrorKind::DivideByZero(match divisor.expr {
                    Expr::Number { .. } => None,
                    e => Some(crate::format::expr::written(crate::format::expr::RULE, e)),
                }),
            ),
            Fault::Overflow { at } => (at.span(), ErrorKind::Overflow(self.text(at))),
            Fault::NumberOutOfRange { value, span } => {
                (span, ErrorKind::Overflow(value.to_string()))
            }
            Fault::Arity {
                function,
                written,
                span,
            } => (
                span,
                match function {
                    Function::Abs => ErrorKind::UnknownFunction(written.to_string()),
                    Function::Min | Function::Max => {
                        ErrorKind::Type(format!("函数“{written}”缺少参数"))
                    }
                },
            ),
            Fault::UnknownFunction { written, span } => {
                (span, ErrorKind::UnknownFunction(written.to_string()))
            }
        };
        EvalError { span, kind }
    }
}

/// A part of a formula written with values substituted, and how tightly it
/// binds.
struct Written {
    text: String,
    prec: u8,
}

const ATOM: u8 = 9;

/// Evaluate `e`; on success also return the formula with values substituted.
pub fn eval(e: &Expr, env: &Env<'_>) -> Result<(Value, String), EvalError> {
    let mut env = *env;
    let v = eval::eval(e, &mut env)?;
    Ok((v.into(), substituted(e, &mut env)?.text))
}

/// The text [`eval`] returns, without computing the value again: for the
/// trace of a formula already computed with these values (a trace is
/// written when read, for every indicator of a report that shows it).
pub fn text(e: &Expr, env: &Env<'_>) -> Result<String, EvalError> {
    substituted(e, &mut { *env }).map(|w| w.text)
}

/// The value of `e` alone, the same as [`eval`]'s: the substituted text is
/// written only to say what went wrong (scoring, issue 7: the text is for
/// traces, which are written when read).
pub fn value(e: &Expr, env: &Env<'_>) -> Result<Value, EvalError> {
    eval::eval(e, &mut { *env }).map(Value::from)
}

/// `e` written with the values of its names, through the branches the
/// evaluator takes (it decides 若, 且 and 或 here as well).
fn substituted(e: &Expr, env: &mut Env<'_>) -> Result<Written, EvalError> {
    let text = match e {
        Expr::Number { value, .. } if value.unit.is_none() => num(value.value),
        Expr::Number { value, .. } => value.to_string(),
        Expr::Path { .. } => show(eval::eval(e, env)?.into()),
        Expr::Unary { op, operand, .. } => {
            let o = substituted(operand, env)?;
            let prefix = match op {
                UnOp::Neg => "−",
                UnOp::Not => "非 ",
            };
            return Ok(Written {
                text: format!("{prefix}{}", wrap(&o, ATOM)),
                prec: 6,
            });
        }
        Expr::Binary {
            op,
            left,
            right,
            span,
        } => {
            if let OpClass::Logic { stops_at } = op.class() {
                let within = ConditionFor::Logic {
                    op: *op,
                    span: *span,
                };
                if eval::condition(left, within, env)? == stops_at {
                    return substituted(left, env);
                }
            }
            let prec = op.precedence();
            let (l, r) = (substituted(left, env)?, substituted(right, env)?);
            return Ok(Written {
                text: format!("{} {} {}", wrap(&l, prec), op.symbol(), wrap(&r, prec + 1)),
                prec,
            });
        }
        Expr::If {
            condition,
            then,
            otherwise,
            ..
        } => {
            let taken = if eval::condition(condition, ConditionFor::If, env)? {
                then
            } else {
                otherwise
            };
            return substituted(taken, env);
        }
        Expr::Call { function, args, .. } => {
            let mut texts = Vec::with_capacity(args.len());
            for a in args {
                texts.push(substituted(a, env)?.text);
            }
            format!("{function}({})", texts.join(", "))
        }
    };
    Ok(Written { text, prec: ATOM })
}

/// A formula compiled once for the variables it will be given: names
/// resolved to slots, numbers to their values (scoring, issue 7: the tree
/// interpreter compared every name it read with every variable's). It
/// computes with the evaluator's own arithmetic ([`arithmetic`], [`holds`],
/// [`Function::replaces`]).
///
/// [`Code::value`] computes what [`value`] computes; where that fails, or
/// where compiling found a name or a number that cannot be read, it says
/// nothing and the caller asks [`value`] for the error and its text.
#[derive(Clone, Debug)]
pub struct Code {
    nodes: Vec<Node>,
}

#[derive(Clone, Debug)]
enum Node {
    Num(Decimal),
    Var(usize),
    /// Not computable (an unknown name, a number out of range, an unknown
    /// function or the wrong number of arguments): the tree interpreter
    /// says why.
    Fail,
    Neg(usize),
    Not(usize),
    And(usize, usize),
    Or(usize, usize),
    Binary(BinOp, usize, usize),
    If(usize, usize, usize),
    Call(Function, Vec<usize>),
}

impl Code {
    /// Compile `e` for variables named `names`, in that order.
    pub fn compile(e: &Expr, names: &[&str]) -> Code {
        let mut code = Code { nodes: Vec::new() };
        code.add(e, names);
        code
    }

    /// The index of the node for `e` (its operands come before it).
    fn add(&mut self, e: &Expr, names: &[&str]) -> usize {
        let node = match e {
            Expr::Number { value, .. } => value.base_value().map_or(Node::Fail, Node::Num),
            Expr::Path { path, .. } => {
                let joined;
                let name = match path.as_slice() {
                    [one] => one.as_str(),
                    _ => {
                        joined = path.join(".");
                        joined.as_str()
                    }
                };
                names
                    .iter()
                    .position(|n| *n == name)
                    .map_or(Node::Fail, Node::Var)
            }
            Expr::Unary { op, operand, .. } => {
                let o = self.add(operand, names);
                match op {
                    UnOp::Neg => Node::Neg(o),
                    UnOp::Not => Node::Not(o),
                }
            }
            Expr::Binary {
                op, left, right, ..
            } => {
                let (l, r) = (self.add(left, names), self.add(right, names));
                match op.class() {
                    OpClass::Logic { stops_at: false } => Node::And(l, r),
                    OpClass::Logic { stops_at: true } => Node::Or(l, r),
                    OpClass::Additive | OpClass::Multiplicative | OpClass::Comparison => {
                        Node::Binary(*op, l, r)
                    }
                }
            }
            Expr::If {
                condition,
                then,
                otherwise,
                ..
            } => {
                let c = self.add(condition, names);
                let t = self.add(then, names);
                Node::If(c, t, self.add(otherwise, names))
            }
            Expr::Call { resolved, args, .. } => {
                let args: Vec<usize> = args.iter().map(|a| self.add(a, names)).collect();
                match resolved.0 {
                    Some(f) if f.accepts(args.len()) => Node::Call(f, args),
                    Some(_) | None => Node::Fail,
                }
            }
        };
        self.nodes.push(node);
        self.nodes.len() - 1
    }

    /// The value with `vars` in the slots of the names compiled for, or
    /// `None` where [`value`] fails.
    pub fn value(&self, vars: &[Value]) -> Option<Value> {
        self.at(self.nodes.len().checked_sub(1)?, vars)
    }

    fn num(&self, i: usize, vars: &[Value]) -> Option<Decimal> {
        match self.at(i, vars)? {
            Value::Num(d) => Some(d),
            Value::Bool(_) => None,
        }
    }

    fn bool(&self, i: usize, vars: &[Value]) -> Option<bool> {
        match self.at(i, vars)? {
            Value::Bool(b) => Some(b),
            Value::Num(_) => None,
        }
    }

    fn at(&self, i: usize, vars: &[Value]) -> Option<Value> {
        Some(match self.nodes.get(i)? {
            Node::Num(d) => Value::Num(*d),
            Node::Var(k) => *vars.get(*k)?,
            Node::Fail => return None,
            Node::Neg(o) => Value::Num(-self.num(*o, vars)?),
            Node::Not(o) => Value::Bool(!self.bool(*o, vars)?),
            // Short-circuit as the evaluator does.
            Node::And(l, r) => Value::Bool(self.bool(*l, vars)? && self.bool(*r, vars)?),
            Node::Or(l, r) => Value::Bool(self.bool(*l, vars)? || self.bool(*r, vars)?),
            Node::Binary(op, l, r) => {
                let (a, b) = (self.num(*l, vars)?, self.num(*r, vars)?);
                match holds(*op, a, b) {
                    Some(h) => Value::Bool(h),
                    None => Value::Num(arithmetic(*op, a, b)?),
                }
            }
            Node::If(c, t, o) => {
                if self.bool(*c, vars)? {
                    self.at(*t, vars)?
                } else {
                    self.at(*o, vars)?
                }
            }
            Node::Call(f, args) => Value::Num(self.call(*f, args, vars)?),
        })
    }

    /// Every argument as a number (as the evaluator requires), the one
    /// kept as the evaluator keeps it.
    fn call(&self, f: Function, args: &[usize], vars: &[Value]) -> Option<Decimal> {
        let mut kept: Option<Decimal> = None;
        for a in args {
            let d = self.num(*a, vars)?;
            kept = match kept {
                Some(k) if !f.replaces(k, d) => Some(k),
                Some(_) | None => Some(d),
            };
        }
        kept.map(|k| f.apply_one(k))
    }
}

fn err<T>(span: Span, kind: ErrorKind) -> Result<T, EvalError> {
    Err(EvalError { span, kind })
}

fn show(v: Value) -> String {
    match v {
        // A value as written keeps its digits: `32.9999`, not `33` (issue 17).
        Value::Num(d) => crate::model::display::figure(d),
        Value::Bool(true) => "是".into(),
        Value::Bool(false) => "否".into(),
    }
}

fn wrap(o: &Written, min: u8) -> String {
    if o.prec < min {
        format!("({})", o.text)
    } else {
        o.text.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;
    use crate::syntax::parse_expr;

    fn run(src: &str, vars: &[(&str, Value)]) -> Result<(Value, String), EvalError> {
        let e = parse_expr(FileId(0), src, 0).unwrap().lowered();
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
        assert_eq!(e.kind, ErrorKind::DivideByZero(Some("指标值".into())));
        assert_eq!(e.kind.describe(), "除数为零（指标值 = 0）");
        let e = run("分值 ÷ 0", &vars).unwrap_err();
        assert_eq!(e.kind.describe(), "除数为零（公式直接除以 0）");
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
    fn compiled_code_computes_what_the_interpreter_computes() {
        let names = ["完成值", "指标值", "分值", "下限", "上限", "容差", "达成"];
        let mut formulas: Vec<String> = [
            "若 完成值 ≥ 指标值 则 分值 否则 分值 × 完成值 ÷ 指标值",
            "最大(分值 × (1 − (完成值 − 指标值) ÷ 指标值), 0)",
            "最小(完成值, 指标值, 完成值) + 最大(1.0, 1.00) − 绝对值(−容差)",
            "若 非 达成 或 指标值 > 0 且 完成值 ÷ 指标值 ≥ 1 则 分值 否则 0",
            "若 下限 ≤ 完成值 且 完成值 ≤ 上限 则 分值 否则 分值 × 120% − 3 万元",
            "分值 ÷ (完成值 − 指标值) + 未知",
            "绝对值(1, 2) + 平方(分值)",
            "最小(分值) + 1",
            "若 分值 则 1 否则 2",
            "−达成 + 完成值 = 指标值",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for text in [
            include_str!("../../rules/central-2020.jx"),
            include_str!("../../rules/hubei-2020.jx"),
        ] {
            let (rules, _) = crate::parse_rules("rules.jx", text);
            let f = rules.unwrap().formulas;
            let all = [f.positive, f.negative, f.equal, f.zero, f.range];
            formulas.extend(all.into_iter().flatten().map(|f| f.text));
        }
        let numbers = ["0", "-3", "95", "94.92", "100", "10", "1.5", "0.000001"];
        let mut seed = 7u64;
        for f in &formulas {
            let e = parse_expr(FileId(0), f, 0)
                .unwrap_or_else(|d| panic!("{f}: {d:?}"))
                .lowered();
            let code = Code::compile(&e, &names);
            for _ in 0..300 {
                let mut values = [Value::Bool(false); 7];
                for v in values.iter_mut().take(6) {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                    *v = Value::Num(d(numbers[(seed >> 33) as usize % numbers.len()]));
                }
                values[6] = Value::Bool(seed >> 40 & 1 == 1);
                let vars: Vec<(&str, Value)> = names.iter().copied().zip(values).collect();
                let want = value(&e, &Env { vars: &vars }).ok();
                assert_eq!(code.value(&values), want, "{f} with {values:?}");
                if let Ok((_, written)) = eval(&e, &Env { vars: &vars }) {
                    let alone = text(&e, &Env { vars: &vars });
                    assert_eq!(alone, Ok(written), "{f} with {values:?}");
                }
            }
        }
    }

    #[test]
    fn percent_literals_are_fractions() {
        let vars = [("完成值", Value::Num(d("1.3")))];
        let (v, _) = run("完成值 ≥ 120%", &vars).unwrap();
        assert_eq!(v, Value::Bool(true));
    }
}

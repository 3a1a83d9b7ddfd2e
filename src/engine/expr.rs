//! The expression evaluator for scoring rules: exact decimals, checked
//! arithmetic, and the formula written back with the values substituted
//! (only the branches taken), for the trace.

use crate::model::display::num;
use crate::model::{BinOp, Expr, Function, UnOp};
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

/// A formula compiled once for the variables it will be given: names
/// resolved to slots, numbers to their values (scoring, issue 7: the tree
/// interpreter compared every name it read with every variable's).
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
    /// function): the tree interpreter says why.
    Fail,
    Neg(usize),
    Not(usize),
    And(usize, usize),
    Or(usize, usize),
    Binary(BinOp, usize, usize),
    If(usize, usize, usize),
    Min(Vec<usize>),
    Max(Vec<usize>),
    Abs(usize),
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
                match op {
                    BinOp::And => Node::And(l, r),
                    BinOp::Or => Node::Or(l, r),
                    _ => Node::Binary(*op, l, r),
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
            Expr::Call { function, args, .. } => {
                let args: Vec<usize> = args.iter().map(|a| self.add(a, names)).collect();
                match (Function::from_written(function), args.as_slice()) {
                    (_, []) | (None, _) => Node::Fail,
                    (Some(Function::Min), _) => Node::Min(args),
                    (Some(Function::Max), _) => Node::Max(args),
                    (Some(Function::Abs), [one]) => Node::Abs(*one),
                    (Some(Function::Abs), _) => Node::Fail,
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
            // Short-circuit as the interpreter does.
            Node::And(l, r) => Value::Bool(self.bool(*l, vars)? && self.bool(*r, vars)?),
            Node::Or(l, r) => Value::Bool(self.bool(*l, vars)? || self.bool(*r, vars)?),
            Node::Binary(op, l, r) => apply(*op, self.num(*l, vars)?, self.num(*r, vars)?)?,
            Node::If(c, t, o) => {
                if self.bool(*c, vars)? {
                    self.at(*t, vars)?
                } else {
                    self.at(*o, vars)?
                }
            }
            // The first of equal minima and the last of equal maxima, as
            // `Iterator::min` and `max` pick them (1.0 and 1.00 are equal).
            Node::Min(args) => Value::Num(self.fold(args, vars, |acc, d| d < acc)?),
            Node::Max(args) => Value::Num(self.fold(args, vars, |acc, d| d >= acc)?),
            Node::Abs(o) => Value::Num(self.num(*o, vars)?.abs()),
        })
    }

    /// Every argument as a number (as the interpreter requires): the one
    /// that `replaces` the one kept so far.
    fn fold(
        &self,
        args: &[usize],
        vars: &[Value],
        replaces: fn(Decimal, Decimal) -> bool,
    ) -> Option<Decimal> {
        let mut acc: Option<Decimal> = None;
        for a in args {
            let d = self.num(*a, vars)?;
            acc = match acc {
                Some(x) if !replaces(x, d) => Some(x),
                _ => Some(d),
            };
        }
        acc
    }
}

/// `a op b` for an arithmetic or comparison operator (且 and 或 are
/// short-circuited before): `None` on overflow or a division by zero.
fn apply(op: BinOp, a: Decimal, b: Decimal) -> Option<Value> {
    Some(match op {
        BinOp::Add => Value::Num(a.checked_add(b)?),
        BinOp::Sub => Value::Num(a.checked_sub(b)?),
        BinOp::Mul => Value::Num(a.checked_mul(b)?),
        BinOp::Div if b.is_zero() => return None,
        BinOp::Div => Value::Num(a.checked_div(b)?),
        BinOp::Ge => Value::Bool(a >= b),
        BinOp::Gt => Value::Bool(a > b),
        BinOp::Le => Value::Bool(a <= b),
        BinOp::Lt => Value::Bool(a < b),
        BinOp::Eq => Value::Bool(a == b),
        BinOp::Ne => Value::Bool(a != b),
        BinOp::And | BinOp::Or => Value::Bool(false),
    })
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
            let value = match Function::from_written(function) {
                Some(Function::Min) => vals.iter().copied().min(),
                Some(Function::Max) => vals.iter().copied().max(),
                Some(Function::Abs) if vals.len() == 1 => vals.first().map(|d| d.abs()),
                Some(Function::Abs) | None => {
                    return err(*span, ErrorKind::UnknownFunction(function.clone()))
                }
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
    if op == BinOp::Div && b.is_zero() {
        // Name what was zero as the formula writes it: its value is 0.
        let divisor = match right {
            Expr::Number { .. } => None,
            e => Some(crate::format::expr::written(crate::format::expr::RULE, e)),
        };
        return err(span, ErrorKind::DivideByZero(divisor));
    }
    let value = apply(op, a, b).ok_or_else(overflow)?;
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
            let e = parse_expr(FileId(0), f, 0).unwrap_or_else(|d| panic!("{f}: {d:?}"));
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

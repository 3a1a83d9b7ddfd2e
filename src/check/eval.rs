//! Evaluating a `校验` expression with units, exactly.
//!
//! Names resolve to the declared target of an indicator of the same project
//! (compared by `name_key`) or to a funds fact such as `资金.总额`. Values
//! are kept in base units (元, plain fractions for %), so `10.04 万元` and
//! `100,400 元` are the same number; units multiply and divide through
//! [`Unit::mul`] (元/人 × 人 = 元). Adding or comparing values of different
//! dimensions is an error, as is anything that cannot be computed.

use crate::model::display::value_with_unit;
use crate::model::{name_key, BinOp, Expr, Function, Project, Target, UnOp, Unit};
use crate::source::Span;
use crate::vocab::ProjectField;
use rust_decimal::Decimal;
use std::cmp::Ordering;

/// A computed value.
#[derive(Clone, Debug)]
pub enum Val {
    /// A number in base units; only the unit's dimensions and text are used.
    Num(Decimal, Unit),
    Bool(bool),
}

impl Val {
    pub fn shown(&self) -> String {
        match self {
            Val::Num(v, u) => value_with_unit(*v, u),
            Val::Bool(true) => "成立".into(),
            Val::Bool(false) => "不成立".into(),
        }
    }
}

/// Why an expression could not be computed.
#[derive(Clone, Debug)]
pub enum Failure {
    /// A name that is neither an indicator nor a fact.
    Unknown {
        name: String,
        span: Span,
        suggestion: Option<String>,
        /// The name was called as a function.
        function: bool,
    },
    /// Values of different dimensions met.
    Dimension {
        message: String,
        left: (Span, String),
        right: (Span, String),
    },
    /// Anything else: division by zero, a qualitative indicator, a blank
    /// fact, a condition that is not a comparison …
    NotComputable { message: String, span: Span },
}

/// A name resolved while evaluating: where it was written in the check,
/// what it is, its value, and where that value was declared.
#[derive(Clone, Debug)]
pub struct Reference {
    pub name: String,
    pub value: Val,
    pub declared: Span,
}

pub struct Evaluator<'a> {
    project: &'a Project,
    pub references: Vec<Reference>,
}

/// A unit with the same dimensions but written in base units (元 for 万元).
fn base_unit(u: &Unit) -> Unit {
    u.mul(&Unit::none(), false)
}

impl<'a> Evaluator<'a> {
    pub fn new(project: &'a Project) -> Self {
        Evaluator {
            project,
            references: Vec::new(),
        }
    }

    pub fn eval(&mut self, e: &Expr) -> Result<Val, Failure> {
        match e {
            Expr::Number { value, span } => {
                let v = value.base_value().ok_or_else(|| overflow(*span))?;
                Ok(Val::Num(v, base_unit(&value.unit)))
            }
            Expr::Path { path, span } => self.path(path, *span),
            Expr::Unary { op, operand, span } => match (op, self.eval(operand)?) {
                (UnOp::Neg, Val::Num(v, u)) => Ok(Val::Num(-v, u)),
                (UnOp::Not, Val::Bool(b)) => Ok(Val::Bool(!b)),
                (UnOp::Neg, _) => Err(not_computable(*span, "“−”只能用在数值前面")),
                (UnOp::Not, _) => Err(not_computable(
                    *span,
                    "“非”只能用在条件前面，条件要加括号，如 非 (A ≥ B)",
                )),
            },
            Expr::Binary {
                op,
                left,
                right,
                span,
            } => self.binary(*op, left, right, *span),
            Expr::If {
                condition,
                then,
                otherwise,
                ..
            } => match self.eval(condition)? {
                Val::Bool(true) => self.eval(then),
                Val::Bool(false) => self.eval(otherwise),
                Val::Num(..) => Err(not_computable(
                    condition.span(),
                    "“若”后面应是条件（比较），不是数值",
                )),
            },
            Expr::Call {
                function,
                args,
                span,
            } => self.call(function, args, *span),
        }
    }

    fn path(&mut self, path: &[String], span: Span) -> Result<Val, Failure> {
        let joined = path.join(".");
        let p = self.project;
        let found = match path {
            [one] => p.indicator(one).map(|i| {
                let v = match &i.target {
                    Target::Qualitative { word } => Err(not_computable(
                        span,
                        format!("指标“{}”是定性目标（: {word}），没有可计算的数值", i.name),
                    )),
                    t => match t
                        .quantity()
                        .and_then(|q| q.base_value().map(|v| (v, &q.unit)))
                    {
                        Some((v, u)) => Ok(Val::Num(v, base_unit(u))),
                        None => Err(overflow(span)),
                    },
                };
                (v, i.target_span, i.name.clone())
            }),
            [head, field] if head == ProjectField::Funds.word() => fund_key(field).map(|key| {
                let amount = p
                    .funds
                    .fields()
                    .into_iter()
                    .find(|(k, _)| *k == key)
                    .and_then(|(_, a)| a);
                let v = match amount {
                    None => Err(not_computable(span, format!("资金.{key} 没有填写"))),
                    Some(a) => match a.quantity.base_value() {
                        Some(v) => Ok(Val::Num(v, base_unit(&a.quantity.unit))),
                        None => Err(overflow(span)),
                    },
                };
                (
                    v,
                    amount.map(|a| a.span).unwrap_or(p.funds.span),
                    format!("资金.{key}"),
                )
            }),
            _ => None,
        };
        match found {
            Some((value, declared, name)) => {
                let value = value?;
                self.references.push(Reference {
                    name,
                    value: value.clone(),
                    declared,
                });
                Ok(value)
            }
            None => Err(Failure::Unknown {
                name: joined.clone(),
                span,
                suggestion: self.suggest(&joined),
                function: false,
            }),
        }
    }

    fn suggest(&self, name: &str) -> Option<String> {
        let mut names: Vec<String> = self
            .project
            .indicators
            .iter()
            .map(|i| i.name.clone())
            .collect();
        names.extend(
            crate::vocab::FundKey::WORDS
                .iter()
                .map(|k| format!("{}.{k}", ProjectField::Funds)),
        );
        crate::suggest::nearest(&name_key(name), names.iter().map(String::as_str))
            .map(str::to_string)
    }

    fn binary(&mut self, op: BinOp, left: &Expr, right: &Expr, span: Span) -> Result<Val, Failure> {
        if matches!(op, BinOp::And | BinOp::Or) {
            let l = self.condition(left)?;
            let r = self.condition(right)?;
            return Ok(Val::Bool(if op == BinOp::And { l && r } else { l || r }));
        }
        let l = self.eval(left)?;
        let r = self.eval(right)?;
        let (Val::Num(a, ua), Val::Num(b, ub)) = (&l, &r) else {
            return Err(not_computable(
                span,
                format!("“{}”两边应是数值", op.symbol()),
            ));
        };
        let same = || {
            if ua.compatible(ub) {
                Ok(())
            } else {
                let verb = match op {
                    BinOp::Add => "相加",
                    BinOp::Sub => "相减",
                    _ => "比较",
                };
                Err(Failure::Dimension {
                    message: format!(
                        "不能把 {}（{}）与 {}（{}）{verb}",
                        l.shown(),
                        ua.dimension_name(),
                        r.shown(),
                        ub.dimension_name()
                    ),
                    left: (left.span(), l.shown()),
                    right: (right.span(), r.shown()),
                })
            }
        };
        let num =
            |v: Option<Decimal>, u: Unit| v.map(|v| Val::Num(v, u)).ok_or_else(|| overflow(span));
        match op {
            BinOp::Add => {
                same()?;
                num(a.checked_add(*b), ua.clone())
            }
            BinOp::Sub => {
                same()?;
                num(a.checked_sub(*b), ua.clone())
            }
            BinOp::Mul => num(a.checked_mul(*b), ua.mul(ub, false)),
            BinOp::Div => {
                if b.is_zero() {
                    // Name what was zero as the 校验 writes it.
                    let message = match right {
                        Expr::Number { .. } => format!("不能除以 0（除数写的是 {}）", r.shown()),
                        e => format!(
                            "除数“{}”为 {}",
                            crate::format::expr::written(crate::format::expr::CHECK, e),
                            r.shown()
                        ),
                    };
                    return Err(not_computable(right.span(), message));
                }
                num(a.checked_div(*b), ua.mul(ub, true))
            }
            BinOp::Ge | BinOp::Gt | BinOp::Le | BinOp::Lt | BinOp::Eq | BinOp::Ne => {
                same()?;
                let o = a.cmp(b);
                Ok(Val::Bool(match op {
                    BinOp::Ge => o != Ordering::Less,
                    BinOp::Gt => o == Ordering::Greater,
                    BinOp::Le => o != Ordering::Greater,
                    BinOp::Lt => o == Ordering::Less,
                    BinOp::Eq => o == Ordering::Equal,
                    _ => o != Ordering::Equal,
                }))
            }
            BinOp::And | BinOp::Or => Err(not_computable(span, "内部错误：条件运算")),
        }
    }

    fn condition(&mut self, e: &Expr) -> Result<bool, Failure> {
        match self.eval(e)? {
            Val::Bool(b) => Ok(b),
            Val::Num(..) => Err(not_computable(e.span(), "“且”“或”两边应是条件（比较）")),
        }
    }

    fn call(&mut self, function: &str, args: &[Expr], span: Span) -> Result<Val, Failure> {
        let mut values = Vec::new();
        for a in args {
            match self.eval(a)? {
                Val::Num(v, u) => values.push((v, u, a.span())),
                Val::Bool(_) => {
                    return Err(not_computable(
                        a.span(),
                        format!("{function} 的参数应是数值"),
                    ))
                }
            }
        }
        match Function::from_written(function) {
            Some(Function::Abs) => match values.as_slice() {
                [(v, u, _)] => Ok(Val::Num(v.abs(), u.clone())),
                _ => Err(not_computable(span, format!("{function} 只接受一个参数"))),
            },
            Some(f @ (Function::Min | Function::Max)) => {
                let want_max = f == Function::Max;
                let mut best: Option<(Decimal, Unit, Span)> = None;
                for (v, u, s) in values {
                    if let Some((bv, bu, bs)) = &best {
                        if !bu.compatible(&u) {
                            return Err(Failure::Dimension {
                                message: format!(
                                    "{function} 的参数单位不同：{} 与 {}",
                                    bu.dimension_name(),
                                    u.dimension_name()
                                ),
                                left: (*bs, value_with_unit(*bv, bu)),
                                right: (s, value_with_unit(v, &u)),
                            });
                        }
                        if (v > *bv) == want_max && v != *bv {
                            best = Some((v, u, s));
                        }
                    } else {
                        best = Some((v, u, s));
                    }
                }
                best.map(|(v, u, _)| Val::Num(v, u))
                    .ok_or_else(|| not_computable(span, format!("{function} 至少要一个参数")))
            }
            None => Err(Failure::Unknown {
                name: format!("{function}(…)"),
                span,
                suggestion: crate::suggest::nearest(function, Function::spellings())
                    .map(|f| format!("{f}(…)")),
                function: true,
            }),
        }
    }
}

fn fund_key(field: &str) -> Option<&'static str> {
    crate::vocab::FundKey::from_label(field).map(|k| k.word())
}

fn not_computable(span: Span, message: impl Into<String>) -> Failure {
    Failure::NotComputable {
        message: message.into(),
        span,
    }
}

fn overflow(span: Span) -> Failure {
    not_computable(span, "数值超出了可以精确计算的范围")
}

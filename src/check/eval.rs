//! Evaluating a `校验` expression with units, exactly.
//!
//! Names resolve to the declared target of an indicator of the same project
//! (compared by `name_key`) or to a funds fact such as `资金.总额`. Values
//! are kept in base units (元, plain fractions for %), so `10.04 万元` and
//! `100,400 元` are the same number; units multiply and divide through
//! [`Unit::mul`] (元/人 × 人 = 元). Adding or comparing values of different
//! dimensions is an error, as is anything that cannot be computed.

use crate::model::display::value_with_unit;
use crate::model::eval::{self, Between, ConditionFor, Fault, NumberFor, Scope};
use crate::model::{name_key, BinOp, Expr, Function, Project, Target, Unit};
use crate::source::Span;
use crate::vocab::ProjectField;

/// A computed value: a number in base units (only the unit's dimensions
/// and text are used), or a condition.
pub type Val = eval::Val<Unit>;

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
        eval::eval(e, self)
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
}

impl Scope for Evaluator<'_> {
    type Unit = Unit;
    type Error = Failure;

    fn path(&mut self, path: &[String], span: Span) -> Result<Val, Failure> {
        Evaluator::path(self, path, span)
    }

    fn unit(&self, written: &Unit) -> Unit {
        base_unit(written)
    }

    fn compatible(&self, a: &Unit, b: &Unit) -> bool {
        a.compatible(b)
    }

    fn product(&self, a: &Unit, b: &Unit, divide: bool) -> Unit {
        a.mul(b, divide)
    }

    fn fault(&mut self, fault: Fault<'_, Unit>) -> Failure {
        match fault {
            Fault::NotNumber { operand, within } => match within {
                NumberFor::Negation { span } => not_computable(span, "“−”只能用在数值前面"),
                NumberFor::Operator { op, span } => {
                    not_computable(span, format!("“{}”两边应是数值", op.symbol()))
                }
                NumberFor::Argument { function, .. } => {
                    not_computable(operand.span(), format!("{function} 的参数应是数值"))
                }
            },
            Fault::NotCondition { operand, within } => match within {
                ConditionFor::Not { span } => {
                    not_computable(span, "“非”只能用在条件前面，条件要加括号，如 非 (A ≥ B)")
                }
                ConditionFor::Logic { .. } => {
                    not_computable(operand.span(), "“且”“或”两边应是条件（比较）")
                }
                ConditionFor::If => {
                    not_computable(operand.span(), "“若”后面应是条件（比较），不是数值")
                }
            },
            Fault::Dimension {
                between,
                left,
                right,
            } => {
                let l = value_with_unit(left.value, &left.unit);
                let r = value_with_unit(right.value, &right.unit);
                let message = match between {
                    Between::Arguments(function) => format!(
                        "{function} 的参数单位不同：{} 与 {}",
                        left.unit.dimension_name(),
                        right.unit.dimension_name()
                    ),
                    Between::Operator(op) => {
                        let verb = if op == BinOp::Add {
                            "相加"
                        } else if op == BinOp::Sub {
                            "相减"
                        } else {
                            "比较"
                        };
                        format!(
                            "不能把 {l}（{}）与 {r}（{}）{verb}",
                            left.unit.dimension_name(),
                            right.unit.dimension_name()
                        )
                    }
                };
                Failure::Dimension {
                    message,
                    left: (left.expr.span(), l),
                    right: (right.expr.span(), r),
                }
            }
            Fault::DivideByZero { divisor, .. } => {
                // Name what was zero as the 校验 writes it.
                let shown = value_with_unit(divisor.value, &divisor.unit);
                let message = match divisor.expr {
                    Expr::Number { .. } => format!("不能除以 0（除数写的是 {shown}）"),
                    e => format!(
                        "除数“{}”为 {shown}",
                        crate::format::expr::written(crate::format::expr::CHECK, e)
                    ),
                };
                not_computable(divisor.expr.span(), message)
            }
            Fault::Overflow { at } => overflow(at.span()),
            Fault::NumberOutOfRange { span, .. } => overflow(span),
            Fault::Arity {
                function,
                written,
                span,
            } => match function {
                Function::Abs => not_computable(span, format!("{written} 只接受一个参数")),
                Function::Min | Function::Max => {
                    not_computable(span, format!("{written} 至少要一个参数"))
                }
            },
            Fault::UnknownFunction { written, span } => Failure::Unknown {
                name: format!("{written}(…)"),
                span,
                suggestion: crate::suggest::nearest(written, Function::spellings())
                    .map(|f| format!("{f}(…)")),
                function: true,
            },
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

//! Expressions, shared by 校验 checks and scoring rules.

use super::quantity::Quantity;
use crate::source::Span;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BinOp {
    #[serde(rename = "+")]
    Add,
    #[serde(rename = "-")]
    Sub,
    #[serde(rename = "×")]
    Mul,
    #[serde(rename = "÷")]
    Div,
    #[serde(rename = "≥")]
    Ge,
    #[serde(rename = ">")]
    Gt,
    #[serde(rename = "≤")]
    Le,
    #[serde(rename = "<")]
    Lt,
    #[serde(rename = "=")]
    Eq,
    #[serde(rename = "≠")]
    Ne,
    #[serde(rename = "且")]
    And,
    #[serde(rename = "或")]
    Or,
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "−",
            BinOp::Mul => "×",
            BinOp::Div => "÷",
            BinOp::Ge => "≥",
            BinOp::Gt => ">",
            BinOp::Le => "≤",
            BinOp::Lt => "<",
            BinOp::Eq => "=",
            BinOp::Ne => "≠",
            BinOp::And => "且",
            BinOp::Or => "或",
        }
    }
    /// What the operator does with its sides.
    pub fn class(self) -> OpClass {
        match self {
            BinOp::Add | BinOp::Sub => OpClass::Additive,
            BinOp::Mul | BinOp::Div => OpClass::Multiplicative,
            BinOp::Ge | BinOp::Gt | BinOp::Le | BinOp::Lt | BinOp::Eq | BinOp::Ne => {
                OpClass::Comparison
            }
            BinOp::And => OpClass::Logic { stops_at: false },
            BinOp::Or => OpClass::Logic { stops_at: true },
        }
    }
    /// Binding strength: higher binds tighter.
    pub fn precedence(self) -> u8 {
        match self {
            BinOp::Or => 1,
            BinOp::And => 2,
            BinOp::Ge | BinOp::Gt | BinOp::Le | BinOp::Lt | BinOp::Eq | BinOp::Ne => 3,
            BinOp::Add | BinOp::Sub => 4,
            BinOp::Mul | BinOp::Div => 5,
        }
    }
}

/// What an operator does with its sides (and their units).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpClass {
    /// `+ −`: numbers whose units agree; the result keeps the unit.
    Additive,
    /// `× ÷`: numbers; the units multiply or divide.
    Multiplicative,
    /// `≥ > ≤ < = ≠`: numbers whose units agree; the result is a condition.
    Comparison,
    /// `且 或`: conditions; the right side is not computed when the left
    /// one is `stops_at` (false for 且, true for 或).
    Logic { stops_at: bool },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum UnOp {
    #[serde(rename = "-")]
    Neg,
    #[serde(rename = "非")]
    Not,
}

/// An expression node. Spans are ignored by equality.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Expr {
    Number {
        value: Quantity,
        #[serde(skip)]
        span: Span,
    },
    /// A named value: an indicator, a fact such as `资金.总额`, or in rules
    /// one of 完成值, 指标值, 分值 ….
    Path {
        path: Vec<String>,
        #[serde(skip)]
        span: Span,
    },
    Unary {
        op: UnOp,
        operand: Box<Expr>,
        #[serde(skip)]
        span: Span,
    },
    Binary {
        op: BinOp,
        left: Box<Expr>,
        right: Box<Expr>,
        #[serde(skip)]
        span: Span,
    },
    If {
        condition: Box<Expr>,
        then: Box<Expr>,
        otherwise: Box<Expr>,
        #[serde(skip)]
        span: Span,
    },
    Call {
        /// The name as written (`最小`, `min` …), for messages and fmt.
        function: String,
        /// The function it names, resolved by lowering
        /// ([`Expr::resolve_functions`]); `None` before, or where it names
        /// none (which lowering or evaluation reports).
        #[serde(skip)]
        resolved: Resolved,
        args: Vec<Expr>,
        #[serde(skip)]
        span: Span,
    },
}

impl Expr {
    pub fn span(&self) -> Span {
        match self {
            Expr::Number { span, .. }
            | Expr::Path { span, .. }
            | Expr::Unary { span, .. }
            | Expr::Binary { span, .. }
            | Expr::If { span, .. }
            | Expr::Call { span, .. } => *span,
        }
    }

    /// Resolve every call to its [`Function`], once, at lowering: the
    /// evaluator never compares names.
    pub fn resolve_functions(&mut self) {
        match self {
            Expr::Number { .. } | Expr::Path { .. } => {}
            Expr::Unary { operand, .. } => operand.resolve_functions(),
            Expr::Binary { left, right, .. } => {
                left.resolve_functions();
                right.resolve_functions();
            }
            Expr::If {
                condition,
                then,
                otherwise,
                ..
            } => {
                condition.resolve_functions();
                then.resolve_functions();
                otherwise.resolve_functions();
            }
            Expr::Call {
                function,
                resolved,
                args,
                ..
            } => {
                *resolved = Resolved(Function::from_written(function));
                args.iter_mut().for_each(Expr::resolve_functions);
            }
        }
    }

    /// A copy with its calls resolved (see [`Expr::resolve_functions`]).
    pub fn lowered(&self) -> Expr {
        let mut e = self.clone();
        e.resolve_functions();
        e
    }
}

/// The function a call names, as lowering resolved it. It follows from the
/// name as written, so equality ignores it (a tree compares equal before
/// and after lowering, as the formatter needs).
#[derive(Clone, Copy, Debug, Default, Eq)]
pub struct Resolved(pub Option<Function>);

impl PartialEq for Resolved {
    fn eq(&self, _: &Resolved) -> bool {
        true
    }
}

pub use crate::vocab::Function;

/// How a function is evaluated (its words are in the vocabulary).
impl Function {
    /// Whether it takes `n` arguments when evaluated (lowering also bounds
    /// 最小 and 最大 by [`Function::arity`]).
    pub fn accepts(self, n: usize) -> bool {
        match self {
            Function::Min | Function::Max => n >= 1,
            Function::Abs => n == 1,
        }
    }

    /// Whether the argument `next` takes the place of the one `kept` so far:
    /// the first of equal minima and the last of equal maxima, as
    /// `Iterator::min` and `max` pick them (1.0 and 1.00 are equal).
    pub fn replaces(self, kept: Decimal, next: Decimal) -> bool {
        match self {
            Function::Min => next < kept,
            Function::Max => next >= kept,
            Function::Abs => false,
        }
    }

    /// The result from the argument kept (the only one for 绝对值).
    pub fn apply_one(self, kept: Decimal) -> Decimal {
        match self {
            Function::Min | Function::Max => kept,
            Function::Abs => kept.abs(),
        }
    }
}

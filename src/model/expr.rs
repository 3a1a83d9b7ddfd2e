//! Expressions, shared by 校验 checks and scoring rules.

use super::quantity::Quantity;
use crate::source::Span;
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
        function: String,
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
}

pub use crate::vocab::Function;

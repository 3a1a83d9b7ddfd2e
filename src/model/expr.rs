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

/// A function an expression may call (`校验` and rule formulas alike). The one
/// table of its spellings: Chinese first, the Latin names as aliases.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Function {
    Min,
    Max,
    Abs,
}

impl Function {
    /// Every function with its spellings, the canonical (Chinese) one first.
    pub const ALL: [(Function, &'static [&'static str]); 3] = [
        (Function::Min, &["最小", "min"]),
        (Function::Max, &["最大", "max"]),
        (Function::Abs, &["绝对值", "abs"]),
    ];

    /// The function written as `name`, in any of its spellings.
    pub fn from_written(name: &str) -> Option<Function> {
        Self::ALL
            .iter()
            .find(|(_, names)| names.contains(&name))
            .map(|(f, _)| *f)
    }

    /// The canonical name.
    pub fn name(self) -> &'static str {
        match self {
            Function::Min => "最小",
            Function::Max => "最大",
            Function::Abs => "绝对值",
        }
    }

    /// How many arguments it takes: (at least, at most).
    pub fn arity(self) -> (usize, usize) {
        match self {
            Function::Min | Function::Max => (1, 16),
            Function::Abs => (1, 1),
        }
    }

    /// Every spelling, for did-you-mean suggestions.
    pub fn spellings() -> impl Iterator<Item = &'static str> {
        Self::ALL
            .iter()
            .flat_map(|(_, names)| names.iter().copied())
    }
}

//! Syntax trees of the year-end blocks: `自评` (actuals) and `规则` (rule sets).

use super::ast::{NumberLit, QuantityLit, StringLit};
use crate::model::{Comparator, Expr};
use crate::source::{Node, Span};
use crate::vocab::{BudgetColumn, BudgetRowKey};

/// `自评 "部门" 2025 { 项目 "…" { … } … }`
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actuals {
    pub department: Node<String>,
    pub year: Node<NumberLit>,
    pub projects: Vec<ActualsProject>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActualsProject {
    pub name: Node<String>,
    /// `None` when the block could not be parsed (a diagnostic says why), or
    /// when it is not parsed yet (`deferred`).
    pub body: Option<Vec<ActualStmt>>,
    /// Where the raw block lies while its body is not parsed (a skeleton
    /// tree, [`crate::syntax::parse_actuals_body`]); `None` in a whole tree.
    pub deferred: Option<Span>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ActualStmt {
    /// `预算 90,682.50 元` (全年预算数)
    Budget(Node<QuantityLit>),
    /// `执行 88,400.00 元` (全年执行数)
    Spent(Node<QuantityLit>),
    /// `预算 { 年度资金总额 年初 … 全年 … 执行 …; 财政资金 … }`: the budget
    /// section of the form, row by row. The span runs from `预算` to `}`.
    BudgetRows(Node<Vec<BudgetRowLit>>),
    Line(ActualLine),
    /// `小计 产出指标 分值 50 得分 45`: a group's subtotal as the form prints it.
    Subtotal(SubtotalLine),
    /// `合计 分值 100 得分 92.5 等级 优`: the total as the form prints it.
    Total(TotalLine),
    /// A statement that does not parse (its syntax error is reported):
    /// the name it starts with, if it starts with one, so that the
    /// indicator it was for is reported unreadable rather than missing.
    Unreadable {
        name: Option<Node<String>>,
        span: Span,
    },
}

/// `小计 <一级指标> [分值 N] [得分 N]`
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubtotalLine {
    pub group: Node<String>,
    pub printed: Vec<Node<PrintedLit>>,
    pub span: Span,
}

/// `合计 [分值 N] [得分 N] [等级 词]`
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TotalLine {
    pub printed: Vec<Node<PrintedLit>>,
    pub span: Span,
}

/// A value a form printed (`分值 10`, `得分 9.5`, `等级 优`); the node's
/// span covers the keyword and the value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PrintedLit {
    Points(Node<NumberLit>),
    Score(Node<NumberLit>),
    Grade(Node<StringLit>),
}

/// A row of the budget section: `财政资金 年初 238.93 万元 全年 251.89 万元 …`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BudgetRowLit {
    pub key: Node<BudgetRowKey>,
    pub cells: Vec<BudgetCellLit>,
    /// From the row's name to its last cell.
    pub span: Span,
}

/// A cell of a budget row: a column word and its value as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BudgetCellLit {
    pub column: Node<BudgetColumn>,
    pub value: Node<QuantityLit>,
}

/// `名称 <完成值> [原因 "…"] [措施 "…"] [来源 "…"] [得分 8.5 理由 "…"] [分值 10] [得分 9.5]`
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActualLine {
    pub name: Node<String>,
    /// `None`: no actual, only printed values (`名称 分值 10 得分 9`).
    pub value: Option<Node<ActualValueLit>>,
    pub attrs: Vec<Node<ActualAttr>>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ActualValueLit {
    Quantity(QuantityLit),
    /// `= 37 / 37`: an expression over raw counts, and its text.
    Expr {
        expr: Expr,
        text: String,
    },
    /// `≥266米`: a comparator copied from the target, then the quantity
    /// (read as the quantity, with a warning).
    Compared {
        comparator: Node<Comparator>,
        quantity: QuantityLit,
    },
    /// `: 部分达成 [7 | 70%]`, `: "达成预期指标"`, or a word without the
    /// colon (`完成`): any word, whose meaning the rule set's 定性用语 gives.
    Grade {
        grade: Node<String>,
        score: Option<Node<QuantityLit>>,
        /// Written after `:`/`：` (fmt always writes the colon).
        colon: bool,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ActualAttr {
    Reason(StringLit),
    Measure(StringLit),
    Source(StringLit),
    Override {
        score: Node<NumberLit>,
        reason: Node<StringLit>,
    },
    /// A bare string after the value: read as the 偏差原因.
    Note(StringLit),
    /// `分值 10` or `得分 9.5` (without 理由): what the form printed.
    Printed(PrintedLit),
}

/// `规则 "名" { … }`
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleSet {
    pub name: Node<String>,
    pub stmts: Vec<Node<RuleStmt>>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuleStmt {
    Title(StringLit),
    Source(StringLit),
    Year(Node<NumberLit>),
    Unverified(StringLit),
    Points(Vec<(Node<String>, Node<NumberLit>)>),
    Split(String),
    Formula {
        key: Node<String>,
        expr: Expr,
        text: String,
    },
    /// `定性用语 { 达成 "达成预期指标" 完成; … }`
    Verdicts(Vec<VerdictLineLit>),
    Qualitative(Vec<QualBandLit>),
    Grades(Vec<GradeBandLit>),
    Rounding {
        places: Node<NumberLit>,
        mode: String,
    },
    Explain(Vec<String>),
    Over(Node<NumberLit>),
    Missing(String),
    Negative(String),
    Clamp(String),
    /// `缺组 不得分 | 按比例折算`
    EmptyGroups(String),
    /// `无比较符 推断 | 报错`
    Implied(String),
    /// `表内分值 采用 | 折算 | 不用`
    FormPoints(String),
    /// `执行率分母 全年预算数 | 年初预算数`
    ExecutionBase(String),
    Merge {
        group: Node<String>,
        into: Node<String>,
    },
}

/// `达成 "达成预期指标" "是" 完成`: a grade and the words read as it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerdictLineLit {
    pub grade: Node<String>,
    pub words: Vec<Node<String>>,
    pub span: Span,
}

/// `部分达成 60% ~ 80% 默认 70%` (numbers are percentages).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QualBandLit {
    pub grade: Node<String>,
    pub low: Node<NumberLit>,
    pub high: Node<NumberLit>,
    pub default: Node<NumberLit>,
    pub span: Span,
}

/// `优 ≥ 90`, or a last `差` without a bound.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GradeBandLit {
    pub name: Node<String>,
    pub bound: Option<(Comparator, Node<NumberLit>)>,
    pub span: Span,
}

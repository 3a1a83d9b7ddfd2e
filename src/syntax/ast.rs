//! The syntax tree: what was written, with spans. Equality ignores spans.
//!
//! Values are decoded (escapes resolved, multi-line strings dedented, numbers
//! read exactly) but not yet interpreted: units stay text, fields stay in the
//! order written, unknown fields are kept so lowering can name them.

use crate::model::Expr;
use crate::source::{Node, Span};
use rust_decimal::Decimal;
use std::str::FromStr;

/// One parsed file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SyntaxFile {
    pub items: Vec<Item>,
    /// Every comment, in file order (the formatter puts them back).
    pub comments: Vec<Node<String>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    Department(Department),
    Project(Project),
    Include(Node<String>),
    /// `自评 …`: year-end actuals (see [`super::eval_ast`]).
    Actuals(super::eval_ast::Actuals),
    /// `规则 …`: a scoring rule set.
    RuleSet(super::eval_ast::RuleSet),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Department {
    pub name: Node<String>,
    pub stmts: Vec<DeptStmt>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeptStmt {
    Year(Node<NumberLit>),
    Claim(Claim),
    Project(Project),
    Include(Node<String>),
}

/// `申报 9 个项目，资金 436.30 万元`
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim {
    pub count: Node<NumberLit>,
    pub funds: Node<QuantityLit>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Project {
    pub name: Node<String>,
    /// `None` when the block could not be parsed (a diagnostic says why), or
    /// when it is not parsed yet (`deferred`).
    pub body: Option<Vec<ProjectStmt>>,
    /// Where the raw block `{ … }` lies while its body is not parsed: a
    /// skeleton tree ([`crate::syntax::parse_skeleton`]) leaves the body to
    /// whoever needs it ([`crate::syntax::parse_body`]). `None` in a full tree.
    pub deferred: Option<Span>,
    pub span: Span,
}

/// The simple text fields of a project.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FieldKey {
    Nature,
    Category,
    Competent,
    Implementer,
    OverallGoal,
    AnnualGoal,
}

impl FieldKey {
    pub fn keyword(self) -> &'static str {
        match self {
            FieldKey::Nature => "性质",
            FieldKey::Category => "类别",
            FieldKey::Competent => "主管部门",
            FieldKey::Implementer => "实施单位",
            FieldKey::OverallGoal => "总目标",
            FieldKey::AnnualGoal => "年度目标",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProjectStmt {
    Field {
        key: FieldKey,
        value: Node<StringLit>,
        span: Span,
    },
    Period {
        start: Node<String>,
        end: Node<String>,
        span: Span,
    },
    Funds {
        lines: Vec<FundLine>,
        span: Span,
    },
    Narrative {
        lines: Vec<NarrativeLine>,
        span: Span,
    },
    Indicators {
        groups: Vec<Group>,
        span: Span,
    },
    Check {
        expr: Expr,
        text: String,
        span: Span,
    },
    /// `允许 JX-G006 "原因"`: keep one finding on purpose, with a reason.
    Allow {
        code: Node<String>,
        reason: Option<Node<StringLit>>,
        span: Span,
    },
    /// A line whose first word is not a project field.
    Unknown {
        key: Node<String>,
        span: Span,
    },
}

impl ProjectStmt {
    pub fn span(&self) -> Span {
        match self {
            ProjectStmt::Field { span, .. }
            | ProjectStmt::Period { span, .. }
            | ProjectStmt::Funds { span, .. }
            | ProjectStmt::Narrative { span, .. }
            | ProjectStmt::Indicators { span, .. }
            | ProjectStmt::Check { span, .. }
            | ProjectStmt::Allow { span, .. }
            | ProjectStmt::Unknown { span, .. } => *span,
        }
    }
}

/// A line of the 资金 block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FundLine {
    /// The canonical keyword (总额, 年度申请 …) whatever alias was written.
    pub key: Node<&'static str>,
    pub value: Node<QuantityLit>,
    pub span: Span,
}

/// A line of the 说明 block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NarrativeLine {
    pub key: Node<String>,
    pub value: Node<StringLit>,
    pub span: Span,
}

/// A first- or second-level indicator group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    pub name: Node<String>,
    pub children: GroupChildren,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GroupChildren {
    Groups(Vec<Group>),
    Indicators(Vec<Indicator>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Indicator {
    pub name: Node<String>,
    pub target: Node<TargetLit>,
    pub attrs: Vec<Node<Attr>>,
    /// Attributes were written in a `{ … }` block rather than on the line.
    pub attr_block: bool,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TargetLit {
    Compare {
        comparator: Node<crate::model::Comparator>,
        value: Node<QuantityLit>,
    },
    Range {
        low: Node<QuantityLit>,
        high: Node<QuantityLit>,
    },
    Qualitative {
        word: Node<String>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Attr {
    Points(Node<NumberLit>),
    Tolerance(Node<QuantityLit>),
    Direction(crate::model::Direction),
    Caliber(Node<StringLit>),
}

/// A string as decoded, and how it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StringLit {
    pub value: String,
    /// Written as `"""…"""` (or a bare word, which is `false`).
    pub triple: bool,
}

/// A number as written: the digits and the magnitude word (万, 亿).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NumberLit {
    /// The digits without separators, with sign; `None` if not representable.
    pub mantissa: Option<Decimal>,
    pub magnitude: Option<Magnitude>,
    /// As written, for messages.
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Magnitude {
    Wan,
    Yi,
}

impl NumberLit {
    /// Read a `number` as written (sign, digits with thousands commas,
    /// fraction, magnitude word). The text is what the grammar matched.
    pub fn from_text(text: &str) -> NumberLit {
        let mut digits = String::with_capacity(text.len());
        let mut magnitude = None;
        for c in text.chars() {
            match c {
                '0'..='9' | '.' => digits.push(c),
                '-' | '−' | '－' => digits.push('-'),
                '万' => magnitude = Some(Magnitude::Wan),
                '亿' => magnitude = Some(Magnitude::Yi),
                _ => {}
            }
        }
        NumberLit {
            mantissa: Decimal::from_str(&digits).ok(),
            magnitude,
            text: text.to_string(),
        }
    }

    /// The value, magnitude applied; `None` if not representable.
    pub fn value(&self) -> Option<Decimal> {
        let m = self.mantissa?;
        match self.magnitude {
            None => Some(m),
            Some(Magnitude::Wan) => m.checked_mul(Decimal::new(10_000, 0)),
            Some(Magnitude::Yi) => m.checked_mul(Decimal::new(100_000_000, 0)),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuantityLit {
    pub number: NumberLit,
    pub unit: Option<Node<String>>,
}

/// The diagnostic for a number that rust_decimal cannot hold. Long numbers
/// are shortened in the message (the label shows where it is).
pub fn out_of_range(n: &NumberLit, span: Span) -> crate::diagnostic::Diagnostic {
    let digits = n.text.chars().filter(char::is_ascii_digit).count();
    let shown = if n.text.chars().count() > 24 {
        let head: String = n.text.chars().take(12).collect();
        format!("{head}…（共 {digits} 位数字）")
    } else {
        n.text.clone()
    };
    crate::diagnostic::Diagnostic::new(
        &crate::diagnostic::codes::BAD_NUMBER,
        format!("数字“{shown}”太大，超出了可以精确计算的范围"),
    )
    .label(span, "这个数")
    .help("jixiao 用精确小数计算，数值最多 28 位有效数字（金额可到千亿亿元）；请检查是否多写或误粘贴了数字")
}

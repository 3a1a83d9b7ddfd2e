//! The syntax tree: what was written, with spans. Equality ignores spans.
//!
//! Values are decoded (escapes resolved, multi-line strings dedented, numbers
//! read exactly) but not yet interpreted: units stay text, fields stay in the
//! order written, unknown fields are kept so lowering can name them.

use crate::model::Expr;
use crate::source::{Node, Span};
use crate::vocab::{FieldValue, FundKey, NarrativeKey, ProjectField};
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

/// A text field of a project (性质, 总目标, 项目负责人 …): a project field
/// whose value is a word or quoted text ([`FieldValue::Word`],
/// [`FieldValue::Text`]). One type for all of them, so that a new text field
/// is a line of the vocabulary and a field of the model, nothing here.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FieldKey(ProjectField);

impl FieldKey {
    /// The key of `field`, if its value is text.
    pub fn of(field: ProjectField) -> Option<FieldKey> {
        match field.value() {
            FieldValue::Word | FieldValue::Text => Some(FieldKey(field)),
            FieldValue::Dates | FieldValue::Block(_) | FieldValue::Expr | FieldValue::Allow => None,
        }
    }
    /// The project field it is.
    pub fn field(self) -> ProjectField {
        self.0
    }
    pub fn keyword(self) -> &'static str {
        self.0.word()
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
    /// The line, whatever spelling was written (总额 or 项目资金总额 …).
    pub key: Node<FundKey>,
    pub value: Node<QuantityLit>,
    pub span: Span,
}

/// A line of the 说明 block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NarrativeLine {
    pub key: Node<NarrativeKey>,
    pub value: Node<StringLit>,
    pub span: Span,
}

/// A first- or second-level indicator group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    pub name: Node<String>,
    /// `分值 70` after the name: the points the form prints for the group
    /// (the span covers the keyword and the number).
    pub points: Option<Node<NumberLit>>,
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
    /// `≥ 95%`, `不低于 90%`, or with the word after the value, `95%以上`
    /// (`postfix_comparison`): the comparator's span is where it was
    /// written, before or after the value.
    Compare {
        comparator: Node<crate::model::Comparator>,
        value: Node<QuantityLit>,
    },
    /// `合格率 100%`: no comparator written (`bare_target`); the rule set's
    /// `无比较符` says how it is read.
    Bare {
        value: Node<QuantityLit>,
    },
    /// `90%~95%`, `3%至5%`, `3%-5%`.
    Range {
        low: Node<QuantityLit>,
        high: Node<QuantityLit>,
    },
    /// `±3%`, `±3%以内` (`plus_minus`): from minus the value to the value.
    PlusMinus {
        value: Node<QuantityLit>,
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
    /// `中期 ≥ 90%`: the 中期指标值 of a multi-year project.
    Midterm(Node<TargetLit>),
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
            mantissa: exact(&digits),
            magnitude,
            text: text.to_string(),
        }
    }

    /// The value, magnitude applied; `None` if not representable exactly.
    pub fn value(&self) -> Option<Decimal> {
        let m = self.mantissa?;
        let places = match self.magnitude {
            None => return Some(m),
            Some(Magnitude::Wan) => 4,
            Some(Magnitude::Yi) => 8,
        };
        // Shifted in the digits, not multiplied: a product too long for
        // rust_decimal is rounded by it, and a number is never rounded.
        exact(&shift_point(&m.to_string(), places))
    }
}

/// `digits` (sign, digits, one point) as a decimal, or `None` when
/// rust_decimal cannot hold it exactly: too large, or more significant
/// digits or decimal places than it keeps (`Decimal::from_str` rounds
/// those silently).
fn exact(digits: &str) -> Option<Decimal> {
    let d = Decimal::from_str(digits).ok()?;
    (canonical(digits) == d.abs().normalize().to_string()).then_some(d)
}

/// The magnitude of `digits` written plainly: no sign, no leading or
/// trailing zeros, no point without decimals (`-007.50` → `7.5`).
fn canonical(digits: &str) -> String {
    let unsigned = digits.trim_start_matches('-');
    let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        int.to_string()
    } else {
        format!("{int}.{frac}")
    }
}

/// `digits` times 10^`places`, by moving the point, keeping as many
/// decimals as were written (`1.50`, 4 → `15000.00`), as a product would.
fn shift_point(digits: &str, places: usize) -> String {
    let (sign, unsigned) = match digits.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", digits),
    };
    let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let keep = frac.len();
    let mut frac = frac.to_string();
    while frac.len() < places + keep {
        frac.push('0');
    }
    let (moved, rest) = frac.split_at(places);
    if rest.is_empty() {
        format!("{sign}{int}{moved}")
    } else {
        format!("{sign}{int}{moved}.{rest}")
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
    let decimals = n
        .text
        .split_once('.')
        .map_or(0, |(_, f)| f.chars().filter(char::is_ascii_digit).count());
    let message = if decimals > 0 {
        format!(
            "数字“{shown}”的位数太多（{digits} 位数字，其中 {decimals} 位小数），无法精确表示；jixiao 不会把它四舍五入"
        )
    } else {
        format!("数字“{shown}”太大，超出了可以精确计算的范围")
    };
    crate::diagnostic::Diagnostic::new(&crate::diagnostic::codes::BAD_NUMBER, message)
        .label(span, "这个数")
        .help("jixiao 用精确小数计算，数值最多 28 位有效数字、28 位小数（金额可到千亿亿元）；请检查是否多写或误粘贴了数字")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What rust_decimal would round is refused; exact values are kept,
    /// magnitude words included.
    #[test]
    fn numbers_are_exact_or_refused() {
        let v = |t: &str| NumberLit::from_text(t).value().map(|d| d.to_string());
        assert_eq!(v("436.30万"), Some("4363000.00".into()));
        assert_eq!(v("-0.5亿"), Some("-50000000.0".into()));
        assert_eq!(v("2亿"), Some("200000000".into()));
        assert_eq!(v("007.50"), Some("7.50".into()));
        assert_eq!(
            v("0.0000000000000000000000000001"),
            Some("0.0000000000000000000000000001".into())
        );
        assert_eq!(v("0.00000000000000000000000000001"), None);
        // Trailing zeros past the 28th place change nothing: kept.
        assert!(v("0.10000000000000000000000000000").is_some());
        assert_eq!(v("9999999999999999999999999999.5"), None);
        assert_eq!(v("7922816251426433759354395033亿"), None);
        assert_eq!(
            NumberLit::from_text("123456789012345678901234.5678万").value(),
            Decimal::from_str("1234567890123456789012345678").ok()
        );
    }
}

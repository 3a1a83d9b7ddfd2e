//! Year-end self-evaluation (绩效自评): the actuals a department reports, and
//! the evaluation the engine computes from them under a rule set.

use super::{Amount, Expr, Quantity};
use crate::diagnostic::Diagnostic;
use crate::source::Span;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The short texts of an evaluation (names, targets, actuals, units): up to
/// 24 bytes inline (eight Chinese characters), longer on the heap. Most are
/// short, and an indicator's line held seven of them as `String`s: seven
/// allocations per indicator (performance, issue 7). Reads as `&str`;
/// serialized as a string.
pub use compact_str::CompactString as ShortText;

// ───────────────────────── actuals (input) ─────────────────────────

/// A `自评` block: one department's actuals for one year.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actuals {
    pub department: String,
    pub year: Option<i32>,
    pub projects: Vec<ProjectActuals>,
    /// Projects whose block could not be parsed (a syntax error says why):
    /// they are not scored, and not reported as missing either.
    pub unreadable: Vec<String>,
    #[serde(skip)]
    pub span: Span,
    #[serde(skip)]
    pub department_span: Span,
}

impl Actuals {
    pub fn project(&self, name: &str) -> Option<&ProjectActuals> {
        self.projects
            .iter()
            .find(|p| super::same_name(&p.name, name))
    }
}

/// One project's actuals.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectActuals {
    pub name: String,
    /// 全年预算数 (the adjusted budget).
    pub budget: Option<Amount>,
    /// 全年执行数.
    pub spent: Option<Amount>,
    /// The rows of the budget section (`预算 { … }`), as written: the total
    /// row (whose 全年 and 执行 are also `budget` and `spent`) and the rows
    /// “of which”. Empty when the actuals have only `预算`/`执行` lines.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<BudgetRow>,
    pub values: Vec<Actual>,
    /// What the form printed on indicator lines (`分值 10`, `得分 9.5`), and
    /// the lines that print only that (issue 17).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub printed: Vec<PrintedLine>,
    /// `小计 产出指标 分值 50 得分 45`: the form's group subtotals.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subtotals: Vec<PrintedSum>,
    /// `合计 分值 100 得分 92.5 等级 优`: the form's total.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<PrintedSum>,
    #[serde(skip)]
    pub span: Span,
    #[serde(skip)]
    pub name_span: Span,
}

/// What a form printed on an indicator's line beside the actual: its 分值
/// and 得分. Shown beside jixiao's numbers, never in their place; the
/// printed 分值 is a form weight the rule set may use (`表内分值`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrintedLine {
    pub name: String,
    pub points: Option<Decimal>,
    pub score: Option<Decimal>,
    /// The line has no actual (`名称 分值 10 得分 9`): its notes are here,
    /// as no [`Actual`] holds them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alone: Option<LoneNotes>,
    #[serde(skip)]
    pub span: Span,
    #[serde(skip)]
    pub name_span: Span,
    #[serde(skip)]
    pub points_span: Span,
}

/// The notes of a line that has printed values but no actual.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoneNotes {
    pub reason: Option<String>,
    pub measure: Option<String>,
    pub source: Option<String>,
    pub manual: Option<ManualScore>,
}

/// A sum line of the form: `小计 <group>` (`group` set) or `合计`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrintedSum {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    pub points: Option<Decimal>,
    pub score: Option<Decimal>,
    /// 等级 (of a 合计 only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<String>,
    #[serde(skip)]
    pub span: Span,
    /// Where the group's name (or the keyword 合计) is.
    #[serde(skip)]
    pub name_span: Span,
    #[serde(skip)]
    pub points_span: Span,
}

impl ProjectActuals {
    /// What the form printed on the line of `indicator`.
    pub fn printed(&self, indicator: &str) -> Option<&PrintedLine> {
        self.printed
            .iter()
            .find(|p| super::same_name(&p.name, indicator))
    }
    /// The form's subtotal of a first-level group.
    pub fn subtotal(&self, group: &str) -> Option<&PrintedSum> {
        self.subtotals.iter().find(|s| {
            s.group
                .as_deref()
                .is_some_and(|g| super::same_name(g, group))
        })
    }
}

impl ProjectActuals {
    /// The total row of the budget section, when written.
    pub fn total_row(&self) -> Option<&BudgetRow> {
        self.rows.iter().find(|r| r.row.is_total())
    }
}

/// A row of the 自评 budget section: `财政资金 年初 238.93 万元 全年 251.89 万元
/// 执行 251.89 万元 执行率 100.00%`. The printed 分值, 执行率 and 得分 are the
/// form's, shown beside what jixiao computes, never in its place.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetRow {
    pub row: BudgetRowKey,
    /// 年初预算数.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial: Option<Amount>,
    /// 全年预算数 (调整后预算数).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adjusted: Option<Amount>,
    /// 全年执行数.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spent: Option<Amount>,
    /// 分值 as printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<Printed>,
    /// 执行率 as printed, as a fraction that keeps the printed precision
    /// (`100.00%` → `1.0000`, `99%` → `0.99`, a ratio `1` → `1`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<Printed>,
    /// 得分 as printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<Printed>,
    #[serde(skip)]
    pub span: Span,
    #[serde(skip)]
    pub name_span: Span,
}

pub use crate::vocab::BudgetRowKey;

/// A number a form printed (分值, 执行率, 得分), where it is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Printed {
    pub value: Decimal,
    #[serde(skip)]
    pub span: Span,
}

impl ProjectActuals {
    pub fn actual(&self, indicator: &str) -> Option<&Actual> {
        self.values
            .iter()
            .find(|a| super::same_name(&a.name, indicator))
    }
}

/// The actual of one indicator (实际完成值) with its notes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actual {
    pub name: String,
    pub value: ActualValue,
    /// 偏差原因.
    pub reason: Option<String>,
    /// 改进措施.
    pub measure: Option<String>,
    /// 来源: the evidence.
    pub source: Option<String>,
    /// A score set by hand, shown beside the computed one.
    pub manual: Option<ManualScore>,
    #[serde(skip)]
    pub span: Span,
    #[serde(skip)]
    pub name_span: Span,
    #[serde(skip)]
    pub value_span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ActualValue {
    /// `8.84 万元`; `≥266米` keeps the comparator copied from the target
    /// (read as the quantity, with a warning).
    Quantity {
        value: Quantity,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        copied: Option<super::Comparator>,
    },
    /// `= 112 / 118`: computed by the engine.
    Expr { expr: Expr, text: String },
    /// `: 部分达成 [7 | 70%]`, `达成预期指标`, `完成`: a word, read as a
    /// grade when scored (the vocabulary's six words, the rule set's
    /// 定性用语, or the declared target word itself).
    Grade {
        word: String,
        score: Option<GradeScore>,
        #[serde(skip)]
        score_span: Span,
        /// Where the word is written (inside its quotes, if any).
        #[serde(skip)]
        word_span: Span,
    },
    /// The line does not parse (its syntax error is reported): the
    /// indicator is scored 0 as unreadable, never as missing.
    Unreadable,
}

pub use crate::vocab::Grade;

/// The score given with a grade: points, or a fraction of the points.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum GradeScore {
    Points(Decimal),
    /// A fraction of the indicator's points (`70%` → 0.7).
    Fraction(Decimal),
}

/// `得分 8.5 理由 "…"`
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManualScore {
    pub score: Decimal,
    pub reason: String,
    #[serde(skip)]
    pub span: Span,
}

// ───────────────────────── evaluation (output) ─────────────────────────

/// The result of evaluating a workspace's actuals under a rule set.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evaluation {
    pub rules: RuleSetInfo,
    pub department: Option<String>,
    pub year: Option<i32>,
    pub projects: Vec<ProjectEvaluation>,
    pub summary: Summary,
    /// Findings of the evaluation (unit mismatches, missing explanations …).
    /// Not serialized: spans mean nothing without the sources; reports
    /// render them with [`crate::diagnostic::json::report`].
    #[serde(skip)]
    pub diagnostics: Vec<Diagnostic>,
}

impl Evaluation {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Which rule set was used.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleSetInfo {
    pub name: String,
    pub title: Option<String>,
    pub source: Option<String>,
    pub year: Option<i32>,
    pub unverified: Vec<String>,
}

/// One project's 自评表.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectEvaluation {
    pub name: ShortText,
    pub competent_department: Option<ShortText>,
    pub implementing_unit: Option<ShortText>,
    /// 项目负责人, 联系人, 联系电话 as declared (`ProjectField::PEOPLE`), those written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<Person>,
    /// False when the actuals have no block for this project.
    pub has_actuals: bool,
    /// 全年预算数 in 元.
    pub budget: Option<Decimal>,
    /// 全年执行数 in 元.
    pub spent: Option<Decimal>,
    /// 执行率 as a fraction (0.9748 = 97.48%).
    pub execution_rate: Option<Decimal>,
    /// What 执行率 divides by, in 元, when the rule set's `执行率分母` is
    /// 年初预算数 (the declared amount when the 自评 has none); under the
    /// default denominator it is `budget`, and this is `None`. The
    /// department's 执行率 sums what each project divides by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub execution_base: Option<Decimal>,
    pub execution_points: Decimal,
    pub execution_score: Option<Decimal>,
    pub execution_trace: Trace,
    pub indicators: Vec<IndicatorEvaluation>,
    /// Subtotals per first-level group of the rule set.
    pub groups: Vec<GroupSubtotal>,
    /// 总分 = 执行率得分 + Σ 指标得分; `None` when some score could not be computed.
    pub total: Option<Decimal>,
    pub grade: Option<ShortText>,
    /// The total with the manual scores in place of computed ones, when any.
    pub adjusted_total: Option<Decimal>,
    pub adjusted_grade: Option<ShortText>,
    /// Why there is no grade though there is a total: the points exceed the
    /// full marks (JX-V050), so the rule set cannot grade the total.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade_withheld: Option<ShortText>,
    /// The total the form printed (`合计 … 得分 92.5`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub printed_total: Option<Decimal>,
    /// The full points the form printed (`合计 分值 100`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub printed_total_points: Option<Decimal>,
    /// The grade the form printed (`合计 … 等级 优`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub printed_grade: Option<ShortText>,
    /// The rows of the budget section as written (`预算 { … }`), in 元;
    /// empty when the actuals have only `预算`/`执行` lines.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub budget_rows: Vec<BudgetRowEvaluation>,
    /// The total row's 执行率 as the form printed it (a fraction with the
    /// printed precision), beside `execution_rate`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub printed_execution_rate: Option<Decimal>,
    /// The total row's 得分 as the form printed it, beside `execution_score`
    /// (never in its place).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub printed_execution_score: Option<Decimal>,
}

impl ProjectEvaluation {
    /// The points of the project: 预算执行率's and its groups' (100 unless a
    /// group is lost, or the form's points exceed 100, JX-V050).
    pub fn points(&self) -> Decimal {
        self.groups
            .iter()
            .filter(|g| !g.members.is_empty())
            .fold(self.execution_points, |acc, g| acc.saturating_add(g.points))
    }
    /// The form printed a total that is not the computed one.
    pub fn printed_total_differs(&self) -> bool {
        matches!((self.printed_total, self.total), (Some(p), Some(t)) if p != t)
    }
    /// Σ of the indicator scores; `None` when one is missing (or on overflow).
    pub fn indicator_total(&self) -> Option<Decimal> {
        self.indicators
            .iter()
            .try_fold(Decimal::ZERO, |acc, i| acc.checked_add(i.score?))
    }
}

impl GroupSubtotal {
    /// The form printed a subtotal that is not the computed one.
    pub fn printed_differs(&self) -> bool {
        matches!((self.printed_score, self.score), (Some(p), Some(s)) if p != s)
    }
}

/// A row of the budget section in the 自评表: amounts in 元, the 执行率
/// jixiao computes (全年执行数 ÷ the rule set's `执行率分母`) and what the form
/// printed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetRowEvaluation {
    /// The row's label on the form: `年度资金总额`, `财政资金`, `当年财政拨款` ….
    pub name: ShortText,
    /// Is it the total row (年度资金总额)?
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub total: bool,
    /// 年初预算数 in 元.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial: Option<Decimal>,
    /// 全年预算数 in 元.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adjusted: Option<Decimal>,
    /// 全年执行数 in 元.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spent: Option<Decimal>,
    /// 执行率 computed, as a fraction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub printed_points: Option<Decimal>,
    /// As printed, a fraction with the printed precision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub printed_rate: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub printed_score: Option<Decimal>,
}

/// A first-level group's points and score.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupSubtotal {
    pub name: ShortText,
    /// The declared first-level groups scored in it (成本指标 may be in 产出指标).
    pub members: Vec<ShortText>,
    pub points: Decimal,
    pub score: Option<Decimal>,
    /// The group's points as the form printed them (`小计 … 分值 50`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub printed_points: Option<Decimal>,
    /// The group's score as the form printed it (`小计 … 得分 45`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub printed_score: Option<Decimal>,
}

/// One indicator's line of the 自评表.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorEvaluation {
    pub level1: ShortText,
    pub level2: ShortText,
    pub name: ShortText,
    /// The rule-set group the indicator is scored in.
    pub group: ShortText,
    /// 年度指标值, as declared.
    pub target: ShortText,
    /// 实际完成值, as shown; `None` when missing.
    pub actual: Option<ShortText>,
    /// The actual as a number in the target's unit (quantitative indicators).
    pub actual_value: Option<Decimal>,
    /// The target's unit, in which `actual_value` is given (`%`, `万元` …).
    pub unit: Option<ShortText>,
    pub points: Decimal,
    pub score: Option<Decimal>,
    pub met: Option<bool>,
    pub over_achieved: bool,
    pub missing: bool,
    /// Why the actual could not be read (a line with a syntax error, a word
    /// no table knows): scored 0, and said so; `None` for the others.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unscored: Option<Unscored>,
    pub explanation_required: bool,
    pub explanation_present: bool,
    pub reason: Option<String>,
    pub measure: Option<String>,
    pub source: Option<String>,
    pub manual: Option<ManualScore>,
    pub trace: Trace,
    /// The indicator's points as the 自评表 printed them (`分值 10` on its
    /// line), shown beside `points` (the points used).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub printed_points: Option<Decimal>,
    /// The score the form printed on the 自评 line (`得分 9.5`), shown
    /// beside `score`, never in its place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub printed_score: Option<Decimal>,
}

impl IndicatorEvaluation {
    /// The form printed a score that is not the one computed.
    pub fn printed_differs(&self) -> bool {
        matches!((self.printed_score, self.score), (Some(p), Some(s)) if p != s)
    }
}

/// Why an indicator's actual could not be read: it is scored 0 and the
/// reason is said in its row; the rest of the project is scored (issue 17).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unscored {
    /// Its line has a syntax error (reported where it is).
    SyntaxError,
    /// Its word (the actual) is no 定性用语 the rule set knows.
    UnknownWord,
}

impl Unscored {
    /// The reason, for the 自评表 and the trace: the word is the actual as
    /// written.
    pub fn why(self, actual: Option<&str>) -> String {
        match self {
            Unscored::SyntaxError => "完成值这一行有语法错误".into(),
            Unscored::UnknownWord => {
                format!("完成值“{}”不是认得的定性用语", actual.unwrap_or_default())
            }
        }
    }
}

/// How a score was reached. Its text is rendered the first time it is
/// read (through `Deref`: `trace.line`, `trace.notes` …): scoring a large
/// department spent most of its time writing lines nobody asked for
/// (performance, issue 7). Reading, comparing, cloning and serializing see
/// the rendered [`TraceText`], so the JSON is the same as it always was.
pub struct Trace {
    /// Boxed: a trace is mostly unread, and every indicator has one
    /// (32 bytes instead of 120 in each [`IndicatorEvaluation`], issue 7).
    text: std::sync::OnceLock<Box<TraceText>>,
    recipe: Option<Box<dyn RenderTrace>>,
}

/// How a [`Trace`] is written out when first read: the scoring engine keeps
/// the numbers it used, and writes them out here.
pub trait RenderTrace: Send + Sync {
    fn render(&self) -> TraceText;
}

/// The text of a [`Trace`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TraceText {
    /// The rule used (正向, 反向, 零目标, 定性, 执行率 …).
    pub rule: String,
    /// The formula as the rule set writes it.
    pub formula: String,
    /// Unit conversions and adjustments, in order.
    pub notes: Vec<String>,
    /// One line: values compared, formula with values substituted, result.
    pub line: String,
}

impl Trace {
    /// A trace written already.
    pub fn ready(text: TraceText) -> Trace {
        Trace {
            text: std::sync::OnceLock::from(Box::new(text)),
            recipe: None,
        }
    }
    /// A trace written when first read.
    pub fn lazy(recipe: Box<dyn RenderTrace>) -> Trace {
        Trace {
            text: std::sync::OnceLock::new(),
            recipe: Some(recipe),
        }
    }
    /// The text, rendered without keeping it when it was not read before:
    /// for writing a whole department out once (CSV, JSON) without holding
    /// every trace twice.
    pub fn rendered(&self) -> std::borrow::Cow<'_, TraceText> {
        match (self.text.get(), &self.recipe) {
            (Some(t), _) => std::borrow::Cow::Borrowed(&**t),
            (None, Some(r)) => std::borrow::Cow::Owned(r.render()),
            (None, None) => std::borrow::Cow::Owned(TraceText::default()),
        }
    }
    /// The text, rendered now if it was not yet.
    pub fn text(&self) -> &TraceText {
        self.text.get_or_init(|| {
            Box::new(match &self.recipe {
                Some(r) => r.render(),
                None => TraceText::default(),
            })
        })
    }
}

impl std::ops::Deref for Trace {
    type Target = TraceText;
    fn deref(&self) -> &TraceText {
        self.text()
    }
}

impl Default for Trace {
    /// Empty, written (as empty) when read: no allocation for a trace
    /// that is replaced before it is read.
    fn default() -> Trace {
        Trace {
            text: std::sync::OnceLock::new(),
            recipe: None,
        }
    }
}

impl Clone for Trace {
    fn clone(&self) -> Trace {
        Trace::ready(self.text().clone())
    }
}

impl PartialEq for Trace {
    fn eq(&self, other: &Trace) -> bool {
        self.text() == other.text()
    }
}
impl Eq for Trace {}

impl std::fmt::Debug for Trace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let t = self.text();
        f.debug_struct("Trace")
            .field("rule", &t.rule)
            .field("formula", &t.formula)
            .field("notes", &t.notes)
            .field("line", &t.line)
            .finish()
    }
}

impl Serialize for Trace {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.rendered().serialize(s)
    }
}

impl<'de> Deserialize<'de> for Trace {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        TraceText::deserialize(d).map(Trace::ready)
    }
}

/// The department summary.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub projects: usize,
    pub evaluated: usize,
    pub indicators: usize,
    pub met: usize,
    pub missing: usize,
    /// Σ 全年预算数 in 元 (`None` only on overflow).
    pub budget: Option<Decimal>,
    /// Σ 全年执行数 in 元.
    pub spent: Option<Decimal>,
    pub execution_rate: Option<Decimal>,
    /// The mean of the project totals.
    pub average: Option<Decimal>,
    /// Count of projects per grade, in the rule set's grade order.
    pub grades: Vec<(String, usize)>,
}

/// One of a project's people, as declared: the field (项目负责人 …) and what
/// was written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub field: crate::vocab::ProjectField,
    pub value: ShortText,
}

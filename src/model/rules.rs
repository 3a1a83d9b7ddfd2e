//! A scoring rule set (规则): points, formulas, bands and policies, as data.

use super::{Comparator, Expr};
use crate::source::Span;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleSet {
    /// The name after `规则`.
    pub name: String,
    /// 名称: the full title.
    pub title: Option<String>,
    /// 来源: the document (文号).
    pub source: Option<String>,
    pub year: Option<i32>,
    /// 未核实: points not verified against the source.
    pub unverified: Vec<String>,
    /// Points of 预算执行率.
    pub execution_points: Decimal,
    /// Points per first-level group, in order.
    pub groups: Vec<GroupPoints>,
    /// `成本指标 归入 产出指标`: a declared group scored inside another.
    pub merges: Vec<Merge>,
    pub formulas: Formulas,
    pub qualitative: Vec<QualBand>,
    /// 定性用语: the words an actual may be written with, and the grade
    /// each is read as (beside the vocabulary's six, which always hold).
    /// A rule set without the block has the built-in one's.
    pub verdicts: Vec<VerdictWord>,
    pub grades: Vec<GradeBand>,
    pub rounding: Rounding,
    pub explain_below_full: bool,
    pub explain_over: bool,
    /// Over-achievement threshold as a ratio of the target (1.2 = 120%).
    pub over_threshold: Option<Decimal>,
    pub missing: MissingPolicy,
    pub negative: NegativePolicy,
    pub clamp: ClampPolicy,
    /// A group a project has no indicator in.
    pub empty_groups: EmptyGroupPolicy,
    /// A target written without a comparator (`无比较符`, issue 17).
    #[serde(default, skip_serializing_if = "ImpliedPolicy::is_default")]
    pub implied: ImpliedPolicy,
    /// How the points a form prints (declared 分值 of groups and
    /// indicators, a 自评's printed 分值) combine with the rule set's.
    #[serde(default)]
    pub form_points: FormPointsPolicy,
    /// The denominator of 预算执行率 (`执行率分母`).
    pub execution_base: ExecutionBase,
    #[serde(skip)]
    pub span: Span,
}

impl RuleSet {
    pub fn group(&self, name: &str) -> Option<&GroupPoints> {
        self.groups.iter().find(|g| g.name == name)
    }
    /// The group a declared first-level group is scored in.
    pub fn scoring_group<'a>(&'a self, level1: &'a str) -> &'a str {
        self.merges
            .iter()
            .find(|m| m.group == level1)
            .map(|m| m.into.as_str())
            .unwrap_or(level1)
    }
    pub fn info(&self) -> super::evaluation::RuleSetInfo {
        super::evaluation::RuleSetInfo {
            name: self.name.clone(),
            title: self.title.clone(),
            source: self.source.clone(),
            year: self.year,
            unverified: self.unverified.clone(),
        }
    }
    pub fn band(&self, grade: super::evaluation::Grade) -> Option<&QualBand> {
        self.qualitative.iter().find(|b| b.grade == grade)
    }
    /// The grade an actual's word is read as: one of the vocabulary's six
    /// words (`达成`, `达成年度指标` …), else one of the rule set's
    /// 定性用语 (spaces and full-width forms aside); `None` for a word
    /// neither knows.
    pub fn verdict(&self, word: &str) -> Option<super::evaluation::Grade> {
        super::evaluation::Grade::parse(word.trim()).or_else(|| {
            self.verdicts
                .iter()
                .find(|v| super::same_name(&v.word, word))
                .map(|v| v.grade)
        })
    }
    /// The grade of a total.
    pub fn grade_of(&self, total: Decimal) -> Option<String> {
        self.grades
            .iter()
            .find(|g| match &g.bound {
                None => true,
                Some((c, v)) => match c {
                    Comparator::Ge => total >= *v,
                    Comparator::Gt => total > *v,
                    Comparator::Le => total <= *v,
                    Comparator::Lt => total < *v,
                    Comparator::Eq => total == *v,
                },
            })
            .map(|g| g.name.clone())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupPoints {
    pub name: String,
    pub points: Decimal,
    #[serde(skip)]
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Merge {
    pub group: String,
    pub into: String,
    #[serde(skip)]
    pub span: Span,
}

/// A word of a rule set that stands for one of a closed set of meanings
/// (a formula kind, a rounding mode, a policy): lowering reads the written
/// word with [`Word::from_keyword`] and says so when it is none of them.
pub trait Word: Copy + 'static {
    /// Every meaning, in the order the documentation lists them.
    const ALL: &'static [Self];
    /// The word as written in a rule set.
    fn keyword(self) -> &'static str;
    /// The meaning of a written word.
    fn from_keyword(written: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|w| w.keyword() == written)
    }
    /// Every word, for did-you-mean suggestions and help texts.
    fn keywords() -> impl Iterator<Item = &'static str> {
        Self::ALL.iter().map(|w| w.keyword())
    }
}

/// The kind of a rule-set formula: which targets it scores (正向: ≥ and >
/// targets; 反向: ≤ and <; 等于: = targets above zero; 零目标: = and ≤
/// targets of zero; 区间: ranges; 执行率: the score of 预算执行率). Its
/// words are the vocabulary's.
pub use crate::vocab::FormulaKind;

impl FormulaKind {
    /// The word a rule set writes it with.
    pub fn keyword(self) -> &'static str {
        self.word()
    }

    /// The names the formula may use, in the order of the values the
    /// engine gives it.
    pub fn names(self) -> &'static [&'static str] {
        match self {
            FormulaKind::Positive
            | FormulaKind::Negative
            | FormulaKind::Equal
            | FormulaKind::Zero
            | FormulaKind::Range => &INDICATOR_NAMES,
            FormulaKind::Execution => &EXECUTION_NAMES,
        }
    }
}

impl Word for FormulaKind {
    const ALL: &'static [Self] = FormulaKind::ALL;
    fn keyword(self) -> &'static str {
        FormulaKind::keyword(self)
    }
}

/// Names an indicator formula may use.
pub const INDICATOR_NAMES: [&str; 7] = ["完成值", "指标值", "分值", "下限", "上限", "容差", "达成"];
/// Names the 执行率 formula may use.
pub const EXECUTION_NAMES: [&str; 4] = ["执行数", "预算数", "执行率", "分值"];

/// One formula per kind.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Formulas {
    /// ≥ and > targets.
    pub positive: Option<Formula>,
    /// ≤ and < targets.
    pub negative: Option<Formula>,
    /// = targets with a target above zero.
    pub equal: Option<Formula>,
    /// = and ≤ targets of zero.
    pub zero: Option<Formula>,
    /// Range targets.
    pub range: Option<Formula>,
    /// 执行率 score.
    pub execution: Option<Formula>,
}

impl Formulas {
    /// The formula of `kind`.
    pub fn get(&self, kind: FormulaKind) -> Option<&Formula> {
        match kind {
            FormulaKind::Positive => &self.positive,
            FormulaKind::Negative => &self.negative,
            FormulaKind::Equal => &self.equal,
            FormulaKind::Zero => &self.zero,
            FormulaKind::Range => &self.range,
            FormulaKind::Execution => &self.execution,
        }
        .as_ref()
    }

    /// Where the formula of `kind` is kept.
    pub fn slot(&mut self, kind: FormulaKind) -> &mut Option<Formula> {
        match kind {
            FormulaKind::Positive => &mut self.positive,
            FormulaKind::Negative => &mut self.negative,
            FormulaKind::Equal => &mut self.equal,
            FormulaKind::Zero => &mut self.zero,
            FormulaKind::Range => &mut self.range,
            FormulaKind::Execution => &mut self.execution,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Formula {
    /// 正向, 反向 …
    #[serde(rename = "key")]
    pub kind: FormulaKind,
    pub expr: Expr,
    pub text: String,
    #[serde(skip)]
    pub span: Span,
}

/// A qualitative grade's band, as fractions of the points.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QualBand {
    pub grade: super::evaluation::Grade,
    pub low: Decimal,
    pub high: Decimal,
    pub default: Decimal,
    #[serde(skip)]
    pub span: Span,
}

/// A word of the rule set's 定性用语 and the grade it is read as.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerdictWord {
    pub word: String,
    pub grade: super::evaluation::Grade,
    #[serde(skip)]
    pub span: Span,
}

/// `优 ≥ 90`; the last band may have no bound.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GradeBand {
    pub name: String,
    pub bound: Option<(Comparator, Decimal)>,
    #[serde(skip)]
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rounding {
    pub places: u32,
    pub mode: RoundingMode,
}

impl Default for Rounding {
    fn default() -> Self {
        Rounding {
            places: 2,
            mode: RoundingMode::HalfUp,
        }
    }
}

impl Rounding {
    pub fn apply(&self, d: Decimal) -> Decimal {
        let strategy = match self.mode {
            RoundingMode::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            RoundingMode::HalfEven => RoundingStrategy::MidpointNearestEven,
            RoundingMode::Truncate => RoundingStrategy::ToZero,
        };
        let mut r = d.round_dp_with_strategy(self.places, strategy);
        r.rescale(self.places);
        r
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum RoundingMode {
    /// 四舍五入
    #[default]
    #[serde(rename = "四舍五入")]
    HalfUp,
    /// 银行家舍入 (四舍六入五成双)
    #[serde(rename = "银行家舍入")]
    HalfEven,
    /// 截断
    #[serde(rename = "截断")]
    Truncate,
}

/// What a declared indicator without an actual scores.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum MissingPolicy {
    /// 记零分: 0 points, reported.
    #[default]
    #[serde(rename = "记零分")]
    Zero,
    /// 报错: an error; the indicator has no score.
    #[serde(rename = "报错")]
    Error,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum NegativePolicy {
    /// 记为零: a negative actual is read as 0 by the score formula where the
    /// target (both ends of a range) is not negative; 达成 is always judged
    /// on the actual as written (issue 15).
    #[default]
    #[serde(rename = "记为零")]
    Zero,
    #[serde(rename = "照算")]
    AsIs,
}

/// What happens to a formula result outside [0, 分值].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClampPolicy {
    /// 截取: cut to the range, noted in the trace.
    #[serde(rename = "截取")]
    Clamp,
    /// 报错: a diagnostic naming the rule and the indicator.
    #[default]
    #[serde(rename = "报错")]
    Error,
}

/// What becomes of a group's points when a project has no indicator in it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum EmptyGroupPolicy {
    /// 不得分: the points are lost (a warning says so).
    #[default]
    #[serde(rename = "不得分")]
    Lose,
    /// 按比例折算: the other groups' points are scaled up to the full total.
    #[serde(rename = "按比例折算")]
    Rescale,
}

/// What a target written without a comparator (`合格率 100%`) scores as
/// (`无比较符`, issue 17).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImpliedPolicy {
    /// 推断: scored with its reading (`model::implied_comparator`: a rate
    /// of 100% or 0% is `=`, a 成本指标 `≤`, any other `≥`), noted in the
    /// trace; `check` warns where the reading is a guess (JX-T006).
    #[default]
    #[serde(rename = "推断")]
    Infer,
    /// 报错: not scored; an error on the target asks for the comparator
    /// (JX-T007).
    #[serde(rename = "报错")]
    Error,
}

impl ImpliedPolicy {
    fn is_default(&self) -> bool {
        *self == ImpliedPolicy::default()
    }
}

/// How the points a form prints combine with the rule set's (`表内分值`,
/// issue 17). A form's points are the 分值 of its groups (`产出指标 分值 70`,
/// a 自评's `小计 产出指标 分值 70`) and of its indicators (`分值 10`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum FormPointsPolicy {
    /// 采用: the form's points are the points; a group the form gives no
    /// points takes the rule set's. Points above the full 100 are an error
    /// (JX-V050) and the total is not graded.
    #[serde(rename = "采用")]
    Use,
    /// 折算: the rule set's group points stand; the form's points share them
    /// out within each group in proportion (产出 70 of which 10 → 50 × 10/70).
    #[default]
    #[serde(rename = "折算")]
    Scale,
    /// 不用: the form's points are shown only; each group is split evenly.
    #[serde(rename = "不用")]
    Ignore,
}

/// What 预算执行率 divides 全年执行数 by (`执行率分母`, issue 17).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExecutionBase {
    /// 全年预算数: the adjusted budget (调整后预算数, 含上年结转), as the
    /// 自评表 of 财预〔2020〕10号 and most provinces' forms divide.
    #[default]
    #[serde(rename = "全年预算数")]
    Adjusted,
    /// 年初预算数: the budget approved at the start of the year.
    #[serde(rename = "年初预算数")]
    Initial,
}

impl ExecutionBase {
    /// What the trace calls the denominator: `预算数` (as before issue 17)
    /// for the adjusted budget, `年初预算数` for the initial one.
    pub const fn trace_name(self) -> &'static str {
        match self {
            ExecutionBase::Adjusted => "预算数",
            ExecutionBase::Initial => "年初预算数",
        }
    }
}

/// `需说明` words: which indicators must carry an explanation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Explain {
    /// 未得满分
    BelowFull,
    /// 超额
    Over,
}

/// The [`Word`] impls of the closed word sets above: each keyword is the
/// enum's serde name, so JSON and the rule file spell it alike.
macro_rules! words {
    ($($t:ident { $($v:ident => $w:literal),+ $(,)? })+) => {$(
        impl Word for $t {
            const ALL: &'static [Self] = &[$($t::$v),+];
            fn keyword(self) -> &'static str {
                match self {
                    $($t::$v => $w),+
                }
            }
        }
    )+};
}

words! {
    RoundingMode { HalfUp => "四舍五入", HalfEven => "银行家舍入", Truncate => "截断" }
    Explain { BelowFull => "未得满分", Over => "超额" }
    MissingPolicy { Zero => "记零分", Error => "报错" }
    NegativePolicy { Zero => "记为零", AsIs => "照算" }
    ClampPolicy { Clamp => "截取", Error => "报错" }
    EmptyGroupPolicy { Lose => "不得分", Rescale => "按比例折算" }
    ImpliedPolicy { Infer => "推断", Error => "报错" }
    FormPointsPolicy { Use => "采用", Scale => "折算", Ignore => "不用" }
    ExecutionBase { Adjusted => "全年预算数", Initial => "年初预算数" }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each word set's keywords are its serde names, distinct, and read back
    /// to the same meaning.
    #[test]
    fn keywords_read_back() {
        fn check<W: Word + Serialize + std::fmt::Debug + PartialEq>() {
            for w in W::ALL {
                assert_eq!(W::from_keyword(w.keyword()), Some(*w));
                if let Ok(json) = serde_json::to_string(w) {
                    assert_eq!(json, format!("\"{}\"", w.keyword()), "{w:?}");
                }
            }
        }
        check::<FormulaKind>();
        check::<RoundingMode>();
        check::<MissingPolicy>();
        check::<NegativePolicy>();
        check::<ClampPolicy>();
        check::<EmptyGroupPolicy>();
        check::<ImpliedPolicy>();
        check::<FormPointsPolicy>();
        check::<ExecutionBase>();
        assert_eq!(<Explain as Word>::from_keyword("超额"), Some(Explain::Over));
        assert_eq!(FormulaKind::from_keyword("正比"), None);
    }
}

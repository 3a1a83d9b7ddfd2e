//! The typed model of declarations: what a declaration *means*, independent
//! of how it was written. Every amount is an exact [`Quantity`]; spans are
//! kept for diagnostics but ignored by equality and not serialized.

pub mod date;
pub mod display;
pub mod eval;
pub mod evaluation;
pub mod expr;
pub mod quantity;
pub mod rules;
pub mod unit;
mod unit_table;

pub use crate::vocab::{Comparator, Direction, Function, FundKey, NarrativeKey, ProjectField};
pub use date::Date;
pub use display::group_thousands;
pub use expr::{BinOp, Expr, OpClass, Resolved, UnOp};
pub use quantity::Quantity;
pub use unit::{Kind, Unit};

use crate::source::Span;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Everything loaded in one run.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workspace {
    pub departments: Vec<Department>,
}

impl Workspace {
    pub fn projects(&self) -> impl Iterator<Item = &Project> {
        self.departments.iter().flat_map(|d| d.projects.iter())
    }
    pub fn indicator_count(&self) -> usize {
        self.projects().map(|p| p.indicators.len()).sum()
    }
}

/// A department's declaration (部门).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Department {
    /// `None` for projects written without an enclosing 部门 block.
    pub name: Option<String>,
    pub year: Option<i32>,
    pub claim: Option<Claim>,
    pub projects: Vec<Project>,
    /// True when some project of this department could not be read, so
    /// department-wide sums are incomplete.
    #[serde(skip)]
    pub incomplete: bool,
    #[serde(skip)]
    pub span: Span,
    #[serde(skip)]
    pub name_span: Span,
}

/// The header claim: `申报 9 个项目，资金 436.30 万元`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    pub project_count: Decimal,
    pub funds: Quantity,
    #[serde(skip)]
    pub span: Span,
    #[serde(skip)]
    pub count_span: Span,
    #[serde(skip)]
    pub funds_span: Span,
}

/// One project (项目).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Project {
    pub name: String,
    /// A later project of a name already declared in its department (by
    /// `name_key`; JX-M005): checked, but never scored, so that one 自评
    /// block is not counted twice.
    #[serde(skip)]
    pub repeated: bool,
    /// 项目性质, e.g. 其他经常性项目.
    pub nature: Option<String>,
    /// 项目类别, e.g. 其他运转类.
    pub category: Option<String>,
    /// 主管部门.
    pub competent_department: Option<String>,
    /// 实施单位.
    pub implementing_unit: Option<String>,
    /// 项目负责人.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leader: Option<String>,
    /// 联系人.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    /// 联系电话.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// 周期 (计划开始日期 至 计划完成日期).
    pub period: Option<Period>,
    pub funds: Funds,
    /// 项目总目标.
    pub overall_goal: Option<String>,
    /// 年度总体目标.
    pub annual_goal: Option<String>,
    /// 项目经费情况说明.
    pub narrative: Narrative,
    /// Every indicator, in the order written, with its two group levels.
    pub indicators: Vec<Indicator>,
    /// 分值 written on a first- or second-level group (`产出指标 分值 70 { … }`):
    /// the points the form prints for the group (issue 17).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub group_points: Vec<GroupWeight>,
    /// 校验: checks over the project's facts and indicators.
    pub checks: Vec<Check>,
    /// 允许: findings kept on purpose, each with its written reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allows: Vec<Allow>,
    #[serde(skip)]
    pub span: Span,
    #[serde(skip)]
    pub name_span: Span,
}

impl Project {
    /// The value of a field written as text (性质, 总目标 …); `None` for
    /// the other fields.
    pub fn text(&self, field: ProjectField) -> Option<&String> {
        match field {
            ProjectField::Nature => self.nature.as_ref(),
            ProjectField::Category => self.category.as_ref(),
            ProjectField::Competent => self.competent_department.as_ref(),
            ProjectField::Implementer => self.implementing_unit.as_ref(),
            ProjectField::Leader => self.leader.as_ref(),
            ProjectField::Contact => self.contact.as_ref(),
            ProjectField::Phone => self.phone.as_ref(),
            ProjectField::OverallGoal => self.overall_goal.as_ref(),
            ProjectField::AnnualGoal => self.annual_goal.as_ref(),
            ProjectField::Period
            | ProjectField::Funds
            | ProjectField::Narrative
            | ProjectField::Indicators
            | ProjectField::Check
            | ProjectField::Allow => None,
        }
    }

    /// Where the value of a text field goes; `None` for the other fields.
    pub fn text_mut(&mut self, field: ProjectField) -> Option<&mut Option<String>> {
        Some(match field {
            ProjectField::Nature => &mut self.nature,
            ProjectField::Category => &mut self.category,
            ProjectField::Competent => &mut self.competent_department,
            ProjectField::Implementer => &mut self.implementing_unit,
            ProjectField::Leader => &mut self.leader,
            ProjectField::Contact => &mut self.contact,
            ProjectField::Phone => &mut self.phone,
            ProjectField::OverallGoal => &mut self.overall_goal,
            ProjectField::AnnualGoal => &mut self.annual_goal,
            ProjectField::Period
            | ProjectField::Funds
            | ProjectField::Narrative
            | ProjectField::Indicators
            | ProjectField::Check
            | ProjectField::Allow => return None,
        })
    }

    pub fn indicator(&self, name: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| same_name(&i.name, name))
    }
}

/// 周期.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub start: Date,
    pub end: Date,
    #[serde(skip)]
    pub span: Span,
}

/// 资金: the funds grid of the form. Every field is optional, as on paper.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Funds {
    /// 项目资金总额.
    pub total: Option<Amount>,
    /// 年度资金申请总额.
    pub annual_request: Option<Amount>,
    /// 其中：财政资金.
    pub fiscal: Option<Amount>,
    /// 其中：当年财政拨款.
    pub current_appropriation: Option<Amount>,
    /// 上年结转资金.
    pub carryover: Option<Amount>,
    /// 其他资金.
    pub other: Option<Amount>,
    #[serde(skip)]
    pub span: Span,
}

impl Funds {
    /// The fields in form order, keyed by their canonical keyword.
    pub fn fields(&self) -> [(&'static str, Option<&Amount>); 6] {
        [
            (FundKey::Total.word(), self.total.as_ref()),
            (FundKey::AnnualRequest.word(), self.annual_request.as_ref()),
            (FundKey::Fiscal.word(), self.fiscal.as_ref()),
            (
                FundKey::CurrentAppropriation.word(),
                self.current_appropriation.as_ref(),
            ),
            (FundKey::Carryover.word(), self.carryover.as_ref()),
            (FundKey::Other.word(), self.other.as_ref()),
        ]
    }
    pub fn field_mut(&mut self, key: FundKey) -> &mut Option<Amount> {
        match key {
            FundKey::Total => &mut self.total,
            FundKey::AnnualRequest => &mut self.annual_request,
            FundKey::Fiscal => &mut self.fiscal,
            FundKey::CurrentAppropriation => &mut self.current_appropriation,
            FundKey::Carryover => &mut self.carryover,
            FundKey::Other => &mut self.other,
        }
    }
}

/// An amount of money as written, with its place.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Amount {
    #[serde(flatten)]
    pub quantity: Quantity,
    #[serde(skip)]
    pub span: Span,
}

/// 项目经费情况说明: the narrative sections.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Narrative {
    /// 项目概述
    pub overview: Option<String>,
    /// 立项依据
    pub basis: Option<String>,
    /// 实施主体
    pub implementer: Option<String>,
    /// 实施方案
    pub plan: Option<String>,
    /// 实施周期
    pub schedule: Option<String>,
    /// 年度预算安排
    pub budget: Option<String>,
    /// 绩效目标 (usually “见申报表”)
    pub goals: Option<String>,
}

impl Narrative {
    pub fn field_mut(&mut self, key: NarrativeKey) -> &mut Option<String> {
        match key {
            NarrativeKey::Overview => &mut self.overview,
            NarrativeKey::Basis => &mut self.basis,
            NarrativeKey::Implementer => &mut self.implementer,
            NarrativeKey::Plan => &mut self.plan,
            NarrativeKey::Schedule => &mut self.schedule,
            NarrativeKey::Budget => &mut self.budget,
            NarrativeKey::Goals => &mut self.goals,
        }
    }
    pub fn fields(&self) -> [(&'static str, Option<&String>); 7] {
        [
            (NarrativeKey::Overview.word(), self.overview.as_ref()),
            (NarrativeKey::Basis.word(), self.basis.as_ref()),
            (NarrativeKey::Implementer.word(), self.implementer.as_ref()),
            (NarrativeKey::Plan.word(), self.plan.as_ref()),
            (NarrativeKey::Schedule.word(), self.schedule.as_ref()),
            (NarrativeKey::Budget.word(), self.budget.as_ref()),
            (NarrativeKey::Goals.word(), self.goals.as_ref()),
        ]
    }
}

/// A third-level indicator with its first- and second-level groups.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indicator {
    /// 一级指标, e.g. 产出指标.
    pub level1: String,
    /// 二级指标, e.g. 数量指标.
    pub level2: String,
    /// 三级指标: the indicator's own name.
    pub name: String,
    pub target: Target,
    /// 中期指标值 (`中期 ≥ 90%`): the target at the middle of a multi-year
    /// project. Shown, compared and exported; 自评 scores `target`, the
    /// 年度指标值.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub midterm: Option<Target>,
    /// 分值: the indicator's points, where the unit fixes them.
    pub points: Option<Decimal>,
    /// 容差: tolerance for `=` targets.
    pub tolerance: Option<Quantity>,
    /// 方向: override when the comparator alone does not say it.
    pub direction: Option<Direction>,
    /// 口径: how it is measured.
    pub caliber: Option<String>,
    #[serde(skip)]
    pub span: Span,
    #[serde(skip)]
    pub name_span: Span,
    #[serde(skip)]
    pub target_span: Span,
    /// Where the 中期指标值 is written (the target after `中期`).
    #[serde(skip)]
    pub midterm_span: Span,
    #[serde(skip)]
    pub level1_span: Span,
    #[serde(skip)]
    pub level2_span: Span,
    /// Where parts of the targets are written: the places the fixes of
    /// check's diagnostics edit (issue 20).
    #[serde(skip)]
    pub written: Written,
}

/// Parts of an indicator's targets and where they are written. Like a
/// span, ignored by equality: two indicators that mean the same are equal
/// however their targets are spelled. Small (24 bytes): a model of 100k
/// projects holds 670,000 of them.
#[derive(Clone, Debug, Default)]
pub struct Written {
    /// The annual target's comparator when one is written (`≤`, `不超过`),
    /// or its qualitative word; empty when neither.
    pub part: Span,
    /// The units of the annual and middle targets not in the unit table,
    /// as written (rare: nothing is allocated when there is none).
    pub unknown_units: Option<Box<Vec<crate::source::Node<String>>>>,
}

impl Written {
    /// The comparator's or the word's place, when written.
    pub fn part(&self) -> Option<Span> {
        (self.part.start < self.part.end).then_some(self.part)
    }
    pub fn unknown_units(&self) -> &[crate::source::Node<String>] {
        self.unknown_units.as_deref().map_or(&[], Vec::as_slice)
    }
}

impl PartialEq for Written {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}
impl Eq for Written {}

/// The points a form prints for a group of indicators: `产出指标 分值 70`
/// (a first-level group) or `数量指标 分值 20` inside it (a second-level one).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupWeight {
    /// 一级指标.
    pub level1: String,
    /// 二级指标; `None` for the first-level group itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level2: Option<String>,
    pub points: Decimal,
    /// `分值 70`, for labels.
    #[serde(skip)]
    pub span: Span,
}

impl Project {
    /// The points written on a first-level group (`level2` `None`) or on a
    /// second-level one, by the one rule for names.
    pub fn group_weight(&self, level1: &str, level2: Option<&str>) -> Option<&GroupWeight> {
        self.group_points.iter().find(|w| {
            same_name(&w.level1, level1)
                && match (&w.level2, level2) {
                    (None, None) => true,
                    (Some(a), Some(b)) => same_name(a, b),
                    _ => false,
                }
        })
    }
}

/// A declared target.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Target {
    /// `≥ 95%`, `≤ 10.04 万元`, `= 0%`, in any spelling (`不低于 95%`,
    /// `95%以上`). `implied`: no comparator was written (`合格率 100%`);
    /// `comparator` is then the reading [`implied_comparator`] gives, and
    /// the rule set's `无比较符` says whether it is scored so (issue 17).
    Compare {
        comparator: Comparator,
        value: Quantity,
        #[serde(default, skip_serializing_if = "is_false")]
        implied: bool,
    },
    /// `90%~95%`: met inside the closed range.
    Range { low: Quantity, high: Quantity },
    /// `: 及时`.
    Qualitative { word: String },
}

/// serde's test for a flag left out when false.
fn is_false(b: &bool) -> bool {
    !*b
}

/// How a target written without a comparator is read (issue 17): a rate of
/// 100% or 0% (`合格率 100%`, `事故发生率 0%`) is `=`, a target of a 成本指标
/// `≤` (a ceiling), any other `≥` (a floor). `level1` and `level2` are the
/// indicator's groups as written: forms of 2020 and later file 成本指标 as
/// a 二级指标 under 产出指标.
pub fn implied_comparator(level1: &str, level2: &str, value: &Quantity) -> Comparator {
    let whole_or_none = value.unit.is_percent()
        && value
            .base_value()
            .is_some_and(|v| v.is_zero() || v == Decimal::ONE);
    if whole_or_none {
        Comparator::Eq
    } else if is_cost_group(level1) || is_cost_group(level2) {
        Comparator::Le
    } else {
        Comparator::Ge
    }
}

/// Is this group a cost group: the 成本指标 (`成本指标`, `成本`), or one of
/// its 二级指标 (`经济成本指标` …), spaces and full-width forms aside?
pub fn is_cost_group(group: &str) -> bool {
    let key = name_key(group);
    let stem = key.strip_suffix("指标").unwrap_or(&key);
    stem == crate::vocab::COST_LEVEL1
        || crate::vocab::LEVEL2
            .iter()
            .any(|(l2, l1)| *l2 == stem && *l1 == crate::vocab::COST_LEVEL1)
}

impl Target {
    /// A target with its comparator written.
    pub fn compare(comparator: Comparator, value: Quantity) -> Target {
        Target::Compare {
            comparator,
            value,
            implied: false,
        }
    }

    /// The comparator was not written (`合格率 100%`).
    pub fn is_implied(&self) -> bool {
        matches!(self, Target::Compare { implied: true, .. })
    }

    pub fn quantity(&self) -> Option<&Quantity> {
        match self {
            Target::Compare { value, .. } => Some(value),
            Target::Range { high, .. } => Some(high),
            Target::Qualitative { .. } => None,
        }
    }
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Target::Compare {
                implied: true,
                value,
                ..
            } => write!(f, "{value}"),
            Target::Compare {
                comparator, value, ..
            } => write!(f, "{} {}", comparator.symbol(), value),
            Target::Range { low, high } => write!(f, "{low}~{high}"),
            Target::Qualitative { word } => f.write_str(word),
        }
    }
}

/// 校验: a condition over the project's facts and indicators.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Check {
    pub expr: Expr,
    /// The expression as written, for messages.
    pub text: String,
    #[serde(skip)]
    pub span: Span,
}

/// 允许: one finding code kept on purpose in one project, with a reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Allow {
    /// The code as written, e.g. `JX-G006`.
    pub code: String,
    /// The written reason; `None` when it was left out (an error).
    pub reason: Option<String>,
    #[serde(skip)]
    pub span: Span,
    #[serde(skip)]
    pub code_span: Span,
}

/// The key under which names are compared: full-width and half-width forms
/// folded, spaces removed (`更新系统(软件)数量` = `更新系统（软件）数量`).
pub fn name_key(name: &str) -> String {
    // Most names are printable ASCII without spaces and CJK ideographs
    // (U+4000–U+9FFF, lead bytes E4–E9), which folding keeps as they are:
    // copied whole, not character by character (eval keys 200,000 names).
    let kept = |b: u8| matches!(b, 0x21..=0x7E | 0x80..=0xBF | 0xE4..=0xE9);
    if name.bytes().all(kept) {
        return name.to_string();
    }
    // Folding never lengthens a name: one allocation.
    let mut key = String::with_capacity(name.len());
    key.extend(name_key_chars(name));
    key
}

/// The characters of [`name_key`], without building the string.
pub fn name_key_chars(name: &str) -> impl Iterator<Item = char> + '_ {
    name.chars().filter_map(fold_char)
}

/// A character of a name as [`name_key`] keeps it: dropped (spaces) or
/// folded to its half-width form.
fn fold_char(c: char) -> Option<char> {
    if c.is_whitespace() {
        return None;
    }
    Some(match c {
        '（' => '(',
        '）' => ')',
        '，' => ',',
        '：' => ':',
        '；' => ';',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        c => c,
    })
}

/// `name_key(a) == name_key(b)`, without allocating.
pub fn same_name(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    // Past their common start, two names whose next characters are kept
    // as they are by the folding (and differ) cannot be the same: most
    // pairs are told apart here without folding both (scoring, issue 7).
    let common = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    let at = (0..=common)
        .rev()
        .find(|i| a.is_char_boundary(*i))
        .unwrap_or(0);
    let plain = |s: &str| {
        s.get(at..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(|c| fold_char(c) == Some(c))
    };
    if plain(a) && plain(b) {
        return false;
    }
    name_key_chars(a).eq(name_key_chars(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `same_name` answers what comparing the folded names answers, on
    /// names that differ in spaces, full-width forms and punctuation at
    /// every place (its quick refusal must never refuse a folded match).
    #[test]
    fn same_name_is_the_folded_comparison() {
        let parts = [
            "培训", "人数", " ", "（", "(", "Ａ", "A", "：", ":", "率", "",
        ];
        let mut names = Vec::new();
        for a in parts {
            for b in parts {
                for c in parts {
                    names.push(format!("{a}{b}{c}"));
                }
            }
        }
        for a in &names {
            for b in &names {
                assert_eq!(same_name(a, b), name_key(a) == name_key(b), "{a:?} {b:?}");
            }
        }
    }

    /// The quick copy of `name_key` gives what folding character by
    /// character gives, for every character of the planes names use.
    #[test]
    fn name_key_copies_only_what_folding_keeps() {
        let slow = |s: &str| name_key_chars(s).collect::<String>();
        let chars = (0u32..0x1_0000)
            .chain(0x2_0000..0x2_0100)
            .filter_map(char::from_u32);
        for c in chars {
            for s in [format!("{c}"), format!("培训{c}人数"), format!("A{c}1")] {
                assert_eq!(name_key(&s), slow(&s), "{:?} (U+{:04X})", s, c as u32);
            }
        }
        assert_eq!(name_key("更新系统（软件） 数量"), "更新系统(软件)数量");
    }
}

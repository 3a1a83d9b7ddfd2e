//! What an importer reads out of a form, before it is written as text: the
//! values in form order, each with the `#` comments that go just above it.

use crate::model::Comparator;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A value (or none) with the comments written just above it. An entry with
/// no value writes only its comments (e.g. “this cell was blank”).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry<T> {
    pub comments: Vec<String>,
    pub value: Option<T>,
}

impl<T> Entry<T> {
    pub fn new(value: T) -> Entry<T> {
        Entry {
            comments: Vec::new(),
            value: Some(value),
        }
    }
    pub fn comment(comment: impl Into<String>) -> Entry<T> {
        Entry {
            comments: vec![comment.into()],
            value: None,
        }
    }
    pub fn with_comments(mut self, comments: Vec<String>) -> Entry<T> {
        let mut all = comments;
        all.append(&mut self.comments);
        self.comments = all;
        self
    }
}

/// A department as read from the source.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// Comments at the top of the file (source, corrections).
    pub comments: Vec<String>,
    pub name: Option<String>,
    pub year: Option<i32>,
    /// 申报 N 个项目，资金 X 单位.
    pub claim: Option<DraftClaim>,
    pub projects: Vec<DraftProject>,
    /// Comments at the end of the department block.
    pub trailing: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftClaim {
    pub count: Decimal,
    pub amount: Decimal,
    pub unit: String,
}

/// A project: one 项目经费情况说明 and its 申报表.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftProject {
    pub comments: Vec<String>,
    pub name: String,
    /// 性质, 类别, 主管部门, 实施单位 (keyword, value), in that order.
    pub fields: Vec<Entry<(String, String)>>,
    /// 周期: start and end as `YYYY-MM-DD`.
    pub period: Entry<(String, String)>,
    /// 资金: (keyword, amount as written, in `funds_unit`).
    pub funds: Vec<Entry<(String, Decimal)>>,
    /// The unit of the funds grid (`元` when empty).
    pub funds_unit: String,
    pub overall_goal: Entry<String>,
    pub annual_goal: Entry<String>,
    /// 说明: (keyword, text; paragraphs separated by `\n`).
    pub narrative: Vec<Entry<(String, String)>>,
    pub indicators: Vec<Entry<DraftIndicator>>,
    /// Comments at the end of the 指标 block (or where it would be).
    pub indicator_comments: Vec<String>,
    /// 校验: each expression as written (already known to parse).
    pub checks: Vec<Entry<String>>,
    /// 允许: (code, reason).
    pub allows: Vec<Entry<(String, Option<String>)>>,
    /// Group weights printed on the form (`产出指标(50分)`): (一级 name, points),
    /// written as `产出指标 分值 50 { … }`.
    #[serde(default)]
    pub group_points: Vec<(String, Decimal)>,
    /// The 自评 half of a 自评表 (issue 18): what the form printed, as printed.
    #[serde(default)]
    pub selfeval: Option<DraftSelfEval>,
}

/// A project's 自评 as the 自评表 printed it, written as
/// `自评 "部门" 年度 { 项目 "…" { … } }` after the 部门 block.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftSelfEval {
    pub comments: Vec<String>,
    /// `预算 { … }` rows in form order.
    pub budget: Vec<Entry<DraftBudgetRow>>,
    /// One per indicator row that printed anything (actual, 分值 or 得分).
    pub actuals: Vec<Entry<DraftActual>>,
    /// `小计 组 分值 … 得分 …` lines.
    pub subtotals: Vec<Entry<DraftSubtotal>>,
    /// `合计 分值 … 得分 … 等级 …`.
    pub total: Option<Entry<DraftTotal>>,
}

/// One row of the 自评表's budget grid, amounts in `unit`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftBudgetRow {
    /// 年度资金总额, 当年拨款 (本年财政拨款…), 上年结转, 其他资金, 财政专户管理资金, 单位资金.
    pub key: String,
    /// 年初预算数.
    pub start: Option<Decimal>,
    /// 全年预算数 (调整后预算数).
    pub full: Option<Decimal>,
    /// 全年执行数.
    pub spent: Option<Decimal>,
    /// The amounts' unit (`万元`, `元`).
    pub unit: String,
    pub points: Option<Decimal>,
    /// Printed 执行率: number and its unit text (`%` or empty).
    pub rate: Option<(Decimal, String)>,
    pub score: Option<Decimal>,
}

/// An indicator row's printed 实际完成值, 分值, 得分 and 偏差原因.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftActual {
    /// The 三级指标 name, exactly as in the declaration half.
    pub name: String,
    pub value: Option<DraftActualValue>,
    pub points: Option<Decimal>,
    pub score: Option<Decimal>,
    /// 偏差原因分析及改进措施, written `原因 "…"`.
    pub reason: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DraftActualValue {
    /// `50`, `29.5 亩`, `≥ 266 米` (a comparator copied from the target).
    Quantity {
        comparator: Option<Comparator>,
        value: Decimal,
        unit: String,
    },
    /// `: 达成预期指标`.
    Word(String),
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftSubtotal {
    pub group: String,
    pub points: Option<Decimal>,
    pub score: Option<Decimal>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftTotal {
    pub points: Option<Decimal>,
    pub score: Option<Decimal>,
    pub grade: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftIndicator {
    pub level1: String,
    pub level2: String,
    pub name: String,
    pub target: DraftTarget,
    pub attributes: DraftAttributes,
}

/// An indicator's 分值, 容差, 方向 and 口径, when the source gives them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftAttributes {
    pub points: Option<Decimal>,
    /// Value and unit text (`%`, `天`, or empty).
    pub tolerance: Option<(Decimal, String)>,
    /// `正向` or `反向`.
    pub direction: Option<String>,
    pub caliber: Option<String>,
    /// 中期指标值 (issue 17's `中期` attribute), when the form has that column.
    #[serde(default)]
    pub midterm: Option<DraftTarget>,
}

/// A target as the form gives it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DraftTarget {
    Compare {
        comparator: Comparator,
        value: Decimal,
        /// Unit text as the language writes it (`%`, `万元`, `元/人`), or empty.
        unit: String,
    },
    Range {
        low: Decimal,
        high: Decimal,
        unit: String,
    },
    Qualitative(String),
    /// A number printed without a comparator (`100%`, `43.2`, `29.5 亩`):
    /// written as printed; the language infers the reading (GRAMMAR.md,
    /// `bare_target`).
    Bare {
        value: Decimal,
        unit: String,
    },
}

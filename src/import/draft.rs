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
}

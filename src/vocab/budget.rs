//! The 自评 budget section (`预算 { … }`, issue 17): the rows that are not
//! lines of the declaration's funds grid (`budget_line`; the others are
//! [`FundKey`]'s words), and the columns (`budget_column`).

use super::FundKey;

word_set! {
    /// A row of the budget section that the declaration's funds grid does
    /// not have. Rows named by a [`FundKey`] word
    /// (`财政资金`, `当年财政拨款`, `上年结转资金`, `其他资金`, and `总额` for
    /// the total) are the same money as those lines.
    pub enum BudgetLine {
        /// 年度资金总额: the total row of the 自评表 (财预〔2020〕10号).
        Total = "年度资金总额",
        /// 财政专户管理资金 (四川的自评表).
        SpecialAccount = "财政专户管理资金",
        /// 单位资金 (四川的自评表).
        UnitFunds = "单位资金",
    }
}

word_set! {
    /// A column of the budget section, as the form has it: 年初预算数,
    /// 全年预算数 (调整后), 全年执行数, and the printed 分值, 执行率, 得分.
    /// Declared in a safe order (`执行率` before `执行`); the form's order is
    /// [`BudgetColumn::IN_FORM_ORDER`].
    pub enum BudgetColumn {
        /// 年初预算数
        Initial = "年初",
        /// 全年预算数 (调整后预算数)
        Adjusted = "全年",
        /// 执行率 as printed: a percentage (`100.00%`) or a ratio (`1`)
        Rate = "执行率",
        /// 全年执行数
        Spent = "执行",
        /// 分值 as printed
        Points = "分值",
        /// 得分 as printed
        Score = "得分",
    }
}

impl BudgetColumn {
    /// The columns in the form's order, which fmt writes.
    pub const IN_FORM_ORDER: [BudgetColumn; 6] = [
        BudgetColumn::Initial,
        BudgetColumn::Adjusted,
        BudgetColumn::Spent,
        BudgetColumn::Points,
        BudgetColumn::Rate,
        BudgetColumn::Score,
    ];

    /// Is the column an amount of money (年初, 全年, 执行)?
    pub const fn is_money(self) -> bool {
        match self {
            BudgetColumn::Initial | BudgetColumn::Adjusted | BudgetColumn::Spent => true,
            BudgetColumn::Rate | BudgetColumn::Points | BudgetColumn::Score => false,
        }
    }

    /// The form's header of the column.
    pub const fn header(self) -> &'static str {
        match self {
            BudgetColumn::Initial => "年初预算数",
            BudgetColumn::Adjusted => "全年预算数",
            BudgetColumn::Spent => "全年执行数",
            BudgetColumn::Points => "分值",
            BudgetColumn::Rate => "执行率",
            BudgetColumn::Score => "得分",
        }
    }
}

/// The row a line of the budget section is: one of its own
/// ([`BudgetLine`]) or a line of the funds grid ([`FundKey`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BudgetRowKey {
    Line(BudgetLine),
    Fund(FundKey),
}

impl BudgetRowKey {
    /// The row whose (longest) spelling `text` starts with, and its length
    /// in bytes: `budget_line | fund_key`, in the grammar's order.
    pub fn read(text: &str) -> Option<(BudgetRowKey, usize)> {
        BudgetLine::read(text)
            .map(|(l, n)| (BudgetRowKey::Line(l), n))
            .or_else(|| FundKey::read(text).map(|(f, n)| (BudgetRowKey::Fund(f), n)))
    }

    /// The row written exactly as `text`, in any spelling.
    pub fn from_word(text: &str) -> Option<BudgetRowKey> {
        BudgetLine::from_word(text)
            .map(BudgetRowKey::Line)
            .or_else(|| FundKey::from_word(text).map(BudgetRowKey::Fund))
    }

    /// The canonical word (what fmt writes).
    pub fn word(self) -> &'static str {
        match self {
            BudgetRowKey::Line(l) => l.word(),
            BudgetRowKey::Fund(f) => f.word(),
        }
    }

    /// Is it the total row (年度资金总额; `总额`, `年度申请` and their full
    /// wordings read as it too: the year's total)?
    pub const fn is_total(self) -> bool {
        matches!(
            self,
            BudgetRowKey::Line(BudgetLine::Total)
                | BudgetRowKey::Fund(FundKey::Total | FundKey::AnnualRequest)
        )
    }

    /// The form's label of the row: `年度资金总额`, `当年财政拨款`,
    /// `财政专户管理资金`.
    pub fn label(self) -> &'static str {
        match self {
            _ if self.is_total() => BudgetLine::Total.word(),
            BudgetRowKey::Line(l) => l.word(),
            BudgetRowKey::Fund(f) => f.full(),
        }
    }

    /// Is it a part of another row that may be written beside it
    /// (当年财政拨款 and 上年结转 are parts of 财政资金)?
    pub const fn part_of(self) -> Option<BudgetRowKey> {
        match self {
            BudgetRowKey::Fund(FundKey::CurrentAppropriation | FundKey::Carryover) => {
                Some(BudgetRowKey::Fund(FundKey::Fiscal))
            }
            BudgetRowKey::Fund(
                FundKey::Total | FundKey::AnnualRequest | FundKey::Fiscal | FundKey::Other,
            )
            | BudgetRowKey::Line(_) => None,
        }
    }
}

impl std::fmt::Display for BudgetRowKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

impl serde::Serialize for BudgetRowKey {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.word())
    }
}

impl<'de> serde::Deserialize<'de> for BudgetRowKey {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
        BudgetRowKey::from_word(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown budget row {text:?}")))
    }
}

impl BudgetColumn {
    /// The column a 自评表's budget grid header names: `年初预算数`,
    /// `全年预算数(A)`, `调整后预算数`, `全年执行数(B)`, `预算执行数`, `分值`
    /// (四川: `权重`), `执行率(B/A)`, `预算执行率`, `得分`. Spaces, full-width
    /// forms and a trailing `(A)`-style mark do not matter.
    pub fn from_header(text: &str) -> Option<BudgetColumn> {
        let key = crate::model::name_key(text);
        let key = match key.rfind('(') {
            Some(at) if key.ends_with(')') && key.get(at..).is_some_and(is_mark) => {
                key.get(..at).unwrap_or("")
            }
            _ => key.as_str(),
        };
        Some(match key {
            "年初预算数" | "年初预算" | "年初数" => BudgetColumn::Initial,
            "全年预算数" | "调整后预算数" | "调整后预算" | "全年预算" => {
                BudgetColumn::Adjusted
            }
            "全年执行数" | "预算执行数" | "执行数" => BudgetColumn::Spent,
            "分值" | "权重" => BudgetColumn::Points,
            "执行率" | "预算执行率" => BudgetColumn::Rate,
            "得分" => BudgetColumn::Score,
            _ => return None,
        })
    }
}

/// `(A)`, `(B)`, `(B/A)`: the letters a form prints after a column header.
fn is_mark(paren: &str) -> bool {
    let inner = paren.trim_start_matches('(').trim_end_matches(')');
    !inner.is_empty() && inner.chars().all(|c| c.is_ascii_uppercase() || c == '/')
}

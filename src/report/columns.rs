//! The columns of the 自评表's indicator table (and of its department
//! summary, [`ProjectColumn`]), declared once for every
//! report: the text table and Markdown (`selfeval.rs`), CSV (`csv.rs`),
//! HTML (`html/`) and the xlsx workbook (`xlsx/selfeval.rs`). Each column
//! says its header, how its cell is drawn from an [`IndicatorEvaluation`],
//! what kind of value it holds and in which reports it stands; each
//! renderer iterates [`COLUMNS`] and draws a [`Cell`] its own way. The
//! matches are exhaustive: a new column fails to compile until it says all
//! of this. ARCHITECTURE.md's “加一个输出列” lists the steps.

use super::selfeval::deviation;
use crate::model::display::{money, num, percent, printed_rate, score};
use crate::model::evaluation::{IndicatorEvaluation, ProjectEvaluation};
use rust_decimal::Decimal;
use std::borrow::Cow;

/// A column of the indicator table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Level1,
    Level2,
    Name,
    Target,
    Actual,
    Value,
    Unit,
    Points,
    Score,
    /// 表内分值: the 分值 the 自评表 printed (issue 17).
    PrintedPoints,
    /// 表内得分: the 得分 the 自评表 printed, marked where it is not the
    /// computed one.
    PrintedScore,
    /// Whether the printed 得分 differs from the computed one (CSV only; the
    /// other reports mark the printed score itself).
    PrintedDiffers,
    Manual,
    Met,
    Over,
    Missing,
    Deviation,
}

/// Every column, in the order every report shows those it shows.
pub const COLUMNS: [Column; 17] = [
    Column::Level1,
    Column::Level2,
    Column::Name,
    Column::Target,
    Column::Actual,
    Column::Value,
    Column::Unit,
    Column::Points,
    Column::Score,
    Column::PrintedPoints,
    Column::PrintedScore,
    Column::PrintedDiffers,
    Column::Manual,
    Column::Met,
    Column::Over,
    Column::Missing,
    Column::Deviation,
];

/// What a column holds, and so how it aligns (numbers right).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Look {
    /// The name of a group of rows (一级、二级指标): the text table writes
    /// it only where it or an earlier group column changes, the workbook
    /// merges its runs.
    Group,
    Text,
    Number,
}

/// Whether the text table and Markdown show a column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shown {
    Always,
    /// Only when some indicator of the project has a value in it.
    WhenAny,
    Never,
}

/// A column's fixed facts.
pub struct Spec {
    pub header: &'static str,
    pub look: Look,
    /// In the text table and Markdown.
    pub table: Shown,
    /// In the HTML page's indicator table of each project.
    pub html: bool,
    /// In the workbook's project sheet. (CSV shows every column:
    /// `csv::ORDER` places each.)
    pub xlsx: Xlsx,
}

/// Whether the workbook's project sheet shows a column, and how wide.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Xlsx {
    Absent,
    Width(f64),
    /// As wide as this, where some indicator of the project has a value in it.
    WhenAny(f64),
    /// As wide as this; a row grows to show all of its text.
    Fitted(f64),
}

/// One cell, before a report writes it.
pub enum Cell<'a> {
    /// Text as it is: a name, a target as written.
    Text(&'a str),
    /// Text built for this cell (偏差原因).
    Owned(String),
    /// The actual as written (`None`: missing), with its measured value and
    /// unit when it has one (the workbook writes that as a number).
    Actual {
        written: Option<&'a str>,
        measured: Option<(Decimal, Option<&'a str>)>,
    },
    /// An exact number, written as it is (CSV's 完成值).
    Exact(Option<Decimal>),
    /// Text that may be absent (CSV's 单位).
    Maybe(Option<&'a str>),
    /// Points: a number with at most 2 decimals.
    Points(Decimal),
    /// A score: `—` when it could not be computed.
    Score(Option<Decimal>),
    /// A score that only some rows have (人工得分): empty when absent.
    Optional(Option<Decimal>),
    /// Points that only some rows have (表内分值): empty when absent.
    OptionalPoints(Option<Decimal>),
    /// A score the form printed (empty when absent), and whether it differs
    /// from the computed one (marked `≠`).
    Printed {
        printed: Option<Decimal>,
        differs: bool,
    },
    /// 是 / 否, or empty.
    YesNo(Option<bool>),
}

impl Cell<'_> {
    /// Does the cell hold something ([`Shown::WhenAny`])?
    pub fn is_present(&self) -> bool {
        match self {
            Cell::Text(_) | Cell::Owned(_) | Cell::Points(_) | Cell::Score(_) => true,
            Cell::Actual { written, .. } => written.is_some(),
            Cell::Exact(v) | Cell::Optional(v) | Cell::OptionalPoints(v) => v.is_some(),
            Cell::Printed { printed, .. } => printed.is_some(),
            Cell::Maybe(t) => t.is_some(),
            Cell::YesNo(b) => b.is_some(),
        }
    }
}

const fn spec(header: &'static str, look: Look, table: Shown, html: bool, xlsx: Xlsx) -> Spec {
    Spec {
        header,
        look,
        table,
        html,
        xlsx,
    }
}

impl Column {
    /// The column's header, kind and reports.
    pub const fn spec(self) -> Spec {
        use Look::{Group, Number, Text};
        use Shown::{Always, Never, WhenAny};
        use Xlsx::{Absent, Fitted, WhenAny as XlsxWhenAny, Width};
        match self {
            Column::Level1 => spec("一级指标", Group, Always, true, Width(10.0)),
            Column::Level2 => spec("二级指标", Group, Always, true, Width(17.0)),
            Column::Name => spec("三级指标", Text, Always, true, Fitted(24.0)),
            Column::Target => spec("年度指标值", Text, Always, true, Width(14.0)),
            Column::Actual => spec("实际完成值", Text, Always, true, Width(14.0)),
            Column::Value => spec("完成值", Number, Never, false, Absent),
            Column::Unit => spec("单位", Text, Never, false, Absent),
            Column::Points => spec("分值", Number, Always, true, Width(8.0)),
            Column::Score => spec("得分", Number, Always, true, Width(8.0)),
            Column::PrintedPoints => spec("表内分值", Number, WhenAny, true, XlsxWhenAny(8.0)),
            Column::PrintedScore => spec("表内得分", Number, WhenAny, true, XlsxWhenAny(9.0)),
            Column::PrintedDiffers => spec("表内得分不符", Text, Never, false, Absent),
            Column::Manual => spec("人工得分", Number, WhenAny, false, Absent),
            Column::Met => spec("达成", Text, Never, false, Absent),
            Column::Over => spec("超额完成", Text, Never, false, Absent),
            Column::Missing => spec("缺少完成值", Text, Never, false, Absent),
            Column::Deviation => spec("偏差原因分析及改进措施", Text, Always, false, Fitted(34.0)),
        }
    }

    /// The column's cell for one indicator.
    pub fn cell(self, i: &IndicatorEvaluation) -> Cell<'_> {
        match self {
            Column::Level1 => Cell::Text(&i.level1),
            Column::Level2 => Cell::Text(&i.level2),
            Column::Name => Cell::Text(&i.name),
            Column::Target => Cell::Text(&i.target),
            Column::Actual => Cell::Actual {
                written: i.actual.as_deref(),
                measured: i.actual_value.map(|v| (v, i.unit.as_deref())),
            },
            Column::Value => Cell::Exact(i.actual_value),
            Column::Unit => Cell::Maybe(i.actual_value.and(i.unit.as_deref())),
            Column::Points => Cell::Points(i.points),
            Column::Score => Cell::Score(i.score),
            Column::PrintedPoints => Cell::OptionalPoints(i.printed_points),
            Column::PrintedScore => Cell::Printed {
                printed: i.printed_score,
                differs: i.printed_differs(),
            },
            Column::PrintedDiffers => Cell::YesNo(i.printed_score.map(|_| i.printed_differs())),
            Column::Manual => Cell::Optional(i.manual.as_ref().map(|m| m.score)),
            Column::Met => Cell::YesNo(i.met),
            Column::Over => Cell::YesNo(Some(i.over_achieved)),
            Column::Missing => Cell::YesNo(Some(i.missing)),
            Column::Deviation => Cell::Owned(deviation(i)),
        }
    }
}

/// The columns a report shows, in order.
pub fn shown(keep: impl Fn(&Spec) -> bool) -> impl Iterator<Item = Column> {
    COLUMNS.into_iter().filter(move |c| keep(&c.spec()))
}

/// A cell as the text table, Markdown and the HTML page write it.
pub fn text(cell: Cell<'_>) -> Cow<'_, str> {
    match cell {
        Cell::Text(s) => Cow::Borrowed(s),
        Cell::Owned(s) => Cow::Owned(s),
        Cell::Actual { written, .. } => Cow::Borrowed(written.unwrap_or("（缺）")),
        Cell::Exact(v) => Cow::Owned(v.map(|v| v.to_string()).unwrap_or_default()),
        Cell::Maybe(t) => Cow::Borrowed(t.unwrap_or_default()),
        Cell::Points(d) => Cow::Owned(num(d)),
        Cell::Score(s) => Cow::Owned(s.map_or_else(|| "—".into(), |s| score(s, PLACES))),
        Cell::Optional(s) => Cow::Owned(s.map(|s| score(s, PLACES)).unwrap_or_default()),
        Cell::OptionalPoints(d) => Cow::Owned(d.map(num).unwrap_or_default()),
        Cell::Printed { printed, differs } => Cow::Owned(printed_text(printed, differs)),
        Cell::YesNo(b) => Cow::Borrowed(yes_no(b)),
    }
}

/// The mark after a printed score (or subtotal, total) that is not the
/// computed one: `9.00 ≠`.
pub const DIFFERS: &str = " ≠";

/// A printed score as the text reports write it: two decimals, and
/// [`DIFFERS`] where it is not the computed one; empty when not printed.
pub fn printed_text(printed: Option<Decimal>, differs: bool) -> String {
    match printed {
        Some(p) if differs => format!("{}{DIFFERS}", score(p, PLACES)),
        Some(p) => score(p, PLACES),
        None => String::new(),
    }
}

/// 是 / 否, or empty.
pub fn yes_no(b: Option<bool>) -> &'static str {
    match b {
        Some(true) => "是",
        Some(false) => "否",
        None => "",
    }
}

/// The decimals of a score in the reports.
pub const PLACES: u32 = 2;

/// A project's grade as the reports write it: the grade, `—` when there is
/// none (with the reason when the total is not graded, JX-V050), and the
/// grade the form printed beside it (`良（表内 优 ≠）`).
pub fn grade_text(p: &ProjectEvaluation) -> String {
    let mut s = match (&p.grade, &p.grade_withheld) {
        (Some(g), _) => g.to_string(),
        (None, Some(why)) => format!("—（不评等级：{why}）"),
        (None, None) => "—".to_string(),
    };
    if let Some(printed) = &p.printed_grade {
        let mark = if p.grade.as_ref() == Some(printed) {
            ""
        } else {
            DIFFERS
        };
        s.push_str(&format!("（表内 {printed}{mark}）"));
    }
    s
}

/// What the form printed for a project's total, for the text reports:
/// `表内分值 100，表内得分 100.00 ≠`; empty when it printed none.
pub fn printed_total_text(p: &ProjectEvaluation) -> String {
    let mut parts = Vec::new();
    if let Some(v) = p.printed_total_points {
        parts.push(format!("表内分值 {}", num(v)));
    }
    if p.printed_total.is_some() {
        parts.push(format!(
            "表内得分 {}",
            printed_text(p.printed_total, p.printed_total_differs())
        ));
    }
    parts.join("，")
}

/// A column of the department summary: one row per project.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProjectColumn {
    /// The project's number in the report (序号).
    Number,
    Name,
    Budget,
    Spent,
    Rate,
    ExecutionScore,
    IndicatorScore,
    Total,
    Grade,
    Adjusted,
}

/// Every column of the department summary, in order.
pub const PROJECT_COLUMNS: [ProjectColumn; 10] = [
    ProjectColumn::Number,
    ProjectColumn::Name,
    ProjectColumn::Budget,
    ProjectColumn::Spent,
    ProjectColumn::Rate,
    ProjectColumn::ExecutionScore,
    ProjectColumn::IndicatorScore,
    ProjectColumn::Total,
    ProjectColumn::Grade,
    ProjectColumn::Adjusted,
];

/// A department summary column's fixed facts.
pub struct ProjectSpec {
    /// The header in the text table and Markdown.
    pub header: &'static str,
    /// The header in the official forms (HTML page, workbook).
    pub form_header: &'static str,
    pub look: Look,
    /// In the text table and Markdown ([`Shown::WhenAny`]: when some
    /// project has a value in it).
    pub table: Shown,
    /// In the HTML page and the workbook's summary sheet, with this width.
    pub form_width: Option<f64>,
}

/// A department summary cell, before a report writes it.
pub enum ProjectCell<'a> {
    /// The project's number (序号).
    Number(usize),
    Text(&'a str),
    /// An amount in 元.
    Money(Option<Decimal>),
    /// A fraction shown as a percentage.
    Percent(Option<Decimal>),
    /// A score: `—` when it could not be computed.
    Score(Option<Decimal>),
    /// A word (等级): `—` when there is none.
    Word(Option<&'a str>),
    /// A score only some projects have: empty when absent.
    Optional(Option<Decimal>),
}

impl ProjectColumn {
    /// The column's headers, kind and reports.
    pub const fn spec(self) -> ProjectSpec {
        use Look::{Number, Text};
        use Shown::{Always, Never, WhenAny};
        const fn s(
            header: &'static str,
            form_header: &'static str,
            look: Look,
            table: Shown,
            form_width: Option<f64>,
        ) -> ProjectSpec {
            ProjectSpec {
                header,
                form_header,
                look,
                table,
                form_width,
            }
        }
        match self {
            ProjectColumn::Number => s("序号", "序号", Number, Never, Some(6.0)),
            ProjectColumn::Name => s("项目", "项目名称", Text, Always, Some(30.0)),
            ProjectColumn::Budget => {
                s("全年预算数", "全年预算数（元）", Number, Always, Some(16.0))
            }
            ProjectColumn::Spent => s("全年执行数", "全年执行数（元）", Number, Always, Some(16.0)),
            ProjectColumn::Rate => s("执行率", "执行率", Number, Always, Some(10.0)),
            ProjectColumn::ExecutionScore => {
                s("执行率得分", "执行率得分", Number, Always, Some(10.0))
            }
            ProjectColumn::IndicatorScore => s("指标得分", "指标得分", Number, Always, Some(10.0)),
            ProjectColumn::Total => s("总分", "总分", Number, Always, Some(10.0)),
            ProjectColumn::Grade => s("等级", "等级", Text, Always, Some(8.0)),
            ProjectColumn::Adjusted => s("含人工调整", "含人工调整", Number, WhenAny, None),
        }
    }

    /// The column's cell for the `n`-th project (from 1).
    pub fn cell(self, n: usize, p: &ProjectEvaluation) -> ProjectCell<'_> {
        match self {
            ProjectColumn::Number => ProjectCell::Number(n),
            ProjectColumn::Name => ProjectCell::Text(&p.name),
            ProjectColumn::Budget => ProjectCell::Money(p.budget),
            ProjectColumn::Spent => ProjectCell::Money(p.spent),
            ProjectColumn::Rate => ProjectCell::Percent(p.execution_rate),
            ProjectColumn::ExecutionScore => ProjectCell::Score(p.execution_score),
            ProjectColumn::IndicatorScore => ProjectCell::Score(p.indicator_total()),
            ProjectColumn::Total => ProjectCell::Score(p.total),
            ProjectColumn::Grade => ProjectCell::Word(p.grade.as_deref()),
            ProjectColumn::Adjusted => ProjectCell::Optional(p.adjusted_total),
        }
    }
}

/// A department summary cell as the text table, Markdown and the HTML
/// page write it.
pub fn project_text(cell: ProjectCell<'_>) -> Cow<'_, str> {
    let dash = || Cow::Borrowed("—");
    match cell {
        ProjectCell::Number(n) => Cow::Owned(n.to_string()),
        ProjectCell::Text(s) => Cow::Borrowed(s),
        ProjectCell::Money(v) => v.map_or_else(dash, |v| Cow::Owned(money(v))),
        ProjectCell::Percent(v) => v.map_or_else(dash, |v| Cow::Owned(percent(v))),
        ProjectCell::Score(v) => v.map_or_else(dash, |v| Cow::Owned(score(v, PLACES))),
        ProjectCell::Word(w) => Cow::Borrowed(w.unwrap_or("—")),
        ProjectCell::Optional(v) => Cow::Owned(v.map(|v| score(v, PLACES)).unwrap_or_default()),
    }
}

/// The department summary's columns in the official forms (HTML page,
/// workbook), in order.
pub fn form_project_columns() -> impl Iterator<Item = ProjectColumn> {
    PROJECT_COLUMNS
        .into_iter()
        .filter(|c| c.spec().form_width.is_some())
}

/// The header of the 执行率 a form printed on a budget row, beside the
/// indicator table's 表内分值 and 表内得分.
pub const PRINTED_RATE: &str = "表内执行率";

/// A column of the budget table (项目资金): one row for 年度资金总额, then
/// one for each row of the 自评's budget section under it (其中：…). What the
/// form printed (表内分值, 表内执行率, 表内得分) stands beside what jixiao
/// computes, never in its place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FundsColumn {
    Name,
    Initial,
    Adjusted,
    Spent,
    Points,
    Rate,
    Score,
    PrintedPoints,
    PrintedRate,
    PrintedScore,
}

/// Every column of the budget table, in order.
pub const FUNDS_COLUMNS: [FundsColumn; 10] = [
    FundsColumn::Name,
    FundsColumn::Initial,
    FundsColumn::Adjusted,
    FundsColumn::Spent,
    FundsColumn::Points,
    FundsColumn::Rate,
    FundsColumn::Score,
    FundsColumn::PrintedPoints,
    FundsColumn::PrintedRate,
    FundsColumn::PrintedScore,
];

/// A budget table column's fixed facts.
pub struct FundsSpec {
    pub header: &'static str,
    pub look: Look,
    /// [`Shown::Always`], or [`Shown::WhenAny`]: when some row has a value
    /// (a project with only `预算`/`执行` lines shows the table it always did).
    pub shown: Shown,
}

/// A budget table cell, before a report writes it.
pub enum FundsCell<'a> {
    Text(&'a str),
    /// An amount in 元: `—` on the total row when missing, empty elsewhere.
    Money(Option<Decimal>),
    /// A computed fraction shown as a percentage.
    Percent(Option<Decimal>),
    /// The rule set's points (total row only).
    Points(Option<Decimal>),
    /// The computed score: `—` when it could not be computed.
    Score(Option<Decimal>),
    /// A number the form printed (分值, 得分): as printed, empty when absent.
    Printed(Option<Decimal>),
    /// A 执行率 the form printed, with its printed digits.
    PrintedRate(Option<Decimal>),
    /// The 得分 the form printed, as printed, and whether it is not the
    /// computed score (then marked [`DIFFERS`], as an indicator's).
    PrintedScore {
        printed: Option<Decimal>,
        differs: bool,
    },
    /// Nothing in this row (a computed score on a row under the total).
    Blank,
}

impl FundsCell<'_> {
    /// Does the cell hold something ([`Shown::WhenAny`])?
    pub fn is_present(&self) -> bool {
        match self {
            FundsCell::Text(_) => true,
            FundsCell::Money(v)
            | FundsCell::Percent(v)
            | FundsCell::Points(v)
            | FundsCell::Score(v)
            | FundsCell::Printed(v)
            | FundsCell::PrintedRate(v)
            | FundsCell::PrintedScore { printed: v, .. } => v.is_some(),
            FundsCell::Blank => false,
        }
    }
}

/// A row of the budget table: the total from the project's own numbers,
/// the rows under it from its budget section.
pub struct FundsRow<'a> {
    /// `年度资金总额`; `其中：财政资金` for the first row under it.
    pub label: Cow<'a, str>,
    pub total: bool,
    pub initial: Option<Decimal>,
    pub adjusted: Option<Decimal>,
    pub spent: Option<Decimal>,
    pub points: Option<Decimal>,
    pub rate: Option<Decimal>,
    pub score: Option<Decimal>,
    pub printed_points: Option<Decimal>,
    pub printed_rate: Option<Decimal>,
    pub printed_score: Option<Decimal>,
}

impl FundsRow<'_> {
    /// The form printed a 得分 on the total row that is not the computed
    /// score (the rows under it have no computed score).
    pub fn printed_differs(&self) -> bool {
        self.total && matches!((self.printed_score, self.score), (Some(p), Some(s)) if p != s)
    }
}

/// The rows of a project's budget table, the total first.
pub fn funds_rows(p: &ProjectEvaluation) -> Vec<FundsRow<'_>> {
    let total = p.budget_rows.iter().find(|r| r.total);
    let mut rows = vec![FundsRow {
        label: Cow::Borrowed(crate::vocab::BudgetLine::Total.word()),
        total: true,
        initial: total.and_then(|t| t.initial),
        adjusted: p.budget,
        spent: p.spent,
        points: Some(p.execution_points),
        rate: p.execution_rate,
        score: p.execution_score,
        printed_points: total.and_then(|t| t.printed_points),
        printed_rate: p.printed_execution_rate,
        printed_score: p.printed_execution_score,
    }];
    for (k, r) in p.budget_rows.iter().filter(|r| !r.total).enumerate() {
        let label = if k == 0 {
            Cow::Owned(format!("{}{}", crate::vocab::OF_WHICH, r.name))
        } else {
            Cow::Borrowed(r.name.as_str())
        };
        rows.push(FundsRow {
            label,
            total: false,
            initial: r.initial,
            adjusted: r.adjusted,
            spent: r.spent,
            points: None,
            rate: r.rate,
            score: None,
            printed_points: r.printed_points,
            printed_rate: r.printed_rate,
            printed_score: r.printed_score,
        });
    }
    rows
}

impl FundsColumn {
    /// The column's header, kind and when it is shown.
    pub const fn spec(self) -> FundsSpec {
        use Look::{Number, Text};
        use Shown::{Always, WhenAny};
        const fn s(header: &'static str, look: Look, shown: Shown) -> FundsSpec {
            FundsSpec {
                header,
                look,
                shown,
            }
        }
        match self {
            FundsColumn::Name => s("项目资金（元）", Text, Always),
            FundsColumn::Initial => s("年初预算数", Number, WhenAny),
            FundsColumn::Adjusted => s("全年预算数", Number, Always),
            FundsColumn::Spent => s("全年执行数", Number, Always),
            FundsColumn::Points => s("分值", Number, Always),
            FundsColumn::Rate => s("执行率", Number, Always),
            FundsColumn::Score => s("得分", Number, Always),
            // The words of the indicator table's printed columns.
            FundsColumn::PrintedPoints => s(Column::PrintedPoints.spec().header, Number, WhenAny),
            FundsColumn::PrintedRate => s(PRINTED_RATE, Number, WhenAny),
            FundsColumn::PrintedScore => s(Column::PrintedScore.spec().header, Number, WhenAny),
        }
    }

    /// The column's cell in a row.
    pub fn cell<'a>(self, r: &'a FundsRow<'_>) -> FundsCell<'a> {
        let computed = |v| if r.total { v } else { FundsCell::Blank };
        match self {
            FundsColumn::Name => FundsCell::Text(&r.label),
            FundsColumn::Initial => FundsCell::Money(r.initial),
            FundsColumn::Adjusted => FundsCell::Money(r.adjusted),
            FundsColumn::Spent => FundsCell::Money(r.spent),
            FundsColumn::Points => computed(FundsCell::Points(r.points)),
            FundsColumn::Rate => FundsCell::Percent(r.rate),
            FundsColumn::Score => computed(FundsCell::Score(r.score)),
            FundsColumn::PrintedPoints => FundsCell::Printed(r.printed_points),
            FundsColumn::PrintedRate => FundsCell::PrintedRate(r.printed_rate),
            FundsColumn::PrintedScore => FundsCell::PrintedScore {
                printed: r.printed_score,
                differs: r.printed_differs(),
            },
        }
    }
}

/// The budget table's columns for a project: those always shown, and the
/// others where some row has a value.
pub fn funds_columns(rows: &[FundsRow<'_>]) -> Vec<FundsColumn> {
    FUNDS_COLUMNS
        .into_iter()
        .filter(|c| c.spec().shown == Shown::Always || rows.iter().any(|r| c.cell(r).is_present()))
        .collect()
}

/// A budget table cell as the text table, Markdown and the HTML page write
/// it; `total` says whether the row is the total (a missing amount there is
/// `—`, elsewhere blank, as on the form).
pub fn funds_text(cell: FundsCell<'_>, total: bool) -> Cow<'_, str> {
    let missing = || Cow::Borrowed(if total { "—" } else { "" });
    match cell {
        FundsCell::Text(s) => Cow::Borrowed(s),
        FundsCell::Money(v) => v.map_or_else(missing, |v| Cow::Owned(money(v))),
        FundsCell::Percent(v) => v.map_or_else(missing, |v| Cow::Owned(percent(v))),
        FundsCell::Points(v) => v.map_or_else(missing, |v| Cow::Owned(num(v))),
        FundsCell::Score(v) => v.map_or_else(missing, |v| Cow::Owned(score(v, PLACES))),
        FundsCell::Printed(v) => Cow::Owned(v.map(|v| v.to_string()).unwrap_or_default()),
        FundsCell::PrintedRate(v) => Cow::Owned(v.map(printed_rate).unwrap_or_default()),
        FundsCell::PrintedScore { printed, differs } => Cow::Owned(
            printed
                .map(|v| {
                    let mark = if differs { DIFFERS } else { "" };
                    format!("{v}{mark}")
                })
                .unwrap_or_default(),
        ),
        FundsCell::Blank => Cow::Borrowed(""),
    }
}

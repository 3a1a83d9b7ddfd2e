//! CSV for spreadsheets (UTF-8 with BOM so Excel reads the Chinese): per
//! project a 预算执行率 row, one row per indicator and a 总分 row, then the
//! department summary rows. Columns are in docs/reports.md.
//!
//! Numbers are numbers (issue 15): plain decimals, no thousands separator,
//! the unit in the header (`预算数（元）`) or in the 单位 column, so that a
//! spreadsheet can sum them. Text cells that a spreadsheet would read as a
//! formula (`=`, `+`, `-`, `@`, tab, carriage return first) get a leading
//! `'`, as OWASP recommends against CSV injection; number cells never do
//! (a negative number is a number).

use super::columns::{self, Column, COLUMNS};
use crate::model::display::{plain_num, plain_percent, plain_printed_rate, plain_yuan, score};
use crate::model::evaluation::{Evaluation, IndicatorEvaluation, ProjectEvaluation, Summary};
use rust_decimal::Decimal;
use std::borrow::Cow;

/// The columns of the CSV, in order: every column of the indicator table
/// ([`COLUMNS`], in its order) and those of the other rows.
const ORDER: [Col; 29] = [
    Col::Project,
    Col::Kind,
    Col::Of(Column::Level1),
    Col::Of(Column::Level2),
    Col::Of(Column::Name),
    Col::Of(Column::Target),
    Col::Of(Column::Actual),
    Col::Of(Column::Value),
    Col::Of(Column::Unit),
    Col::Initial,
    Col::Budget,
    Col::Spent,
    Col::Rate,
    Col::PrintedRate,
    Col::Of(Column::Points),
    Col::Of(Column::Score),
    Col::Of(Column::PrintedPoints),
    Col::Of(Column::PrintedScore),
    Col::Of(Column::PrintedDiffers),
    Col::Of(Column::Manual),
    Col::Grade,
    Col::AdjustedGrade,
    Col::PrintedGrade,
    Col::Of(Column::Met),
    Col::Of(Column::Over),
    Col::Of(Column::Missing),
    Col::Count,
    Col::Of(Column::Deviation),
    Col::Trace,
];

/// A row's cells by column, all empty to begin with.
struct Row<'a>([Cell<'a>; ORDER.len()]);

/// One cell: text (guarded against formulas) or a number (never guarded).
#[derive(Clone, Default)]
enum Cell<'a> {
    #[default]
    Empty,
    Text(Cow<'a, str>),
    Number(String),
}

/// A column of the CSV: one of the indicator table's, or one of the
/// project and summary rows'.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Col {
    Project,
    Kind,
    Of(Column),
    Budget,
    Spent,
    Rate,
    Grade,
    AdjustedGrade,
    /// The grade the form printed (总分 row).
    PrintedGrade,
    Count,
    Trace,
    /// The budget table's 年初预算数 (issue 17).
    Initial,
    /// The 执行率 the form printed on a budget row (its 分值 and 得分 are
    /// in the indicator table's 表内分值, 表内得分).
    PrintedRate,
}

impl Col {
    fn header(self) -> &'static str {
        match self {
            Col::Project => "项目",
            Col::Kind => "行",
            Col::Of(c) => c.spec().header,
            Col::Budget => "预算数（元）",
            Col::Spent => "执行数（元）",
            Col::Rate => "执行率（%）",
            Col::Grade => "等级",
            Col::AdjustedGrade => "人工调整后等级",
            Col::PrintedGrade => "表内等级",
            Col::Count => "个数",
            Col::Trace => "评分过程",
            Col::Initial => "年初预算数（元）",
            Col::PrintedRate => "表内执行率（%）",
        }
    }

    /// Where the column stands in [`ORDER`] (a test checks that they agree).
    const fn index(self) -> usize {
        match self {
            Col::Project => 0,
            Col::Kind => 1,
            Col::Of(c) => match c {
                Column::Level1 => 2,
                Column::Level2 => 3,
                Column::Name => 4,
                Column::Target => 5,
                Column::Actual => 6,
                Column::Value => 7,
                Column::Unit => 8,
                Column::Points => 14,
                Column::Score => 15,
                Column::PrintedPoints => 16,
                Column::PrintedScore => 17,
                Column::PrintedDiffers => 18,
                Column::Manual => 19,
                Column::Met => 23,
                Column::Over => 24,
                Column::Missing => 25,
                Column::Deviation => 27,
            },
            Col::Initial => 9,
            Col::Budget => 10,
            Col::Spent => 11,
            Col::Rate => 12,
            Col::PrintedRate => 13,
            Col::Grade => 20,
            Col::AdjustedGrade => 21,
            Col::PrintedGrade => 22,
            Col::Count => 26,
            Col::Trace => 28,
        }
    }
}

impl<'a> Row<'a> {
    fn new(project: &'a str, kind: &'static str) -> Row<'a> {
        let mut r = Row(std::array::from_fn(|_| Cell::Empty));
        r.text(Col::Project, project);
        r.text(Col::Kind, kind);
        r
    }
    fn text(&mut self, col: Col, s: impl Into<Cow<'a, str>>) -> &mut Self {
        if let Some(c) = self.0.get_mut(col.index()) {
            *c = Cell::Text(s.into());
        }
        self
    }
    fn number(&mut self, col: Col, n: Option<String>) -> &mut Self {
        if let (Some(c), Some(n)) = (self.0.get_mut(col.index()), n) {
            *c = Cell::Number(n);
        }
        self
    }
    /// An indicator's cell of `column`, as the CSV writes it.
    fn indicator(&mut self, column: Column, i: &'a IndicatorEvaluation) -> &mut Self {
        let col = Col::Of(column);
        match column.cell(i) {
            columns::Cell::Text(s) => self.text(col, s),
            columns::Cell::Owned(s) => self.text(col, s),
            columns::Cell::Actual { written, .. } | columns::Cell::Maybe(written) => {
                match written {
                    Some(s) => self.text(col, s),
                    None => self,
                }
            }
            columns::Cell::Exact(v) => self.number(col, v.map(|v| v.to_string())),
            columns::Cell::Points(d) => self.number(col, Some(plain_num(d))),
            columns::Cell::Score(s) | columns::Cell::Optional(s) => self.number(col, scored(s)),
            columns::Cell::OptionalPoints(d) => self.number(col, d.map(plain_num)),
            // The mark is the column 表内得分不符.
            columns::Cell::Printed { printed, .. } => self.number(col, scored(printed)),
            columns::Cell::YesNo(b) => match b {
                Some(_) => self.text(col, columns::yes_no(b)),
                None => self,
            },
        }
    }
    /// Append the row.
    fn write(&self, out: &mut String) {
        for (k, c) in self.0.iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            match c {
                Cell::Empty => {}
                Cell::Text(s) => field(out, s, true),
                Cell::Number(n) => field(out, n, false),
            }
        }
        out.push_str("\r\n");
    }
}

/// Append one field, quoted when it holds a separator, a quote or a line
/// break; a text that a spreadsheet would take for a formula gets a `'`.
pub(crate) fn field(out: &mut String, s: &str, text: bool) {
    let formula = text
        && matches!(
            s.as_bytes().first(),
            Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
        );
    // By bytes: these are ASCII, never part of a longer UTF-8 sequence, and
    // a byte test is several times faster than a search for four chars.
    if s.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r')) {
        out.push('"');
        if formula {
            out.push('\'');
        }
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        if formula {
            out.push('\'');
        }
        out.push_str(s);
    }
}

fn scored(s: Option<Decimal>) -> Option<String> {
    s.map(|s| score(s, 2))
}

/// The whole evaluation as CSV: `header`, `project` for each, `summary`.
pub fn render(ev: &Evaluation) -> String {
    super::stream::whole(ev, super::Format::Csv, false, &[], &crate::SourceMap::new())
}

/// The byte order mark and the header row.
pub(crate) fn header(out: &mut String) {
    out.push('\u{FEFF}');
    let mut r = Row::new("", "");
    for (c, col) in r.0.iter_mut().zip(ORDER) {
        *c = Cell::Text(Cow::Borrowed(col.header()));
    }
    r.write(out);
}

/// One project's rows: 预算执行率, one per indicator, 总分. Cells are
/// borrowed where they can be: a department of 100,000 projects is 870,000
/// rows (performance, issue 7).
pub(crate) fn project(out: &mut String, p: &ProjectEvaluation) {
    let name = p.name.as_str();
    let trace = p.execution_trace.rendered();
    // 预算执行率 (the total row of the budget table), then a 预算栏 row for
    // each row under it (its label in 三级指标).
    for r in columns::funds_rows(p) {
        let differs = r.printed_differs();
        let mut row = if r.total {
            Row::new(name, "预算执行率")
        } else {
            Row::new(name, "预算栏")
        };
        if !r.total {
            row.text(Col::Of(Column::Name), r.label);
        }
        row.number(Col::Budget, r.adjusted.map(plain_yuan))
            .number(Col::Spent, r.spent.map(plain_yuan))
            .number(Col::Rate, r.rate.and_then(plain_percent))
            .number(Col::Of(Column::Points), r.points.map(plain_num))
            .number(Col::Of(Column::Score), scored(r.score))
            .number(Col::Initial, r.initial.map(plain_yuan))
            .number(
                Col::Of(Column::PrintedPoints),
                r.printed_points.map(|v| v.to_string()),
            )
            .number(
                Col::PrintedRate,
                r.printed_rate.and_then(plain_printed_rate),
            )
            .number(
                Col::Of(Column::PrintedScore),
                r.printed_score.map(|v| v.to_string()),
            );
        if r.total && r.printed_score.is_some() {
            row.text(
                Col::Of(Column::PrintedDiffers),
                columns::yes_no(Some(differs)),
            );
        }
        if r.total {
            row.text(Col::Trace, trace.line.as_str());
        }
        row.write(out);
    }
    for i in &p.indicators {
        let trace = i.trace.rendered();
        let mut r = Row::new(name, "指标");
        for column in COLUMNS {
            r.indicator(column, i);
        }
        r.text(Col::Trace, trace.line.as_str()).write(out);
    }
    for g in p
        .groups
        .iter()
        .filter(|g| g.printed_points.is_some() || g.printed_score.is_some())
    {
        Row::new(name, "小计")
            .text(Col::Of(Column::Level1), g.name.as_str())
            .number(Col::Of(Column::Points), Some(plain_num(g.points)))
            .number(Col::Of(Column::Score), scored(g.score))
            .number(
                Col::Of(Column::PrintedPoints),
                g.printed_points.map(plain_num),
            )
            .number(Col::Of(Column::PrintedScore), scored(g.printed_score))
            .text(
                Col::Of(Column::PrintedDiffers),
                columns::yes_no(g.printed_score.map(|_| g.printed_differs())),
            )
            .write(out);
    }
    let mut r = Row::new(name, "总分");
    r.number(Col::Of(Column::Points), Some(plain_num(p.points())))
        .number(Col::Of(Column::Score), scored(p.total))
        .number(Col::Of(Column::Manual), scored(p.adjusted_total))
        .number(
            Col::Of(Column::PrintedPoints),
            p.printed_total_points.map(plain_num),
        )
        .number(Col::Of(Column::PrintedScore), scored(p.printed_total));
    if p.printed_total.is_some() {
        r.text(
            Col::Of(Column::PrintedDiffers),
            columns::yes_no(Some(p.printed_total_differs())),
        );
    }
    if let Some(g) = p.grade.as_deref() {
        r.text(Col::Grade, g);
    }
    if let Some(g) = p.adjusted_grade.as_deref() {
        r.text(Col::AdjustedGrade, g);
    }
    if let Some(g) = p.printed_grade.as_deref() {
        r.text(Col::PrintedGrade, g);
    }
    if let Some(why) = p.grade_withheld.as_deref() {
        r.text(Col::Trace, format!("不评等级：{why}"));
    }
    r.write(out);
}

/// The department summary rows (行 = 部门汇总, what in 三级指标): 合计 of
/// 预算数, 执行数 and 执行率; 平均分 in 得分; the counts in 个数.
pub(crate) fn summary(out: &mut String, department: &str, s: &Summary) {
    Row::new(department, "部门汇总")
        .text(Col::Of(Column::Name), "合计")
        .number(Col::Budget, s.budget.map(plain_yuan))
        .number(Col::Spent, s.spent.map(plain_yuan))
        .number(Col::Rate, s.execution_rate.and_then(plain_percent))
        .write(out);
    Row::new(department, "部门汇总")
        .text(Col::Of(Column::Name), "平均分")
        .number(Col::Of(Column::Score), scored(s.average))
        .write(out);
    let counts = [
        ("项目数", s.projects),
        ("有自评数据的项目数", s.evaluated),
        ("指标数", s.indicators),
        ("达成的指标数", s.met),
        ("缺少完成值的指标数", s.missing),
    ];
    for (what, n) in counts {
        Row::new(department, "部门汇总")
            .text(Col::Of(Column::Name), what)
            .number(Col::Count, Some(n.to_string()))
            .write(out);
    }
    for (grade, n) in &s.grades {
        Row::new(department, "部门汇总")
            .text(Col::Of(Column::Name), format!("等级为{grade}的项目数"))
            .number(Col::Count, Some(n.to_string()))
            .write(out);
    }
}

#[cfg(test)]
mod tests {
    use super::{field, Col, COLUMNS, ORDER};

    #[test]
    fn every_indicator_column_stands_once_in_order() {
        for (k, col) in ORDER.iter().enumerate() {
            assert_eq!(col.index(), k, "{col:?}");
        }
        let of: Vec<_> = ORDER
            .iter()
            .filter_map(|c| if let Col::Of(c) = c { Some(*c) } else { None })
            .collect();
        assert_eq!(of, COLUMNS);
    }

    fn written(s: &str, text: bool) -> String {
        let mut out = String::new();
        field(&mut out, s, text);
        out
    }

    #[test]
    fn text_that_starts_a_formula_gets_a_quote_mark() {
        assert_eq!(written("=1+1", true), "'=1+1");
        assert_eq!(written("+86 21", true), "'+86 21");
        assert_eq!(written("-3 万元", true), "'-3 万元");
        assert_eq!(written("@SUM(A1)", true), "'@SUM(A1)");
        assert_eq!(written("\tx", true), "'\tx");
        assert_eq!(written("\rx", true), "\"'\rx\"");
        assert_eq!(written("=A1,B1", true), "\"'=A1,B1\"");
        assert_eq!(written("培训人数", true), "培训人数");
    }

    #[test]
    fn numbers_are_never_guarded() {
        assert_eq!(written("-3", false), "-3");
        assert_eq!(written("-0.50", false), "-0.50");
    }
}

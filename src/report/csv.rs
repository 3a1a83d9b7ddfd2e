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

use super::selfeval as cells;
use crate::engine::fmt::{num_rounded, score};
use crate::model::evaluation::{Evaluation, ProjectEvaluation, Summary};
use rust_decimal::{Decimal, RoundingStrategy};
use std::borrow::Cow;

const HEADERS: [&str; 23] = [
    "项目",
    "行",
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "完成值",
    "单位",
    "预算数（元）",
    "执行数（元）",
    "执行率（%）",
    "分值",
    "得分",
    "人工得分",
    "等级",
    "人工调整后等级",
    "达成",
    "超额完成",
    "缺少完成值",
    "个数",
    "偏差原因分析及改进措施",
    "评分过程",
];

/// A row's cells by column, all empty to begin with.
struct Row<'a>([Cell<'a>; HEADERS.len()]);

/// One cell: text (guarded against formulas) or a number (never guarded).
#[derive(Clone, Default)]
enum Cell<'a> {
    #[default]
    Empty,
    Text(Cow<'a, str>),
    Number(String),
}

/// Column indices, named.
#[derive(Clone, Copy)]
enum Col {
    Project,
    Kind,
    Level1,
    Level2,
    Name,
    Target,
    Actual,
    Value,
    Unit,
    Budget,
    Spent,
    Rate,
    Points,
    Score,
    Manual,
    Grade,
    AdjustedGrade,
    Met,
    Over,
    Missing,
    Count,
    Deviation,
    Trace,
}

impl<'a> Row<'a> {
    fn new(project: &'a str, kind: &'static str) -> Row<'a> {
        let mut r = Row(std::array::from_fn(|_| Cell::Empty));
        r.text(Col::Project, project);
        r.text(Col::Kind, kind);
        r
    }
    fn text(&mut self, col: Col, s: impl Into<Cow<'a, str>>) -> &mut Self {
        if let Some(c) = self.0.get_mut(col as usize) {
            *c = Cell::Text(s.into());
        }
        self
    }
    fn number(&mut self, col: Col, n: Option<String>) -> &mut Self {
        if let (Some(c), Some(n)) = (self.0.get_mut(col as usize), n) {
            *c = Cell::Number(n);
        }
        self
    }
    fn yes(&mut self, col: Col, b: Option<bool>) -> &mut Self {
        match b {
            Some(b) => self.text(col, if b { "是" } else { "否" }),
            None => self,
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
fn field(out: &mut String, s: &str, text: bool) {
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

/// An amount in 元: exact, with at least the 2 decimals of 分.
fn yuan(d: Decimal) -> String {
    let mut d = d;
    if d.scale() < 2 {
        d.rescale(2);
    }
    d.to_string()
}

/// A fraction as a percentage, 2 decimals (half up), as every report shows it.
fn percent(fraction: Decimal) -> Option<String> {
    let mut p = fraction
        .checked_mul(Decimal::ONE_HUNDRED)?
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    p.rescale(2);
    Some(p.to_string())
}

fn points(d: Decimal) -> Option<String> {
    Some(num_rounded(d).to_string())
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
    for (c, h) in r.0.iter_mut().zip(HEADERS) {
        *c = Cell::Text(Cow::Borrowed(h));
    }
    r.write(out);
}

/// One project's rows: 预算执行率, one per indicator, 总分. Cells are
/// borrowed where they can be: a department of 100,000 projects is 870,000
/// rows (performance, issue 7).
pub(crate) fn project(out: &mut String, p: &ProjectEvaluation) {
    let name = p.name.as_str();
    let trace = p.execution_trace.rendered();
    Row::new(name, "预算执行率")
        .number(Col::Budget, p.budget.map(yuan))
        .number(Col::Spent, p.spent.map(yuan))
        .number(Col::Rate, p.execution_rate.and_then(percent))
        .number(Col::Points, points(p.execution_points))
        .number(Col::Score, scored(p.execution_score))
        .text(Col::Trace, trace.line.as_str())
        .write(out);
    for i in &p.indicators {
        let trace = i.trace.rendered();
        let mut r = Row::new(name, "指标");
        r.text(Col::Level1, i.level1.as_str())
            .text(Col::Level2, i.level2.as_str())
            .text(Col::Name, i.name.as_str())
            .text(Col::Target, i.target.as_str())
            .number(Col::Value, i.actual_value.map(|v| v.to_string()))
            .number(Col::Points, points(i.points))
            .number(Col::Score, scored(i.score))
            .number(Col::Manual, scored(i.manual.as_ref().map(|m| m.score)))
            .yes(Col::Met, i.met)
            .yes(Col::Over, Some(i.over_achieved))
            .yes(Col::Missing, Some(i.missing))
            .text(Col::Deviation, cells::deviation(i))
            .text(Col::Trace, trace.line.as_str());
        if let Some(a) = i.actual.as_deref() {
            r.text(Col::Actual, a);
        }
        if let (Some(u), Some(_)) = (i.unit.as_deref(), i.actual_value) {
            r.text(Col::Unit, u);
        }
        r.write(out);
    }
    let mut r = Row::new(name, "总分");
    r.number(Col::Points, Some("100".into()))
        .number(Col::Score, scored(p.total))
        .number(Col::Manual, scored(p.adjusted_total));
    if let Some(g) = p.grade.as_deref() {
        r.text(Col::Grade, g);
    }
    if let Some(g) = p.adjusted_grade.as_deref() {
        r.text(Col::AdjustedGrade, g);
    }
    r.write(out);
}

/// The department summary rows (行 = 部门汇总, what in 三级指标): 合计 of
/// 预算数, 执行数 and 执行率; 平均分 in 得分; the counts in 个数.
pub(crate) fn summary(out: &mut String, department: &str, s: &Summary) {
    Row::new(department, "部门汇总")
        .text(Col::Name, "合计")
        .number(Col::Budget, s.budget.map(yuan))
        .number(Col::Spent, s.spent.map(yuan))
        .number(Col::Rate, s.execution_rate.and_then(percent))
        .write(out);
    Row::new(department, "部门汇总")
        .text(Col::Name, "平均分")
        .number(Col::Score, scored(s.average))
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
            .text(Col::Name, what)
            .number(Col::Count, Some(n.to_string()))
            .write(out);
    }
    for (grade, n) in &s.grades {
        Row::new(department, "部门汇总")
            .text(Col::Name, format!("等级为{grade}的项目数"))
            .number(Col::Count, Some(n.to_string()))
            .write(out);
    }
}

#[cfg(test)]
mod tests {
    use super::field;

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

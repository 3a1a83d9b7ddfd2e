//! CSV: one row per indicator, plus a 预算执行率 row and a 总分 row per
//! project, for spreadsheets (UTF-8 with BOM so Excel reads the Chinese).

use super::selfeval as cells;
use crate::engine::fmt::{money, num, score};
use crate::model::evaluation::{Evaluation, ProjectEvaluation};
use std::borrow::Cow;

const HEADERS: [&str; 15] = [
    "项目",
    "行",
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
    "人工得分",
    "达成",
    "超额完成",
    "缺少完成值",
    "偏差原因分析及改进措施",
    "评分过程",
];

/// Append one field, quoted when it holds a separator, a quote or a line break.
fn field(out: &mut String, s: &str) {
    // By bytes: these are ASCII, never part of a longer UTF-8 sequence, and
    // a byte test is several times faster than a search for four chars.
    if s.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r')) {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

fn text(s: &str) -> Cow<'_, str> {
    Cow::Borrowed(s)
}

/// Append one row. Cells are borrowed where they can be: a department of
/// 100,000 projects is 870,000 rows (performance, issue 7).
fn line<S: AsRef<str>>(out: &mut String, cells: &[S]) {
    for (k, c) in cells.iter().enumerate() {
        if k > 0 {
            out.push(',');
        }
        field(out, c.as_ref());
    }
    out.push_str("\r\n");
}

/// The whole evaluation as CSV: [`header`], then [`project`] for each.
pub fn render(ev: &Evaluation) -> String {
    super::stream::whole(ev, super::Format::Csv, false, &[], &crate::SourceMap::new())
}

/// The byte order mark and the header row.
pub(crate) fn header(out: &mut String) {
    out.push('\u{FEFF}');
    line(out, &HEADERS);
}

/// One project's rows: 预算执行率, one per indicator, 总分.
pub(crate) fn project(out: &mut String, p: &ProjectEvaluation) {
    let yes = |b: bool| Cow::Borrowed(if b { "是" } else { "否" });
    let empty = || Cow::Borrowed("");
    let name = p.name.as_str();
    line(
        out,
        &[
            text(name),
            text("预算执行率"),
            empty(),
            empty(),
            empty(),
            p.budget
                .map(|b| Cow::Owned(format!("{} 元", money(b))))
                .unwrap_or_default(),
            p.spent
                .map(|b| Cow::Owned(format!("{} 元", money(b))))
                .unwrap_or_default(),
            Cow::Owned(num(p.execution_points)),
            p.execution_score
                .map(|s| Cow::Owned(score(s, 2)))
                .unwrap_or_default(),
            empty(),
            empty(),
            empty(),
            empty(),
            empty(),
            text(&p.execution_trace.rendered().line),
        ],
    );
    for i in &p.indicators {
        let trace = i.trace.rendered();
        line(
            out,
            &[
                text(name),
                text("指标"),
                text(&i.level1),
                text(&i.level2),
                text(&i.name),
                text(&i.target),
                i.actual.as_deref().map(text).unwrap_or_default(),
                Cow::Owned(num(i.points)),
                i.score.map(|s| Cow::Owned(score(s, 2))).unwrap_or_default(),
                i.manual
                    .as_ref()
                    .map(|m| Cow::Owned(score(m.score, 2)))
                    .unwrap_or_default(),
                i.met.map(yes).unwrap_or_default(),
                yes(i.over_achieved),
                yes(i.missing),
                Cow::Owned(cells::deviation(i)),
                text(&trace.line),
            ],
        );
    }
    line(
        out,
        &[
            text(name),
            text("总分"),
            empty(),
            empty(),
            empty(),
            empty(),
            empty(),
            text("100"),
            p.total.map(|s| Cow::Owned(score(s, 2))).unwrap_or_default(),
            p.adjusted_total
                .map(|s| Cow::Owned(score(s, 2)))
                .unwrap_or_default(),
            empty(),
            empty(),
            empty(),
            p.grade.as_deref().map(text).unwrap_or_default(),
            empty(),
        ],
    );
}

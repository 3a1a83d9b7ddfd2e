//! The table part of corpus forms (`tests/corpus/import/<form>/`), copied
//! verbatim, read into what the hand models (`tests/corpus/selfeval/<form>/`)
//! say the form holds. Cells are made by a test-only splitter (the real
//! cell stream is `cells::cells`).

use super::super::cells::Cell;
use super::{find_header, read, Table};
use crate::diagnostic::Diagnostic;
use crate::import::draft::DraftActualValue;
use rust_decimal::Decimal;

#[derive(Clone, Copy)]
pub(super) enum Shape {
    /// `a | b | c` rows (empty pieces are empty cells).
    Pipe,
    /// One cell per line; a blank line is an empty cell.
    Lines,
    /// Flattened: cells separated by spaces.
    Flat,
}

pub(super) fn split(text: &str, shape: Shape) -> Vec<Cell> {
    let mut out = Vec::new();
    let mut offset = 0;
    for (n, line) in text.split('\n').enumerate() {
        let line_start = offset;
        offset += line.len() + 1;
        let mut push = |t: &str, first: bool| {
            let start = line_start + line.find(t.trim()).unwrap_or(0);
            out.push(Cell {
                text: t.trim().to_string(),
                start,
                end: start + t.trim().len(),
                line: n + 1,
                row_start: first,
            });
        };
        match shape {
            Shape::Lines => push(line, true),
            Shape::Flat => {
                for (k, t) in line.split_whitespace().enumerate() {
                    push(t, k == 0);
                }
            }
            Shape::Pipe => {
                let t = line.trim();
                let mut pieces: Vec<&str> = t.split('|').collect();
                if t.starts_with('|') && pieces.len() > 1 {
                    pieces.remove(0);
                }
                if t.ends_with('|') && pieces.len() > 1 {
                    pieces.pop();
                }
                for (k, p) in pieces.iter().enumerate() {
                    push(p, k == 0);
                }
            }
        }
    }
    out
}

fn opt(n: Option<rust_decimal::Decimal>) -> String {
    n.map_or("-".into(), |v| v.normalize().to_string())
}

/// Indicators as `一级/二级/三级 目标 分值` (the target as the importer writes it), actuals as `三级 完成值 分值 得分 原因`.
pub(super) fn render(table: &Table) -> (Vec<String>, Vec<String>) {
    let inds = table
        .indicators
        .iter()
        .filter_map(|e| e.value.as_ref())
        .map(|i| {
            format!(
                "{}/{}/{}{} {}",
                i.level1,
                i.level2,
                i.name,
                crate::import::write::target(&i.target),
                opt(i.attributes.points)
            )
        })
        .collect();
    let acts = table
        .actuals
        .iter()
        .filter_map(|e| e.value.as_ref())
        .map(|a| {
            let v = match &a.value {
                Some(DraftActualValue::Quantity {
                    comparator,
                    value,
                    unit,
                }) => format!(
                    "{}{}{unit}",
                    comparator.map_or("", |c| c.symbol()),
                    value.normalize()
                ),
                Some(DraftActualValue::Word(w)) => format!(":{w}"),
                None => "-".into(),
            };
            let reason = a
                .reason
                .as_deref()
                .map(|r| format!(" 原因 {r}"))
                .unwrap_or_default();
            format!("{} {v} {} {}{reason}", a.name, opt(a.points), opt(a.score))
        })
        .collect();
    (inds, acts)
}

pub(super) fn import(text: &str, shape: Shape) -> Result<(Table, Vec<Diagnostic>), Diagnostic> {
    let cells = split(text, shape);
    let header = find_header(&cells).expect("header");
    read(&cells, &header)
}

pub(super) fn codes(diags: &[Diagnostic]) -> Vec<&'static str> {
    diags.iter().map(|d| d.code).collect()
}

mod corpus;
mod corpus_pipe;

pub(super) fn expect(text: &str, shape: Shape, indicators: &[&str], actuals: &[&str]) -> Table {
    let (table, _) = import(text, shape).unwrap();
    let (inds, acts) = render(&table);
    assert_eq!(inds, indicators);
    assert_eq!(acts, actuals);
    table
}

pub(super) fn assert_weights(table: &Table, expected: &[(&str, i64)]) {
    let expected: Vec<(String, Decimal)> = expected
        .iter()
        .map(|(n, p)| (n.to_string(), Decimal::from(*p)))
        .collect();
    assert_eq!(table.group_points, expected);
}

/// Every corpus text, cut in each of the three shapes, reads or fails with
/// a diagnostic (no panic), and a failure is JX-I017 with a span.
#[test]
fn no_text_panics() {
    let Ok(dirs) = std::fs::read_dir("tests/corpus/import") else {
        panic!("corpus missing");
    };
    let mut read_any = 0;
    for dir in dirs.filter_map(Result::ok) {
        let Ok(files) = std::fs::read_dir(dir.path()) else {
            continue;
        };
        for file in files.filter_map(Result::ok) {
            if file.path().extension().is_none_or(|x| x != "txt") {
                continue;
            }
            let text = std::fs::read_to_string(file.path()).unwrap_or_default();
            for shape in [Shape::Pipe, Shape::Lines, Shape::Flat] {
                let cells = split(&text, shape);
                if let Some(h) = find_header(&cells) {
                    match read(&cells, &h) {
                        Ok(_) => read_any += 1,
                        Err(e) => {
                            assert_eq!(e.code, "JX-I017");
                            assert!(e.primary_span().is_some(), "{}", e.message);
                        }
                    }
                }
            }
        }
    }
    assert!(read_any > 10);
}

/// A long table reads in bounded time: 2,000 flattened rows.
#[test]
fn long_flat_table() {
    let mut text = String::from("一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施 产出指标(50分) 数量指标");
    for i in 0..2000 {
        text.push_str(&format!(" 指标名称{i}号 ≥{i}个 {i} 8 8"));
    }
    let started = std::time::Instant::now();
    let (table, _) = import(&text, Shape::Flat).unwrap();
    assert_eq!(table.indicators.len(), 2000);
    assert!(started.elapsed().as_secs() < 20);
}

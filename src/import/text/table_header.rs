//! The indicator table's header (`一级指标 二级指标 三级指标 指标值`) found
//! inside a line. An extractor that runs cells together puts it after the
//! goals' last line, or the first row after it, on one line; the header is
//! cut out so that the text before it is read where it belongs and the text
//! after it is the table's first row (issue 18: the whole line was taken as
//! the header and the rest of it dropped, silently).

use super::{compact, Line};

/// The lines with each header that shares its line cut out into a line of
/// its own (the same line number, the text before and after on lines of
/// their own).
pub(super) fn cut_out(lines: &[Line]) -> Vec<Line> {
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        match find(&line.text) {
            Some((start, end)) if start > 0 || end < line.text.len() => {
                for (from, to) in [(0, start), (start, end), (end, line.text.len())] {
                    if let Some(part) = piece(line, from, to) {
                        out.push(part);
                    }
                }
            }
            _ => out.push(line.clone()),
        }
    }
    out
}

/// Byte range of the header in `text`: from `一级` (or the vertical label
/// `绩效指标` just before it) to the value column's title after `三级指标`.
fn find(text: &str) -> Option<(usize, usize)> {
    let third = text.find("三级指标")?;
    let before = text.get(..third)?;
    let mut start = before
        .rfind("一级")
        .or_else(|| before.rfind("二级指标"))
        .unwrap_or(third);
    let label = text.get(..start)?.trim_end();
    if label.ends_with("绩效指标") {
        start = label.len() - "绩效指标".len();
    }
    let mut end = third + "三级指标".len();
    // The value column: `指标值`, `年度(/项目)指标值`, `年度(/项目) 指标值`.
    for _ in 0..2 {
        let rest = text.get(end..)?;
        let token = rest.split_whitespace().next().unwrap_or("");
        let t = compact(token);
        let is_title = t.contains("指标值") || t.starts_with("年度(") || t.starts_with("年度（");
        if token.is_empty() || !is_title {
            break;
        }
        end += rest.find(token).unwrap_or(0) + token.len();
        if t.contains("指标值") {
            break;
        }
    }
    Some((start, end))
}

/// The part `from..to` of a line, trimmed, as a line of its own.
fn piece(line: &Line, from: usize, to: usize) -> Option<Line> {
    let raw = line.text.get(from..to)?;
    let text = raw.trim();
    if text.is_empty() {
        return None;
    }
    let lead = raw.len() - raw.trim_start().len();
    let start = (line.start + from + lead).min(line.end);
    Some(Line {
        no: line.no,
        start,
        end: (start + text.len()).min(line.end),
        text: text.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        let line = Line {
            no: 1,
            start: 0,
            end: text.len(),
            text: text.into(),
        };
        cut_out(&[line]).into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn header_inside_a_line() {
        assert_eq!(
            texts("处理。 一级指标 二级指标 三级指标 年度(/项目)指标值"),
            ["处理。", "一级指标 二级指标 三级指标 年度(/项目)指标值"]
        );
        assert_eq!(
            texts("处理。 绩效指标 一级指标 二级指标 三级指标 指标值 产出指标 数量指标 次数 ≥3次"),
            [
                "处理。",
                "绩效指标 一级指标 二级指标 三级指标 指标值",
                "产出指标 数量指标 次数 ≥3次"
            ]
        );
        // A header line of its own is left alone.
        assert_eq!(
            texts("二级指标 三级指标 年度(/项目)指标值"),
            ["二级指标 三级指标 年度(/项目)指标值"]
        );
    }
}

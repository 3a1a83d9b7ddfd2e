//! The text as a stream of cells (owner: part A).
//!
//! - `a | b | c` lines: each `|`-separated piece is a cell (empty pieces are
//!   empty cells);
//! - one cell per line (Word/HTML extracts; `&nbsp;`/blank lines are empty
//!   cells);
//! - flattened text (a whole table on one line, cells separated by spaces):
//!   each whitespace-separated run is a cell.
//!
//! The shape is decided once for the whole text: any `|` makes it the first
//! (lines without `|` are then one cell each); else a text whose lines are
//! mostly separated by blank lines is the second; else the third.

/// One cell of the source, trimmed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Cell {
    /// Trimmed text; inner whitespace kept (`实施单位 (盖章)`). Empty for an
    /// empty cell.
    pub text: String,
    /// Byte range in the source (for diagnostics' spans).
    pub start: usize,
    pub end: usize,
    /// 1-based source line.
    pub line: usize,
    /// True for the first cell of a source line or `|` row: where rows of
    /// the table begin when the extractor kept them.
    pub row_start: bool,
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

/// How the extractor laid the cells out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    Pipes,
    OnePerLine,
    Flattened,
}

/// The shape of the whole text.
pub(crate) fn shape(text: &str) -> Shape {
    if text.contains('|') {
        return Shape::Pipes;
    }
    let lines = text.lines().count();
    let blank = text.lines().filter(|l| l.is_empty()).count();
    // A one-cell-per-line extract separates (almost) every cell by a blank
    // line: 廊坊 332 of 464 lines, 岳阳县 64 of 129; flattened lines are
    // rarely blank (历城 18 of 57).
    if lines >= 4 && blank * 5 >= lines * 2 {
        Shape::OnePerLine
    } else {
        Shape::Flattened
    }
}

/// Split the text into cells.
pub(crate) fn cells(text: &str) -> Vec<Cell> {
    let shape = shape(text);
    let mut out = Vec::new();
    let mut offset = 0;
    for (index, raw) in text.split('\n').enumerate() {
        let line = index + 1;
        let start = offset;
        offset += raw.len() + 1;
        match shape {
            Shape::Pipes if raw.contains('|') => pipe_row(raw, start, line, &mut out),
            Shape::Pipes | Shape::OnePerLine => whole_line(raw, start, line, &mut out),
            Shape::Flattened => runs(raw, start, line, &mut out),
        }
    }
    out
}

/// A cell for `raw[from..to]` of the line at `base`, trimmed.
fn cell(raw: &str, from: usize, to: usize, base: usize, line: usize, row_start: bool) -> Cell {
    let piece = raw.get(from..to).unwrap_or("");
    let lead = piece.len() - piece.trim_start().len();
    let text = piece.trim();
    let text = if text == "&nbsp;" { "" } else { text };
    let start = base + from + lead;
    Cell {
        text: text.to_string(),
        start,
        end: start + piece.trim().len(),
        line,
        row_start,
    }
}

/// `a | b | |c`: every piece; a line's last piece is dropped when empty
/// (the row's closing bar).
fn pipe_row(raw: &str, base: usize, line: usize, out: &mut Vec<Cell>) {
    let mut from = 0;
    let mut first = true;
    let bars: Vec<usize> = raw.match_indices('|').map(|(i, _)| i).collect();
    for &bar in &bars {
        out.push(cell(raw, from, bar, base, line, first));
        first = false;
        from = bar + 1;
    }
    let last = cell(raw, from, raw.len(), base, line, first);
    if !last.is_empty() {
        out.push(last);
    }
}

/// The line is one cell. An empty line separates cells; a line of only
/// spaces or `&nbsp;` is an empty cell.
fn whole_line(raw: &str, base: usize, line: usize, out: &mut Vec<Cell>) {
    if raw.is_empty() {
        return;
    }
    out.push(cell(raw, 0, raw.len(), base, line, true));
}

/// Each whitespace-separated run is a cell.
fn runs(raw: &str, base: usize, line: usize, out: &mut Vec<Cell>) {
    let mut start: Option<usize> = None;
    let mut first = true;
    for (i, c) in raw.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push(cell(raw, s, i, base, line, first));
                first = false;
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(cell(raw, s, raw.len(), base, line, first));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(cells: &[Cell]) -> Vec<&str> {
        cells.iter().map(|c| c.text.as_str()).collect()
    }

    /// Every cell's span is its text in the source.
    fn spans_exact(text: &str, cells: &[Cell]) {
        for c in cells.iter().filter(|c| !c.is_empty()) {
            assert_eq!(text.get(c.start..c.end), Some(c.text.as_str()), "{c:?}");
        }
    }

    #[test]
    fn pipe_rows_of_xiaoxian() {
        // 萧县 2023, lines 6-7 as published.
        let text = "全年预算数(A) | 全年执行数(B) | 分值 | 执行率(B/A) | 得分 | |||||\n\
                    其他资金 | - | - | ||||||||\n资金情况 (万元) |\n满意";
        let cells = cells(text);
        let row: Vec<&str> = texts(&cells).into_iter().take(6).collect();
        assert_eq!(
            row,
            [
                "全年预算数(A)",
                "全年执行数(B)",
                "分值",
                "执行率(B/A)",
                "得分",
                ""
            ]
        );
        let other: Vec<&Cell> = cells.iter().filter(|c| c.line == 2).collect();
        assert_eq!(other.first().map(|c| c.text.as_str()), Some("其他资金"));
        assert!(other.first().is_some_and(|c| c.row_start));
        assert_eq!(other.get(1).map(|c| c.text.as_str()), Some("-"));
        assert!(!other.get(1).is_some_and(|c| c.row_start));
        // Inner spaces kept; the closing bar adds no cell; a line without
        // bars is one cell.
        let last: Vec<&str> = cells
            .iter()
            .filter(|c| c.line >= 3)
            .map(|c| c.text.as_str())
            .collect();
        assert_eq!(last, ["资金情况 (万元)", "满意"]);
        spans_exact(text, &cells);
    }

    #[test]
    fn leading_bar_is_an_empty_cell() {
        // 永德 2022: “| 387664.62 | 387664.62 | —”.
        let cells = cells("| 387664.62 | 387664.62 | —");
        assert_eq!(texts(&cells), ["", "387664.62", "387664.62", "—"]);
    }

    #[test]
    fn one_cell_per_line_of_langfang() {
        // 廊坊 2019: blank lines separate cells, a line of one space is an
        // empty cell (the 分值 of the 其中 row).
        let text = "项目名称\n\n办公宿舍楼\n\n主管部门\n\n其中:当年财政拨款\n\n43.2\n\n \n\n      上年结转资金\n";
        let cells = cells(text);
        assert_eq!(
            texts(&cells),
            [
                "项目名称",
                "办公宿舍楼",
                "主管部门",
                "其中:当年财政拨款",
                "43.2",
                "",
                "上年结转资金"
            ]
        );
        assert_eq!(cells.get(6).map(|c| c.line), Some(13));
        spans_exact(text, &cells);
    }

    #[test]
    fn flattened_tangxi() {
        // 棠溪 2022: the whole form on one line.
        let text = "附件: 项目支出绩效自评表 (2022年度) 项目名称 委托业务项目 项目资金 (万元) 年度资金总额: 0 0";
        let cells = cells(text);
        assert_eq!(
            texts(&cells),
            [
                "附件:",
                "项目支出绩效自评表",
                "(2022年度)",
                "项目名称",
                "委托业务项目",
                "项目资金",
                "(万元)",
                "年度资金总额:",
                "0",
                "0"
            ]
        );
        assert!(cells.first().is_some_and(|c| c.row_start));
        assert!(cells.iter().skip(1).all(|c| !c.row_start && c.line == 1));
        spans_exact(text, &cells);
    }

    #[test]
    fn shapes() {
        assert_eq!(shape("a | b"), Shape::Pipes);
        assert_eq!(shape("a\n\nb\n\nc\n\nd\n"), Shape::OnePerLine);
        assert_eq!(shape("a b c\nd e\nf\ng h\n"), Shape::Flattened);
        assert!(cells("").is_empty());
    }
}

//! Tables whose columns align by display width (a CJK character is two
//! columns wide), as plain text or as Markdown.

use unicode_width::UnicodeWidthStr;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// A row of a grid: its cells by column, `""` past the last.
pub trait Cells {
    fn cell(&self, i: usize) -> &str;
}

impl Cells for Vec<String> {
    fn cell(&self, i: usize) -> &str {
        self.get(i).map(String::as_str).unwrap_or("")
    }
}

/// A row kept in one allocation: the cells written one after another and
/// where each ends. The department summary keeps one per project until the
/// last is scored (its column widths need every row), so they stay small.
#[derive(Clone, Debug, Default)]
pub struct CompactRow {
    text: Box<str>,
    ends: Box<[u32]>,
}

impl CompactRow {
    pub fn new<S: AsRef<str>>(cells: &[S]) -> CompactRow {
        CompactRow::of(cells)
    }

    /// A row of the cells an iterator gives.
    pub fn of<S: AsRef<str>>(cells: impl IntoIterator<Item = S>) -> CompactRow {
        let cells = cells.into_iter();
        let mut text = String::new();
        let mut ends = Vec::with_capacity(cells.size_hint().0);
        for c in cells {
            text.push_str(c.as_ref());
            ends.push(u32::try_from(text.len()).unwrap_or(u32::MAX));
        }
        CompactRow {
            text: text.into_boxed_str(),
            ends: ends.into_boxed_slice(),
        }
    }
}

impl Cells for CompactRow {
    fn cell(&self, i: usize) -> &str {
        let start = match i.checked_sub(1) {
            Some(k) => self.ends.get(k).copied().unwrap_or(u32::MAX),
            None => 0,
        };
        let end = self.ends.get(i).copied().unwrap_or(u32::MAX);
        self.text.get(start as usize..end as usize).unwrap_or("")
    }
}

#[derive(Clone, Debug)]
pub struct Grid<R = Vec<String>> {
    pub headers: Vec<String>,
    pub aligns: Vec<Align>,
    pub rows: Vec<R>,
}

impl<R: Cells> Grid<R> {
    pub fn new(headers: &[&str], aligns: &[Align]) -> Grid<R> {
        Grid {
            headers: headers.iter().map(|h| h.to_string()).collect(),
            aligns: aligns.to_vec(),
            rows: Vec::new(),
        }
    }

    pub fn row(&mut self, cells: R) {
        self.rows.push(cells);
    }

    fn align(&self, i: usize) -> Align {
        self.aligns.get(i).copied().unwrap_or(Align::Left)
    }

    /// Plain text: columns separated by two spaces, a dashed rule under the
    /// header, no trailing spaces.
    #[cfg(test)]
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.write_text(&mut out);
        out
    }

    /// `Grid::text`, appended to `out`.
    pub fn write_text(&self, out: &mut String) {
        let n = self.headers.len();
        let mut widths: Vec<usize> = self.headers.iter().map(|h| h.width()).collect();
        for r in &self.rows {
            for (i, w) in widths.iter_mut().enumerate().take(n) {
                *w = (*w).max(r.cell(i).width());
            }
        }
        let line = |out: &mut String, cells: &dyn Cells| {
            let start = out.len();
            for (i, w) in widths.iter().enumerate() {
                let c = cells.cell(i);
                let pad = w.saturating_sub(c.width());
                if i > 0 {
                    out.push_str("  ");
                }
                match self.align(i) {
                    Align::Left => {
                        out.push_str(c);
                        spaces(out, pad);
                    }
                    Align::Right => {
                        spaces(out, pad);
                        out.push_str(c);
                    }
                }
            }
            let kept = out.get(start..).map_or(0, |l| l.trim_end().len());
            out.truncate(start + kept);
            out.push('\n');
        };
        line(out, &self.headers);
        for (i, w) in widths.iter().enumerate() {
            if i > 0 {
                out.push_str("  ");
            }
            out.extend(std::iter::repeat_n('-', *w));
        }
        out.push('\n');
        for r in &self.rows {
            line(out, r);
        }
    }

    #[cfg(test)]
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        self.write_markdown(&mut out);
        out
    }

    /// The grid as a Markdown table, appended to `out`.
    pub fn write_markdown(&self, out: &mut String) {
        let esc = |out: &mut String, c: &str| {
            out.push(' ');
            if c.contains(['|', '\n']) {
                out.push_str(&c.replace('|', "\\|").replace('\n', " "));
            } else {
                out.push_str(c);
            }
            out.push_str(" |");
        };
        out.push('|');
        for h in &self.headers {
            esc(out, h);
        }
        out.push_str("\n|");
        for i in 0..self.headers.len() {
            out.push_str(match self.align(i) {
                Align::Left => " --- |",
                Align::Right => " ---: |",
            });
        }
        out.push('\n');
        for r in &self.rows {
            out.push('|');
            for i in 0..self.headers.len() {
                esc(out, r.cell(i));
            }
            out.push('\n');
        }
    }
}

fn spaces(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_by_display_width() {
        let mut g = Grid::new(&["指标", "得分"], &[Align::Left, Align::Right]);
        g.row(vec!["使用者满意率".into(), "9.99".into()]);
        g.row(vec!["ab".into(), "10.00".into()]);
        assert_eq!(
            g.text(),
            "指标           得分\n------------  -----\n使用者满意率   9.99\nab            10.00\n"
        );
    }

    #[test]
    fn markdown_escapes_pipes() {
        let mut g = Grid::new(&["a"], &[Align::Left]);
        g.row(vec!["x|y".into()]);
        assert_eq!(g.markdown(), "| a |\n| --- |\n| x\\|y |\n");
    }

    #[test]
    fn compact_rows_render_as_rows_of_strings() {
        let cells = ["使用者满意率", "", "9.99"];
        let row = CompactRow::new(&cells);
        assert_eq!(
            (0..4).map(|i| row.cell(i)).collect::<Vec<_>>(),
            ["使用者满意率", "", "9.99", ""]
        );
        let heads = ["指标", "说明", "得分", "调整"];
        let aligns = [Align::Left, Align::Left, Align::Right, Align::Right];
        let mut compact: Grid<CompactRow> = Grid::new(&heads, &aligns);
        let mut strings: Grid = Grid::new(&heads, &aligns);
        compact.row(row);
        compact.row(CompactRow::new(&["合计"]));
        strings.row(cells.iter().map(|c| c.to_string()).collect());
        strings.row(vec!["合计".into()]);
        assert_eq!(compact.text(), strings.text());
        assert_eq!(compact.markdown(), strings.markdown());
        assert_eq!(
            compact.text(),
            "指标          说明  得分  调整\n------------  ----  ----  ----\n使用者满意率        9.99\n合计\n"
        );
    }
}

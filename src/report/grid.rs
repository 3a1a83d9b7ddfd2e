//! Tables whose columns align by display width (a CJK character is two
//! columns wide), as plain text or as Markdown.

use unicode_width::UnicodeWidthStr;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

#[derive(Clone, Debug, Default)]
pub struct Grid {
    pub headers: Vec<String>,
    pub aligns: Vec<Align>,
    pub rows: Vec<Vec<String>>,
}

impl Grid {
    pub fn new(headers: &[&str], aligns: &[Align]) -> Grid {
        Grid {
            headers: headers.iter().map(|h| h.to_string()).collect(),
            aligns: aligns.to_vec(),
            rows: Vec::new(),
        }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    fn align(&self, i: usize) -> Align {
        self.aligns.get(i).copied().unwrap_or(Align::Left)
    }

    /// Plain text: columns separated by two spaces, a dashed rule under the
    /// header, no trailing spaces.
    pub fn text(&self) -> String {
        let n = self.headers.len();
        let mut widths: Vec<usize> = self.headers.iter().map(|h| h.width()).collect();
        for r in &self.rows {
            for (i, c) in r.iter().enumerate().take(n) {
                if let Some(w) = widths.get_mut(i) {
                    *w = (*w).max(c.width());
                }
            }
        }
        let line = |cells: &[String]| -> String {
            let mut s = String::new();
            for (i, w) in widths.iter().enumerate() {
                let c = cells.get(i).map(String::as_str).unwrap_or("");
                let pad = w.saturating_sub(c.width());
                if i > 0 {
                    s.push_str("  ");
                }
                match self.align(i) {
                    Align::Left => {
                        s.push_str(c);
                        s.push_str(&" ".repeat(pad));
                    }
                    Align::Right => {
                        s.push_str(&" ".repeat(pad));
                        s.push_str(c);
                    }
                }
            }
            s.trim_end().to_string()
        };
        let mut out = line(&self.headers);
        out.push('\n');
        let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
        out.push_str(&rule.join("  "));
        out.push('\n');
        for r in &self.rows {
            out.push_str(&line(r));
            out.push('\n');
        }
        out
    }

    pub fn markdown(&self) -> String {
        let esc = |c: &str| c.replace('|', "\\|").replace('\n', " ");
        let mut out = String::from("|");
        for h in &self.headers {
            out.push_str(&format!(" {} |", esc(h)));
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
                let c = r.get(i).map(String::as_str).unwrap_or("");
                out.push_str(&format!(" {} |", esc(c)));
            }
            out.push('\n');
        }
        out
    }
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
}

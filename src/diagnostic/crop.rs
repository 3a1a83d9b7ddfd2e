//! Cropping very long source lines for display: a 1,000-digit number or a
//! pasted megabyte on one line would otherwise be printed whole. Lines longer
//! than [`MAX_CHARS`] are cut to a window around the first label in them,
//! with “…” marking what was left out; label offsets are mapped to match.

/// Lines longer than this (in characters) are cropped.
pub const MAX_CHARS: usize = 160;
/// Characters kept before a label in a cropped line.
const LEAD: usize = 40;
const ELLIPSIS: &str = "…";

struct Line {
    /// Byte range of the line in the original text (without its newline).
    start: usize,
    end: usize,
    /// The kept window, in original bytes.
    keep_start: usize,
    keep_end: usize,
    /// Where the line starts in the cropped text, and the length of the
    /// leading “…” (0 if none).
    new_start: usize,
    lead: usize,
}

pub struct Cropped {
    pub text: String,
    lines: Vec<Line>,
}

fn floor(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Byte offset `n` characters after `from` (or the end of `s`).
fn chars_after(text: &str, from: usize, n: usize, end: usize) -> usize {
    text.get(from..end)
        .and_then(|t| t.char_indices().nth(n).map(|(i, _)| from + i))
        .unwrap_or(end)
}

/// Byte offset `n` characters before `from` (not before `start`).
fn chars_before(text: &str, from: usize, n: usize, start: usize) -> usize {
    text.get(start..from)
        .and_then(|t| {
            t.char_indices()
                .rev()
                .nth(n.saturating_sub(1))
                .map(|(i, _)| start + i)
        })
        .unwrap_or(start)
}

impl Cropped {
    /// Crop `text`; `anchors` are the label offsets to keep in view.
    pub fn new(text: &str, anchors: &[usize]) -> Cropped {
        let mut out = String::with_capacity(text.len().min(1 << 16));
        let mut lines = Vec::new();
        let mut start = 0;
        loop {
            let end = text
                .get(start..)
                .and_then(|t| t.find('\n'))
                .map_or(text.len(), |i| start + i);
            let line = text.get(start..end).unwrap_or("");
            let long = line.len() > MAX_CHARS && line.chars().nth(MAX_CHARS).is_some();
            let (keep_start, keep_end) = if long {
                let anchor = anchors
                    .iter()
                    .copied()
                    .filter(|a| (start..=end).contains(a))
                    .min()
                    .map_or(start, |a| floor(text, a));
                let ks = chars_before(text, anchor, LEAD, start);
                (ks, chars_after(text, ks, MAX_CHARS, end))
            } else {
                (start, end)
            };
            let new_start = out.len();
            let lead = if keep_start > start {
                ELLIPSIS.len()
            } else {
                0
            };
            if lead > 0 {
                out.push_str(ELLIPSIS);
            }
            out.push_str(text.get(keep_start..keep_end).unwrap_or(""));
            if keep_end < end {
                out.push_str(ELLIPSIS);
            }
            lines.push(Line {
                start,
                end,
                keep_start,
                keep_end,
                new_start,
                lead,
            });
            if end >= text.len() {
                break;
            }
            out.push('\n');
            start = end + 1;
        }
        Cropped { text: out, lines }
    }

    /// Is any line cropped?
    #[cfg(test)]
    pub fn is_cropped(&self) -> bool {
        self.lines
            .iter()
            .any(|l| l.keep_start > l.start || l.keep_end < l.end)
    }

    /// An original byte offset in the cropped text.
    pub fn map(&self, offset: usize) -> usize {
        let i = self
            .lines
            .partition_point(|l| l.start <= offset)
            .saturating_sub(1);
        let Some(l) = self.lines.get(i) else {
            return self.text.len();
        };
        let o = offset.min(l.end);
        if o < l.keep_start {
            l.new_start
        } else if o > l.keep_end {
            l.new_start + l.lead + (l.keep_end - l.keep_start)
        } else {
            l.new_start + l.lead + (o - l.keep_start)
        }
        .min(self.text.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_untouched() {
        let c = Cropped::new("部门 {\n}\n", &[3]);
        assert!(!c.is_cropped());
        assert_eq!(c.text, "部门 {\n}\n");
        assert_eq!(c.map(7), 7);
    }

    #[test]
    fn long_line_is_cut_around_the_label() {
        let text = format!("甲\n{}X{}\n乙", "啊".repeat(500), "啊".repeat(500));
        let x = text.find('X').unwrap();
        let c = Cropped::new(&text, &[x]);
        assert!(c.is_cropped());
        assert!(c.text.chars().count() < 200);
        assert_eq!(c.text.get(c.map(x)..c.map(x) + 1), Some("X"));
        assert!(c.text.ends_with("\n乙"));
        let y = text.find('乙').unwrap();
        assert_eq!(c.text.get(c.map(y)..), Some("乙"));
    }
}

//! What miette's `SourceCode::read_span` answers for a [`CharColumns`]
//! source, computed directly. miette's `str` source (`context_info`) walks
//! the text byte by byte from its start for every question; for a text
//! without `\r` its answers come down to a few newline searches, and
//! `CharColumns` then shifts lines by the window's first line and counts the
//! column in characters. tests/render_fast.rs checks this against miette.

use super::super::CharColumns;
use memchr::{memchr_iter, memrchr};

/// How many lines around the span miette asks for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Reach {
    /// No context (the header's line and column).
    Exact,
    /// One line before and after, the default (the lines shown).
    Around,
}

/// A `SpanContents`: the bytes `start..end` of the text, and where they are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Contents {
    pub start: usize,
    pub end: usize,
    /// 0-based line of `start` in the file.
    pub line: usize,
    /// 0-based column of the span (characters) for [`Reach::Exact`]; 0
    /// with context.
    pub column: usize,
    /// Newlines up to `end`, plus the window's first line (as miette's
    /// merging of snippets compares them).
    pub line_count: usize,
}

fn newlines(bytes: &[u8]) -> usize {
    memchr_iter(b'\n', bytes).count()
}

/// `source.read_span(offset, len, …)`, or `None` where miette would fail or
/// the text has a `\r` (miette counts a lone `\r` as a line end here but
/// not when it lays out the lines: left to miette).
pub(super) fn read(src: &CharColumns, offset: usize, len: usize, reach: Reach) -> Option<Contents> {
    let text = src.text.as_bytes();
    let n = text.len();
    let end = offset.checked_add(len)?;
    if end > n || text.contains(&b'\r') {
        return None;
    }
    let before = text.get(..offset)?;
    let lines_before = newlines(before);
    let contents = match reach {
        Reach::Exact => {
            // miette stops after the span's last byte.
            let stop = if n == 0 {
                0
            } else {
                end.saturating_sub(1).saturating_add(1)
            };
            let line_start = memrchr(b'\n', before).map_or(0, |i| i + 1);
            let column = match src.primary {
                Some((o, col)) if o == offset => col,
                _ => match src.text.get(line_start..offset) {
                    Some(t) => t.chars().count(),
                    None => offset - line_start,
                },
            };
            Contents {
                start: offset,
                end: stop,
                line: lines_before,
                column,
                line_count: newlines(text.get(..stop)?),
            }
        }
        Reach::Around => {
            // From the start of the line before the span's...
            let start = match memrchr(b'\n', before) {
                None => 0,
                Some(p) => memrchr(b'\n', before.get(..p)?).map_or(0, |q| q + 1),
            };
            // ...to the end of the line after the one the span ends on:
            // past the second newline at or after the span's end (at least
            // the second byte).
            let from = end.max(1);
            let stop = match text.get(from..) {
                Some(rest) => memchr_iter(b'\n', rest).nth(1).map_or(n, |i| from + i + 1),
                None => n,
            };
            Contents {
                start,
                end: stop,
                line: lines_before.saturating_sub(1),
                column: 0,
                line_count: newlines(text.get(..stop)?),
            }
        }
    };
    Some(Contents {
        line: contents.line.saturating_add(src.first_line),
        line_count: contents.line_count.saturating_add(src.first_line),
        ..contents
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use miette::SourceCode;

    fn source(text: &str, first_line: usize, primary: Option<(usize, usize)>) -> CharColumns {
        CharColumns {
            name: "x.jx".into(),
            text: text.into(),
            primary,
            first_line,
        }
    }

    /// Every span of some small texts, against miette itself.
    #[test]
    fn agrees_with_miette_on_every_span() {
        let texts = [
            "",
            "a",
            "\n",
            "\n\n",
            "ab\ncd",
            "ab\ncd\n",
            "一二\n三\n\n四五六\n",
            "x\n\ny\nz\n\nw",
            "甲\n乙\n丙\n丁\n戊\n己\n",
        ];
        for (k, text) in texts.iter().enumerate() {
            for first_line in [0, 7] {
                for offset in 0..=text.len() {
                    for len in 0..=text.len() - offset {
                        let src = source(text, first_line, Some((1, 42)).filter(|_| k % 2 == 0));
                        for (reach, around) in [(Reach::Exact, 0), (Reach::Around, 1)] {
                            let ours = read(&src, offset, len, reach);
                            let theirs = src.read_span(&(offset, len).into(), around, around);
                            let theirs = theirs.ok().map(|c| Contents {
                                start: c.span().offset(),
                                end: c.span().offset() + c.span().len(),
                                line: c.line(),
                                column: c.column(),
                                line_count: c.line_count(),
                            });
                            assert_eq!(ours, theirs, "{text:?} {offset}+{len} {around}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn a_carriage_return_is_left_to_miette() {
        assert_eq!(read(&source("a\r\nb", 0, None), 3, 1, Reach::Around), None);
    }
}

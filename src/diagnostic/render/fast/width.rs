//! Display widths for the fast path. miette measures source lines with
//! unicode-width 0.1 and textwrap measures messages with 0.2; the two
//! disagree on some characters (emoji sequences, control and combining
//! characters, newly assigned code points). Only characters whose width is
//! certain in both are accepted — the ones our files and messages are made
//! of: ASCII, Latin, CJK ideographs and punctuation, full-width forms,
//! kana, hangul, common symbols. Anything else makes the fast path decline.

/// The width of `c` in columns, or `None` when the fast path must not guess.
pub(super) fn width(c: char) -> Option<usize> {
    let c = u32::from(c);
    if (0x20..=0x7E).contains(&c) {
        return Some(1);
    }
    if (0x4E00..=0x9FFF).contains(&c) {
        return Some(2);
    }
    let i = TABLE
        .partition_point(|&(lo, _, _)| lo <= c)
        .checked_sub(1)?;
    let &(_, hi, w) = TABLE.get(i)?;
    (c <= hi).then_some(w)
}

/// Ranges of code points (first, last, width), sorted.
pub(super) const TABLE: &[(u32, u32, usize)] = &[
    (0x20, 0x7E, 1),
    (0xA0, 0xAC, 1),
    (0xAE, 0x17F, 1),
    (0x391, 0x3A1, 1),
    (0x3A3, 0x3A9, 1),
    (0x3B1, 0x3C9, 1),
    (0x401, 0x401, 1),
    (0x410, 0x44F, 1),
    (0x451, 0x451, 1),
    (0x2010, 0x2027, 1),
    (0x2030, 0x205E, 1),
    (0x2100, 0x218B, 1),
    (0x2190, 0x22FF, 1),
    (0x2460, 0x24FF, 1),
    (0x2500, 0x257F, 1),
    (0x25A0, 0x25FA, 1),
    (0x2605, 0x2606, 1),
    (0x3000, 0x3029, 2),
    (0x3030, 0x303E, 2),
    (0x3041, 0x3096, 2),
    (0x309B, 0x30FF, 2),
    (0x3400, 0x4DBF, 2),
    (0x4E00, 0x9FFF, 2),
    (0xAC00, 0xD7A3, 2),
    (0xF900, 0xFA6D, 2),
    (0xFA70, 0xFAD9, 2),
    (0xFF01, 0xFF60, 2),
    (0xFF61, 0xFF9F, 1),
    (0xFFE0, 0xFFE6, 2),
    (0xFFE8, 0xFFEE, 1),
    (0x20000, 0x2A6DF, 2),
];

/// The width of `text` as textwrap measures it, if every character is known.
pub(super) fn text_width(text: &str) -> Option<usize> {
    text.chars().map(width).sum()
}

/// Widths of the characters of a source line as miette lays it out: a tab
/// reaches the next multiple of 4 columns.
pub(super) fn line_widths(text: &str) -> impl Iterator<Item = Option<usize>> + '_ {
    let mut column = 0usize;
    text.chars().map(move |c| {
        let w = if c == '\t' {
            TAB - column % TAB
        } else {
            width(c)?
        };
        column = column.saturating_add(w);
        Some(w)
    })
}

/// miette's default tab width.
const TAB: usize = 4;

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthChar;

    /// textwrap's widths (unicode-width 0.2) for every character of the
    /// table; miette's (0.1) are checked through rendering, in
    /// tests/render_fast.rs.
    #[test]
    fn the_table_agrees_with_unicode_width() {
        assert!(
            TABLE.windows(2).all(|w| w[0].1 < w[1].0),
            "sorted, disjoint"
        );
        for &(lo, hi, _) in TABLE {
            for c in (lo..=hi).filter_map(char::from_u32) {
                assert_eq!(width(c), c.width(), "{c:?} U+{:04X}", u32::from(c));
            }
        }
        for c in [
            '\t', '\n', '\r', '\u{1b}', '\u{ad}', '\u{300}', '\u{fe0f}', '😀',
        ] {
            assert_eq!(width(c), None, "{c:?}");
        }
        for c in [
            '\u{1f}',
            '\u{7f}',
            '\u{9f}',
            '\u{3a2}',
            '\u{302a}',
            '\u{a0000}',
        ] {
            assert_eq!(width(c), None, "{c:?}");
        }
    }

    #[test]
    fn tabs_reach_the_next_stop() {
        let w: Vec<_> = line_widths("a\t项\tb").collect();
        assert_eq!(w, [Some(1), Some(3), Some(2), Some(2), Some(1)]);
        assert_eq!(line_widths("a\u{1b}").last(), Some(None));
    }
}

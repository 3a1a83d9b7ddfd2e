//! Byte offsets ↔ LSP positions (line, character in UTF-16 code units).
//!
//! jixiao's spans are byte offsets; an editor counts a line's characters
//! in UTF-16 units, so “培训人数” is 12 bytes but 4 characters, and a
//! character outside the Basic Multilingual Plane (𠀀, an emoji) is 4
//! bytes and 2 units. A line ends at `\n`, `\r\n` or a lone `\r`, as LSP
//! says.

use lsp_types::Position;

/// The start of every line of one text.
#[derive(Debug)]
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let mut starts = vec![0];
        let bytes = text.as_bytes();
        // memchr rather than a byte loop: this runs over the whole document
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            // the \n of a \r\n ends the line, not its \r
            if bytes.get(i) == Some(&b'\n') || bytes.get(i + 1) != Some(&b'\n') {
                starts.push(i + 1);
            }
        }
        LineIndex { text, starts }
    }

    /// The position of byte `offset` (clamped to the text, moved back to
    /// the start of the character it falls inside).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset = offset.saturating_sub(1);
        }
        let line = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.starts.get(line).copied().unwrap_or(0);
        let character = self
            .text
            .get(start..offset)
            .map_or(0, |s| s.encode_utf16().count());
        Position::new(to_u32(line), to_u32(character))
    }

    /// The byte offset of `position`: a character past the line's end is
    /// its end (before the line break), a line past the text its end.
    pub fn offset(&self, position: Position) -> usize {
        let line = position.line as usize;
        let Some(&start) = self.starts.get(line) else {
            return self.text.len();
        };
        let end = self
            .starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        let line_text = self.text.get(start..end).unwrap_or("");
        let content = line_text.trim_end_matches(['\n', '\r']);
        let mut units = 0u32;
        for (i, c) in content.char_indices() {
            if units >= position.character {
                return start + i;
            }
            units = units.saturating_add(to_u32(c.len_utf16()));
        }
        start + content.len()
    }

    /// Where the text ends.
    pub fn end(&self) -> Position {
        self.position(self.text.len())
    }
}

/// Ranges in the editor's text of byte ranges in the text the library
/// read: that text has no byte-order mark, so the editor's first line is
/// one character further right when its text starts with one.
pub struct Placer<'a> {
    pub index: LineIndex<'a>,
    /// 1 when the editor's text starts with a byte-order mark.
    pub bom: u32,
}

impl Placer<'_> {
    pub fn range(&self, start: usize, end: usize) -> lsp_types::Range {
        let mut r = lsp_types::Range::new(self.index.position(start), self.index.position(end));
        for p in [&mut r.start, &mut r.end] {
            if p.line == 0 {
                p.character = p.character.saturating_add(self.bom);
            }
        }
        r
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_counts_one_unit_per_character() {
        let text = "部门 \"示例局\" {\n  培训人数 ≥ 140 人\n}\n";
        let index = LineIndex::new(text);
        let at = text.find("140").unwrap();
        // “  培训人数 ≥ ” is 2 + 4 + 1 + 1 + 1 units, not 18 bytes
        assert_eq!(index.position(at), Position::new(1, 9));
        assert_eq!(index.offset(Position::new(1, 9)), at);
        assert_eq!(index.position(text.len()), Position::new(3, 0));
        assert_eq!(index.end(), Position::new(3, 0));
    }

    #[test]
    fn astral_characters_count_two_units() {
        let text = "a𠀀b\n";
        let index = LineIndex::new(text);
        assert_eq!(index.position(5), Position::new(0, 3));
        assert_eq!(index.offset(Position::new(0, 3)), 5);
        // inside the 4-byte character: its start
        assert_eq!(index.position(3), Position::new(0, 1));
        // in the middle of its two units: the character after it begins
        assert_eq!(index.offset(Position::new(0, 2)), 5);
    }

    #[test]
    fn every_line_break_and_out_of_range() {
        let text = "一\r\n二\r三\n";
        let index = LineIndex::new(text);
        assert_eq!(
            index.position(text.find('二').unwrap()),
            Position::new(1, 0)
        );
        assert_eq!(
            index.position(text.find('三').unwrap()),
            Position::new(2, 0)
        );
        assert_eq!(index.position(usize::MAX), Position::new(3, 0));
        // past a line's end: its end, before the break
        assert_eq!(index.offset(Position::new(0, 99)), 3);
        assert_eq!(index.offset(Position::new(99, 0)), text.len());
        assert_eq!(LineIndex::new("").end(), Position::new(0, 0));
    }
}

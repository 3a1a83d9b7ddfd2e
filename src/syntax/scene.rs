//! The scene of a parse error: which block it is in, what the line says
//! before it, and what was found there. Used to word the error like a person
//! would (“资金块里没有……”) instead of listing grammar alternatives.
//!
//! Everything here is a light scan of the text (strings and comments
//! skipped); it never fails and never panics.

/// One `{` that is open at the error position.
#[derive(Clone, Debug)]
pub struct Opener {
    /// Byte offset of the `{`.
    pub offset: usize,
    /// The first word of the text before the `{` on its line (`资金`,
    /// `产出指标`, `项目`), or empty.
    pub key: String,
    /// The whole text before the `{` on its line, trimmed.
    pub head: String,
}

/// The text around the error position.
#[derive(Clone, Debug)]
pub struct Scene<'t> {
    pub text: &'t str,
    pub pos: usize,
    /// Blocks open at `pos`, outermost first.
    pub open: Vec<Opener>,
    /// The line's text before `pos`.
    pub before: &'t str,
    /// The statement's text before `pos`: the line's, after the last `{`
    /// or `;` (`资金 { 总额 …` → `总额 …`).
    pub stmt: &'t str,
    /// The line's text from `pos` to the end of the line.
    pub after: &'t str,
    /// The first word of the statement.
    pub key: String,
    /// Byte offset of the first word of the statement.
    pub key_start: usize,
}

/// Characters that end a word in messages (as `name_stop` in the grammar).
pub fn is_stop(c: char) -> bool {
    super::ends_bare_name(c)
}

/// Comparator characters, half- and full-width.
pub fn is_cmp_char(c: char) -> bool {
    matches!(
        c,
        '≥' | '≤' | '≧' | '≦' | '>' | '<' | '=' | '＞' | '＜' | '＝' | '﹦' | '═' | '!' | '≠'
    )
}

impl<'t> Scene<'t> {
    pub fn new(text: &'t str, pos: usize) -> Scene<'t> {
        let mut pos = floor_char(text, pos.min(text.len()));
        // Point at what follows blanks, not at the blanks.
        if let Some(rest) = text.get(pos..) {
            let blanks = rest.len() - rest.trim_start_matches([' ', '\t', '\u{3000}']).len();
            let after = rest.get(blanks..).unwrap_or("");
            if blanks > 0 && !after.is_empty() && !after.starts_with(['\n', '\r']) {
                pos += blanks;
            }
        }
        let line_start = text
            .get(..pos)
            .and_then(|t| t.rfind('\n'))
            .map_or(0, |i| i + 1);
        let line_end = text
            .get(pos..)
            .and_then(|t| t.find('\n'))
            .map_or(text.len(), |i| pos + i);
        let before = text.get(line_start..pos).unwrap_or("");
        let after = text.get(pos..line_end).unwrap_or("");
        let stmt_start = line_start + last_separator(before);
        let stmt_text = text.get(stmt_start..line_end).unwrap_or("");
        let indent = stmt_text.len() - stmt_text.trim_start().len();
        let key_start = stmt_start + indent;
        let key = first_word(stmt_text.trim_start());
        Scene {
            text,
            pos,
            open: open_blocks(text, pos),
            before,
            stmt: text.get(key_start.min(pos)..pos).unwrap_or(""),
            after,
            key,
            key_start,
        }
    }

    /// The keys of the open blocks, outermost first.
    pub fn keys(&self) -> Vec<&str> {
        self.open.iter().map(|o| o.key.as_str()).collect()
    }

    /// Is the error at the start of a statement (only blanks before it on
    /// its line, or a `{` or `;`)?
    pub fn at_stmt_start(&self) -> bool {
        self.stmt.trim().is_empty()
    }

    /// Nothing but blanks between `pos` and the end of the line (or file)?
    pub fn at_line_end(&self) -> bool {
        self.after.trim().is_empty() || self.after.trim_start().starts_with(['#', '＃'])
    }

    /// The last word before `pos` on this line.
    pub fn prev_word(&self) -> String {
        let t = self.before.trim_end();
        let start = t
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        t.get(start..).unwrap_or("").to_string()
    }

    /// The word found at `pos` and its length in bytes: a run of comparator
    /// characters, a single punctuation mark, or a word (at most 16 chars).
    pub fn found(&self) -> (String, usize) {
        let rest = self.text.get(self.pos..).unwrap_or("");
        let Some(first) = rest.chars().next() else {
            return ("文件结束".into(), 0);
        };
        if first == '\n' || first == '\r' {
            return ("行尾".into(), 0);
        }
        let len = if is_cmp_char(first) {
            rest.chars()
                .take_while(|c| is_cmp_char(*c))
                .map(char::len_utf8)
                .sum()
        } else if is_stop(first) || matches!(first, ',' | '，' | '(' | ')' | '（' | '）') {
            first.len_utf8()
        } else {
            rest.chars()
                .take_while(|c| !is_stop(*c))
                .take(16)
                .map(char::len_utf8)
                .sum()
        };
        let word = rest.get(..len).unwrap_or("");
        let more = rest
            .get(len..)
            .and_then(|r| r.chars().next())
            .is_some_and(|c| !is_stop(c))
            && !is_cmp_char(first)
            && !is_stop(first)
            && !matches!(first, ',' | '，' | '(' | ')' | '（' | '）');
        let shown = if more {
            format!("{word}…")
        } else {
            word.to_string()
        };
        (shown, len)
    }
}

/// Where the last statement of `before` starts: after its last `{` or `;`
/// outside quotes (0 if none).
fn last_separator(before: &str) -> usize {
    let mut quoted = false;
    let mut at = 0;
    for (i, c) in before.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '{' | ';' | '；' if !quoted => at = i + c.len_utf8(),
            _ => {}
        }
    }
    at
}

/// The first word of a line: up to a blank, a brace, a colon or a comparator.
pub fn first_word(line: &str) -> String {
    if line.starts_with('"') {
        return String::new();
    }
    line.chars().take_while(|c| !is_stop(*c)).collect()
}

fn floor_char(text: &str, mut pos: usize) -> usize {
    while pos > 0 && !text.is_char_boundary(pos) {
        pos -= 1;
    }
    pos
}

/// Visits the structural characters of `text` — braces, parentheses (half
/// and full width) and line breaks — skipping strings and comments. The
/// callback gets the byte offset and the character.
///
/// Byte by byte: none of the bytes looked at can be inside a longer UTF-8
/// character, so this stays fast on a 263 MB file (it runs before every
/// parse, for `too_deep`).
pub fn structure(text: &str, mut visit: impl FnMut(usize, char)) {
    let bytes = text.as_bytes();
    let mut i = 0;
    loop {
        // Straight to the next byte that matters (`0xEF` leads `＃（）`).
        let Some(skip) = bytes.get(i..).and_then(|r| {
            r.iter()
                .position(|b| matches!(b, b'"' | b'{' | b'}' | b'(' | b')' | b'\n' | b'#' | 0xEF))
        }) else {
            return;
        };
        i += skip;
        let Some(&b) = bytes.get(i) else { return };
        match b {
            b'"' if bytes.get(i..i + 3) == Some(b"\"\"\"") => {
                i += 3 + bytes
                    .get(i + 3..)
                    .and_then(|r| memchr::memmem::find(r, b"\"\"\""))
                    .map_or(bytes.len() - i, |j| j + 3);
            }
            b'"' => {
                // A one-line string: to the closing quote or the end of the line.
                let mut escaped = false;
                i += 1;
                while let Some(&d) = bytes.get(i) {
                    i += 1;
                    if d == b'\n' || (d == b'"' && !escaped) {
                        break;
                    }
                    escaped = d == b'\\' && !escaped;
                }
            }
            b'{' | b'}' | b'(' | b')' | b'\n' => {
                visit(i, char::from(b));
                i += 1;
            }
            b'#' => i = line_end(bytes, i),
            // `＃`, `（`, `）`: EF BC 83, 88, 89.
            0xEF if bytes.get(i + 1) == Some(&0xBC) => match bytes.get(i + 2) {
                Some(0x83) => i = line_end(bytes, i),
                Some(0x88) => {
                    visit(i, '（');
                    i += 3;
                }
                Some(0x89) => {
                    visit(i, '）');
                    i += 3;
                }
                _ => i += 1,
            },
            _ => i += 1,
        }
    }
}

/// The position of the next `\n` at or after `from`, or the end.
fn line_end(bytes: &[u8], from: usize) -> usize {
    bytes
        .get(from..)
        .and_then(|r| memchr::memchr(b'\n', r))
        .map_or(bytes.len(), |n| from + n)
}

/// The `{` still open at `pos`.
fn open_blocks(text: &str, pos: usize) -> Vec<Opener> {
    let mut stack = Vec::new();
    let upto = text.get(..pos).unwrap_or(text);
    structure(upto, |i, c| match c {
        '{' => stack.push(opener(text, i)),
        '}' => {
            stack.pop();
        }
        _ => {}
    });
    stack
}

pub fn opener(text: &str, offset: usize) -> Opener {
    let line_start = text
        .get(..offset)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    let head = text.get(line_start..offset).unwrap_or("").trim();
    // `产出指标 { 数量指标 {` on one line: the word right before this brace.
    let head = head
        .rsplit_once('{')
        .map_or(head, |(_, h)| h)
        .trim()
        .to_string();
    Opener {
        offset,
        key: first_word(&head),
        head,
    }
}

/// 1-based line number of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset).map_or(0, |t| t.matches('\n').count()) + 1
}

/// The indentation (in characters) of the line holding `offset`, and whether
/// `offset` is the first non-blank character of its line.
pub fn indent_at(text: &str, offset: usize) -> (usize, bool) {
    let line_start = text
        .get(..offset)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    let before = text.get(line_start..offset).unwrap_or("");
    let line = text.get(line_start..).unwrap_or("");
    let indent = line
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t' || *c == '\u{3000}')
        .count();
    (indent, before.trim().is_empty())
}

/// Brace analysis of a whole text: which `{` is most likely missing its `}`
/// (the first whose matching `}` is indented differently, else the outermost
/// one left open), and the first `}` with no `{`.
pub struct Braces {
    pub unclosed: Option<Opener>,
    pub stray_close: Option<usize>,
    /// The first `}` after which the text goes on indented as if the block
    /// were still open (`}}` closing a project too early), with the block
    /// it closed.
    pub premature: Option<(usize, Opener)>,
    /// `unclosed` was found by a mismatch of indentation (else it is
    /// simply the outermost block left open).
    pub by_indent: bool,
    /// The first `}` alone on its line whose indentation differs from its
    /// block's opening line: (offset of the `}`, the block).
    pub misaligned: Option<(usize, Opener)>,
}

/// The indentation of the next line after `offset` that has content.
fn next_content_indent(text: &str, offset: usize) -> Option<usize> {
    let rest = text.get(offset..)?;
    let after = rest.find('\n').map(|i| offset + i + 1)?;
    let mut at = after;
    for line in text.get(after..)?.split('\n') {
        let body = line.trim();
        if !body.is_empty() && !body.starts_with(['#', '＃']) {
            return Some(indent_at(text, at).0);
        }
        at += line.len() + 1;
    }
    None
}

pub fn braces(text: &str) -> Braces {
    let mut stack: Vec<usize> = Vec::new();
    let mut mismatch: Option<usize> = None;
    let mut stray_close = None;
    let mut premature = None;
    let mut misaligned = None;
    structure(text, |i, c| match c {
        '{' => stack.push(i),
        '}' => match stack.pop() {
            Some(open) => {
                let (close_indent, first) = indent_at(text, i);
                let (open_indent, _) = indent_at(text, open);
                if first && close_indent != open_indent && mismatch.is_none() {
                    mismatch = Some(open);
                    misaligned = Some((i, open));
                }
                let rest_of_line = text
                    .get(i + 1..)
                    .and_then(|r| r.split('\n').next())
                    .unwrap_or("");
                let last_on_line = rest_of_line.trim().is_empty()
                    || rest_of_line.trim_start().starts_with(['#', '＃']);
                if premature.is_none()
                    && last_on_line
                    && next_content_indent(text, i).is_some_and(|n| n > open_indent)
                {
                    premature = Some((i, open));
                }
            }
            None => {
                if stray_close.is_none() {
                    stray_close = Some(i);
                }
            }
        },
        _ => {}
    });
    let unclosed = if stack.is_empty() {
        None
    } else {
        mismatch.or(stack.first().copied())
    };
    Braces {
        by_indent: !stack.is_empty() && mismatch.is_some(),
        unclosed: unclosed.map(|o| opener(text, o)),
        stray_close,
        premature: premature.map(|(i, o)| (i, opener(text, o))),
        misaligned: misaligned.map(|(i, o)| (i, opener(text, o))),
    }
}

/// The deepest nesting of braces and of parentheses, and where it is first
/// reached, if it exceeds `limit`.
pub fn too_deep(text: &str, limit: usize) -> Option<(usize, usize)> {
    let mut braces = 0usize;
    let mut parens = 0usize;
    let mut found = None;
    structure(text, |i, c| {
        match c {
            '{' => braces += 1,
            '}' => braces = braces.saturating_sub(1),
            '(' | '（' => parens += 1,
            ')' | '）' => parens = parens.saturating_sub(1),
            // Expressions are one line long: an unmatched “（” in a name
            // does not carry over.
            '\n' => parens = 0,
            _ => {}
        }
        if found.is_none() && (braces > limit || parens > limit) {
            found = Some(i);
        }
    });
    let at = found?;
    let mut depth = 0usize;
    let mut max = 0usize;
    structure(text, |_, c| {
        match c {
            '{' | '(' | '（' => depth += 1,
            '}' | ')' | '）' => depth = depth.saturating_sub(1),
            _ => {}
        }
        max = max.max(depth);
    });
    Some((at, max))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The former `structure`, character by character and visiting every
    /// character: the byte-wise one must visit the same structural ones.
    fn structure_by_char(text: &str, mut visit: impl FnMut(usize, char)) {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let rest = text.get(i..).unwrap_or("");
            let Some(c) = rest.chars().next() else {
                i += 1;
                continue;
            };
            if rest.starts_with("\"\"\"") {
                i += 3 + rest
                    .get(3..)
                    .and_then(|r| r.find("\"\"\""))
                    .map_or(rest.len(), |j| j + 3);
                continue;
            }
            match c {
                '"' => {
                    // A one-line string: to the closing quote or the end of the line.
                    let mut j = i + 1;
                    let mut escaped = false;
                    while let Some(d) = text.get(j..).and_then(|r| r.chars().next()) {
                        j += d.len_utf8();
                        if d == '\n' || (d == '"' && !escaped) {
                            break;
                        }
                        escaped = d == '\\' && !escaped;
                    }
                    i = j;
                    continue;
                }
                '#' | '＃' => {
                    i += rest.find('\n').unwrap_or(rest.len());
                    continue;
                }
                _ => visit(i, c),
            }
            i += c.len_utf8();
        }
    }

    fn visits(text: &str, by_char: bool) -> Vec<(usize, char)> {
        let mut v = Vec::new();
        let mut push = |i, c| {
            if matches!(c, '{' | '}' | '(' | ')' | '（' | '）' | '\n') {
                v.push((i, c));
            }
        };
        if by_char {
            structure_by_char(text, &mut push);
        } else {
            structure(text, &mut push);
        }
        v
    }

    #[test]
    fn bytewise_structure_visits_as_charwise() {
        let cases = [
            "{ 概述 \"{\" # {\n 说明 \"\"\"\n{\n\"\"\" }",
            "（a）＃（\n(\"\\\"{\" \"\\\\\" }\"未闭合 {\n}",
            "\"\"\"未闭合 { \n }",
            "\"转义\\（\" （ \"\\",
            "项目 \"一\" {\n  校验 (（a）)\n}\n",
        ];
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts: Vec<String> = cases.iter().map(|c| c.to_string()).collect();
        for f in ["declaration.jx", "actuals-2025.jx"] {
            let p = root.join("examples/songjiang-npc-2025").join(f);
            texts.push(std::fs::read_to_string(p).unwrap());
        }
        for t in &texts {
            // Every prefix cut at a character boundary, for unclosed strings.
            for (i, _) in t.char_indices().step_by(7) {
                let t = &t[..i];
                assert_eq!(visits(t, false), visits(t, true), "{t}");
            }
        }
    }

    #[test]
    fn open_blocks_and_keys() {
        let text = "{\n  资金 {\n    总额 1 元\n    预算 2\n";
        let pos = text.find("预算").unwrap();
        let s = Scene::new(text, pos);
        assert_eq!(s.keys(), vec!["", "资金"]);
        assert!(s.at_stmt_start());
        assert_eq!(s.found().0, "预算");
    }

    #[test]
    fn strings_and_comments_are_skipped() {
        let text = "{ 概述 \"{\" # {\n 说明 \"\"\"\n{\n\"\"\" }";
        let b = braces(text);
        assert!(b.unclosed.is_none());
        assert!(b.stray_close.is_none());
    }

    #[test]
    fn unclosed_by_indentation() {
        let text = "部门 {\n  项目 {\n    指标 {\n      甲 {\n      }\n  }\n}\n";
        let b = braces(text);
        assert_eq!(b.unclosed.unwrap().key, "指标");
    }

    #[test]
    fn depth() {
        assert_eq!(too_deep("{{}}", 64), None);
        let deep = "{".repeat(100);
        assert_eq!(too_deep(&deep, 64), Some((64, 100)));
    }
}

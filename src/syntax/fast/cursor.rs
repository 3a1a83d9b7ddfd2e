//! The lexical layer of the fast path: white space and comments (pest's
//! implicit `skip`), separators, strings, numbers, quantities and bare names,
//! each matching exactly what the grammar's rule of the same name matches.
//!
//! Every method either matches what pest would match, or returns `None`
//! exactly where pest's rule fails (the caller then resets to a [`Mark`]).
//! Values the grammar accepts but the builder refuses (a bad escape) are
//! read anyway, with a diagnostic in `diagnostics`.

use crate::diagnostic::{codes, Diagnostic};
use crate::source::{FileId, Node, Span};
use crate::syntax::ast::{NumberLit, QuantityLit, StringLit};
use crate::syntax::strings::{decode_plain, decode_triple};

/// A position in one block being read, and the comments met so far.
pub(super) struct Cur<'a> {
    pub(super) text: &'a str,
    bytes: &'a [u8],
    pub(super) pos: usize,
    file: FileId,
    offset: usize,
    pub(super) comments: Vec<Node<String>>,
    /// What was read but is refused: bad escapes, numbers out of range,
    /// expressions too long. Undone by [`Cur::reset`] like the comments.
    pub(super) diagnostics: Vec<Diagnostic>,
}

/// Where to come back to: the position, how many comments and diagnostics
/// were taken.
#[derive(Clone, Copy)]
pub(super) struct Mark(usize, usize, usize);

/// The grammar's `cjk`: a Han character or `〇`, by pest's own table.
pub(super) fn cjk(c: char) -> bool {
    let u = u32::from(c);
    u >= 0x2E80 && (c == '〇' || pest::unicode::HAN(c))
}

/// The grammar's `WHITESPACE` minus U+FEFF: the spaces a quantity allows
/// between its number and its unit.
fn quantity_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t'
            | '\u{3000}'
            | '\u{00A0}'
            | '\u{000B}'
            | '\u{000C}'
            | '\u{0085}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200A}' | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}'
    )
}

/// The grammar's `WHITESPACE`.
fn whitespace(c: char) -> bool {
    c == '\u{FEFF}' || quantity_space(c)
}

/// `unit_reserved`: words that end a quantity instead of starting its unit.
const UNIT_RESERVED: [&str; 15] = [
    "分值", "容差", "方向", "口径", "中期", "至", "否则", "则", "且", "或", "若", "来源", "原因",
    "措施", "得分",
];

/// `unit_end = (postfix | "至") ~ !cjk`: where `text` starts with what
/// ends a unit (`10次以上`, `3万元至5万元`). Only `以`, `及` and `至` can
/// start one: the common case costs a comparison of one character.
fn unit_end(text: &str) -> bool {
    let word = match text.chars().next() {
        Some('以' | '及') => crate::vocab::Postfix::read(text).map(|(_, len)| len),
        Some('至') => Some('至'.len_utf8()),
        _ => None,
    };
    word.is_some_and(|len| {
        !text
            .get(len..)
            .and_then(|t| t.chars().next())
            .is_some_and(cjk)
    })
}

/// The end of the `string` (`"""…"""`, else `"…"`) starting at `from` in
/// `text`, and whether it is a triple one; `None` where there is none.
pub(super) fn string_end(text: &str, from: usize) -> Option<(usize, bool)> {
    let bytes = text.as_bytes();
    let rest = text.get(from..)?;
    if let Some(body) = rest.strip_prefix("\"\"\"") {
        if let Some(len) = memchr::memmem::find(body.as_bytes(), b"\"\"\"") {
            return Some((from + 3 + len + 3, true));
        }
    }
    if !rest.starts_with('"') {
        return None;
    }
    let mut i = from + 1;
    loop {
        match bytes.get(i)? {
            b'"' => return Some((i + 1, false)),
            b'\n' | b'\r' => return None,
            // `"\\" ~ ANY`: any character, a line break too.
            b'\\' => {
                let c = text.get(i + 1..)?.chars().next()?;
                i += 1 + c.len_utf8();
            }
            _ => i += 1,
        }
    }
}

impl<'a> Cur<'a> {
    pub(super) fn new(text: &'a str, file: FileId, offset: usize) -> Cur<'a> {
        Cur {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            file,
            offset,
            comments: Vec::new(),
            diagnostics: Vec::new(),
        }
    }

    pub(super) fn file(&self) -> FileId {
        self.file
    }

    pub(super) fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.file, self.offset + start, self.offset + end)
    }

    pub(super) fn mark(&self) -> Mark {
        Mark(self.pos, self.comments.len(), self.diagnostics.len())
    }

    pub(super) fn reset(&mut self, m: Mark) {
        self.pos = m.0;
        self.comments.truncate(m.1);
        self.diagnostics.truncate(m.2);
    }

    /// Run `rule` from here; where it fails (`None`), put the cursor back.
    pub(super) fn attempt<T>(&mut self, rule: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        let m = self.mark();
        let r = rule(self);
        if r.is_none() {
            self.reset(m);
        }
        r
    }

    pub(super) fn slice(&self, start: usize, end: usize) -> Option<&'a str> {
        self.text.get(start..end)
    }

    pub(super) fn rest(&self) -> &'a str {
        self.text.get(self.pos..).unwrap_or("")
    }

    pub(super) fn byte(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    pub(super) fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    pub(super) fn at_end(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    /// Take `lit` if the text continues with it.
    pub(super) fn eat(&mut self, lit: &str) -> bool {
        if self.rest().starts_with(lit) {
            self.pos += lit.len();
            true
        } else {
            false
        }
    }

    /// Take the first of `lits` the text continues with (pest's ordered
    /// choice of literals); its index.
    pub(super) fn eat_any(&mut self, lits: &[&str]) -> Option<usize> {
        let rest = self.rest();
        let i = lits.iter().position(|l| rest.starts_with(l))?;
        self.pos += lits.get(i).map_or(0, |l| l.len());
        Some(i)
    }

    /// Take the first word of `table` the text continues with (pest's
    /// ordered choice of literals); what it stands for.
    pub(super) fn eat_word<T: Copy>(&mut self, table: &[(&str, T)]) -> Option<T> {
        let rest = self.rest();
        let (lit, value) = table.iter().find(|(l, _)| rest.starts_with(l))?;
        self.pos += lit.len();
        Some(*value)
    }

    /// Does the text continue with `lit` followed by a character that is
    /// not `cjk` (or the end)? pest's `lit ~ !cjk` in an atomic rule.
    pub(super) fn keyword_ahead(&self, lit: &str) -> bool {
        match self.rest().strip_prefix(lit) {
            Some(after) => !after.chars().next().is_some_and(cjk),
            None => false,
        }
    }

    /// pest's implicit skip, `(WHITESPACE | COMMENT)*`, keeping the comments.
    pub(super) fn skip(&mut self) {
        loop {
            match self.byte() {
                Some(b' ' | b'\t' | b'\x0B' | b'\x0C') => self.pos += 1,
                Some(b'#') => self.comment(1),
                Some(b) if b >= 0x80 => match self.peek() {
                    Some('＃') => self.comment('＃'.len_utf8()),
                    Some(c) if whitespace(c) => self.pos += c.len_utf8(),
                    _ => return,
                },
                _ => return,
            }
        }
    }

    /// `COMMENT`: the sign, then everything up to the end of the line.
    fn comment(&mut self, sign: usize) {
        let start = self.pos;
        let rest = self.bytes.get(start..).unwrap_or(&[]);
        let len = memchr::memchr2(b'\n', b'\r', rest).unwrap_or(rest.len());
        let end = start + len;
        let body = self.text.get(start + sign..end).unwrap_or("");
        self.comments.push(Node::new(
            body.trim_end().to_string(),
            self.span(start, end),
        ));
        self.pos = end;
    }

    /// `sep`: a line break (`\n`, `\r\n`, `\r`), `;` or `；`.
    pub(super) fn sep(&mut self) -> bool {
        match self.byte() {
            Some(b'\n' | b';') => {
                self.pos += 1;
                true
            }
            Some(b'\r') => {
                self.pos += 1;
                if self.byte() == Some(b'\n') {
                    self.pos += 1;
                }
                true
            }
            _ => self.eat("；"),
        }
    }

    /// `"{" ~ sep* ~ (item ~ (sep+ | &"}"))* ~ "}"`, the shape of every block.
    pub(super) fn block<T>(
        &mut self,
        mut item: impl FnMut(&mut Self) -> Option<T>,
    ) -> Option<Vec<T>> {
        self.block_of(|c| item(c).map(Some))
    }

    /// [`Cur::block`] whose items may be read but left out of the tree
    /// (`Some(None)`: a statement whose expression is too long).
    pub(super) fn block_of<T>(
        &mut self,
        mut item: impl FnMut(&mut Self) -> Option<Option<T>>,
    ) -> Option<Vec<T>> {
        if !self.eat("{") {
            return None;
        }
        self.skip();
        while self.sep() {
            self.skip();
        }
        let mut out = Vec::new();
        loop {
            if self.eat("}") {
                // As tight as the pest path's collected vectors: 100,000
                // projects' worth of slack is a few hundred MB.
                out.shrink_to_fit();
                return Some(out);
            }
            out.extend(item(self)?);
            self.skip();
            if self.sep() {
                self.skip();
                while self.sep() {
                    self.skip();
                }
            } else if self.byte() != Some(b'}') {
                return None;
            }
        }
    }

    /// The end of the `string` starting here, and whether it is a triple
    /// one; `None` where there is none.
    pub(super) fn string_end(&self) -> Option<(usize, bool)> {
        string_end(self.text, self.pos)
    }

    /// `string`: a `"""…"""` or a `"…"` literal, decoded; a bad escape is
    /// reported and the text kept as written between the quotes.
    pub(super) fn string(&mut self) -> Option<Node<StringLit>> {
        let start = self.pos;
        let (end, triple) = self.string_end()?;
        let raw = self.slice(start, end)?;
        self.pos = end;
        let span = self.span(start, end);
        let value = if triple {
            decode_triple(raw)
        } else {
            match decode_plain(raw) {
                Ok(v) => v,
                Err(bad) => {
                    let at = raw
                        .find(&bad)
                        .map_or(span, |i| self.span(start + i, start + i + 1));
                    self.diagnostics.push(
                        Diagnostic::new(
                            &codes::BAD_ESCAPE,
                            format!("文字里的“{bad}”不是有效的写法：反斜杠 \\ 在引号里表示转义"),
                        )
                        .label(at, "这个反斜杠")
                        .help("引号里的反斜杠只能写成 \\\"（引号）、\\\\（反斜杠本身）、\\n（换行）、\\t（制表符）；若要写反斜杠，请写两个 \\\\，或改用顿号、斜杠 /"),
                    );
                    raw.trim_matches('"').to_string()
                }
            }
        };
        Some(Node::new(StringLit { value, triple }, span))
    }

    /// `bare_name`: the longest run of characters that do not end a name.
    pub(super) fn bare_name(&mut self) -> Option<Node<String>> {
        let start = self.pos;
        let mut i = start;
        while let Some(&b) = self.bytes.get(i) {
            if (0xE4..=0xE9).contains(&b) {
                // U+4000..U+9FFF: CJK, never a name stop.
                i += 3;
                continue;
            }
            let c = self.text.get(i..).and_then(|s| s.chars().next())?;
            if crate::syntax::ends_bare_name(c) {
                break;
            }
            i += c.len_utf8();
        }
        if i == start {
            return None;
        }
        let value = self.slice(start, i)?.to_string();
        self.pos = i;
        Some(Node::new(value, self.span(start, i)))
    }

    /// `name` / `word`: a string or a bare name, as the builder reads them.
    pub(super) fn word(&mut self) -> Option<Node<StringLit>> {
        if self.byte() == Some(b'"') {
            return self.string();
        }
        let n = self.bare_name()?;
        Some(Node::new(
            StringLit {
                value: n.node,
                triple: false,
            },
            n.span,
        ))
    }

    /// `name` as a plain text.
    pub(super) fn name(&mut self) -> Option<Node<String>> {
        let w = self.word()?;
        Some(Node::new(w.node.value, w.span))
    }

    fn digits_at(&self, i: usize) -> usize {
        self.bytes
            .get(i..)
            .map_or(0, |r| r.iter().take_while(|b| b.is_ascii_digit()).count())
    }

    /// `number`: `sign? ~ digits ~ ("." ~ ASCII_DIGIT+)? ~ magnitude?`.
    pub(super) fn number(&mut self) -> Option<Node<NumberLit>> {
        let start = self.pos;
        let mut i = start;
        let rest = self.rest();
        for s in ["-", "−", "－", "+"] {
            if rest.starts_with(s) {
                i += s.len();
                break;
            }
        }
        let run = self.digits_at(i);
        if run == 0 {
            return None;
        }
        // `ASCII_DIGIT{1,3} ~ ("," ~ ASCII_DIGIT{3})+ ~ !ASCII_DIGIT | ASCII_DIGIT+`
        let mut j = i + run.min(3);
        let mut groups = 0;
        while self.bytes.get(j) == Some(&b',') && self.digits_at(j + 1) >= 3 {
            j += 4;
            groups += 1;
        }
        i = if groups > 0 && self.digits_at(j) == 0 {
            j
        } else {
            i + run
        };
        if self.bytes.get(i) == Some(&b'.') {
            let frac = self.digits_at(i + 1);
            if frac > 0 {
                i += 1 + frac;
            }
        }
        let after = self.text.get(i..)?;
        for m in ["万", "亿"] {
            if let Some(next) = after.strip_prefix(m) {
                // `("万" | "亿") ~ !("元" | !unit_end ~ cjk)`
                let unit_follows = next
                    .chars()
                    .next()
                    .is_some_and(|c| c == '元' || cjk(c) && !unit_end(next));
                if !unit_follows {
                    i += m.len();
                }
                break;
            }
        }
        let text = self.slice(start, i)?;
        self.pos = i;
        Some(Node::new(NumberLit::from_text(text), self.span(start, i)))
    }

    /// `quantity`: a number, then maybe spaces and a unit (or a unit in
    /// parentheses).
    pub(super) fn quantity(&mut self) -> Option<Node<QuantityLit>> {
        self.quantity_unless(|_| false)
    }

    /// `quantity` whose unit may not start where `stop` says (the budget
    /// section's `budget_value`: `!budget_column ~ unit`).
    pub(super) fn quantity_unless(
        &mut self,
        stop: impl Fn(&str) -> bool,
    ) -> Option<Node<QuantityLit>> {
        let start = self.pos;
        let number = self.number()?.node;
        let after = self.pos;
        while let Some(c) = self.peek().filter(|c| quantity_space(*c)) {
            self.pos += c.len_utf8();
        }
        let unit = if stop(self.rest()) {
            None
        } else {
            self.unit_paren().or_else(|| self.unit())
        };
        if unit.is_none() {
            self.pos = after;
        }
        Some(Node::new(
            QuantityLit { number, unit },
            self.span(start, self.pos),
        ))
    }

    /// `("(" | "（") ~ unit ~ (")" | "）")`: the unit inside.
    fn unit_paren(&mut self) -> Option<Node<String>> {
        let start = self.pos;
        self.eat_any(&["(", "（"])?;
        let unit = self.unit();
        if unit.is_some() && self.eat_any(&[")", "）"]).is_some() {
            return unit;
        }
        self.pos = start;
        None
    }

    /// `unit`: atoms joined by `/`, `·` and the like.
    fn unit(&mut self) -> Option<Node<String>> {
        let start = self.pos;
        if !self.unit_atom() {
            return None;
        }
        loop {
            let m = self.pos;
            if self.eat_any(&["/", "／", "·", "・", "•", "*"]).is_none() || !self.unit_atom() {
                self.pos = m;
                break;
            }
        }
        let text = self.slice(start, self.pos)?.to_string();
        Some(Node::new(text, self.span(start, self.pos)))
    }

    /// `unit_atom`: `%`, `％`, `‰`, or a run of `cjk` that is not a reserved word.
    fn unit_atom(&mut self) -> bool {
        if self.eat_any(&["%", "％", "‰"]).is_some() {
            return true;
        }
        if UNIT_RESERVED.iter().any(|w| self.keyword_ahead(w)) {
            return false;
        }
        let start = self.pos;
        while let Some(c) = self.peek().filter(|c| cjk(*c)) {
            if unit_end(self.rest()) {
                break;
            }
            self.pos += c.len_utf8();
        }
        self.pos > start
    }
}

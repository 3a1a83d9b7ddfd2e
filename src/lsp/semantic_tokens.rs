//! `textDocument/semanticTokens/full`: what each word of the document is,
//! from its syntax tree — no lexer of its own. The legend uses LSP's
//! standard token types, so any colour theme colours them:
//!
//! | what | token type |
//! |---|---|
//! | keywords and field names (`部门`, `资金`, `总额`, `分值` …) | `keyword` |
//! | a 部门's name | `namespace` |
//! | a project's name, a rule set's | `class` |
//! | 一级/二级 group names | `struct` |
//! | indicator names | `property` |
//! | numbers, dates | `number` |
//! | units | `type` |
//! | comparators | `operator` |
//! | quoted text | `string` |
//! | comments | `comment` |
//! | verdict words (`达成` …), qualitative targets | `enumMember` |
//! | a rule set's formula names (`正向` …) | `function` |
//!
//! Names where they are declared carry the modifier `declaration`. A
//! token never crosses a line (a `"""` string is one token a line) nor
//! overlaps another.

use super::position::LineIndex;
use crate::source::Span;
use crate::syntax::ends_bare_name;
use lsp_types::{
    SemanticToken, SemanticTokenModifier, SemanticTokenType, SemanticTokens, SemanticTokensLegend,
};

/// A token's type: its index in [`legend`]'s types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Namespace,
    Class,
    Struct,
    Property,
    Keyword,
    Number,
    Type,
    Operator,
    String,
    Comment,
    EnumMember,
    Function,
}

const TYPES: [SemanticTokenType; 12] = [
    SemanticTokenType::NAMESPACE,
    SemanticTokenType::CLASS,
    SemanticTokenType::STRUCT,
    SemanticTokenType::PROPERTY,
    SemanticTokenType::KEYWORD,
    SemanticTokenType::NUMBER,
    SemanticTokenType::TYPE,
    SemanticTokenType::OPERATOR,
    SemanticTokenType::STRING,
    SemanticTokenType::COMMENT,
    SemanticTokenType::ENUM_MEMBER,
    SemanticTokenType::FUNCTION,
];

/// The modifier bit of a name where it is declared.
pub const DECLARATION: u32 = 1;

/// The token types and modifiers the server uses (sent at `initialize`).
pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: TYPES.to_vec(),
        token_modifiers: vec![SemanticTokenModifier::DECLARATION],
    }
}

/// A token found in the tree: a byte range of the text, its kind and
/// modifier bits.
#[derive(Clone, Copy, Debug)]
pub struct Raw {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub modifiers: u32,
}

/// The tokens of the editor's text `text` (its first line is one
/// character longer after a byte-order mark).
pub fn tokens(parsed: &super::parsed::Parsed) -> SemanticTokens {
    let raw = match parsed.tree() {
        Some(tree) => super::semantic_walk::collect(parsed.text(), tree),
        None => Vec::new(),
    };
    SemanticTokens {
        result_id: None,
        data: encode(parsed.text(), parsed.normalized.bom, raw),
    }
}

/// LSP's relative encoding of `raw`: sorted, overlaps dropped, each token
/// cut at line breaks, positions in UTF-16 units.
pub fn encode(text: &str, bom: u32, mut raw: Vec<Raw>) -> Vec<SemanticToken> {
    raw.sort_by_key(|r| (r.start, r.end));
    let index = LineIndex::new(text);
    let mut out = Vec::with_capacity(raw.len());
    let (mut line, mut character) = (0u32, 0u32);
    let mut covered = 0usize;
    for r in raw {
        let end = r.end.min(text.len());
        if r.start < covered || r.start >= end {
            continue;
        }
        covered = end;
        let Some(piece) = text.get(r.start..end) else {
            continue;
        };
        let mut at = r.start;
        for (i, part) in piece.split('\n').enumerate() {
            // a continued line's token starts at its first visible character
            let indent = if i == 0 {
                0
            } else {
                part.len() - part.trim_start().len()
            };
            let next = at + part.len() + 1;
            at += indent;
            let trimmed = part.get(indent..).unwrap_or("").trim_end_matches('\r');
            let length = trimmed.encode_utf16().count();
            if length > 0 {
                let mut p = index.position(at);
                if p.line == 0 {
                    p.character = p.character.saturating_add(bom);
                }
                let delta_line = p.line.saturating_sub(line);
                let delta_start = if delta_line == 0 {
                    p.character.saturating_sub(character)
                } else {
                    p.character
                };
                out.push(SemanticToken {
                    delta_line,
                    delta_start,
                    length: u32::try_from(length).unwrap_or(u32::MAX),
                    token_type: r.kind as u32,
                    token_modifiers_bitset: r.modifiers,
                });
                (line, character) = (p.line, p.character);
            }
            at = next;
        }
    }
    out
}

/// Tokens gathered from the text, by span.
pub struct Tokens<'a> {
    pub text: &'a str,
    pub raw: Vec<Raw>,
}

impl<'a> Tokens<'a> {
    pub fn new(text: &'a str) -> Tokens<'a> {
        Tokens {
            text,
            raw: Vec::new(),
        }
    }

    pub fn range(&mut self, start: usize, end: usize, kind: Kind, modifiers: u32) {
        if start < end {
            self.raw.push(Raw {
                start,
                end,
                kind,
                modifiers,
            });
        }
    }

    pub fn span(&mut self, span: Span, kind: Kind) {
        self.range(span.start as usize, span.end as usize, kind, 0);
    }

    pub fn declared(&mut self, span: Span, kind: Kind) {
        self.range(span.start as usize, span.end as usize, kind, DECLARATION);
    }

    /// The word written at byte `start` (a keyword or a field name): up to
    /// the first character that ends a bare name.
    pub fn head(&mut self, start: u32) {
        let start = start as usize;
        let Some(rest) = self.text.get(start..) else {
            return;
        };
        let len = rest.find(ends_bare_name).unwrap_or(rest.len());
        self.range(start, start + len, Kind::Keyword, 0);
    }

    /// The word written before byte `end` on its line (the keyword before
    /// a value whose span starts at `end`).
    pub fn keyword_before(&mut self, end: u32) {
        let end = end as usize;
        let Some(before) = self.text.get(..end) else {
            return;
        };
        let word_end = before.trim_end_matches([' ', '\t', '\u{3000}']).len();
        let Some(word) = before.get(..word_end) else {
            return;
        };
        let start = word
            .char_indices()
            .rev()
            .find(|&(_, c)| ends_bare_name(c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        self.range(start, word_end, Kind::Keyword, 0);
    }

    /// A number written in `span` before its unit (if any), or the whole
    /// span: the number.
    pub fn number_then_unit(&mut self, span: Span, unit: Option<Span>) {
        let start = span.start as usize;
        let end = unit.map_or(span.end, |u| u.start) as usize;
        let end = self
            .text
            .get(start..end)
            .map_or(start, |t| start + t.trim_end().len());
        self.range(start, end, Kind::Number, 0);
        if let Some(u) = unit {
            self.span(u, Kind::Type);
        }
    }
}

impl super::Server {
    pub(super) fn semantic_tokens(
        &self,
        request: &lsp_server::Request,
    ) -> Result<lsp_server::Response, lsp_server::Response> {
        let p: lsp_types::SemanticTokensParams = super::params(request)?;
        let doc = self.open_document(request, &p.text_document.uri)?;
        let result = tokens(&doc.parsed());
        Ok(lsp_server::Response::new_ok(request.id.clone(), result))
    }
}

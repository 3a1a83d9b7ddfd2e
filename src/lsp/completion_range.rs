//! The word a completion replaces: each item carries a `textEdit` over
//! the part of the word already typed, so that a client that filters by
//! its own idea of a word boundary (Neovim's, VS Code's for Chinese)
//! filters and replaces by the language's: a word runs back to a white
//! space or a character that ends a bare name (`crate::syntax`).

use super::position::{LineIndex, Placer};
use crate::syntax::ends_bare_name;
use lsp_types::{CompletionItem, CompletionTextEdit, TextEdit};

/// What kind of word is typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Word {
    /// A name or keyword: back to the last white space or stop.
    Name,
    /// A unit after a number (`140万`): the number is not part of it.
    Unit,
    /// A rule set's name after `规则`, its opening quote included.
    Quoted,
}

/// Where the word typed before byte `offset` of `before`'s end starts.
pub fn word_start(before: &str, word: Word) -> usize {
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| ends_bare_name(c) && !(word == Word::Quoted && c == '"'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    if word != Word::Unit {
        return start;
    }
    let typed = before.get(start..).unwrap_or("");
    let number = typed.len()
        - typed
            .trim_start_matches(|c: char| c.is_ascii_digit() || ".,-".contains(c))
            .len();
    start + number
}

/// `items` with each one's `textEdit`: its insert text (or label) over
/// the word typed from `start` to `offset` of `text` (the text the
/// library reads; `bom` as in [`Placer`]).
pub fn with_edits(
    items: Vec<CompletionItem>,
    text: &str,
    (start, offset): (usize, usize),
    bom: u32,
) -> Vec<CompletionItem> {
    let placer = Placer {
        index: LineIndex::new(text),
        bom,
    };
    let range = placer.range(start, offset);
    items
        .into_iter()
        .map(|mut item| {
            let new_text = item
                .insert_text
                .take()
                .unwrap_or_else(|| item.label.clone());
            item.text_edit = Some(CompletionTextEdit::Edit(TextEdit::new(range, new_text)));
            item
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_end_where_names_end() {
        fn at(s: &str, w: Word) -> &str {
            &s[word_start(s, w)..]
        }
        assert_eq!(at("    产出", Word::Name), "产出");
        assert_eq!(at("    合格率:达", Word::Name), "达");
        assert_eq!(at("  培训人数 ≥140万", Word::Unit), "万");
        assert_eq!(at("  培训人数 ≥ 95%", Word::Unit), "%");
        assert_eq!(at("规则 \"cen", Word::Quoted), "\"cen");
        assert_eq!(at("规则 ", Word::Quoted), "");
        assert_eq!(at("", Word::Name), "");
    }
}

//! Parsing: text → syntax tree with spans, many diagnostics per run.
//!
//! The pest grammar in `grammar/jixiao.pest` defines the language, read in
//! two passes. The first pass reads the file's skeleton and takes each
//! project's block as raw text; the second reads each project block on its
//! own, so that a syntax error in one project is reported and the others
//! are still read. The second pass runs in [`parse`] for a whole tree, or one
//! block at a time ([`parse_body`]) over a skeleton ([`parse_skeleton`]):
//! `check` and `eval` lower each body as soon as it is parsed and drop its
//! tree (bounded memory, issue 8).
//!
//! One builder makes the trees: the hand-written reader in `fast/`, which
//! reads all the grammar accepts and gives up exactly where pest finds a
//! syntax error; pest then parses that text only to word the error
//! (`error*`). pest's pairs also recover the skeleton of a file whose
//! skeleton has an error (`build/recover.rs`).

pub mod ast;
mod build;
mod error;
pub mod eval_ast;
mod fast;
#[cfg(test)]
mod regress;
mod scene;
mod strings;

pub use ast::SyntaxFile;

/// For the fuzz target `fast_parse`: compare the fast path with pest on a
/// text (its skeleton and each block); `Err` describes a difference.
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub fn fast_path_differential(text: &str) -> Result<(), String> {
    fast::differential::check_text(text).map(|_| ())
}
pub use build::{parse_actuals_body, parse_body, parse_expr};

/// Every keyword a project block knows: what the grammar's `known_key`
/// accepts, for messages and "did you mean".
pub const PROJECT_KEYS: [&str; crate::vocab::ProjectField::WORDS.len()] =
    crate::vocab::ProjectField::WORDS;

/// Does this character end a bare (unquoted) name? The grammar's `name_stop`:
/// every white space (as `WHITESPACE` and `other_space`, plus line breaks and
/// the byte-order mark), quotes, comment signs, braces, separators, colons,
/// range signs and comparators. The formatter quotes a name holding one; the
/// error messages cut the word they quote at one.
pub fn ends_bare_name(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{FEFF}'
                | '"'
                | '#'
                | '＃'
                | '{'
                | '}'
                | ';'
                | '；'
                | ':'
                | '：'
                | '~'
                | '～'
                | '≥'
                | '≤'
                | '≧'
                | '≦'
                | '>'
                | '<'
                | '='
                | '＞'
                | '＜'
                | '＝'
                | '﹦'
                | '═'
        )
}

use crate::diagnostic::Diagnostic;
use crate::source::FileId;

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/jixiao.pest"]
pub(crate) struct JxParser;

/// Parse one file. Always returns a tree (possibly partial) and the
/// diagnostics met on the way.
pub fn parse(file: FileId, text: &str) -> (SyntaxFile, Vec<Diagnostic>) {
    build::parse_file(file, text)
}

/// Parse one file's skeleton: like [`parse`], but project bodies (and those
/// of `自评` projects) are left unparsed (each project's `deferred` says
/// where its block is) and their diagnostics unreported, until
/// [`parse_body`] ([`parse_actuals_body`]) reads them one at a time.
/// Lowering does so, so that the trees of all bodies never exist at once.
pub fn parse_skeleton(file: FileId, text: &str) -> (SyntaxFile, Vec<Diagnostic>) {
    build::parse_skeleton(file, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_seed_example() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/songjiang-npc-2025/declaration.jx"
        ))
        .unwrap();
        let (tree, diags) = parse(FileId(0), &text);
        assert!(diags.is_empty(), "{diags:#?}");
        assert_eq!(tree.items.len(), 1);
    }
}

//! “Nothing dropped” (issue 18): every non-blank token of an imported text
//! — runs of Chinese characters, numbers (by decimal value: `90,682.50` is
//! `90682.5`, `1.00` is `1`), ASCII words — is found in what the import
//! wrote (comments included) or in its diagnostics' messages, as many times
//! as the input has it; the label words the reader turns into keywords are
//! not looked for. For any reader: pass its label words.
//!
//! Runs of Chinese characters are compared as pieces of text, since the
//! PDF breaks a cell's text across lines (`松江人大网络信息系` / `统维护`): a
//! piece of the input is covered when it occurs in a run of the output.

#![allow(dead_code)]

/// The seed's published text, vendored in tests/corpus/import/.
pub fn seed_text() -> String {
    let p = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus/import/shanghai-songjiang-npc-2025/申报表.txt");
    std::fs::read_to_string(&p).expect("the vendored seed text")
}

/// Import text as `jixiao import 申报表.txt` does.
pub fn import_text(text: &str) -> jixiao::import::Imported {
    jixiao::import::import_bytes(
        std::path::Path::new("申报表.txt"),
        "申报表.txt",
        text.as_bytes(),
    )
}

use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::str::FromStr;

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Token {
    Cjk(String),
    Number(Decimal),
    Word(String),
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// The tokens of a text, in order.
pub fn tokens(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let start = i;
        if is_cjk(c) {
            while chars.get(i).is_some_and(|c| is_cjk(*c)) {
                i += 1;
            }
            out.push(Token::Cjk(chars[start..i].iter().collect()));
        } else if c.is_ascii_digit() {
            let mut digits = String::new();
            while let Some(&c) = chars.get(i) {
                let next_digit = chars.get(i + 1).is_some_and(|n| n.is_ascii_digit());
                let fraction = c == '.' && next_digit && !digits.contains('.');
                if c.is_ascii_digit() || fraction {
                    digits.push(c);
                } else if c != ',' || !next_digit {
                    break;
                }
                i += 1;
            }
            match Decimal::from_str(&digits) {
                Ok(d) => out.push(Token::Number(d.normalize())),
                Err(_) => out.push(Token::Word(digits)),
            }
        } else if c.is_ascii_alphabetic() {
            while chars.get(i).is_some_and(|c| c.is_ascii_alphabetic()) {
                i += 1;
            }
            out.push(Token::Word(chars[start..i].iter().collect()));
        } else {
            i += 1;
        }
    }
    out
}

fn cjk_runs(text: &str) -> Vec<String> {
    tokens(text)
        .into_iter()
        .filter_map(|t| match t {
            Token::Cjk(s) => Some(s),
            _ => None,
        })
        .collect()
}

/// A run of the input without the label words in it (longest first): the
/// pieces left, each a value's text.
fn without_labels(run: &str, labels: &[String]) -> Vec<String> {
    let mut pieces = vec![run.to_string()];
    for label in labels {
        pieces = pieces
            .iter()
            .flat_map(|p| {
                p.split(label.as_str())
                    .map(String::from)
                    .collect::<Vec<_>>()
            })
            .filter(|p| !p.is_empty())
            .collect();
    }
    pieces
        .into_iter()
        .filter(|p| !labels.iter().any(|l| l.contains(p.as_str())))
        .collect()
}

/// What of `input` is neither in `written` nor in `messages`, each with how
/// many times it is missing (empty when nothing was dropped). `labels` are
/// the reader's label words.
pub fn uncovered(input: &str, written: &str, messages: &[String], labels: &[&str]) -> Vec<String> {
    let mut covered_text = written.to_string();
    for m in messages {
        covered_text.push('\n');
        covered_text.push_str(m);
    }
    let mut label_runs: Vec<String> = labels.iter().flat_map(|l| cjk_runs(l)).collect();
    label_runs.sort_by_key(|l| std::cmp::Reverse(l.chars().count()));
    label_runs.dedup();
    let label_numbers: Vec<Token> = labels
        .iter()
        .flat_map(|l| tokens(l))
        .filter(|t| !matches!(t, Token::Cjk(_)))
        .collect();

    let mut wanted: BTreeMap<Token, usize> = BTreeMap::new();
    for t in tokens(input) {
        match t {
            Token::Cjk(run) => {
                for piece in without_labels(&run, &label_runs) {
                    *wanted.entry(Token::Cjk(piece)).or_default() += 1;
                }
            }
            other if label_numbers.contains(&other) => {}
            other => *wanted.entry(other).or_default() += 1,
        }
    }
    let mut have: BTreeMap<Token, usize> = BTreeMap::new();
    for t in tokens(&covered_text) {
        *have.entry(t).or_default() += 1;
    }
    let covered_runs = cjk_runs(&covered_text);
    let mut missing = Vec::new();
    for (token, n) in wanted {
        let found = match &token {
            Token::Cjk(piece) => covered_runs
                .iter()
                .map(|r| r.matches(piece.as_str()).count())
                .sum(),
            other => have.get(other).copied().unwrap_or(0),
        };
        if found < n {
            let shown = match &token {
                Token::Cjk(s) | Token::Word(s) => s.clone(),
                Token::Number(d) => d.to_string(),
            };
            missing.push(format!("“{shown}” 缺 {} 处（原文 {n} 处）", n - found));
        }
    }
    missing
}

/// [`uncovered`] for an import: its text, its diagnostics' messages, and
/// `repeats` — text the reader printed once for several places of the
/// input after comparing them (see [`seed_reader_missing`]). The lead's
/// entry for any reader's outputs (the grid reader's on the corpus: its own
/// label words, and what it compares).
pub fn uncovered_in(
    input: &str,
    imported: &jixiao::import::Imported,
    labels: &[&str],
    repeats: &[String],
) -> Vec<String> {
    let mut messages: Vec<String> = imported
        .diagnostics
        .iter()
        .map(|d| d.message.to_string())
        .collect();
    messages.extend(repeats.iter().cloned());
    uncovered(input, &imported.text, &messages, labels)
}

/// What the seed layout prints twice and the reader keeps once, after
/// comparing the two (docs/import.md): each project's name (heading and
/// 项目名称), its number in the heading (its place; another number is a
/// warning), the year under each form's title (the department's year;
/// another year is a warning) and the two 其他资金 cells (one kept when
/// they agree).
pub fn seed_reader_repeats(imported: &jixiao::import::Imported) -> Vec<String> {
    let mut out = Vec::new();
    for draft in imported.draft.iter() {
        for (n, p) in draft.projects.iter().enumerate() {
            out.push(p.name.clone());
            out.push((n + 1).to_string());
            if let Some(y) = draft.year {
                out.push(y.to_string());
            }
            let other = p.funds.iter().filter_map(|f| f.value.as_ref());
            for (_, v) in other.filter(|(k, _)| k == "其他资金") {
                out.push(v.to_string());
            }
        }
    }
    out
}

/// The tokens of `input` that its import by the seed reader neither wrote
/// nor named in a diagnostic.
pub fn seed_reader_missing(input: &str, imported: &jixiao::import::Imported) -> Vec<String> {
    let labels = jixiao::import::text::label_words();
    uncovered_in(input, imported, &labels, &seed_reader_repeats(imported))
}

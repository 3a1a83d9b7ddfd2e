//! Comparator words glued to the name (`人数不少于10人`): the words of
//! published forms are part of the language (issue 17), but a name without
//! quotes runs to the first space, so the word and the number are read as
//! part of the name and the target is missing. The message says where the
//! spaces go. The words come from the vocabulary's table.

use super::explain::starts_with_digit;
use super::*;
use crate::vocab::{Comparator, Postfix};

/// The comparator words of the vocabulary, longest first.
fn words() -> impl Iterator<Item = &'static (&'static str, Comparator)> {
    Comparator::SPELLINGS
        .iter()
        .filter(|(word, _)| Comparator::is_word(word))
}

/// Does `text` end with a comparator, a sign or a word (`培训人数 不少于`)?
pub(super) fn ends_with_comparator(text: &str) -> bool {
    let text = text.trim_end();
    text.ends_with(crate::syntax::scene::is_cmp_char) || words().any(|(w, _)| text.ends_with(w))
}

/// `人数不少于10人` (a comparator word glued to the name and the number),
/// `人数140人以上` (the value glued to the name) or `人数 大于 等于 10 人`
/// (a word split by a space).
pub(super) fn comparator_word(s: &Scene<'_>, lead: &str) -> Option<Msg> {
    split_word(s, lead).or_else(|| glued(s, lead))
}

/// `大于 等于`: two halves of one comparator word.
fn split_word(s: &Scene<'_>, lead: &str) -> Option<Msg> {
    let head = s.before.trim_end();
    let rest = s.after;
    words().find_map(|(whole, comparator)| {
        (1..whole.chars().count()).find_map(|k| {
            let cut = whole.char_indices().nth(k)?.0;
            let (a, b) = (whole.get(..cut)?, whole.get(cut..)?);
            if !head.ends_with(a) || !rest.starts_with(b) || head.len() == s.before.len() {
                return None;
            }
            let start = s.pos.checked_sub(s.before.len() - head.len() + a.len())?;
            let written = s.text.get(start..s.pos + b.len())?;
            Some(
                Msg::new(
                    &codes::SYNTAX,
                    format!("{lead}比较符“{written}”中间不能有空格"),
                    start,
                    written.len(),
                    "比较符中间有空格",
                )
                .help(format!(
                    "写作“{whole}”（jixiao fmt 会改写为“{}”）",
                    comparator.symbol()
                )),
            )
        })
    })
}

/// A comparator word inside the first word of the line, a number after it.
fn glued(s: &Scene<'_>, lead: &str) -> Option<Msg> {
    let line_end = s.pos + s.after.len();
    let line = s.text.get(s.key_start..line_end)?.trim_end();
    let first = line.split(char::is_whitespace).next().unwrap_or("");
    words()
        .find_map(|(word, comparator)| {
            let at = first.find(word).filter(|at| *at > 0)?;
            let name = first.get(..at)?;
            let value = line.get(at + word.len()..)?.trim();
            if !starts_with_digit(value) {
                return None;
            }
            let sign = comparator.symbol();
            Some(
                Msg::new(
                    &codes::SYNTAX,
                    format!("{lead}指标名称、比较符“{word}”与数值之间要各空一格"),
                    s.key_start + at,
                    word.len(),
                    "前后各空一格",
                )
                .help(format!(
                    "写成“{name} {word} {value}”（jixiao fmt 会改写为“{name} {sign} {value}”）；\
                     不加空格时整行都被读成指标名称"
                )),
            )
        })
        .or_else(|| glued_value(s, lead, line, first))
}

/// `人数140人以上`: the value and the word after it glued to the name.
fn glued_value(s: &Scene<'_>, lead: &str, line: &str, first: &str) -> Option<Msg> {
    let (_, postfix) = Postfix::SPELLINGS
        .iter()
        .find(|(word, _)| first.ends_with(word))?;
    let at = first
        .find(|c: char| c.is_ascii_digit())
        .filter(|at| *at > 0)?;
    let name = first.get(..at)?;
    let value = line.get(at..)?.trim();
    let sign = postfix.comparator().symbol();
    Some(
        Msg::new(
            &codes::SYNTAX,
            format!("{lead}指标名称与指标值之间要空一格"),
            s.key_start + at,
            0,
            "在这里空一格",
        )
        .help(format!(
            "写成“{name} {value}”（jixiao fmt 会把后置的比较词改写为数值前的“{sign}”）；不加空格时整行都被读成指标名称"
        )),
    )
}

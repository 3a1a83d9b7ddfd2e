//! Comparators written in words (`不少于 10 人`, `10 人以上`): the form's
//! wording, which the language writes as a symbol. The message names the
//! symbol and the line as it should be written.

use super::explain::starts_with_digit;
use super::*;
use crate::vocab::Comparator;

/// Words before the number, and the symbol each means; longer words first
/// where one begins another (`大于等于` before `大于`).
const BEFORE: [(&str, Comparator); 26] = [
    ("大于或等于", Comparator::Ge),
    ("大于等于", Comparator::Ge),
    ("不得少于", Comparator::Ge),
    ("不得低于", Comparator::Ge),
    ("不少于", Comparator::Ge),
    ("不低于", Comparator::Ge),
    ("不小于", Comparator::Ge),
    ("至少", Comparator::Ge),
    ("小于或等于", Comparator::Le),
    ("小于等于", Comparator::Le),
    ("不得超过", Comparator::Le),
    ("不得高于", Comparator::Le),
    ("不超过", Comparator::Le),
    ("不多于", Comparator::Le),
    ("不高于", Comparator::Le),
    ("不大于", Comparator::Le),
    ("至多", Comparator::Le),
    ("大于", Comparator::Gt),
    ("高于", Comparator::Gt),
    ("超过", Comparator::Gt),
    ("多于", Comparator::Gt),
    ("小于", Comparator::Lt),
    ("低于", Comparator::Lt),
    ("少于", Comparator::Lt),
    ("等于", Comparator::Eq),
    ("达到", Comparator::Eq),
];

/// Words after the number (`10 人以上`); longer first.
const AFTER: [(&str, Comparator); 5] = [
    ("及以上", Comparator::Ge),
    ("及以下", Comparator::Le),
    ("以上", Comparator::Ge),
    ("以下", Comparator::Le),
    ("以内", Comparator::Le),
];

/// `人数 不少于 10 人` or `人数 10 人以上`: say which symbol to write.
pub(super) fn comparator_word(s: &Scene<'_>, lead: &str) -> Option<Msg> {
    let name = s.stmt.trim();
    let rest = s.after.trim_end();
    let before = BEFORE.iter().find(|(w, _)| rest.starts_with(*w));
    let one_word = !name.is_empty() && !name.contains(char::is_whitespace);
    if let Some((word, symbol)) = before.filter(|_| one_word) {
        let value = rest.get(word.len()..).unwrap_or("").trim();
        if !starts_with_digit(value) {
            return None;
        }
        return Some(
            Msg::new(
                &codes::SYNTAX,
                format!("{lead}比较符要写成符号：“{word}”写作“{symbol}”"),
                s.pos,
                word.len(),
                format!("这里应写 {symbol}").as_str(),
            )
            .help(format!("写成“{name} {symbol} {value}”")),
        );
    }
    glued(s, lead).or_else(|| after_number(s, lead))
}

/// `人数不少于10人`: the word glued to the name and the number, so that the
/// whole reads as one name without a target.
fn glued(s: &Scene<'_>, lead: &str) -> Option<Msg> {
    let line_end = s.pos + s.after.len();
    let line = s.text.get(s.key_start..line_end)?.trim_end();
    let first = line.split(char::is_whitespace).next().unwrap_or("");
    BEFORE.iter().find_map(|(word, symbol)| {
        let at = first.find(word).filter(|at| *at > 0)?;
        let name = first.get(..at)?;
        let value = line.get(at + word.len()..)?.trim();
        if !starts_with_digit(value) {
            return None;
        }
        Some(
            Msg::new(
                &codes::SYNTAX,
                format!("{lead}比较符要写成符号，与名称、数值之间各空一格：“{word}”写作“{symbol}”"),
                s.key_start + at,
                word.len(),
                format!("这里应写 {symbol}").as_str(),
            )
            .help(format!("写成“{name} {symbol} {value}”")),
        )
    })
}

/// `人数 10 人以上`: the word after the value, wherever pest stopped on
/// the line.
fn after_number(s: &Scene<'_>, lead: &str) -> Option<Msg> {
    let name = s.key.as_str();
    let line_end = s.pos + s.after.len();
    let after_name = s.key_start + name.len();
    let rest = s.text.get(after_name..line_end)?;
    let blanks = rest.len() - rest.trim_start().len();
    let (base, rest) = (after_name + blanks, rest.trim());
    if name.is_empty() || !starts_with_digit(rest) {
        return None;
    }
    // The first word that ends in 以上/以下/以内 ends the value.
    let mut end = 0;
    for token in rest.split_whitespace() {
        let at = rest
            .get(end..)
            .and_then(|r| r.find(token))
            .map_or(end, |i| end + i);
        end = at + token.len();
        let Some((word, symbol)) = AFTER.iter().find(|(w, _)| token.ends_with(*w)) else {
            continue;
        };
        let value = rest.get(..end - word.len()).unwrap_or("").trim();
        let tail = rest.get(end..).unwrap_or("").trim();
        let tail = if tail.is_empty() {
            String::new()
        } else {
            format!(" {tail}")
        };
        return Some(
            Msg::new(
                &codes::SYNTAX,
                format!("{lead}目标值后面的“{word}”要改为数值前的比较符“{symbol}”"),
                base + end - word.len(),
                word.len(),
                format!("改为数值前的 {symbol}").as_str(),
            )
            .help(format!("写成“{name} {symbol} {value}{tail}”")),
        );
    }
    None
}

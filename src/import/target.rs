//! Numbers, comparators, units and targets as forms write them:
//! `≥1.00(次)`, `≤10.04(万元)`, `=100.00(%)`, `≥95%`, `大于等于`, `004 >=`.

use super::draft::DraftTarget;
use crate::model::{Comparator, Direction};
use crate::vocab::{canonical_sign, PERCENT_WORD};
use rust_decimal::Decimal;
use std::str::FromStr;

/// Read a number at the start of `s` (`90,682.50`, `1.00`, `-3`): the value
/// and the rest of the text.
pub fn take_number(s: &str) -> Option<(Decimal, &str)> {
    let mut end = 0;
    let mut digits = String::new();
    let mut seen_digit = false;
    let mut seen_dot = false;
    for (i, c) in s.char_indices() {
        match c {
            '-' | '−' | '－' if i == 0 => digits.push('-'),
            '+' if i == 0 => {}
            '0'..='9' => {
                seen_digit = true;
                digits.push(c);
            }
            ',' if seen_digit && !seen_dot && thousands_group(s, i + 1) => {}
            '.' if seen_digit && !seen_dot && next_is_digit(s, i + 1) => {
                seen_dot = true;
                digits.push('.');
            }
            _ => break,
        }
        end = i + c.len_utf8();
    }
    if !seen_digit {
        return None;
    }
    let value = Decimal::from_str(&digits).ok()?;
    Some((value, s.get(end..).unwrap_or("")))
}

/// Three digits at `at`, and no fourth: a thousands group after a comma.
fn thousands_group(s: &str, at: usize) -> bool {
    let bytes = s.as_bytes();
    (0..3).all(|k| bytes.get(at + k).is_some_and(u8::is_ascii_digit))
        && !bytes.get(at + 3).is_some_and(u8::is_ascii_digit)
}

fn next_is_digit(s: &str, at: usize) -> bool {
    s.get(at..)
        .and_then(|r| r.chars().next())
        .is_some_and(|c| c.is_ascii_digit())
}

/// The whole of `s` as a number, e.g. `90,682.50`.
pub fn parse_number(s: &str) -> Option<Decimal> {
    match take_number(s.trim()) {
        Some((v, rest)) if rest.trim().is_empty() => Some(v),
        _ => None,
    }
}

/// How a form says “compare”: a comparator, or “this target is a word”.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sense {
    Compare(Comparator),
    Qualitative,
}

/// Comparators as forms write them in words (and `=>` `=<`, reversed
/// signs), longest first; the language's own spellings are the vocabulary's.
const FORM_WORDS: &[(&str, Comparator)] = &[
    ("大于或等于", Comparator::Ge),
    ("小于或等于", Comparator::Le),
    ("大于等于", Comparator::Ge),
    ("小于等于", Comparator::Le),
    ("不低于", Comparator::Ge),
    ("不少于", Comparator::Ge),
    ("不小于", Comparator::Ge),
    ("不高于", Comparator::Le),
    ("不超过", Comparator::Le),
    ("不多于", Comparator::Le),
    ("不大于", Comparator::Le),
    ("至少", Comparator::Ge),
    ("至多", Comparator::Le),
    ("等于", Comparator::Eq),
    ("大于", Comparator::Gt),
    ("小于", Comparator::Lt),
    ("高于", Comparator::Gt),
    ("低于", Comparator::Lt),
    ("=>", Comparator::Ge),
    ("=<", Comparator::Le),
];

/// A comparator at the start of `s`, and the rest: a form's word, or any
/// spelling of the language.
pub fn take_comparator(s: &str) -> Option<(Comparator, &str)> {
    let s = s.trim_start();
    FORM_WORDS
        .iter()
        .find_map(|(w, c)| s.strip_prefix(w).map(|rest| (*c, rest)))
        .or_else(|| {
            let (c, len) = Comparator::read(s)?;
            Some((c, s.get(len..)?))
        })
}

/// A 指标方向/指标性质 cell: `≥`, `大于等于`, `正向`, `反向`, `定性`, or a
/// system code before the symbol (`004 >=`, `1-正向`).
pub fn parse_sense(cell: &str) -> Option<Sense> {
    let s = cell
        .trim()
        .trim_start_matches(|c: char| c.is_ascii_digit() || " -_.、:：".contains(c));
    if let Some((c, rest)) = take_comparator(s) {
        if rest.trim().is_empty() {
            return Some(Sense::Compare(c));
        }
    }
    let s = s.trim();
    // `正向`, `正向指标`: the comparator the direction implies.
    if let Some(direction) = Direction::from_word(s.strip_suffix("指标").unwrap_or(s)) {
        return Some(Sense::Compare(match direction {
            Direction::Positive => Comparator::Ge,
            Direction::Negative => Comparator::Le,
        }));
    }
    match s {
        "越大越好" => Some(Sense::Compare(Comparator::Ge)),
        "越小越好" => Some(Sense::Compare(Comparator::Le)),
        "定性" | "定性指标" | "定性描述" => Some(Sense::Qualitative),
        "定量" | "定量指标" => None,
        _ => None,
    }
}

/// A unit as the language writes it: `百分比` → `%`, parentheses removed.
/// `None` when the text cannot be a unit of the language (e.g. `km`).
pub fn normalize_unit(raw: &str) -> Option<String> {
    let mut u = raw.trim();
    for (open, close) in [("(", ")"), ("（", "）"), ("(", "）"), ("（", ")")] {
        if let Some(inner) = u.strip_prefix(open).and_then(|r| r.strip_suffix(close)) {
            u = inner.trim();
        }
    }
    let u = match u {
        PERCENT_WORD | "％" | "百分率" => "%",
        "千分比" => "‰",
        other => other,
    };
    let sign = |c: char| matches!(canonical_sign(c), '%' | '‰' | '/' | '·');
    let joiner = |c: char| matches!(canonical_sign(c), '/' | '·');
    let ok = u
        .chars()
        .all(|c| sign(c) || ('\u{4E00}'..='\u{9FFF}').contains(&c) || c == '〇');
    let joiner_edges = u.starts_with(joiner) || u.ends_with(joiner);
    if ok && !joiner_edges {
        Some(u.to_string())
    } else {
        None
    }
}

fn strip_parens(s: &str) -> String {
    s.trim()
        .trim_start_matches(['(', '（'])
        .trim_end_matches([')', '）'])
        .trim()
        .to_string()
}

/// Why an inline target could not be read in full.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InlineProblem {
    /// Not a comparison at all: a qualitative word, presumably.
    NotQuantitative,
    /// A comparison whose unit the language cannot write (kept in a comment).
    BadUnit(String),
}

/// A target written in one cell: `≥1.00(次)`, `≥95%`, `≤10.04万元`, `90%~95%`.
pub fn parse_inline(cell: &str) -> Result<DraftTarget, InlineProblem> {
    let s = cell.trim();
    if let Some((comparator, rest)) = take_comparator(s) {
        let (value, rest) = take_number(rest.trim_start()).ok_or(InlineProblem::NotQuantitative)?;
        let unit =
            normalize_unit(rest).ok_or_else(|| InlineProblem::BadUnit(strip_parens(rest)))?;
        return Ok(DraftTarget::Compare {
            comparator,
            value,
            unit,
        });
    }
    // A range: 90%~95%, 1-3(次) is not accepted (a dash is too ambiguous).
    if let Some((low, rest)) = take_number(s) {
        if let Some((low_unit, high_part)) = rest.split_once(['~', '～']) {
            if let Some((high, high_unit)) = take_number(high_part.trim_start()) {
                let lu = normalize_unit(low_unit);
                let hu = normalize_unit(high_unit);
                let unit = match (lu.as_deref(), hu) {
                    (Some(""), Some(h)) => h,
                    (Some(l), Some(h)) if h.is_empty() || l == h => l.to_string(),
                    _ => return Err(InlineProblem::BadUnit(rest.trim().to_string())),
                };
                return Ok(DraftTarget::Range { low, high, unit });
            }
        }
    }
    Err(InlineProblem::NotQuantitative)
}

/// `2025-01-01`, `2025/1/1`, `2025年1月1日` → `2025-01-01`.
pub fn parse_date(s: &str) -> Option<String> {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let (y, rest) = take_number(&t)?;
    let rest = rest.strip_prefix(['-', '/', '年', '.'])?;
    let (m, rest) = take_number(rest)?;
    let rest = rest.strip_prefix(['-', '/', '月', '.'])?;
    let (d, rest) = take_number(rest)?;
    if !(rest.is_empty() || rest == "日") {
        return None;
    }
    let n = |v: Decimal| u32::try_from(v.trunc().mantissa()).ok();
    let (y, m, d) = (n(y)?, n(m)?, n(d)?);
    let text = format!("{y:04}-{m:02}-{d:02}");
    // Only dates that exist (no 2025-02-30).
    crate::model::Date::parse(&text).map(|_| text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_number("90,682.50"), Some(d("90682.50")));
        assert_eq!(parse_number(" 0.00 "), Some(d("0")));
        assert_eq!(parse_number("1,2"), None);
        assert_eq!(
            take_number("2025-01-01").map(|(v, r)| (v, r.len())),
            Some((d("2025"), 6))
        );
    }

    #[test]
    fn inline_targets() {
        let t = parse_inline("≤10.04(万元)").unwrap();
        assert_eq!(
            t,
            DraftTarget::Compare {
                comparator: Comparator::Le,
                value: d("10.04"),
                unit: "万元".into()
            }
        );
        assert!(matches!(
            parse_inline("≥95%"),
            Ok(DraftTarget::Compare {
                comparator: Comparator::Ge,
                ..
            })
        ));
        assert!(matches!(
            parse_inline("=100.00(%)"),
            Ok(DraftTarget::Compare {
                comparator: Comparator::Eq,
                ..
            })
        ));
        assert_eq!(parse_inline("及时"), Err(InlineProblem::NotQuantitative));
        assert_eq!(
            parse_inline("≥3 km"),
            Err(InlineProblem::BadUnit("km".into()))
        );
        assert!(matches!(
            parse_inline("90%~95%"),
            Ok(DraftTarget::Range { .. })
        ));
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("2025-01-01").as_deref(), Some("2025-01-01"));
        assert_eq!(parse_date("2025/1/5").as_deref(), Some("2025-01-05"));
        assert_eq!(parse_date("2025年12月31日").as_deref(), Some("2025-12-31"));
        assert_eq!(parse_date("明年"), None);
        assert_eq!(parse_date("2025-02-30"), None);
    }

    /// Every spelling the language accepts reads as that comparator (a
    /// mixed `＞=` used to read as `＞` followed by a stray `=`).
    #[test]
    fn comparators_of_the_language() {
        for (spelling, c) in Comparator::SPELLINGS {
            assert_eq!(take_comparator(&format!("{spelling}5")), Some((*c, "5")));
        }
        assert_eq!(take_comparator("=>5"), Some((Comparator::Ge, "5")));
        assert_eq!(take_comparator("不少于 5"), Some((Comparator::Ge, " 5")));
        assert_eq!(
            parse_sense("正向指标"),
            Some(Sense::Compare(Comparator::Ge))
        );
        assert_eq!(parse_sense("正向指标指标"), None);
    }

    #[test]
    fn senses() {
        assert_eq!(parse_sense("004 >="), Some(Sense::Compare(Comparator::Ge)));
        assert_eq!(
            parse_sense("大于等于"),
            Some(Sense::Compare(Comparator::Ge))
        );
        assert_eq!(parse_sense("正向"), Some(Sense::Compare(Comparator::Ge)));
        assert_eq!(parse_sense("反向"), Some(Sense::Compare(Comparator::Le)));
        assert_eq!(parse_sense("定性"), Some(Sense::Qualitative));
        assert_eq!(normalize_unit("百分比").as_deref(), Some("%"));
        assert_eq!(normalize_unit("(元/人)").as_deref(), Some("元/人"));
    }
}

//! 一级 and 二级 names in the table, however the extractor broke them:
//! `产 出 指 标 (50分)`, `满意`/`度指`/`标`, `经济效益`/`指标`.

use super::header::key;
use crate::import::target::parse_number;
use crate::vocab::{LEVEL1, LEVEL2};
use rust_decimal::Decimal;

/// At most this many cells are joined into one level name.
const MAX_JOIN: usize = 4;

/// A level name starting at some cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Level {
    /// A standard 一级 name (`产出指标`) and its printed weight `(50分)`.
    One {
        name: String,
        points: Option<Decimal>,
    },
    /// A standard 二级 name (`数量指标`).
    Two(String),
}

/// `产出指标(50分)` → (`产出指标`, 50).
fn split_weight(k: &str) -> (&str, Option<Decimal>) {
    let Some(open) = k.find('(') else {
        return (k, None);
    };
    let name = k.get(..open).unwrap_or(k);
    let inner = k.get(open + 1..).unwrap_or("");
    let inner = inner
        .strip_suffix("分)")
        .or_else(|| inner.strip_suffix(")分"))
        .or_else(|| inner.strip_suffix(')'));
    match inner {
        Some(p) if parse_number(p).is_some() => (name, parse_number(p)),
        // `成本指标(0-20)分` (奉节): the template's range, no weight.
        Some(p) if is_range(p) => (name, None),
        _ => (k, None),
    }
}

/// The weight a level name printed as a range (`成本指标(0-20)分`, `产出指标`
/// `(40-50)分`): `(0-20)分`. The language's 分值 is one number.
pub(super) fn weight_range(texts: &[&str]) -> Option<String> {
    let joined: String = texts.iter().map(|t| key(t)).collect();
    let tail = joined.get(joined.find('(')?..)?;
    let inner = tail.strip_prefix('(')?;
    let inner = inner
        .strip_suffix("分)")
        .or_else(|| inner.strip_suffix(")分"))
        .or_else(|| inner.strip_suffix(')'))?;
    is_range(inner).then(|| tail.to_string())
}

/// `0-20`, `40-50`.
fn is_range(s: &str) -> bool {
    s.split_once(['-', '~', '～'])
        .is_some_and(|(a, b)| parse_number(a).is_some() && parse_number(b).is_some())
}

/// The 一级 group a standard 二级 name (`数量指标`) belongs to (`产出指标`).
pub(super) fn parent(level2: &str) -> Option<String> {
    let stem = level2.strip_suffix("指标").unwrap_or(level2);
    LEVEL2
        .iter()
        .find(|(l2, _)| *l2 == stem)
        .map(|(_, l1)| format!("{l1}指标"))
}

fn level_of(k: &str) -> Option<Level> {
    let (name, points) = split_weight(k);
    if name.is_empty() && points.is_some() {
        // `(50分)` alone (历城): the 一级 name is printed elsewhere; the
        // 二级 name after it tells which.
        return Some(Level::One {
            name: String::new(),
            points,
        });
    }
    if let Some(l1) = LEVEL1
        .iter()
        .find(|l| name.strip_suffix("指标") == Some(**l))
    {
        return Some(Level::One {
            name: format!("{l1}指标"),
            points,
        });
    }
    if points.is_some() {
        return None;
    }
    LEVEL2
        .iter()
        .find(|(l2, _)| name == *l2 || name.strip_suffix("指标") == Some(*l2))
        .map(|(l2, _)| Level::Two(format!("{l2}指标")))
}

/// The level name the cells `texts` begin with, joining up to [`MAX_JOIN`]
/// of them (the longest join that is a name): the level and how many cells
/// it took.
pub(super) fn level_at(texts: &[&str]) -> Option<(Level, usize)> {
    let mut joined = String::new();
    let mut found = None;
    for (n, t) in texts.iter().take(MAX_JOIN).enumerate() {
        joined.push_str(&key(t));
        if let Some(level) = level_of(&joined) {
            found = Some((level, n + 1));
        }
    }
    found
}

/// A 二级 name that is not standard: a cell ending in 指标 (`服务对象满意度指标等`).
pub(super) fn other_level2(text: &str) -> Option<String> {
    let k = key(text);
    let stem = k.strip_suffix('等').unwrap_or(&k);
    (stem.ends_with("指标") && stem.chars().count() >= 4).then_some(k)
}

/// A placeholder row's name: `指标2`, `……`, `…`.
pub(super) fn is_placeholder(name: &str) -> bool {
    let k = key(name);
    let k = k.trim_end_matches(NUMBERING_MARKS);
    let digits = k.strip_prefix("指标").unwrap_or(k);
    k.chars().all(|c| matches!(c, '…' | '.' | '。' | '⋯'))
        || (k.starts_with("指标") && digits.chars().all(|c| c.is_ascii_digit()))
}

/// What follows a template's number: `指标1:`, `指标1、`.
const NUMBERING_MARKS: &[char] = &[':', '：', '、', '.', '．', ' '];

/// `指标1工程完工率` → (`工程完工率`, `指标1`): the template's numbering.
pub(super) fn template_prefix(name: &str) -> Option<(&str, &str)> {
    let rest = name.strip_prefix("指标")?;
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        return None;
    }
    let after = rest.get(digits..)?;
    let stripped = after.trim_start_matches(NUMBERING_MARKS).trim();
    let prefix = name.get(..name.len() - stripped.len())?.trim();
    (!stripped.is_empty()).then_some((stripped, prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_names() {
        assert_eq!(
            level_at(&["产 出 指 标 (50分)"]),
            Some((
                Level::One {
                    name: "产出指标".into(),
                    points: Some(Decimal::from(50))
                },
                1
            ))
        );
        assert_eq!(
            level_at(&["满意", "度指", "标", "x"]).map(|(_, n)| n),
            Some(3)
        );
        assert_eq!(
            level_at(&["经济效益", "指标"]),
            Some((Level::Two("经济效益指标".into()), 2))
        );
        assert_eq!(level_at(&["学生满意度"]), None);
        assert_eq!(
            level_at(&["产出指标", "(40-50)分"]),
            Some((
                Level::One {
                    name: "产出指标".into(),
                    points: None
                },
                2
            ))
        );
        assert_eq!(
            level_at(&["（50分）"]),
            Some((
                Level::One {
                    name: String::new(),
                    points: Some(Decimal::from(50))
                },
                1
            ))
        );
        assert_eq!(
            weight_range(&["产出指标", "(40-50)分"]).as_deref(),
            Some("(40-50)分")
        );
        assert_eq!(weight_range(&["产出指标(50分)"]), None);
        assert_eq!(parent("数量指标").as_deref(), Some("产出指标"));
        assert!(is_placeholder("指标2") && is_placeholder("……"));
        assert_eq!(
            template_prefix("指标1工程完工率"),
            Some(("工程完工率", "指标1"))
        );
        assert_eq!(
            template_prefix("指标2:建设数量"),
            Some(("建设数量", "指标2:"))
        );
        assert!(is_placeholder("指标1:"));
    }
}

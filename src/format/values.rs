//! Canonical text of values: names, strings, numbers, quantities, units.

use crate::model::group_thousands;
use crate::syntax::ast::{Magnitude, NumberLit, QuantityLit, StringLit};

/// Characters that end a bare name (the grammar's `name_stop`), plus other
/// control characters, which a bare name never holds.
fn name_stop(c: char) -> bool {
    crate::syntax::ends_bare_name(c) || c.is_control()
}

/// Can `s` be written without quotes and read back as the same name?
pub fn is_bare_name(s: &str) -> bool {
    !s.is_empty() && !s.chars().any(name_stop)
}

/// A name: bare when that reads back the same, quoted otherwise.
pub fn name(s: &str) -> String {
    if is_bare_name(s) {
        s.to_string()
    } else {
        quoted(s)
    }
}

/// A `"…"` literal with the escapes the grammar knows.
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// How a string value is written.
pub enum StringForm {
    /// On the line: `"…"` or a bare word.
    Inline(String),
    /// A `"""` block: the opening quotes end the line, the content lines
    /// follow (without indentation), then a line with the closing quotes.
    Block(Vec<String>),
}

/// The canonical form of a string literal. `bare_ok`: the position accepts
/// a bare word and the value is a word.
pub fn string(lit: &StringLit, bare_ok: bool) -> StringForm {
    let v = &lit.value;
    if lit.triple && v.is_empty() {
        return StringForm::Inline(quoted(v));
    }
    if lit.triple {
        // A `"""` block is always written as a block, one line or many.
        if !v.contains("\"\"\"") && !v.ends_with('"') {
            return StringForm::Block(v.split('\n').map(str::to_string).collect());
        }
        return StringForm::Inline(quoted(v));
    }
    if bare_ok && is_bare_name(v) {
        StringForm::Inline(v.clone())
    } else {
        StringForm::Inline(quoted(v))
    }
}

/// A number: thousands separators, decimals as written, magnitude kept.
pub fn number(n: &NumberLit, group: bool) -> String {
    let Some(m) = n.mantissa else {
        return n.text.trim().to_string();
    };
    let mut s = if group {
        group_thousands(m)
    } else {
        m.to_string()
    };
    match n.magnitude {
        Some(Magnitude::Wan) => s.push('万'),
        Some(Magnitude::Yi) => s.push('亿'),
        None => {}
    }
    s
}

/// One canonical spelling of a unit: `％` → `%`, `／` → `/`, `・ • *` → `·`
/// (the vocabulary's [`UNIT_SIGNS`](crate::vocab::UNIT_SIGNS)); fmt keeps
/// `百分比` as written.
pub use crate::vocab::canonical_text as canonical_unit;

/// The unit as it follows a number: `%` and `‰` attached, others after a space.
pub fn unit_suffix(unit: &str) -> String {
    let u = canonical_unit(unit);
    if u.is_empty() {
        String::new()
    } else if u == "%" || u == "‰" {
        u
    } else {
        format!(" {u}")
    }
}

/// A quantity: number and unit.
pub fn quantity(q: &QuantityLit) -> String {
    let (n, u) = quantity_parts(q);
    format!("{n}{u}")
}

/// A quantity split into number and unit suffix (for aligned columns).
pub fn quantity_parts(q: &QuantityLit) -> (String, String) {
    let unit = q
        .unit
        .as_ref()
        .map(|u| unit_suffix(&u.node))
        .unwrap_or_default();
    (number(&q.number, true), unit)
}

/// The display width of text: a CJK character is two columns.
pub fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// Pad `s` with spaces to `w` columns.
pub fn pad(s: &str, w: usize) -> String {
    let mut out = s.to_string();
    for _ in width(s)..w {
        out.push(' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_names() {
        assert!(is_bare_name("更新系统（软件）数量"));
        assert!(!is_bare_name("每月 25 日前"));
        assert!(!is_bare_name(""));
        assert!(!is_bare_name("a:b"));
        assert_eq!(name("每月 25 日前"), "\"每月 25 日前\"");
        assert_eq!(quoted("a\"b\\c\nd"), r#""a\"b\\c\nd""#);
    }

    #[test]
    fn units() {
        assert_eq!(unit_suffix("％"), "%");
        assert_eq!(unit_suffix("元／人・天"), " 元/人·天");
        assert_eq!(width("总额"), 4);
        assert_eq!(pad("总额", 8), "总额    ");
    }
}

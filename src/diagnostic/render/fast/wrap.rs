//! Laying out a message or help the way textwrap fills it for miette (width
//! − 2 columns, first fit; the indents of the first and later lines are
//! equally wide), for the text where we can be sure: on one line, or on two
//! lines broken where the Unicode line-breaking rules (UAX #14, which
//! textwrap asks ICU for) certainly allow a break and certainly allow none
//! between it and the character that overflows. Anything else — leading or
//! trailing spaces, line breaks, characters of unsure width, punctuation or
//! quotes near the break, a third line — is left to miette.

use super::width::text_width;

/// Write `indent`, `text` and a newline (and `rest` and the rest of `text`
/// and a newline if it is wrapped), or nothing and `false`.
pub(super) fn fill(out: &mut String, indent: &str, rest: &str, text: &str, width: usize) -> bool {
    // miette's indents are as wide as they have characters (⚠ × ☞ are
    // narrow); textwrap gives the first line the first indent's room and
    // the others the second's.
    let indent_width = indent.chars().count();
    if rest.chars().count() != indent_width {
        return false;
    }
    let room = width.saturating_sub(2).saturating_sub(indent_width);
    let (Some(first), Some(last)) = (text.chars().next(), text.chars().next_back()) else {
        return false;
    };
    // textwrap drops the break opportunity at the end of the text and then
    // the last one it found, which is not the end when that is after a '-'.
    if first.is_whitespace() || last.is_whitespace() || last == '-' || text.contains('\n') {
        return false;
    }
    let Some(total) = text_width(text) else {
        return false;
    };
    if total <= room {
        push_line(out, indent, text);
        return true;
    }
    let Some(at) = break_before_overflow(text, room) else {
        return false;
    };
    let (head, tail) = text.split_at(at);
    let head = head.trim_end_matches(' ');
    if head.is_empty() || text_width(tail).is_none_or(|w| w > room) {
        return false;
    }
    push_line(out, indent, head);
    push_line(out, rest, tail);
    true
}

fn push_line(out: &mut String, indent: &str, text: &str) {
    out.push_str(indent);
    out.push_str(text);
    out.push('\n');
}

/// Where first fit breaks a line of `room` columns: at the last break
/// opportunity at or before the first character (not a space: spaces hang
/// at the end of a line) that does not fit. `None` when unsure.
fn break_before_overflow(text: &str, room: usize) -> Option<usize> {
    let mut used = 0usize;
    let mut overflow = None;
    for (i, c) in text.char_indices() {
        used = used.checked_add(super::width::width(c)?)?;
        if c != ' ' && used > room {
            overflow = Some(i);
            break;
        }
    }
    let mut at = overflow?;
    loop {
        if breaks_at(text, at)? {
            return Some(at);
        }
        at = text.get(..at)?.char_indices().next_back()?.0;
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// A CJK unified ideograph (line break class ID).
    Ideograph,
    /// ASCII digit (NU).
    Digit,
    /// ASCII letter (AL).
    Letter,
    Space,
    /// '.' (IS).
    Dot,
    /// '%' (PO).
    Percent,
    Other,
}

fn class(c: char) -> Class {
    match c {
        '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' => Class::Ideograph,
        '0'..='9' => Class::Digit,
        'a'..='z' | 'A'..='Z' => Class::Letter,
        ' ' => Class::Space,
        '.' => Class::Dot,
        '%' => Class::Percent,
        _ => Class::Other,
    }
}

/// May a line break between `text[..at]` and `text[at..]`? Only the cases
/// UAX #14 settles beyond doubt; `None` otherwise.
fn breaks_at(text: &str, at: usize) -> Option<bool> {
    use Class::*;
    let before = text.get(..at)?;
    let mut back = before.chars().rev();
    let prev = class(back.next()?);
    let next = class(text.get(at..)?.chars().next()?);
    match (prev, next) {
        // LB7: never before a space.
        (_, Space) => Some(false),
        // LB18: after spaces, unless what precedes them or what follows
        // forbids it (LB13–LB17: opening or closing punctuation, quotes).
        (Space, Ideograph | Digit | Letter) => {
            let word = back.find(|c| *c != ' ').map(class)?;
            matches!(word, Ideograph | Digit | Letter | Percent).then_some(true)
        }
        // LB31: between ideographs.
        (Ideograph, Ideograph) => Some(true),
        // LB23, LB28, LB25: inside words and numbers (12.5%, V018).
        (Digit | Letter, Digit | Letter) | (Digit, Dot | Percent) => Some(false),
        (Dot, Digit) if back.next().map(class) == Some(Digit) => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled(text: &str, width: usize) -> Option<String> {
        let mut out = String::new();
        fill(&mut out, "  ⚠ ", "  │ ", text, width).then_some(out)
    }

    #[test]
    fn short_text_stays_on_one_line() {
        assert_eq!(
            filled("预算执行率 78.00%", 100).as_deref(),
            Some("  ⚠ 预算执行率 78.00%\n")
        );
    }

    #[test]
    fn breaks_between_ideographs_or_after_a_space() {
        // 10 columns of room: 预算执行率 is 10 wide, the space hangs.
        assert_eq!(
            filled("预算执行率 78.00%", 16).as_deref(),
            Some("  ⚠ 预算执行率\n  │ 78.00%\n")
        );
        assert_eq!(
            filled("预算执行率只有八成", 16).as_deref(),
            Some("  ⚠ 预算执行率\n  │ 只有八成\n")
        );
        // never inside a number: back to the space before it
        assert_eq!(
            filled("执行率 78.00% 高", 18).as_deref(),
            Some("  ⚠ 执行率\n  │ 78.00% 高\n")
        );
    }

    #[test]
    fn unsure_breaks_are_left_to_miette() {
        // a quote or full-width punctuation at the break
        assert_eq!(filled("预算执行“率只有", 16), None);
        assert_eq!(filled("预算执行，率只有", 16), None);
        // a third line
        assert_eq!(filled(&"字".repeat(30), 16), None);
        // no opportunity at all
        assert_eq!(filled(&"x".repeat(30), 20), None);
        assert_eq!(filled(" 前导空格", 100), None);
        // textwrap loses the last break of a text that ends with '-'
        assert_eq!(filled("周期 2025-0--", 14), None);
    }
}

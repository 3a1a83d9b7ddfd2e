//! Characters that cannot be seen: controls, bidirectional overrides,
//! zero-width and other formatting characters (issue 15). One table, read by
//! the findings on names (`check::hidden`, JX-M015–M017), the reports that
//! write names into XML and HTML, and the terminal renderer of diagnostics,
//! which must never hand a control character or a bidi override from a
//! user's file to the user's terminal.

/// What a hidden character is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hidden {
    /// C0 and C1 controls, DEL, the Unicode line and paragraph separators
    /// and the noncharacters U+FFFE/U+FFFF: never text, and mostly not
    /// allowed in XML 1.0.
    Control,
    /// Embeddings, overrides, isolates and marks that change the order in
    /// which the characters around them are shown.
    Bidi,
    /// Formatting characters that take no room: zero-width spaces and
    /// joiners, the byte order mark, the soft hyphen, fillers.
    Invisible,
}

/// The kind of hidden character `c` is, if it is one.
pub fn kind(c: char) -> Option<Hidden> {
    match c {
        '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{9F}' | '\u{2028}' | '\u{2029}' => Some(Hidden::Control),
        '\u{FFFE}' | '\u{FFFF}' => Some(Hidden::Control),
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => Some(Hidden::Bidi),
        '\u{200E}' | '\u{200F}' | '\u{061C}' => Some(Hidden::Bidi),
        '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' => Some(Hidden::Invisible),
        '\u{AD}' | '\u{34F}' | '\u{115F}' | '\u{1160}' | '\u{180E}' | '\u{3164}' => {
            Some(Hidden::Invisible)
        }
        '\u{FFA0}' | '\u{FFF9}'..='\u{FFFB}' | '\u{E0000}'..='\u{E007F}' => Some(Hidden::Invisible),
        _ => None,
    }
}

/// `name` with every hidden character written as `〈U+XXXX〉`, so that a
/// message shows where it is and a terminal never receives it.
pub fn shown(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 16);
    for c in name.chars() {
        match kind(c) {
            Some(_) => out.push_str(&format!("〈U+{:04X}〉", c as u32)),
            None => out.push(c),
        }
    }
    out
}

/// True when `c` must not reach a terminal as it is: a control character
/// other than the line feed and the tab, or a bidi override (an escape
/// sequence could rewrite the screen; an override reorders what is shown).
pub fn unsafe_in_terminal(c: char) -> bool {
    c != '\n' && c != '\t' && matches!(kind(c), Some(Hidden::Control | Hidden::Bidi))
}

/// `text` with every character [`unsafe_in_terminal`] written as
/// `〈U+XXXX〉` (messages, labels, help).
pub fn terminal_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(unsafe_in_terminal) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if unsafe_in_terminal(c) {
            out.push_str(&format!("〈U+{:04X}〉", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// `text` with every character [`unsafe_in_terminal`] replaced by a visible
/// one of the same length in UTF-8 (`?`, `¿` or `�`), so that byte offsets
/// and character columns into a source snippet stay as they are.
pub fn terminal_safe_same_length(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(unsafe_in_terminal) {
        return std::borrow::Cow::Borrowed(text);
    }
    let out: String = text
        .chars()
        .map(|c| match (unsafe_in_terminal(c), c.len_utf8()) {
            (false, _) => c,
            (true, 1) => '?',
            (true, 2) => '¿',
            (true, _) => '\u{FFFD}',
        })
        .collect();
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_length_keeps_offsets() {
        for text in ["a\u{1b}[2Jb", "名\u{9b}称", "培训\u{202E}人数\n下一行\t"] {
            let safe = terminal_safe_same_length(text);
            assert_eq!(safe.len(), text.len(), "{text:?}");
            assert_eq!(safe.chars().count(), text.chars().count());
            assert!(!safe.chars().any(unsafe_in_terminal), "{safe:?}");
        }
        assert_eq!(terminal_safe_same_length("a\u{1b}b"), "a?b");
        assert_eq!(terminal_safe("a\u{1b}[2Jb\n"), "a〈U+001B〉[2Jb\n");
        assert!(matches!(
            terminal_safe("培训人数"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn kinds() {
        assert_eq!(kind('\u{1E}'), Some(Hidden::Control));
        assert_eq!(kind('\u{85}'), Some(Hidden::Control));
        assert_eq!(kind('\u{2028}'), Some(Hidden::Control));
        assert_eq!(kind('\u{202E}'), Some(Hidden::Bidi));
        assert_eq!(kind('\u{200B}'), Some(Hidden::Invisible));
        assert_eq!(kind('\u{FEFF}'), Some(Hidden::Invisible));
        for c in ['项', 'a', ' ', '、', '（', '—', '…', '％'] {
            assert_eq!(kind(c), None, "{c}");
        }
    }

    #[test]
    fn shown_names_the_code_point() {
        assert_eq!(shown("示例\u{1E}项目"), "示例〈U+001E〉项目");
    }
}

//! Decoding string literals: escapes in `"…"`, dedenting of `"""…"""`.

/// Decode a `"…"` literal (with its quotes). Returns the text, or the bad
/// escape sequence.
pub fn decode_plain(raw: &str) -> Result<String, String> {
    let inner = raw
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or(raw);
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('"') => out.push('"'),
            Some('\\') => out.push('\\'),
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(other) => return Err(format!("\\{other}")),
            None => return Err("\\".into()),
        }
    }
    Ok(out)
}

/// Decode a `"""…"""` literal: the newline after the opening quotes and the
/// indentation common to all lines are removed, as is trailing white space.
pub fn decode_triple(raw: &str) -> String {
    let inner = raw
        .strip_prefix("\"\"\"")
        .and_then(|s| s.strip_suffix("\"\"\""))
        .unwrap_or(raw);
    let inner = inner.strip_prefix('\n').unwrap_or(inner);
    let mut lines: Vec<&str> = inner.split('\n').map(|l| l.trim_end()).collect();
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    let indent = lines
        .iter()
        .filter(|l| !l.is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    lines
        .iter()
        .map(|l| l.get(indent..).unwrap_or("").trim_end())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_escapes() {
        assert_eq!(decode_plain(r#""a\"b\\c""#).unwrap(), "a\"b\\c");
        assert_eq!(decode_plain(r#""x\q""#).unwrap_err(), "\\q");
    }

    #[test]
    fn triple_dedent() {
        let raw = "\"\"\"\n    第一段\n      缩进\n    第二段\n    \"\"\"";
        assert_eq!(decode_triple(raw), "第一段\n  缩进\n第二段");
        assert_eq!(decode_triple("\"\"\"一行\"\"\""), "一行");
    }
}

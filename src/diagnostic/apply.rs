//! Applying a diagnostic's [`Fix`](super::Fix) to a file's text: what
//! `jixiao check --format json` describes and an editor's code action does.

use super::{Edit, Fix};
use crate::source::{FileId, Span};

/// The text of `file` after `fix`, or `None` when an edit is in another
/// file, falls outside the text or inside a character, or two edits
/// overlap (a fix is applied whole or not at all).
pub fn apply(text: &str, file: FileId, fix: &Fix) -> Option<String> {
    let mut edits: Vec<_> = fix.edits.iter().collect();
    if edits.iter().any(|e| e.span.file != file) {
        return None;
    }
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0usize;
    for e in edits {
        let range = e.span.range();
        if range.start < at || range.end < range.start {
            return None;
        }
        out.push_str(text.get(at..range.start)?);
        text.get(range.clone())?;
        out.push_str(&e.text);
        at = range.end;
    }
    out.push_str(text.get(at..)?);
    Some(out)
}

/// The did-you-mean of a name: the help “是不是想写“X”？” and, when the
/// place can be rewritten, the fix that writes `to` there. `at` holds the
/// name `written` as decoded: quoted when it is two longer (the quotes),
/// bare when as long; anything else (escapes) gets the help only.
pub fn did_you_mean(d: super::Diagnostic, at: Span, written: &str, to: &str) -> super::Diagnostic {
    let d = d.help(format!("是不是想写“{to}”？"));
    let len = at.range().len();
    let text = if len == written.len() + 2 {
        crate::format::values::quoted(to)
    } else if len == written.len() {
        crate::format::values::name(to)
    } else {
        return d;
    };
    d.fix(
        format!("改为“{to}”"),
        vec![Edit {
            span: at,
            text: text.into(),
        }],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(edits: &[(usize, usize, &str)]) -> Fix {
        Fix {
            title: "改".into(),
            edits: edits
                .iter()
                .map(|(s, e, t)| Edit {
                    span: Span::new(FileId(0), *s, *e),
                    text: t.to_string().into(),
                })
                .collect(),
        }
    }

    #[test]
    fn edits_apply_in_order_whatever_order_they_are_given() {
        let text = "培训人数 ≤ 100 人数";
        let f = fix(&[(21, 27, "人"), (13, 16, "≥")]);
        assert_eq!(
            apply(text, FileId(0), &f).as_deref(),
            Some("培训人数 ≥ 100 人")
        );
        // An empty span inserts.
        let f = fix(&[(0, 0, "# ")]);
        assert_eq!(apply("a", FileId(0), &f).as_deref(), Some("# a"));
    }

    #[test]
    fn a_fix_that_cannot_apply_whole_is_refused() {
        let text = "培训人数";
        assert_eq!(apply(text, FileId(0), &fix(&[(1, 3, "x")])), None);
        assert_eq!(apply(text, FileId(0), &fix(&[(0, 99, "x")])), None);
        assert_eq!(
            apply(text, FileId(0), &fix(&[(0, 6, "x"), (3, 9, "y")])),
            None
        );
        assert_eq!(apply(text, FileId(1), &fix(&[(0, 3, "x")])), None);
    }
}

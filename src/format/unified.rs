//! The unified diff `jixiao fmt --check` prints (and `jixiao diff` when it
//! cannot compare models), in time linear in the text beyond a size.
//!
//! Myers' algorithm (the `similar` crate) takes time proportional to the
//! lines times the lines that differ: a 1 MB file whose every line is
//! re-indented took 10 s, 4.4 MB 187 s. The lines both texts share at the
//! start and at the end are set aside first; when what is left between has
//! at most [`MYERS_MAX_LINES`] lines, Myers finds the shortest diff as
//! before. Beyond that the lines are paired by position (the n-th changed
//! line with the n-th), which is the shortest diff when no line was added
//! or removed (re-indenting), and otherwise a longer but still correct one.
//! Either way the output depends only on the two texts.

use similar::{group_diff_ops, udiff::UnifiedHunkHeader, DiffOp, DiffTag};
use std::fmt::Write;

/// The most lines (old and new together, between the shared start and
/// end) given to Myers' algorithm: at worst about 16 million steps.
pub const MYERS_MAX_LINES: usize = 4000;

/// Lines of context around each change.
const CONTEXT: usize = 3;

/// A unified diff and how it was found.
pub struct Unified {
    pub text: String,
    /// The lines were paired by position (the text was too large a change
    /// for the shortest diff).
    pub by_position: bool,
}

/// The unified diff from `old` to `new`, headed `a/NAME`, `b/NAME`; empty
/// when they are equal.
pub fn unified(name: &str, old: &str, new: &str) -> Unified {
    let lines = Lines::of(old, new);
    if lines.myers() {
        let text = similar::TextDiff::from_lines(old, new)
            .unified_diff()
            .context_radius(CONTEXT)
            .header(&format!("a/{name}"), &format!("b/{name}"))
            .to_string();
        return Unified {
            text,
            by_position: false,
        };
    }
    let ops = by_position(&lines.a, &lines.b, lines.start, lines.end);
    Unified {
        text: write(name, &lines.a, &lines.b, ops),
        by_position: true,
    }
}

/// The line operations from `old` to `new`, found as [`unified`] finds
/// them (Myers' shortest diff, or by position beyond a size): for an
/// editor's range formatting.
pub fn line_ops(old: &str, new: &str) -> Vec<DiffOp> {
    let lines = Lines::of(old, new);
    if lines.myers() {
        similar::TextDiff::from_lines(old, new).ops().to_vec()
    } else {
        by_position(&lines.a, &lines.b, lines.start, lines.end)
    }
}

/// Two texts' lines and how many they share at the start and the end.
struct Lines<'a> {
    a: Vec<&'a str>,
    b: Vec<&'a str>,
    start: usize,
    end: usize,
}

impl<'a> Lines<'a> {
    fn of(old: &'a str, new: &'a str) -> Lines<'a> {
        let a: Vec<&str> = old.split_inclusive('\n').collect();
        let b: Vec<&str> = new.split_inclusive('\n').collect();
        let start = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
        let (a_rest, b_rest) = (a.get(start..).unwrap_or(&[]), b.get(start..).unwrap_or(&[]));
        let end = a_rest
            .iter()
            .rev()
            .zip(b_rest.iter().rev())
            .take_while(|(x, y)| x == y)
            .count();
        Lines { a, b, start, end }
    }

    /// Few enough lines between the shared start and end for Myers.
    fn myers(&self) -> bool {
        let middle =
            (self.a.len() - self.start - self.end) + (self.b.len() - self.start - self.end);
        middle <= MYERS_MAX_LINES
    }
}

/// The operations pairing lines by position between the shared `start`
/// and `end` lines.
fn by_position(a: &[&str], b: &[&str], start: usize, end: usize) -> Vec<DiffOp> {
    let (a_end, b_end) = (a.len() - end, b.len() - end);
    let mut ops = Vec::new();
    let mut push = |op: DiffOp| ops.push(op);
    if start > 0 {
        push(DiffOp::Equal {
            old_index: 0,
            new_index: 0,
            len: start,
        });
    }
    let a_mid = a.get(start..a_end).unwrap_or(&[]);
    let b_mid = b.get(start..b_end).unwrap_or(&[]);
    let same: Vec<bool> = a_mid.iter().zip(b_mid).map(|(x, y)| x == y).collect();
    let paired = same.len();
    let mut at = start;
    for run in same.chunk_by(|x, y| x == y) {
        let (old_index, new_index, len) = (at, at, run.len());
        push(if run.first() == Some(&true) {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            }
        } else {
            DiffOp::Replace {
                old_index,
                old_len: len,
                new_index,
                new_len: len,
            }
        });
        at += len;
    }
    let (old_index, new_index) = (start + paired, start + paired);
    if a_end > old_index {
        push(DiffOp::Delete {
            old_index,
            old_len: a_end - old_index,
            new_index,
        });
    }
    if b_end > new_index {
        push(DiffOp::Insert {
            old_index: a_end,
            new_index,
            new_len: b_end - new_index,
        });
    }
    if end > 0 {
        push(DiffOp::Equal {
            old_index: a_end,
            new_index: b_end,
            len: end,
        });
    }
    ops
}

/// The unified diff of `ops`, laid out as `similar` lays out its own.
fn write(name: &str, a: &[&str], b: &[&str], ops: Vec<DiffOp>) -> String {
    let mut out = String::new();
    let groups = group_diff_ops(ops, CONTEXT);
    if !groups.is_empty() {
        let _ = writeln!(out, "--- a/{name}\n+++ b/{name}");
    }
    let line = |out: &mut String, tag: char, text: &str| {
        out.push(tag);
        out.push_str(text);
        if !text.ends_with('\n') {
            out.push_str("\n\\ No newline at end of file\n");
        }
    };
    for group in groups {
        let _ = writeln!(out, "{}", UnifiedHunkHeader::new(&group));
        for op in group {
            let (tag, old, new) = op.as_tag_tuple();
            let (old, new) = (a.get(old).unwrap_or(&[]), b.get(new).unwrap_or(&[]));
            match tag {
                DiffTag::Equal => old.iter().for_each(|l| line(&mut out, ' ', l)),
                DiffTag::Delete => old.iter().for_each(|l| line(&mut out, '-', l)),
                DiffTag::Insert => new.iter().for_each(|l| line(&mut out, '+', l)),
                DiffTag::Replace => {
                    old.iter().for_each(|l| line(&mut out, '-', l));
                    new.iter().for_each(|l| line(&mut out, '+', l));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines `0..n` of a declaration-like text, indented by `indent`.
    fn text(n: usize, indent: &str) -> String {
        (0..n)
            .map(|i| format!("{indent}指标{i} ≥ {i} 人\n"))
            .collect()
    }

    /// Rebuild both sides from a diff whose context is the whole text.
    fn sides(diff: &str) -> (String, String) {
        let (mut old, mut new) = (String::new(), String::new());
        for l in diff.split_inclusive('\n').skip(2) {
            match l.chars().next() {
                Some(' ') => {
                    old.push_str(&l[1..]);
                    new.push_str(&l[1..]);
                }
                Some('-') => old.push_str(&l[1..]),
                Some('+') => new.push_str(&l[1..]),
                _ => {}
            }
        }
        (old, new)
    }

    /// A large file with every line re-indented (the 10-second case): lines
    /// paired by position, one hunk of every line, nothing lost.
    #[test]
    fn every_line_reindented_is_paired_by_position() {
        let old = text(45_000, "   ");
        let new = text(45_000, "  ");
        assert!(old.len() > 1 << 20);
        let u = unified("x.jx", &old, &new);
        assert!(u.by_position);
        assert!(u
            .text
            .starts_with("--- a/x.jx\n+++ b/x.jx\n@@ -1,45000 +1,45000 @@\n"));
        assert_eq!(u.text.matches("\n@@").count(), 1);
        assert_eq!(sides(&u.text), (old, new));
    }

    /// Small changes keep the shortest diff (Myers), as before.
    #[test]
    fn small_changes_are_diffed_by_myers() {
        let old = text(50_000, "  ");
        let new = old.replacen("指标7 ≥ 7 人", "指标7 ≥ 8 人", 1);
        let u = unified("x.jx", &old, &new);
        assert!(!u.by_position);
        assert_eq!(u.text.lines().filter(|l| l.starts_with('-')).count(), 2);
    }

    /// Lines added or removed beyond the limit: a longer diff, still one
    /// that turns the old text into the new, with the shared end as
    /// context and the missing final newline marked.
    #[test]
    fn added_lines_beyond_the_limit_still_make_a_correct_diff() {
        let old = format!("头\n{}尾", text(3000, "   "));
        let new = format!("头\n{}{}尾", text(3000, "  "), text(5, "  "));
        let u = unified("x.jx", &old, &new);
        assert!(u.by_position);
        let mut lines = u.text.lines();
        assert_eq!(lines.nth(2), Some("@@ -1,3002 +1,3007 @@"));
        assert!(u.text.ends_with(" 尾\n\\ No newline at end of file\n"));
        let (a, b) = sides(&u.text.replace("\n\\ No newline at end of file", ""));
        assert_eq!((a.trim_end(), b.trim_end()), (old.as_str(), new.as_str()));
    }

    #[test]
    fn equal_texts_have_no_diff() {
        let t = text(10_000, "  ");
        assert_eq!(unified("x.jx", &t, &t).text, "");
    }
}

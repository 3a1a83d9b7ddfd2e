//! Output lines, and putting comments and blank lines back among them.
//!
//! The printer produces lines in source order, each anchored at the source
//! offset of what it prints. Comments are then merged by position: a comment
//! that had code before it on its line trails the last line anchored before
//! it; a comment on a line of its own goes before the first line anchored
//! after it, at that line's indentation (one deeper before a closing brace).

use crate::source::Node;

/// One line of output.
#[derive(Clone, Debug)]
pub struct Line {
    pub indent: usize,
    pub text: String,
    /// Source offset of what the line prints.
    pub anchor: usize,
    pub kind: Kind,
    /// The user had a blank line before this one.
    pub blank_before: bool,
    /// Comments trailing this line (text after `#`).
    pub trailing: Vec<String>,
    /// For a statement kept exactly as written: where its text ends. Comments
    /// inside that text are already part of it.
    pub verbatim_end: usize,
    /// A trailing comment starts at this column (counted from the start of
    /// the line) when the text is shorter: the notes column of an aligned
    /// run of 自评 lines. 0: right after the text.
    pub comment_column: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A statement or the first line of one.
    Stmt,
    /// A line that opens a block (`… {`).
    Open,
    /// A closing brace.
    Close,
    /// A line inside a `"""` block: printed as is (indentation included).
    Content,
    /// The closing `"""` of a block string.
    StringEnd,
    /// An own-line comment.
    Comment,
}

/// Does the source have a blank line right before the line holding `at`
/// (with nothing but white space before `at` on its own line)?
pub fn blank_before(src: &str, at: usize) -> bool {
    let at = at.min(src.len());
    let Some(head) = src.get(..at) else {
        return false;
    };
    let line_start = head.rfind('\n').map(|i| i + 1).unwrap_or(0);
    if !head.get(line_start..).is_some_and(|s| s.trim().is_empty()) || line_start == 0 {
        return false;
    }
    let prev = head.get(..line_start - 1).unwrap_or("");
    let prev_start = prev.rfind('\n').map(|i| i + 1).unwrap_or(0);
    prev.get(prev_start..).is_some_and(|s| s.trim().is_empty())
}

/// Is there code before `at` on its line?
fn after_code(src: &str, at: usize) -> bool {
    let head = src.get(..at.min(src.len())).unwrap_or("");
    let line_start = head.rfind('\n').map(|i| i + 1).unwrap_or(0);
    !head.get(line_start..).unwrap_or("").trim().is_empty()
}

/// Merge comments into the lines.
pub fn merge_comments(src: &str, lines: Vec<Line>, comments: &[Node<String>]) -> Vec<Line> {
    let mut lines = lines;
    let mut own = Vec::new();
    let verbatim: Vec<(usize, usize)> = lines
        .iter()
        .filter(|l| l.verbatim_end > 0)
        .map(|l| (l.anchor, l.verbatim_end))
        .collect();
    for c in comments {
        let at = c.span.start as usize;
        if verbatim.iter().any(|(a, b)| *a <= at && at < *b) {
            continue;
        }
        if after_code(src, at) {
            let target = lines
                .iter()
                .rposition(|l| l.anchor <= at && l.kind != Kind::Content);
            if let Some(i) = target {
                if let Some(l) = lines.get_mut(i) {
                    l.trailing.push(c.node.clone());
                    continue;
                }
            }
        }
        own.push(c);
    }
    let mut out = Vec::with_capacity(lines.len() + own.len());
    let mut pending = own.into_iter().peekable();
    for line in lines {
        while let Some(c) = pending.next_if(|c| (c.span.start as usize) < line.anchor) {
            let indent = if line.kind == Kind::Close {
                line.indent + 1
            } else {
                line.indent
            };
            out.push(comment_line(src, c, indent));
        }
        out.push(line);
    }
    for c in pending {
        out.push(comment_line(src, c, 0));
    }
    out
}

fn comment_line(src: &str, c: &Node<String>, indent: usize) -> Line {
    Line {
        indent,
        text: comment_text(&c.node),
        anchor: c.span.start as usize,
        kind: Kind::Comment,
        blank_before: blank_before(src, c.span.start as usize),
        trailing: Vec::new(),
        verbatim_end: 0,
        comment_column: 0,
    }
}

/// `# text`, with one space after the mark.
fn comment_text(body: &str) -> String {
    let body = body.trim_end();
    if body.is_empty() {
        "#".to_string()
    } else if body.starts_with([' ', '\t', '\u{3000}', '#']) {
        format!("#{body}")
    } else {
        format!("# {body}")
    }
}

/// An empty block is written `{}` on its opening line (unless a comment
/// sits inside it).
pub fn collapse_empty(lines: Vec<Line>) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    for line in lines {
        if line.kind == Kind::Close {
            if let Some(open) = out.last_mut() {
                if open.kind == Kind::Open && open.indent == line.indent {
                    open.text.push('}');
                    open.kind = Kind::Stmt;
                    open.trailing.extend(line.trailing);
                    continue;
                }
            }
        }
        out.push(line);
    }
    out
}

/// The final text: two spaces per level, single blank lines kept where the
/// user had them (never at the start or end of a block), a final newline.
pub fn render(lines: &[Line]) -> String {
    let mut out = String::new();
    let mut prev: Option<Kind> = None;
    for line in lines {
        let blank = line.blank_before
            && !matches!(prev, None | Some(Kind::Open))
            && !matches!(line.kind, Kind::Close | Kind::Content | Kind::StringEnd);
        if blank {
            out.push('\n');
        }
        if !line.text.is_empty() {
            for _ in 0..line.indent {
                out.push_str("  ");
            }
            out.push_str(&line.text);
        }
        let used = line.indent * 2 + super::values::width(&line.text);
        for (i, t) in line.trailing.iter().enumerate() {
            if i == 0 && line.comment_column > used && !line.text.is_empty() {
                out.push_str(&" ".repeat(line.comment_column - used));
            } else if !line.text.is_empty() {
                out.push(' ');
            }
            out.push_str(&comment_text(t));
        }
        out.push('\n');
        prev = Some(line.kind);
    }
    out
}

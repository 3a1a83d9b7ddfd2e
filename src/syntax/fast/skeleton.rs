//! The first pass on the fast path: a file's skeleton (`file`) — 部门 with
//! 年度, 申报 and its projects, top-level 项目, 引用, and 自评 with its
//! projects — each project block cut out raw by matching braces outside
//! strings and comments, as `raw_block` does. 自评 project bodies are read at
//! once by the fast path (the pest path builds them in the first pass too).
//! Anything else — `规则`, a line pest's error recovery would take
//! (`dept_bad`, `raw_unclosed`), a 自评 project the fast path cannot read —
//! gives the whole file back to pest.

use super::cursor::Cur;
use crate::source::{Node, Span};
use crate::syntax::ast::*;
use crate::syntax::eval_ast::{Actuals, ActualsProject};

/// A project whose block awaits the second pass.
pub(crate) struct RawProject {
    /// Where the project starts (the key of its body).
    pub start: u32,
    /// The raw block's byte range in the file.
    pub block: (usize, usize),
    pub name: String,
}

/// What the first pass makes of a file.
pub(crate) struct Skeleton {
    pub items: Vec<Item>,
    pub projects: Vec<RawProject>,
    pub comments: Vec<Node<String>>,
}

pub(super) fn file(c: &mut Cur<'_>, bodies: bool) -> Option<(Vec<Item>, Vec<RawProject>)> {
    let mut projects = Vec::new();
    let mut items = Vec::new();
    // `SOI ~ sep* ~ (item ~ (sep+ | &EOI))* ~ EOI`
    c.skip();
    while c.sep() {
        c.skip();
    }
    while !c.at_end() {
        let start = c.pos;
        let item = match c.eat_any(&["部门", "项目", "引用", "自评"])? {
            0 => Item::Department(department(c, start, &mut projects)?),
            1 => Item::Project(project(c, start, &mut projects)?),
            2 => Item::Include(include(c)?),
            _ => Item::Actuals(actuals(c, start, bodies)?),
        };
        items.push(item);
        c.skip();
        if c.sep() {
            c.skip();
            while c.sep() {
                c.skip();
            }
        } else if !c.at_end() {
            return None;
        }
    }
    Some((items, projects))
}

fn department(c: &mut Cur<'_>, start: usize, projects: &mut Vec<RawProject>) -> Option<Department> {
    c.skip();
    let name = c.name()?;
    c.skip();
    let stmts = c.block(|c| {
        let start = c.pos;
        Some(match c.eat_any(&["年度", "申报", "项目", "引用"])? {
            0 => {
                c.skip();
                DeptStmt::Year(c.number()?)
            }
            1 => DeptStmt::Claim(claim(c, start)?),
            2 => DeptStmt::Project(project(c, start, projects)?),
            _ => DeptStmt::Include(include(c)?),
        })
    })?;
    Some(Department {
        name,
        stmts,
        span: c.span(start, c.pos),
    })
}

/// `"申报" ~ number ~ "个项目" ~ ("," | "，" | "、")? ~ "资金" ~ quantity`.
fn claim(c: &mut Cur<'_>, start: usize) -> Option<Claim> {
    c.skip();
    let count = c.number()?;
    c.skip();
    if !c.eat("个项目") {
        return None;
    }
    c.skip();
    if c.eat_any(&[",", "，", "、"]).is_some() {
        c.skip();
    }
    if !c.eat("资金") {
        return None;
    }
    c.skip();
    let funds = c.quantity()?;
    Some(Claim {
        count,
        funds,
        span: c.span(start, c.pos),
    })
}

/// `"项目" ~ name ~ raw_block`, the block left for the second pass.
fn project(c: &mut Cur<'_>, start: usize, projects: &mut Vec<RawProject>) -> Option<Project> {
    c.skip();
    let name = c.name()?;
    c.skip();
    let block = raw_block(c)?;
    let span = c.span(start, c.pos);
    projects.push(RawProject {
        start: span.start,
        block,
        name: name.node.clone(),
    });
    let deferred = Some(Span::new(c.file(), block.0, block.1));
    Some(Project {
        name,
        body: None,
        deferred,
        span,
    })
}

/// `"引用" ~ string`.
fn include(c: &mut Cur<'_>) -> Option<Node<String>> {
    c.skip();
    let s = c.string()?;
    Some(Node::new(s.node.value, s.span))
}

/// `"自评" ~ name ~ number ~ "{" … "}"` with its projects read (if
/// `bodies`; else each keeps its block's place, `deferred`).
fn actuals(c: &mut Cur<'_>, start: usize, bodies: bool) -> Option<Actuals> {
    c.skip();
    let department = c.name()?;
    c.skip();
    let year = c.number()?;
    c.skip();
    let projects = c.block(|c| {
        let start = c.pos;
        if !c.eat("项目") {
            return None;
        }
        c.skip();
        let name = c.name()?;
        c.skip();
        let (from, to) = raw_block(c)?;
        if !bodies {
            return Some(ActualsProject {
                name,
                body: None,
                deferred: Some(Span::new(c.file(), from, to)),
                span: c.span(start, c.pos),
            });
        }
        let block = c.slice(from, to)?;
        let (body, comments) = super::actuals_body(c.file(), block, from)?;
        c.comments.extend(comments);
        Some(ActualsProject {
            name,
            body: Some(body),
            deferred: None,
            span: c.span(start, c.pos),
        })
    })?;
    Some(Actuals {
        department,
        year,
        projects,
        span: c.span(start, c.pos),
    })
}

/// `raw_block`: from `{` to its matching `}`, skipping strings and comments;
/// `None` where pest would read an unclosed string (`raw_unclosed`) or find
/// no end. Spans are file positions: the skeleton's cursor starts at 0.
fn raw_block(c: &mut Cur<'_>) -> Option<(usize, usize)> {
    let start = c.pos;
    let bytes = c.text.as_bytes();
    if bytes.get(start) != Some(&b'{') {
        return None;
    }
    let mut depth = 0usize;
    let mut i = start;
    loop {
        // Straight to the next byte that matters (`0xEF` leads `＃`).
        i += bytes
            .get(i..)?
            .iter()
            .position(|b| matches!(b, b'{' | b'}' | b'"' | b'#' | 0xEF))?;
        let b = *bytes.get(i)?;
        match b {
            b'{' => {
                depth += 1;
                i += 1;
            }
            b'}' => {
                depth -= 1;
                i += 1;
                if depth == 0 {
                    c.pos = i;
                    return Some((start, i));
                }
            }
            b'"' => i = string_end(c.text, i)?,
            b'#' => i = line_end(bytes, i),
            0xEF if bytes.get(i..i + 3) == Some("＃".as_bytes()) => i = line_end(bytes, i),
            _ => i += 1,
        }
    }
}

/// The end of the string starting at `from`, as `raw_block` skips it:
/// escapes are not checked here (the second pass reports bad ones); `None`
/// where pest would fall back to `raw_unclosed` or read `"""` otherwise.
fn string_end(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    if bytes.get(from..from + 3) == Some(b"\"\"\"") {
        let len = memchr::memmem::find(bytes.get(from + 3..)?, b"\"\"\"")?;
        return Some(from + 3 + len + 3);
    }
    let mut i = from + 1;
    loop {
        match bytes.get(i)? {
            b'"' => return Some(i + 1),
            b'\n' | b'\r' => return None,
            // `"\\" ~ ANY`: the byte after may start a longer character,
            // whose other bytes are never `"`, `\\` or a line break.
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
}

/// The position of the next `\n` or `\r` (or the end).
fn line_end(bytes: &[u8], from: usize) -> usize {
    bytes
        .get(from..)
        .and_then(|r| memchr::memchr2(b'\n', b'\r', r))
        .map_or(bytes.len(), |n| from + n)
}

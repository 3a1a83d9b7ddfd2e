//! The first pass on the fast path: a file's skeleton (`file`) — 部门 with
//! 年度, 申报 and its projects, top-level 项目, 引用, and 自评 with its
//! projects — each project block cut out raw by matching braces outside
//! strings and comments, as `raw_block` does. 自评 project bodies are read at
//! once by the fast path (the pest path builds them in the first pass too).
//! Anything else — `规则`, a line pest's error recovery would take
//! (`dept_bad`, `raw_unclosed`), a 自评 project the fast path cannot read —
//! gives the whole file back to pest.

use super::cursor::{string_end, Cur};
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
    /// How many of the first pass's diagnostics come before its own.
    pub diag_pos: usize,
}

/// What the first pass makes of a file.
pub(crate) struct Skeleton {
    pub items: Vec<Item>,
    pub projects: Vec<RawProject>,
    pub comments: Vec<Node<String>>,
    /// Of values the tree refuses, in file order (bad escapes, and what
    /// 自评 bodies and rule sets report).
    pub diagnostics: Vec<crate::diagnostic::Diagnostic>,
}

/// The items of a file that start with a keyword (`规则` aside).
#[derive(Clone, Copy)]
enum Top {
    Department,
    Project,
    Include,
    Actuals,
}

/// The statements of a department block.
#[derive(Clone, Copy)]
enum Dept {
    Year,
    Claim,
    Project,
    Include,
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
        let item = if c.rest().starts_with("规则") {
            Item::RuleSet(super::rules::ruleset(c)?)
        } else {
            match c.eat_word(&[
                ("部门", Top::Department),
                ("项目", Top::Project),
                ("引用", Top::Include),
                ("自评", Top::Actuals),
            ])? {
                Top::Department => Item::Department(department(c, start, &mut projects)?),
                Top::Project => Item::Project(project(c, start, &mut projects)?),
                Top::Include => Item::Include(include(c)?),
                Top::Actuals => Item::Actuals(actuals(c, start, bodies)?),
            }
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
        Some(
            match c.eat_word(&[
                ("年度", Dept::Year),
                ("申报", Dept::Claim),
                ("项目", Dept::Project),
                ("引用", Dept::Include),
            ])? {
                Dept::Year => {
                    c.skip();
                    DeptStmt::Year(c.number()?)
                }
                Dept::Claim => DeptStmt::Claim(claim(c, start)?),
                Dept::Project => DeptStmt::Project(project(c, start, projects)?),
                Dept::Include => DeptStmt::Include(include(c)?),
            },
        )
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
    let block = raw_block(c, false)?;
    let span = c.span(start, c.pos);
    projects.push(RawProject {
        start: span.start,
        block,
        name: name.node.clone(),
        diag_pos: c.diagnostics.len(),
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
        let (from, to) = raw_block(c, false)?;
        if !bodies {
            return Some(ActualsProject {
                name,
                body: None,
                deferred: Some(Span::new(c.file(), from, to)),
                span: c.span(start, c.pos),
            });
        }
        let block = c.slice(from, to)?;
        let read = super::actuals_body(c.file(), block, from)?;
        c.comments.extend(read.comments);
        c.diagnostics.extend(read.diagnostics);
        Some(ActualsProject {
            name,
            body: Some(read.tree),
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

/// `raw_block`: from `{` to its matching `}`, skipping strings and comments.
/// Where no string starts at a quote, pest reads the rest of the line
/// (`raw_unclosed`): so does this if `unclosed`, else it fails there (the
/// first pass leaves such a file to pest's recovery). Spans are positions
/// in the cursor's text.
pub(super) fn raw_block(c: &mut Cur<'_>, unclosed: bool) -> Option<(usize, usize)> {
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
            b'"' => {
                i = match string_end(c.text, i) {
                    Some((end, _)) => end,
                    None if unclosed => line_end(bytes, i),
                    None => return None,
                }
            }
            b'#' => i = line_end(bytes, i),
            0xEF if bytes.get(i..i + 3) == Some("＃".as_bytes()) => i = line_end(bytes, i),
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

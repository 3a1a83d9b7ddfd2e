//! The driver of parsing: the first pass (the fast path's skeleton, or
//! pest's with recovery for a file whose skeleton has an error), then the
//! second pass over every project block, each read by the fast path; where
//! it gives up, pest parses the block only to say what the error is.

use super::ast::*;
use super::error::{parse_error, Context};
use super::eval_ast::{ActualStmt, ActualsProject};
use super::{JxParser, Rule};
use crate::diagnostic::{codes, Diagnostic};
use crate::model::Expr;
use crate::source::{FileId, Node, Span};
use pest::Parser;

/// The first pass through pest's pairs, for files the fast path's first
/// pass does not read.
mod recover;

#[derive(Default)]
pub(super) struct Builder {
    diagnostics: Vec<Diagnostic>,
    comments: Vec<Node<String>>,
    /// Lines of a department block that did not parse (byte ranges in the
    /// file); explained once the whole tree is built.
    bad_lines: Vec<(usize, usize)>,
    /// Project blocks met in the first pass, in file order, parsed after it
    /// (in parallel when there are many).
    pending: Vec<Pending>,
    /// Building a skeleton: 自评 project blocks are left unparsed too.
    skeleton: bool,
}

/// A project block awaiting its second pass.
struct Pending {
    /// Where the project starts: the key that puts the body back into it.
    project: u32,
    /// Byte range of the raw block in the file, if the project has one.
    block: Option<(usize, usize)>,
    name: String,
    /// Where its diagnostics go among the first pass's, to keep their order.
    diag_pos: usize,
}

impl From<super::fast::RawProject> for Pending {
    /// A project of a file whose first pass the fast path read.
    fn from(p: super::fast::RawProject) -> Pending {
        Pending {
            project: p.start,
            block: Some(p.block),
            name: p.name,
            diag_pos: p.diag_pos,
        }
    }
}

/// The whole file with the first pass through pest, for the fast path's
/// differential tests.
#[cfg(any(test, feature = "fuzzing"))]
pub(crate) fn parse_file_pest_skeleton(file: FileId, text: &str) -> (SyntaxFile, Vec<Diagnostic>) {
    parse_with(file, text, true, false)
}

/// [`parse_skeleton`] with the first pass through pest, for the same tests.
#[cfg(any(test, feature = "fuzzing"))]
pub(crate) fn parse_skeleton_pest(file: FileId, text: &str) -> (SyntaxFile, Vec<Diagnostic>) {
    parse_with(file, text, false, false)
}

/// What the second pass made of one project block.
struct Parsed {
    body: Option<Vec<ProjectStmt>>,
    diagnostics: Vec<Diagnostic>,
    comments: Vec<Node<String>>,
}

/// Below this many projects a file's blocks are parsed on the calling
/// thread: a seed-sized file does not pay for waking the thread pool.
const PARALLEL_MIN_PROJECTS: usize = 64;

/// The whole tree: the first pass, then every project body (in parallel
/// when there are many).
pub fn parse_file(file: FileId, text: &str) -> (SyntaxFile, Vec<Diagnostic>) {
    parse_with(file, text, true, true)
}

/// The first pass only: each project keeps its block's place (`deferred`)
/// instead of a body, for [`parse_body`] to read later, one at a time.
pub fn parse_skeleton(file: FileId, text: &str) -> (SyntaxFile, Vec<Diagnostic>) {
    parse_with(file, text, false, true)
}

/// The second pass over one project of a skeleton tree: its body (`None` if
/// it cannot be read) and the diagnostics met in it, the same as
/// `parse_file` reports for it. The comments in it are dropped (only the
/// formatter needs them, and it reads whole trees).
pub fn parse_body(
    file: FileId,
    text: &str,
    project: &Project,
) -> (Option<Vec<ProjectStmt>>, Vec<Diagnostic>) {
    let pending = Pending {
        project: project.span.start,
        block: project.deferred.map(|s| (s.start as usize, s.end as usize)),
        name: project.name.node.clone(),
        diag_pos: 0,
    };
    let parsed = parse_block(file, text, &pending);
    (parsed.body, parsed.diagnostics)
}

/// The body of a 自评 project of a skeleton tree, and the diagnostics met
/// in it, the same as `parse_file` reports for it.
pub fn parse_actuals_body(
    file: FileId,
    text: &str,
    project: &ActualsProject,
) -> (Option<Vec<ActualStmt>>, Vec<Diagnostic>) {
    let mut b = Builder::default();
    let body = project.deferred.and_then(|s| {
        let block = text.get(s.start as usize..s.end as usize)?;
        b.actuals_block(file, s.start as usize, block, &project.name.node)
    });
    (body, b.diagnostics)
}

/// The first pass (on the fast path `super::fast::skeleton` if `fast` and it
/// reads the file, else through pest), then the bodies if `bodies`.
fn parse_with(file: FileId, text: &str, bodies: bool, fast: bool) -> (SyntaxFile, Vec<Diagnostic>) {
    let mut b = Builder {
        skeleton: !bodies,
        ..Builder::default()
    };
    // Two scans of the whole text: side by side for a large file, which is
    // read while the other core has nothing to do yet (issue 7).
    let deep = || super::error::too_deep(file, text);
    let skeleton = || {
        fast.then(|| super::fast::skeleton(file, text, bodies))
            .flatten()
    };
    let sequential = || match deep() {
        Some(d) => (Some(d), None),
        None => (None, skeleton()),
    };
    let (deep, skeleton) = if text.len() >= 1 << 20 {
        crate::parallel::run(|| rayon::join(deep, skeleton), sequential)
    } else {
        sequential()
    };
    if let Some(d) = deep {
        return (SyntaxFile::default(), vec![d]);
    }
    let mut items = match skeleton {
        Some(s) => {
            b.comments = s.comments;
            b.diagnostics = s.diagnostics;
            b.pending = s.projects.into_iter().map(Pending::from).collect();
            s.items
        }
        None => match JxParser::parse(Rule::file, text) {
            Ok(mut pairs) => match pairs.next() {
                Some(file_pair) => b.file(file, file_pair),
                None => Vec::new(),
            },
            Err(e) => {
                b.diagnostics
                    .push(parse_error(&e, text, file, 0, Context::File));
                Vec::new()
            }
        },
    };
    // Second pass: every project block on its own, in parallel when there
    // are many; results come back in file order, and each project's
    // diagnostics where the sequential parser put them. A skeleton leaves
    // every block to `parse_body`.
    let pending = std::mem::take(&mut b.pending);
    let pending = if bodies { pending } else { Vec::new() };
    let parse = |p: &Pending| parse_block(file, text, p);
    let sequential = || pending.iter().map(parse).collect();
    let parsed: Vec<Parsed> = if pending.len() >= PARALLEL_MIN_PROJECTS {
        use rayon::prelude::*;
        crate::parallel::run(|| pending.par_iter().map(parse).collect(), sequential)
    } else {
        sequential()
    };
    let first_pass = std::mem::take(&mut b.diagnostics);
    let mut first_pass = first_pass.into_iter();
    let mut taken = 0;
    let mut bodies = Vec::with_capacity(parsed.len());
    for (p, mut result) in pending.iter().zip(parsed) {
        b.diagnostics
            .extend(first_pass.by_ref().take(p.diag_pos - taken));
        taken = p.diag_pos;
        b.diagnostics.append(&mut result.diagnostics);
        b.comments.append(&mut result.comments);
        bodies.push((p.project, result.body));
    }
    b.diagnostics.extend(first_pass);
    fill_bodies(&mut items, &mut bodies.into_iter().peekable());
    // Each explanation scans the text once; past a hundred bad lines the
    // rest are summed up in one diagnostic.
    let bad = std::mem::take(&mut b.bad_lines);
    for (start, end) in bad.iter().take(recover::MAX_BAD_LINES) {
        b.diagnostics
            .push(recover::bad_line(file, text, *start, *end));
    }
    if let Some((start, end)) = bad.get(recover::MAX_BAD_LINES) {
        b.diagnostics.push(
            Diagnostic::new(
                &codes::SYNTAX,
                format!(
                    "部门块里还有 {} 行无法识别，不再逐一列出",
                    bad.len() - recover::MAX_BAD_LINES
                ),
            )
            .label(Span::new(file, *start, *end), "从这里起")
            .help("先改正上面列出的问题；这个文件可能不是申报文件，或格式整体有误"),
        );
    }
    let mut comments = b.comments;
    comments.sort_by_key(|c| c.span.start);
    (SyntaxFile { items, comments }, b.diagnostics)
}

/// The second pass over one project block: the fast path's tree, or pest's
/// error.
fn parse_block(file: FileId, text: &str, p: &Pending) -> Parsed {
    let Some((start, block)) = p
        .block
        .and_then(|(start, end)| Some((start, text.get(start..end)?)))
    else {
        return Parsed {
            body: None,
            diagnostics: Vec::new(),
            comments: Vec::new(),
        };
    };
    match super::fast::project_body(file, block, start) {
        Some(read) => Parsed {
            body: Some(read.tree),
            diagnostics: read.diagnostics,
            comments: read.comments,
        },
        None => Parsed {
            body: None,
            diagnostics: vec![refused(Rule::project_block, file, block, start, &p.name)],
            comments: Vec::new(),
        },
    }
}

/// Why the fast path gave up on a block of the second pass (`rule`) of the
/// project `name`, starting at `start` in its file: pest's error, or, if
/// pest reads it, jixiao's own fault (JX-S020).
fn refused(rule: Rule, file: FileId, block: &str, start: usize, name: &str) -> Diagnostic {
    match JxParser::parse(rule, block) {
        Err(e) => {
            let ctx = match rule {
                Rule::actuals_block => Context::Actuals(name.to_string()),
                _ => Context::Project(name.to_string()),
            };
            parse_error(&e, block, file, start, ctx)
        }
        Ok(_) => super::fast::disagrees(Span::new(file, start, start + block.len())),
    }
}

impl Builder {
    /// The body of a 自评 project block starting at `start` in the file;
    /// its comments and diagnostics go to the builder's.
    fn actuals_block(
        &mut self,
        file: FileId,
        start: usize,
        block: &str,
        name: &str,
    ) -> Option<Vec<ActualStmt>> {
        match super::fast::actuals_body(file, block, start) {
            Some(read) => {
                self.comments.extend(read.comments);
                self.diagnostics.extend(read.diagnostics);
                Some(read.tree)
            }
            None => match super::fast::actuals_recovering(file, block, start) {
                // One bad line is one diagnostic; the other lines are read
                // (issue 17), as a department block reads past a bad line.
                Some(read) => {
                    for s in &read.tree {
                        if let ActualStmt::Unreadable { span, .. } = s {
                            let (from, to) = (span.start as usize, span.end as usize);
                            self.diagnostics
                                .push(bad_statement(file, block, start, from, to, name));
                        }
                    }
                    self.comments.extend(read.comments);
                    self.diagnostics.extend(read.diagnostics);
                    Some(read.tree)
                }
                None => {
                    let d = refused(Rule::actuals_block, file, block, start, name);
                    self.diagnostics.push(d);
                    None
                }
            },
        }
    }
}

/// pest's error for one statement of a 自评 project block (at `from..to`
/// in the file; the block starts at `start`): the block is parsed with
/// every other statement blanked out, line breaks kept, so that the error
/// is worded and placed as it is when that statement is the only one.
fn bad_statement(
    file: FileId,
    block: &str,
    start: usize,
    from: usize,
    to: usize,
    name: &str,
) -> Diagnostic {
    let (from, to) = (from.saturating_sub(start), to.saturating_sub(start));
    let last = block.len().saturating_sub(1);
    let alone: Vec<u8> = block
        .bytes()
        .enumerate()
        .map(|(i, b)| {
            let kept = i == 0 || i == last || (from..to).contains(&i) || matches!(b, b'\n' | b'\r');
            if kept {
                b
            } else {
                b' '
            }
        })
        .collect();
    // Whole characters are kept or blanked: the text stays UTF-8.
    match String::from_utf8(alone) {
        Ok(alone) => refused(Rule::actuals_block, file, &alone, start, name),
        Err(_) => refused(Rule::actuals_block, file, block, start, name),
    }
}

/// Put the second pass's bodies back into the projects, in file order. A
/// project that has no pending block (one recovered from a bad line) keeps
/// its empty body: bodies go to the projects by where they start.
fn fill_bodies<I>(items: &mut [Item], bodies: &mut std::iter::Peekable<I>)
where
    I: Iterator<Item = (u32, Option<Vec<ProjectStmt>>)>,
{
    let mut fill = |p: &mut Project| {
        if let Some((_, body)) = bodies.next_if(|(start, _)| *start == p.span.start) {
            p.body = body;
            p.deferred = None;
        }
    };
    for item in items {
        match item {
            Item::Project(p) => fill(p),
            Item::Department(d) => {
                for s in &mut d.stmts {
                    if let DeptStmt::Project(p) = s {
                        fill(p);
                    }
                }
            }
            // No project block: a new kind of item must say whether it
            // holds one (ARCHITECTURE.md, “并行而结果确定”).
            Item::Include(_) | Item::Actuals(_) | Item::RuleSet(_) => {}
        }
    }
}

/// Parse a standalone expression (the formatter and import read one): the
/// fast path's tree, or pest's error.
pub fn parse_expr(file: FileId, text: &str, offset: usize) -> Result<Expr, Diagnostic> {
    match super::fast::expr(file, text, offset) {
        Some((read, end)) if end == text.trim_end().len() => {
            let mut diagnostics = read.diagnostics;
            match (read.tree, diagnostics.pop()) {
                (Some(e), None) => Ok(e),
                (_, Some(d)) => Err(d),
                (None, None) => Err(Diagnostic::new(&codes::SYNTAX, "表达式为空")),
            }
        }
        Some((_, end)) => Err(
            Diagnostic::new(&codes::SYNTAX, "表达式后面有多余的内容").label(
                Span::new(file, offset + end, offset + text.len()),
                "无法识别",
            ),
        ),
        None => Err(match JxParser::parse(Rule::expr, text) {
            Err(e) => parse_error(&e, text, file, offset, Context::Expression),
            Ok(_) => super::fast::disagrees(Span::new(file, offset, offset + text.len())),
        }),
    }
}

//! Building the syntax tree from pest's pairs.

use super::ast::*;
use super::error::{error_at, parse_error, parse_error_in, Context};
use super::strings::{decode_plain, decode_triple};
use super::{JxParser, Rule};
use crate::diagnostic::{codes, Diagnostic};
use crate::model::{BinOp, Comparator, Direction, Expr, Quantity, UnOp, Unit};
use crate::source::{FileId, Node, Span};
use pest::iterators::Pair;
use pest::pratt_parser::{Assoc, Op, PrattParser};
use pest::Parser;
use rust_decimal::Decimal;
use std::sync::OnceLock;

/// Building `自评` and `规则` blocks.
mod eval;
#[cfg(any(test, feature = "fuzzing"))]
pub(crate) use eval::pest_actuals_body;

/// Where the text being built lies in its file.
#[derive(Clone, Copy)]
struct At {
    file: FileId,
    offset: usize,
}

#[derive(Default)]
struct Builder {
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
    /// A project of a clean file: no diagnostics before it.
    fn from(p: super::fast::RawProject) -> Pending {
        Pending {
            project: p.start,
            block: Some(p.block),
            name: p.name,
            diag_pos: 0,
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

impl At {
    fn span(&self, pair: &Pair<'_, Rule>) -> Span {
        let s = pair.as_span();
        Span::new(self.file, s.start() + self.offset, s.end() + self.offset)
    }
}

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
/// [`parse_file`] reports for it. The comments in it are dropped (only the
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
/// in it, the same as [`parse_file`] reports for it.
pub fn parse_actuals_body(
    file: FileId,
    text: &str,
    project: &super::eval_ast::ActualsProject,
) -> (Option<Vec<super::eval_ast::ActualStmt>>, Vec<Diagnostic>) {
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
    let at = At { file, offset: 0 };
    // Two scans of the whole text: side by side for a large file, which is
    // read while the other core has nothing to do yet (issue 7).
    let deep = || super::error::too_deep(file, text);
    let skeleton = || {
        fast.then(|| super::fast::skeleton(file, text, bodies))
            .flatten()
    };
    let (deep, skeleton) = if text.len() >= 1 << 20 {
        crate::parallel::install(|| rayon::join(deep, skeleton))
    } else {
        match deep() {
            Some(d) => (Some(d), None),
            None => (None, skeleton()),
        }
    };
    if let Some(d) = deep {
        return (SyntaxFile::default(), vec![d]);
    }
    let mut items = match skeleton {
        Some(s) => {
            b.comments = s.comments;
            b.pending = s.projects.into_iter().map(Pending::from).collect();
            s.items
        }
        None => match JxParser::parse(Rule::file, text) {
            Ok(mut pairs) => match pairs.next() {
                Some(file_pair) => b.file(at, file_pair),
                None => Vec::new(),
            },
            Err(e) => {
                b.diagnostics
                    .push(parse_error(&e, text, at.file, 0, Context::File));
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
    let parsed: Vec<Parsed> = if pending.len() >= PARALLEL_MIN_PROJECTS {
        use rayon::prelude::*;
        crate::parallel::install(|| pending.par_iter().map(parse).collect())
    } else {
        pending.iter().map(parse).collect()
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
    for (start, end) in bad.iter().take(MAX_BAD_LINES) {
        b.diagnostics.push(bad_line(file, text, *start, *end));
    }
    if let Some((start, end)) = bad.get(MAX_BAD_LINES) {
        b.diagnostics.push(
            Diagnostic::new(
                &codes::SYNTAX,
                format!(
                    "部门块里还有 {} 行无法识别，不再逐一列出",
                    bad.len() - MAX_BAD_LINES
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

/// The second pass over one project block: the fast path (`super::fast`)
/// when it reads the block, else pest.
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
        Some((body, comments)) => Parsed {
            body: Some(body),
            diagnostics: Vec::new(),
            comments,
        },
        None => pest_block(file, block, start, &p.name),
    }
}

/// A project block through pest: the specification, and every message.
fn pest_block(file: FileId, block: &str, start: usize, name: &str) -> Parsed {
    let mut b = Builder::default();
    let body = b.second_pass(
        Rule::project_block,
        file,
        block,
        start,
        name,
        Builder::project_body,
    );
    Parsed {
        body,
        diagnostics: b.diagnostics,
        comments: b.comments,
    }
}

/// The pest path alone, for the fast path's differential tests: the body,
/// the comments, and how many diagnostics.
#[cfg(any(test, feature = "fuzzing"))]
pub(crate) fn pest_project_body(
    file: FileId,
    block: &str,
    offset: usize,
) -> (Option<Vec<ProjectStmt>>, Vec<Node<String>>, usize) {
    let p = pest_block(file, block, offset, "");
    (p.body, p.comments, p.diagnostics.len())
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
            // Includes, and any item that holds no project block.
            _ => {}
        }
    }
}

/// At most this many bad department lines are explained one by one.
const MAX_BAD_LINES: usize = 100;

/// Explain a line of a department block that did not parse: parse it again
/// as the statement its first word names, for the precise error.
fn bad_line(file: FileId, text: &str, start: usize, end: usize) -> Diagnostic {
    let line = text.get(start..end).unwrap_or("");
    let word: String = line
        .chars()
        .take_while(|c| !c.is_whitespace() && !matches!(c, '"' | '{'))
        .collect();
    let rule = match word.as_str() {
        "年度" => Rule::year,
        "申报" => Rule::claim,
        "引用" => Rule::include,
        "项目" => Rule::project_raw,
        _ => return error_at(text, start, &[], file, Context::File),
    };
    match JxParser::parse(rule, line) {
        Err(e) => parse_error_in(&e, text, start, file, Context::File),
        Ok(mut pairs) => {
            let done = pairs.next().map_or(0, |p| p.as_span().end());
            error_at(text, start + done, &[], file, Context::File)
        }
    }
}

/// Parse a standalone expression (used by rule sets and tests).
pub fn parse_expr(file: FileId, text: &str, offset: usize) -> Result<Expr, Diagnostic> {
    let mut b = Builder::default();
    let at = At { file, offset };
    match JxParser::parse(Rule::expr, text) {
        Ok(mut pairs) => match pairs.next() {
            Some(p) if p.as_str().len() == text.trim_end().len() => {
                if let Some(d) = too_long(at, &p) {
                    return Err(d);
                }
                let e = b.expr(at, p);
                match b.diagnostics.pop() {
                    Some(d) => Err(d),
                    None => Ok(e),
                }
            }
            Some(p) => {
                let end = p.as_span().end();
                Err(
                    Diagnostic::new(&codes::SYNTAX, "表达式后面有多余的内容").label(
                        Span::new(file, offset + end, offset + text.len()),
                        "无法识别",
                    ),
                )
            }
            None => Err(Diagnostic::new(&codes::SYNTAX, "表达式为空")),
        },
        Err(e) => Err(parse_error(&e, text, file, offset, Context::Expression)),
    }
}

impl Builder {
    /// A block of the second pass (`project_block`, `actuals_block`) of the
    /// project `name`, starting at `start` in the file: built, or pest's
    /// error reported.
    fn second_pass<T>(
        &mut self,
        rule: Rule,
        file: FileId,
        block: &str,
        start: usize,
        name: &str,
        build: impl FnOnce(&mut Self, At, Pair<'_, Rule>) -> T,
    ) -> Option<T> {
        let at = At {
            file,
            offset: start,
        };
        match JxParser::parse(rule, block) {
            Ok(mut pairs) => pairs.next().map(|pair| build(self, at, pair)),
            Err(e) => {
                self.diagnostics.push(parse_error(
                    &e,
                    block,
                    file,
                    start,
                    Context::Project(name.to_string()),
                ));
                None
            }
        }
    }

    /// Children that are not comments or separators; comments are collected.
    fn children<'i>(&mut self, at: At, pair: Pair<'i, Rule>) -> Vec<Pair<'i, Rule>> {
        let mut out = Vec::new();
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::COMMENT => self.comment(at, &p),
                Rule::sep => {}
                _ => out.push(p),
            }
        }
        out
    }

    fn comment(&mut self, at: At, p: &Pair<'_, Rule>) {
        let text = p.as_str();
        let body = text
            .strip_prefix('#')
            .or_else(|| text.strip_prefix('＃'))
            .unwrap_or(text);
        self.comments
            .push(Node::new(body.trim_end().to_string(), at.span(p)));
    }

    fn file(&mut self, at: At, pair: Pair<'_, Rule>) -> Vec<Item> {
        let mut items = Vec::new();
        for p in self.children(at, pair) {
            match p.as_rule() {
                Rule::department => items.push(Item::Department(self.department(at, p))),
                Rule::project_raw => items.push(Item::Project(self.project(at, p))),
                Rule::include => items.push(Item::Include(self.include(at, p))),
                Rule::actuals => items.push(Item::Actuals(self.actuals(at, p))),
                Rule::ruleset => items.push(Item::RuleSet(self.ruleset(at, p))),
                _ => {}
            }
        }
        items
    }

    fn include(&mut self, at: At, pair: Pair<'_, Rule>) -> Node<String> {
        let span = at.span(&pair);
        match self.children(at, pair).into_iter().next() {
            Some(s) => {
                let v = self.string(at, s);
                Node::new(v.node.value, v.span)
            }
            None => Node::new(String::new(), span),
        }
    }

    fn department(&mut self, at: At, pair: Pair<'_, Rule>) -> Department {
        let span = at.span(&pair);
        let mut kids = self.children(at, pair).into_iter();
        let name = match kids.next() {
            Some(n) => self.name(at, n),
            None => Node::new(String::new(), span),
        };
        let mut stmts = Vec::new();
        for p in kids {
            match p.as_rule() {
                Rule::year => {
                    let s = at.span(&p);
                    if let Some(n) = self.children(at, p).into_iter().next() {
                        stmts.push(DeptStmt::Year(Node::new(self.number(&n), at.span(&n))));
                    } else {
                        stmts.push(DeptStmt::Year(Node::new(self.empty_number(), s)));
                    }
                }
                Rule::claim => {
                    let s = at.span(&p);
                    let mut k = self.children(at, p).into_iter();
                    if let (Some(n), Some(q)) = (k.next(), k.next()) {
                        let count = Node::new(self.number(&n), at.span(&n));
                        let funds = self.quantity(at, q);
                        stmts.push(DeptStmt::Claim(Claim {
                            count,
                            funds,
                            span: s,
                        }));
                    }
                }
                Rule::project_raw => stmts.push(DeptStmt::Project(self.project(at, p))),
                Rule::include => stmts.push(DeptStmt::Include(self.include(at, p))),
                Rule::dept_bad => {
                    let s = at.span(&p);
                    self.bad_lines.push((s.start as usize, s.end as usize));
                    // A project that could not be read still counts as one,
                    // so the department is known to be incomplete.
                    if p.as_str().starts_with("项目") {
                        stmts.push(DeptStmt::Project(Project {
                            name: Node::new(String::new(), s),
                            body: None,
                            deferred: None,
                            span: s,
                        }));
                    }
                }
                _ => {}
            }
        }
        Department { name, stmts, span }
    }

    fn empty_number(&self) -> NumberLit {
        NumberLit {
            mantissa: None,
            magnitude: None,
            text: String::new(),
        }
    }

    /// A project: its name here, its block in the second pass (`parse_block`).
    fn project(&mut self, at: At, pair: Pair<'_, Rule>) -> Project {
        let span = at.span(&pair);
        let mut kids = self.children(at, pair).into_iter();
        let name = match kids.next() {
            Some(n) => self.name(at, n),
            None => Node::new(String::new(), span),
        };
        let block = kids.next().map(|raw| {
            let s = raw.as_span();
            (s.start() + at.offset, s.end() + at.offset)
        });
        self.pending.push(Pending {
            project: span.start,
            block,
            name: name.node.clone(),
            diag_pos: self.diagnostics.len(),
        });
        Project {
            name,
            body: None,
            deferred: block.map(|(start, end)| Span::new(at.file, start, end)),
            span,
        }
    }

    fn project_body(&mut self, at: At, pair: Pair<'_, Rule>) -> Vec<ProjectStmt> {
        let mut out = Vec::new();
        for p in self.children(at, pair) {
            let span = at.span(&p);
            let rule = p.as_rule();
            let stmt = match rule {
                Rule::nature
                | Rule::category
                | Rule::competent
                | Rule::implementer
                | Rule::overall_goal
                | Rule::annual_goal => {
                    let key = match rule {
                        Rule::nature => FieldKey::Nature,
                        Rule::category => FieldKey::Category,
                        Rule::competent => FieldKey::Competent,
                        Rule::implementer => FieldKey::Implementer,
                        Rule::overall_goal => FieldKey::OverallGoal,
                        _ => FieldKey::AnnualGoal,
                    };
                    let Some(v) = self.children(at, p).into_iter().next() else {
                        continue;
                    };
                    let value = self.word_or_string(at, v);
                    ProjectStmt::Field { key, value, span }
                }
                Rule::period => {
                    let mut k = self.children(at, p).into_iter();
                    let (Some(a), Some(b)) = (k.next(), k.next()) else {
                        continue;
                    };
                    ProjectStmt::Period {
                        start: Node::new(a.as_str().to_string(), at.span(&a)),
                        end: Node::new(b.as_str().to_string(), at.span(&b)),
                        span,
                    }
                }
                Rule::funds => ProjectStmt::Funds {
                    lines: self.fund_lines(at, p),
                    span,
                },
                Rule::narrative => ProjectStmt::Narrative {
                    lines: self.narrative_lines(at, p),
                    span,
                },
                Rule::indicators => ProjectStmt::Indicators {
                    groups: self.groups(at, p, 1),
                    span,
                },
                Rule::check => {
                    let Some(e) = self.children(at, p).into_iter().next() else {
                        continue;
                    };
                    let text = e.as_str().trim().to_string();
                    let Some(expr) = self.bounded_expr(at, e) else {
                        continue;
                    };
                    ProjectStmt::Check { expr, text, span }
                }
                Rule::allow => {
                    let mut k = self.children(at, p).into_iter();
                    let Some(code) = k.next() else {
                        continue;
                    };
                    let code = Node::new(code.as_str().to_string(), at.span(&code));
                    let reason = k.next().map(|r| self.string(at, r));
                    ProjectStmt::Allow { code, reason, span }
                }
                Rule::unknown_stmt => {
                    let Some(k) = self.children(at, p).into_iter().next() else {
                        continue;
                    };
                    ProjectStmt::Unknown {
                        key: Node::new(k.as_str().to_string(), at.span(&k)),
                        span,
                    }
                }
                _ => continue,
            };
            out.push(stmt);
        }
        out
    }

    fn fund_lines(&mut self, at: At, pair: Pair<'_, Rule>) -> Vec<FundLine> {
        let mut lines = Vec::new();
        for line in self.children(at, pair) {
            let span = at.span(&line);
            let mut k = self.children(at, line).into_iter();
            let (Some(key), Some(q)) = (k.next(), k.next()) else {
                continue;
            };
            let canonical = match key.as_str() {
                "项目资金总额" | "总额" => "总额",
                "年度资金申请总额" | "年度申请" => "年度申请",
                "财政资金" => "财政资金",
                "当年财政拨款" | "当年拨款" => "当年拨款",
                "上年结转资金" | "上年结转" => "上年结转",
                _ => "其他资金",
            };
            lines.push(FundLine {
                key: Node::new(canonical, at.span(&key)),
                value: self.quantity(at, q),
                span,
            });
        }
        lines
    }

    fn narrative_lines(&mut self, at: At, pair: Pair<'_, Rule>) -> Vec<NarrativeLine> {
        let mut lines = Vec::new();
        for line in self.children(at, pair) {
            let span = at.span(&line);
            let mut k = self.children(at, line).into_iter();
            let (Some(key), Some(v)) = (k.next(), k.next()) else {
                continue;
            };
            lines.push(NarrativeLine {
                key: Node::new(key.as_str().to_string(), at.span(&key)),
                value: self.string(at, v),
                span,
            });
        }
        lines
    }

    fn groups(&mut self, at: At, pair: Pair<'_, Rule>, level: u8) -> Vec<Group> {
        let mut groups = Vec::new();
        for g in self.children(at, pair) {
            let span = at.span(&g);
            let mut k = self.children(at, g).into_iter();
            let Some(n) = k.next() else { continue };
            let name = self.name(at, n);
            let children = if level == 1 {
                let mut subs = Vec::new();
                for sub in k {
                    subs.extend(self.groups_one(at, sub));
                }
                GroupChildren::Groups(subs)
            } else {
                GroupChildren::Indicators(k.map(|i| self.indicator(at, i)).collect())
            };
            groups.push(Group {
                name,
                children,
                span,
            });
        }
        groups
    }

    /// A single second-level group pair.
    fn groups_one(&mut self, at: At, g: Pair<'_, Rule>) -> Option<Group> {
        let span = at.span(&g);
        let mut k = self.children(at, g).into_iter();
        let name = self.name(at, k.next()?);
        let indicators = k.map(|i| self.indicator(at, i)).collect();
        Some(Group {
            name,
            children: GroupChildren::Indicators(indicators),
            span,
        })
    }

    fn indicator(&mut self, at: At, pair: Pair<'_, Rule>) -> Indicator {
        let span = at.span(&pair);
        let mut name = Node::new(String::new(), span);
        let mut target = None;
        let mut attrs = Vec::new();
        let mut attr_block = false;
        for p in self.children(at, pair) {
            let ps = at.span(&p);
            match p.as_rule() {
                Rule::name => name = self.name(at, p),
                Rule::comparison => {
                    let mut k = self.children(at, p).into_iter();
                    if let (Some(c), Some(q)) = (k.next(), k.next()) {
                        let comparator = Node::new(comparator(&c), at.span(&c));
                        target = Some(Node::new(
                            TargetLit::Compare {
                                comparator,
                                value: self.quantity(at, q),
                            },
                            ps,
                        ));
                    }
                }
                Rule::range => {
                    let mut k = self.children(at, p).into_iter();
                    if let (Some(a), Some(b)) = (k.next(), k.next()) {
                        target = Some(Node::new(
                            TargetLit::Range {
                                low: self.quantity(at, a),
                                high: self.quantity(at, b),
                            },
                            ps,
                        ));
                    }
                }
                Rule::qualitative => {
                    if let Some(w) = self.children(at, p).into_iter().next() {
                        let word = self.name(at, w);
                        target = Some(Node::new(TargetLit::Qualitative { word }, ps));
                    }
                }
                Rule::attr_block => {
                    attr_block = true;
                    for a in self.children(at, p) {
                        attrs.extend(self.attr(at, a));
                    }
                }
                _ => attrs.extend(self.attr(at, p)),
            }
        }
        let target = target.unwrap_or_else(|| {
            Node::new(
                TargetLit::Qualitative {
                    word: Node::new(String::new(), span),
                },
                span,
            )
        });
        Indicator {
            name,
            target,
            attrs,
            attr_block,
            span,
        }
    }

    fn attr(&mut self, at: At, p: Pair<'_, Rule>) -> Option<Node<Attr>> {
        let span = at.span(&p);
        let rule = p.as_rule();
        let v = self.children(at, p).into_iter().next()?;
        let attr = match rule {
            Rule::points => Attr::Points(Node::new(self.number(&v), at.span(&v))),
            Rule::tolerance => Attr::Tolerance(self.quantity(at, v)),
            Rule::direction => Attr::Direction(if v.as_str() == "反向" {
                Direction::Negative
            } else {
                Direction::Positive
            }),
            Rule::caliber => Attr::Caliber(self.string(at, v)),
            _ => return None,
        };
        Some(Node::new(attr, span))
    }

    // ───────────── values ─────────────

    fn name(&mut self, at: At, pair: Pair<'_, Rule>) -> Node<String> {
        let v = self.word_or_string(at, pair);
        Node::new(v.node.value, v.span)
    }

    /// `name` / `word`: a string or a bare word.
    fn word_or_string(&mut self, at: At, pair: Pair<'_, Rule>) -> Node<StringLit> {
        let span = at.span(&pair);
        let p = match pair.as_rule() {
            Rule::name | Rule::word => match pair.into_inner().next() {
                Some(p) => p,
                None => {
                    return Node::new(
                        StringLit {
                            value: String::new(),
                            triple: false,
                        },
                        span,
                    )
                }
            },
            _ => pair,
        };
        match p.as_rule() {
            Rule::string => self.string(at, p),
            _ => Node::new(
                StringLit {
                    value: p.as_str().to_string(),
                    triple: false,
                },
                at.span(&p),
            ),
        }
    }

    fn string(&mut self, at: At, pair: Pair<'_, Rule>) -> Node<StringLit> {
        let span = at.span(&pair);
        let p = if pair.as_rule() == Rule::string {
            pair.into_inner().next()
        } else {
            Some(pair)
        };
        let Some(p) = p else {
            return Node::new(
                StringLit {
                    value: String::new(),
                    triple: false,
                },
                span,
            );
        };
        let raw = p.as_str();
        let (value, triple) = if p.as_rule() == Rule::triple_string {
            (decode_triple(raw), true)
        } else {
            match decode_plain(raw) {
                Ok(v) => (v, false),
                Err(bad) => {
                    let at = raw.find(&bad).map_or(span, |i| {
                        Span::new(
                            span.file,
                            span.start as usize + i,
                            span.start as usize + i + 1,
                        )
                    });
                    self.diagnostics.push(
                        Diagnostic::new(
                            &codes::BAD_ESCAPE,
                            format!("文字里的“{bad}”不是有效的写法：反斜杠 \\ 在引号里表示转义"),
                        )
                        .label(at, "这个反斜杠")
                        .help("引号里的反斜杠只能写成 \\\"（引号）、\\\\（反斜杠本身）、\\n（换行）、\\t（制表符）；若要写反斜杠，请写两个 \\\\，或改用顿号、斜杠 /"),
                    );
                    (raw.trim_matches('"').to_string(), false)
                }
            }
        };
        Node::new(StringLit { value, triple }, span)
    }

    fn number(&mut self, pair: &Pair<'_, Rule>) -> NumberLit {
        NumberLit::from_text(pair.as_str())
    }

    fn quantity(&mut self, at: At, pair: Pair<'_, Rule>) -> Node<QuantityLit> {
        let span = at.span(&pair);
        let mut number = self.empty_number();
        let mut unit = None;
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::number => number = self.number(&p),
                Rule::unit => unit = Some(Node::new(p.as_str().to_string(), at.span(&p))),
                _ => {}
            }
        }
        Node::new(QuantityLit { number, unit }, span)
    }

    // ───────────── expressions ─────────────

    /// A whole expression (a statement's, not a part of one), unless it
    /// holds more than [`MAX_EXPR_OPERATIONS`](super::error::MAX_EXPR_OPERATIONS):
    /// then a diagnostic, and the statement is left out (a placeholder value
    /// would be a false number).
    fn bounded_expr(&mut self, at: At, pair: Pair<'_, Rule>) -> Option<Expr> {
        if let Some(d) = too_long(at, &pair) {
            self.diagnostics.push(d);
            return None;
        }
        Some(self.expr(at, pair))
    }

    fn expr(&mut self, at: At, pair: Pair<'_, Rule>) -> Expr {
        let pairs: Vec<Pair<'_, Rule>> = pair
            .into_inner()
            .filter(|p| p.as_rule() != Rule::COMMENT)
            .collect();
        let pratt = pratt();
        let mut diags = Vec::new();
        let result = pratt
            .map_primary(|p| self_primary(at, p, &mut diags))
            .map_prefix(|op, rhs| {
                let span = join(at.span(&op), rhs.span());
                let op = if op.as_rule() == Rule::not {
                    UnOp::Not
                } else {
                    UnOp::Neg
                };
                Expr::Unary {
                    op,
                    operand: Box::new(rhs),
                    span,
                }
            })
            .map_infix(|lhs, op, rhs| {
                let span = join(lhs.span(), rhs.span());
                Expr::Binary {
                    op: binop(op.as_rule()),
                    left: Box::new(lhs),
                    right: Box::new(rhs),
                    span,
                }
            })
            .parse(pairs.into_iter());
        self.diagnostics.extend(diags);
        result
    }
}

fn join(a: Span, b: Span) -> Span {
    Span {
        file: a.file,
        start: a.start.min(b.start),
        end: a.end.max(b.end),
    }
}

fn pratt() -> &'static PrattParser<Rule> {
    static P: OnceLock<PrattParser<Rule>> = OnceLock::new();
    P.get_or_init(|| {
        PrattParser::new()
            .op(Op::infix(Rule::or, Assoc::Left))
            .op(Op::infix(Rule::and, Assoc::Left))
            .op(Op::infix(Rule::ge, Assoc::Left)
                | Op::infix(Rule::le, Assoc::Left)
                | Op::infix(Rule::gt, Assoc::Left)
                | Op::infix(Rule::lt, Assoc::Left)
                | Op::infix(Rule::eq, Assoc::Left)
                | Op::infix(Rule::ne, Assoc::Left))
            .op(Op::infix(Rule::add, Assoc::Left) | Op::infix(Rule::sub, Assoc::Left))
            .op(Op::infix(Rule::mul, Assoc::Left) | Op::infix(Rule::div, Assoc::Left))
            .op(Op::prefix(Rule::neg) | Op::prefix(Rule::not))
    })
}

/// The diagnostic for an expression of more than
/// [`MAX_EXPR_OPERATIONS`](super::error::MAX_EXPR_OPERATIONS), counted in
/// one pass over its pairs before any tree is built.
fn too_long(at: At, pair: &Pair<'_, Rule>) -> Option<Diagnostic> {
    let operations = pair
        .clone()
        .into_inner()
        .flatten()
        .filter(|p| is_operation(p.as_rule()))
        .count();
    (operations > super::error::MAX_EXPR_OPERATIONS)
        .then(|| super::error::expr_too_long(at.span(pair), operations))
}

/// A rule that makes one level of an expression's tree.
fn is_operation(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::add
            | Rule::sub
            | Rule::mul
            | Rule::div
            | Rule::ge
            | Rule::le
            | Rule::gt
            | Rule::lt
            | Rule::ne
            | Rule::eq
            | Rule::and
            | Rule::or
            | Rule::neg
            | Rule::not
            | Rule::conditional
            | Rule::call
    )
}

fn binop(rule: Rule) -> BinOp {
    match rule {
        Rule::add => BinOp::Add,
        Rule::sub => BinOp::Sub,
        Rule::mul => BinOp::Mul,
        Rule::div => BinOp::Div,
        Rule::ge => BinOp::Ge,
        Rule::le => BinOp::Le,
        Rule::gt => BinOp::Gt,
        Rule::lt => BinOp::Lt,
        Rule::ne => BinOp::Ne,
        Rule::and => BinOp::And,
        Rule::or => BinOp::Or,
        _ => BinOp::Eq,
    }
}

fn comparator(pair: &Pair<'_, Rule>) -> Comparator {
    match pair.clone().into_inner().next().map(|p| p.as_rule()) {
        Some(Rule::ge) => Comparator::Ge,
        Some(Rule::le) => Comparator::Le,
        Some(Rule::gt) => Comparator::Gt,
        Some(Rule::lt) => Comparator::Lt,
        _ => Comparator::Eq,
    }
}

fn number_value(pair: &Pair<'_, Rule>, at: At, diags: &mut Vec<Diagnostic>) -> Quantity {
    let mut b = Builder::default();
    let q = b.quantity(at, pair.clone());
    let value = q.node.number.value();
    if value.is_none() {
        diags.push(super::ast::out_of_range(&q.node.number, q.span));
    }
    Quantity::new(
        value.unwrap_or_default(),
        q.node
            .unit
            .map(|u| crate::lower::unit(&u.node))
            .unwrap_or_else(Unit::none),
    )
}

fn self_primary(at: At, p: Pair<'_, Rule>, diags: &mut Vec<Diagnostic>) -> Expr {
    let span = at.span(&p);
    match p.as_rule() {
        Rule::quantity => Expr::Number {
            value: number_value(&p, at, diags),
            span,
        },
        Rule::path => Expr::Path {
            path: p
                .into_inner()
                .filter(|r| r.as_rule() == Rule::reference)
                .map(|r| reference_text(r, diags, at))
                .collect(),
            span,
        },
        Rule::conditional => {
            let mut parts: Vec<Expr> = p
                .into_inner()
                .filter(|x| x.as_rule() == Rule::expr)
                .map(|x| sub_expr(at, x, diags))
                .collect();
            let otherwise = parts.pop();
            let then = parts.pop();
            let condition = parts.pop();
            match (condition, then, otherwise) {
                (Some(c), Some(t), Some(o)) => Expr::If {
                    condition: Box::new(c),
                    then: Box::new(t),
                    otherwise: Box::new(o),
                    span,
                },
                _ => Expr::Number {
                    value: Quantity::new(Decimal::ZERO, Unit::none()),
                    span,
                },
            }
        }
        Rule::call => {
            let mut kids = p.into_inner();
            let function = kids
                .next()
                .map(|f| f.as_str().to_string())
                .unwrap_or_default();
            let args = kids
                .filter(|x| x.as_rule() == Rule::expr)
                .map(|x| sub_expr(at, x, diags))
                .collect();
            Expr::Call {
                function,
                resolved: Default::default(),
                args,
                span,
            }
        }
        Rule::expr => sub_expr(at, p, diags),
        _ => Expr::Number {
            value: Quantity::new(Decimal::ZERO, Unit::none()),
            span,
        },
    }
}

fn reference_text(r: Pair<'_, Rule>, diags: &mut Vec<Diagnostic>, at: At) -> String {
    let span = at.span(&r);
    match r.into_inner().next() {
        Some(s) if s.as_rule() == Rule::string => {
            let raw = s.into_inner().next().map(|x| x.as_str()).unwrap_or("");
            decode_plain(raw).unwrap_or_else(|bad| {
                diags.push(
                    Diagnostic::new(
                        &codes::BAD_ESCAPE,
                        format!("字符串里的“{bad}”不是有效的转义"),
                    )
                    .label(span, "这里"),
                );
                raw.trim_matches('"').to_string()
            })
        }
        Some(s) => s.as_str().to_string(),
        None => String::new(),
    }
}

fn sub_expr(at: At, p: Pair<'_, Rule>, diags: &mut Vec<Diagnostic>) -> Expr {
    let mut b = Builder::default();
    let e = b.expr(at, p);
    diags.extend(b.diagnostics);
    e
}

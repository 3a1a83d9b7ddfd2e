//! The first pass through pest's pairs: the skeleton of a file the fast
//! path's first pass does not read (a department with a line that does not
//! parse, an unclosed string in a block …), recovered so that the rest of
//! the file is still read. Only the skeleton: names, numbers and strings,
//! rule sets and 自评 bodies are read by the fast path from the pairs' text.

use super::{Builder, Pending};
use crate::diagnostic::Diagnostic;
use crate::source::{FileId, Node, Span};
use crate::syntax::ast::*;
use crate::syntax::error::{error_at, parse_error_in, Context};
use crate::syntax::eval_ast::{Actuals, ActualsProject, RuleSet};
use crate::syntax::{fast, JxParser, Rule};
use pest::iterators::Pair;
use pest::Parser;

/// Where the text being built lies in its file.
#[derive(Clone, Copy)]
struct At {
    file: FileId,
    offset: usize,
}

impl At {
    fn span(&self, pair: &Pair<'_, Rule>) -> Span {
        let s = pair.as_span();
        Span::new(self.file, s.start() + self.offset, s.end() + self.offset)
    }

    fn start(&self, pair: &Pair<'_, Rule>) -> usize {
        pair.as_span().start() + self.offset
    }
}

impl Builder {
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

    pub(super) fn file(&mut self, file: FileId, pair: Pair<'_, Rule>) -> Vec<Item> {
        let at = At { file, offset: 0 };
        let mut items = Vec::new();
        for p in self.children(at, pair) {
            match p.as_rule() {
                Rule::department => items.push(Item::Department(self.department(at, p))),
                Rule::project_raw => items.push(Item::Project(self.project(at, p))),
                Rule::include => items.push(Item::Include(self.include(at, p))),
                Rule::actuals => items.push(Item::Actuals(self.actuals(at, p))),
                Rule::ruleset => items.extend(self.ruleset(at, p).map(Item::RuleSet)),
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

    // ───────────── 自评 and 规则 ─────────────

    fn actuals(&mut self, at: At, pair: Pair<'_, Rule>) -> Actuals {
        let span = at.span(&pair);
        let mut kids = self.children(at, pair).into_iter();
        let department = match kids.next() {
            Some(n) => self.name(at, n),
            None => Node::new(String::new(), span),
        };
        let year = match kids.next() {
            Some(n) => Node::new(self.number(&n), at.span(&n)),
            None => Node::new(self.empty_number(), span),
        };
        let projects = kids.map(|p| self.actuals_project(at, p)).collect();
        Actuals {
            department,
            year,
            projects,
            span,
        }
    }

    /// A project of a 自评 block: its name here, its block in a second pass.
    fn actuals_project(&mut self, at: At, pair: Pair<'_, Rule>) -> ActualsProject {
        let span = at.span(&pair);
        let mut kids = self.children(at, pair).into_iter();
        let name = match kids.next() {
            Some(n) => self.name(at, n),
            None => Node::new(String::new(), span),
        };
        let raw = kids.next();
        if self.skeleton {
            let deferred = raw.map(|r| at.span(&r));
            return ActualsProject {
                name,
                body: None,
                deferred,
                span,
            };
        }
        let body = raw.and_then(|raw| {
            let start = raw.as_span().start() + at.offset;
            self.actuals_block(at.file, start, raw.as_str(), &name.node)
        });
        ActualsProject {
            name,
            body,
            deferred: None,
            span,
        }
    }

    /// A rule set, read by the fast path from the pair's text.
    fn ruleset(&mut self, at: At, pair: Pair<'_, Rule>) -> Option<RuleSet> {
        match fast::ruleset(at.file, pair.as_str(), at.start(&pair)) {
            Some(read) => {
                self.comments.extend(read.comments);
                self.diagnostics.extend(read.diagnostics);
                Some(read.tree)
            }
            None => {
                self.diagnostics.push(fast::disagrees(at.span(&pair)));
                None
            }
        }
    }

    // ───────────── values, read by the fast path ─────────────

    fn name(&mut self, at: At, pair: Pair<'_, Rule>) -> Node<String> {
        let v = self.string(at, pair);
        Node::new(v.node.value, v.span)
    }

    /// A `name`, `word` or `string`: decoded, a bad escape reported.
    fn string(&mut self, at: At, pair: Pair<'_, Rule>) -> Node<StringLit> {
        match fast::word(at.file, pair.as_str(), at.start(&pair)) {
            Some(read) => {
                self.diagnostics.extend(read.diagnostics);
                read.tree
            }
            None => Node::new(
                StringLit {
                    value: String::new(),
                    triple: false,
                },
                at.span(&pair),
            ),
        }
    }

    fn number(&mut self, pair: &Pair<'_, Rule>) -> NumberLit {
        NumberLit::from_text(pair.as_str())
    }

    fn quantity(&mut self, at: At, pair: Pair<'_, Rule>) -> Node<QuantityLit> {
        match fast::quantity(at.file, pair.as_str(), at.start(&pair)) {
            Some(q) => q,
            None => Node::new(
                QuantityLit {
                    number: self.empty_number(),
                    unit: None,
                },
                at.span(&pair),
            ),
        }
    }
}

/// At most this many bad department lines are explained one by one.
pub(super) const MAX_BAD_LINES: usize = 100;

/// Explain a line of a department block that did not parse: parse it again
/// as the statement its first word names, for the precise error.
pub(super) fn bad_line(file: FileId, text: &str, start: usize, end: usize) -> Diagnostic {
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

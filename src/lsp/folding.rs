//! `textDocument/foldingRange`: every block of the syntax tree (部门, 项目,
//! 资金, 说明, 指标, 一级/二级 groups, an indicator's `{ … }`, `自评` and its
//! projects, `规则` and its blocks), every multi-line string, and every run
//! of comments on lines of their own.
//!
//! A block folds from its header's line to the line before its `}`, so
//! that the `}` stays in sight; a string or a run of comments folds whole.

use super::position::LineIndex;
use crate::source::Span;
use crate::syntax::ast::{DeptStmt, Group, GroupChildren, Item, Project, ProjectStmt};
use crate::syntax::eval_ast::{ActualAttr, ActualStmt, ActualsProject, RuleSet};
use lsp_types::{FoldingRange, FoldingRangeKind};

/// The folding ranges of `text` (the text the library reads: no byte-order
/// mark, which moves no line), in the order of their first line.
pub fn ranges(parsed: &super::parsed::Parsed) -> Vec<FoldingRange> {
    let text = parsed.text();
    let Some(tree) = parsed.tree() else {
        return Vec::new();
    };
    let mut f = Folds {
        index: LineIndex::new(text),
        text,
        out: Vec::new(),
    };
    for item in &tree.items {
        match item {
            Item::Department(d) => {
                f.block(d.span);
                for s in &d.stmts {
                    if let DeptStmt::Project(p) = s {
                        f.project(p);
                    }
                }
            }
            Item::Project(p) => f.project(p),
            Item::Include(_) => {}
            Item::Actuals(a) => {
                f.block(a.span);
                a.projects.iter().for_each(|p| f.actuals(p));
            }
            Item::RuleSet(r) => f.rules(r),
        }
    }
    f.comments(tree.comments.iter().map(|c| c.span));
    f.out
        .sort_by_key(|r| (r.start_line, std::cmp::Reverse(r.end_line)));
    f.out
}

struct Folds<'a> {
    index: LineIndex<'a>,
    text: &'a str,
    out: Vec<FoldingRange>,
}

impl Folds<'_> {
    fn lines(&self, span: Span) -> (u32, u32) {
        let start = self.index.position(span.start as usize).line;
        let end = self.index.position(span.end as usize).line;
        (start, end)
    }

    fn push(&mut self, start_line: u32, end_line: u32, kind: Option<FoldingRangeKind>) {
        if end_line > start_line {
            self.out.push(FoldingRange {
                start_line,
                end_line,
                kind,
                ..FoldingRange::default()
            });
        }
    }

    /// A block ending in `}`: up to the line before the `}`'s.
    fn block(&mut self, span: Span) {
        let (start, end) = self.lines(span);
        let closed = self
            .text
            .get(..span.end as usize)
            .is_some_and(|t| t.trim_end().ends_with('}'));
        let end = if closed { end.saturating_sub(1) } else { end };
        self.push(start, end, None);
    }

    /// Text spanning lines (a `"""` string): whole.
    fn whole(&mut self, span: Span) {
        let (start, end) = self.lines(span);
        self.push(start, end, None);
    }

    fn project(&mut self, p: &Project) {
        self.block(p.span);
        for s in p.body.iter().flatten() {
            match s {
                ProjectStmt::Field { value, .. } => self.whole(value.span),
                ProjectStmt::Funds { span, .. } => self.block(*span),
                ProjectStmt::Narrative { lines, span } => {
                    self.block(*span);
                    lines.iter().for_each(|l| self.whole(l.value.span));
                }
                ProjectStmt::Indicators { groups, span } => {
                    self.block(*span);
                    groups.iter().for_each(|g| self.group(g));
                }
                ProjectStmt::Allow {
                    reason: Some(r), ..
                } => self.whole(r.span),
                ProjectStmt::Period { .. }
                | ProjectStmt::Check { .. }
                | ProjectStmt::Allow { .. }
                | ProjectStmt::Unknown { .. } => {}
            }
        }
    }

    fn group(&mut self, g: &Group) {
        self.block(g.span);
        match &g.children {
            GroupChildren::Groups(groups) => groups.iter().for_each(|c| self.group(c)),
            GroupChildren::Indicators(list) => {
                for i in list.iter().filter(|i| i.attr_block) {
                    self.block(i.span);
                }
            }
        }
    }

    fn actuals(&mut self, p: &ActualsProject) {
        self.block(p.span);
        for s in p.body.iter().flatten() {
            match s {
                ActualStmt::BudgetRows(rows) => self.block(rows.span),
                ActualStmt::Line(l) => {
                    for a in &l.attrs {
                        if let ActualAttr::Override { reason, .. } = &a.node {
                            self.whole(reason.span);
                        } else {
                            self.whole(a.span);
                        }
                    }
                }
                _ => {}
            }
        }
    }

    fn rules(&mut self, r: &RuleSet) {
        self.block(r.span);
        for s in &r.stmts {
            self.block(s.span);
        }
    }

    /// Runs of comments each alone on its line, on consecutive lines.
    fn comments(&mut self, spans: impl Iterator<Item = Span>) {
        let mut run: Option<(u32, u32)> = None;
        for span in spans {
            let line_start = self
                .text
                .get(..span.start as usize)
                .map_or(0, |t| t.rfind('\n').map_or(0, |i| i + 1));
            let alone = self
                .text
                .get(line_start..span.start as usize)
                .is_some_and(|t| t.trim().is_empty());
            let (start, end) = self.lines(span);
            run = match run {
                Some((first, last)) if alone && start == last + 1 => Some((first, end)),
                Some((first, last)) => {
                    self.push(first, last, Some(FoldingRangeKind::Comment));
                    alone.then_some((start, end))
                }
                None => alone.then_some((start, end)),
            };
        }
        if let Some((first, last)) = run {
            self.push(first, last, Some(FoldingRangeKind::Comment));
        }
    }
}

impl super::Server {
    pub(super) fn folding(
        &self,
        request: &lsp_server::Request,
    ) -> Result<lsp_server::Response, lsp_server::Response> {
        let p: lsp_types::FoldingRangeParams = super::params(request)?;
        let doc = self.open_document(request, &p.text_document.uri)?;
        let result = ranges(&doc.parsed());
        Ok(lsp_server::Response::new_ok(request.id.clone(), result))
    }
}

//! Building the `自评` (actuals) and `规则` (rule set) trees.

use super::{comparator, At, Builder};
use crate::source::{FileId, Node};
use crate::syntax::eval_ast::*;
use crate::syntax::Rule;
use pest::iterators::Pair;

impl Builder {
    pub(super) fn actuals(&mut self, at: At, pair: Pair<'_, Rule>) -> Actuals {
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

    /// The body of a 自评 project block starting at `start` in the file.
    pub(super) fn actuals_block(
        &mut self,
        file: crate::source::FileId,
        start: usize,
        block: &str,
        name: &str,
    ) -> Option<Vec<ActualStmt>> {
        if let Some(read) = crate::syntax::fast::actuals_body(file, block, start) {
            self.comments.extend(read.comments);
            self.diagnostics.extend(read.diagnostics);
            return Some(read.tree);
        }
        self.pest_actuals(file, block, start, name)
    }

    /// A 自评 project block through pest: the specification, and every
    /// message.
    fn pest_actuals(
        &mut self,
        file: FileId,
        block: &str,
        start: usize,
        name: &str,
    ) -> Option<Vec<ActualStmt>> {
        self.second_pass(
            Rule::actuals_block,
            file,
            block,
            start,
            name,
            Self::actuals_body,
        )
    }

    fn actuals_body(&mut self, at: At, pair: Pair<'_, Rule>) -> Vec<ActualStmt> {
        let mut out = Vec::new();
        for p in self.children(at, pair) {
            match p.as_rule() {
                Rule::actual_budget | Rule::actual_spent => {
                    let budget = p.as_rule() == Rule::actual_budget;
                    let Some(q) = self.children(at, p).into_iter().next() else {
                        continue;
                    };
                    let q = self.quantity(at, q);
                    out.push(if budget {
                        ActualStmt::Budget(q)
                    } else {
                        ActualStmt::Spent(q)
                    });
                }
                Rule::actual_line => {
                    if let Some(line) = self.actual_line(at, p) {
                        out.push(ActualStmt::Line(line));
                    }
                }
                _ => {}
            }
        }
        out
    }

    fn actual_line(&mut self, at: At, pair: Pair<'_, Rule>) -> Option<ActualLine> {
        let span = at.span(&pair);
        let mut kids = self.children(at, pair).into_iter();
        let name = self.name(at, kids.next()?);
        let v = kids.next()?;
        let vspan = at.span(&v);
        let value = match v.as_rule() {
            Rule::quantity => ActualValueLit::Quantity(self.quantity(at, v).node),
            Rule::actual_expr => {
                let e = self.children(at, v).into_iter().next()?;
                let text = e.as_str().trim().to_string();
                ActualValueLit::Expr {
                    expr: self.bounded_expr(at, e)?,
                    text,
                }
            }
            _ => {
                let mut g = self.children(at, v).into_iter();
                let grade = g.next()?;
                let grade = Node::new(grade.as_str().to_string(), at.span(&grade));
                let score = g
                    .next()
                    .and_then(|s| self.children(at, s).into_iter().next())
                    .map(|q| self.quantity(at, q));
                ActualValueLit::Grade { grade, score }
            }
        };
        let mut attrs = Vec::new();
        for a in kids {
            let aspan = at.span(&a);
            let rule = a.as_rule();
            let mut parts = self.children(at, a).into_iter();
            let attr = match rule {
                Rule::actual_override => {
                    let (Some(n), Some(r)) = (parts.next(), parts.next()) else {
                        continue;
                    };
                    ActualAttr::Override {
                        score: Node::new(self.number(&n), at.span(&n)),
                        reason: self.string(at, r),
                    }
                }
                _ => {
                    let Some(s) = parts.next() else { continue };
                    let s = self.string(at, s).node;
                    match rule {
                        Rule::actual_reason => ActualAttr::Reason(s),
                        Rule::actual_measure => ActualAttr::Measure(s),
                        Rule::actual_source => ActualAttr::Source(s),
                        _ => ActualAttr::Note(s),
                    }
                }
            };
            attrs.push(Node::new(attr, aspan));
        }
        Some(ActualLine {
            name,
            value: Node::new(value, vspan),
            attrs,
            span,
        })
    }

    // ───────────── rule sets ─────────────

    pub(super) fn ruleset(&mut self, at: At, pair: Pair<'_, Rule>) -> RuleSet {
        let span = at.span(&pair);
        let mut kids = self.children(at, pair).into_iter();
        let name = match kids.next() {
            Some(n) => self.name(at, n),
            None => Node::new(String::new(), span),
        };
        let mut stmts = Vec::new();
        for p in kids {
            let s = at.span(&p);
            if let Some(stmt) = self.rule_stmt(at, p) {
                stmts.push(Node::new(stmt, s));
            }
        }
        RuleSet { name, stmts, span }
    }

    fn rule_stmt(&mut self, at: At, p: Pair<'_, Rule>) -> Option<RuleStmt> {
        let rule = p.as_rule();
        let mut k = self.children(at, p).into_iter();
        Some(match rule {
            Rule::rule_title => RuleStmt::Title(self.string(at, k.next()?).node),
            Rule::rule_source => RuleStmt::Source(self.string(at, k.next()?).node),
            Rule::rule_unverified => RuleStmt::Unverified(self.string(at, k.next()?).node),
            Rule::rule_year => {
                let n = k.next()?;
                RuleStmt::Year(Node::new(self.number(&n), at.span(&n)))
            }
            Rule::rule_points => {
                let mut lines = Vec::new();
                for line in k {
                    let mut parts = self.children(at, line).into_iter();
                    let (Some(n), Some(v)) = (parts.next(), parts.next()) else {
                        continue;
                    };
                    let name = self.name(at, n);
                    lines.push((name, Node::new(self.number(&v), at.span(&v))));
                }
                RuleStmt::Points(lines)
            }
            Rule::rule_split => RuleStmt::Split(k.next()?.as_str().to_string()),
            Rule::rule_formula => {
                let key = k.next()?;
                let key = Node::new(key.as_str().to_string(), at.span(&key));
                let e = k.next()?;
                let text = e.as_str().trim().to_string();
                RuleStmt::Formula {
                    key,
                    expr: self.bounded_expr(at, e)?,
                    text,
                }
            }
            Rule::rule_qualitative => {
                let mut bands = Vec::new();
                for b in k {
                    let span = at.span(&b);
                    let mut parts = self.children(at, b).into_iter();
                    let (Some(g), Some(lo), Some(hi), Some(def)) =
                        (parts.next(), parts.next(), parts.next(), parts.next())
                    else {
                        continue;
                    };
                    bands.push(QualBandLit {
                        grade: Node::new(g.as_str().to_string(), at.span(&g)),
                        low: self.percent(at, lo),
                        high: self.percent(at, hi),
                        default: self.percent(at, def),
                        span,
                    });
                }
                RuleStmt::Qualitative(bands)
            }
            Rule::rule_grades => {
                let mut bands = Vec::new();
                for b in k {
                    let span = at.span(&b);
                    let mut parts = self.children(at, b).into_iter();
                    let Some(n) = parts.next() else { continue };
                    let name = self.name(at, n);
                    let bound = match (parts.next(), parts.next()) {
                        (Some(c), Some(v)) => {
                            Some((comparator(&c), Node::new(self.number(&v), at.span(&v))))
                        }
                        _ => None,
                    };
                    bands.push(GradeBandLit { name, bound, span });
                }
                RuleStmt::Grades(bands)
            }
            Rule::rule_rounding => {
                let n = k.next()?;
                let places = Node::new(self.number(&n), at.span(&n));
                RuleStmt::Rounding {
                    places,
                    mode: k.next()?.as_str().to_string(),
                }
            }
            Rule::rule_explain => RuleStmt::Explain(k.map(|w| w.as_str().to_string()).collect()),
            Rule::rule_over => RuleStmt::Over(self.percent(at, k.next()?)),
            Rule::rule_missing => RuleStmt::Missing(k.next()?.as_str().to_string()),
            Rule::rule_negative => RuleStmt::Negative(k.next()?.as_str().to_string()),
            Rule::rule_clamp => RuleStmt::Clamp(k.next()?.as_str().to_string()),
            Rule::rule_empty => RuleStmt::EmptyGroups(k.next()?.as_str().to_string()),
            Rule::rule_merge => {
                let g = k.next()?;
                let i = k.next()?;
                RuleStmt::Merge {
                    group: self.name(at, g),
                    into: self.name(at, i),
                }
            }
            _ => return None,
        })
    }

    /// `80%`: the number of percent.
    fn percent(&mut self, at: At, p: Pair<'_, Rule>) -> Node<crate::syntax::ast::NumberLit> {
        let span = at.span(&p);
        match p.into_inner().find(|x| x.as_rule() == Rule::number) {
            Some(n) => Node::new(self.number(&n), span),
            None => Node::new(self.empty_number(), span),
        }
    }
}

/// The pest path alone, for the fast path's differential tests: the body,
/// the comments, and how many diagnostics.
#[cfg(any(test, feature = "fuzzing"))]
pub(crate) fn pest_actuals_body(
    file: FileId,
    block: &str,
    offset: usize,
) -> (
    Option<Vec<ActualStmt>>,
    Vec<Node<String>>,
    Vec<crate::diagnostic::Diagnostic>,
) {
    let mut b = Builder::default();
    let body = b.pest_actuals(file, block, offset, "");
    (body, b.comments, b.diagnostics)
}

/// A rule set through pest alone, for the differential tests: the tree,
/// comments and diagnostics, or `None` where pest finds an error.
#[cfg(any(test, feature = "fuzzing"))]
pub(crate) fn pest_ruleset(
    file: FileId,
    text: &str,
    offset: usize,
) -> Option<(
    RuleSet,
    Vec<Node<String>>,
    Vec<crate::diagnostic::Diagnostic>,
)> {
    use pest::Parser;
    let pair = crate::syntax::JxParser::parse(Rule::ruleset, text)
        .ok()?
        .next()?;
    if pair.as_str().len() != text.len() {
        return None;
    }
    let mut b = Builder::default();
    let r = b.ruleset(At { file, offset }, pair);
    Some((r, b.comments, b.diagnostics))
}

//! Assembling the workspace: the items of each file in order, included
//! files into their department, departments with their 年度 and 申报, and
//! what is wrong across them (a department declared twice, the syntax of
//! bodies never lowered). The projects go to [`super::batch`].

use super::{Lowerer, Sink, To};
use crate::diagnostic::{codes, Diagnostic};
use crate::model::{Claim, Department};
use crate::source::{FileId, Span};
use crate::syntax::ast::{self, DeptStmt, Item};
use rustc_hash::FxHashMap;

fn dept_of(name: &str) -> String {
    format!("部门“{name}”的")
}

/// Every project of a tree, in file order.
fn tree_projects(tree: &ast::SyntaxFile) -> impl Iterator<Item = &ast::Project> {
    tree.items.iter().flat_map(|item| {
        let (top, in_dept): (Option<&ast::Project>, &[DeptStmt]) = match item {
            Item::Project(p) => (Some(p), &[]),
            Item::Department(d) => (None, d.stmts.as_slice()),
            Item::Include(_) | Item::Actuals(_) | Item::RuleSet(_) => (None, &[]),
        };
        top.into_iter()
            .chain(in_dept.iter().filter_map(|s| match s {
                DeptStmt::Project(p) => Some(p),
                DeptStmt::Year(_) | DeptStmt::Claim(_) | DeptStmt::Include(_) => None,
            }))
    })
}

impl Lowerer<'_> {
    /// Lower a file's items. `dept` is the index of the department the file is
    /// included into, if any.
    pub(super) fn file_items<S: Sink>(
        &mut self,
        to: &mut To<'_, S>,
        file: FileId,
        dept: Option<usize>,
    ) {
        if self.stack.contains(&file) {
            return; // the loader reported the cycle
        }
        let Some(tree) = self.loaded.tree(file) else {
            return;
        };
        self.stack.push(file);
        let mut loose: Option<usize> = None;
        // Consecutive projects are lowered together (in parallel when many).
        let mut run: Vec<&ast::Project> = Vec::new();
        let mut run_target = 0;
        for item in &tree.items {
            if !matches!(item, Item::Project(_)) {
                self.add_projects(to, run_target, &std::mem::take(&mut run));
            }
            match item {
                Item::Department(d) => {
                    if let Some(i) = dept {
                        let parent = self
                            .workspace
                            .departments
                            .get(i)
                            .and_then(|d| d.name.clone())
                            .unwrap_or_default();
                        self.diagnostics.push(
                            Diagnostic::new(
                                &codes::INCLUDE_MISPLACED,
                                format!("部门“{parent}”中引用的文件又声明了部门“{}”", d.name.node),
                            )
                            .label(d.name.span, "这里声明了部门")
                            .help("在部门块里引用的文件只能包含项目；部门应在顶层声明"),
                        );
                        continue;
                    }
                    self.department(to, d);
                }
                Item::Project(p) => {
                    let target = match dept {
                        Some(i) => i,
                        None => *loose.get_or_insert_with(|| {
                            self.workspace.departments.push(Department {
                                span: p.span,
                                ..Department::default()
                            });
                            self.workspace.departments.len() - 1
                        }),
                    };
                    run_target = target;
                    run.push(p);
                }
                Item::Include(inc) => self.include(to, inc.span, dept),
                // Year-end actuals and rule sets are lowered by `lower::actuals`
                // and `lower::rules` when an evaluation asks for them.
                Item::Actuals(_) | Item::RuleSet(_) => {}
            }
        }
        self.add_projects(to, run_target, &run);
        self.stack.pop();
    }

    /// The items of an included file, into `dept`. An include that could
    /// not be read (missing, outside the root, a cycle; reported by `load`)
    /// leaves the department incomplete: its header claim is not checked
    /// against a partial count and sum, which would only repeat the cause.
    fn include<S: Sink>(&mut self, to: &mut To<'_, S>, at: Span, dept: Option<usize>) {
        match self.loaded.included(at) {
            Some(f) => self.file_items(to, f, dept),
            None => {
                if let Some(d) = dept.and_then(|i| self.workspace.departments.get_mut(i)) {
                    d.incomplete = true;
                }
            }
        }
    }

    fn department<S: Sink>(&mut self, to: &mut To<'_, S>, d: &ast::Department) {
        let mut dept = Department {
            name: Some(d.name.node.clone()),
            name_span: d.name.span,
            span: d.span,
            ..Department::default()
        };
        let mut year_span: Option<Span> = None;
        let mut claim_span: Option<Span> = None;
        for stmt in &d.stmts {
            match stmt {
                DeptStmt::Year(y) => {
                    if let Some(first) = year_span {
                        self.duplicate(&dept_of(&d.name.node), "年度", first, y.span);
                    }
                    year_span = Some(y.span);
                    dept.year = self.year(y);
                }
                DeptStmt::Claim(c) => {
                    if let Some(first) = claim_span {
                        self.duplicate(&dept_of(&d.name.node), "申报", first, c.span);
                    }
                    claim_span = Some(c.span);
                    let count = self.number(&c.count).unwrap_or_default();
                    let funds = self.quantity(&c.funds);
                    dept.claim = Some(Claim {
                        project_count: count,
                        funds,
                        span: c.span,
                        count_span: c.count.span,
                        funds_span: c.funds.span,
                    });
                }
                DeptStmt::Project(_) | DeptStmt::Include(_) => {}
            }
        }
        self.workspace.departments.push(dept);
        let index = self.workspace.departments.len() - 1;
        if let Some(d) = self.workspace.departments.last() {
            to.sink.department(to.gathered, index, d);
        }
        let mut run: Vec<&ast::Project> = Vec::new();
        for stmt in &d.stmts {
            match stmt {
                DeptStmt::Project(p) => run.push(p),
                DeptStmt::Include(inc) => {
                    self.add_projects(to, index, &std::mem::take(&mut run));
                    self.include(to, inc.span, Some(index));
                }
                DeptStmt::Year(_) | DeptStmt::Claim(_) => {}
            }
        }
        self.add_projects(to, index, &run);
    }

    /// The syntax diagnostics of deferred bodies that were never lowered (a
    /// department declared in a file included into another, say): a whole
    /// tree reports every body, lowered or not. The same for the 自评 blocks
    /// of files that are not roots: `lower_actuals` reads those of the roots
    /// (and of the file an evaluation is given).
    pub(super) fn unread_bodies(&mut self) {
        for (file, tree) in self.loaded.trees() {
            let text = self
                .loaded
                .sources
                .get(file)
                .map_or("", |f| f.text.as_str());
            for p in tree_projects(tree) {
                if p.deferred.is_some() && !self.bodies_read.contains(&(file, p.span.start)) {
                    let (_, syntax) = crate::syntax::parse_body(file, text, p);
                    self.diagnostics.extend(syntax);
                }
            }
            if self.loaded.roots.contains(&file) {
                continue;
            }
            for item in &tree.items {
                let Item::Actuals(a) = item else { continue };
                for p in a.projects.iter().filter(|p| p.deferred.is_some()) {
                    let (_, syntax) = crate::syntax::parse_actuals_body(file, text, p);
                    self.diagnostics.extend(syntax);
                }
            }
        }
    }

    pub(super) fn duplicate_departments(&mut self) {
        let mut seen: FxHashMap<(String, Option<i32>), Span> = FxHashMap::default();
        for d in &self.workspace.departments {
            let Some(name) = &d.name else { continue };
            let key = (crate::model::name_key(name), d.year);
            if let Some(first) = seen.get(&key) {
                self.diagnostics.push(
                    Diagnostic::new(
                        &codes::DUPLICATE_DEPARTMENT,
                        format!("部门“{name}”的同一年度申报出现了两次"),
                    )
                    .label(d.name_span, "第二次声明")
                    .label(*first, "第一次声明")
                    .help("一个部门一个年度只声明一次；把项目拆到多个文件时，请在部门块中用“引用”"),
                );
            } else {
                seen.insert(key, d.name_span);
            }
        }
    }
}

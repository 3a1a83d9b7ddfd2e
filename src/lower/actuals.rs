//! Lowering `自评` blocks: syntax → [`Actuals`].

use crate::diagnostic::{codes, Diagnostic};
use crate::load::Loaded;
use crate::model::evaluation::{
    Actual, ActualValue, Actuals, GradeScore, LoneNotes, ManualScore, PrintedLine, PrintedSum,
    ProjectActuals,
};
use crate::model::{name_key, Amount, Quantity, Unit};
use crate::source::{FileId, Node, Span};
use crate::syntax::ast::{Item, NumberLit, QuantityLit};
use crate::syntax::eval_ast::{self, ActualAttr, ActualStmt, ActualValueLit, PrintedLit};
use crate::vocab::{Printed, SumLine};
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

/// The actuals written in `file`. Several `自评` blocks in one file are read
/// as one (projects appended); none is an error.
pub fn lower_actuals(loaded: &Loaded, file: FileId) -> (Option<Actuals>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let blocks = actuals_blocks(loaded, file);
    let Some(first) = blocks.first() else {
        diags.push(super::missing_block(
            loaded,
            file,
            &codes::NO_ACTUALS,
            "自评",
            "自评文件写成：自评 \"部门名称\" 2025 { 项目 \"项目名称\" { 预算 … 执行 … 指标名 完成值 } }",
        ));
        return (None, diags);
    };
    let mut actuals = head(first, &mut diags);
    let mut seen: FxHashMap<String, Span> = FxHashMap::default();
    let text = loaded.sources.get(file).map_or("", |f| f.text.as_str());
    for block in &blocks {
        for (p, (parsed, syntax)) in bodies(file, text, &block.projects) {
            // The syntax of a deferred body comes first, as a whole tree's
            // does, and even when the project is a duplicate.
            diags.extend(syntax);
            let body = match p.deferred {
                Some(_) => parsed.as_deref(),
                None => p.body.as_deref(),
            };
            let key = name_key(&p.name.node);
            if let Some(prev) = seen.get(&key) {
                diags.push(duplicate_project(p, *prev));
                continue;
            }
            seen.insert(key, p.name.span);
            match project(p, body, &mut diags) {
                Some(pa) => actuals.projects.push(pa),
                None => actuals.unreadable.push(p.name.node.clone()),
            }
        }
    }
    (Some(actuals), diags)
}

/// The actuals of a file's first 自评 block, without projects yet.
fn head(first: &eval_ast::Actuals, diags: &mut Vec<Diagnostic>) -> Actuals {
    Actuals {
        department: first.department.node.clone(),
        department_span: first.department.span,
        year: year(&first.year, diags),
        span: first.span,
        projects: Vec::new(),
        unreadable: Vec::new(),
    }
}

/// The 自评 blocks of a file, in order.
fn actuals_blocks(loaded: &Loaded, file: FileId) -> Vec<&eval_ast::Actuals> {
    loaded
        .tree(file)
        .map(|t| {
            t.items
                .iter()
                .filter_map(|i| match i {
                    Item::Actuals(a) => Some(a),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The second block of a project's actuals.
fn duplicate_project(p: &eval_ast::ActualsProject, first: Span) -> Diagnostic {
    Diagnostic::new(
        &codes::DUPLICATE_ACTUAL,
        format!("项目“{}”的自评写了两次", p.name.node),
    )
    .label(p.name.span, "第二次")
    .label(first, "第一次")
    .help("把两处的内容合并到一个项目块里")
}

fn year(n: &Node<NumberLit>, diags: &mut Vec<Diagnostic>) -> Option<i32> {
    let v = n.node.value()?;
    let y = (v.fract().is_zero() && v >= 1900.into() && v <= 2200.into())
        .then(|| i32::try_from(v.mantissa()).ok())
        .flatten();
    if y.is_none() {
        diags.push(
            Diagnostic::new(&codes::BAD_YEAR, format!("“{}”不是有效的年度", n.node.text))
                .label(n.span, "年度")
                .help("年度写四位数字，如：自评 \"部门名称\" 2025 { … }"),
        );
    }
    y
}

pub(crate) fn quantity(q: &QuantityLit, span: Span, diags: &mut Vec<Diagnostic>) -> Quantity {
    let value = match q.number.value() {
        Some(v) => v,
        None => {
            diags.push(crate::syntax::ast::out_of_range(&q.number, span));
            Decimal::ZERO
        }
    };
    let unit = q
        .unit
        .as_ref()
        .map(|u| Unit::parse(&u.node))
        .unwrap_or_else(Unit::none);
    Quantity::new(value, unit)
}

/// The bodies of 自评 projects that a skeleton tree left unparsed, parsed in
/// parallel when there are many, with their diagnostics; a chunk at a time,
/// so that only a chunk of trees exists at once.
fn bodies<'p>(
    file: FileId,
    text: &'p str,
    projects: &'p [eval_ast::ActualsProject],
) -> impl Iterator<Item = (&'p eval_ast::ActualsProject, Parsed)> + 'p {
    const CHUNK: usize = 1024;
    projects.chunks(CHUNK).flat_map(move |chunk| {
        let parse = |p: &eval_ast::ActualsProject| match p.deferred {
            Some(_) => crate::syntax::parse_actuals_body(file, text, p),
            None => (None, Vec::new()),
        };
        let sequential = || chunk.iter().map(parse).collect();
        let parsed: Vec<Parsed> = if chunk.len() < 64 {
            sequential()
        } else {
            use rayon::prelude::*;
            crate::parallel::run(|| chunk.par_iter().map(parse).collect(), sequential)
        };
        chunk.iter().zip(parsed)
    })
}

type Parsed = (Option<Vec<ActualStmt>>, Vec<Diagnostic>);

fn project(
    p: &eval_ast::ActualsProject,
    body: Option<&[ActualStmt]>,
    diags: &mut Vec<Diagnostic>,
) -> Option<ProjectActuals> {
    let body = body?;
    let mut pa = ProjectActuals {
        name: p.name.node.clone(),
        name_span: p.name.span,
        span: p.span,
        ..ProjectActuals::default()
    };
    let mut seen: FxHashMap<String, Span> = FxHashMap::default();
    let mut unreadable = Vec::new();
    let mut budget_block = None;
    for stmt in body {
        match stmt {
            // Its syntax error is reported; the indicator it names (if any)
            // is scored as unreadable, after the lines that read.
            ActualStmt::Unreadable { name, span } => {
                if let Some(n) = name {
                    unreadable.push((n, *span));
                }
            }
            ActualStmt::BudgetRows(rows) => {
                super::budget::rows(rows, &mut budget_block, &mut pa, diags);
            }
            ActualStmt::Budget(q) | ActualStmt::Spent(q) => {
                let budget = matches!(stmt, ActualStmt::Budget(_));
                let what = if budget { "预算" } else { "执行" };
                let quantity = quantity(&q.node, q.span, diags);
                if !quantity.unit.is_money() {
                    diags.push(
                        Diagnostic::new(
                            &codes::ACTUAL_UNIT,
                            format!("“{what}”应是金额，写的是“{quantity}”"),
                        )
                        .label(q.span, "这里")
                        .help(format!("写成金额并带单位，如“{what} 90,682.50 元”")),
                    );
                    continue;
                }
                if quantity.value.is_sign_negative() && !quantity.value.is_zero() {
                    diags.push(
                        Diagnostic::new(
                            &codes::NEGATIVE_FUNDS,
                            format!("“{what}”是负数：{quantity}"),
                        )
                        .label(q.span, "这里")
                        .help(format!(
                            "“{what}”写全年的{}，不能为负；核减、退回的资金从执行数中减去后再填",
                            if budget { "预算数" } else { "执行数" }
                        )),
                    );
                }
                let slot = if budget {
                    &mut pa.budget
                } else {
                    &mut pa.spent
                };
                if let Some(prev) = slot {
                    diags.push(dup(what, prev.span, q.span));
                }
                *slot = Some(Amount {
                    quantity,
                    span: q.span,
                });
            }
            ActualStmt::Line(line) => {
                let key = name_key(&line.name.node);
                if let Some(prev) = seen.get(&key) {
                    diags.push(
                        Diagnostic::new(
                            &codes::DUPLICATE_ACTUAL,
                            format!("指标“{}”的完成值写了两次", line.name.node),
                        )
                        .label(line.name.span, "第二次")
                        .label(*prev, "第一次")
                        .help("每个指标只写一行完成值；删去多余的一行"),
                    );
                    continue;
                }
                seen.insert(key, line.name.span);
                if let Some(value) = &line.value {
                    pa.values.push(actual(line, value, diags));
                }
                printed_line(line, &mut pa, diags);
            }
            ActualStmt::Subtotal(l) => {
                let sum = printed_sum(Some(&l.group), &l.printed, l.span, diags);
                let again = pa.subtotals.iter().find(|s| {
                    s.group
                        .as_deref()
                        .is_some_and(|g| name_key(g) == name_key(&l.group.node))
                });
                if let Some(prev) = again {
                    diags.push(dup(
                        &format!("{} {}", SumLine::Subtotal, l.group.node),
                        prev.span,
                        l.span,
                    ));
                    continue;
                }
                pa.subtotals.push(sum);
            }
            ActualStmt::Total(l) => {
                if let Some(prev) = &pa.total {
                    diags.push(dup(SumLine::Total.word(), prev.span, l.span));
                    continue;
                }
                pa.total = Some(printed_sum(None, &l.printed, l.span, diags));
            }
        }
    }
    for (name, span) in unreadable {
        let key = name_key(&name.node);
        if seen.insert(key, name.span).is_none() {
            pa.values.push(Actual {
                name: name.node.clone(),
                value: ActualValue::Unreadable,
                reason: None,
                measure: None,
                source: None,
                manual: None,
                span,
                name_span: name.span,
                value_span: span,
            });
        }
    }
    Some(pa)
}

/// What the form printed on an actual line (`分值 10`, `得分 9.5`), kept
/// beside the actual; a line without an actual keeps its notes here too.
fn printed_line(line: &eval_ast::ActualLine, pa: &mut ProjectActuals, diags: &mut Vec<Diagnostic>) {
    // Most lines print nothing: nothing is allocated for them.
    let prints = line
        .attrs
        .iter()
        .any(|a| matches!(a.node, ActualAttr::Printed(_)));
    if !prints && line.value.is_some() {
        return;
    }
    let mut p = PrintedLine {
        name: line.name.node.clone(),
        span: line.span,
        name_span: line.name.span,
        ..PrintedLine::default()
    };
    let mut seen: Vec<(&str, Span)> = Vec::new();
    for attr in &line.attrs {
        let ActualAttr::Printed(v) = &attr.node else {
            continue;
        };
        let (word, slot) = match v {
            PrintedLit::Points(n) => (Printed::Points.word(), (&mut p.points, n)),
            PrintedLit::Score(n) => (Printed::Score.word(), (&mut p.score, n)),
            // Not in the grammar of a line (a 合计's only).
            PrintedLit::Grade(_) => continue,
        };
        if let Some((_, first)) = seen.iter().find(|(w, _)| *w == word) {
            diags.push(dup(
                &format!("{}的{word}", line.name.node),
                *first,
                attr.span,
            ));
            continue;
        }
        seen.push((word, attr.span));
        let (slot, n) = slot;
        *slot = printed_number(n, attr.span, diags);
        if word == Printed::Points.word() {
            p.points_span = attr.span;
        }
    }
    if p.points.is_none() && p.score.is_none() && line.value.is_some() {
        return;
    }
    if line.value.is_none() {
        let mut notes = LoneNotes::default();
        for attr in &line.attrs {
            match &attr.node {
                ActualAttr::Reason(s) | ActualAttr::Note(s) => {
                    notes.reason = Some(match notes.reason.take() {
                        Some(prev) => format!("{prev}；{}", s.value),
                        None => s.value.clone(),
                    })
                }
                ActualAttr::Measure(s) => notes.measure = Some(s.value.clone()),
                ActualAttr::Source(s) => notes.source = Some(s.value.clone()),
                ActualAttr::Override { score, reason } => {
                    if let Some(v) = printed_number(score, score.span, diags) {
                        notes.manual = Some(ManualScore {
                            score: v,
                            reason: reason.node.value.clone(),
                            span: score.span,
                        });
                    }
                }
                ActualAttr::Printed(_) => {}
            }
        }
        p.alone = Some(notes);
    }
    pa.printed.push(p);
}

/// A `小计` (with its group) or a `合计`, as printed.
fn printed_sum(
    group: Option<&Node<String>>,
    printed: &[Node<PrintedLit>],
    span: Span,
    diags: &mut Vec<Diagnostic>,
) -> PrintedSum {
    let mut sum = PrintedSum {
        group: group.map(|g| g.node.clone()),
        span,
        name_span: group.map_or(span, |g| g.span),
        ..PrintedSum::default()
    };
    let mut seen: Vec<(Printed, Span)> = Vec::new();
    for p in printed {
        let which = match &p.node {
            PrintedLit::Points(_) => Printed::Points,
            PrintedLit::Score(_) => Printed::Score,
            PrintedLit::Grade(_) => Printed::Grade,
        };
        if let Some((_, first)) = seen.iter().find(|(w, _)| *w == which) {
            diags.push(dup(which.word(), *first, p.span));
            continue;
        }
        seen.push((which, p.span));
        match &p.node {
            PrintedLit::Points(n) => {
                sum.points = printed_number(n, p.span, diags);
                sum.points_span = p.span;
            }
            PrintedLit::Score(n) => sum.score = printed_number(n, p.span, diags),
            PrintedLit::Grade(w) => sum.grade = Some(w.node.value.clone()),
        }
    }
    sum
}

/// A printed 分值 or 得分: exact, and not negative (JX-V054).
fn printed_number(n: &Node<NumberLit>, span: Span, diags: &mut Vec<Diagnostic>) -> Option<Decimal> {
    let Some(v) = n.node.value() else {
        diags.push(crate::syntax::ast::out_of_range(&n.node, n.span));
        return None;
    };
    if v.is_sign_negative() && !v.is_zero() {
        diags.push(
            Diagnostic::new(
                &codes::PRINTED_NEGATIVE,
                format!("表上印的“{}”是负数", n.node.text),
            )
            .label(span, "这里")
            .help("分值与得分都不能为负：照表核对这个数"),
        );
        return None;
    }
    Some(v)
}

fn dup(what: &str, first: Span, again: Span) -> Diagnostic {
    Diagnostic::new(&codes::DUPLICATE_FIELD, format!("“{what}”写了两次"))
        .label(again, "第二次")
        .label(first, "第一次")
        .help("每个字段只写一次；删去多余的一行")
}

fn actual(
    line: &eval_ast::ActualLine,
    written: &Node<ActualValueLit>,
    diags: &mut Vec<Diagnostic>,
) -> Actual {
    let value = match &written.node {
        ActualValueLit::Quantity(q) => ActualValue::Quantity {
            value: quantity(q, written.span, diags),
            copied: None,
        },
        ActualValueLit::Compared {
            comparator,
            quantity: q,
        } => {
            let value = quantity(q, written.span, diags);
            diags.push(copied_comparator(line, comparator, &value));
            ActualValue::Quantity {
                value,
                copied: Some(comparator.node),
            }
        }
        ActualValueLit::Expr { expr, text } => ActualValue::Expr {
            expr: expr.lowered(),
            text: text.clone(),
        },
        ActualValueLit::Grade { grade, score, .. } => {
            let (score, score_span) = match score {
                None => (None, Span::default()),
                Some(s) => {
                    let q = quantity(&s.node, s.span, diags);
                    let v = if q.unit.is_none() {
                        Some(GradeScore::Points(q.value))
                    } else if q.unit.is_percent() {
                        q.base_value().map(GradeScore::Fraction)
                    } else {
                        diags.push(
                            Diagnostic::new(
                                &codes::ACTUAL_KIND,
                                format!("等级后面的“{q}”应是得分或百分数"),
                            )
                            .label(s.span, "这里")
                            .help("写得分（如“部分达成 7”）或占分值的比例（如“部分达成 70%”）"),
                        );
                        None
                    };
                    (v, s.span)
                }
            };
            ActualValue::Grade {
                word: grade.node.clone(),
                score,
                score_span,
                word_span: grade.span,
            }
        }
    };
    let mut a = Actual {
        name: line.name.node.clone(),
        value,
        reason: None,
        measure: None,
        source: None,
        manual: None,
        span: line.span,
        name_span: line.name.span,
        value_span: written.span,
    };
    for attr in &line.attrs {
        match &attr.node {
            ActualAttr::Reason(s) | ActualAttr::Note(s) => {
                a.reason = Some(match a.reason.take() {
                    Some(prev) => format!("{prev}；{}", s.value),
                    None => s.value.clone(),
                })
            }
            ActualAttr::Measure(s) => a.measure = Some(s.value.clone()),
            ActualAttr::Source(s) => a.source = Some(s.value.clone()),
            ActualAttr::Override { score, reason } => {
                let v = match score.node.value() {
                    Some(v) => v,
                    None => {
                        diags.push(crate::syntax::ast::out_of_range(&score.node, score.span));
                        continue;
                    }
                };
                a.manual = Some(ManualScore {
                    score: v,
                    reason: reason.node.value.clone(),
                    span: score.span,
                });
            }
            // Kept beside the actual (`printed_line`).
            ActualAttr::Printed(_) => {}
        }
    }
    a
}

/// JX-V040: `≥266米`, a comparator copied from the target into the actual.
fn copied_comparator(
    line: &eval_ast::ActualLine,
    comparator: &Node<crate::model::Comparator>,
    value: &Quantity,
) -> Diagnostic {
    let shown = crate::model::display::quantity(value);
    Diagnostic::new(
        &codes::ACTUAL_COMPARATOR,
        format!(
            "指标“{}”的完成值前面写了比较符“{}”，按 {shown} 计",
            line.name.node,
            comparator.node.symbol()
        ),
    )
    .label(comparator.span, "从指标值抄来的比较符")
    .help(format!(
        "完成值写实际完成的数：删去比较符，写成“{} {shown}”；比较符只写在申报的指标值里",
        line.name.node
    ))
}

/// The actuals of a file, indexed by project name but not lowered: each
/// project's block is parsed and lowered when it is asked for (in the
/// worker that scores the declared project), so that a streamed evaluation
/// never holds the actuals of every project (bounded memory, issue 7).
/// Lowering every project of the index once gives what [`lower_actuals`]
/// gives, diagnostics included (in another order, at other places equal).
pub(crate) struct ActualsIndex<'l> {
    /// Department, year and span; no projects.
    pub head: Actuals,
    file: FileId,
    text: &'l str,
    /// The first block of each project name, in file order.
    entries: Vec<&'l eval_ast::ActualsProject>,
    /// Their [`name_key`]s, and the index of each.
    keys: Vec<String>,
    by_key: FxHashMap<String, usize>,
}

/// One project of an [`ActualsIndex`], lowered.
pub(crate) struct LoweredActuals {
    /// `None`: its block has a syntax error.
    pub project: Option<ProjectActuals>,
    /// Its syntax diagnostics, then its lowering's.
    pub diagnostics: Vec<Diagnostic>,
}

impl<'l> ActualsIndex<'l> {
    /// Index the 自评 blocks of `file`. The diagnostics are the head's and
    /// those of repeated projects (whose bodies are parsed for them now).
    pub fn build(loaded: &'l Loaded, file: FileId) -> (Option<ActualsIndex<'l>>, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let blocks = actuals_blocks(loaded, file);
        let Some(first) = blocks.first() else {
            // The same diagnostic as a whole lowering's.
            return (None, lower_actuals(loaded, file).1);
        };
        let text = loaded.sources.get(file).map_or("", |f| f.text.as_str());
        let mut index = ActualsIndex {
            head: head(first, &mut diags),
            file,
            text,
            entries: Vec::new(),
            keys: Vec::new(),
            by_key: FxHashMap::default(),
        };
        let mut seen: FxHashMap<String, Span> = FxHashMap::default();
        for p in blocks.iter().flat_map(|b| &b.projects) {
            let key = name_key(&p.name.node);
            if let Some(prev) = seen.get(&key) {
                if p.deferred.is_some() {
                    diags.extend(crate::syntax::parse_actuals_body(file, text, p).1);
                }
                diags.push(duplicate_project(p, *prev));
                continue;
            }
            seen.insert(key.clone(), p.name.span);
            index.by_key.insert(key.clone(), index.entries.len());
            index.keys.push(key);
            index.entries.push(p);
        }
        (Some(index), diags)
    }

    /// The project whose name has this [`name_key`], if the actuals have one.
    pub fn find(&self, key: &str) -> Option<usize> {
        self.by_key.get(key).copied()
    }

    /// The projects' name keys, by index (in file order).
    pub fn keys(&self) -> &[String] {
        &self.keys
    }

    /// Parse and lower project `i`.
    pub fn lower(&self, i: usize) -> LoweredActuals {
        let Some(p) = self.entries.get(i) else {
            return LoweredActuals {
                project: None,
                diagnostics: Vec::new(),
            };
        };
        let (parsed, mut diagnostics) = match p.deferred {
            Some(_) => crate::syntax::parse_actuals_body(self.file, self.text, p),
            None => (None, Vec::new()),
        };
        let body = match p.deferred {
            Some(_) => parsed.as_deref(),
            None => p.body.as_deref(),
        };
        let project = project(p, body, &mut diagnostics);
        LoweredActuals {
            project,
            diagnostics,
        }
    }
}

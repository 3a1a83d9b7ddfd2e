//! The year-end blocks → canonical lines: `自评` (actuals) and `规则` (rule
//! sets). Same conventions as declarations: two spaces per level, runs of
//! "key value" lines aligned by display width up to a blank line, numbers of
//! amount columns right-aligned, comments merged afterwards.

use super::lines::{blank_before, Kind};
use super::print::{string_part, Part, Printer};
use super::values::{is_bare_name, name, number, pad, quantity, quantity_parts, quoted, width};
use crate::source::Node;
use crate::syntax::ast::NumberLit;
use crate::syntax::eval_ast::*;
use crate::vocab::{BudgetColumn, Printed, SumLine};
use std::ops::Range;

impl Printer<'_> {
    pub(super) fn actuals(&mut self, a: &Actuals) {
        let head = format!(
            "自评 {} {}",
            quoted(&a.department.node),
            number(&a.year.node, false)
        );
        self.open(0, head, a.span.start as usize);
        for p in &a.projects {
            self.actuals_project(p);
        }
        self.close(0, a.span);
    }

    fn actuals_project(&mut self, p: &ActualsProject) {
        self.open(
            1,
            format!("项目 {}", quoted(&p.name.node)),
            p.span.start as usize,
        );
        let body = p.body.as_deref().unwrap_or(&[]);
        // A file with an unreadable statement has a syntax error: it is
        // never formatted (`format::format` refuses it first).
        let class = |s: &ActualStmt| match s {
            ActualStmt::Budget(_) | ActualStmt::Spent(_) => 0,
            ActualStmt::Line(_) => 1,
            ActualStmt::Subtotal(_) | ActualStmt::Total(_) => 2,
            ActualStmt::Unreadable { .. } => 3,
            ActualStmt::BudgetRows(_) => 4,
        };
        let span = |s: &ActualStmt| {
            let end = match s {
                ActualStmt::Budget(q) | ActualStmt::Spent(q) => q.span.end,
                ActualStmt::BudgetRows(rows) => rows.span.end,
                ActualStmt::Line(l) => l.span.end,
                ActualStmt::Subtotal(l) => l.span.end,
                ActualStmt::Total(l) => l.span.end,
                ActualStmt::Unreadable { span, .. } => span.end,
            };
            (self.actual_start(s), end as usize)
        };
        for range in runs(self.src, body, class, span) {
            let run = body.get(range).unwrap_or(&[]);
            match run.first() {
                Some(ActualStmt::Line(_)) => self.actual_lines(run),
                Some(ActualStmt::Budget(_) | ActualStmt::Spent(_)) => self.money(run),
                Some(ActualStmt::Subtotal(_) | ActualStmt::Total(_)) => self.sum_lines(run),
                Some(ActualStmt::BudgetRows(_)) => {
                    for stmt in run {
                        if let ActualStmt::BudgetRows(rows) = stmt {
                            self.budget_rows(rows);
                        }
                    }
                }
                Some(ActualStmt::Unreadable { .. }) | None => {}
            }
        }
        self.close(1, p.span);
    }

    /// Where an actuals statement starts in the source.
    fn actual_start(&self, s: &ActualStmt) -> usize {
        match s {
            ActualStmt::Budget(q) => self.keyword_start(q.span, "预算"),
            ActualStmt::Spent(q) => self.keyword_start(q.span, "执行"),
            ActualStmt::BudgetRows(rows) => rows.span.start as usize,
            ActualStmt::Line(l) => l.span.start as usize,
            ActualStmt::Subtotal(l) => l.span.start as usize,
            ActualStmt::Total(l) => l.span.start as usize,
            ActualStmt::Unreadable { span, .. } => span.start as usize,
        }
    }

    /// `小计` and `合计` lines: the keyword, the group, the printed values.
    fn sum_lines(&mut self, run: &[ActualStmt]) {
        for s in run {
            let (head, printed, anchor) = match s {
                ActualStmt::Subtotal(l) => (
                    format!("{} {}", SumLine::Subtotal, name(&l.group.node)),
                    &l.printed,
                    l.span.start,
                ),
                ActualStmt::Total(l) => (SumLine::Total.to_string(), &l.printed, l.span.start),
                ActualStmt::Budget(_)
                | ActualStmt::Spent(_)
                | ActualStmt::BudgetRows(_)
                | ActualStmt::Line(_)
                | ActualStmt::Unreadable { .. } => continue,
            };
            let mut text = head;
            for p in printed {
                text.push(' ');
                text.push_str(&printed_text(&p.node));
            }
            self.push(2, text, anchor as usize, Kind::Stmt);
        }
    }

    /// `预算 { … }`: one row a line, its name padded, its cells in the form's
    /// order (年初 全年 执行 分值 执行率 得分) and in columns across the rows,
    /// numbers right-aligned; a cell a row has not is left blank.
    fn budget_rows(&mut self, rows: &Node<Vec<BudgetRowLit>>) {
        self.open(2, "预算".into(), rows.span.start as usize);
        let cell = |r: &BudgetRowLit, c: BudgetColumn| {
            r.cells
                .iter()
                .find(|x| x.column.node == c)
                .map(|x| quantity_parts(&x.value.node))
        };
        // Per column of the form present in some row: number and unit widths.
        let columns: Vec<(BudgetColumn, usize, usize)> = BudgetColumn::IN_FORM_ORDER
            .into_iter()
            .filter_map(|c| {
                let parts: Vec<(String, String)> =
                    rows.node.iter().filter_map(|r| cell(r, c)).collect();
                let nw = parts.iter().map(|(n, _)| width(n)).max()?;
                let uw = parts.iter().map(|(_, u)| width(u)).max().unwrap_or(0);
                Some((c, nw, uw))
            })
            .collect();
        let names: Vec<&str> = rows.node.iter().map(|r| r.key.node.word()).collect();
        let kw = names.iter().map(|n| width(n)).max().unwrap_or(0);
        for (r, name) in rows.node.iter().zip(names) {
            let mut text = pad(name, kw);
            for &(c, nw, uw) in &columns {
                let word = c.word();
                let filled = match cell(r, c) {
                    Some((n, u)) => {
                        let lead = " ".repeat(nw.saturating_sub(width(&n)));
                        format!("{word} {lead}{n}{}", pad(&u, uw))
                    }
                    None => " ".repeat(width(word) + 1 + nw + uw),
                };
                text.push_str("  ");
                text.push_str(&filled);
            }
            let text = text.trim_end().to_string();
            self.push(3, text, r.span.start as usize, Kind::Stmt);
        }
        self.close(2, rows.span);
    }

    /// `预算` and `执行`: amounts right-aligned, like the 资金 block.
    fn money(&mut self, run: &[ActualStmt]) {
        let cells: Vec<(&str, (String, String), usize)> = run
            .iter()
            .filter_map(|s| match s {
                ActualStmt::Budget(q) => Some(("预算", q)),
                ActualStmt::Spent(q) => Some(("执行", q)),
                ActualStmt::Line(_)
                | ActualStmt::BudgetRows(_)
                | ActualStmt::Subtotal(_)
                | ActualStmt::Total(_)
                | ActualStmt::Unreadable { .. } => None,
            })
            .map(|(k, q)| (k, quantity_parts(&q.node), self.keyword_start(q.span, k)))
            .collect();
        let nw = cells
            .iter()
            .map(|(_, (n, _), _)| width(n))
            .max()
            .unwrap_or(0);
        for (k, (n, u), at) in cells {
            let lead = " ".repeat(nw.saturating_sub(width(&n)));
            self.push(2, format!("{k} {lead}{n}{u}"), at, Kind::Stmt);
        }
    }

    /// Actual lines: name and value, then the notes in one column (aligned
    /// over the lines of the run that have notes).
    fn actual_lines(&mut self, run: &[ActualStmt]) {
        let lines: Vec<&ActualLine> = run
            .iter()
            .filter_map(|s| match s {
                ActualStmt::Line(l) => Some(l),
                _ => None,
            })
            .collect();
        let heads: Vec<String> = lines.iter().map(|l| actual_head(l)).collect();
        let w = lines
            .iter()
            .zip(&heads)
            .filter(|(l, _)| !l.attrs.is_empty())
            .map(|(_, h)| width(h))
            .max()
            .unwrap_or(0);
        for (l, head) in lines.into_iter().zip(heads) {
            let anchor = l.span.start as usize;
            if l.attrs.is_empty() {
                self.parts(2, anchor, vec![Part::Text(head)]);
                // A comment at the end of the line goes in the notes column.
                if let Some(line) = self.lines.last_mut().filter(|_| w > 0) {
                    line.comment_column = 2 * 2 + w + 2;
                }
                continue;
            }
            let mut parts = vec![Part::Text(format!("{}  ", pad(&head, w)))];
            for (i, a) in l.attrs.iter().enumerate() {
                if i > 0 {
                    parts.push(Part::Text(" ".into()));
                }
                parts.extend(actual_attr(a));
            }
            self.parts(2, anchor, parts);
        }
    }

    // ───────────── rule sets ─────────────

    pub(super) fn ruleset(&mut self, r: &RuleSet) {
        self.open(
            0,
            format!("规则 {}", quoted(&r.name.node)),
            r.span.start as usize,
        );
        for s in &r.stmts {
            self.rule_stmt(s);
        }
        self.close(0, r.span);
    }

    /// A rule statement. One-line statements read as sentences (`舍入 2 位
    /// 四舍五入`, `正向 = …`) and are not aligned; the blocks are tables.
    fn rule_stmt(&mut self, s: &Node<RuleStmt>) {
        let anchor = s.span.start as usize;
        if let Some(key) = rule_key(&s.node) {
            let mut parts = vec![Part::Text(format!("{key} "))];
            parts.extend(rule_value(s));
            self.parts(1, anchor, parts);
            return;
        }
        match &s.node {
            RuleStmt::Points(lines) => {
                self.open(1, "分值".into(), anchor);
                let names: Vec<String> = lines.iter().map(|(n, _)| name(&n.node)).collect();
                let nums: Vec<String> = lines.iter().map(|(_, v)| number(&v.node, true)).collect();
                let kw = names.iter().map(|n| width(n)).max().unwrap_or(0);
                let nw = nums.iter().map(|n| width(n)).max().unwrap_or(0);
                for (((n, _), key), num) in lines.iter().zip(&names).zip(&nums) {
                    let lead = " ".repeat(nw.saturating_sub(width(num)));
                    let text = format!("{} {lead}{num}", pad(key, kw));
                    self.push(2, text, n.span.start as usize, Kind::Stmt);
                }
                self.close(1, s.span);
            }
            RuleStmt::Verdicts(lines) => {
                self.open(1, "定性用语".into(), anchor);
                let gw = lines
                    .iter()
                    .map(|l| width(&l.grade.node))
                    .max()
                    .unwrap_or(0);
                for l in lines {
                    let words: Vec<String> = l.words.iter().map(|w| verdict(&w.node)).collect();
                    let text = format!("{} {}", pad(&l.grade.node, gw), words.join(" "));
                    self.push(2, text, l.span.start as usize, Kind::Stmt);
                }
                self.close(1, s.span);
            }
            RuleStmt::Qualitative(bands) => {
                self.open(1, "定性".into(), anchor);
                let ranges: Vec<String> = bands
                    .iter()
                    .map(|b| format!("{} ~ {}", percent(&b.low.node), percent(&b.high.node)))
                    .collect();
                let gw = bands
                    .iter()
                    .map(|b| width(&b.grade.node))
                    .max()
                    .unwrap_or(0);
                let rw = ranges.iter().map(|r| width(r)).max().unwrap_or(0);
                for (b, r) in bands.iter().zip(&ranges) {
                    let text = format!(
                        "{} {} 默认 {}",
                        pad(&b.grade.node, gw),
                        pad(r, rw),
                        percent(&b.default.node)
                    );
                    self.push(2, text, b.span.start as usize, Kind::Stmt);
                }
                self.close(1, s.span);
            }
            RuleStmt::Grades(bands) => {
                self.open(1, "等级".into(), anchor);
                let names: Vec<String> = bands.iter().map(|b| name(&b.name.node)).collect();
                let nw = bands
                    .iter()
                    .zip(&names)
                    .filter(|(b, _)| b.bound.is_some())
                    .map(|(_, n)| width(n))
                    .max()
                    .unwrap_or(0);
                for (b, n) in bands.iter().zip(names) {
                    let text = match &b.bound {
                        Some((c, v)) => {
                            format!("{} {} {}", pad(&n, nw), c.symbol(), number(&v.node, true))
                        }
                        None => n,
                    };
                    self.push(2, text, b.span.start as usize, Kind::Stmt);
                }
                self.close(1, s.span);
            }
            // One-line statements, printed above through `rule_key`.
            RuleStmt::Title { .. }
            | RuleStmt::Source { .. }
            | RuleStmt::Year { .. }
            | RuleStmt::Unverified { .. }
            | RuleStmt::Split { .. }
            | RuleStmt::Formula { .. }
            | RuleStmt::Rounding { .. }
            | RuleStmt::Explain { .. }
            | RuleStmt::Over { .. }
            | RuleStmt::Missing { .. }
            | RuleStmt::Negative { .. }
            | RuleStmt::Clamp { .. }
            | RuleStmt::EmptyGroups { .. }
            | RuleStmt::Implied { .. }
            | RuleStmt::FormPoints { .. }
            | RuleStmt::ExecutionBase { .. }
            | RuleStmt::Merge { .. } => {}
        }
    }
}

/// Consecutive items of the same class, not separated by a blank line (a
/// blank line followed by comments separates too). `span` gives where an
/// item starts and ends in the source.
fn runs<T>(
    src: &str,
    items: &[T],
    class: impl Fn(&T) -> u8,
    span: impl Fn(&T) -> (usize, usize),
) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(first) = items.get(i) {
        let c = class(first);
        let mut end = i + 1;
        while let (Some(prev), Some(next)) = (items.get(end - 1), items.get(end)) {
            if class(next) != c || blank_between(src, span(prev).1, span(next).0) {
                break;
            }
            end += 1;
        }
        out.push(i..end);
        i = end;
    }
    out
}

/// Is there an empty line between `from` and `to`?
fn blank_between(src: &str, from: usize, to: usize) -> bool {
    let gap = src.get(from..to).unwrap_or("");
    let lines: Vec<&str> = gap.split('\n').collect();
    let inner = lines.get(1..lines.len().saturating_sub(1)).unwrap_or(&[]);
    inner.iter().any(|l| l.trim().is_empty()) || blank_before(src, to)
}

/// Is `c` a Han character (the grammar's `cjk`)?
fn is_cjk(c: char) -> bool {
    matches!(c,
        '〇'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3134F}')
}

/// The name of an actual line: bare unless it would read as `预算` or `执行`
/// (a keyword followed by anything but a Han character).
fn actual_name(s: &str) -> String {
    let keyword = ["预算", "执行"].into_iter().chain(SumLine::WORDS).any(|k| {
        s.strip_prefix(k)
            .is_some_and(|rest| !rest.chars().next().is_some_and(is_cjk))
    });
    if keyword || !is_bare_name(s) {
        quoted(s)
    } else {
        s.to_string()
    }
}

/// `名称 8.84 万元`, `名称 = 37 / 37`, `名称: 部分达成 75%`.
fn actual_head(l: &ActualLine) -> String {
    let n = actual_name(&l.name.node);
    let Some(value) = &l.value else {
        return n;
    };
    match &value.node {
        ActualValueLit::Quantity(q) => format!("{n} {}", quantity(q)),
        ActualValueLit::Expr { expr, text } => {
            let e = super::expr::canonical_in(super::expr::ACTUAL, expr, text);
            format!("{n} = {e}")
        }
        // A comparator copied from the target is kept (its warning asks
        // the user to remove it): fmt does not drop what was written.
        ActualValueLit::Compared {
            comparator,
            quantity: q,
        } => format!("{n} {} {}", comparator.node.symbol(), quantity(q)),
        // Always after a colon, written or not.
        ActualValueLit::Grade { grade, score, .. } => match score {
            Some(s) => format!("{n}: {} {}", verdict(&grade.node), quantity(&s.node)),
            None => format!("{n}: {}", verdict(&grade.node)),
        },
    }
}

/// A verdict word: bare when the grammar's `verdict_word` reads it (Han
/// characters, not a note's keyword), else quoted.
fn verdict(w: &str) -> String {
    let bare = !w.is_empty() && w.chars().all(is_cjk) && !crate::vocab::NOT_VERDICTS.contains(&w);
    if bare {
        w.to_string()
    } else {
        quoted(w)
    }
}

fn actual_attr(a: &Node<ActualAttr>) -> Vec<Part> {
    let text =
        |s: &crate::syntax::ast::StringLit| string_part(&Node::new(s.clone(), a.span), false);
    match &a.node {
        ActualAttr::Reason(s) => vec![Part::Text("原因 ".into()), text(s)],
        ActualAttr::Measure(s) => vec![Part::Text("措施 ".into()), text(s)],
        ActualAttr::Source(s) => vec![Part::Text("来源 ".into()), text(s)],
        ActualAttr::Note(s) => vec![text(s)],
        ActualAttr::Override { score, reason } => vec![
            Part::Text(format!("得分 {} 理由 ", number(&score.node, true))),
            string_part(reason, false),
        ],
        ActualAttr::Printed(p) => vec![Part::Text(printed_text(p))],
    }
}

/// `分值 10`, `得分 9.5`, `等级 优`: a printed value as written.
fn printed_text(p: &PrintedLit) -> String {
    match p {
        PrintedLit::Points(n) => format!("{} {}", Printed::Points, number(&n.node, true)),
        PrintedLit::Score(n) => format!("{} {}", Printed::Score, number(&n.node, true)),
        PrintedLit::Grade(w) => format!("{} {}", Printed::Grade, name(&w.node.value)),
    }
}

/// The keyword of a rule statement written `key value` on one line (the
/// blocks 分值, 定性用语, 定性, 等级 have none).
fn rule_key(s: &RuleStmt) -> Option<String> {
    Some(
        match s {
            RuleStmt::Title(_) => "名称",
            RuleStmt::Source(_) => "来源",
            RuleStmt::Year(_) => "年度",
            RuleStmt::Unverified(_) => "未核实",
            RuleStmt::Split(_) => "组内分配",
            RuleStmt::Formula { key, .. } => return Some(key.node.clone()),
            RuleStmt::Rounding { .. } => "舍入",
            RuleStmt::Explain(_) => "需说明",
            RuleStmt::Over(_) => "超额阈值",
            RuleStmt::Missing(_) => "缺少完成值",
            RuleStmt::Negative(_) => "负完成值",
            RuleStmt::Clamp(_) => "超出范围",
            RuleStmt::EmptyGroups(_) => "缺组",
            RuleStmt::Implied(_) => "无比较符",
            RuleStmt::FormPoints(_) => "表内分值",
            RuleStmt::ExecutionBase(_) => "执行率分母",
            RuleStmt::Merge { group, .. } => return Some(name(&group.node)),
            RuleStmt::Points(_)
            | RuleStmt::Verdicts(_)
            | RuleStmt::Qualitative(_)
            | RuleStmt::Grades(_) => return None,
        }
        .to_string(),
    )
}

/// What follows the key of a one-line rule statement.
fn rule_value(s: &Node<RuleStmt>) -> Vec<Part> {
    let text = |t: String| vec![Part::Text(t)];
    let string =
        |v: &crate::syntax::ast::StringLit| vec![string_part(&Node::new(v.clone(), s.span), false)];
    match &s.node {
        RuleStmt::Title(v) | RuleStmt::Source(v) | RuleStmt::Unverified(v) => string(v),
        RuleStmt::Year(n) => text(number(&n.node, false)),
        RuleStmt::Formula { expr, text: t, .. } => text(format!(
            "= {}",
            super::expr::canonical_in(super::expr::RULE, expr, t)
        )),
        RuleStmt::Rounding { places, mode } => {
            text(format!("{} 位 {mode}", number(&places.node, false)))
        }
        RuleStmt::Explain(words) => text(words.join("、")),
        RuleStmt::Over(n) => text(percent(&n.node)),
        RuleStmt::Split(m)
        | RuleStmt::Missing(m)
        | RuleStmt::Negative(m)
        | RuleStmt::Clamp(m)
        | RuleStmt::EmptyGroups(m)
        | RuleStmt::Implied(m)
        | RuleStmt::FormPoints(m)
        | RuleStmt::ExecutionBase(m) => text(m.clone()),
        RuleStmt::Merge { into, .. } => text(format!("归入 {}", name(&into.node))),
        RuleStmt::Points(_)
        | RuleStmt::Verdicts(_)
        | RuleStmt::Qualitative(_)
        | RuleStmt::Grades(_) => Vec::new(),
    }
}

/// `80%`.
fn percent(n: &NumberLit) -> String {
    format!("{}%", number(n, true))
}

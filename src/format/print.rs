//! The syntax tree → canonical lines (comments are merged afterwards).

use super::lines::{blank_before, Kind, Line};
use super::values::{self, name, number, pad, quantity, quantity_parts, quoted, width, StringForm};
use crate::model::Date;
use crate::source::{Node, Span};
use crate::syntax::ast::*;
use crate::vocab::{Comparator, ProjectField};

/// A piece of a statement: text on the line, or a `"""` block string.
pub(super) enum Part {
    Text(String),
    Block(Vec<String>, Span),
}

pub struct Printer<'a> {
    pub(super) src: &'a str,
    pub lines: Vec<Line>,
    /// Constructs the printer does not know (added to the language after
    /// it was written): the file is then left as it is.
    pub unsupported: bool,
    /// The spellings of published forms it rewrote (issue 17), in order.
    pub notices: Vec<super::Notice>,
}

impl<'a> Printer<'a> {
    pub fn new(src: &'a str) -> Self {
        Printer {
            src,
            lines: Vec::new(),
            unsupported: false,
            notices: Vec::new(),
        }
    }

    pub fn file(&mut self, f: &SyntaxFile) {
        for item in &f.items {
            match item {
                Item::Department(d) => self.department(d),
                Item::Project(p) => self.project(p, 0),
                Item::Include(i) => self.include(i, 0),
                Item::Actuals(a) => self.actuals(a),
                Item::RuleSet(r) => self.ruleset(r),
            }
        }
    }

    // ───────────── lines ─────────────

    pub(super) fn push(&mut self, indent: usize, text: String, anchor: usize, kind: Kind) {
        let blank = matches!(kind, Kind::Stmt | Kind::Open) && blank_before(self.src, anchor);
        self.lines.push(Line {
            indent,
            text,
            anchor,
            kind,
            blank_before: blank,
            trailing: Vec::new(),
            verbatim_end: 0,
            comment_column: 0,
        });
    }

    /// A statement made of parts; block strings span several lines.
    pub(super) fn parts(&mut self, indent: usize, anchor: usize, parts: Vec<Part>) {
        let mut current = String::new();
        let mut first = true;
        let mut after_block = false;
        let mut line_anchor = anchor;
        for part in parts {
            match part {
                Part::Text(t) => current.push_str(&t),
                Part::Block(content, span) => {
                    current.push_str("\"\"\"");
                    let kind = if first { Kind::Stmt } else { Kind::StringEnd };
                    self.push_line(
                        indent,
                        std::mem::take(&mut current),
                        line_anchor,
                        kind,
                        first,
                    );
                    first = false;
                    for l in content {
                        self.lines.push(Line {
                            indent: indent + 1,
                            text: l,
                            anchor: span.start as usize,
                            kind: Kind::Content,
                            blank_before: false,
                            trailing: Vec::new(),
                            verbatim_end: 0,
                            comment_column: 0,
                        });
                    }
                    current.push_str("\"\"\"");
                    line_anchor = (span.end as usize)
                        .saturating_sub(3)
                        .max(span.start as usize);
                    after_block = true;
                }
            }
        }
        let kind = if current.ends_with('{') {
            Kind::Open
        } else if after_block {
            Kind::StringEnd
        } else {
            Kind::Stmt
        };
        let indent = if after_block { indent + 1 } else { indent };
        self.push_line(indent, current, line_anchor, kind, first);
    }

    fn push_line(&mut self, indent: usize, text: String, anchor: usize, kind: Kind, first: bool) {
        if first {
            self.push(indent, text, anchor, kind);
        } else {
            self.lines.push(Line {
                indent,
                text,
                anchor,
                kind,
                blank_before: false,
                trailing: Vec::new(),
                verbatim_end: 0,
                comment_column: 0,
            });
        }
    }

    pub(super) fn open(&mut self, indent: usize, text: String, anchor: usize) {
        self.push(indent, format!("{text} {{"), anchor, Kind::Open);
    }

    /// The closing brace of a block whose span ends with it.
    pub(super) fn close(&mut self, indent: usize, span: Span) {
        let end = span.end as usize;
        let at = if end > 0 && self.src.as_bytes().get(end - 1) == Some(&b'}') {
            end - 1
        } else {
            end
        };
        self.push(indent, "}".into(), at, Kind::Close);
    }

    /// Where the statement whose value starts at `value` begins: the keyword
    /// before it on the same line.
    pub(super) fn keyword_start(&self, value: Span, keyword: &str) -> usize {
        let at = value.start as usize;
        let head = self.src.get(..at).unwrap_or("");
        let line_start = head.rfind('\n').map(|i| i + 1).unwrap_or(0);
        match head.rfind(keyword) {
            Some(i) if i >= line_start => i,
            _ => at,
        }
    }

    // ───────────── items ─────────────

    fn include(&mut self, i: &Node<String>, indent: usize) {
        let at = self.keyword_start(i.span, "引用");
        self.push(indent, format!("引用 {}", quoted(&i.node)), at, Kind::Stmt);
    }

    fn department(&mut self, d: &Department) {
        self.open(
            0,
            format!("部门 {}", quoted(&d.name.node)),
            d.span.start as usize,
        );
        for s in &d.stmts {
            match s {
                DeptStmt::Year(y) => {
                    let at = self.keyword_start(y.span, "年度");
                    self.push(
                        1,
                        format!("年度 {}", number(&y.node, false)),
                        at,
                        Kind::Stmt,
                    );
                }
                DeptStmt::Claim(c) => {
                    let text = format!(
                        "申报 {} 个项目，资金 {}",
                        number(&c.count.node, true),
                        quantity(&c.funds.node)
                    );
                    self.push(1, text, c.span.start as usize, Kind::Stmt);
                }
                DeptStmt::Project(p) => self.project(p, 1),
                DeptStmt::Include(i) => self.include(i, 1),
            }
        }
        self.close(0, d.span);
    }

    fn project(&mut self, p: &Project, indent: usize) {
        self.open(
            indent,
            format!("项目 {}", quoted(&p.name.node)),
            p.span.start as usize,
        );
        let body = p.body.as_deref().unwrap_or(&[]);
        let inner = indent + 1;
        let mut i = 0;
        while let Some(stmt) = body.get(i) {
            if simple_key(stmt).is_some() {
                // A run of simple fields, aligned, up to a blank line.
                let mut end = i + 1;
                while let Some(next) = body.get(end) {
                    if simple_key(next).is_none()
                        || blank_before(self.src, next.span().start as usize)
                    {
                        break;
                    }
                    end += 1;
                }
                let run = body.get(i..end).unwrap_or(&[]);
                let w = run
                    .iter()
                    .filter_map(simple_key)
                    .map(width)
                    .max()
                    .unwrap_or(0);
                for s in run {
                    self.simple(s, inner, w);
                }
                i = end;
                continue;
            }
            self.stmt(stmt, inner);
            i += 1;
        }
        self.close(indent, p.span);
    }

    fn simple(&mut self, stmt: &ProjectStmt, indent: usize, w: usize) {
        let Some((key, value)) = simple_parts(stmt) else {
            return;
        };
        let head = Part::Text(format!("{} ", pad(key, w)));
        self.parts(indent, stmt.span().start as usize, vec![head, value]);
    }

    fn stmt(&mut self, stmt: &ProjectStmt, indent: usize) {
        let anchor = stmt.span().start as usize;
        match stmt {
            ProjectStmt::Field { .. } | ProjectStmt::Period { .. } => self.simple(stmt, indent, 0),
            ProjectStmt::Funds { lines, span } => {
                self.open(indent, ProjectField::Funds.word().into(), anchor);
                let kw = lines
                    .iter()
                    .map(|l| width(l.key.node.word()))
                    .max()
                    .unwrap_or(0);
                let parts: Vec<(String, String)> = lines
                    .iter()
                    .map(|l| quantity_parts(&l.value.node))
                    .collect();
                let nw = parts.iter().map(|(n, _)| width(n)).max().unwrap_or(0);
                for (l, (n, u)) in lines.iter().zip(parts) {
                    let lead = " ".repeat(nw.saturating_sub(width(&n)));
                    let text = format!("{} {lead}{n}{u}", pad(l.key.node.word(), kw));
                    self.push(indent + 1, text, l.span.start as usize, Kind::Stmt);
                }
                self.close(indent, *span);
            }
            ProjectStmt::Narrative { lines, span } => {
                self.open(indent, ProjectField::Narrative.word().into(), anchor);
                let kw = lines
                    .iter()
                    .map(|l| width(l.key.node.word()))
                    .max()
                    .unwrap_or(0);
                for l in lines {
                    let head = Part::Text(format!("{} ", pad(l.key.node.word(), kw)));
                    let value = string_part(&l.value, false);
                    self.parts(indent + 1, l.span.start as usize, vec![head, value]);
                }
                self.close(indent, *span);
            }
            ProjectStmt::Indicators { groups, span } => {
                self.open(indent, ProjectField::Indicators.word().into(), anchor);
                for g in groups {
                    self.group(g, indent + 1);
                }
                self.close(indent, *span);
            }
            ProjectStmt::Check { expr, text, .. } => {
                let e = super::expr::canonical(expr, text);
                let text = format!("{} {e}", ProjectField::Check);
                self.push(indent, text, anchor, Kind::Stmt);
            }
            ProjectStmt::Allow { code, reason, .. } => {
                let mut parts = vec![Part::Text(format!("{} {}", ProjectField::Allow, code.node))];
                if let Some(r) = reason {
                    parts.push(Part::Text(" ".into()));
                    parts.push(string_part(r, false));
                }
                self.parts(indent, anchor, parts);
            }
            // Unknown fields are kept as written.
            ProjectStmt::Unknown { .. } => {
                let span = stmt.span();
                let text = self.src.get(span.range()).unwrap_or("").trim().to_string();
                self.push(indent, text, anchor, Kind::Stmt);
                if let Some(l) = self.lines.last_mut() {
                    l.verbatim_end = span.end as usize;
                }
            }
        }
    }

    fn group(&mut self, g: &Group, indent: usize) {
        let mut head = name(&g.name.node);
        if let Some(p) = &g.points {
            head.push_str(&format!(
                " {} {}",
                crate::vocab::Printed::Points,
                number(&p.node, true)
            ));
        }
        self.open(indent, head, g.span.start as usize);
        match &g.children {
            GroupChildren::Groups(gs) => {
                for sub in gs {
                    self.group(sub, indent + 1);
                }
            }
            GroupChildren::Indicators(is) => {
                for i in is {
                    self.indicator(i, indent + 1);
                }
            }
        }
        self.close(indent, g.span);
    }

    fn indicator(&mut self, i: &Indicator, indent: usize) {
        let anchor = i.span.start as usize;
        let mut head = name(&i.name.node);
        head.push_str(&self.target(&i.target));
        let mut parts = vec![Part::Text(head)];
        if i.attr_block && !i.attrs.is_empty() {
            parts.push(Part::Text(" {".into()));
            self.parts(indent, anchor, parts);
            for a in &i.attrs {
                let p = self.attr_parts(&a.node);
                self.parts(indent + 1, a.span.start as usize, p);
            }
            self.close(indent, i.span);
            return;
        }
        for a in &i.attrs {
            parts.push(Part::Text(" ".into()));
            let p = self.attr_parts(&a.node);
            parts.extend(p);
        }
        self.parts(indent, anchor, parts);
    }
}

/// The keyword of a field that takes part in aligned runs.
fn simple_key(stmt: &ProjectStmt) -> Option<&'static str> {
    simple_parts(stmt).map(|(key, _)| key)
}

/// The keyword and the value of a field that takes part in aligned runs.
fn simple_parts(stmt: &ProjectStmt) -> Option<(&'static str, Part)> {
    match stmt {
        ProjectStmt::Field { key, value, .. } => {
            let bare_ok = key.field().bare_in_fmt();
            Some((key.keyword(), string_part(value, bare_ok)))
        }
        ProjectStmt::Period { start, end, .. } => {
            let text = format!("{} 至 {}", date(&start.node), date(&end.node));
            Some((ProjectField::Period.word(), Part::Text(text)))
        }
        ProjectStmt::Funds { .. }
        | ProjectStmt::Narrative { .. }
        | ProjectStmt::Indicators { .. }
        | ProjectStmt::Check { .. }
        | ProjectStmt::Allow { .. }
        | ProjectStmt::Unknown { .. } => None,
    }
}

pub(super) fn string_part(value: &Node<StringLit>, bare_ok: bool) -> Part {
    match values::string(&value.node, bare_ok) {
        StringForm::Inline(s) => Part::Text(s),
        StringForm::Block(lines) => Part::Block(lines, value.span),
    }
}

impl Printer<'_> {
    fn attr_parts(&mut self, a: &Attr) -> Vec<Part> {
        match a {
            Attr::Points(n) => vec![Part::Text(format!("分值 {}", number(&n.node, true)))],
            Attr::Tolerance(q) => vec![Part::Text(format!("容差 {}", quantity(&q.node)))],
            Attr::Direction(d) => vec![Part::Text(format!("方向 {d}"))],
            Attr::Caliber(s) => vec![Part::Text("口径 ".into()), string_part(s, false)],
            Attr::Midterm(t) => vec![Part::Text(format!("中期{}", self.target(t)))],
        }
    }

    /// A target in its canonical form, with the space or colon before it:
    /// the comparator's sign before the value, ranges with `~`. A target
    /// written without a comparator stays without one. Each spelling of a
    /// published form it rewrites (a comparator word, a word after the
    /// value, `±`, a range's `至` or `-`) is noted, so that the form's
    /// wording stays findable; the sign's other spellings (`>=`, `～`) are
    /// rewritten without a word, as always.
    fn target(&mut self, t: &Node<TargetLit>) -> String {
        let written = |span: Span| self.src.get(span.range()).unwrap_or("").trim();
        let (text, note) = match &t.node {
            TargetLit::Compare { comparator, value } => {
                let sign = comparator.node.symbol();
                let text = format!("{sign} {}", quantity(&value.node));
                let word = written(comparator.span);
                let note = if comparator.span.start > value.span.start {
                    Some((t.span, written(t.span).to_string(), text.clone()))
                } else {
                    Comparator::is_word(word)
                        .then(|| (comparator.span, word.to_string(), sign.to_string()))
                };
                (format!(" {text}"), note)
            }
            TargetLit::Bare { value } => (format!(" {}", quantity(&value.node)), None),
            TargetLit::Range { low, high } => {
                let text = format!("{}~{}", quantity(&low.node), quantity(&high.node));
                let between =
                    Span::new(t.span.file, low.span.end as usize, high.span.start as usize);
                let note = matches!(written(between), "至" | "-" | "－")
                    .then(|| (t.span, written(t.span).to_string(), text.clone()));
                (format!(" {text}"), note)
            }
            TargetLit::PlusMinus { value } => {
                let q = quantity(&value.node);
                let text = format!("-{q}~{q}");
                let note = Some((t.span, written(t.span).to_string(), text.clone()));
                (format!(" {text}"), note)
            }
            TargetLit::Qualitative { word } => (format!(": {}", name(&word.node)), None),
        };
        if let Some((span, written, canonical)) = note {
            self.notices.push(super::Notice {
                span,
                written,
                canonical,
            });
        }
        text
    }
}

fn date(text: &str) -> String {
    Date::parse(text)
        .map(|d| d.to_string())
        .unwrap_or_else(|| text.to_string())
}

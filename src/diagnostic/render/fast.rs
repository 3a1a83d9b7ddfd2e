//! A hand-written renderer for the common shapes of diagnostics, writing
//! exactly the bytes miette's `GraphicalReportHandler` writes with the
//! `unicode_nocolor` theme — like the fast parser, it returns `None` for
//! anything it is not sure of and miette renders that as before.
//!
//! It follows miette 7's `render_report` step by step (header, causes,
//! snippets, footer) for what our diagnostics are made of. A message or help
//! is laid out by [`wrap`] when it is sure how textwrap fills it (one line,
//! or two broken at a certain opportunity), else by miette alone (a
//! diagnostic of that text only). The whole report is declined for colour,
//! a terminal under 20 columns, a label that spans lines or whose text does,
//! two labels at the same offset, and a shown line with a `\r` or a
//! character of unsure width ([`width`]). tests/render_fast.rs compares it
//! with miette on every diagnostic of the tests, examples and generated
//! workloads, and on mutations of them.

use super::{CharColumns, RenderOptions, Rendered};
use crate::diagnostic::Severity;

mod span;
mod width;
mod wrap;

use span::{read, Contents, Reach};

/// miette's width when none is given.
const DEFAULT_WIDTH: usize = 100;
/// Narrower terminals are left to miette (a help is split off a message
/// of one column, which must then stay on one line).
const MIN_WIDTH: usize = 20;

pub(super) fn render(r: &Rendered<'_>, options: RenderOptions) -> Option<String> {
    if options.color {
        return None;
    }
    let width = options.width.unwrap_or(DEFAULT_WIDTH);
    if width < MIN_WIDTH {
        return None;
    }
    let d = r.diagnostic;
    let mut out = String::with_capacity(512);
    // render_header: the code, then a blank line.
    out.push_str(d.severity.chinese());
    out.push('[');
    out.push_str(d.code);
    out.push_str("]\n\n");
    // render_causes: the message after the severity's icon.
    let (icon, severity) = match d.severity {
        Severity::Error => ("  × ", miette::Severity::Error),
        Severity::Warning => ("  ⚠ ", miette::Severity::Warning),
        Severity::Info => ("  ☞ ", miette::Severity::Advice),
    };
    if !wrap::fill(&mut out, icon, "  │ ", &d.message, width) {
        let text = Text {
            message: &d.message,
            severity,
            help: None,
        };
        out.push_str(&text.render(options)?);
    }
    if let Some(source) = &r.source {
        if !r.labels.is_empty() {
            snippets(&mut out, source, r)?;
        }
    }
    // render_footer
    if let Some(help) = d.help.as_deref() {
        let help = format!("建议：{help}");
        if !wrap::fill(&mut out, "  help: ", "        ", &help, width) {
            let text = Text {
                message: "-",
                severity,
                help: Some(&help),
            };
            // after the one line of the message "-"
            let both = text.render(options)?;
            out.push_str(both.split_once('\n')?.1);
        }
    }
    Some(out)
}

/// A message or help that our [`wrap`] is unsure of is laid out by miette
/// alone: a diagnostic of that text only (no code, labels or source), whose
/// causes and footer miette writes exactly as in the whole report.
struct Text<'a> {
    message: &'a str,
    severity: miette::Severity,
    help: Option<&'a str>,
}

impl Text<'_> {
    fn render(&self, options: RenderOptions) -> Option<String> {
        let mut out = String::new();
        super::handler(options).render_report(&mut out, self).ok()?;
        Some(out)
    }
}

impl std::fmt::Debug for Text<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.message)
    }
}
impl std::fmt::Display for Text<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.message)
    }
}
impl std::error::Error for Text<'_> {}

impl miette::Diagnostic for Text<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        self.help
            .map(|h| Box::new(h) as Box<dyn std::fmt::Display + 'b>)
    }
}

/// A label as miette's snippet code sees it.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Label<'a> {
    offset: usize,
    len: usize,
    text: Option<&'a str>,
    primary: bool,
}

impl Label<'_> {
    fn end(&self) -> usize {
        self.offset.saturating_add(self.len)
    }
    /// miette's `FancySpan` equality: the same text over the same span.
    fn same(&self, other: &Label<'_>) -> bool {
        self.text == other.text && self.offset == other.offset && self.len == other.len
    }
}

/// render_snippets: the labels in offset order, grouped into contexts (the
/// lines around each label, merged where they meet), each drawn.
fn snippets(out: &mut String, source: &CharColumns, r: &Rendered<'_>) -> Option<()> {
    let mut labels: Vec<Label<'_>> = r
        .labels
        .iter()
        .map(|l| Label {
            offset: l.offset(),
            len: l.len(),
            text: l.label(),
            primary: l.primary(),
        })
        .collect();
    // miette sorts unstably: equal offsets could come in either order.
    labels.sort_by_key(|l| l.offset);
    if labels
        .iter()
        .zip(labels.iter().skip(1))
        .any(|(a, b)| a.offset == b.offset)
    {
        return None;
    }
    if labels
        .iter()
        .any(|l| l.text.is_some_and(|t| t.contains('\n')))
    {
        return None;
    }
    let mut contexts: Vec<(usize, usize, Contents)> = Vec::with_capacity(1);
    for right in &labels {
        let right_contents = read(source, right.offset, right.len, Reach::Around)?;
        if let Some(&(offset, len, left)) = contexts.last() {
            if left.line.saturating_add(left.line_count) >= right_contents.line {
                let end = offset.saturating_add(len).max(right.end());
                let merged = read(source, offset, end - offset, Reach::Around);
                if let Some(merged) = merged {
                    contexts.pop();
                    contexts.push((offset, end - offset, merged));
                    continue;
                }
            }
        }
        contexts.push((right.offset, right.len, right_contents));
    }
    for (offset, len, contents) in contexts {
        context(out, source, offset, len, contents, &labels)?;
    }
    Some(())
}

/// A line of a context, as miette's `get_lines` makes it.
struct Line<'a> {
    /// 1-based.
    number: usize,
    /// Byte offset in the source text and length with the newline.
    offset: usize,
    length: usize,
    text: &'a str,
}

impl Line<'_> {
    fn end(&self) -> usize {
        self.offset.saturating_add(self.length)
    }
    /// Starts and ends on this line (miette's `span_line_only`).
    fn holds(&self, l: &Label<'_>) -> bool {
        l.offset >= self.offset && l.end() <= self.end()
    }
    /// Shown on this line at all (miette's `span_applies`).
    fn applies(&self, l: &Label<'_>) -> bool {
        let end = l.offset.saturating_add(l.len.max(1));
        (l.offset >= self.offset && l.offset < self.end())
            || (l.offset < self.offset && end > self.end())
            || (end > self.offset && end <= self.end())
    }
    /// Drawn in the gutter on this line (miette's `span_applies_gutter`).
    fn in_gutter(&self, l: &Label<'_>) -> bool {
        let end = l.offset.saturating_add(l.len.max(1));
        self.applies(l)
            && !((l.offset >= self.offset && l.offset < self.end())
                && (end > self.offset && end <= self.end()))
    }
    /// The column of a byte offset in this line (miette's `visual_offset`).
    fn column(&self, offset: usize, start: bool) -> Option<usize> {
        if offset < self.offset || offset > self.end() {
            return None;
        }
        let mut i = offset - self.offset;
        while i <= self.text.len() && !self.text.is_char_boundary(i) {
            i = if start { i.checked_sub(1)? } else { i + 1 };
        }
        let shown = self.text.get(..i.min(self.text.len()))?;
        let w: usize = width::line_widths(shown).sum::<Option<usize>>()?;
        Some(if i > self.text.len() { w + 1 } else { w })
    }
}

/// get_lines: the lines of `contents`, numbered from its line.
fn lines<'a>(source: &'a CharColumns, contents: &Contents) -> Option<Vec<Line<'a>>> {
    let data = source.text.get(contents.start..contents.end)?;
    let mut lines = Vec::with_capacity(4);
    let mut number = contents.line;
    let mut offset = contents.start;
    for segment in data.split_inclusive('\n') {
        number = number.saturating_add(1);
        lines.push(Line {
            number,
            offset,
            length: segment.len(),
            text: segment.strip_suffix('\n').unwrap_or(segment),
        });
        offset = offset.saturating_add(segment.len());
    }
    Some(lines)
}

const VBAR: char = '│';
const VBAR_BREAK: char = '·';

/// render_context: one framed snippet. Declines labels that span lines
/// (miette draws them in a gutter).
fn context(
    out: &mut String,
    source: &CharColumns,
    offset: usize,
    len: usize,
    contents: Contents,
    labels: &[Label<'_>],
) -> Option<()> {
    let lines = lines(source, &contents)?;
    let end = offset.saturating_add(len);
    let primary = {
        let mut inside = labels
            .iter()
            .filter(|l| offset <= l.offset && l.end() <= end);
        let first = inside.clone().next();
        inside.find(|l| l.primary).or(first)
    };
    for line in &lines {
        if labels.iter().any(|l| !line.holds(l) && line.in_gutter(l)) {
            return None;
        }
    }
    let linum_width = digits(lines.last().map_or(0, |l| l.number));
    let (line, column) = match primary {
        Some(p) => {
            let c = read(source, p.offset, p.len, Reach::Exact)?;
            (c.line, c.column)
        }
        None => (contents.line, contents.column),
    };
    spaces(out, linum_width + 2);
    out.push_str("╭─[");
    out.push_str(&source.name);
    out.push(':');
    push_number(out, line.saturating_add(1));
    out.push(':');
    push_number(out, column.saturating_add(1));
    out.push_str("]\n");
    for line in &lines {
        out.push(' ');
        spaces(out, linum_width.saturating_sub(digits(line.number)));
        push_number(out, line.number);
        out.push(' ');
        out.push(VBAR);
        out.push(' ');
        line_text(out, line.text)?;
        let shown: Vec<&Label<'_>> = labels.iter().filter(|l| line.applies(l)).collect();
        if shown.iter().any(|l| !line.holds(l)) {
            return None;
        }
        if !shown.is_empty() {
            highlights(out, line, linum_width, &shown)?;
        }
    }
    spaces(out, linum_width + 2);
    out.push_str("╰────\n");
    Some(())
}

/// render_line_text: the line with tabs turned into spaces.
fn line_text(out: &mut String, text: &str) -> Option<()> {
    for (c, w) in text.chars().zip(width::line_widths(text)) {
        let w = w?;
        if c == '\t' {
            spaces(out, w);
        } else {
            out.push(c);
        }
    }
    out.push('\n');
    Some(())
}

/// render_single_line_highlights: the underlines, then each label's text
/// (the last first), with a bar under every other label on the way.
fn highlights(
    out: &mut String,
    line: &Line<'_>,
    linum_width: usize,
    shown: &[&Label<'_>],
) -> Option<()> {
    no_linum(out, linum_width);
    let mut highest = 0usize;
    let mut bars = Vec::with_capacity(shown.len());
    for l in shown {
        let start = line.column(l.offset, true)?.max(highest);
        let end = if l.len == 0 {
            start + 1
        } else {
            line.column(l.end(), false)?.max(start + 1)
        };
        let bar = (start + end) / 2;
        spaces(out, start.saturating_sub(highest));
        repeat(out, '─', bar - start);
        out.push(if l.len == 0 {
            '▲'
        } else if l.text.is_some() {
            '┬'
        } else {
            '─'
        });
        repeat(out, '─', end - bar - 1);
        highest = highest.max(end);
        bars.push((*l, bar));
    }
    out.push('\n');
    for l in shown.iter().rev() {
        let Some(text) = l.text else { continue };
        no_linum(out, linum_width);
        let mut at = 1usize;
        for (other, bar) in &bars {
            while at < bar + 1 {
                out.push(' ');
                at += 1;
            }
            if !other.same(l) {
                out.push(VBAR);
                at += 1;
            } else {
                out.push_str("╰── ");
                out.push_str(text);
                out.push('\n');
                break;
            }
        }
    }
    Some(())
}

/// write_no_linum
fn no_linum(out: &mut String, linum_width: usize) {
    out.push(' ');
    spaces(out, linum_width);
    out.push(' ');
    out.push(VBAR_BREAK);
    out.push(' ');
}

fn spaces(out: &mut String, n: usize) {
    repeat(out, ' ', n);
}

fn repeat(out: &mut String, c: char, n: usize) {
    out.extend(std::iter::repeat_n(c, n));
}

fn digits(mut n: usize) -> usize {
    let mut d = 1;
    while n >= 10 {
        n /= 10;
        d += 1;
    }
    d
}

fn push_number(out: &mut String, n: usize) {
    use std::fmt::Write as _;
    let _ = write!(out, "{n}");
}

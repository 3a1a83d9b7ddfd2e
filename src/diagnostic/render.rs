//! Human rendering of diagnostics through miette, the one renderer for
//! people. Huge outputs stay affordable by showing, per code, only the first
//! [`SHOWN_PER_CODE`] findings and one summary line for the rest
//! ([`Shown`]); JSON keeps every diagnostic.

mod shown;

pub use shown::{Shown, SHOWN_PER_CODE};

use super::{Diagnostic, Severity};
use crate::source::SourceMap;
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};
use std::borrow::Borrow;
use std::fmt;

/// Source text for miette that reports columns in characters. miette's own
/// `str` source counts the header's column in bytes, so `项目` would move the
/// column by 6 instead of 2; this keeps the header equal to the JSON column.
struct CharColumns {
    name: String,
    text: String,
    /// The primary label's offset in `text` and its true column (0-based),
    /// which differs from `text`'s when the line was cropped.
    primary: Option<(usize, usize)>,
    /// `text` is a window of the file starting at this line (0-based), so
    /// that a diagnostic near the end of a huge file does not scan it all.
    first_line: usize,
}

impl SourceCode for CharColumns {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner =
            self.text
                .as_str()
                .read_span(span, context_lines_before, context_lines_after)?;
        let column = if let Some((_, col)) = self
            .primary
            .filter(|(o, _)| context_lines_before == 0 && *o == span.offset())
        {
            col
        } else if context_lines_before == 0 {
            let start = span.offset().min(self.text.len());
            let line_start = self
                .text
                .get(..start)
                .and_then(|t| t.rfind('\n'))
                .map_or(0, |i| i + 1);
            self.text
                .get(line_start..start)
                .map_or(inner.column(), |t| t.chars().count())
        } else {
            inner.column()
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line() + self.first_line,
            column,
            // miette's `str` source counts lines from the start of the text,
            // and merges snippets by it: count from the file's start too.
            inner.line_count() + self.first_line,
        )))
    }
}

/// A diagnostic together with its source, in the shape miette renders.
struct Rendered<'a> {
    diagnostic: &'a Diagnostic,
    source: Option<CharColumns>,
    labels: Vec<LabeledSpan>,
}

impl fmt::Debug for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}
impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}
impl std::error::Error for Rendered<'_> {}

impl miette::Diagnostic for Rendered<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(format!(
            "{}[{}]",
            self.diagnostic.severity.chinese(),
            self.diagnostic.code
        )))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.diagnostic
            .help
            .as_ref()
            .map(|h| Box::new(format!("建议：{h}")) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }
}

/// Options for human output.
#[derive(Clone, Copy, Debug, Default)]
pub struct RenderOptions {
    pub color: bool,
    /// Terminal width; `None` means 100 columns.
    pub width: Option<usize>,
}

/// Render one diagnostic as text, with file:line:column and the labelled source.
pub fn render(diagnostic: &Diagnostic, sources: &SourceMap, options: RenderOptions) -> String {
    // A control character or bidi override from the user's file never
    // reaches the terminal (issue 15): the texts show it as 〈U+XXXX〉.
    let safe;
    let diagnostic = match terminal_safe_diagnostic(diagnostic) {
        Some(d) => {
            safe = d;
            &safe
        }
        None => diagnostic,
    };
    let primary_file = diagnostic.primary_span().map(|s| s.file);
    let file = primary_file.and_then(|f| sources.get(f));
    let mut labels = Vec::new();
    let mut others = Vec::new();
    // Very long lines are shown cropped around the labels.
    let anchors: Vec<usize> = diagnostic
        .labels
        .iter()
        .filter(|l| Some(l.span.file) == primary_file)
        .map(|l| l.span.start as usize)
        .collect();
    // Only the lines around the labels are handed on (see `window`).
    let (from, first_line, window) = match file {
        Some(f) => {
            let (from, to) = window(&f.text, &anchors, &diagnostic.labels, primary_file);
            let first_line = f.line_col(from).0.saturating_sub(1);
            let window = f.text.get(from..to).unwrap_or("");
            // Same length, so that the labels' offsets still hold.
            (
                from,
                first_line,
                crate::hidden::terminal_safe_same_length(window),
            )
        }
        None => (0, 0, std::borrow::Cow::Borrowed("")),
    };
    let shifted: Vec<usize> = anchors.iter().map(|a| a.saturating_sub(from)).collect();
    let cropped = file.map(|_| super::crop::Cropped::new(&window, &shifted));
    let primary = diagnostic.primary_span().and_then(|s| {
        let f = file?;
        let (_, col) = f.line_col(s.start as usize);
        Some((
            cropped
                .as_ref()?
                .map((s.start as usize).saturating_sub(from)),
            col.saturating_sub(1),
        ))
    });
    for (i, label) in diagnostic.labels.iter().enumerate() {
        if Some(label.span.file) == primary_file {
            let map = |o: usize| {
                let o = o.saturating_sub(from);
                cropped.as_ref().map_or(o, |c| c.map(o))
            };
            let start = map(label.span.start as usize);
            let len = map(label.span.end as usize).saturating_sub(start);
            let ls = LabeledSpan::new(label.message.as_deref().map(str::to_string), start, len);
            labels.push(if i == 0 {
                LabeledSpan::new_primary_with_span(
                    label.message.as_deref().map(str::to_string),
                    (start, len),
                )
            } else {
                ls
            });
        } else if let Some(f) = sources.get(label.span.file) {
            let (line, col) = f.line_col(label.span.start as usize);
            others.push(format!(
                "  另见 {}:{}:{}{}",
                crate::hidden::terminal_safe(&f.display),
                line,
                col,
                label
                    .message
                    .as_ref()
                    .map(|m| format!("：{m}"))
                    .unwrap_or_default()
            ));
        }
    }
    let rendered = Rendered {
        diagnostic,
        source: file.zip(cropped).map(|(f, c)| CharColumns {
            name: crate::hidden::terminal_safe(&f.display).into_owned(),
            text: c.text,
            primary,
            first_line,
        }),
        labels,
    };
    let mut out = with_miette(&rendered, options);
    for o in others {
        out.push_str(&o);
        out.push('\n');
    }
    out
}

/// miette's handler as we configure it.
fn handler(options: RenderOptions) -> GraphicalReportHandler {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_width(options.width.unwrap_or(100))
        .with_links(false)
}

fn with_miette(rendered: &Rendered<'_>, options: RenderOptions) -> String {
    let mut out = String::new();
    if handler(options).render_report(&mut out, rendered).is_err() {
        let d = rendered.diagnostic;
        out = format!("{}[{}]: {}\n", d.severity.chinese(), d.code, d.message);
    }
    out
}

/// `d` with its texts made safe for a terminal, or `None` when they are.
fn terminal_safe_diagnostic(d: &Diagnostic) -> Option<Diagnostic> {
    use crate::hidden::{terminal_safe, unsafe_in_terminal};
    let risky = |t: &str| t.chars().any(unsafe_in_terminal);
    let labels = d.labels.iter().filter_map(|l| l.message.as_deref());
    if !risky(&d.message) && !d.help.as_deref().is_some_and(risky) && !labels.clone().any(risky) {
        return None;
    }
    let mut safe = d.clone();
    safe.message = terminal_safe(&d.message).into_owned();
    if let Some(h) = &mut safe.help {
        *h = terminal_safe(h).into_owned().into();
    }
    for l in &mut safe.labels {
        if let Some(m) = &mut l.message {
            *m = terminal_safe(m).into_owned().into();
        }
    }
    Some(safe)
}

/// Lines of context kept around the labels (miette shows fewer).
const CONTEXT_LINES: usize = 3;

/// The byte range of the lines holding the labels of `file`, with a few lines
/// of context: rendering then costs the size of that window, not of the file
/// (thousands of findings in a 200 MB file would otherwise take hours).
fn window(
    text: &str,
    anchors: &[usize],
    labels: &[super::Label],
    file: Option<crate::source::FileId>,
) -> (usize, usize) {
    let ends = labels
        .iter()
        .filter(|l| Some(l.span.file) == file)
        .map(|l| l.span.end as usize);
    let (Some(lo), Some(hi)) = (
        anchors.iter().copied().min(),
        anchors.iter().copied().chain(ends).max(),
    ) else {
        return (0, text.len());
    };
    let (lo, hi) = (lo.min(text.len()), hi.min(text.len()));
    let mut from = lo;
    for _ in 0..=CONTEXT_LINES {
        match text.get(..from).and_then(|t| t.rfind('\n')) {
            Some(i) => from = i,
            None => {
                from = 0;
                break;
            }
        }
    }
    if from > 0 {
        from += 1; // after the newline
    }
    let mut to = hi;
    for _ in 0..=CONTEXT_LINES {
        match text.get(to..).and_then(|t| t.find('\n')) {
            Some(i) => to += i + 1,
            None => {
                to = text.len();
                break;
            }
        }
    }
    (from, to.max(from).min(text.len()))
}

/// Render many diagnostics, separated by blank lines.
pub fn render_all(
    diagnostics: &[Diagnostic],
    sources: &SourceMap,
    options: RenderOptions,
) -> String {
    let mut out = String::new();
    render_batches(diagnostics, sources, options, |part| {
        out.push_str(part);
        true
    });
    out
}

/// [`render_all`] as people see it, written to `out` a batch at a time: the
/// text of 250,000 warnings (130 MB) is never held whole (bounded memory,
/// issue 7). With [`Shown::FirstOfEachCode`] the findings of a code past the
/// first [`SHOWN_PER_CODE`] are not rendered but counted, in one line each
/// after the rest (see [`shown`]). Stops at the first write error.
pub fn render_to(
    diagnostics: &[Diagnostic],
    sources: &SourceMap,
    options: RenderOptions,
    shown: Shown,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut result = Ok(());
    let mut take = |part: &str| {
        if result.is_ok() {
            result = out.write_all(part.as_bytes());
        }
        result.is_ok()
    };
    match shown::select(diagnostics, shown) {
        None => render_batches(diagnostics, sources, options, &mut take),
        Some(selection) => {
            render_batches(&selection.shown, sources, options, &mut take);
            take(&selection.summary());
        }
    }
    result
}

/// Each diagnostic renders on its own (miette is the costly part with
/// hundreds of thousands of warnings): in parallel, a batch at a time,
/// handed to `take` in order until it says stop.
fn render_batches<D: Borrow<Diagnostic> + Sync>(
    diagnostics: &[D],
    sources: &SourceMap,
    options: RenderOptions,
    mut take: impl FnMut(&str) -> bool,
) {
    let one = |d: &D| {
        let mut s = render(d.borrow(), sources, options);
        s.push('\n');
        s
    };
    // A batch is rendered on the pool and handed on as one text (one write
    // instead of 4,096), while the next batch renders beside the writing.
    let render_batch = |batch: &[D]| -> String {
        let sequential = || batch.iter().map(one).collect();
        let parts: Vec<String> = if batch.len() >= 64 {
            use rayon::prelude::*;
            crate::parallel::run(|| batch.par_iter().map(one).collect(), sequential)
        } else {
            sequential()
        };
        parts.concat()
    };
    let mut batches = diagnostics.chunks(4096);
    let Some(first) = batches.next() else {
        return;
    };
    let mut ready = render_batch(first);
    for batch in batches {
        let (next, go_on) = crate::parallel::beside(|| render_batch(batch), || take(&ready));
        ready = next;
        if !go_on {
            return;
        }
    }
    take(&ready);
}

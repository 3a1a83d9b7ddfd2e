//! Reports written a project at a time. `jixiao eval` scores each project in
//! a worker right after it is lowered and renders its part of the report
//! there; the parts are written in project order and the whole
//! [`Evaluation`] never exists (performance, issue 7). The whole-evaluation
//! renderers ([`super::table`], [`super::markdown`], [`super::csv::render`],
//! [`super::json`]) are this stream run over a finished evaluation, so there
//! is one way each report is written.

use super::grid::CompactRow;
use super::{csv, selfeval, Format};
use crate::model::evaluation::{Evaluation, ProjectEvaluation, RuleSetInfo, Summary};
use serde::Serialize;

/// What is known of an evaluation before any project is scored.
pub struct Head<'a> {
    pub rules: &'a RuleSetInfo,
    pub department: Option<&'a str>,
    pub year: Option<i32>,
}

impl<'a> Head<'a> {
    /// The head of a finished evaluation.
    pub fn of(ev: &'a Evaluation) -> Head<'a> {
        Head {
            rules: &ev.rules,
            department: ev.department.as_deref(),
            year: ev.year,
        }
    }
}

/// One project's part of a report, rendered in any thread.
pub struct Part {
    text: String,
    /// Its row of the department summary (table and Markdown).
    row: Option<CompactRow>,
    /// It has a total with manual scores (the summary then shows them).
    adjusted: bool,
}

impl Part {
    /// The text of this part as rendered (for JSON, with a leading `,`
    /// that [`Stream::push`] drops for the first project).
    pub fn text(&self) -> &str {
        &self.text
    }
}

/// A report written a project at a time: [`Stream::begin`], then each
/// project's part in order ([`Stream::project`] in any thread,
/// [`Stream::push`] in order), then [`Stream::end`]. Concatenated, what they
/// return is the whole-evaluation report, byte for byte.
pub struct Stream {
    format: Format,
    explain: bool,
    /// The department summary's rows, one per project pushed (table and
    /// Markdown): its columns are as wide as the widest cell of any.
    rows: Vec<CompactRow>,
    /// Some project pushed has an adjusted total.
    adjusted: bool,
    /// Projects pushed.
    pushed: usize,
    /// The department's name, for the CSV's summary rows.
    department: String,
}

impl Stream {
    pub fn new(format: Format, explain: bool) -> Stream {
        Stream {
            format,
            explain,
            rows: Vec::new(),
            adjusted: false,
            pushed: 0,
            department: String::new(),
        }
    }

    /// The text before the first project.
    pub fn begin(&mut self, head: &Head<'_>) -> String {
        self.rows.clear();
        self.adjusted = false;
        self.pushed = 0;
        self.department = head.department.unwrap_or_default().to_string();
        let mut out = String::new();
        match self.format {
            Format::Table => selfeval::head(head, self.explain).write_text(&mut out, false),
            Format::Markdown => selfeval::head(head, self.explain).write_markdown(&mut out),
            Format::Csv => csv::header(&mut out),
            Format::Json => json_head(&mut out, head),
        }
        out
    }

    /// One project's part. Pure: many threads may call it at once.
    pub fn project(&self, p: &ProjectEvaluation) -> Part {
        // About what a generated project takes (BENCHMARKS.md's workload):
        // growing a part from nothing was a tenth of the rendering.
        let per_indicator = match (self.format, self.explain) {
            (Format::Table | Format::Markdown, false) => 300,
            (Format::Table | Format::Markdown, true) => 550,
            (Format::Csv, _) => 250,
            (Format::Json, _) => 1400,
        };
        let capacity = 600 + per_indicator * p.indicators.len();
        let mut text = String::with_capacity(capacity);
        let row = match self.format {
            Format::Table => {
                selfeval::project(p, self.explain).write_text(&mut text, true);
                Some(selfeval::summary_row(p))
            }
            Format::Markdown => {
                selfeval::project(p, self.explain).write_markdown(&mut text);
                Some(selfeval::summary_row(p))
            }
            Format::Csv => {
                csv::project(&mut text, p);
                None
            }
            Format::Json => {
                text = pretty(",\n    ", p, 2, capacity);
                None
            }
        };
        Part {
            text,
            row,
            adjusted: p.adjusted_total.is_some(),
        }
    }

    /// Take the next project's part, in project order: returns the text to
    /// write now and keeps what [`Stream::end`] needs.
    pub fn push(&mut self, part: Part) -> String {
        let Part {
            mut text,
            row,
            adjusted,
        } = part;
        if let Some(row) = row {
            self.rows.push(row);
        }
        self.adjusted |= adjusted;
        if self.pushed == 0 && self.format == Format::Json {
            if let Some(rest) = text.strip_prefix(',') {
                text = rest.to_string();
            }
        }
        self.pushed += 1;
        text
    }

    /// The text after the last project: the department summary, or for
    /// JSON the summary and the diagnostics (`diagnostics` and `sources`
    /// are read for JSON only).
    pub fn end(
        &mut self,
        summary: &Summary,
        diagnostics: &[crate::Diagnostic],
        sources: &crate::SourceMap,
    ) -> String {
        let mut out = String::new();
        self.end_into(summary, diagnostics, sources, &mut |t| out.push_str(t));
        out
    }

    /// [`Stream::end`], handed to `write` a piece at a time: the JSON ends
    /// with every diagnostic, and 250,000 of them written whole took as
    /// much memory again as the whole streamed evaluation (issue 7).
    pub fn end_into(
        &mut self,
        summary: &Summary,
        diagnostics: &[crate::Diagnostic],
        sources: &crate::SourceMap,
        write: &mut dyn FnMut(&str),
    ) {
        let rows = std::mem::take(&mut self.rows);
        let mut out = String::new();
        match self.format {
            Format::Table => {
                selfeval::summary(rows, self.adjusted, summary).write_text(&mut out, true)
            }
            Format::Markdown => {
                selfeval::summary(rows, self.adjusted, summary).write_markdown(&mut out)
            }
            Format::Csv => csv::summary(&mut out, &self.department, summary),
            Format::Json => {
                write(if self.pushed > 0 { "\n  ]" } else { "]" });
                write(",\n  \"summary\": ");
                write(&pretty("", summary, 1, 1024));
                write(",\n  \"diagnostics\": ");
                json_diagnostics(diagnostics, sources, write);
                write("\n}");
            }
        }
        write(&out);
    }
}

/// The diagnostics report of the JSON (`diagnostic::json::report`, one
/// level in), one diagnostic at a time.
fn json_diagnostics(
    diagnostics: &[crate::Diagnostic],
    sources: &crate::SourceMap,
    write: &mut dyn FnMut(&str),
) {
    use crate::diagnostic::json;
    let mut frame = json::report(&[], sources);
    frame.summary = crate::diagnostic::Counts::of(diagnostics);
    let text = pretty("", &frame, 1, 256);
    const EMPTY: &str = "\"diagnostics\": []";
    match text.split_once(EMPTY) {
        Some((before, after)) if !diagnostics.is_empty() => {
            write(before);
            write("\"diagnostics\": [");
            for (i, d) in diagnostics.iter().enumerate() {
                write(if i == 0 { "\n      " } else { ",\n      " });
                write(&pretty("", &json::to_json(d, sources), 3, 512));
            }
            write("\n    ]");
            write(after);
        }
        _ => write(&text),
    }
}

/// A report of a finished evaluation: the stream, one project after another.
pub(crate) fn whole(
    ev: &Evaluation,
    format: Format,
    explain: bool,
    diagnostics: &[crate::Diagnostic],
    sources: &crate::SourceMap,
) -> String {
    let mut stream = Stream::new(format, explain);
    let mut out = stream.begin(&Head::of(ev));
    for (i, p) in ev.projects.iter().enumerate() {
        let part = stream.project(p);
        if i == 0 {
            // Room for as many parts again as large as the first, and a
            // quarter more: doubling a string of hundreds of megabytes
            // copies it and touches twice the memory. Pages never written
            // are never taken.
            let want = part
                .text
                .len()
                .saturating_add(64)
                .saturating_mul(ev.projects.len());
            let _ = out.try_reserve(want.saturating_add(want / 4));
        }
        out.push_str(&stream.push(part));
    }
    out.push_str(&stream.end(&ev.summary, diagnostics, sources));
    out
}

/// The JSON document up to the `projects` array's first element: the same
/// fields, in the same order, as the evaluation serialized whole (a
/// `{format, version, ..evaluation, diagnostics}` object).
fn json_head(out: &mut String, head: &Head<'_>) {
    #[derive(Serialize)]
    struct JsonHead<'a> {
        format: &'static str,
        version: u32,
        rules: &'a RuleSetInfo,
        department: Option<&'a str>,
        year: Option<i32>,
    }
    let head = JsonHead {
        format: "jixiao-evaluation",
        version: 1,
        rules: head.rules,
        department: head.department,
        year: head.year,
    };
    let text = pretty("", &head, 0, 1024);
    // `{ … \n}`: the object is left open for the fields that follow.
    out.push_str(text.strip_suffix("\n}").unwrap_or(&text));
    out.push_str(",\n  \"projects\": [");
}

/// `value` as pretty JSON after `prefix`, nested `level` levels deep: the
/// text serde_json's pretty printer writes for it inside the whole document.
fn pretty<T: Serialize>(prefix: &str, value: &T, level: usize, capacity: usize) -> String {
    let mut buf = Vec::with_capacity(prefix.len() + capacity);
    buf.extend_from_slice(prefix.as_bytes());
    let start = buf.len();
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, Nested::new(level));
    if let Err(e) = value.serialize(&mut ser) {
        buf.truncate(start);
        let message = serde_json::to_string(&e.to_string()).unwrap_or_default();
        buf.extend_from_slice(format!("{{\"error\": {message}}}").as_bytes());
    }
    String::from_utf8(buf).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// serde_json's `PrettyFormatter` (two spaces a level) starting `level`
/// levels in.
struct Nested {
    level: usize,
    has_value: bool,
}

impl Nested {
    fn new(level: usize) -> Nested {
        Nested {
            level,
            has_value: false,
        }
    }

    fn open<W: ?Sized + std::io::Write>(&mut self, w: &mut W, b: &[u8]) -> std::io::Result<()> {
        self.level = self.level.saturating_add(1);
        self.has_value = false;
        w.write_all(b)
    }

    fn close<W: ?Sized + std::io::Write>(&mut self, w: &mut W, b: &[u8]) -> std::io::Result<()> {
        self.level = self.level.saturating_sub(1);
        if self.has_value {
            self.line(w, false)?;
        }
        w.write_all(b)
    }

    fn line<W: ?Sized + std::io::Write>(&self, w: &mut W, comma: bool) -> std::io::Result<()> {
        const SPACES: &[u8] = b"                                ";
        w.write_all(if comma { b",\n" } else { b"\n" })?;
        let mut n = self.level.saturating_mul(2);
        while n > 0 {
            let k = n.min(SPACES.len());
            w.write_all(SPACES.get(..k).unwrap_or_default())?;
            n -= k;
        }
        Ok(())
    }
}

impl serde_json::ser::Formatter for Nested {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.line(w, !first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.line(w, !first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

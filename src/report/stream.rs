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
use serde_json::ser::Formatter as _;

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
                // The separator before an element of `projects`; the first
                // element's has no comma (`Stream::push`).
                let comma = punctuation(|w| Nested::new(2).begin_array_value(w, false));
                text = pretty(&comma, p, 2, capacity);
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
                // The projects array and the document's last fields, with
                // the separators serde's pretty printer writes there.
                let mut projects = Nested {
                    level: 2,
                    has_value: self.pushed > 0,
                };
                write(&punctuation(|w| projects.end_array(w)));
                write(&field_key("summary"));
                write(&pretty("", summary, 1, 1024));
                write(&field_key("diagnostics"));
                json_diagnostics(diagnostics, sources, write);
                let mut document = Nested {
                    level: 1,
                    has_value: true,
                };
                write(&punctuation(|w| document.end_object(w)));
            }
        }
        write(&out);
    }
}

/// The diagnostics report of the JSON (`diagnostic::json::JsonReport`,
/// one level in), serialized by serde with each diagnostic converted only
/// when it is written and the text handed to `write` in pieces: 250,000
/// diagnostics converted at once took as much memory again as the whole
/// streamed evaluation (issue 7).
fn json_diagnostics(
    diagnostics: &[crate::Diagnostic],
    sources: &crate::SourceMap,
    write: &mut dyn FnMut(&str),
) {
    use crate::diagnostic::json::{JsonReport, FORMAT_VERSION};
    let report = JsonReport {
        version: FORMAT_VERSION,
        diagnostics: OneByOne {
            diagnostics,
            sources,
        },
        summary: crate::diagnostic::Counts::of(diagnostics),
    };
    let mut out = Chunks {
        buf: Vec::with_capacity(Chunks::SIZE),
        write,
    };
    let mut ser = serde_json::Serializer::with_formatter(&mut out, Nested::new(1));
    if let Err(e) = report.serialize(&mut ser) {
        out.buf.clear();
        let message = serde_json::to_string(&e.to_string()).unwrap_or_default();
        out.buf
            .extend_from_slice(format!("{{\"error\": {message}}}").as_bytes());
    }
    out.flush_text();
    if !out.buf.is_empty() {
        // Never from serde_json, which writes whole characters.
        (out.write)(&String::from_utf8_lossy(&out.buf));
    }
}

/// Diagnostics serialized as a sequence, each converted to its JSON form
/// as it is written.
struct OneByOne<'a> {
    diagnostics: &'a [crate::Diagnostic],
    sources: &'a crate::SourceMap,
}

impl Serialize for OneByOne<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(self.diagnostics.len()))?;
        for d in self.diagnostics {
            seq.serialize_element(&crate::diagnostic::json::to_json(d, self.sources))?;
        }
        seq.end()
    }
}

/// What serde writes, handed on as text a chunk at a time.
struct Chunks<'w> {
    buf: Vec<u8>,
    write: &'w mut dyn FnMut(&str),
}

impl Chunks<'_> {
    const SIZE: usize = 64 * 1024;

    /// Hand on what is kept, up to its last whole character (a character
    /// cut between two writes waits for the rest).
    fn flush_text(&mut self) {
        let whole = match std::str::from_utf8(&self.buf) {
            Ok(text) => text.len(),
            Err(e) => e.valid_up_to(),
        };
        if let Some(Ok(text)) = self.buf.get(..whole).map(std::str::from_utf8) {
            if !text.is_empty() {
                (self.write)(text);
            }
        }
        self.buf.drain(..whole);
    }
}

impl std::io::Write for Chunks<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(bytes);
        if self.buf.len() >= Chunks::SIZE {
            self.flush_text();
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
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
/// `{format, version, ..evaluation, diagnostics}` object). serde writes the
/// head's fields; the object is left open (its `end` never called) for the
/// fields that follow.
fn json_head(out: &mut String, head: &Head<'_>) {
    use serde::ser::{SerializeStruct, Serializer as _};
    let mut buf = Vec::with_capacity(1024);
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, Nested::new(0));
    let written = ser.serialize_struct("Evaluation", 8).and_then(|mut doc| {
        doc.serialize_field("format", "jixiao-evaluation")?;
        doc.serialize_field("version", &1u32)?;
        doc.serialize_field("rules", head.rules)?;
        doc.serialize_field("department", &head.department)?;
        doc.serialize_field("year", &head.year)
    });
    match written {
        Ok(()) => out.push_str(&String::from_utf8_lossy(&buf)),
        Err(e) => {
            let message = serde_json::to_string(&e.to_string()).unwrap_or_default();
            out.push_str(&format!("{{\n  \"error\": {message}"));
        }
    }
    out.push_str(&field_key("projects"));
    out.push_str(&punctuation(|w| Nested::new(1).begin_array(w)));
}

/// What the formatter writes between values (ASCII, never an error when
/// written to memory).
fn punctuation(f: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> String {
    let mut buf = Vec::with_capacity(16);
    let _ = f(&mut buf);
    String::from_utf8(buf).unwrap_or_default()
}

/// A further field's key of the document's object (one level in), as
/// serde writes it: `,\n  "key": `.
fn field_key(key: &str) -> String {
    let mut f = Nested::new(1);
    punctuation(|w| {
        f.begin_object_key(w, false)?;
        key.serialize(&mut serde_json::Serializer::with_formatter(
            &mut *w,
            Nested::new(1),
        ))
        .map_err(std::io::Error::other)?;
        f.end_object_key(w)?;
        f.begin_object_value(w)
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The diagnostics written a chunk at a time are the report serialized
    /// whole, also past a chunk and with characters of several bytes.
    #[test]
    fn diagnostics_in_chunks_are_the_report_serialized_whole() {
        let sources = crate::SourceMap::new();
        let diagnostics: Vec<crate::Diagnostic> = (0..3000)
            .map(|k| {
                crate::Diagnostic::new(
                    &crate::diagnostic::codes::BAD_NUMBER,
                    format!("第 {k} 条：金额“90,682.50 元”\"引号\"与\n换行"),
                )
            })
            .collect();
        for n in [0, 1, 3000] {
            let some = diagnostics.get(..n).unwrap();
            let mut pieces = Vec::new();
            json_diagnostics(some, &sources, &mut |t| pieces.push(t.to_string()));
            let whole = pretty("", &crate::diagnostic::json::report(some, &sources), 1, 0);
            assert_eq!(pieces.concat(), whole);
            assert!(n < 3000 || pieces.len() > 1, "written in one piece");
        }
    }
}

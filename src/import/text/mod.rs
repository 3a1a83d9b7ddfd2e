//! Text extracted from the official 申报表 PDF (the layout of the seed):
//! a department header, then for each project its 项目经费情况说明 and its
//! 财政项目支出绩效目标申报表. Cells are split across lines, labels broken
//! mid-word, page numbers and stray leading spaces left by page breaks.

mod form;
mod funds;
mod goals;
mod header;
mod layout;
mod narrative;
mod pages;
mod repeats;
mod table;
mod table_header;

/// Shared with the workbook importer: the department claim sentence and the
/// 说明 section titles.
pub(crate) use header::claim;
/// `import::import_text` asks this before giving a text to the seed reader.
pub(crate) use layout::recognizes;
pub(crate) use narrative::section;

use super::draft::{Draft, DraftProject};
use super::Sink;
use crate::diagnostic::{codes, Diagnostic};
use crate::source::FileId;

/// The words of the seed layout that the reader consumes as labels (turned
/// into keywords, or read as the form's structure), from the reader's own
/// label tables: what the “nothing dropped” test (tests/import_coverage.rs)
/// does not look for in the output.
pub fn label_words() -> Vec<&'static str> {
    let mut words: Vec<&'static str> = Vec::new();
    words.extend(form::FIELD_LABELS);
    words.extend(form::STOPS);
    words.extend(funds::FUND_LABELS.iter().map(|(label, _)| *label));
    words.extend(narrative::sections().map(|(title, _)| title));
    words.extend(table::LEVEL1);
    words.extend(table::LEVEL2);
    words.extend(STRUCTURE_WORDS);
    words
}

/// Titles, vertical labels, column titles and section numbers of the seed
/// layout that no label table of the reader lists.
const STRUCTURE_WORDS: [&str; 17] = [
    "财政项目支出绩效目标申报表",
    "见财政项目支出绩效目标申报表",
    "项目经费情况说明",
    "绩效目标设置情况",
    "本部门编报绩效目标的项目",
    "涉及项目预算资金",
    "项目绩效目标",
    "绩效指标",
    "年度(/项目)指标值",
    "年度",
    "一、",
    "二、",
    "三、",
    "四、",
    "五、",
    "六、",
    "七、",
];

/// One non-empty line of the source, trimmed.
#[derive(Clone, Debug)]
pub(crate) struct Line {
    /// 1-based line number in the source.
    pub no: usize,
    /// Byte range of the trimmed text in the source.
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// The lines of the text, trimmed, blank ones and page numbers removed;
/// the page numbers apart.
fn lines(text: &str) -> (Vec<Line>, Vec<Line>) {
    let (all, lone) = pages::lines(text);
    let (_, rough) = chunks(&all);
    let pages = pages::page_numbers(&all, &lone, &rough);
    let mut kept = Vec::new();
    let mut removed = Vec::new();
    for (i, line) in all.into_iter().enumerate() {
        if pages.contains(&i) {
            removed.push(line);
        } else {
            kept.push(line);
        }
    }
    (kept, removed)
}

/// A project's lines: the heading, the narrative and the form.
struct Chunk {
    heading: Option<usize>,
    /// Index of the form title line, if the form was found.
    form: Option<usize>,
    end: usize,
}

fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

pub(crate) fn is_heading(text: &str) -> bool {
    compact(text).starts_with("项目经费情况说明")
}

/// `财政项目支出绩效目标申报表` (or `项目支出绩效目标申报表`), without the year
/// that the department's own title carries.
fn is_form_title(text: &str) -> bool {
    let t = compact(text);
    t.ends_with("项目支出绩效目标申报表")
        && t.chars().count() <= 16
        && !t.chars().any(|c| c.is_ascii_digit())
}

/// The year of the forms, `（2025 年度）`, when the header gives none.
fn form_year(lines: &[Line]) -> Option<i32> {
    lines
        .iter()
        .find_map(|l| year_line(&l.text).filter(|(_, rest)| rest.is_empty()))
        .map(|(y, _)| y)
}

/// A line that starts with the form's year, `（2025 年度）`: the year and
/// the text after it (empty on the year's own line; an extractor that runs
/// cells together puts the form's first cells there).
pub(crate) fn year_line(text: &str) -> Option<(i32, &str)> {
    let close = text.find(['）', ')'])?;
    let inner = compact(text.get(..close)?);
    let year = inner
        .strip_prefix(['（', '('])?
        .strip_suffix("年度")?
        .parse()
        .ok()
        .filter(|y| (1900..=2200).contains(y))?;
    let rest = text.get(close..)?;
    let rest = rest.get(rest.chars().next()?.len_utf8()..)?.trim();
    Some((year, rest))
}

/// Split the lines into the header and the projects.
fn chunks(lines: &[Line]) -> (usize, Vec<Chunk>) {
    let mut chunks: Vec<Chunk> = Vec::new();
    let mut header_end = lines.len();
    for (i, line) in lines.iter().enumerate() {
        let heading = is_heading(&line.text);
        let title = is_form_title(&line.text);
        if !heading && !title {
            continue;
        }
        let start_new = heading || chunks.last().is_none_or(|c| c.form.is_some());
        if start_new {
            if let Some(last) = chunks.last_mut() {
                last.end = i;
            }
            if chunks.is_empty() {
                header_end = i;
            }
            chunks.push(Chunk {
                heading: heading.then_some(i),
                form: (!heading).then_some(i),
                end: lines.len(),
            });
        } else if let Some(last) = chunks.last_mut() {
            last.form = Some(i);
        }
    }
    (header_end, chunks)
}

/// Read the whole text. `None` when nothing like a 申报表 is in it.
pub(crate) fn import(
    file: FileId,
    source_name: Option<&str>,
    text: &str,
) -> (Option<Draft>, Vec<Diagnostic>) {
    let mut sink = Sink::new(file);
    let (lines, pages) = lines(text);
    let (header_end, chunks) = chunks(&lines);
    if chunks.is_empty() {
        sink.push(
            Diagnostic::new(
                &codes::IMPORT_NOTHING,
                "文本中既没有“项目经费情况说明”，也没有“财政项目支出绩效目标申报表”，认不出申报表",
            )
            .label(sink.span(0, text.len().min(1)), "")
            .help("导入的应是申报表 PDF 的全部文本（每个项目的经费情况说明和申报表）"),
        );
        return (None, sink.diagnostics);
    }
    if !layout::recognizes(text) {
        let title = chunks.first().and_then(|c| c.heading.or(c.form));
        let d = layout::refuse(&mut sink, &lines, title.unwrap_or(0));
        return (None, vec![d]);
    }
    let full = narrative::full_width(&lines, &chunks_ranges(&chunks, &lines));
    let mut projects: Vec<DraftProject> = Vec::new();
    let mut narrative_ends: Vec<Vec<usize>> = Vec::new();
    for (n, chunk) in chunks.iter().enumerate() {
        let mut project = DraftProject::default();
        let mut ends = Vec::new();
        let narrative_end = chunk.form.unwrap_or(chunk.end);
        let heading_name = match chunk.heading {
            Some(h) => {
                let (name, body_start) = narrative::heading_name(&lines, h, narrative_end);
                let body = lines.get(body_start..narrative_end).unwrap_or(&[]);
                ends = narrative::read(&mut sink, &mut project, body, full);
                name
            }
            None => None,
        };
        match chunk.form {
            Some(f) => {
                let form_lines = lines.get(f + 1..chunk.end).unwrap_or(&[]);
                form::read(&mut sink, &mut project, form_lines, lines.get(f));
            }
            None => {
                let at = lines.get(narrative_end.saturating_sub(1)).or(lines.last());
                let label = heading_name
                    .clone()
                    .unwrap_or_else(|| format!("第 {} 个项目", n + 1));
                let mut d = Diagnostic::new(
                    &codes::IMPORT_TRUNCATED,
                    format!("项目“{label}”只有经费情况说明，后面没有申报表；文本可能被截断"),
                )
                .help("检查导出的文本是否完整；缺少的申报表内容请补写或重新导出");
                if let Some(at) = at {
                    d = d.label(sink.span(at.start, at.end), "说明到此结束");
                }
                sink.push(d);
                project
                    .indicator_comments
                    .push("原文在此结束：没有找到本项目的申报表（性质、资金、目标、指标）".into());
            }
        }
        name_project(&mut sink, &mut project, heading_name, &lines, chunk, n);
        projects.push(project);
        narrative_ends.push(ends);
    }
    let mut draft = Draft::default();
    if let Some(f) = source_name {
        draft.comments.push(format!(
            "来源：申报表 PDF 的文本（{f}），由 jixiao import 导入。"
        ));
    }
    header::read(
        &mut sink,
        &mut draft,
        lines.get(..header_end).unwrap_or(&[]),
        &projects,
    );
    if draft.year.is_none() {
        draft.year = form_year(&lines);
    }
    repeats::compare(&mut sink, &mut projects, draft.year, &lines, &chunks);
    let places = Places {
        lines: &lines,
        chunks: &chunks,
        narrative_ends: &narrative_ends,
    };
    place_page_numbers(&mut sink, &mut projects, &mut draft, &pages, &places);
    draft.projects = projects;
    if layout::stopped(&sink) {
        // Nothing is written: the error says where the layout stopped.
        sink.diagnostics
            .retain(|d| d.code == codes::IMPORT_LAYOUT_UNKNOWN.code);
        sink.diagnostics.truncate(1);
        return (None, sink.diagnostics);
    }
    crate::diagnostic::sort(&mut sink.diagnostics);
    (Some(draft), sink.diagnostics)
}

fn chunks_ranges(chunks: &[Chunk], lines: &[Line]) -> Vec<(usize, usize)> {
    chunks
        .iter()
        .filter_map(|c| Some((c.heading?, c.form.unwrap_or(c.end).min(lines.len()))))
        .collect()
}

/// The project's name: the form's 项目名称, else the heading's.
fn name_project(
    sink: &mut Sink,
    project: &mut DraftProject,
    heading: Option<String>,
    lines: &[Line],
    chunk: &Chunk,
    n: usize,
) {
    let form_name = std::mem::take(&mut project.name);
    let at = chunk.heading.or(chunk.form).and_then(|i| lines.get(i));
    let span = at.map(|l| sink.span(l.start, l.end));
    project.name = match (form_name.is_empty(), heading) {
        (false, Some(h)) if compact(&h) != compact(&form_name) => {
            project.comments.push(format!(
                "经费情况说明的标题作“{h}”，申报表的项目名称作“{form_name}”；此处用申报表的名称"
            ));
            let mut d = Diagnostic::new(
                &codes::IMPORT_UNPLACED,
                format!("项目名称两处不一致：说明作“{h}”，申报表作“{form_name}”；已用申报表的名称，另一处写成注释"),
            );
            if let Some(s) = span {
                d = d.label(s, "");
            }
            sink.push(d);
            form_name
        }
        (false, _) => form_name,
        (true, Some(h)) => h,
        (true, None) => {
            let name = format!("第 {} 个项目（名称未找到）", n + 1);
            project.comments.push("原文中找不到本项目的名称".into());
            name
        }
    };
}

/// Lone page numbers: removed, and said so next to where they were.
struct Places<'a> {
    lines: &'a [Line],
    chunks: &'a [Chunk],
    narrative_ends: &'a [Vec<usize>],
}

fn place_page_numbers(
    sink: &mut Sink,
    projects: &mut [DraftProject],
    draft: &mut Draft,
    pages: &[Line],
    places: &Places,
) {
    let (lines, chunks) = (places.lines, places.chunks);
    for page in pages {
        let comment = format!("原文此处夹有页码“{}”，已删去。", page.text);
        sink.push(
            Diagnostic::new(
                &codes::IMPORT_ARTIFACT,
                format!("第 {} 行的“{}”是 PDF 的页码，已删去", page.no, page.text),
            )
            .label(sink.span(page.start, page.end), "页码"),
        );
        // The chunk the page number falls in, by line number.
        let chunk = chunks.iter().rposition(|c| {
            let first = c.heading.or(c.form).and_then(|i| lines.get(i));
            first.is_some_and(|l| l.no < page.no)
        });
        let Some((project, ends)) =
            chunk.and_then(|i| Some((projects.get_mut(i)?, places.narrative_ends.get(i)?)))
        else {
            draft.comments.push(comment);
            continue;
        };
        // Attach to the narrative entry whose lines surround it, if any.
        let placed = narrative::attach_at(project, ends, page.no, comment.clone());
        if !placed {
            project.comments.push(comment);
        }
    }
}

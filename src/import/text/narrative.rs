//! 项目经费情况说明: the numbered sections (一、项目概述 … 七、绩效目标) and
//! the rule that joins PDF-wrapped lines back into paragraphs.
//!
//! The PDF wraps every paragraph at a fixed width, indenting its first line
//! by two characters. A line clearly shorter than the wrap width ends a
//! paragraph; 预算安排 is a list, one paragraph per line.

use super::{compact, Line};
use crate::diagnostic::{codes, Diagnostic};
use crate::import::draft::{DraftProject, Entry};
use crate::import::Sink;
use crate::vocab::NarrativeKey;
use unicode_width::UnicodeWidthStr;

/// Section titles and their keywords: each section's title on the form,
/// then its keyword (longest first).
pub(super) fn sections() -> impl Iterator<Item = (&'static str, &'static str)> {
    NarrativeKey::ALL
        .iter()
        .flat_map(|k| [(k.title(), k.word()), (k.word(), k.word())])
}

/// A section title line: `四、实施方案` (with text after it, if any).
pub(crate) fn section(text: &str) -> Option<(&'static str, String)> {
    let t = compact(text);
    let numbered = t.trim_start_matches(|c: char| "一二三四五六七八九十0123456789".contains(c));
    let had_number = numbered.len() != t.len();
    let rest = numbered.trim_start_matches(['、', '.', '．', '，']);
    if had_number && rest.len() == numbered.len() {
        return None;
    }
    for (title, key) in sections() {
        if let Some(after) = rest.strip_prefix(title) {
            if !had_number && !after.is_empty() {
                return None;
            }
            let after = after.trim_start_matches(['：', ':']);
            return Some((key, after.to_string()));
        }
    }
    None
}

/// The project name in a `项目经费情况说明 N 名称` heading, with any wrapped
/// continuation, and the index of the first line after it.
pub(super) fn heading_name(lines: &[Line], h: usize, end: usize) -> (Option<String>, usize) {
    let Some(line) = lines.get(h) else {
        return (None, h + 1);
    };
    let text = &line.text;
    let after = text
        .find("说明")
        .and_then(|i| text.get(i + "说明".len()..))
        .unwrap_or("");
    let mut name = after
        .trim_start_matches(|c: char| {
            c.is_whitespace() || c.is_ascii_digit() || "：:、.．".contains(c)
        })
        .trim()
        .to_string();
    // The name wraps onto at most two lines, which the first section title
    // follows directly; otherwise nothing after the heading is its name.
    let title_at = (h + 1..end.min(h + 4)).find(|&i| {
        lines
            .get(i)
            .is_some_and(|l| section(&l.text).is_some() || super::is_heading(&l.text))
    });
    let next = title_at.unwrap_or(h + 1);
    for l in lines.get(h + 1..next).unwrap_or(&[]) {
        name.push_str(&l.text);
    }
    ((!name.is_empty()).then_some(name), next)
}

/// The wrap width of the narrative: the 90th percentile of the widths of
/// prose lines (not 预算安排, 实施主体 or 实施周期).
pub(super) fn full_width(lines: &[Line], ranges: &[(usize, usize)]) -> usize {
    let mut widths = Vec::new();
    for &(start, end) in ranges {
        let mut key = None;
        for l in lines.get(start + 1..end).unwrap_or(&[]) {
            if let Some((k, _)) = section(&l.text) {
                key = Some(k);
                continue;
            }
            let section = key.and_then(NarrativeKey::from_word);
            let prose = [
                NarrativeKey::Overview,
                NarrativeKey::Basis,
                NarrativeKey::Plan,
            ];
            if section.is_some_and(|k| prose.contains(&k)) {
                widths.push(l.text.width());
            }
        }
    }
    if widths.len() < 10 {
        return 60;
    }
    widths.sort_unstable();
    let at = (widths.len() * 9 / 10).min(widths.len() - 1);
    widths.get(at).copied().unwrap_or(60)
}

/// Join wrapped lines into paragraphs (separated by `\n`).
fn paragraphs(lines: &[&Line], full: usize, list: bool) -> String {
    let mut paras: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut first = true;
    for line in lines {
        let t = line.text.as_str();
        let glue = current
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_alphanumeric())
            && t.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
        if glue {
            current.push(' ');
        }
        current.push_str(t);
        let w = t.width();
        let short_by = if list {
            4
        } else if first {
            12
        } else {
            8
        };
        if w + short_by < full {
            paras.push(std::mem::take(&mut current));
            first = true;
        } else {
            first = false;
        }
    }
    if !current.is_empty() {
        paras.push(current);
    }
    paras.join("\n")
}

/// Read the sections into `project.narrative`. Returns, for each entry, the
/// last source line number it covers (to place page-number comments).
pub(super) fn read(
    sink: &mut Sink,
    project: &mut DraftProject,
    body: &[Line],
    full: usize,
) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut current: Option<(&'static str, Vec<&Line>, &Line)> = None;
    let mut stray: Vec<&Line> = Vec::new();
    let mut seen: Vec<&'static str> = Vec::new();
    let mut sections: Vec<(&'static str, Vec<&Line>, &Line)> = Vec::new();
    for line in body {
        if let Some((key, _)) = section(&line.text) {
            if let Some(done) = current.take() {
                sections.push(done);
            }
            current = Some((key, Vec::new(), line));
            continue;
        }
        match current.as_mut() {
            Some((_, content, _)) => content.push(line),
            None => stray.push(line),
        }
    }
    if let Some(done) = current.take() {
        sections.push(done);
    }
    for line in stray {
        unplaced(sink, &mut project.comments, line, "经费情况说明");
    }
    for (key, content, title) in sections {
        let inline = section(&title.text)
            .map(|(_, rest)| rest)
            .unwrap_or_default();
        let last_no = content.last().map(|l| l.no).unwrap_or(title.no);
        let mut text = paragraphs(&content, full, key == NarrativeKey::Budget.word());
        if !inline.is_empty() {
            text = if text.is_empty() {
                inline
            } else {
                format!("{inline}{text}")
            };
        }
        if key == "绩效目标" {
            // “见财政项目支出绩效目标申报表。” points at the form that follows.
            let t = compact(&text);
            if t.is_empty() || (t.starts_with('见') && t.contains("申报表")) {
                continue;
            }
        }
        if seen.contains(&key) {
            let mut comments = Vec::new();
            for l in &content {
                unplaced(sink, &mut comments, l, "重复的说明栏目");
            }
            project.narrative.push(Entry {
                comments,
                value: None,
            });
            ends.push(last_no);
            continue;
        }
        seen.push(key);
        if text.is_empty() {
            project
                .narrative
                .push(Entry::comment(format!("原文“{}”一栏为空", title.text)));
            sink.push(
                Diagnostic::new(
                    &codes::IMPORT_BLANK_CELL,
                    format!("“{}”一栏为空，已略去", title.text),
                )
                .label(sink.span(title.start, title.end), ""),
            );
        } else {
            project.narrative.push(Entry::new((key.to_string(), text)));
        }
        ends.push(last_no);
    }
    ends
}

/// A source line that has no place: a comment, and a warning.
pub(super) fn unplaced(sink: &mut Sink, comments: &mut Vec<String>, line: &Line, place: &str) {
    comments.push(format!("未能归位（原文第 {} 行）：{}", line.no, line.text));
    sink.push(
        Diagnostic::new(
            &codes::IMPORT_UNPLACED,
            format!(
                "{place}中有一行放不进任何栏目：“{}”；已作为注释写入",
                line.text
            ),
        )
        .label(sink.span(line.start, line.end), "这一行")
        .help("检查输出中的注释，把内容移到合适的字段里"),
    );
}

/// Put a comment above the narrative entry that covers source line `no`.
pub(super) fn attach_at(
    project: &mut DraftProject,
    ends: &[usize],
    no: usize,
    comment: String,
) -> bool {
    let at = ends.iter().position(|&end| end > no);
    match at.and_then(|i| project.narrative.get_mut(i)) {
        Some(entry) => {
            entry.comments.push(comment);
            true
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(t: &str) -> Line {
        Line {
            no: 1,
            start: 0,
            end: 0,
            text: t.into(),
        }
    }

    #[test]
    fn section_titles() {
        assert_eq!(section("一、项目概述").map(|s| s.0), Some("概述"));
        assert_eq!(section("六、年度预算安排").map(|s| s.0), Some("预算安排"));
        assert_eq!(
            section("三、实施主体：本单位").map(|s| s.1),
            Some("本单位".into())
        );
        assert_eq!(section("概述了项目的情况"), None);
        assert_eq!(section("见财政项目支出绩效目标申报表。"), None);
    }

    #[test]
    fn short_lines_end_paragraphs() {
        let ls = [
            line("《中华人民共和国网络安全法》等法律法规明确要求，对网络信"),
            line("通知。"),
            line("第二段"),
        ];
        let refs: Vec<&Line> = ls.iter().collect();
        assert_eq!(
            paragraphs(&refs, 60, false),
            "《中华人民共和国网络安全法》等法律法规明确要求，对网络信通知。\n第二段"
        );
        let budget = [line("按月支付。"), line("全年预算数为 310,581.00 元")];
        let refs: Vec<&Line> = budget.iter().collect();
        assert_eq!(
            paragraphs(&refs, 60, true),
            "按月支付。\n全年预算数为 310,581.00 元"
        );
        assert_eq!(
            paragraphs(&refs, 60, false),
            "按月支付。\n全年预算数为 310,581.00 元"
        );
    }
}

//! The source's lines, and the lone numbers among them that are PDF page
//! numbers. A number alone on its line (`6`, `15`) is a page number only
//! where a page can break and the text around it says so; anywhere else —
//! above all inside the indicator table and the funds grid, where a target,
//! a weight or an amount often sits in a cell of its own — it is a value
//! (issue 18: a target `2` was deleted as a page number and its indicator
//! lost).

use super::{compact, is_form_title, is_heading, Chunk, Line};

/// A number alone on its line, with what the text around it shows.
#[derive(Clone, Debug)]
pub(super) struct Lone {
    /// Index in the list of non-blank lines.
    pub index: usize,
    pub value: u32,
    /// Blank lines just before and just after it.
    pub blank_before: usize,
    pub blank_after: usize,
    /// A form feed next to it (the extractor's page break).
    pub form_feed: bool,
}

/// The non-blank lines of the text, trimmed, and the lone numbers among
/// them (1–3 digits, not starting with 0: page numbers start at 1).
pub(super) fn lines(text: &str) -> (Vec<Line>, Vec<Lone>) {
    let mut kept: Vec<Line> = Vec::new();
    let mut lone: Vec<Lone> = Vec::new();
    let mut offset = 0;
    let mut blanks = 0;
    let mut feed_since = false;
    for (i, raw) in text.split('\n').enumerate() {
        let has_feed = raw.contains('\u{C}');
        let trimmed = raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
        if trimmed.is_empty() {
            blanks += 1;
            feed_since |= has_feed;
        } else {
            if let Some(last) = lone.last_mut().filter(|l| l.index + 1 == kept.len()) {
                last.blank_after = blanks;
                last.form_feed |= feed_since || has_feed;
            }
            let lead = raw.find(trimmed).unwrap_or(0);
            let is_number = trimmed.len() <= 3
                && trimmed.chars().all(|c| c.is_ascii_digit())
                && !trimmed.starts_with('0');
            if let Some(value) = is_number.then(|| trimmed.parse().ok()).flatten() {
                lone.push(Lone {
                    index: kept.len(),
                    value,
                    blank_before: blanks,
                    blank_after: 0,
                    form_feed: feed_since || has_feed,
                });
            }
            kept.push(Line {
                no: i + 1,
                start: offset + lead,
                end: offset + lead + trimmed.len(),
                // Tabs and no-break spaces separate cells like spaces do.
                text: trimmed.replace(['\t', '\u{A0}'], " "),
            });
            blanks = 0;
            feed_since = false;
        }
        offset += raw.len() + 1;
    }
    if let Some(last) = lone.last_mut().filter(|l| l.index + 1 == kept.len()) {
        last.blank_after = blanks;
        last.form_feed |= feed_since;
    }
    (kept, lone)
}

/// The lone numbers that are page numbers, by index in `lines`. `chunks`
/// are the projects found with every line kept (a number never starts a
/// project, so they are where they will be once the pages are removed).
///
/// Evidence of a page break: a wider gap than between paragraphs (two
/// blank lines or more), a form feed, the next page's repeated header
/// (the table header, a form title, a project heading), or being the next
/// number of the pages already found. In the narrative one piece of
/// evidence is enough. In a form (fields, funds, goals, indicator table)
/// a lone number is a value unless the form feed or the repeated header
/// *and* the gap or the sequence say it is a page.
pub(super) fn page_numbers(lines: &[Line], lone: &[Lone], chunks: &[Chunk]) -> Vec<usize> {
    let mut pages: Vec<usize> = Vec::new();
    let mut last_page: Option<u32> = None;
    for n in lone {
        let in_form = chunks
            .iter()
            .any(|c| c.form.is_some_and(|f| f < n.index) && n.index < c.end);
        let gap = n.blank_before >= 2 || n.blank_after >= 2;
        let in_sequence = last_page.is_some_and(|p| n.value == p + 1);
        let header_next = lines
            .get(n.index + 1)
            .is_some_and(|l| starts_a_page(&l.text));
        let page = if in_form {
            (n.form_feed || header_next) && (gap || in_sequence)
        } else {
            gap || in_sequence || n.form_feed || header_next
        };
        if page {
            pages.push(n.index);
            last_page = Some(n.value);
        }
    }
    pages
}

/// What a new page repeats at its top, or starts with.
fn starts_a_page(text: &str) -> bool {
    let t = compact(text);
    matches!(t.as_str(), "一级" | "一级指标")
        || t.contains("三级指标")
        || is_form_title(text)
        || is_heading(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pages_of(text: &str, chunks: &[Chunk]) -> Vec<String> {
        let (lines, lone) = lines(text);
        page_numbers(&lines, &lone, chunks)
            .iter()
            .filter_map(|&i| lines.get(i).map(|l| l.text.clone()))
            .collect()
    }

    #[test]
    fn evidence_in_the_narrative() {
        // After a gap of blank lines: a page number.
        assert_eq!(pages_of("甲\n\n\n\n6\n\n乙\n", &[]), ["6"]);
        // One blank line on each side and nothing else: text.
        assert!(pages_of("甲\n\n6\n\n乙\n", &[]).is_empty());
        // The next page number after one found: a page number.
        assert_eq!(pages_of("甲\n\n\n6\n\n乙\n\n7\n\n丙", &[]), ["6", "7"]);
        // A form feed.
        assert_eq!(pages_of("甲\n\u{C}12\n乙", &[]), ["12"]);
    }

    #[test]
    fn a_number_in_a_form_is_a_value() {
        let text =
            "财政项目支出绩效目标申报表\n数量指标 发放人数\n\n\n2\n\n质量指标 发放质量 准确到位\n";
        let form = [Chunk {
            heading: None,
            form: Some(0),
            end: 10,
        }];
        // Even after a gap: no repeated header follows.
        assert!(pages_of(text, &form).is_empty());
        // A gap and the repeated header of the table: a page number.
        let text = "财政项目支出绩效目标申报表\n数量指标 发放人数 2\n\n\n7\n\n一级\n指标\n";
        assert_eq!(pages_of(text, &form), ["7"]);
    }
}

//! What the seed layout prints more than once and the reader keeps once:
//! each project's number in its heading (`项目经费情况说明 3`), and the year
//! under each form's title (`（2025 年度）`). They are compared with what is
//! kept — the project's place in the text, the department's year — and a
//! difference is a comment and a warning, never silently dropped.

use super::{compact, year_line, Chunk, Line};
use crate::diagnostic::{codes, Diagnostic};
use crate::import::draft::DraftProject;
use crate::import::Sink;

/// The number of a `项目经费情况说明 N 名称` heading.
fn heading_number(text: &str) -> Option<u32> {
    let t = compact(text);
    let after = t.get(t.find("说明")? + "说明".len()..)?;
    let digits: String = after.chars().take_while(|c| c.is_ascii_digit()).collect();
    digits.parse().ok()
}

/// Each heading's number against the project's place; each form's year
/// against the department's.
pub(super) fn compare(
    sink: &mut Sink,
    projects: &mut [DraftProject],
    year: Option<i32>,
    lines: &[Line],
    chunks: &[Chunk],
) {
    for (n, (chunk, project)) in chunks.iter().zip(projects.iter_mut()).enumerate() {
        let heading = chunk.heading.and_then(|h| lines.get(h));
        if let Some(line) = heading {
            let number = heading_number(&line.text);
            if let Some(k) = number.filter(|&k| usize::try_from(k).ok() != Some(n + 1)) {
                let what = format!(
                    "“项目经费情况说明”的编号是 {k}，而这是文本中的第 {} 个项目",
                    n + 1
                );
                warn(sink, project, line, what);
            }
        }
        let form_year = chunk.form.and_then(|f| lines.get(f + 1));
        if let (Some(line), Some(year)) = (form_year, year) {
            if let Some((y, _)) = year_line(&line.text).filter(|(y, _)| *y != year) {
                let what = format!("申报表标题下的年度是 {y} 年度，与部门的 {year} 年不同");
                warn(sink, project, line, what);
            }
        }
    }
}

fn warn(sink: &mut Sink, project: &mut DraftProject, line: &Line, what: String) {
    project
        .comments
        .push(format!("原文第 {} 行：{what}", line.no));
    sink.push(
        Diagnostic::new(
            &codes::IMPORT_UNPLACED,
            format!("{what}；原文已作为注释写入"),
        )
        .label(sink.span(line.start, line.end), "")
        .help("核对原文：项目是否缺页或重复，年度是否写错"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_numbers() {
        assert_eq!(heading_number("项目经费情况说明 12 课题调研"), Some(12));
        assert_eq!(heading_number("项目经费情况说明"), None);
    }
}

//! Whether a text has the seed's layout, and the `JX-I017 版式无法识别`
//! error where it does not: the seed reader refuses what is not its layout
//! rather than writing garbage (issue 18: forms of other layouts with the
//! title line `财政项目支出绩效目标申报表` were “imported” with whole table rows
//! as indicator names and `|` as targets).

use super::{compact, is_form_title, is_heading, Line};
use crate::diagnostic::{codes, Diagnostic};
use crate::import::Sink;

/// The seed's own labels on its form, besides the title: the money row
/// `项目资金（元）` and the two goal columns side by side. No other layout of
/// the corpus (tests/corpus/import/) has 项目总目标 (the 自评表 print
/// 年度总体目标 alone).
const FORM_MARKS: [&str; 3] = ["项目资金", "项目总目标", "年度总体目标"];

/// True when the text has the seed layout's markers: a `项目经费情况说明`
/// heading, or a form title together with all of [`FORM_MARKS`]. Labels are
/// matched with white space removed (the PDF breaks them across lines).
pub(crate) fn recognizes(text: &str) -> bool {
    let lines: Vec<&str> = text.lines().collect();
    if lines.iter().any(|l| is_heading(l)) {
        return true;
    }
    let all = compact(text);
    lines.iter().any(|l| is_form_title(l)) && FORM_MARKS.iter().all(|m| all.contains(m))
}

/// The whole text refused: it has the title (so it is no stray text) but
/// not the seed's layout. Recognition stops at the line after the first
/// title (where the seed's form has its year or 项目名称).
pub(super) fn refuse(sink: &mut Sink, lines: &[Line], title: usize) -> Diagnostic {
    let at = lines.get(title + 1).or(lines.get(title));
    let missing =
        "没有“项目经费情况说明”，也没有这种申报表的“项目资金”“项目总目标”“年度总体目标”栏目";
    let mut d = match at {
        Some(l) => Diagnostic::new(
            &codes::IMPORT_LAYOUT_UNKNOWN,
            format!(
                "第 {} 行“{}”起认不出申报表的版式：{missing}",
                l.no,
                excerpt(&l.text)
            ),
        )
        .label(sink.span(l.start, l.end), "从这里起认不出"),
        None => Diagnostic::new(
            &codes::IMPORT_LAYOUT_UNKNOWN,
            format!("认不出申报表的版式：{missing}"),
        ),
    };
    d = d.help(HELP);
    d
}

/// The seed reader stops at `line`: pushes the JX-I017 error naming it.
pub(super) fn stop(sink: &mut Sink, line: &Line, what: &str, why: &str) {
    let d = Diagnostic::new(
        &codes::IMPORT_LAYOUT_UNKNOWN,
        format!(
            "第 {} 行“{}”起认不出{what}的版式：{why}",
            line.no,
            excerpt(&line.text)
        ),
    )
    .label(sink.span(line.start, line.end), "从这里起认不出")
    .help(HELP);
    sink.push(d);
}

/// Whether the reader has stopped.
pub(super) fn stopped(sink: &Sink) -> bool {
    sink.diagnostics
        .iter()
        .any(|d| d.code == codes::IMPORT_LAYOUT_UNKNOWN.code)
}

const HELP: &str = "PDF 文本只认松江示例那样的申报表（每个项目一份“项目经费情况说明”和一张申报表，见 docs/import.md）；\
其他版式请导出为 Excel 工作簿（.xlsx）再导入，或手工整理成这种版式";

/// A long line cut for a message.
pub(super) fn excerpt(text: &str) -> String {
    let mut out: String = text.chars().take(40).collect();
    if text.chars().count() > 40 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// True for the seed, false for every other form of the corpus, with or
    /// without the seed's title line added.
    #[test]
    fn the_seed_and_no_other_corpus_form() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/import");
        let mut seen = 0;
        for dir in std::fs::read_dir(&root).into_iter().flatten().flatten() {
            let seed = dir.file_name() == "shanghai-songjiang-npc-2025";
            for file in std::fs::read_dir(dir.path())
                .into_iter()
                .flatten()
                .flatten()
            {
                let path = file.path();
                if path.extension().is_none_or(|e| e != "txt") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                let titled = format!("财政项目支出绩效目标申报表\n{text}");
                assert_eq!(recognizes(&text), seed, "{}", path.display());
                assert_eq!(recognizes(&titled), seed, "{}", path.display());
                seen += 1;
            }
        }
        assert!(seen >= 26, "{seen}");
    }
}

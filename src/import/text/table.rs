//! The indicator table: 一级指标 / 二级指标 / 三级指标 / 指标值. The 一级
//! labels are broken into fragments on lines of their own (“满意”, “度指”,
//! “标”), sometimes after the rows they label; names wrap onto following
//! lines; targets are inline (`≥1.00(次)`) or words (`及时`).

use super::narrative::unplaced;
use super::{compact, Line};
use crate::diagnostic::{codes, Diagnostic};
use crate::import::draft::{DraftIndicator, DraftProject, DraftTarget, Entry};
use crate::import::target::{parse_inline, take_comparator, InlineProblem};
use crate::import::Sink;
use unicode_width::UnicodeWidthStr;

/// The standard first-level indicators.
pub(crate) const LEVEL1: [&str; 4] = ["成本指标", "产出指标", "效益指标", "满意度指标"];

/// The standard second-level indicators.
pub(crate) const LEVEL2: [&str; 11] = [
    "经济成本指标",
    "社会成本指标",
    "生态环境成本指标",
    "数量指标",
    "质量指标",
    "时效指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
    "服务对象满意度指标",
];

/// A name line at least this wide (display columns) fills the name column,
/// so the next line continues the name rather than giving the target.
const NAME_COLUMN_FULL: usize = 16;

#[derive(Default)]
struct State<'a> {
    level1: Option<String>,
    l1_acc: String,
    level2: Option<String>,
    l2_acc: Option<(String, &'a Line)>,
    /// Name fragments (one per line) of a row whose target has not come yet.
    pending: Vec<(String, &'a Line)>,
    label_at: usize,
}

pub(super) fn read(sink: &mut Sink, project: &mut DraftProject, lines: &[Line]) {
    let mut st = State::default();
    let label: Vec<char> = "绩效指标".chars().collect();
    let mut after_repeat = false;
    for line in lines {
        let t = compact(&line.text);
        // A header repeated where the table continues on a new page.
        if t.contains("三级指标") || t == "一级" || t == "一级指标" || (after_repeat && t == "指标")
        {
            after_repeat = t == "一级";
            if t.contains("三级指标") {
                st.label_at = 0;
            }
            continue;
        }
        after_repeat = false;
        // The vertical 绩效指标 label at the left of the table.
        let n = t.chars().count();
        let next: String = label.iter().skip(st.label_at).take(n).collect();
        if n <= 2 && st.label_at < label.len() && t == next {
            st.label_at += n;
            continue;
        }
        // Fragments of a first-level label.
        let cand = format!("{}{}", st.l1_acc, t);
        let starts = LEVEL1.iter().filter(|l| l.starts_with(&cand)).count();
        let fragment_ok =
            !st.l1_acc.is_empty() || LEVEL1.contains(&cand.as_str()) || (2..=3).contains(&n);
        if starts > 0 && fragment_ok && st.l2_acc.is_none() {
            if let Some(l1) = LEVEL1
                .iter()
                .find(|l| l.starts_with(&cand))
                .filter(|_| starts == 1)
            {
                if st.level1.as_deref() != Some(l1) {
                    flush(sink, project, &mut st);
                    st.level1 = Some(l1.to_string());
                    st.level2 = None;
                }
            }
            st.l1_acc = if LEVEL1.contains(&cand.as_str()) {
                String::new()
            } else {
                cand
            };
            continue;
        }
        row_line(sink, project, &mut st, line);
        if super::layout::stopped(sink) {
            return;
        }
    }
    if let Some((acc, l)) = st.l2_acc.take() {
        st.pending.push((acc, l));
    }
    flush(sink, project, &mut st);
}

fn row_line<'a>(sink: &mut Sink, project: &mut DraftProject, st: &mut State<'a>, line: &'a Line) {
    let mut pieces: Vec<String> = line
        .text
        .split(' ')
        .filter(|p| !p.is_empty())
        .map(String::from)
        .collect();
    if pieces.iter().any(|p| p.contains(['|', '｜'])) {
        let why = "单元格用“|”隔开，不是这种申报表的指标行";
        super::layout::stop(sink, line, "指标表", why);
        return;
    }
    // A first-level label written on the row's line, before its cells.
    if let Some(l1) = pieces
        .first()
        .filter(|p| pieces.len() >= 2 && LEVEL1.contains(&p.as_str()))
        .cloned()
    {
        pieces.remove(0);
        if st.level1.as_deref() != Some(l1.as_str()) {
            if let Some(acc) = st.l2_acc.take() {
                st.pending.push(acc);
            }
            flush(sink, project, st);
            st.level1 = Some(l1);
            st.level2 = None;
        }
    }
    // A second-level label broken over lines (“服务对象满意度指” + “标”).
    if let Some((acc, acc_line)) = st.l2_acc.take() {
        let first = pieces.first().cloned().unwrap_or_default();
        let cand = format!("{acc}{first}");
        if LEVEL2.contains(&cand.as_str()) {
            set_level2(sink, project, st, cand);
            pieces.remove(0);
        } else if pieces.len() == 1 && LEVEL2.iter().any(|l| l.starts_with(&cand)) {
            st.l2_acc = Some((cand, acc_line));
            return;
        } else {
            st.pending.push((acc, acc_line));
        }
    }
    if let Some(first) = pieces.first() {
        let known = LEVEL2.contains(&first.as_str());
        let generic =
            first.ends_with("指标") && first.chars().count() >= 4 && st.pending.is_empty();
        if known || generic {
            let l2 = pieces.remove(0);
            set_level2(sink, project, st, l2);
        } else if pieces.len() == 1
            && st.pending.is_empty()
            && first.chars().count() >= 2
            && LEVEL2
                .iter()
                .any(|l| l.starts_with(first.as_str()) && l != first)
        {
            st.l2_acc = Some((first.clone(), line));
            return;
        }
    }
    // A comparator written apart from its number: “≥ 95.00(%)”.
    let mut merged: Vec<String> = Vec::new();
    for p in pieces {
        let lone_cmp = merged
            .last()
            .is_some_and(|l: &String| take_comparator(l).is_some_and(|(_, r)| r.is_empty()));
        match merged.last_mut() {
            Some(last) if lone_cmp => last.push_str(&p),
            _ => merged.push(p),
        }
    }
    let pieces = merged;
    let Some(last) = pieces.last() else { return };
    let quantitative = !matches!(parse_inline(last), Err(InlineProblem::NotQuantitative));
    if quantitative || pieces.len() >= 2 {
        let rest = pieces.get(..pieces.len() - 1).unwrap_or(&[]).join(" ");
        let mut name: String = st.pending.drain(..).map(|(f, _)| f).collect();
        name.push_str(&rest);
        emit(sink, project, st, name, last, line, false);
        return;
    }
    // One piece: the name continues, or this is a word target.
    let continues = st
        .pending
        .last()
        .is_none_or(|(frag, _)| frag.width() >= NAME_COLUMN_FULL);
    if continues {
        st.pending.push((last.clone(), line));
    } else {
        let name: String = st.pending.drain(..).map(|(f, _)| f).collect();
        emit(sink, project, st, name, last, line, false);
    }
}

fn set_level2(sink: &mut Sink, project: &mut DraftProject, st: &mut State, l2: String) {
    if !st.pending.is_empty() {
        flush(sink, project, st);
    }
    st.level2 = Some(l2);
}

/// A row without its target: the last wrapped fragment was the target
/// after all (a word), or the row is incomplete.
fn flush(sink: &mut Sink, project: &mut DraftProject, st: &mut State) {
    if st.pending.is_empty() {
        return;
    }
    if st.pending.len() >= 2 {
        if let Some((word, line)) = st.pending.pop() {
            let name: String = st.pending.drain(..).map(|(f, _)| f).collect();
            emit(sink, project, st, name, &word, line, true);
            return;
        }
    }
    let mut comments = Vec::new();
    for (_, line) in st.pending.drain(..) {
        unplaced(sink, &mut comments, line, "指标表");
    }
    project.indicators.push(Entry {
        comments,
        value: None,
    });
}

fn emit(
    sink: &mut Sink,
    project: &mut DraftProject,
    st: &State,
    name: String,
    target_text: &str,
    line: &Line,
    guessed: bool,
) {
    let label = LEVEL2.iter().chain(&LEVEL1).find(|l| name.contains(*l));
    if let Some(label) = label {
        let shown = super::layout::excerpt(&name);
        let why = format!("指标名称“{shown}”中含有“{label}”，是几格连在了一起");
        super::layout::stop(sink, line, "指标表", &why);
        return;
    }
    let mut comments = Vec::new();
    if guessed {
        comments.push(format!(
            "按换行推断“{target_text}”为指标值（原文第 {} 行）",
            line.no
        ));
        sink.push(
            Diagnostic::new(
                &codes::IMPORT_GUESSED,
                format!("指标“{name}”没有单独的指标值，按换行推断“{target_text}”为指标值"),
            )
            .label(sink.span(line.start, line.end), ""),
        );
    }
    let target = match parse_inline(target_text) {
        Ok(t) => t,
        Err(InlineProblem::NotQuantitative) => DraftTarget::Qualitative(target_text.to_string()),
        Err(InlineProblem::BadUnit(unit)) => {
            comments.push(format!(
                "原文指标值为“{target_text}”，单位“{unit}”无法写入，暂作文字目标"
            ));
            sink.push(
                Diagnostic::new(
                    &codes::IMPORT_BAD_TARGET,
                    format!(
                        "指标“{name}”的指标值“{target_text}”中的单位“{unit}”认不出，暂作文字目标"
                    ),
                )
                .label(sink.span(line.start, line.end), "")
                .help("把单位改写成中文单位（如“公里”“平方米”），再写成比较式"),
            );
            DraftTarget::Qualitative(target_text.to_string())
        }
    };
    let level1 = st.level1.clone().unwrap_or_else(|| {
        comments.push("原文中找不到本指标的一级指标".into());
        "未分类指标".into()
    });
    let level2 = st.level2.clone().unwrap_or_else(|| {
        comments.push("原文中找不到本指标的二级指标".into());
        "未分类指标".into()
    });
    let name = if name.is_empty() {
        comments.push("原文中本指标没有名称".into());
        "（无名称）".into()
    } else {
        name
    };
    project.indicators.push(Entry {
        comments,
        value: Some(DraftIndicator {
            level1,
            level2,
            name,
            target,
            attributes: Default::default(),
        }),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn lines(texts: &[&str]) -> Vec<Line> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Line {
                no: i + 1,
                start: 0,
                end: 0,
                text: t.to_string(),
            })
            .collect()
    }

    fn read_table(texts: &[&str]) -> (Vec<String>, Vec<&'static str>) {
        let mut sink = Sink::new(FileId(0));
        let mut p = DraftProject::default();
        read(&mut sink, &mut p, &lines(texts));
        let rows = p
            .indicators
            .iter()
            .map(|e| match &e.value {
                Some(i) => format!("{}/{}/{}/{:?}", i.level1, i.level2, i.name, i.target),
                None => format!("注释 {:?}", e.comments),
            })
            .collect();
        (rows, sink.diagnostics.iter().map(|d| d.code).collect())
    }

    #[test]
    fn broken_labels_and_wrapped_names() {
        let (rows, codes) = read_table(&[
            "绩",
            "效",
            "指",
            "标",
            "满意",
            "度指",
            "服务对象满意度指标 参与培训代表满意度 ≥90.00(%)",
            " 标",
            "效益",
            "指标",
            "社会效益指标",
            "人大机关工作的质量和",
            "效率",
            "提高",
        ]);
        assert_eq!(
            rows,
            [
                "满意度指标/服务对象满意度指标/参与培训代表满意度/Compare { comparator: Ge, value: 90.00, unit: \"%\" }",
                "效益指标/社会效益指标/人大机关工作的质量和效率/Qualitative(\"提高\")",
            ]
        );
        assert!(codes.is_empty());
    }

    #[test]
    fn a_target_after_a_full_name_line_is_guessed() {
        let (rows, codes) = read_table(&[
            "产出",
            "指标",
            "质量指标",
            "会议材料印刷装订出错情况",
            "较少",
            "效益",
            "指标",
        ]);
        assert_eq!(
            rows,
            ["产出指标/质量指标/会议材料印刷装订出错情况/Qualitative(\"较少\")"]
        );
        assert_eq!(codes, ["JX-I014"]);
    }

    #[test]
    fn a_header_repeated_on_a_new_page_is_skipped() {
        let (rows, codes) = read_table(&[
            "产出",
            "指标",
            "数量指标 活动次数 ≥3.00(次)",
            "一级",
            "指标",
            "二级指标 三级指标 年度(/项目)指标值",
            "绩",
            "效",
            "指",
            "标",
            "质量指标 项目完成质量 高质量",
        ]);
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert!(
            rows[1].starts_with("产出指标/质量指标/项目完成质量/"),
            "{rows:?}"
        );
        assert!(codes.is_empty());
    }

    #[test]
    fn a_row_without_target_is_kept_as_comment() {
        let (rows, codes) = read_table(&["产出", "指标", "数量指标", "培训人数"]);
        assert_eq!(rows, ["注释 [\"未能归位（原文第 4 行）：培训人数\"]"]);
        assert_eq!(codes, ["JX-I006"]);
    }
}

//! 项目总目标 and 年度总体目标: two columns side by side. The extractor
//! emits their lines in some interleaving, sometimes two cells on one line
//! separated by a space, with the vertical label 项目绩效目标 mixed in.
//!
//! When both goals are the same text (the usual case), the columns are
//! recovered by splitting the pieces into two sequences whose texts are
//! equal. Otherwise the lines go into a comment for the user to divide.

use super::narrative::unplaced;
use super::{compact, Line};
use crate::diagnostic::{codes, Diagnostic};
use crate::import::draft::DraftProject;
use crate::import::Sink;

/// At most this many search steps (the search is exponential in theory).
const MAX_STEPS: usize = 100_000;

pub(super) fn read(sink: &mut Sink, project: &mut DraftProject, lines: &[Line]) {
    let label: Vec<char> = "项目绩效目标".chars().collect();
    let mut label_at = 0;
    let mut content: Vec<&Line> = Vec::new();
    for line in lines {
        let t = compact(&line.text);
        if t.contains("项目总目标") || t.contains("年度总体目标") {
            let rest = t.replace("项目总目标", "").replace("年度总体目标", "");
            if !rest.is_empty() {
                unplaced(sink, &mut project.overall_goal.comments, line, "目标表头");
            }
            continue;
        }
        let n = t.chars().count();
        let next: String = label.iter().skip(label_at).take(n).collect();
        if n <= 2 && label_at < label.len() && t == next {
            label_at += n;
            continue;
        }
        content.push(line);
    }
    if content.is_empty() {
        return;
    }
    let texts: Vec<&str> = content.iter().map(|l| l.text.as_str()).collect();
    if let Some(goal) = split_equal(&texts) {
        project.overall_goal.value = Some(goal.clone());
        project.annual_goal.value = Some(goal);
        return;
    }
    project.overall_goal.comments.push(
        "原表的项目总目标与年度总体目标不同，未能自动分开；原文各行如下，请分别填入：".into(),
    );
    for l in &content {
        project.overall_goal.comments.push(format!("  {}", l.text));
    }
    if let (Some(first), Some(last)) = (content.first(), content.last()) {
        sink.push(
            Diagnostic::new(
                &codes::IMPORT_GOALS_SPLIT,
                "项目总目标与年度总体目标是并排的两栏，文字不同，无法从文本中分开；原文已作为注释写入",
            )
            .label(sink.span(first.start, last.end), "两栏的文字")
            .help("在输出中找到这段注释，写出“总目标”和“年度目标”两行"),
        );
    }
}

/// One column being rebuilt: the text and the text without white space.
/// Lines are pushed and popped as the search goes and comes back.
#[derive(Default)]
struct Column {
    text: String,
    key: String,
}

impl Column {
    /// Push a line's pieces; returns the lengths to restore.
    fn push_line(&mut self, pieces: &[&str]) -> (usize, usize) {
        let saved = (self.text.len(), self.key.len());
        for (i, p) in pieces.iter().enumerate() {
            if i > 0 {
                self.text.push(' ');
            }
            self.text.push_str(p);
            self.key.extend(p.chars().filter(|c| !c.is_whitespace()));
        }
        saved
    }
    fn restore(&mut self, saved: (usize, usize)) {
        self.text.truncate(saved.0);
        self.key.truncate(saved.1);
    }
}

/// Split the lines into two columns of equal text. Each line's pieces
/// (separated by spaces) go left to the first column, right to the second,
/// at some split point.
pub(super) fn split_equal(lines: &[&str]) -> Option<String> {
    let pieces: Vec<Vec<&str>> = lines
        .iter()
        .map(|l| l.split(' ').filter(|p| !p.is_empty()).collect())
        .collect();
    let mut steps = 0;
    let mut a = Column::default();
    let mut b = Column::default();
    search(&pieces, 0, &mut a, &mut b, &mut steps)
}

fn search(
    lines: &[Vec<&str>],
    i: usize,
    a: &mut Column,
    b: &mut Column,
    steps: &mut usize,
) -> Option<String> {
    *steps += 1;
    if *steps > MAX_STEPS {
        return None;
    }
    let Some(pieces) = lines.get(i) else {
        return (!a.key.is_empty() && a.key == b.key).then(|| a.text.clone());
    };
    for split in (0..=pieces.len()).rev() {
        let sa = a.push_line(pieces.get(..split).unwrap_or(&[]));
        let sb = b.push_line(pieces.get(split..).unwrap_or(&[]));
        if a.key.starts_with(b.key.as_str()) || b.key.starts_with(a.key.as_str()) {
            if let Some(found) = search(lines, i + 1, a, b, steps) {
                return Some(found);
            }
        }
        a.restore(sa);
        b.restore(sb);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interleaved_on_one_line() {
        let lines = [
            "保质保量完成本年度的市人大松江代表小组 保质保量完成本年度的市人大松",
            "活动计划任务 江代表小组活动计划任务",
        ];
        assert_eq!(
            split_equal(&lines).as_deref(),
            Some("保质保量完成本年度的市人大松江代表小组活动计划任务")
        );
    }

    #[test]
    fn blocks_interleaved() {
        let lines = ["甲乙丙丁", "戊己", "甲乙丙", "丁戊", "庚", "己庚"];
        assert_eq!(split_equal(&lines).as_deref(), Some("甲乙丙丁戊己庚"));
    }

    #[test]
    fn spaces_inside_the_text_survive() {
        let lines = [
            "依据惯例，2025 年的",
            "活动。",
            "依据惯例，",
            "2025 年的活动。",
        ];
        assert_eq!(
            split_equal(&lines).as_deref(),
            Some("依据惯例，2025 年的活动。")
        );
    }

    #[test]
    fn different_goals_do_not_split() {
        assert_eq!(split_equal(&["甲乙", "丙丁"]), None);
    }
}

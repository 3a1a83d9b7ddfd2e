//! The 自评 half of an imported 自评表: after the 部门 block,
//! `自评 "部门" 年度 { 项目 "…" { 预算 { … }  name actual 分值 x 得分 y …
//! 小计 …  合计 … } }`, every number with the digits the form printed
//! (`89.974`, `0.00`).

use super::draft::{Draft, DraftActual, DraftActualValue, DraftBudgetRow, DraftSelfEval};
use super::write::{comments, quote, word};
use rust_decimal::Decimal;
use std::fmt::Write as _;

/// The 自评 block of the draft's projects that carry one; empty when none.
pub fn write_selfeval(draft: &Draft) -> String {
    let projects: Vec<(&str, &DraftSelfEval)> = draft
        .projects
        .iter()
        .filter_map(|p| p.selfeval.as_ref().map(|s| (p.name.as_str(), s)))
        .collect();
    if projects.is_empty() {
        return String::new();
    }
    let block = block(draft, &projects);
    match draft.year {
        Some(_) => format!("\n{block}"),
        // No year, no 自评 block (it needs one): the block as comments,
        // nothing lost.
        None => {
            let mut out = String::from(
                "\n# 原表没有印年度，自评部分无法写成 自评 块；补写年度（把下面几行的“年度”换成年份）后去掉 # 即可\n",
            );
            for line in block.lines() {
                let _ = writeln!(out, "# {line}");
            }
            out
        }
    }
}

fn block(draft: &Draft, projects: &[(&str, &DraftSelfEval)]) -> String {
    let mut out = String::new();
    let name = draft.name.as_deref().unwrap_or("（部门名称未知）");
    let year = draft
        .year
        .map_or_else(|| "年度".to_string(), |y| y.to_string());
    let _ = writeln!(out, "自评 {} {year} {{", quote(name));
    for (i, (project, se)) in projects.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        comments(&mut out, 2, &se.comments);
        let _ = writeln!(out, "  项目 {} {{", quote(project));
        budget(&mut out, se);
        for a in &se.actuals {
            comments(&mut out, 4, &a.comments);
            if let Some(a) = &a.value {
                let _ = writeln!(out, "    {}", actual(a));
            }
        }
        for s in &se.subtotals {
            comments(&mut out, 4, &s.comments);
            if let Some(s) = &s.value {
                let _ = writeln!(
                    out,
                    "    小计 {}{}",
                    word(&s.group),
                    printed(s.points, s.score)
                );
            }
        }
        if let Some(t) = &se.total {
            comments(&mut out, 4, &t.comments);
            if let Some(t) = &t.value {
                let grade = t
                    .grade
                    .as_ref()
                    .map(|g| format!(" 等级 {}", word(g)))
                    .unwrap_or_default();
                let _ = writeln!(out, "    合计{}{grade}", printed(t.points, t.score));
            }
        }
        out.push_str("  }\n");
    }
    out.push_str("}\n");
    out
}

fn budget(out: &mut String, se: &DraftSelfEval) {
    if se.budget.is_empty() {
        return;
    }
    if !se.budget.iter().any(|r| r.value.is_some()) {
        for r in &se.budget {
            comments(out, 4, &r.comments);
        }
        return;
    }
    out.push_str("    预算 {\n");
    for r in &se.budget {
        comments(out, 6, &r.comments);
        if let Some(r) = &r.value {
            let _ = writeln!(out, "      {}{}", r.key, budget_cells(r));
        }
    }
    out.push_str("    }\n");
}

/// ` 年初 90 万元 全年 89.974 万元 … 执行率 100% 得分 10`, the cells printed.
fn budget_cells(r: &DraftBudgetRow) -> String {
    let mut s = String::new();
    for (key, v) in [("年初", r.start), ("全年", r.full), ("执行", r.spent)] {
        if let Some(v) = v {
            let _ = write!(s, " {key} {v} {}", r.unit);
        }
    }
    if let Some(p) = r.points {
        let _ = write!(s, " 分值 {p}");
    }
    if let Some((v, unit)) = &r.rate {
        let _ = write!(s, " 执行率 {v}{unit}");
    }
    if let Some(v) = r.score {
        let _ = write!(s, " 得分 {v}");
    }
    s
}

fn actual(a: &DraftActual) -> String {
    let mut s = word(&a.name);
    match &a.value {
        Some(DraftActualValue::Quantity {
            comparator,
            value,
            unit,
        }) => {
            let cmp = comparator
                .map(|c| format!("{} ", c.symbol()))
                .unwrap_or_default();
            let _ = write!(s, " {cmp}{}", number_unit(*value, unit));
        }
        Some(DraftActualValue::Word(w)) => {
            let _ = write!(s, ": {}", verdict(w));
        }
        None => {}
    }
    s.push_str(&printed(a.points, a.score));
    if let Some(r) = &a.reason {
        let _ = write!(s, " 原因 {}", quote(r));
    }
    s
}

/// A verdict after `:`: bare when it is a word of Chinese characters the
/// grammar reads whole (`verdict_word`: not only a keyword such as `原因`),
/// else quoted (`"7月"`, `"是（√）"`).
fn verdict(w: &str) -> String {
    const RESERVED: [&str; 9] = [
        "原因", "措施", "来源", "得分", "分值", "理由", "小计", "合计", "等级",
    ];
    let cjk =
        |c: char| ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c);
    let reserved = RESERVED.contains(&w);
    if !w.is_empty() && w.chars().all(cjk) && !reserved {
        w.to_string()
    } else {
        quote(w)
    }
}

/// `29.5 亩`, `100%`: the printed digits and the unit.
fn number_unit(value: Decimal, unit: &str) -> String {
    match unit {
        "" => value.to_string(),
        "%" | "‰" | "万" | "亿" => format!("{value}{unit}"),
        u => format!("{value} {u}"),
    }
}

fn printed(points: Option<Decimal>, score: Option<Decimal>) -> String {
    let mut s = String::new();
    if let Some(p) = points {
        let _ = write!(s, " 分值 {p}");
    }
    if let Some(v) = score {
        let _ = write!(s, " 得分 {v}");
    }
    s
}

/// Test support: the written `text` has each of `lines` and reads back
/// without a structural error.
#[cfg(test)]
pub(crate) fn assert_written(text: &str, lines: &[&str]) {
    for line in lines {
        assert!(
            text.lines().any(|l| l == *line),
            "missing {line:?} in\n{text}"
        );
    }
    let verified = crate::import::verify("导入结果", text);
    assert!(
        verified.structurally_sound(),
        "{:?}\n{text}",
        verified.structural
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::draft::{
        DraftIndicator, DraftProject, DraftSubtotal, DraftTarget, DraftTotal, Entry,
    };
    use crate::model::Comparator;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap_or_default()
    }

    fn indicator(name: &str, target: DraftTarget) -> Entry<DraftIndicator> {
        Entry::new(DraftIndicator {
            level1: "产出指标".into(),
            level2: "时效指标".into(),
            name: name.into(),
            target,
            attributes: Default::default(),
        })
    }

    fn actual(
        name: &str,
        value: Option<DraftActualValue>,
        reason: Option<&str>,
    ) -> Entry<DraftActual> {
        Entry::new(DraftActual {
            name: name.into(),
            value,
            points: Some(d("5")),
            score: Some(d("4.50")),
            reason: reason.map(str::to_string),
        })
    }

    /// Every kind of line the 自评 block has, read back without errors.
    #[test]
    fn selfeval_block_reads_back() {
        let word = |w: &str| DraftTarget::Qualitative(w.into());
        let project = DraftProject {
            name: "甲项目".into(),
            indicators: vec![
                indicator("完成时间", word("9月前")),
                indicator("合规性", word("符合规定")),
                indicator(
                    "水标尺长度",
                    DraftTarget::Compare {
                        comparator: Comparator::Ge,
                        value: d("266"),
                        unit: "米".into(),
                    },
                ),
            ],
            group_points: vec![("产出指标".into(), d("50")), ("满意度指标".into(), d("10"))],
            selfeval: Some(DraftSelfEval {
                comments: vec!["原表“年度总体目标”的实际完成情况：完成".into()],
                budget: vec![
                    Entry::new(DraftBudgetRow {
                        key: "总额".into(),
                        start: Some(d("0.00")),
                        full: Some(d("3.36")),
                        spent: Some(d("3.36")),
                        unit: "万元".into(),
                        points: Some(d("10")),
                        rate: Some((d("100.00"), "%".into())),
                        score: Some(d("10")),
                    }),
                    Entry::comment("原表“其他资金”一行为空"),
                ],
                actuals: vec![
                    actual(
                        "完成时间",
                        Some(DraftActualValue::Word("7月".into())),
                        Some("提前\"完成\""),
                    ),
                    actual(
                        "合规性",
                        Some(DraftActualValue::Word("达成预期指标".into())),
                        None,
                    ),
                    actual(
                        "水标尺长度",
                        Some(DraftActualValue::Quantity {
                            comparator: Some(Comparator::Ge),
                            value: d("266.0"),
                            unit: "米".into(),
                        }),
                        None,
                    ),
                ],
                subtotals: vec![Entry::new(DraftSubtotal {
                    group: "产出指标".into(),
                    points: Some(d("50")),
                    score: Some(d("45")),
                })],
                total: Some(Entry::new(DraftTotal {
                    points: Some(d("100")),
                    score: Some(d("96")),
                    grade: Some("优".into()),
                })),
            }),
            ..DraftProject::default()
        };
        let draft = Draft {
            name: Some("某局".into()),
            year: Some(2023),
            projects: vec![project],
            ..Draft::default()
        };
        let text = crate::import::write::write(&draft);
        let lines = [
            "      产出指标 分值 50 {",
            "      # 原表“满意度指标”印分值 10，但这一组没有读到指标",
            "自评 \"某局\" 2023 {",
            "      总额 年初 0.00 万元 全年 3.36 万元 执行 3.36 万元 分值 10 执行率 100.00% 得分 10",
            "      # 原表“其他资金”一行为空",
            "    完成时间: \"7月\" 分值 5 得分 4.50 原因 \"提前\\\"完成\\\"\"",
            "    合规性: 达成预期指标 分值 5 得分 4.50",
            "    水标尺长度 ≥ 266.0 米 分值 5 得分 4.50",
            "    小计 产出指标 分值 50 得分 45",
            "    合计 分值 100 得分 96 等级 优",
        ];
        assert_written(&text, &lines);
    }

    #[test]
    fn verdicts() {
        assert_eq!(verdict("有效"), "有效");
        assert_eq!(verdict("7月"), "\"7月\"");
        assert_eq!(verdict("原因"), "\"原因\"");
        assert_eq!(verdict("是（√）"), "\"是（√）\"");
    }

    #[test]
    fn no_year_no_block() {
        let draft = Draft {
            projects: vec![DraftProject {
                name: "甲".into(),
                selfeval: Some(DraftSelfEval::default()),
                ..DraftProject::default()
            }],
            ..Draft::default()
        };
        let text = write_selfeval(&draft);
        assert!(text.contains("原表没有印年度"), "{text}");
        assert!(
            text.lines()
                .any(|l| l == "# 自评 \"（部门名称未知）\" 年度 {"),
            "{text}"
        );
        assert!(
            text.lines().all(|l| l.is_empty() || l.starts_with('#')),
            "{text}"
        );
    }
}

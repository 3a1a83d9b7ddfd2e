//! CSV: one row per indicator, plus a 预算执行率 row and a 总分 row per
//! project, for spreadsheets (UTF-8 with BOM so Excel reads the Chinese).

use super::selfeval as cells;
use crate::engine::fmt::{money, num, score};
use crate::model::evaluation::Evaluation;

const HEADERS: [&str; 15] = [
    "项目",
    "行",
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
    "人工得分",
    "达成",
    "超额完成",
    "缺少完成值",
    "偏差原因分析及改进措施",
    "评分过程",
];

fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn line(out: &mut String, cells: &[String]) {
    let f: Vec<String> = cells.iter().map(|c| field(c)).collect();
    out.push_str(&f.join(","));
    out.push_str("\r\n");
}

pub fn render(ev: &Evaluation) -> String {
    let mut out = String::from("\u{FEFF}");
    line(&mut out, &HEADERS.map(String::from));
    let yes = |b: bool| {
        if b {
            "是".to_string()
        } else {
            "否".to_string()
        }
    };
    for p in &ev.projects {
        line(
            &mut out,
            &[
                p.name.clone(),
                "预算执行率".into(),
                String::new(),
                String::new(),
                String::new(),
                p.budget
                    .map(|b| format!("{} 元", money(b)))
                    .unwrap_or_default(),
                p.spent
                    .map(|b| format!("{} 元", money(b)))
                    .unwrap_or_default(),
                num(p.execution_points),
                p.execution_score.map(|s| score(s, 2)).unwrap_or_default(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                p.execution_trace.line.clone(),
            ],
        );
        for i in &p.indicators {
            line(
                &mut out,
                &[
                    p.name.clone(),
                    "指标".into(),
                    i.level1.clone(),
                    i.level2.clone(),
                    i.name.clone(),
                    i.target.clone(),
                    i.actual.clone().unwrap_or_default(),
                    num(i.points),
                    i.score.map(|s| score(s, 2)).unwrap_or_default(),
                    i.manual
                        .as_ref()
                        .map(|m| score(m.score, 2))
                        .unwrap_or_default(),
                    i.met.map(yes).unwrap_or_default(),
                    yes(i.over_achieved),
                    yes(i.missing),
                    cells::deviation(i),
                    i.trace.line.clone(),
                ],
            );
        }
        line(
            &mut out,
            &[
                p.name.clone(),
                "总分".into(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                "100".into(),
                p.total.map(|s| score(s, 2)).unwrap_or_default(),
                p.adjusted_total.map(|s| score(s, 2)).unwrap_or_default(),
                String::new(),
                String::new(),
                String::new(),
                p.grade.clone().unwrap_or_default(),
                String::new(),
            ],
        );
    }
    out
}

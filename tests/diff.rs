//! `jixiao diff`: semantic changes between two declarations.

#[path = "common/cli.rs"]
mod cli;
use cli::Checked;

use jixiao::diff::{diff, render_human, Change, Verdict};

/// The model of a text (read and lowered; findings of `check` do not matter
/// to a diff).
fn ws(text: &str) -> jixiao::Workspace {
    let loaded = jixiao::load::load_text("x.jx", text);
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    let (ws, diags) = jixiao::lower::lower(&loaded);
    assert!(diags.is_empty(), "{diags:#?}");
    ws
}

const BASE: &str = r#"部门 "示例局" {
  年度 2025
  申报 2 个项目，资金 20 万元
  项目 "甲" {
    性质 其他经常性项目
    资金 {
      总额 10.04 万元
      年度申请 100,400 元
    }
    说明 {
      概述 "为代表履职培训组织开展。"
    }
    指标 {
      产出指标 {
        数量指标 {
          培训人数 ≥ 280 人
          活动次数 ≥ 3 次
        }
        质量指标 {
          合格率 = 100%
          培训质量: 高质量
        }
      }
      成本指标 {
        经济成本指标 {
          人均成本 ≤ 10 万元
        }
      }
    }
  }
  项目 "乙" {
    资金 {
      总额 99,600 元
    }
  }
}
"#;

#[test]
fn unit_rewrites_and_layout_are_not_changes() {
    let rewritten = BASE
        .replace("总额 10.04 万元", "总额 100,400.00 元")
        .replace("年度申请 100,400 元", "年度申请 10.04万 元")
        .replace("人均成本 ≤ 10 万元", "人均成本 <= 100000 元")
        .replace("合格率 = 100%", "合格率 ＝ 100％")
        .replace("  ", "    ");
    let d = diff(&ws(BASE), &ws(&rewritten));
    assert!(d.is_empty(), "{d:#?}");
    assert_eq!(render_human(&d), "无实质变更。\n");
}

#[test]
fn targets_are_classified() {
    let new = BASE
        .replace("培训人数 ≥ 280 人", "培训人数 ≥ 300 人")
        .replace("人均成本 ≤ 10 万元", "人均成本 ≤ 12 万元")
        .replace("合格率 = 100%", "合格率 = 98%")
        .replace("活动次数 ≥ 3 次", "活动次数 > 3 次")
        .replace("培训质量: 高质量", "培训质量: 较高质量");
    let d = diff(&ws(BASE), &ws(&new));
    let verdicts: Vec<(String, Verdict)> = d.groups[0]
        .changes
        .iter()
        .filter_map(|c| match c {
            Change::TargetChanged { name, verdict, .. } => Some((name.clone(), *verdict)),
            _ => None,
        })
        .collect();
    assert_eq!(
        verdicts,
        vec![
            ("培训人数".to_string(), Verdict::Tightened),
            ("活动次数".to_string(), Verdict::ComparatorChanged),
            ("合格率".to_string(), Verdict::ValueChanged),
            ("培训质量".to_string(), Verdict::WordingChanged),
            ("人均成本".to_string(), Verdict::Loosened),
        ]
    );
    let text = render_human(&d);
    assert!(
        text.contains("指标“培训人数”：≥ 280 人 → ≥ 300 人，收紧"),
        "{text}"
    );
    assert!(
        text.contains("指标“人均成本”：≤ 10 万元 → ≤ 12 万元，放宽"),
        "{text}"
    );
    assert!(
        text.contains("指标“活动次数”：≥ 3 次 → > 3 次，比较符改变"),
        "{text}"
    );
    assert!(
        text.contains("指标“培训质量”：高质量 → 较高质量，措辞改变"),
        "{text}"
    );
}

#[test]
fn funds_indicators_narrative_and_projects() {
    let new = BASE
        .replace("总额 10.04 万元", "总额 11.04 万元")
        .replace(
            "为代表履职培训组织开展。",
            "为代表履职培训组织开展，提高履职水平。",
        )
        .replace(
            "          合格率 = 100%\n",
            "          合格率 = 100%\n          活动次数 ≥ 3 次\n",
        )
        .replacen("          活动次数 ≥ 3 次\n", "", 1)
        .replace(
            "          人均成本 ≤ 10 万元\n",
            "          人均费用 ≤ 10 万元\n",
        )
        .replace(
            "  项目 \"乙\" {\n    资金 {\n      总额 99,600 元\n    }\n  }\n",
            "  项目 \"丙\" {\n    资金 {\n      总额 5 万元\n    }\n  }\n",
        );
    let d = diff(&ws(BASE), &ws(&new));
    let text = render_human(&d);
    insta::assert_snapshot!("mixed_changes", text);
    assert!(text.contains("资金.总额：10.04 万元 → 11.04 万元（增加 10,000.00 元，+9.96%）"));
    assert!(text.contains("指标“活动次数”从 产出指标/数量指标 移到 产出指标/质量指标"));
    assert!(text.contains("新增指标“人均费用”（成本指标/经济成本指标）：≤ 10 万元"));
    assert!(text.contains("删除指标“人均成本”（成本指标/经济成本指标）：原为 ≤ 10 万元"));
    assert!(text.contains("说明.概述：增加 7 字，删除 0 字"));
    assert!(text.contains("项目“乙”：\n  删除项目：原有 0 项指标，总额 99,600 元"));
    assert!(text.contains("项目“丙”：\n  新增项目：0 项指标，总额 5 万元"));
    let json = serde_json::to_value(&d).unwrap();
    assert_eq!(json["groups"][0]["changes"][0]["kind"], "funds_changed");
    assert_eq!(json["groups"][0]["changes"][0]["delta_yuan"], "10000.00");
}

// ───────────── 自评 actuals ─────────────

fn side(text: &str) -> jixiao::diff::Side {
    let loaded = jixiao::load::load_text("x.jx", text);
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    jixiao::diff::Side::of(&loaded)
}

const ACTUALS: &str = r#"自评 "示例局" 2025 {
  项目 "甲" {
    预算 10 万元
    执行 98,000 元
    培训人数 290 人  来源 "签到表"
    活动次数 2 次  原因 "一次因台风取消" 措施 "提前安排备选日期"
    合格率 = 37 / 37
    培训质量: 达成
  }
}
"#;

/// Actuals compare by meaning: units and spellings aside, an actual that
/// changed, one removed, one added, an explanation added or dropped.
#[test]
fn actuals_changes_are_listed() {
    let same = ACTUALS
        .replace("执行 98,000 元", "执行 9.8 万元")
        .replace("= 37 / 37", "＝ 37÷37")
        .replace("290 人  来源", "290人 来源");
    let d = jixiao::diff::diff_sides(&side(ACTUALS), &side(&same));
    assert!(d.is_empty(), "{d:#?}");
    assert_eq!(render_human(&d), "无实质变更。\n");

    let changed = ACTUALS
        .replace("培训人数 290 人", "培训人数 280 人")
        .replace(" 措施 \"提前安排备选日期\"", "")
        .replace("    培训质量: 达成\n", "    满意度 96%  原因 \"样本少\"\n")
        .replace("合格率 = 37 / 37", "合格率 = 36 / 37  原因 \"一人缺考\"")
        .replace("执行 98,000 元", "执行 99,000 元");
    let d = jixiao::diff::diff_sides(&side(ACTUALS), &side(&changed));
    let text = render_human(&d);
    assert_eq!(
        text,
        "项目“甲”：\n\
         \x20 自评.执行：98,000 元 → 99,000 元（增加 1,000.00 元，+1.02%）\n\
         \x20 完成值“培训人数”：290 人 → 280 人\n\
         \x20 完成值“活动次数”删去改进措施（原为“提前安排备选日期”）\n\
         \x20 完成值“合格率”：= 37 / 37 → = 36 / 37\n\
         \x20 完成值“合格率”新增偏差原因：“一人缺考”\n\
         \x20 删除完成值“培训质量”：原为 达成\n\
         \x20 新增完成值“满意度”：96%\n\
         \n共 7 处实质变更，涉及 1 个项目。\n"
    );
    assert!(d.groups.iter().flat_map(|g| &g.changes).any(|c| matches!(
        c,
        Change::ActualNoteChanged { note, old: None, .. } if note == "偏差原因"
    )));
}

/// A project's 自评 block added to a version, and the CLI's exit code.
#[test]
fn actuals_added_in_the_cli() {
    let tmp = tempfile::tempdir().unwrap();
    let (old, new) = (tmp.path().join("旧.jx"), tmp.path().join("新.jx"));
    std::fs::write(&old, ACTUALS).unwrap();
    let more = ACTUALS.replace(
        "  }\n}\n",
        "  }\n  项目 \"乙\" {\n    执行 1 万元\n    满意度 90%\n  }\n}\n",
    );
    std::fs::write(&new, more).unwrap();
    let o = cli::command(&cli::root())
        .arg("diff")
        .args([&old, &new])
        .checked();
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("项目“乙”：\n  新增自评：1 项完成值\n"),
        "{stdout}"
    );
}

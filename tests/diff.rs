//! `jixiao diff`: semantic changes between two declarations.

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

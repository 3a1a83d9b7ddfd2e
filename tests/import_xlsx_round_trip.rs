//! `jixiao report --xlsx` → `jixiao import` gives back the declaration:
//! 中期指标值 and group weights (issue 17's additions), and generated
//! workloads of several departments and seeds (issue 18).

#[path = "common/cli.rs"]
mod cli;

#[path = "common/workbook.rs"]
mod workbook;
use workbook::{assert_no_warnings, diff_against, import, report_workbook, warnings};

use std::path::Path;

fn written(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

const MIDTERM: &str = r#"部门 "示例局" {
  年度 2025

  项目 "三年行动" {
    周期 2024-01-01 至 2026-12-31
    资金 {
      总额 300,000.00 元
    }
    指标 {
      产出指标 {
        数量指标 {
          培训人次 ≥ 1,000 人次 中期 ≥ 600 人次
          覆盖街镇 ≥ 15 个
        }
        质量指标 {
          合格率 ≥ 95% 中期 ≥ 90% 分值 20
          完成率 90%~95% 中期 80%~90%
        }
      }
      满意度指标 {
        服务对象满意度指标 {
          满意度: 高 中期: 较高
        }
      }
    }
  }
}
"#;

/// The 中期指标值 column `report --xlsx` writes comes back as `中期`.
#[test]
fn round_trip_of_midterm_targets() {
    let dir = tempfile::tempdir().unwrap();
    let path = written(dir.path(), "中期.jx", MIDTERM);
    let imported = import(&report_workbook(std::slice::from_ref(&path)));
    assert_no_warnings(&imported);
    assert_eq!(diff_against(&path, &imported), "无实质变更。\n");
    for line in [
        "          培训人次 ≥ 1,000 人次 中期 ≥ 600 人次\n",
        "          合格率 ≥ 95% 中期 ≥ 90% 分值 20\n",
        "          完成率 90%~95% 中期 80%~90%\n",
        "          满意度: 高 中期: 较高\n",
    ] {
        assert!(imported.text.contains(line), "{line}\n{}", imported.text);
    }
}

const WEIGHTS: &str = r#"部门 "示例局" {
  年度 2025

  项目 "设备维护" {
    资金 {
      总额 30,000.00 元
    }
    指标 {
      产出指标 分值 50 {
        数量指标 {
          维护次数 ≥ 12 次
        }
        质量指标 {
          完好率 ≥ 95%
        }
      }
      效益指标 分值 30 {
        社会效益指标 {
          停机时长 ≤ 48 小时
        }
      }
      满意度指标 分值 10.5 {
        服务对象满意度指标 {
          满意率 ≥ 90%
        }
      }
    }
  }
}
"#;

/// The group weights are printed in the 一级指标 cell as real forms print
/// them (`产出指标（50分）`) and come back as the draft's group points.
#[test]
fn group_weights_are_read_from_the_level1_cells() {
    let dir = tempfile::tempdir().unwrap();
    let path = written(dir.path(), "分值.jx", WEIGHTS);
    let imported = import(&report_workbook(std::slice::from_ref(&path)));
    assert_no_warnings(&imported);
    let draft = imported.draft.as_ref().unwrap();
    let project = draft.projects.first().unwrap();
    let points: Vec<(String, String)> = project
        .group_points
        .iter()
        .map(|(g, p)| (g.clone(), p.normalize().to_string()))
        .collect();
    assert_eq!(
        points,
        [
            ("产出指标".to_string(), "50".to_string()),
            ("效益指标".to_string(), "30".to_string()),
            ("满意度指标".to_string(), "10.5".to_string()),
        ]
    );
    let levels: Vec<&str> = project
        .indicators
        .iter()
        .filter_map(|i| i.value.as_ref())
        .map(|i| i.level1.as_str())
        .collect();
    assert_eq!(levels, ["产出指标", "产出指标", "效益指标", "满意度指标"]);
}

/// The same through `diff`: needs the writer of group points
/// (`产出指标 分值 50 {`, part A of issue 18 in src/import/write.rs).
#[test]
fn round_trip_of_group_weights() {
    let dir = tempfile::tempdir().unwrap();
    let path = written(dir.path(), "分值.jx", WEIGHTS);
    let imported = import(&report_workbook(std::slice::from_ref(&path)));
    assert_no_warnings(&imported);
    assert_eq!(diff_against(&path, &imported), "无实质变更。\n");
    assert!(imported.text.contains("      产出指标 分值 50 {\n"));
}

/// A second-level weight (`数量指标 分值 20 {`) is printed too; the import
/// cannot carry it yet: a comment that says what to write, and a warning.
#[test]
fn level2_weight_is_a_comment_and_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let text = WEIGHTS.replace("        数量指标 {", "        数量指标 分值 20 {");
    let path = written(dir.path(), "二级.jx", &text);
    let imported = import(&report_workbook(std::slice::from_ref(&path)));
    assert_eq!(
        warnings(&imported),
        ["JX-I006 工作表“1 设备维护”第 15 行的二级指标“数量指标”印有分值 20，导入暂不能写入二级分组的分值，已作为注释写入"]
    );
    assert!(imported
        .text
        .contains("          # 原表二级指标“数量指标”印有分值 20，请在该分组后手工写“分值 20”\n          维护次数 ≥ 12 次\n"),
        "{}", imported.text);
}

/// Generated workloads (50 projects, several seeds, one to four
/// departments): each comes back equal, without a warning, as many
/// departments as summary sheets and no 部门汇总 sheet read as a project.
#[test]
fn round_trip_of_generated_workloads() {
    for (seed, departments) in [(1, 1), (2, 2), (3, 3), (11, 4), (42, 1)] {
        let dir = tempfile::tempdir().unwrap();
        let options = jixiao::gen::Options {
            projects: 50,
            seed,
            departments,
        };
        for (i, d) in jixiao::gen::generate(&options).iter().enumerate() {
            let text = jixiao::gen::declaration(d);
            std::fs::write(dir.path().join(format!("dept-{i}.jx")), text).unwrap();
        }
        let imported = import(&report_workbook(&[dir.path().to_path_buf()]));
        assert_no_warnings(&imported);
        assert_eq!(imported.others.len(), departments - 1, "seed {seed}");
        let projects: usize = std::iter::once(imported.draft.as_ref().unwrap())
            .chain(&imported.others)
            .map(|d| d.projects.len())
            .sum();
        assert_eq!(projects, 50, "seed {seed}");
        assert!(!imported.text.contains("项目 \"部门汇总"), "seed {seed}");
        assert_eq!(
            diff_against(dir.path(), &imported),
            "无实质变更。\n",
            "seed {seed}"
        );
    }
}

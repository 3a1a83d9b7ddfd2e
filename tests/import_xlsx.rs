//! `jixiao import` of Excel workbooks: each recognised layout, built here
//! with rust_xlsxwriter, must give exactly the model of the expected text.

#[path = "common/cli.rs"]
mod cli;
use cli::Checked;

#[path = "common/workbook.rs"]
mod workbook;
use workbook::{
    assert_model, assert_no_warnings, diff_against, import, read_back, report_workbook, rows,
};

use rust_xlsxwriter::{Format, Workbook};
use std::path::Path;

const DEPT: &str = "上海市松江区人民代表大会常务委员会办公室";

/// Form layout, one project per sheet, targets inline (`≥95%`), 一级/二级
/// cells merged down the rows they label.
#[test]
fn form_layout_inline_targets() {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("项目1").unwrap();
    rows(
        ws,
        0,
        &[
            &["2025年财政项目支出绩效目标申报表"],
            &[
                "项目名称",
                "松江人大网络信息系统维护",
                "项目性质",
                "其他经常性项目",
            ],
            &["项目类别", "其他运转类", "主管部门", DEPT],
            &["实施单位", DEPT],
            &["计划开始日期", "2025-01-01", "计划完成日期", "2025-12-31"],
            &[
                "项目资金（元）",
                "项目资金总额",
                "90682.50",
                "年度资金申请总额",
                "90682.50",
            ],
            &[
                "",
                "其中：财政资金",
                "90682.50",
                "其中：当年财政拨款",
                "90682.50",
            ],
            &["", "", "", "上年结转资金", "0"],
            &["", "其他资金", "", "其他资金", "0"],
            &["项目总目标", "年度总体目标"],
            &[
                "网络系统安全稳定可控，运转正常。",
                "网络系统安全稳定可控，运转正常。",
            ],
            &[
                "一级指标",
                "二级指标",
                "三级指标",
                "年度(/项目)指标值",
                "备注",
            ],
        ],
    );
    let merged = Format::new();
    ws.merge_range(13, 0, 16, 0, "产出指标", &merged).unwrap();
    ws.merge_range(14, 1, 15, 1, "质量指标", &merged).unwrap();
    rows(
        ws,
        12,
        &[
            &["成本指标", "经济成本指标", "运维总成本", "≤10.04(万元)"],
            &["", "数量指标", "更新系统（软件）数量", "≥1次"],
            &["", "", "信息管理平台故障处理率", "=100%"],
            &["", "", "系统重要存储丢失率", "=0.00(%)"],
            &["", "时效指标", "系统故障响应及时性", "及时"],
            &[
                "效益指标",
                "社会效益指标",
                "人大机关工作的质量和效率",
                "提高",
                "以年度考核为准",
            ],
            &["满意度指标", "服务对象满意度指标", "使用者满意率", "≥95%"],
        ],
    );
    let imported = import(&book.save_to_buffer().unwrap());
    assert_model(
        &imported,
        r#"
部门 "上海市松江区人民代表大会常务委员会办公室" {
  年度 2025
  项目 "松江人大网络信息系统维护" {
    性质 其他经常性项目
    类别 其他运转类
    主管部门 "上海市松江区人民代表大会常务委员会办公室"
    实施单位 "上海市松江区人民代表大会常务委员会办公室"
    周期 2025-01-01 至 2025-12-31
    资金 {
      总额 90,682.50 元
      年度申请 90,682.50 元
      财政资金 90,682.50 元
      当年拨款 90,682.50 元
      上年结转 0 元
      其他资金 0 元
    }
    总目标 "网络系统安全稳定可控，运转正常。"
    年度目标 "网络系统安全稳定可控，运转正常。"
    指标 {
      成本指标 {
        经济成本指标 {
          运维总成本 ≤ 10.04 万元
        }
      }
      产出指标 {
        数量指标 {
          更新系统（软件）数量 ≥ 1 次
        }
        质量指标 {
          信息管理平台故障处理率 = 100%
          系统重要存储丢失率 = 0%
        }
        时效指标 {
          系统故障响应及时性: 及时
        }
      }
      效益指标 {
        社会效益指标 {
          人大机关工作的质量和效率: 提高
        }
      }
      满意度指标 {
        服务对象满意度指标 {
          使用者满意率 ≥ 95%
        }
      }
    }
  }
}
"#,
    );
    // The 备注 cell is kept as a comment next to its indicator.
    assert!(
        imported
            .text
            .contains("# 原表“备注”：以年度考核为准\n          人大机关工作的质量和效率: 提高"),
        "{}",
        imported.text
    );
}

/// Form layout with the target split over 指标方向, 指标值 and 计量单位.
#[test]
fn form_layout_separate_columns() {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("编外人员经费").unwrap();
    rows(
        ws,
        0,
        &[
            &["项目名称", "编外人员经费"],
            &["主管部门", DEPT],
            &["项目资金总额", "310581"],
            &[
                "一级指标",
                "二级指标",
                "三级指标",
                "指标方向",
                "指标值",
                "计量单位",
            ],
            &[
                "成本指标",
                "经济成本指标",
                "人均发放工资",
                "小于等于",
                "150000",
                "元/人",
            ],
            &["产出指标", "数量指标", "发放人数", "≤", "2", "人"],
            &["产出指标", "质量指标", "发放质量", "定性", "准确到位", ""],
            &["产出指标", "时效指标", "每月 25 日前", "", "及时", ""],
            &[
                "满意度指标",
                "服务对象满意度指标",
                "非编人员满意度",
                "大于等于",
                "90",
                "百分比",
            ],
            &[
                "满意度指标",
                "服务对象满意度指标",
                "投诉率",
                "等于",
                "0",
                "%",
            ],
        ],
    );
    let imported = import(&book.save_to_buffer().unwrap());
    assert_model(
        &imported,
        r#"
部门 "上海市松江区人民代表大会常务委员会办公室" {
  项目 "编外人员经费" {
    主管部门 "上海市松江区人民代表大会常务委员会办公室"
    资金 {
      总额 310,581 元
    }
    指标 {
      成本指标 {
        经济成本指标 {
          人均发放工资 ≤ 150,000 元/人
        }
      }
      产出指标 {
        数量指标 {
          发放人数 ≤ 2 人
        }
        质量指标 {
          发放质量: 准确到位
        }
        时效指标 {
          "每月 25 日前": 及时
        }
      }
      满意度指标 {
        服务对象满意度指标 {
          非编人员满意度 ≥ 90%
          投诉率 = 0%
        }
      }
    }
  }
}
"#,
    );
}

/// List layout: one table for several projects, a 项目名称 column, system
/// codes and words in 指标性质, 度量单位 “百分比”.
#[test]
fn list_layout_with_system_codes() {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("绩效目标").unwrap();
    rows(
        ws,
        0,
        &[
            &[
                "单位名称：上海市松江区人民代表大会常务委员会办公室",
                "",
                "",
                "年度",
                "2025",
                "",
                "制表：财务科",
            ],
            &[
                "项目名称",
                "一级指标",
                "二级指标",
                "三级指标",
                "指标性质",
                "指标值",
                "度量单位",
                "项目性质",
            ],
            &[
                "区人大代表工作",
                "成本指标",
                "经济成本指标",
                "人均代表履职费",
                "001 =",
                "2000",
                "元/人",
                "其他经常性项目",
            ],
            &[
                "",
                "产出指标",
                "数量指标",
                "代表履职费发放人数",
                "004 >=",
                "280",
                "人",
            ],
            &[
                "",
                "满意度指标",
                "服务对象满意度指标",
                "代表满意度",
                "正向",
                "90",
                "百分比",
            ],
            &[
                "人大履职培训",
                "成本指标",
                "经济成本指标",
                "人均培训成本",
                "反向",
                "7500",
                "元/人",
            ],
            &[
                "人大履职培训",
                "产出指标",
                "质量指标",
                "培训课程安排有效性",
                "定性",
                "有效",
                "",
            ],
            &[
                "人大履职培训",
                "产出指标",
                "数量指标",
                "培训人数",
                "大于等于",
                "140",
                "人",
            ],
        ],
    );
    let imported = import(&book.save_to_buffer().unwrap());
    assert_model(
        &imported,
        r#"
部门 "上海市松江区人民代表大会常务委员会办公室" {
  年度 2025
  项目 "区人大代表工作" {
    性质 其他经常性项目
    指标 {
      成本指标 {
        经济成本指标 {
          人均代表履职费 = 2,000 元/人
        }
      }
      产出指标 {
        数量指标 {
          代表履职费发放人数 ≥ 280 人
        }
      }
      满意度指标 {
        服务对象满意度指标 {
          代表满意度 ≥ 90%
        }
      }
    }
  }
  项目 "人大履职培训" {
    指标 {
      成本指标 {
        经济成本指标 {
          人均培训成本 ≤ 7,500 元/人
        }
      }
      产出指标 {
        质量指标 {
          培训课程安排有效性: 有效
        }
        数量指标 {
          培训人数 ≥ 140 人
        }
      }
    }
  }
}
"#,
    );
    // The stray cell above the table is kept, and listed.
    assert!(
        imported
            .text
            .contains("# 未能归位（工作表“绩效目标”的 G1 格）：制表：财务科\n部门"),
        "{}",
        imported.text
    );
    let codes: Vec<_> = imported.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["JX-I006"]);
}

/// Several forms one below the other in one sheet: one project each.
#[test]
fn form_layout_stacked_in_one_sheet() {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    rows(
        ws,
        0,
        &[
            &["2025年项目支出绩效目标申报表"],
            &["项目名称", "课题调研"],
            &["项目总目标", "年度总体目标"],
            &["保质保量完成任务", "保质保量完成本年度任务"],
            &["一级指标", "二级指标", "三级指标", "指标值"],
            &["产出指标", "数量指标", "外出调研次数", "≥9次"],
            &[],
            &["项目名称", "人代会会议"],
            &["一级指标", "二级指标", "三级指标", "指标值"],
            &["产出指标", "数量指标", "区人代会召开次数", "≥1次"],
            &["满意度指标", "服务对象满意度指标", "参加者满意率", "≥90%"],
        ],
    );
    let imported = import(&book.save_to_buffer().unwrap());
    assert_model(
        &imported,
        r#"
部门 "（部门名称未知）" {
  年度 2025
  项目 "课题调研" {
    总目标 "保质保量完成任务"
    年度目标 "保质保量完成本年度任务"
    指标 {
      产出指标 {
        数量指标 {
          外出调研次数 ≥ 9 次
        }
      }
    }
  }
  项目 "人代会会议" {
    指标 {
      产出指标 {
        数量指标 {
          区人代会召开次数 ≥ 1 次
        }
      }
      满意度指标 {
        服务对象满意度指标 {
          参加者满意率 ≥ 90%
        }
      }
    }
  }
}
"#,
    );
}

#[test]
fn cli_imports_a_workbook_file() {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    rows(
        ws,
        0,
        &[
            &["项目名称", "课题调研"],
            &["一级指标", "二级指标", "三级指标", "指标值"],
            &["产出指标", "数量指标", "外出调研次数", "≥9次"],
        ],
    );
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("2024年申报表.xlsx");
    book.save(&input).unwrap();
    let out = dir.path().join("课题调研.jx");
    let run = cli::command(&cli::root())
        .arg("import")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .checked();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("已导入 1 个项目、1 项指标。"), "{stderr}");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("          外出调研次数 ≥ 9 次\n"), "{text}");
    // Refuses to overwrite its input.
    let run = cli::command(&cli::root())
        .arg("import")
        .arg(&input)
        .arg("-o")
        .arg(&input)
        .checked();
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("就是要导入的文件"));
}

/// What the language refuses twice — a project name, a field — is settled
/// with a comment, so the output still checks.
#[test]
fn duplicates_are_settled() {
    let mut book = Workbook::new();
    for _ in 0..2 {
        let ws = book.add_worksheet();
        rows(
            ws,
            0,
            &[
                &["项目名称", "课题调研", "主管部门", "甲局"],
                &["主管部门", "乙局"],
                &["一级指标", "二级指标", "三级指标", "指标值"],
                &["产出指标", "数量指标", "外出调研次数", "≥9次"],
            ],
        );
    }
    let imported = import(&book.save_to_buffer().unwrap());
    let got = read_back(&imported);
    let names: Vec<_> = got.workspace.projects().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["课题调研", "课题调研（2）"]);
    assert!(imported
        .text
        .contains("# 原表另有一处“主管部门”作“乙局”，此处只保留第一处"));
    assert_eq!(
        got.workspace
            .projects()
            .next()
            .unwrap()
            .competent_department
            .as_deref(),
        Some("甲局")
    );
}

// ── Round trip: `report --xlsx` → (edit in Excel) → `import` ──────────────

fn example() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/songjiang-npc-2025/declaration.jx")
}

#[test]
fn round_trip_of_the_example() {
    let imported = import(&report_workbook(&[example()]));
    assert_no_warnings(&imported);
    let codes: Vec<_> = imported.diagnostics.iter().map(|d| d.code).collect();
    // 市人大代表松江小组活动费 has no 财政资金: the form shows “—”.
    assert_eq!(codes, ["JX-I007"], "{:#?}", imported.diagnostics);
    assert_eq!(diff_against(&example(), &imported), "无实质变更。\n");
    // What diff does not compare is kept too: the department claim, 校验.
    let text = &imported.text;
    assert!(
        text.contains("  申报 9 个项目，资金 436.30 万元\n"),
        "{text}"
    );
    assert!(text.contains("    校验 人均代表履职费 × 代表履职费发放人数 ≤ 资金.总额\n"));
    assert!(text.contains("      总额     90,682.50 元\n"), "{text}");
    assert_eq!(text.matches("项目 \"").count(), 9);
}

#[test]
fn round_trip_of_generated_departments() {
    let dir = tempfile::tempdir().unwrap();
    let options = jixiao::gen::Options {
        projects: 40,
        seed: 7,
        departments: 3,
    };
    let mut all = String::new();
    for (i, d) in jixiao::gen::generate(&options).iter().enumerate() {
        let text = jixiao::gen::declaration(d);
        std::fs::write(dir.path().join(format!("dept-{i}.jx")), &text).unwrap();
        all.push_str(&text);
    }
    // The workload has what the official grid has no place for.
    assert!(all.contains(" 口径 \"") && all.contains("    校验 "));
    let imported = import(&report_workbook(&[dir.path().to_path_buf()]));
    assert_no_warnings(&imported);
    assert_eq!(imported.others.len(), 2);
    assert_eq!(diff_against(dir.path(), &imported), "无实质变更。\n");
}

/// Every attribute, a range, 允许 with and without a reason, a project
/// without period or narrative, a claim in 元.
#[test]
fn round_trip_of_attributes_and_allows() {
    let source = r#"部门 "示例局" {
  年度 2024
  申报 2 个项目，资金 31,000.00 元

  项目 "设备维护" {
    性质 其他经常性项目
    周期 2024-03-01 至 2024-11-30
    资金 {
      总额 30,000.00 元
    }
    说明 {
      概述 """
        第一段。
        第二段，含“引号”和 # 号。
        """
      绩效目标 "见申报表"
    }
    指标 {
      产出指标 {
        质量指标 {
          设备完好率 90%~95% 分值 10 容差 0.5% 方向 正向 口径 "完好台数 ÷ 总台数"
          平均处理时长 ≤ 3 天 分值 10 容差 1 天 方向 反向
          "维修记录 完整性": 完整
        }
      }
    }
    校验 资金.总额 ≥ 1 万元 且 资金.总额 ≤ 50 万元
    允许 JX-G007 "编外人数按区编办核定"
    允许 JX-T004
  }

  项目 "小额项目" {
    资金 {
      总额 1,000.00 元
    }
    指标 {
      满意度指标 {
        服务对象满意度指标 {
          满意率 ≥ 90%
        }
      }
    }
  }
}
"#;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("示例.jx");
    std::fs::write(&path, source).unwrap();
    let imported = import(&report_workbook(std::slice::from_ref(&path)));
    assert_no_warnings(&imported);
    assert_eq!(diff_against(&path, &imported), "无实质变更。\n");
    let text = &imported.text;
    for line in [
        "    允许 JX-G007 \"编外人数按区编办核定\"\n",
        "    允许 JX-T004\n",
        "          设备完好率 90%~95% 分值 10 容差 0.5% 方向 正向 口径 \"完好台数 ÷ 总台数\"\n",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
}

/// The workbook as a person saves it after editing: every sheet's cells
/// (text, numbers, dates) passed through `edit`, written anew. Merged
/// ranges are not kept: the importer must not depend on them.
fn edited(bytes: &[u8], mut edit: impl FnMut(&str, u32, u32, &mut calamine::Data)) -> Vec<u8> {
    use calamine::{Data, Reader};
    let mut book =
        calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let mut out = Workbook::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        let ws = out.add_worksheet();
        ws.set_name(&name).unwrap();
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (r, row) in range.rows().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r0 + r as u32, c0 + c as u32);
                let mut cell = cell.clone();
                edit(&name, r, c, &mut cell);
                let col = c as u16;
                match cell {
                    Data::String(s) => ws.write_string(r, col, s).map(|_| ()),
                    Data::Float(f) => ws.write_number(r, col, f).map(|_| ()),
                    Data::Int(i) => ws.write_number(r, col, i as f64).map(|_| ()),
                    Data::DateTime(d) => ws
                        .write_number_with_format(r, col, d.as_f64(), &date)
                        .map(|_| ()),
                    Data::Empty => Ok(()),
                    other => panic!("unexpected cell {other:?}"),
                }
                .unwrap();
            }
        }
    }
    out.save_to_buffer().unwrap()
}

/// A target changed in Excel (`≥ 280 人` → `≥ 300 人`): the import differs
/// from the declaration by exactly that.
#[test]
fn edited_target_is_the_only_change() {
    let mut hits = 0;
    let bytes = edited(&report_workbook(&[example()]), |_, _, _, cell| {
        if matches!(cell, calamine::Data::String(s) if s == "≥ 280 人") {
            *cell = calamine::Data::String("≥ 300 人".into());
            hits += 1;
        }
    });
    assert_eq!(hits, 1);
    let imported = import(&bytes);
    assert_no_warnings(&imported);
    assert_eq!(
        diff_against(&example(), &imported),
        "项目“区人大代表工作”：\n  \
         指标“代表履职费发放人数”：≥ 280 人 → ≥ 300 人，收紧\n\n\
         共 1 处实质变更，涉及 1 个项目。\n"
    );
}

/// The summary sheet edited but not the project sheet (or a project sheet
/// deleted): the import follows the project sheets and says what disagrees.
#[test]
fn summary_that_disagrees_is_reported() {
    let bytes = edited(&report_workbook(&[example()]), |sheet, r, c, cell| {
        // 项目资金总额 of the first project, in the summary only.
        if sheet == "部门汇总" && (r, c) == (3, 4) {
            *cell = calamine::Data::Float(100000.0);
        }
        // The second project renamed in the list.
        if sheet == "部门汇总" && (r, c) == (4, 1) {
            *cell = calamine::Data::String("市人大代表小组活动费".into());
        }
    });
    let imported = import(&bytes);
    let messages: Vec<_> = imported
        .diagnostics
        .iter()
        .filter(|d| d.code == "JX-I016")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "工作表“部门汇总”：项目“松江人大网络信息系统维护”的项目资金总额在汇总表中是 100,000.00 元，在项目表中是 90,682.50 元",
            "工作表“部门汇总”：第 5 行列出的项目“市人大代表小组活动费”没有对应的项目表",
            "工作表“部门汇总”：项目表“市人大代表松江小组活动费”不在汇总表的项目清单中",
        ]
    );
    assert_eq!(diff_against(&example(), &imported), "无实质变更。\n");
}

/// One department declared in two files: two summary sheets of one name
/// come back as one `部门` (a file cannot declare a department twice).
#[test]
fn round_trip_of_a_department_in_two_files() {
    let dir = tempfile::tempdir().unwrap();
    for (file, project) in [("a.jx", "甲项目"), ("b.jx", "乙项目")] {
        let text = format!(
            "部门 \"示例局\" {{\n  年度 2025\n  申报 1 个项目，资金 1 万元\n  项目 \"{project}\" {{\n    资金 {{\n      总额 10,000.00 元\n    }}\n    指标 {{\n      产出指标 {{\n        数量指标 {{\n          次数 ≥ 1 次\n        }}\n      }}\n    }}\n  }}\n}}\n"
        );
        std::fs::write(dir.path().join(file), text).unwrap();
    }
    let imported = import(&report_workbook(&[dir.path().to_path_buf()]));
    assert_no_warnings(&imported);
    assert!(imported.others.is_empty());
    assert_eq!(imported.text.matches("部门 \"示例局\"").count(), 1);
    assert!(imported
        .text
        .contains("  # 工作表“部门汇总 2”另有申报声明：申报 1 个项目，资金 1 万元\n"));
    assert_eq!(diff_against(dir.path(), &imported), "无实质变更。\n");
}

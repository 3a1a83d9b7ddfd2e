//! `jixiao import` of Excel workbooks: each recognised layout, built here
//! with rust_xlsxwriter, must give exactly the model of the expected text.

use rust_xlsxwriter::{Format, Workbook, Worksheet};
use std::path::Path;

/// A cell: text, or a number when it parses as one.
fn put(ws: &mut Worksheet, row: u32, col: u16, v: &str) {
    if v.is_empty() {
        return;
    }
    match v.parse::<f64>() {
        Ok(n) if !v.starts_with('0') || v == "0" || v.starts_with("0.") => {
            ws.write_number(row, col, n).unwrap();
        }
        _ => {
            ws.write_string(row, col, v).unwrap();
        }
    };
}

fn rows(ws: &mut Worksheet, from: u32, rows: &[&[&str]]) {
    for (r, cells) in rows.iter().enumerate() {
        for (c, v) in cells.iter().enumerate() {
            put(ws, from + r as u32, c as u16, v);
        }
    }
}

fn import(bytes: &[u8]) -> jixiao::import::Imported {
    jixiao::import::import_bytes(Path::new("表.xlsx"), "表.xlsx", bytes)
}

/// The imported text reads back without syntax or structure errors and
/// means exactly `expected` (findings about the content are not the
/// importer's business).
fn assert_model(imported: &jixiao::import::Imported, expected: &str) {
    assert!(!imported.has_errors(), "{:#?}", imported.diagnostics);
    let got = jixiao::import::verify("导入.jx", &imported.text);
    assert!(
        got.structurally_sound(),
        "{:#?}\n{}",
        got.structural,
        imported.text
    );
    let want = jixiao::import::verify("预期.jx", expected);
    assert!(want.structurally_sound(), "{:#?}", want.structural);
    assert_eq!(got.workspace, want.workspace, "\n{}", imported.text);
    // Written in the canonical layout: formatting it again changes nothing.
    let formatted = jixiao::format::format_text(jixiao::source::FileId(0), &imported.text);
    assert_eq!(formatted.ok().as_deref(), Some(imported.text.as_str()));
}

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
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .arg("import")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("已导入 1 个项目、1 项指标。"), "{stderr}");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("          外出调研次数 ≥ 9 次\n"), "{text}");
    // Refuses to overwrite its input.
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .arg("import")
        .arg(&input)
        .arg("-o")
        .arg(&input)
        .output()
        .unwrap();
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
    let got = jixiao::import::verify("导入.jx", &imported.text);
    assert!(
        got.structurally_sound(),
        "{:#?}\n{}",
        got.structural,
        imported.text
    );
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

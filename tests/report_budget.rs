//! The budget section (`预算 { … }`, issue 17) in every output: the text
//! table and Markdown, JSON (`budget_rows`, `printed_execution_rate`,
//! `printed_execution_score`), CSV, HTML and the workbook; fmt and diff of a
//! 自评 with one. The real form is 四川青神 2023 (a fixture of
//! tests/variants.rs); the example, which has only `预算`/`执行` lines, shows
//! none of it.

#[path = "common/cli.rs"]
mod cli;
use cli::Checked;

use calamine::{open_workbook, Data, Reader, Xlsx};
use std::path::{Path, PathBuf};

fn qingshen() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cases/variants/budget/sichuan-qingshen-sub-rows")
}

fn eval(format: &str) -> String {
    let run = cli::jixiao_in(
        &qingshen(),
        &[
            "eval",
            "申报.jx",
            "--actuals",
            "自评.jx",
            "--format",
            format,
        ],
    );
    run.code(0);
    run.out
}

fn example(format: &str) -> String {
    let run = cli::jixiao(&[
        "eval",
        "examples/songjiang-npc-2025/declaration.jx",
        "--actuals",
        "examples/songjiang-npc-2025/actuals-2025.jx",
        "--format",
        format,
    ]);
    run.code(0);
    run.out
}

#[test]
fn the_text_table_shows_the_rows_and_the_printed_values_beside() {
    let out = eval("table");
    let grid: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("项目资金（元）"))
        .take(7)
        .collect();
    assert_eq!(
        grid,
        [
            "项目资金（元）      年初预算数    全年预算数    全年执行数  分值   执行率   得分  表内分值  表内执行率",
            "----------------  ------------  ------------  ------------  ----  -------  -----  --------  ----------",
            "年度资金总额      2,389,300.00  2,518,900.00  2,518,900.00    10  100.00%  10.00        10     100.00%",
            "其中：财政资金    2,389,300.00  2,518,900.00  2,518,900.00        100.00%                      100.00%",
            "财政专户管理资金          0.00          0.00          0.00                                       0.00%",
            "单位资金                  0.00          0.00          0.00                                       0.00%",
            "其他资金",
        ]
    );
    // The example's table is the one it always was.
    let old = example("table");
    assert!(old.contains("项目资金（元）  全年预算数  全年执行数  分值  执行率  得分\n"));
    assert!(!old.contains("表上") && !old.contains("年初预算数"));
}

#[test]
fn json_names_the_rows_and_the_printed_values() {
    let v: serde_json::Value = serde_json::from_str(&eval("json")).expect("JSON");
    let p = &v["projects"][0];
    assert_eq!(p["printed_execution_rate"], "1.0000");
    assert!(p.get("printed_execution_score").is_none(), "{p}");
    assert!(p.get("execution_base").is_none(), "{p}");
    let rows = p["budget_rows"].as_array().expect("budget_rows");
    assert_eq!(rows.len(), 5);
    assert_eq!(
        rows[0],
        serde_json::json!({
            "name": "年度资金总额",
            "total": true,
            "initial": "2389300.00",
            "adjusted": "2518900.00",
            "spent": "2518900.00",
            "rate": "1",
            "printed_points": "10",
            "printed_rate": "1.0000"
        })
    );
    assert_eq!(rows[4], serde_json::json!({ "name": "其他资金" }));
    // Keys absent when nothing is written: the example's JSON is unchanged.
    let old = example("json");
    for key in ["budget_rows", "printed_", "execution_base"] {
        assert!(!old.contains(key), "{key}");
    }
}

#[test]
fn csv_has_a_row_for_each_row_and_columns_for_the_printed_values() {
    let out = eval("csv");
    let lines: Vec<Vec<String>> = out.lines().map(fields).collect();
    let header = &lines[0];
    // 年初预算数 before 预算数, the printed 执行率 after the computed one; the
    // printed 分值 and 得分 are the indicator table's 表内分值, 表内得分.
    let at = |name: &str| {
        header
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}') == name)
            .unwrap_or_else(|| panic!("{name} 不在表头中：{header:?}"))
    };
    let order = [
        "年初预算数（元）",
        "预算数（元）",
        "执行数（元）",
        "执行率（%）",
        "表内执行率（%）",
        "分值",
        "得分",
        "表内分值",
        "表内得分",
    ];
    let cols: Vec<usize> = order.iter().map(|h| at(h)).collect();
    assert!(cols.windows(2).all(|w| w[1] == w[0] + 1), "{header:?}");
    let budget: Vec<String> = lines
        .iter()
        .filter(|l| l.get(1).is_some_and(|k| k == "预算栏" || k == "预算执行率"))
        .map(|l| {
            [
                at("年初预算数（元）"),
                at("表内分值"),
                at("表内执行率（%）"),
                at("表内得分"),
            ]
            .map(|k| l[k].clone())
            .join("|")
        })
        .collect();
    // Per row: 年初预算数 | 表内分值 | 表内执行率 | 表内得分.
    assert_eq!(
        budget,
        [
            "2389300.00|10|100.00|",
            "2389300.00||100.00|",
            "0.00||0.00|",
            "0.00||0.00|",
            "|||"
        ]
    );
    assert!(lines.iter().any(|l| l.get(1).is_some_and(|k| k == "预算栏")
        && l[4] == "其中：财政资金"
        && l[0] == "51000021R000000019951-工资性支出"));
}

/// The fields of one CSV line (quoted fields may hold commas and `""`).
fn fields(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                out.last_mut().unwrap().push('"');
            }
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(String::new()),
            _ => out.last_mut().unwrap().push(c),
        }
    }
    out
}

/// `jixiao report INPUT FLAG OUT` from `dir`, which must succeed.
fn report(dir: &Path, input: &str, flag: &str, out: &Path) {
    let o = cli::command(dir)
        .args(["report", input, flag])
        .arg(out)
        .checked();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
}

#[test]
fn html_has_the_budget_table_only_where_there_is_a_section() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("自评.html");
    report(&qingshen(), ".", "--html", &page);
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("<table class=\"funds\">"), "{html}");
    assert!(html.contains("<th>表内执行率</th>"));
    assert!(html.contains("<tr><td>其中：财政资金</td>"));
    let old = dir.path().join("例.html");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    report(root, "examples/songjiang-npc-2025", "--html", &old);
    assert!(!std::fs::read_to_string(&old)
        .unwrap()
        .contains("class=\"funds\""));
}

#[test]
fn the_workbook_lists_the_rows_under_the_total_and_shifts_what_follows() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("自评表.xlsx");
    report(&qingshen(), ".", "--xlsx", &out);
    let mut book: Xlsx<_> = open_workbook(&out).expect("workbook");
    let name = book.sheet_names()[1].clone();
    let s = book.worksheet_range(&name).expect("project sheet");
    let text = |r: u32, c: u32| match s.get_value((r, c)) {
        Some(Data::String(t)) => t.clone(),
        other => format!("{other:?}"),
    };
    let float = |r: u32, c: u32| match s.get_value((r, c)) {
        Some(Data::Float(f)) => *f,
        other => panic!("({r}, {c}) should be a number, is {other:?}"),
    };
    let headers: Vec<String> = (3..12).map(|c| text(4, c)).collect();
    assert_eq!(
        headers,
        [
            "年初预算数",
            "全年预算数",
            "全年执行数",
            "分值",
            "执行率",
            "得分",
            "表内分值",
            "表内执行率",
            "None"
        ]
    );
    let labels: Vec<String> = (5..10).map(|r| text(r, 2)).collect();
    assert_eq!(
        labels,
        [
            "年度资金总额",
            "其中：财政资金",
            "财政专户管理资金",
            "单位资金",
            "其他资金"
        ]
    );
    // Numbers stay numbers, the printed ones too.
    assert_eq!(float(5, 3), 2389300.0);
    assert_eq!(float(5, 9), 10.0);
    assert_eq!(float(5, 10), 1.0);
    assert_eq!(float(7, 10), 0.0);
    // 年度总体目标 and the indicators come 4 rows later than in a sheet
    // without rows under the total.
    assert_eq!(text(10, 0), "年度总体目标");
    assert_eq!(text(12, 0), "绩效指标");
}

#[test]
fn fmt_aligns_the_section_and_keeps_its_meaning() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("自评.jx");
    std::fs::write(
        &f,
        "自评 \"局\" 2023 {\n  项目 \"甲\" {\n    预算 {  # 表上的预算执行情况\n      得分 10 年度资金总额\n    }\n  }\n}\n",
    )
    .unwrap();
    // A cell before the row name is not a row: a syntax error.
    cli::jixiao_in(dir.path(), &["fmt", "自评.jx"]).code(1);
    std::fs::write(
        &f,
        "自评 \"局\" 2023 {\n  项目 \"甲\" {\n    预算 {  # 表上的预算执行情况\n      年度资金总额 得分 10 执行率 100.00% 执行 3.36万元 全年 3.36 万元 年初 0 万元 分值 10\n      本年财政拨款 执行 3.36 万元 全年 3.36 万元 年初 0.00 万元 # 其中\n      其他资金\n    }\n  }\n}\n",
    )
    .unwrap();
    cli::jixiao_in(dir.path(), &["fmt", "自评.jx"]).code(0);
    let once = std::fs::read_to_string(&f).unwrap();
    assert_eq!(
        once,
        "自评 \"局\" 2023 {\n  项目 \"甲\" {\n    预算 { # 表上的预算执行情况\n      年度资金总额  年初    0 万元  全年 3.36 万元  执行 3.36 万元  分值 10  执行率 100.00%  得分 10\n      当年拨款      年初 0.00 万元  全年 3.36 万元  执行 3.36 万元 # 其中\n      其他资金\n    }\n  }\n}\n"
    );
    cli::jixiao_in(dir.path(), &["fmt", "--check", "自评.jx"]).code(0);
}

#[test]
fn diff_compares_rows_by_value() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, body: &str| {
        std::fs::write(
            dir.path().join(name),
            format!(
                "自评 \"局\" 2023 {{\n  项目 \"甲\" {{\n    预算 {{\n{body}\n    }}\n  }}\n}}\n"
            ),
        )
        .unwrap();
    };
    write(
        "旧.jx",
        "      年度资金总额 年初 0 万元 全年 3.36 万元 执行 3.36 万元 执行率 100.00%\n      财政资金 全年 3.36 万元",
    );
    // The same amounts and rate written otherwise: no change.
    write(
        "同.jx",
        "      总额 年初 0.00 元 全年 33,600 元 执行 3.36万元 执行率 1\n      财政资金 全年 33,600.00 元",
    );
    cli::jixiao_in(dir.path(), &["diff", "旧.jx", "同.jx"])
        .code(0)
        .lacks(&["自评.预算"]);
    write(
        "新.jx",
        "      年度资金总额 年初 3.36 万元 全年 3.36 万元 执行 3.36 万元 执行率 99%\n      其他资金 全年 3.36 万元",
    );
    cli::jixiao_in(dir.path(), &["diff", "旧.jx", "新.jx"]).has(&[
        "自评.预算.年度资金总额.年初预算数：0 万元 → 3.36 万元（增加 33,600.00 元）",
        "自评.预算.年度资金总额.表内执行率：“100.00%” → “99%”",
        "自评.预算.财政资金.全年预算数：3.36 万元 → （无）",
        "自评.预算.其他资金.全年预算数：（无） → 3.36 万元",
        "共 4 处实质变更",
    ]);
}

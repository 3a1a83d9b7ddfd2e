//! Corrupt or unsafe output (issue 15): control and invisible characters in
//! names, workbooks whose XML must stay well-formed, CSV cells a spreadsheet
//! would run as formulas, and a CSV whose numbers are numbers.

#[path = "../common/csv.rs"]
mod csv;

use crate::cli::{dir_with, jixiao_in};
use csv::{column, rows as csv_rows};
use std::io::Read;
use std::path::Path;

/// A declaration whose names carry what a Word paste brings along: U+001E
/// and U+0007 in the project name, U+200B in the department name, U+202E in
/// an indicator name, U+FEFF inside a group name, and `[]:*?/` for the
/// sheet name.
const PASTED: &str = "部门 \"示例\u{200B}局\" {\n  年度 2025\n  项目 \"示例\u{1E}项目\u{7}[一]:二*三?四/五六七八九十甲乙丙丁戊己庚辛壬癸\" {\n    性质 其他经常性项目\n    资金 {\n      总额 10.04 万元\n    }\n    指标 {\n      产出指标 {\n        \"数量\u{FEFF}指标\" {\n          培训\u{202E}人数 ≥ 140 人\n        }\n      }\n      效益指标 {\n        社会效益指标 {\n          工作质量: 提高\n        }\n      }\n      满意度指标 {\n        服务对象满意度指标 {\n          满意率 ≥ 90%\n        }\n      }\n    }\n  }\n}\n";

const PASTED_ACTUALS: &str = "自评 \"示例\u{200B}局\" 2025 {\n  项目 \"示例\u{1E}项目\u{7}[一]:二*三?四/五六七八九十甲乙丙丁戊己庚辛壬癸\" {\n    预算 100,400.00 元\n    执行 100,000.00 元\n    \"培训\u{202E}人数\" 150 人\n    工作质量: 达成\n    满意率 95%\n  }\n}\n";

#[test]
fn control_character_in_a_name_is_an_error_at_its_column() {
    let dir = dir_with(&[("申报.jx", PASTED)]);
    let r = jixiao_in(dir.path(), &["check", "申报.jx"]);
    r.code(1).has(&[
        "JX-M015",
        "第 3 个字符",
        "U+001E",
        // The label points at the character itself: line 3, column 9.
        "申报.jx:3:9",
        "删除",
    ]);
    // Shown escaped, never raw: a terminal must not receive the control character.
    assert!(!r.err.contains('\u{1E}') || r.err.contains("U+001E"));
}

#[test]
fn bidi_override_and_invisible_characters_in_names_are_findings() {
    let dir = dir_with(&[("申报.jx", PASTED)]);
    let r = jixiao_in(dir.path(), &["check", "申报.jx"]);
    r.has(&["JX-M016", "U+202E", "JX-M017", "U+200B", "U+FEFF"]);
}

/// Every XML part of the workbook at `path`: (part name, text).
fn xml_parts(path: &Path) -> Vec<(String, String)> {
    let file = std::fs::File::open(path).expect("workbook written");
    let mut zip = zip::ZipArchive::new(file).expect("a zip archive");
    let mut parts = Vec::new();
    for k in 0..zip.len() {
        let mut f = zip.by_index(k).expect("zip entry");
        let name = f.name().to_string();
        if name.ends_with(".xml") || name.ends_with(".rels") {
            let mut text = String::new();
            f.read_to_string(&mut text).expect("UTF-8 XML");
            parts.push((name, text));
        }
    }
    parts
}

/// XML 1.0's Char production: what a well-formed document may contain.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Assert the workbook's every XML part is well-formed: only characters
/// XML 1.0 allows, and tags that parse and close.
fn assert_well_formed(path: &Path) {
    let parts = xml_parts(path);
    assert!(parts.iter().any(|(n, _)| n == "xl/workbook.xml"));
    for (name, text) in parts {
        if let Some((i, c)) = text.char_indices().find(|(_, c)| !xml_char(*c)) {
            panic!(
                "{name}: character U+{:04X} at byte {i} is not allowed in XML 1.0",
                c as u32
            );
        }
        let mut reader = quick_xml::Reader::from_str(&text);
        reader.config_mut().check_end_names = true;
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{name} is not well-formed: {e}"),
            }
        }
    }
}

/// The sheet names of a workbook, read back.
fn sheet_names(path: &Path) -> Vec<String> {
    use calamine::Reader;
    let book: calamine::Xlsx<_> = calamine::open_workbook(path).expect("calamine opens it");
    book.sheet_names().to_vec()
}

/// Excel's rules for a sheet name: 1 to 31 characters (UTF-16 units), none
/// of `[]:*?/\`, no control character, not starting or ending with `'`,
/// unique ignoring case.
fn assert_excel_sheet_names(names: &[String]) {
    let mut seen = std::collections::HashSet::new();
    for n in names {
        let units = n.encode_utf16().count();
        assert!((1..=31).contains(&units), "“{n}” is {units} units long");
        assert!(!n.contains(['[', ']', ':', '*', '?', '/', '\\']), "“{n}”");
        assert!(
            !n.chars().any(char::is_control),
            "{n:?} has a control character"
        );
        assert!(!n.starts_with('\'') && !n.ends_with('\''), "“{n}”");
        assert!(seen.insert(n.to_lowercase()), "“{n}” twice");
    }
}

#[test]
fn declaration_workbook_with_control_characters_is_well_formed() {
    let dir = dir_with(&[("申报.jx", PASTED)]);
    let out = dir.path().join("申报表.xlsx");
    let r = jixiao_in(
        dir.path(),
        &["report", "申报.jx", "--xlsx", out.to_str().unwrap()],
    );
    r.has(&["已写出申报表工作簿"]);
    assert_well_formed(&out);
    let names = sheet_names(&out);
    assert_excel_sheet_names(&names);
    assert_eq!(
        names.get(1).map(String::as_str),
        Some("1 示例项目_一__二_三_四_五六七八九十甲乙丙丁戊己庚辛…")
    );
}

#[test]
fn evaluation_workbook_with_control_characters_is_well_formed() {
    let dir = dir_with(&[("申报.jx", PASTED), ("自评.jx", PASTED_ACTUALS)]);
    let out = dir.path().join("自评表.xlsx");
    let r = jixiao_in(
        dir.path(),
        &[
            "report",
            "申报.jx",
            "--actuals",
            "自评.jx",
            "--xlsx",
            out.to_str().unwrap(),
        ],
    );
    r.has(&["已写出自评表工作簿"]);
    assert_well_formed(&out);
    assert_excel_sheet_names(&sheet_names(&out));
}

#[test]
fn html_report_shows_control_and_bidi_characters_harmlessly() {
    let dir = dir_with(&[("申报.jx", PASTED), ("自评.jx", PASTED_ACTUALS)]);
    let out = dir.path().join("自评.html");
    jixiao_in(
        dir.path(),
        &[
            "report",
            "申报.jx",
            "--actuals",
            "自评.jx",
            "--html",
            out.to_str().unwrap(),
        ],
    )
    .has(&["自评.html"]);
    let html = std::fs::read_to_string(&out).expect("page written");
    for c in ['\u{1E}', '\u{7}', '\u{202E}'] {
        assert!(
            !html.contains(c),
            "U+{:04X} written raw into the page",
            c as u32
        );
    }
    assert!(
        html.contains("示例\u{FFFD}项目"),
        "the control character is shown as �"
    );
}

const FORMULAS: &str = "部门 \"=示例局\" {\n  年度 2025\n  项目 \"=HYPERLINK(\\\"http://x\\\",\\\"点我\\\")\" {\n    性质 其他经常性项目\n    资金 {\n      总额 10.04 万元\n    }\n    指标 {\n      产出指标 {\n        数量指标 {\n          \"+培训人数\" ≥ 140 人\n          \"@SUM(A1)\" ≥ 1 次\n        }\n      }\n      效益指标 {\n        经济效益指标 {\n          \"-2+3\" ≥ -5 万元\n        }\n      }\n      满意度指标 {\n        服务对象满意度指标 {\n          满意率 ≥ 90%\n        }\n      }\n    }\n  }\n}\n";

const FORMULAS_ACTUALS: &str = "自评 \"=示例局\" 2025 {\n  项目 \"=HYPERLINK(\\\"http://x\\\",\\\"点我\\\")\" {\n    预算 100,400.00 元\n    执行 90,000.00 元\n    \"+培训人数\" 150 人\n    \"@SUM(A1)\" 2 次\n    \"-2+3\" -3 万元\n    满意率 95%\n  }\n}\n";

fn row<'a>(rows: &'a [Vec<String>], kind: &str, name: &str) -> &'a [String] {
    let k = column(rows, "行");
    let n = column(rows, "三级指标");
    rows.iter()
        .find(|r| r[k] == kind && r[n] == name)
        .unwrap_or_else(|| panic!("no {kind} row “{name}”"))
}

#[test]
fn csv_text_cells_cannot_become_formulas() {
    // Negative actuals scored as they are, so that one reaches the CSV.
    let rules = std::fs::read_to_string(crate::cli::root().join("rules/central-2020.jx"))
        .expect("rule set")
        .replace("负完成值 记为零", "负完成值 照算");
    let dir = dir_with(&[
        ("申报.jx", FORMULAS),
        ("自评.jx", FORMULAS_ACTUALS),
        ("规则.jx", &rules),
    ]);
    let r = jixiao_in(
        dir.path(),
        &[
            "eval",
            "申报.jx",
            "--actuals",
            "自评.jx",
            "--rules",
            "规则.jx",
            "--format",
            "csv",
        ],
    );
    let rows = csv_rows(&r.out);
    let project = column(&rows, "项目");
    for r in &rows[1..] {
        let first = r[project].chars().next();
        assert!(
            !matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r')),
            "a cell starts a formula: {r:?}"
        );
    }
    let ind = row(&rows, "指标", "'+培训人数");
    assert_eq!(ind[project], "'=HYPERLINK(\"http://x\",\"点我\")");
    row(&rows, "指标", "'@SUM(A1)");
    let neg = row(&rows, "指标", "'-2+3");
    // The actual as written is text and guarded; as a number it stays a number.
    assert_eq!(neg[column(&rows, "实际完成值")], "'-3 万元");
    assert_eq!(neg[column(&rows, "完成值")], "-3");
}

#[test]
fn csv_numbers_are_numbers_with_grade_and_summary_columns() {
    let r = crate::cli::jixiao(&["eval", "examples/songjiang-npc-2025/", "--format", "csv"]);
    let rows = csv_rows(&r.out);
    let budget = column(&rows, "预算数（元）");
    let spent = column(&rows, "执行数（元）");
    let rate = column(&rows, "执行率（%）");
    let value = column(&rows, "完成值");
    let unit = column(&rows, "单位");
    let score = column(&rows, "得分");
    let grade = column(&rows, "等级");
    let reason = column(&rows, "偏差原因分析及改进措施");
    let k = column(&rows, "行");
    let first = &rows[1];
    assert_eq!(first[k], "预算执行率");
    assert_eq!(first[budget], "90682.50");
    assert_eq!(first[spent], "88400.00");
    assert_eq!(first[rate], "97.48");
    let cost = row(&rows, "指标", "运维总成本");
    assert_eq!(
        (cost[value].as_str(), cost[unit].as_str()),
        ("8.84", "万元")
    );
    let total = rows.iter().find(|r| r[k] == "总分").expect("a 总分 row");
    assert_eq!(
        (total[score].as_str(), total[grade].as_str()),
        ("80.74", "良")
    );
    assert_eq!(total[reason], "", "the grade has its own column");
    let sum = row(&rows, "部门汇总", "合计");
    assert_eq!(sum[budget], "4362963.50");
    assert_eq!(sum[spent], "4040900.00");
    assert_eq!(sum[rate], "92.62");
    assert_eq!(row(&rows, "部门汇总", "平均分")[score], "91.12");
    let count = column(&rows, "个数");
    assert_eq!(row(&rows, "部门汇总", "项目数")[count], "9");
    assert_eq!(row(&rows, "部门汇总", "等级为优的项目数")[count], "5");
    // Every row has every column.
    assert!(rows.iter().all(|r| r.len() == rows[0].len()));
}

/// A name holding an escape sequence (ESC, a bidi override) is never handed
/// to the terminal: not in any message (JX-T004 quotes the name), not in the
/// source lines shown under it. Before, `check` printed the ESC bytes raw,
/// so a file could clear the screen or retitle the terminal of whoever
/// checked it.
#[test]
fn escape_sequences_in_names_never_reach_the_terminal() {
    let text = crate::cli::SMALL.replace("示例项目", "示例\u{1b}[2J\u{1b}]0;x\u{7}项\u{202E}目");
    let dir = crate::cli::dir_with(&[("申报.jx", &text)]);
    let r = crate::cli::jixiao_in(dir.path(), &["check", "申报.jx"]);
    r.code(1);
    let all = r.all();
    assert!(
        !all.contains('\u{1b}') && !all.contains('\u{7}') && !all.contains('\u{202E}'),
        "check wrote a control character to the terminal:\n{all:?}"
    );
    // JSON keeps the name exact, with its controls escaped (\u001b).
    let r = crate::cli::jixiao_in(dir.path(), &["check", "--format", "json", "申报.jx"]);
    r.code(1).has(&["\\u001b[2J"]);
    assert!(!r.all().contains('\u{1b}'), "{:?}", r.all());
    let r = crate::cli::jixiao_in(dir.path(), &["check", "申报.jx"]);
    // The message says where the characters are; the source line keeps its
    // columns with a visible stand-in.
    r.has(&["〈U+001B〉[2J", "示例?[2J?]0;x?项�目"]);
}

/// The 自评表 as text or Markdown is read in a terminal too: a name holding
/// an escape sequence is shown with a visible stand-in, never sent raw.
/// (CSV and JSON keep the name exact.)
#[test]
fn escape_sequences_in_names_never_reach_the_terminal_in_the_self_evaluation() {
    let name = "示例\u{1b}[2J项\u{202E}目";
    let decl = crate::cli::SMALL.replace("示例项目", name);
    let actuals = format!(
        "自评 \"示例局\" 2025 {{\n  项目 \"{name}\" {{\n    预算 10 万元\n    执行 9 万元\n    培训人数 150 人\n  }}\n}}\n"
    );
    let dir = crate::cli::dir_with(&[("申报.jx", &decl), ("自评.jx", &actuals)]);
    for format in ["table", "markdown"] {
        let r = crate::cli::jixiao_in(
            dir.path(),
            &[
                "eval",
                "申报.jx",
                "--actuals",
                "自评.jx",
                "--format",
                format,
            ],
        );
        assert!(
            !r.out.contains('\u{1b}') && !r.out.contains('\u{202E}'),
            "{format}: {:?}",
            r.out
        );
        assert!(r.out.contains("示例?[2J项�目"), "{format}: {}", r.out);
    }
}

//! Bounds (issue 15): input built to crash, hang or exhaust memory gets a
//! diagnostic instead. Each case here once aborted (stack overflow, exit
//! 134), ran out of memory, printed a panic, or took quadratic time.

use crate::cli::{dir_with, jixiao_in, Run, SMALL};

#[path = "memory.rs"]
mod memory;

/// The most operations an expression may hold (`syntax::error`).
const MAX_OPERATIONS: usize = 256;

/// SMALL with `校验 CHECK` added to its project.
fn with_check(check: &str) -> String {
    SMALL.replace("    指标 {", &format!("    校验 {check}\n    指标 {{"))
}

/// Run `jixiao ARGS…` on files written to a fresh directory; the
/// arguments name the files by their names.
fn run_on(files: &[(&str, &str)], args: &[&str]) -> Run {
    let dir = dir_with(files);
    jixiao_in(dir.path(), args)
}

/// SMALL's project block, without its department.
fn small_project() -> String {
    SMALL
        .lines()
        .skip(2)
        .take_while(|l| *l != "}")
        .collect::<Vec<_>>()
        .join("\n")
}

fn sum(terms: usize) -> String {
    let mut s = String::from("培训人数");
    for _ in 1..terms {
        s.push_str(" + 1");
    }
    s
}

#[test]
fn check_of_thirty_thousand_terms_is_refused() {
    let text = with_check(&format!("{} ≤ 资金.总额", sum(30_000)));
    // `diff` exits 2 when it cannot compare.
    for (args, code) in [
        (&["check", "申报.jx"][..], 1),
        (&["fmt", "--check", "申报.jx"], 1),
        (&["export", "申报.jx"], 1),
        (&["diff", "申报.jx", "申报.jx"], 2),
    ] {
        let r = run_on(&[("申报.jx", &text)], args);
        r.code(code)
            .has(&["JX-S012", "表达式太长", "有 30000 个运算", "超过了 256 个"]);
    }
}

#[test]
fn thirty_thousand_nots_are_refused() {
    let text = with_check(&format!("{}培训人数 ≥ 1", "非 ".repeat(30_000)));
    let r = run_on(&[("申报.jx", &text)], &["check", "申报.jx"]);
    r.code(1).has(&["JX-S012", "有 30001 个运算"]);
    let text = with_check(&format!("{}培训人数 ≥ 1", "- ".repeat(30_000)));
    let r = run_on(&[("申报.jx", &text)], &["check", "申报.jx"]);
    r.code(1).has(&["JX-S012", "有 30001 个运算"]);
}

/// At the limit every stage still works (no stage recurses too deep on the
/// longest expression accepted), one more is refused.
#[test]
fn the_longest_expression_accepted_goes_through_every_stage() {
    // `sum(n)` has n − 1 additions; `≤` is one more.
    let at_limit = with_check(&format!("{} ≤ 资金.总额", sum(MAX_OPERATIONS)));
    let actuals = "自评 \"示例局\" 2025 {\n  项目 \"示例项目\" {\n    培训人数 150 人\n  }\n}\n";
    let files = [("申报.jx", at_limit.as_str()), ("自评.jx", actuals)];
    for args in [
        &["check", "申报.jx"][..],
        &["fmt", "申报.jx"],
        &["export", "申报.jx"],
        &["diff", "申报.jx", "申报.jx"],
        &["eval", "申报.jx", "--actuals", "自评.jx"],
    ] {
        let r = run_on(&files, args);
        r.lacks(&["JX-S012", "overflow"]);
        assert!(r.code == 0 || r.code == 1, "{args:?}: {}", r.all());
    }
    let over = with_check(&format!("{} ≤ 资金.总额", sum(MAX_OPERATIONS + 1)));
    let r = run_on(&[("申报.jx", &over)], &["check", "申报.jx"]);
    r.code(1).has(&["JX-S012", "有 257 个运算"]);
}

#[test]
fn actual_of_twenty_thousand_terms_is_refused() {
    let sum = " + 1".repeat(20_000);
    let actuals = format!(
        "自评 \"示例局\" 2025 {{\n  项目 \"示例项目\" {{\n    培训人数 = 1{sum}\n  }}\n}}\n"
    );
    let files = [("申报.jx", SMALL), ("自评.jx", actuals.as_str())];
    let r = run_on(&files, &["eval", "申报.jx", "--actuals", "自评.jx"]);
    r.code(1).has(&["JX-S012", "有 20000 个运算"]);
}

#[test]
fn rule_formula_of_thirty_thousand_terms_is_refused() {
    let central =
        std::fs::read_to_string(crate::cli::root().join("rules/central-2020.jx")).unwrap();
    let positive = "正向 = 若 达成 则 分值 否则 若 指标值 ≤ 0 则 0 否则 分值 × 完成值 ÷ 指标值";
    assert!(central.contains(positive));
    let rules = central.replace(positive, &format!("正向 = 分值{}", " + 0".repeat(30_000)));
    let actuals = "自评 \"示例局\" 2025 {\n  项目 \"示例项目\" {\n    培训人数 150 人\n  }\n}\n";
    let files = [
        ("申报.jx", SMALL),
        ("自评.jx", actuals),
        ("规则.jx", rules.as_str()),
    ];
    let r = run_on(
        &files,
        &[
            "eval",
            "申报.jx",
            "--actuals",
            "自评.jx",
            "--rules",
            "规则.jx",
        ],
    );
    r.code(1).has(&["JX-S012", "有 30000 个运算"]);
}

#[test]
fn include_chain_of_ten_thousand_files_is_cut() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..10_000 {
        let text = if i == 0 {
            "部门 \"示例局\" {\n  年度 2025\n  引用 \"f1.jx\"\n}\n".to_string()
        } else {
            format!("引用 \"f{}.jx\"\n", i + 1)
        };
        std::fs::write(dir.path().join(format!("f{i}.jx")), text).unwrap();
    }
    std::fs::write(dir.path().join("f10000.jx"), "").unwrap();
    let r = jixiao_in(dir.path(), &["check", "f0.jx"]);
    r.code(1).has(&[
        "JX-S011",
        "引用链太长",
        "“f65.jx”已是第 65 层引用",
        "超过了 64 层",
    ]);
}

#[test]
fn include_chain_within_the_limit_is_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("f0.jx"),
        "部门 \"示例局\" {\n  年度 2025\n  引用 \"f1.jx\"\n}\n",
    )
    .unwrap();
    for i in 1..64 {
        std::fs::write(
            dir.path().join(format!("f{i}.jx")),
            format!("引用 \"f{}.jx\"\n", i + 1),
        )
        .unwrap();
    }
    let project = small_project();
    std::fs::write(dir.path().join("f64.jx"), project).unwrap();
    let r = jixiao_in(dir.path(), &["check", "f0.jx"]);
    r.lacks(&["JX-S011"]).has(&["1 个项目"]);
}

// ───────────── workbooks (`jixiao import`) ─────────────

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="表1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;
const SHARED_STRINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>项目名称</t></si></sst>"#;

/// A one-sheet .xlsx written part by part (so that it can be made hostile):
/// `rows` is the XML inside `<sheetData>`, `filler` bytes of white space
/// go before it; one shared string (index 0).
fn xlsx(rows: &str, filler: usize) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1));
    let sheet_head = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#;
    for (name, text) in [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", RELS),
        ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        ("xl/sharedStrings.xml", SHARED_STRINGS),
    ] {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
    zip.write_all(sheet_head.as_bytes()).unwrap();
    let spaces = vec![b' '; 1 << 20];
    let mut left = filler;
    while left > 0 {
        let n = left.min(spaces.len());
        zip.write_all(&spaces[..n]).unwrap();
        left -= n;
    }
    zip.write_all(rows.as_bytes()).unwrap();
    zip.write_all(b"</sheetData></worksheet>").unwrap();
    zip.finish().unwrap().into_inner()
}

fn import(bytes: &[u8]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("申报表.xlsx"), bytes).unwrap();
    jixiao_in(dir.path(), &["import", "申报表.xlsx"])
}

const A1: &str = r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#;

/// One value at A1 and one at XFD1048576 (1.7 KB): calamine's used range
/// is every cell between, 24 GB; it aborted, out of memory.
#[test]
fn workbook_with_a_value_at_xfd1048576_is_refused() {
    let far = format!(r#"{A1}<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#);
    let bytes = xlsx(&far, 0);
    assert!(bytes.len() < 4096);
    import(&bytes)
        .code(1)
        .has(&["JX-I020", "工作表“表1”范围太大", "XFD1048576", "没有导入"]);
    // A value far out but within bounds is read (only non-empty cells are).
    let near = format!(r#"{A1}<row r="5000"><c r="CV5000"><v>1</v></c></row>"#);
    import(&xlsx(&near, 0)).lacks(&["JX-I020", "JX-I003"]);
}

/// A shared-string index past the table: calamine panics (index out of
/// bounds); its text reached standard error.
#[test]
fn out_of_range_shared_string_is_a_diagnostic_without_panic_text() {
    let bad = r#"<row r="1"><c r="A1" t="s"><v>7</v></c></row>"#;
    import(&xlsx(bad, 0))
        .code(1)
        .has(&["JX-I022", "已损坏"])
        .lacks(&[
            "panicked",
            "index out of bounds",
            "calamine",
            "RUST_BACKTRACE",
        ]);
}

/// 40 MB of sheet XML in a small file: calamine holds a sheet's XML whole
/// (the 8 MB bomb of 1 GB aborted, out of memory).
#[test]
fn zip_bomb_is_refused() {
    let bytes = xlsx(A1, 40 << 20);
    assert!(bytes.len() < 1 << 20, "{}", bytes.len());
    import(&bytes).code(1).has(&[
        "JX-I021",
        "解压后太大",
        "xl/worksheets/sheet1.xml",
        "超过 32 MB",
    ]);
}

/// The same bomb claiming to inflate to 1 KB: the parts are inflated (and
/// counted) before calamine reads them.
#[test]
fn zip_bomb_understating_its_size_is_refused() {
    let mut bytes = xlsx(A1, 40 << 20);
    let name = b"xl/worksheets/sheet1.xml";
    // Local header: size at 22, name at 30; central directory: size at 24,
    // name at 46.
    for (signature, size_at, name_at) in [(b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)] {
        let at = (0..bytes.len() - name_at - name.len())
            .find(|&i| {
                &bytes[i..i + 4] == signature
                    && &bytes[i + name_at..i + name_at + name.len()] == name
            })
            .expect("header of the sheet");
        bytes[at + size_at..at + size_at + 4].copy_from_slice(&1024u32.to_le_bytes());
    }
    import(&bytes)
        .code(1)
        .has(&["解压后太大"])
        .lacks(&["panicked"]);
}

// ───────────── fmt --check ─────────────

/// A ~1 MB declaration of `projects` projects, every line indented one
/// space too many.
fn reindented(projects: usize) -> String {
    let mut text = String::from("部门 \"示例局\" {\n  年度 2025\n");
    let project = small_project();
    for i in 0..projects {
        text.push_str(&project.replace("示例项目", &format!("示例项目{i}")));
        text.push('\n');
    }
    text.push_str("}\n");
    text.lines().map(|l| format!(" {l}\n")).collect()
}

/// Myers' diff of a file whose every line changed was quadratic (1.1 MB:
/// 10 s in release). Beyond a size the lines are paired by position, and
/// the user is told; the diff still turns the file into the formatted one.
#[test]
fn fmt_check_of_a_megabyte_reindented_file_pairs_lines_by_position() {
    let text = reindented(4_500);
    assert!(text.len() > 1 << 20, "{}", text.len());
    let lines = text.lines().count();
    let r = run_on(&[("申报.jx", &text)], &["fmt", "--check", "申报.jx"]);
    r.code(1).has(&[
        "改动的行太多，下面的差异按行的先后逐行对照列出",
        &format!("@@ -1,{lines} +1,{lines} @@"),
        "- 部门 \"示例局\" {\n",
        "+部门 \"示例局\" {\n",
    ]);
    assert_eq!(r.out.matches("\n@@").count(), 1, "one hunk");
    // A small change keeps the shortest diff, without the note.
    let small = SMALL.replace("  年度 2025", "   年度 2025");
    let r = run_on(&[("申报.jx", &small)], &["fmt", "--check", "申报.jx"]);
    r.code(1).has(&["@@ -1,5 +1,5 @@"]).lacks(&["逐行对照"]);
}

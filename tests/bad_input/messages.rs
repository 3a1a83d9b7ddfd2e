//! Issue 15 “Trust first”: messages that sent the user the wrong way. Each
//! test asserts the advice the user now reads, and that the wrong advice is
//! gone.

use crate::cli::{dir_with, jixiao, jixiao_in, SMALL};

/// `SMALL` with its one indicator line replaced by `line`, checked.
fn check_line(line: &str) -> crate::cli::Run {
    let text = SMALL.replace("培训人数 ≥ 140 人", line);
    assert_ne!(text, SMALL);
    super::check_bytes(text.as_bytes(), &[])
}

// ───────────── 1. comparator words ─────────────
// Issue 17 made the words of published forms part of the language: they are
// read, not refused. What remains wrong is gluing them to the name.

#[test]
fn comparator_words_are_read_as_their_symbols() {
    for (words, symbol) in [
        ("人数 不少于 10 人", "≥"),
        ("人数 不低于 10 人", "≥"),
        ("人数 大于等于 10 人", "≥"),
        ("人数 不超过 10 人", "≤"),
        ("人数 小于等于 10 人", "≤"),
        ("人数 10 人以上", "≥"),
        ("人数 10 人及以上", "≥"),
        ("人数 10 人以内", "≤"),
        ("人数 10 人以下", "≤"),
    ] {
        let r = check_line(words);
        r.code(0).lacks(&["JX-S001", "JX-T006"]);
        let dir = dir_with(&[("申报.jx", &SMALL.replace("培训人数 ≥ 140 人", words))]);
        jixiao_in(dir.path(), &["fmt", "--check", "申报.jx"])
            .code(1)
            .has(&[&format!("+          人数 {symbol} 10 人"), "改写为"]);
    }
}

#[test]
fn comparator_words_glued_to_the_name_say_where_the_blanks_go() {
    check_line("人数不少于10人")
        .code(1)
        .has(&["JX-S001", "“不少于”", "人数 不少于 10人", "人数 ≥ 10人"])
        .lacks(&["缺少目标值", "人数不少于10人 ≥"]);
    check_line("满意度不低于95%")
        .code(1)
        .has(&["满意度 不低于 95%"]);
    check_line("人数10人以上")
        .code(1)
        .has(&["JX-S001", "空一格", "人数 10人以上"]);
}

#[test]
fn a_comparator_word_split_by_a_blank_is_told_to_close_the_gap() {
    check_line("人数 大于 等于 10 人")
        .code(1)
        .has(&["JX-S001", "“大于 等于”中间不能有空格", "写作“大于等于”"])
        .lacks(&["单位写在了数字前面"]);
}

// ───────────── 2. a blank inside a comparator ─────────────

#[test]
fn spaced_comparator_is_told_to_close_the_gap() {
    check_line("金额 > = 5000 元")
        .code(1)
        .has(&["JX-S001", "比较符中间不能有空格", "写作 ≥"])
        .lacks(&["写法不对"]);
    check_line("金额 < = 5000 元")
        .code(1)
        .has(&["比较符中间不能有空格", "写作 ≤"]);
}

// ───────────── 3. full-width digits ─────────────

#[test]
fn full_width_digits_are_called_full_width() {
    check_line("人数 ≥ １２３ 人")
        .code(1)
        .has(&["JX-S001", "全角", "“１２３”", "“123”"]);
    let text = SMALL.replace("年度 2025", "年度 ２０２５");
    super::check_bytes(text.as_bytes(), &[])
        .code(1)
        .has(&["全角", "“２０２５”", "“2025”"]);
}

// ───────────── 4. a pasted Excel row ─────────────

#[test]
fn tab_separated_row_is_recognised_as_pasted_from_a_spreadsheet() {
    for row in [
        "产出指标\t数量指标\t培训人数\t≥140人\t10",
        "培训人数\t≥140人\t10",
    ] {
        check_line(row)
            .code(1)
            .has(&["JX-S001", "制表符", "表格"])
            .lacks(&["中有空格", "后面多了"]);
    }
}

// ───────────── 5. --encoding for fmt, diff, import ─────────────

fn gbk(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

#[test]
fn fmt_reads_and_writes_gbk_with_encoding() {
    let messy = "部门 \"局\" {\n年度 2025\n项目 \"甲\" {\n资金 {\n总额 1 万元\n}\n}\n}\n";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("申报.jx");
    std::fs::write(&path, gbk(messy)).unwrap();
    let p = path.to_str().unwrap();
    // Without the flag the advice names it …
    jixiao(&["fmt", "--check", p]).has(&["JX-E003", "--encoding gbk"]);
    // … and the flag works.
    jixiao(&["fmt", "--check", "--encoding", "gbk", p])
        .code(1)
        .lacks(&["JX-E003", "unexpected"]);
    jixiao(&["fmt", "--encoding", "gbk", p])
        .code(0)
        .has(&["有改动"]);
    let bytes = std::fs::read(&path).unwrap();
    let (text, _, errors) = encoding_rs::GBK.decode(&bytes);
    assert!(!errors && std::str::from_utf8(&bytes).is_err(), "still GBK");
    assert!(text.contains("  项目 \"甲\" {"), "formatted:\n{text}");
    jixiao(&["fmt", "--check", "--encoding", "gbk", p]).code(0);
    jixiao(&["fmt", "--encoding", "klingon", p])
        .code(2)
        .has(&["不认识的编码"]);
}

#[test]
fn diff_reads_gbk_with_encoding() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("旧.jx");
    let new = dir.path().join("新.jx");
    std::fs::write(&old, gbk(SMALL)).unwrap();
    std::fs::write(&new, gbk(&SMALL.replace("≥ 140 人", "≥ 150 人"))).unwrap();
    let (o, n) = (old.to_str().unwrap(), new.to_str().unwrap());
    jixiao(&["diff", o, n])
        .code(2)
        .has(&["JX-E003", "--encoding gbk"]);
    jixiao(&["diff", "--encoding", "gbk", o, n])
        .code(1)
        .has(&["培训人数", "140", "150"])
        .lacks(&["JX-E003"]);
}

#[test]
fn import_reads_utf16_with_encoding() {
    let text = "会议纪要\n\n今天讨论了明年的预算。\n";
    let utf16: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("纪要.txt");
    std::fs::write(&path, &utf16).unwrap();
    let p = path.to_str().unwrap();
    jixiao(&["import", p]).code(1).has(&["JX-I002"]);
    // Read as UTF-16, it is text: just not a form.
    jixiao(&["import", "--encoding", "utf-16le", p])
        .code(1)
        .has(&["JX-I001"])
        .lacks(&["JX-I002"]);
    std::fs::write(&path, gbk(text)).unwrap();
    jixiao(&["import", "--encoding", "gbk", p])
        .code(1)
        .has(&["JX-I001"]);
}

// ───────────── 6. one Latin-1 byte in an ASCII file ─────────────

#[test]
fn one_latin1_byte_is_not_utf16() {
    // An ASCII file (a declaration's comments, say), 9.6 KB.
    let mut bytes = Vec::new();
    let mut line = 1;
    while bytes.len() < 9_600 {
        bytes.extend_from_slice(
            b"#thequickbrownfoxjumpsoverthelazydog_thequickbrownfoxjumpsoverthelazydog\n",
        );
        line += 1;
    }
    // `caf\xE9` in Latin-1, on the next line.
    bytes.extend_from_slice(b"#caf\xE9aulait\n");
    let at = bytes.len() - b"\xE9aulait\n".len() + 1;
    let r = super::check_bytes(&bytes, &[]);
    r.code(1)
        .has(&[
            "JX-E006",
            "UTF-8",
            &format!("第 {line} 行"),
            &format!("第 {at} 个字节"),
            "0xE9",
            "Latin-1",
            "GBK",
        ])
        .lacks(&["UTF-16", "JX-E004"]);
}

// ───────────── 7. a missing 引用 is the root cause ─────────────

#[test]
fn missing_include_is_not_followed_by_department_sums() {
    let main = "部门 \"示例局\" {\n  年度 2025\n  申报 2 个项目，资金 20.08 万元\n  项目 \"甲\" {\n    资金 {\n      总额 10.04 万元\n    }\n  }\n  引用 \"乙.jx\"\n}\n";
    let dir = dir_with(&[("申报.jx", main)]);
    let r = jixiao_in(dir.path(), &["check", "申报.jx"]);
    r.code(1)
        .has(&["JX-E010", "乙.jx"])
        .lacks(&["JX-D001", "JX-D002", "应写作"]);
    // With the file there, the sums are checked again.
    let part = "项目 \"乙\" {\n  资金 {\n    总额 5 万元\n  }\n}\n";
    let dir = dir_with(&[("申报.jx", main), ("乙.jx", part)]);
    jixiao_in(dir.path(), &["check", "申报.jx"])
        .code(1)
        .has(&["JX-D002"])
        .lacks(&["JX-E010", "JX-D001"]);
}

// ───────────── 8. F001 does not hide D002 ─────────────

#[test]
fn wrong_total_reports_both_the_split_and_the_department_sum() {
    // Project 1's 总额 is off by 100,000 元; its 年度申请 is not.
    let text = super::SEED.replacen("总额     90,682.50 元", "总额     190,682.50 元", 1);
    assert_ne!(text, super::SEED);
    super::check_bytes(text.as_bytes(), &[]).code(1).has(&[
        "JX-F001",
        "JX-D002",
        "4,462,963.50 元",
    ]);
}

// ───────────── 9. usage errors in Chinese ─────────────

#[test]
fn unknown_flag_is_told_in_chinese() {
    jixiao(&["check", "--foo", "a.jx"])
        .code(2)
        .has(&["未知的选项", "--foo", "jixiao check --help"])
        .lacks(&["error:", "unexpected", "Usage", "tip:"]);
    jixiao(&["check", "--encodng", "gbk", "a.jx"])
        .code(2)
        .has(&["未知的选项", "--encodng", "是不是想写“--encoding”"]);
}

#[test]
fn missing_argument_is_told_in_chinese() {
    jixiao(&["check"])
        .code(2)
        .has(&["缺少", "<路径>", "用法"])
        .lacks(&["error:", "required", "Usage"]);
    jixiao(&["check", "--format", "xml", "a.jx"])
        .code(2)
        .has(&["--format", "“xml”", "human", "json"])
        .lacks(&["error:", "invalid value", "possible values"]);
    jixiao(&["chek", "a.jx"])
        .code(2)
        .has(&["未知的命令", "“chek”", "是不是想写“check”"])
        .lacks(&["error:", "unrecognized"]);
    jixiao(&[])
        .code(2)
        .has(&["用法", "check"])
        .lacks(&["Usage", "Commands:"]);
}

#[test]
fn help_is_in_chinese() {
    for args in [
        &["--help"][..],
        &["check", "--help"],
        &["eval", "-h"],
        &["help"],
    ] {
        let r = jixiao(args);
        r.code(0).has(&["用法", "选项", "显示帮助"]).lacks(&[
            "Usage",
            "Options:",
            "Arguments:",
            "Commands:",
            "Print help",
            "[default:",
            "[possible values",
        ]);
    }
    jixiao(&["check", "--help"]).has(&["参数", "默认", "可选值"]);
    jixiao(&["--version"]).code(0).has(&["jixiao"]);
}

// ───────────── 10. dividing by zero names what was zero ─────────────

#[test]
fn check_dividing_by_zero_names_the_divisor() {
    let text = SMALL
        .replace("培训人数 ≥ 140 人", "培训人数 ≥ 0 人")
        .replace(
            "    指标 {",
            "    校验 资金.总额 ÷ 培训人数 ≥ 1 元/人\n    指标 {",
        );
    super::check_bytes(text.as_bytes(), &[])
        .code(1)
        .has(&["JX-C006", "除数“培训人数”为 0"])
        .lacks(&["除数 0 人 为 0"]);
}

#[test]
fn formula_dividing_by_zero_names_the_divisor() {
    let r = super::eval_with_rules(
        &super::CENTRAL.replace(super::POSITIVE, "正向 = 分值 × 完成值 ÷ 0"),
    );
    r.code(1).has(&["JX-V012", "除数为零"]).lacks(&["0 = 0"]);
    let r = super::eval_with_rules(
        &super::CENTRAL.replace(super::POSITIVE, "正向 = 分值 × 完成值 ÷ (指标值 − 指标值)"),
    );
    r.code(1)
        .has(&["JX-V012", "除数为零", "指标值 − 指标值"])
        .lacks(&["0 = 0"]);
}

/// `check -` reads standard input, as the README says (it was told that a
/// file named “-” does not exist); errors point into <标准输入>.
#[test]
fn check_reads_standard_input() {
    use crate::cli::jixiao_stdin;
    let r = jixiao_stdin(&["check", "-"], crate::cli::SMALL.as_bytes());
    r.code(0)
        .has(&["检查了 1 个文件、1 个部门、1 个项目、1 项指标：0 个错误"])
        .lacks(&["JX-E001"]);
    let bad = crate::cli::SMALL.replace(
        "性质 其他经常性项目",
        "性质 其他经常性项目\n    实施单元 \"x\"",
    );
    let r = jixiao_stdin(&["check", "-"], bad.as_bytes());
    r.code(1).has(&["JX-M001", "<标准输入>:5:5"]);
    let (gbk, _, _) = encoding_rs::GBK.encode(crate::cli::SMALL);
    jixiao_stdin(&["check", "-"], &gbk)
        .code(1)
        .has(&["JX-E003"]);
    jixiao_stdin(&["check", "--encoding", "gbk", "-"], &gbk).code(0);
}

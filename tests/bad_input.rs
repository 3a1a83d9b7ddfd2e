//! Bad input through the binary: each case asserts the exit code and the key
//! words of what the user reads, and that nothing panicked.

use std::process::Command;

struct Run {
    code: i32,
    out: String,
    err: String,
}

impl Run {
    /// Everything the user sees.
    fn all(&self) -> String {
        format!("{}{}", self.out, self.err)
    }
    fn has(&self, words: &[&str]) {
        let all = self.all();
        for w in words {
            assert!(all.contains(w), "“{w}” missing from:\n{all}");
        }
    }
}

fn jixiao(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run jixiao");
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        out: String::from_utf8_lossy(&out.stdout).into_owned(),
        err: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(
        !run.err.contains("panicked") && !run.out.contains("panicked"),
        "jixiao panicked:\n{}",
        run.err
    );
    run
}

/// Write `bytes` to a fresh `.jx` file and run `jixiao check` on it.
fn check_bytes(bytes: &[u8], extra: &[&str]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("申报.jx");
    std::fs::write(&path, bytes).unwrap();
    let p = path.to_str().unwrap();
    let mut args = vec!["check"];
    args.extend_from_slice(extra);
    args.push(p);
    jixiao(&args)
}

const SMALL: &str = "部门 \"示例局\" {\n  年度 2025\n  项目 \"示例项目\" {\n    性质 其他经常性项目\n    资金 {\n      总额 10.04 万元\n    }\n    指标 {\n      产出指标 {\n        数量指标 {\n          培训人数 ≥ 140 人\n        }\n      }\n    }\n  }\n}\n";

#[test]
fn empty_file() {
    let r = check_bytes(b"", &[]);
    assert_eq!(r.code, 1);
    r.has(&["JX-E002", "空"]);
}

#[test]
fn only_a_bom() {
    let r = check_bytes(b"\xEF\xBB\xBF", &[]);
    assert_eq!(r.code, 1);
    r.has(&["JX-E002", "BOM"]);
}

#[test]
fn gbk_file_is_named_and_explained() {
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(SMALL);
    assert!(!unmappable);
    let r = check_bytes(&bytes, &[]);
    assert_eq!(r.code, 1);
    r.has(&[
        "JX-E003",
        "GBK",
        "UTF-8",
        "--encoding gbk",
        "iconv -f GBK -t UTF-8",
        "另存为",
    ]);
}

#[test]
fn gbk_file_reads_with_encoding_option() {
    let (bytes, _, _) = encoding_rs::GBK.encode(SMALL);
    let r = check_bytes(&bytes, &["--encoding", "gbk"]);
    assert_eq!(r.code, 0, "{}", r.all());
    r.has(&["1 个项目", "1 项指标", "0 个错误"]);
}

#[test]
fn utf16_le_with_bom() {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(SMALL.encode_utf16().flat_map(u16::to_le_bytes));
    let r = check_bytes(&bytes, &[]);
    assert_eq!(r.code, 1);
    r.has(&[
        "JX-E004",
        "UTF-16",
        "--encoding utf-16le",
        "iconv -f UTF-16LE -t UTF-8",
    ]);
    let r = check_bytes(&bytes, &["--encoding", "utf-16le"]);
    assert_eq!(r.code, 0, "{}", r.all());
}

#[test]
fn utf16_without_bom() {
    let le: Vec<u8> = SMALL.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let r = check_bytes(&le, &[]);
    assert_eq!(r.code, 1);
    r.has(&["JX-E004", "UTF-16", "没有字节顺序标记", "utf-16le"]);
    let be: Vec<u8> = SMALL.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let r = check_bytes(&be, &[]);
    assert_eq!(r.code, 1);
    r.has(&["JX-E004", "utf-16be"]);
    // Chinese only, no ASCII (so no zero bytes to go by).
    let cjk: Vec<u8> = "部门项目指标资金说明"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let r = check_bytes(&cjk, &[]);
    assert_eq!(r.code, 1);
    r.has(&["JX-E004"]);
}

#[test]
fn binary_garbage() {
    let mut bytes = Vec::new();
    let mut x: u32 = 12345;
    for _ in 0..20_000 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        bytes.push((x >> 16) as u8);
    }
    let r = check_bytes(&bytes, &[]);
    assert_eq!(r.code, 1);
    r.has(&["JX-E005", "不是文本文件"]);
    // A PNG header.
    let r = check_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01", &[]);
    assert_eq!(r.code, 1);
    r.has(&["JX-E005"]);
}

#[test]
fn utf8_with_bom_and_crlf_is_accepted() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(SMALL.replace('\n', "\r\n").into_bytes());
    let r = check_bytes(&bytes, &[]);
    assert_eq!(r.code, 0, "{}", r.all());
    r.has(&["1 个部门", "1 个项目", "1 项指标", "0 个错误"]);
}

#[test]
fn crlf_error_positions_are_right() {
    let text = SMALL
        .replace("总额 10.04 万元", "总额 10.04 万元。")
        .replace('\n', "\r\n");
    let r = check_bytes(text.as_bytes(), &[]);
    assert_eq!(r.code, 1);
    r.has(&["申报.jx:6:18", "多了“。”"]);
}

#[test]
fn only_comments() {
    let r = check_bytes("# 这是注释\n\n＃ 另一行注释\n".as_bytes(), &[]);
    assert_eq!(r.code, 0, "a file of comments is a warning, not an error");
    r.has(&["JX-E007", "只有注释", "1 个警告"]);
}

#[test]
fn nonexistent_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("没有这个文件.jx");
    let r = jixiao(&["check", path.to_str().unwrap()]);
    assert_eq!(r.code, 2);
    r.has(&["JX-E001", "没有这个文件.jx", "不存在"]);
}

#[test]
fn misspelt_path_gets_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("declaration.jx"), SMALL).unwrap();
    let typo = dir.path().join("declaratoin.jx");
    let r = jixiao(&["check", typo.to_str().unwrap()]);
    assert_eq!(r.code, 2);
    r.has(&["JX-E001", "不存在", "是不是", "declaration.jx”"]);
}

#[test]
fn empty_directory() {
    let dir = tempfile::tempdir().unwrap();
    let r = jixiao(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(r.code, 2);
    r.has(&["JX-E008", "没有 .jx 文件", "目录是空的"]);
    // Files, but none ending in .jx.
    std::fs::write(dir.path().join("申报表.txt"), SMALL).unwrap();
    let r = jixiao(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(r.code, 2);
    r.has(&["JX-E008", "1 个其他文件", "申报表.txt", "以 .jx 结尾"]);
    // An upper-case extension (Windows) is read.
    std::fs::write(dir.path().join("申报表.JX"), SMALL).unwrap();
    let r = jixiao(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.all());
    r.has(&["1 个文件", "1 个项目"]);
}

#[test]
fn ten_thousand_nested_braces() {
    let deep = format!(
        "部门 \"示例局\" {{\n  项目 \"示例项目\" {{\n{}{}\n  }}\n}}\n",
        "{".repeat(10_000),
        "}".repeat(10_000)
    );
    let r = check_bytes(deep.as_bytes(), &[]);
    assert_eq!(r.code, 1);
    r.has(&["JX-S010", "嵌套太深", "第 3 行"]);
    // Deep indicator groups and parentheses in a check, too.
    let groups = format!(
        "部门 \"示例局\" {{\n  项目 \"示例项目\" {{\n    指标 {{\n{}{}\n    }}\n  }}\n}}\n",
        "分组 {\n".repeat(10_000),
        "}\n".repeat(10_000)
    );
    let r = check_bytes(groups.as_bytes(), &[]);
    assert_eq!(r.code, 1);
    r.has(&["JX-S010"]);
    let parens = format!(
        "部门 \"示例局\" {{\n  项目 \"示例项目\" {{\n    校验 {}1{} ≤ 2\n  }}\n}}\n",
        "(".repeat(10_000),
        ")".repeat(10_000)
    );
    let r = check_bytes(parens.as_bytes(), &[]);
    assert_eq!(r.code, 1);
    r.has(&["JX-S010"]);
}

#[test]
fn thousand_digit_number() {
    let text = SMALL.replace("10.04 万元", &format!("{} 元", "9".repeat(1000)));
    let r = check_bytes(text.as_bytes(), &[]);
    assert_eq!(r.code, 1);
    r.has(&["JX-M004", "共 1000 位数字", "28 位有效数字"]);
}

#[test]
fn huge_single_line() {
    // 20,000 projects on one line of about 800 KB: read, not refused.
    let mut line = String::from("部门 \"示例局\" { 年度 2025; ");
    for i in 0..20_000 {
        line.push_str(&format!("项目 \"项目{i}\" {{ 性质 其他经常性项目 }}; "));
    }
    line.push('}');
    let r = check_bytes(line.as_bytes(), &[]);
    assert_eq!(r.code, 0, "{}", &r.all()[..r.all().len().min(2000)]);
    r.has(&["20000 个项目", "0 个错误"]);
    // A huge line of nonsense: one clear error, and the output stays small.
    let junk = format!(
        "部门 \"示例局\" {{\n  年度 2025\n  {}\n}}\n",
        "啊".repeat(300_000)
    );
    let r = check_bytes(junk.as_bytes(), &[]);
    assert_eq!(r.code, 1);
    r.has(&["JX-S001", "部门块里不认识"]);
    assert!(r.all().len() < 20_000, "output of {} bytes", r.all().len());
}

#[test]
fn fifty_thousand_bad_lines_are_summed_up() {
    let mut text = String::from("部门 \"示例局\" {\n");
    for i in 0..50_000 {
        text.push_str(&format!("  坏行{i} 内容\n"));
    }
    text.push_str("}\n");
    let r = check_bytes(text.as_bytes(), &[]);
    assert_eq!(r.code, 1);
    r.has(&[
        "部门块里不认识“坏行0”",
        "还有 49900 行无法识别",
        "101 个错误",
    ]);
}

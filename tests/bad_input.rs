//! Bad input through the binary: each case asserts the exit code and the key
//! words of what the user reads, and that nothing panicked.

#[path = "bad_input/bounds.rs"]
mod bounds;
#[path = "bad_input/catalogue.rs"]
mod catalogue;
#[path = "bad_input/checks.rs"]
mod checks;
#[path = "common/cli.rs"]
mod cli;
#[path = "bad_input/files.rs"]
mod files;
#[path = "bad_input/messages.rs"]
mod messages;
#[path = "bad_input/output.rs"]
mod output;
#[path = "bad_input/scores.rs"]
mod scores;
use cli::{jixiao, root, Run, SMALL};
use std::process::Command;

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
fn deep_nesting_at_the_end_of_a_large_file() {
    // Above 1 MiB the depth scan runs beside the skeleton's: its finding
    // still wins, wherever in the file the nesting is.
    let mut text = String::from("部门 \"示例局\" {\n");
    while text.len() < 3 << 20 {
        text.push_str("  项目 \"示例项目\" {\n    资金 { 年度申请 10 万元 }\n  }\n");
    }
    let line = text.lines().count() + 1;
    text.push_str(&format!("{}{}\n}}\n", "{".repeat(100), "}".repeat(100)));
    let r = check_bytes(text.as_bytes(), &[]);
    assert_eq!(r.code, 1);
    r.has(&["JX-S010", "嵌套太深", &format!("第 {line} 行")]);
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
    // `--all`: the 101st finding of JX-S001 is the one summing up the rest
    // (people see the first 20 of a code without it, issue 16).
    let r = check_bytes(text.as_bytes(), &["--all"]);
    assert_eq!(r.code, 1);
    r.has(&[
        "部门块里不认识“坏行0”",
        "还有 49900 行无法识别",
        "101 个错误",
    ]);
}

// ───────────── issue 8: the rest of the bad-input catalogue ─────────────

const SEED: &str = include_str!("../examples/songjiang-npc-2025/declaration.jx");
const SEED_ACTUALS: &str = include_str!("../examples/songjiang-npc-2025/actuals-2025.jx");
const CENTRAL: &str = include_str!("../rules/central-2020.jx");
const SEED_DEPARTMENT: &str = "部门 \"上海市松江区人民代表大会常务委员会办公室\"";

/// The seed declaration repeated until the text is at least `bytes` long,
/// each copy its own department (so nothing is a duplicate). Returns the
/// text and the number of copies.
fn repeated_seed(bytes: usize) -> (String, usize) {
    let mut text = String::with_capacity(bytes + SEED.len());
    let mut n = 0;
    while text.len() < bytes {
        text.push_str(&SEED.replace(SEED_DEPARTMENT, &format!("部门 \"办公室{n}\"")));
        n += 1;
    }
    (text, n)
}

/// Run `jixiao check` on a large generated file; on Linux also return its
/// peak resident memory in KB.
fn check_large(bytes: usize) -> (Run, usize, Option<u64>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("大文件.jx");
    let (text, copies) = repeated_seed(bytes);
    std::fs::write(&path, &text).unwrap();
    drop(text);
    let (run, peak) = run_measured(&["check", path.to_str().unwrap()]);
    assert!(!run.all().contains("panicked"), "{}", run.err);
    (run, copies, peak)
}

/// Run jixiao, and on Linux read its peak resident memory (VmHWM, in KB)
/// from /proc while it runs: the high-water mark only grows, so the last
/// reading before it exits is its peak, but for its last few milliseconds.
fn run_measured(args: &[&str]) -> (Run, Option<u64>) {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = cli::command(&cli::root())
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let drain = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut s = Vec::new();
            r.read_to_end(&mut s).unwrap();
            String::from_utf8_lossy(&s).into_owned()
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak = None;
    let status = loop {
        let hwm = std::fs::read_to_string(&status_file).ok().and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("VmHWM:"))?.to_string();
            line.split_whitespace().nth(1)?.parse::<u64>().ok()
        });
        peak = hwm.or(peak);
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    };
    let run = Run {
        code: status.code().unwrap_or(-1),
        out: out.join().unwrap(),
        err: err.join().unwrap(),
    };
    (run, peak)
}

/// What the process needs whatever its input: the binary, the thread pool's
/// stacks as far as they are touched, the allocator's arenas (measured with
/// mimalloc, release build: a seed-sized check peaks at 11.5 MB, one of
/// 2.6 MB at 23 MB).
const FIXED_KB: u64 = 32_000;

/// Beyond twice the text and the fixed part: the chunk of projects being
/// lowered, the diagnostics kept and the batch being rendered.
const GROWING_SLACK_KB: u64 = 16_000;

/// A 20 MB file of 800 seed copies is checked (every copy counted, the
/// seed's own warnings reported once per copy) in at most twice its size:
/// the text, and the model of one chunk of projects at a time (issue 8).
/// Before the model was dropped project by project this took 8.6 times.
#[test]
fn large_file() {
    let (r, copies, peak) = check_large(20_000_000);
    assert_eq!(r.code, 0, "{}", &r.err[r.err.len().saturating_sub(2000)..]);
    r.has(&[
        &format!("{copies} 个部门"),
        &format!("{} 个项目", copies * 9),
        &format!("{} 项指标", copies * 58),
        "0 个错误",
    ]);
    if cfg!(target_os = "linux") {
        let kb = peak.expect("VmHWM in /proc/PID/status");
        // The part that does not grow with the input, measured on this
        // build and machine: the same command on the seed alone (a debug
        // build: about 20.5 MB, the binary's touched pages and the pool).
        // A fixed 32 MB allowance left this test within 1 MB of failing
        // once the file was read instead of mapped (issue 15: 71.6–72.6 MB
        // against 72.0); the growing part is what the test is about.
        let seed = root().join("examples/songjiang-npc-2025/declaration.jx");
        let (_, base) = run_measured(&["check", seed.to_str().unwrap()]);
        let base = base.expect("VmHWM of the seed check");
        eprintln!("jixiao check of 20 MB: peak {kb} KB, seed alone {base} KB");
        assert!(
            kb < 2 * 20_000 + base + GROWING_SLACK_KB,
            "peak memory {kb} KB for a 20 MB file (seed alone: {base} KB)"
        );
    }
}

/// The full-size version (issue 8): a 200 MB file, checked in at most twice
/// its size. It runs in CI: with the fast parser a debug build checks it in
/// about 15 s on two cores (peak 357 MB, 1.78×; a release build 1.69×).
#[test]
fn large_file_200mb() {
    let (r, copies, peak) = check_large(200_000_000);
    assert_eq!(r.code, 0, "{}", &r.err[r.err.len().saturating_sub(2000)..]);
    r.has(&[&format!("{} 个项目", copies * 9), "0 个错误"]);
    eprintln!("jixiao check of 200 MB ({copies} copies): peak {peak:?} KB");
    if cfg!(target_os = "linux") {
        let kb = peak.expect("VmHWM in /proc/PID/status");
        assert!(kb < 2 * 200_000, "peak memory {kb} KB for a 200 MB file");
    }
}

/// Files of 16 MiB and more are mapped rather than read: a large file with
/// a BOM and CRLF line ends, a large GBK file and a large file with a byte
/// that is not UTF-8 are still read (or refused) as small ones are.
#[test]
fn large_files_in_other_encodings() {
    let (text, copies) = repeated_seed(17 << 20);
    // `--all`: every copy's finding, not the first 20 of its code (issue 16).
    let plain = check_bytes(text.as_bytes(), &["--all"]);
    let mut crlf = vec![0xEF, 0xBB, 0xBF];
    crlf.extend_from_slice(text.replace('\n', "\r\n").as_bytes());
    let with_bom = check_bytes(&crlf, &["--all"]);
    assert_eq!(plain.code, with_bom.code);
    // The same findings at the same lines and columns (the folders differ).
    let places = |r: &Run| -> Vec<String> {
        r.out
            .lines()
            .filter_map(|l| l.split_once("申报.jx:").map(|(_, at)| at.to_string()))
            .collect()
    };
    assert_eq!(
        places(&plain),
        places(&with_bom),
        "a BOM and CRLF change nothing"
    );
    assert_eq!(plain.out.lines().last(), with_bom.out.lines().last());
    assert!(
        places(&plain).len() >= copies,
        "the seed's warning in every copy"
    );
    plain.has(&[&format!("{} 个项目", copies * 9)]);
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    check_bytes(&gbk, &[]).has(&["GBK", "--encoding gbk"]);
    check_bytes(&gbk, &["--encoding", "gbk"]).has(&[&format!("{} 个项目", copies * 9)]);
    let mut broken = text.into_bytes();
    let at = broken.len() / 2;
    broken.insert(at, 0xFF);
    let r = check_bytes(&broken, &[]);
    assert_ne!(r.code, 0, "a byte that is not UTF-8 is not read as text");
    assert!(!r.all().contains("panicked"), "{}", r.err);
}

/// `jixiao eval` streams (issue 7): a 45 MB department of 15,000 generated
/// projects with its actuals is evaluated in the text and a chunk of
/// projects, not the whole model, actuals and evaluation (which took 8.8
/// times the input). Measured: 117 MB in a debug build (release 111 MB;
/// 1.78× at 100,000 projects, where the fixed part weighs less).
#[test]
fn large_eval() {
    let dept = jixiao::gen::generate(&jixiao::gen::Options {
        projects: 15_000,
        seed: 3,
        departments: 1,
    });
    let dir = tempfile::tempdir().unwrap();
    let decl = dir.path().join("申报.jx");
    let acts = dir.path().join("自评.jx");
    let decl_text: String = dept.iter().map(jixiao::gen::declaration).collect();
    let acts_text: String = dept.iter().map(jixiao::gen::actuals).collect();
    let input_kb = ((decl_text.len() + acts_text.len()) / 1000) as u64;
    std::fs::write(&decl, decl_text).unwrap();
    std::fs::write(&acts, acts_text).unwrap();
    drop(dept);
    let (r, peak) = run_measured(&[
        "eval",
        decl.to_str().unwrap(),
        "--actuals",
        acts.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    assert_eq!(r.code, 0, "{}", &r.err[r.err.len().saturating_sub(2000)..]);
    assert_eq!(r.out.matches(",总分,").count(), 15_000);
    r.has(&["0 个错误"]);
    if cfg!(target_os = "linux") {
        let kb = peak.expect("VmHWM in /proc/PID/status");
        eprintln!("jixiao eval of {input_kb} KB: peak {kb} KB");
        assert!(
            kb < 3 * input_kb + FIXED_KB,
            "peak memory {kb} KB for {input_kb} KB of declarations and actuals"
        );
    }
}

#[test]
fn amount_beyond_decimal_range() {
    // 1e30 元: 31 digits, more than Decimal holds.
    let text = SMALL.replace("10.04 万元", &format!("1{} 元", "0".repeat(30)));
    let r = check_bytes(text.as_bytes(), &[]);
    assert_eq!(r.code, 1);
    r.has(&["JX-M004", "28 位有效数字"]);
    // In range as written, out of range once 万元 is converted to 元.
    let text = SMALL.replace("10.04 万元", "79,228,162,514,264,337,593,543,950,335 万元");
    let r = check_bytes(text.as_bytes(), &[]);
    assert!(r.code == 0 || r.code == 1, "{}", r.all());
    // 亿元 too, in a target and in a check.
    let text = SMALL
        .replace("10.04 万元", "79,228,162,514,264,337,593,543,950 亿元")
        .replace(
            "培训人数 ≥ 140 人",
            "培训总成本 ≤ 79228162514264337593543950335 亿元",
        );
    let r = check_bytes(text.as_bytes(), &[]);
    assert!(r.code == 0 || r.code == 1, "{}", r.all());
}

/// Each amount fits, their sum does not: the department total, the funds
/// breakdown and a check formula all overflow and say so without panicking.
#[test]
fn sums_of_large_amounts_overflow() {
    let big = "50,000,000,000,000,000,000,000,000,000 元";
    let mut text = format!("部门 \"局\" {{\n  年度 2025\n  申报 3 个项目，资金 {big}\n");
    for i in 0..3 {
        text.push_str(&format!(
            "  项目 \"项目{i}\" {{\n    资金 {{\n      总额 {big}\n      年度申请 {big}\n      财政资金 {big}\n      当年拨款 {big}\n      上年结转 {big}\n      其他资金 {big}\n    }}\n    校验 资金.总额 + 资金.总额 + 资金.总额 ≤ 资金.总额 × 3\n    指标 {{\n      成本指标 {{\n        经济成本指标 {{\n          总成本 ≤ {big}\n        }}\n      }}\n    }}\n  }}\n"
        ));
    }
    text.push_str("}\n");
    let r = check_bytes(text.as_bytes(), &[]);
    assert!(r.code == 0 || r.code == 1, "{}", r.all());
    r.has(&["3 个项目"]);
    let r = check_bytes(text.as_bytes(), &["--format", "json"]);
    assert!(r.code == 0 || r.code == 1, "{}", r.all());
}

/// Run `jixiao eval` on the seed with the given rule text.
fn eval_with_rules(rules: &str) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("申报.jx");
    let a = dir.path().join("自评.jx");
    let r = dir.path().join("规则.jx");
    std::fs::write(&d, SEED).unwrap();
    std::fs::write(&a, SEED_ACTUALS).unwrap();
    std::fs::write(&r, rules).unwrap();
    jixiao(&[
        "eval",
        d.to_str().unwrap(),
        "--actuals",
        a.to_str().unwrap(),
        "--rules",
        r.to_str().unwrap(),
    ])
}

const POSITIVE: &str = "正向 = 若 达成 则 分值 否则 若 指标值 ≤ 0 则 0 否则 分值 × 完成值 ÷ 指标值";

#[test]
fn rule_set_dividing_by_zero() {
    assert!(CENTRAL.contains(POSITIVE));
    let r = eval_with_rules(&CENTRAL.replace(POSITIVE, "正向 = 分值 × 完成值 ÷ 0"));
    assert_eq!(r.code, 1, "{}", r.all());
    r.has(&["JX-V012", "除数为零"]);
    let r = eval_with_rules(&CENTRAL.replace(
        "执行率 = 最小(执行数 ÷ 预算数, 1) × 分值",
        "执行率 = 分值 ÷ (执行数 − 执行数)",
    ));
    assert_eq!(r.code, 1, "{}", r.all());
    r.has(&["JX-V012", "除数为零"]);
}

#[test]
fn rule_set_overflowing() {
    let huge = "79228162514264337593543950335";
    let r = eval_with_rules(
        &CENTRAL.replace(POSITIVE, &format!("正向 = 分值 × {huge} × {huge} × 完成值")),
    );
    assert_eq!(r.code, 1, "{}", r.all());
    r.has(&["超出可表示的范围"]);
    // Tiny quotients and huge exponents of precision: no panic either.
    let r = eval_with_rules(&CENTRAL.replace(
        POSITIVE,
        &format!("正向 = 分值 ÷ {huge} ÷ {huge} × {huge} × {huge}"),
    ));
    assert!(r.code == 0 || r.code == 1, "{}", r.all());
    let r = eval_with_rules(&CENTRAL.replace("舍入 2 位", "舍入 99999 位"));
    assert!(r.code == 1 || r.code == 0, "{}", r.all());
}

/// An include through a symbolic link that points outside the root is
/// refused like a path that leaves it. (Cycles, missing files and `../`
/// paths: tests/cases/include, checked by tests/cases.rs.)
#[cfg(unix)]
#[test]
fn include_through_a_symlink_outside_the_root_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("外部.jx"),
        "项目 \"外部项目\" {\n  性质 其他经常性项目\n}\n",
    )
    .unwrap();
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir(root.path().join(".git")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("外部.jx"), root.path().join("链接.jx"))
        .unwrap();
    let main = root.path().join("申报.jx");
    std::fs::write(&main, "部门 \"局\" {\n  年度 2025\n  引用 \"链接.jx\"\n}\n").unwrap();
    let r = jixiao(&["check", main.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.all());
    r.has(&["根目录", "链接.jx"]);
    assert!(!r.all().contains("1 个项目"), "{}", r.all());
    // An absolute path outside the root, too.
    let abs = outside.path().join("外部.jx");
    std::fs::write(
        &main,
        format!(
            "部门 \"局\" {{\n  年度 2025\n  引用 \"{}\"\n}}\n",
            abs.display()
        ),
    )
    .unwrap();
    let r = jixiao(&["check", main.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.all());
    r.has(&["根目录"]);
}

#[test]
fn directory_of_ten_thousand_files() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..10_000 {
        std::fs::write(
            dir.path().join(format!("项目{i:05}.jx")),
            format!(
                "部门 \"局{i}\" {{\n  项目 \"项目{i}\" {{\n    性质 其他经常性项目\n  }}\n}}\n"
            ),
        )
        .unwrap();
    }
    let r = jixiao(&["check", dir.path().to_str().unwrap()]);
    let all = r.all();
    let tail: String = all.lines().rev().take(30).collect::<Vec<_>>().join("\n");
    assert_eq!(r.code, 0, "{tail}");
    r.has(&["10000 个文件", "10000 个项目", "0 个错误"]);
}

// ── fmt never leaves a half-written or lost file ──

const MESSY: &str = "部门 \"局\" {\n年度 2025\n项目 \"甲\" {\n资金 {\n总额 1 万元\n}\n}\n}\n";

fn files_in(dir: &std::path::Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn fmt_of_a_file_changed_while_formatting_writes_nothing() {
    use jixiao::safe_write::{replace_file_with, Hooks, WriteError};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.jx");
    std::fs::write(&path, MESSY).unwrap();
    let edited = format!("{MESSY}# 编辑器里刚保存的一行\n");
    let result = replace_file_with(
        &path,
        MESSY.as_bytes(),
        b"formatted",
        Hooks {
            write: &mut |f, b| std::io::Write::write_all(f, b),
            before_rename: &mut || std::fs::write(&path, &edited).unwrap(),
        },
    );
    assert!(matches!(result, Err(WriteError::Changed)), "{result:?}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);
    assert_eq!(files_in(dir.path()), ["a.jx"], "temporary file left behind");
    // Changed before formatting started: also refused.
    let result = jixiao::safe_write::replace_file(&path, MESSY.as_bytes(), b"formatted");
    assert!(matches!(result, Err(WriteError::Changed)));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);
    // And the message the user reads.
    assert_eq!(WriteError::Changed.to_string(), "文件在处理期间被改动了");
}

#[test]
fn fmt_with_the_disk_full_keeps_the_original() {
    use jixiao::safe_write::{replace_file_with, Hooks, WriteError};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.jx");
    std::fs::write(&path, MESSY).unwrap();
    // Half the bytes go out, then ENOSPC.
    let result = replace_file_with(
        &path,
        MESSY.as_bytes(),
        "格式化后的内容，很长很长".as_bytes(),
        Hooks {
            write: &mut |f, b| {
                std::io::Write::write_all(f, &b[..b.len() / 2])?;
                Err(std::io::Error::from_raw_os_error(28))
            },
            before_rename: &mut || {},
        },
    );
    let Err(e @ WriteError::Io(_)) = result else {
        panic!("{result:?}")
    };
    #[cfg(unix)]
    assert_eq!(e.to_string(), "磁盘空间已满");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), MESSY);
    assert_eq!(files_in(dir.path()), ["a.jx"], "temporary file left behind");
}

/// A real full disk: a 64 KB tmpfs, which this test mounts (root on Linux).
/// Ignored by a plain `cargo test`; `.ci/run` runs it as root. Run without
/// the right to mount, it fails rather than passing without looking.
#[cfg(target_os = "linux")]
#[test]
#[ignore = "needs root (mounts a tmpfs)"]
fn fmt_on_a_really_full_disk() {
    let mnt = tempfile::tempdir().unwrap();
    let m = mnt.path().to_str().unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs", m])
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    assert!(mounted, "cannot mount a tmpfs here: run as root on Linux");
    struct Unmount(String);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(&self.0).status();
        }
    }
    let _guard = Unmount(m.to_string());
    // A 30 KB messy file, then fill the disk so that the formatted copy
    // cannot be written beside it.
    let mut text = String::from("部门 \"局\" {\n年度 2025\n");
    for i in 0..300 {
        text.push_str(&format!("项目 \"项目{i}\" {{\n性质 其他经常性项目\n}}\n"));
    }
    text.push_str("}\n");
    let path = mnt.path().join("a.jx");
    std::fs::write(&path, &text).unwrap();
    let filler = mnt.path().join("filler");
    let mut f = std::fs::File::create(&filler).unwrap();
    let block = vec![b'x'; 1024];
    while std::io::Write::write_all(&mut f, &block).is_ok() {}
    drop(f);
    let r = jixiao(&["fmt", path.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.all());
    r.has(&["JX-X011", "a.jx", "磁盘空间已满", "原文件没有改动"]);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    assert_eq!(files_in(mnt.path()), ["a.jx", "filler"]);
}

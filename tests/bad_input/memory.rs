//! Hostile input under an address-space limit (`ulimit -v`): each command
//! must end with its diagnostic, not be killed or abort for want of
//! memory. The limit is 4 × the input + 200 MB, plus the thread pool's
//! stacks (16 MiB of address space a worker, reserved, barely touched).
//!
//! Measured (debug build, 2 cores): `check` of a 300-byte file runs in
//! 25 MB of address space and fails below it (the binary and libc mapped);
//! a 5 MB file checked on the pool needs about 90 MB. So 200 MB holds,
//! with the pool's stacks counted apart: on a 64-core machine they alone
//! are 1 GB of address space.
//!
//! To add a case: a row in [`cases`] (files, arguments, exit code, words).

use super::{reindented, sum, with_check, xlsx, A1};
use crate::cli::{finish, Run, SMALL};
use std::process::Command;

/// One hostile input: the files it writes, the command, what it must end in.
struct Case {
    name: &'static str,
    files: Vec<(String, Vec<u8>)>,
    args: Vec<&'static str>,
    code: i32,
    words: Vec<&'static str>,
    /// What files alone cannot make (links, FIFOs), made in the folder.
    setup: Option<fn(&std::path::Path)>,
}

fn case(
    name: &'static str,
    files: Vec<(String, Vec<u8>)>,
    args: &[&'static str],
    code: i32,
    words: &[&'static str],
) -> Case {
    Case {
        name,
        files,
        args: args.to_vec(),
        code,
        words: words.to_vec(),
        setup: None,
    }
}

/// A case whose folder also needs `setup`.
fn with_setup(mut c: Case, setup: fn(&std::path::Path)) -> Case {
    c.setup = Some(setup);
    c
}

/// A file `申报.jx` holding `text`.
fn declaration(text: impl Into<Vec<u8>>) -> Vec<(String, Vec<u8>)> {
    vec![("申报.jx".to_string(), text.into())]
}

fn workbook(bytes: Vec<u8>) -> Vec<(String, Vec<u8>)> {
    vec![("申报表.xlsx".to_string(), bytes)]
}

const CHECK: &[&str] = &["check", "申报.jx"];
const IMPORT: &[&str] = &["import", "申报表.xlsx"];

fn cases() -> Vec<Case> {
    let actuals = format!(
        "自评 \"示例局\" 2025 {{\n  项目 \"示例项目\" {{\n    培训人数 = {}\n  }}\n}}\n",
        sum(20_000)
    );
    let mut chain: Vec<(String, Vec<u8>)> = (1..10_000)
        .map(|i| {
            (
                format!("f{i}.jx"),
                format!("引用 \"f{}.jx\"\n", i + 1).into(),
            )
        })
        .collect();
    chain.push((
        "申报.jx".into(),
        "部门 \"示例局\" {\n  年度 2025\n  引用 \"f1.jx\"\n}\n".into(),
    ));
    let mut eval = declaration(SMALL);
    eval.push(("自评.jx".into(), actuals.into()));
    let far = format!(r#"{A1}<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#);
    let mut garbage = Vec::with_capacity(20_000);
    let mut x: u32 = 12345;
    for _ in 0..20_000 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        garbage.push((x >> 16) as u8);
    }
    let mut bad_lines = String::from("部门 \"示例局\" {\n");
    for i in 0..50_000 {
        bad_lines.push_str(&format!("  坏行{i} 内容\n"));
    }
    bad_lines.push_str("}\n");
    vec![
        // bounds (issue 15)
        case(
            "校验 of 30,000 terms",
            declaration(with_check(&format!("{} ≤ 资金.总额", sum(30_000)))),
            CHECK,
            1,
            &["JX-S012"],
        ),
        case(
            "30,000 非",
            declaration(with_check(&format!("{}培训人数 ≥ 1", "非 ".repeat(30_000)))),
            CHECK,
            1,
            &["JX-S012"],
        ),
        case(
            "actual of 20,000 terms",
            eval,
            &["eval", "申报.jx", "--actuals", "自评.jx"],
            1,
            &["JX-S012"],
        ),
        case("引用 chain of 10,000 files", chain, CHECK, 1, &["JX-S011"]),
        case(
            "xlsx value at XFD1048576",
            workbook(xlsx(&far, 0)),
            IMPORT,
            1,
            &["JX-I020"],
        ),
        case(
            "xlsx bomb of 40 MB",
            workbook(xlsx(A1, 40 << 20)),
            IMPORT,
            1,
            &["JX-I021"],
        ),
        case(
            "xlsx shared string out of range",
            workbook(xlsx(r#"<row r="1"><c r="A1" t="s"><v>7</v></c></row>"#, 0)),
            IMPORT,
            1,
            &["JX-I022"],
        ),
        case(
            "fmt --check of 1 MB re-indented",
            declaration(reindented(4_500)),
            &["fmt", "--check", "申报.jx"],
            1,
            &["逐行对照"],
        ),
        // the common hostile inputs of tests/bad_input.rs
        case(
            "10,000 nested braces",
            declaration(format!(
                "部门 \"示例局\" {{\n  项目 \"示例项目\" {{\n{}{}\n  }}\n}}\n",
                "{".repeat(10_000),
                "}".repeat(10_000)
            )),
            CHECK,
            1,
            &["JX-S010"],
        ),
        case(
            "10,000 nested parentheses",
            declaration(with_check(&format!(
                "{}1{} ≤ 2",
                "(".repeat(10_000),
                ")".repeat(10_000)
            ))),
            CHECK,
            1,
            &["JX-S010"],
        ),
        case(
            "1,000-digit number",
            declaration(SMALL.replace("10.04 万元", &format!("{} 元", "9".repeat(1000)))),
            CHECK,
            1,
            &["JX-M004"],
        ),
        case(
            "300,000 characters of nonsense on one line",
            declaration(format!(
                "部门 \"示例局\" {{\n  年度 2025\n  {}\n}}\n",
                "啊".repeat(300_000)
            )),
            CHECK,
            1,
            &["JX-S001"],
        ),
        case(
            "50,000 bad lines",
            declaration(bad_lines),
            CHECK,
            1,
            &["JX-S001"],
        ),
        case(
            "binary garbage",
            declaration(garbage),
            CHECK,
            1,
            &["JX-E005"],
        ),
        case("empty file", declaration(""), CHECK, 1, &["JX-E002"]),
    ]
    .into_iter()
    .chain(other_cases())
    .collect()
}

/// The other rows of docs/bad-input.md (files, names and output, scores,
/// messages): small inputs, but each command must end the same way under
/// the limit (a walk that loops or a read that never ends would not).
fn other_cases() -> Vec<Case> {
    let with_actuals = |decl: String, actuals: String| {
        let mut f = declaration(decl);
        f.push(("自评.jx".into(), actuals.into()));
        f
    };
    let one = |target: &str, actual: &str| {
        with_actuals(
            SMALL.replace("培训人数 ≥ 140 人", &format!("培训人数 {target}")),
            format!("自评 \"示例局\" 2025 {{\n  项目 \"示例项目\" {{\n    预算 10 万元\n    执行 9 万元\n    培训人数 {actual}\n  }}\n}}\n"),
        )
    };
    const EVAL: &[&str] = &["eval", "申报.jx", "--actuals", "自评.jx"];
    vec![
        with_setup(
            case("folder with symbolic-link loops and a link to /", declaration(SMALL), &["check", "."], 0, &["检查了 1 个文件"]),
            |dir| {
                std::os::unix::fs::symlink(".", dir.join("x")).unwrap();
                std::os::unix::fs::symlink(".", dir.join("y")).unwrap();
                std::os::unix::fs::symlink("/", dir.join("根")).unwrap();
            },
        ),
        with_setup(case("a FIFO", Vec::new(), &["check", "管道.jx"], 2, &["JX-E014"]), |dir| {
            let ok = Command::new("mkfifo")
                .arg(dir.join("管道.jx"))
                .status()
                .is_ok_and(|s| s.success());
            assert!(ok, "mkfifo");
        }),
        case("/dev/zero", Vec::new(), &["check", "/dev/zero"], 2, &["JX-E014"]),
        case("report over its own input", declaration(SMALL), &["report", "申报.jx", "--xlsx", "申报.jx"], 2, &["JX-E016"]),
        case(
            "control character in a project name",
            declaration(SMALL.replace("示例项目", "示例\u{1e}项目")),
            &["report", "申报.jx", "--xlsx", "申报表.xlsx"],
            1,
            &["JX-M015"],
        ),
        case("look-alike project names", declaration(SMALL.replace("  }\n}\n", "  }\n").to_string() + &SMALL[SMALL.find("  项目").unwrap_or(0)..].replace("示例项目", "示例项目 ")), CHECK, 1, &["JX-M005"]),
        case(
            "overflowing 总额",
            declaration(SMALL.replace("10.04 万元", "7922816251426433759354395033 亿元")),
            CHECK,
            1,
            &["JX-M004"],
        ),
        case(
            "29 decimal places",
            declaration(SMALL.replace("≥ 140 人", "≥ 0.00000000000000000000000000001 人")),
            CHECK,
            1,
            &["JX-M004"],
        ),
        case("comparator word glued to the name", declaration(SMALL.replace("培训人数 ≥ 140 人", "培训人数不少于140人")), CHECK, 1, &["JX-S001", "培训人数 不少于 140人"]),
        case("full-width digits", declaration(SMALL.replace("≥ 140 人", "≥ １４０ 人")), CHECK, 1, &["全角"]),
        case("negative actual", one("≥ -5 人", "-30 人"), EVAL, 0, &["0.00"]),
        case("strict comparator at the boundary", one("< 5 人", "5 人"), EVAL, 0, &["49.99"]),
        case("actual without a unit", one("≥ 140 人", "150"), EVAL, 0, &["JX-V032"]),
        case("negative spending", with_actuals(SMALL.to_string(), "自评 \"示例局\" 2025 {\n  项目 \"示例项目\" {\n    预算 10 万元\n    执行 -5 元\n  }\n}\n".into()), EVAL, 1, &["JX-V030"]),
        case(
            "formula text in a CSV cell",
            with_actuals(
                SMALL.replace("培训人数", "\"=HYPERLINK(1)\""),
                "自评 \"示例局\" 2025 {\n  项目 \"示例项目\" {\n    预算 10 万元\n    执行 9 万元\n    \"=HYPERLINK(1)\" 150 人\n  }\n}\n".into(),
            ),
            &["eval", "申报.jx", "--actuals", "自评.jx", "--format", "csv"],
            0,
            &["'=HYPERLINK"],
        ),
    ]
}

/// Address space for `input` bytes: 4 × + 200 MB + the pool's stacks.
fn limit_kb(input: usize) -> usize {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    (4 * input + (200 << 20) + workers * (16 << 20)) / 1024
}

/// Run one case under its limit.
fn run(c: &Case) -> (Run, usize) {
    let dir = tempfile::tempdir().unwrap();
    let mut input = 0;
    for (name, bytes) in &c.files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
        input += bytes.len();
    }
    if let Some(setup) = c.setup {
        setup(dir.path());
    }
    let kb = limit_kb(input);
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(r#"ulimit -v "$0" && exec "$@""#)
        .arg(kb.to_string())
        .arg(crate::cli::bin())
        .args(&c.args)
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null());
    (finish(cmd), kb)
}

#[test]
fn hostile_inputs_end_in_a_diagnostic_within_their_memory() {
    let mut failures = Vec::new();
    for c in cases() {
        let (r, kb) = run(&c);
        let all = r.all();
        let ok = r.code == c.code
            && c.words.iter().all(|w| all.contains(w))
            && !all.contains("memory allocation")
            && !all.contains("overflow");
        if !ok {
            let shown: String = all.chars().take(600).collect();
            failures.push(format!(
                "{}（{} MB）：退出码 {}，应为 {}；输出：\n{shown}",
                c.name,
                kb / 1024,
                r.code,
                c.code
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The limit is real: the same harness stops a command that needs more.
#[test]
fn the_limit_is_enforced() {
    let c = case("tiny limit", declaration(SMALL), CHECK, 0, &[]);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("申报.jx"), SMALL).unwrap();
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(r#"ulimit -v "$0" && exec "$@""#)
        .arg("4000")
        .arg(crate::cli::bin())
        .args(&c.args)
        .current_dir(dir.path());
    let r = finish(cmd);
    assert_ne!(r.code, 0, "{} ran in 4 MB of address space", c.name);
}

//! Files and I/O (issue 15, "trust first"): outputs that would overwrite
//! inputs, `fmt` keeping what it replaces, directory loops, FIFOs and
//! devices, files changing underneath, and I/O errors said in Chinese.

use crate::cli::{self, jixiao_in, Run, SMALL};
use std::path::Path;

const EXAMPLE: &str = "examples/songjiang-npc-2025";

/// A copy of the bundled example (declaration.jx, actuals-2025.jx) and the
/// central rule set (rules.jx) in a fresh folder.
fn example_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in ["declaration.jx", "actuals-2025.jx"] {
        std::fs::copy(cli::root().join(EXAMPLE).join(name), dir.path().join(name)).unwrap();
    }
    std::fs::copy(
        cli::root().join("rules/central-2020.jx"),
        dir.path().join("rules.jx"),
    )
    .unwrap();
    dir
}

fn bytes(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap()
}

/// `jixiao ARGS` in `dir`, killed after 60 s (`timeout` exits 124) and
/// limited to 2 GB of address space, so a hang or a read without end fails
/// the test instead of stalling the suite or the machine.
fn bounded(dir: &Path, args: &[&str]) -> Run {
    let mut c = std::process::Command::new("sh");
    c.current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null())
        .arg("-c")
        .arg("ulimit -v 2000000; exec timeout 60 \"$@\"")
        .arg("sh")
        .arg(crate::cli::bin())
        .args(args);
    let r = cli::finish(c);
    assert_ne!(r.code, 124, "jixiao {args:?} did not finish in 60 s");
    r
}

// ── 1. report never writes over its inputs ──

fn report_refused(dir: &Path, args: &[&str], kept: &[&str]) -> Run {
    let before: Vec<Vec<u8>> = kept.iter().map(|k| bytes(&dir.join(k))).collect();
    let r = jixiao_in(dir, args);
    r.code(2).has(&["JX-E016", "没有写出"]);
    for (k, b) in kept.iter().zip(before) {
        assert_eq!(bytes(&dir.join(k)), b, "{k} was overwritten");
    }
    r
}

#[test]
fn report_xlsx_onto_the_declaration_is_refused() {
    let dir = example_copy();
    let d = dir.path();
    report_refused(
        d,
        &["report", "declaration.jx", "--xlsx", "declaration.jx"],
        &["declaration.jx"],
    )
    .has(&["declaration.jx", "输入"]);
    // Named another way (./), still the same file.
    report_refused(
        d,
        &["report", "declaration.jx", "--xlsx", "./declaration.jx"],
        &["declaration.jx"],
    );
}

#[test]
fn report_html_onto_the_actuals_or_rules_is_refused() {
    let dir = example_copy();
    let all = ["declaration.jx", "actuals-2025.jx", "rules.jx"];
    let cases: [&[&str]; 3] = [
        &["--actuals", "actuals-2025.jx", "--html", "actuals-2025.jx"],
        // The actuals found among the inputs, not named by --actuals.
        &["actuals-2025.jx", "--html", "actuals-2025.jx"],
        &[
            "--actuals",
            "actuals-2025.jx",
            "--rules",
            "rules.jx",
            "--xlsx",
            "rules.jx",
        ],
    ];
    for case in cases {
        let mut args = vec!["report", "declaration.jx"];
        args.extend_from_slice(case);
        report_refused(dir.path(), &args, &all);
    }
}

#[test]
fn report_onto_a_file_found_in_an_input_folder_is_refused() {
    let dir = example_copy();
    let d = dir.path();
    std::fs::create_dir(d.join("申报")).unwrap();
    std::fs::rename(d.join("declaration.jx"), d.join("申报/declaration.jx")).unwrap();
    report_refused(
        d,
        &["report", "申报", "--xlsx", "申报/declaration.jx"],
        &["申报/declaration.jx"],
    );
}

#[cfg(unix)]
#[test]
fn report_onto_a_hard_link_of_an_input_is_refused() {
    let dir = example_copy();
    let d = dir.path();
    std::fs::hard_link(d.join("declaration.jx"), d.join("同一个.jx")).unwrap();
    report_refused(
        d,
        &["report", "declaration.jx", "--xlsx", "同一个.jx"],
        &["declaration.jx"],
    );
}

#[test]
fn report_with_one_path_for_both_outputs_is_refused() {
    let dir = example_copy();
    let d = dir.path();
    let r = jixiao_in(
        d,
        &[
            "report",
            "declaration.jx",
            "--actuals",
            "actuals-2025.jx",
            "--xlsx",
            "报告",
            "--html",
            "./报告",
        ],
    );
    r.code(2).has(&["JX-E016", "--xlsx", "--html", "没有写出"]);
    assert!(!d.join("报告").exists(), "something was written");
}

#[test]
fn report_to_distinct_outputs_still_writes_both() {
    let dir = example_copy();
    let d = dir.path();
    jixiao_in(
        d,
        &[
            "report",
            "declaration.jx",
            "--actuals",
            "actuals-2025.jx",
            "--xlsx",
            "自评表.xlsx",
            "--html",
            "自评.html",
        ],
    )
    .code(0);
    assert!(bytes(&d.join("自评表.xlsx")).starts_with(b"PK"));
    assert!(bytes(&d.join("自评.html")).starts_with(b"<!"));
}

// ── 2. fmt keeps owner, mode and links, and cleans up after itself ──

const MESSY: &str = "部门 \"局\" {\n年度 2025\n项目 \"甲\" {\n资金 {\n总额 1 万元\n}\n}\n}\n";

fn names_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[cfg(unix)]
fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0")
}

#[cfg(unix)]
#[test]
fn fmt_keeps_owner_and_mode() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = cli::dir_with(&[("a.jx", MESSY)]);
    let a = dir.path().join("a.jx");
    std::fs::set_permissions(&a, std::fs::Permissions::from_mode(0o640)).unwrap();
    let root = is_root();
    if root {
        std::os::unix::fs::chown(&a, Some(65534), Some(65534)).unwrap();
    } else {
        eprintln!("not root: the owner of a formatted file is not checked (CI runs as root)");
    }
    jixiao_in(dir.path(), &["fmt", "a.jx"])
        .code(0)
        .has(&["已格式化"]);
    assert_ne!(bytes(&a), MESSY.as_bytes(), "not formatted");
    let meta = std::fs::metadata(&a).unwrap();
    assert_eq!(meta.mode() & 0o7777, 0o640, "mode");
    if root {
        assert_eq!((meta.uid(), meta.gid()), (65534, 65534), "owner");
    }
    assert_eq!(names_in(dir.path()), ["a.jx"]);
}

#[cfg(unix)]
#[test]
fn fmt_of_a_hard_linked_file_keeps_the_link() {
    use std::os::unix::fs::MetadataExt;
    let dir = cli::dir_with(&[("a.jx", MESSY)]);
    let a = dir.path().join("a.jx");
    let b = dir.path().join("b.jx");
    std::fs::hard_link(&a, &b).unwrap();
    jixiao_in(dir.path(), &["fmt", "a.jx"]).code(0);
    assert_ne!(bytes(&a), MESSY.as_bytes(), "not formatted");
    assert_eq!(
        bytes(&a),
        bytes(&b),
        "the other name still has the old text"
    );
    assert_eq!(std::fs::metadata(&a).unwrap().nlink(), 2, "link broken");
    assert_eq!(names_in(dir.path()), ["a.jx", "b.jx"]);
}

#[test]
fn fmt_removes_a_temporary_file_left_by_a_killed_run() {
    let dir = cli::dir_with(&[("a.jx", MESSY)]);
    // What `kill -9` during the write leaves: a hidden temp beside the file.
    let stale = dir.path().join(".a.jx.jixiao-kX9q2Z.tmp");
    std::fs::write(&stale, MESSY.repeat(100)).unwrap();
    jixiao_in(dir.path(), &["fmt", "a.jx"]).code(0);
    assert_eq!(names_in(dir.path()), ["a.jx"], "stale temporary file kept");
}

#[test]
fn report_and_import_leave_no_temporary_files() {
    let dir = example_copy();
    let d = dir.path();
    jixiao_in(d, &["report", "declaration.jx", "--xlsx", "申报表.xlsx"]).code(0);
    let mut names = names_in(d);
    names.retain(|n| n.starts_with('.'));
    assert!(names.is_empty(), "{names:?}");
}

// ── 3. directory walks never loop and never leave the root ──

#[cfg(unix)]
#[test]
fn symlink_loops_in_a_folder_are_walked_once() {
    let dir = cli::dir_with(&[("ws/a.jx", SMALL)]);
    let ws = dir.path().join("ws");
    std::os::unix::fs::symlink(".", ws.join("x")).unwrap();
    std::os::unix::fs::symlink(".", ws.join("y")).unwrap();
    std::os::unix::fs::symlink("/", ws.join("根")).unwrap();
    for cmd in [
        &["check", "ws"][..],
        &["export", "ws"],
        &["fmt", "--check", "ws"],
    ] {
        let r = bounded(dir.path(), cmd);
        assert!(r.code == 0 || r.code == 1, "{cmd:?}: {}", r.all());
    }
    bounded(dir.path(), &["check", "ws"])
        .code(0)
        .has(&["1 个文件", "1 个项目"]);
    bounded(dir.path(), &["report", "ws", "--xlsx", "out.xlsx"]).code(0);
}

// ── 4. only regular files are read ──

#[cfg(unix)]
fn mkfifo(p: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(p)
        .status()
        .is_ok_and(|s| s.success());
    assert!(ok, "mkfifo");
}

#[cfg(unix)]
#[test]
fn a_fifo_on_the_command_line_is_refused() {
    let dir = cli::dir_with(&[]);
    mkfifo(&dir.path().join("管道.jx"));
    for cmd in ["check", "export", "fmt"] {
        bounded(dir.path(), &[cmd, "管道.jx"])
            .code(2)
            .has(&["JX-E014", "管道.jx", "不是普通文件"]);
    }
    bounded(dir.path(), &["import", "管道.jx"])
        .code(2)
        .has(&["JX-E014"]);
}

#[cfg(unix)]
#[test]
fn a_fifo_named_by_an_include_is_refused() {
    let dir = cli::dir_with(&[("a.jx", "引用 \"管道.jx\"\n")]);
    mkfifo(&dir.path().join("管道.jx"));
    bounded(dir.path(), &["check", "a.jx"])
        .code(2)
        .has(&["JX-E014", "管道.jx", "不是普通文件"]);
}

#[cfg(unix)]
#[test]
fn a_device_is_refused() {
    let dir = cli::dir_with(&[]);
    for cmd in ["check", "fmt", "import"] {
        bounded(dir.path(), &[cmd, "/dev/zero"]).code(2).has(&[
            "JX-E014",
            "/dev/zero",
            "不是普通文件",
        ]);
    }
    bounded(dir.path(), &["diff", "/dev/zero", "/dev/zero"]).has(&["不是普通文件"]);
}

/// `fmt -` reading standard input that never ends stops at the limit of
/// one file instead of eating memory until it dies.
#[cfg(unix)]
#[test]
fn fmt_of_an_endless_standard_input_stops_at_the_limit() {
    let mut c = std::process::Command::new("sh");
    c.env("NO_COLOR", "1")
        .arg("-c")
        .arg("ulimit -v 8000000; exec timeout 60 \"$1\" fmt - < /dev/zero")
        .arg("sh")
        .arg(crate::cli::bin());
    let r = cli::finish(c);
    r.code(2).has(&["JX-E015", "标准输入", "文件太大"]);
}

// ── 5. a large file changing underneath is an error, not a crash ──

#[cfg(unix)]
#[test]
fn a_large_file_truncated_while_checking_does_not_crash() {
    let dir = cli::dir_with(&[]);
    let path = dir.path().join("大.jx");
    let gen = jixiao_in(
        dir.path(),
        &["gen", "--projects", "8000", "-o", path.to_str().unwrap()],
    );
    gen.code(0);
    assert!(std::fs::metadata(&path).unwrap().len() >= 17 << 20);
    for delay_ms in [0, 30, 150] {
        let keep = bytes(&path);
        let mut c = cli::command(dir.path());
        c.args(["check", "大.jx"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let child = c.spawn().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let f = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
        f.set_len(4096).unwrap();
        drop(f);
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.code().is_some(),
            "killed by a signal after {delay_ms} ms: {:?}\n{err}",
            out.status
        );
        assert!(!err.contains("panicked"), "{err}");
        std::fs::write(&path, keep).unwrap();
    }
}

// ── 6. I/O errors in Chinese ──

fn no_english(r: &Run) {
    r.lacks(&[
        "os error",
        "No such file",
        "Not a directory",
        "Is a directory",
    ]);
}

#[test]
fn io_errors_are_said_in_chinese() {
    let dir = cli::dir_with(&[("a.jx", SMALL)]);
    let d = dir.path();
    // A file used as a folder (ENOTDIR).
    let r = jixiao_in(d, &["check", "a.jx/b.jx"]);
    r.code(2).has(&["JX-E001", "不是目录"]);
    no_english(&r);
    let r = jixiao_in(d, &["import", "不存在.txt"]);
    r.code(2).has(&["不存在"]);
    no_english(&r);
    let r = jixiao_in(d, &["import", "a.jx/b.txt"]);
    r.code(2).has(&["不是目录"]);
    no_english(&r);
    let r = jixiao_in(d, &["diff", "a.jx", "不存在.jx"]);
    r.code(2).has(&["不存在"]);
    no_english(&r);
    let r = jixiao_in(d, &["fmt", "a.jx/b.jx"]);
    r.code(2).has(&["不是目录"]);
    no_english(&r);
    let r = jixiao_in(d, &["report", "a.jx", "--xlsx", "没有的目录/申报表.xlsx"]);
    r.code(2).has(&["不存在"]);
    no_english(&r);
}

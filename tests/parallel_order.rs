//! Files with many projects are parsed and lowered in parallel; what the user
//! sees must not depend on it: same diagnostics, same order, every run.

#[path = "common/cli.rs"]
mod cli;
use cli::Checked;

fn broken_workload() -> String {
    let text = jixiao::gen::declaration_text(150, 11);
    let mut parts: Vec<String> = text.split("  项目 \"").map(str::to_string).collect();
    let name_of = |p: &str| p.split('"').next().unwrap().to_string();
    let first = name_of(&parts[3]);
    parts[20] = parts[20].replacen("总目标 \"", "总目标 \"\\q", 1);
    parts[60] = parts[60].replacen("    性质", "    性制", 1);
    let old = name_of(&parts[100]);
    parts[100] = parts[100].replacen(&old, &first, 1);
    parts[140] = parts[140].replacen("    周期 2025-01-01", "    周期 2025-02-30", 1);
    parts.join("  项目 \"")
}

fn report(text: &str) -> Vec<(String, u32, String)> {
    jixiao::check_text("many.jx", text)
        .diagnostics
        .iter()
        .map(|d| {
            let at = d.primary_span().map(|s| s.start).unwrap_or(0);
            (d.code.to_string(), at, d.message.clone())
        })
        .collect()
}

#[test]
fn diagnostics_come_in_file_order_and_the_same_every_run() {
    let text = broken_workload();
    let first = report(&text);
    let codes: Vec<&str> = first.iter().map(|d| d.0.as_str()).collect();
    assert_eq!(
        codes,
        ["JX-M007", "JX-M001", "JX-M005", "JX-M003"],
        "{first:#?}"
    );
    assert!(first.windows(2).all(|w| w[0].1 <= w[1].1), "{first:#?}");
    assert!(first[1].2.contains("性制"), "{first:#?}");
    for _ in 0..5 {
        assert_eq!(report(&text), first);
    }
}

#[test]
fn a_duplicate_project_names_the_first_one_written() {
    let text = broken_workload();
    let checked = jixiao::check_text("many.jx", &text);
    let dup = checked
        .diagnostics
        .iter()
        .find(|d| d.code == "JX-M005")
        .expect("duplicate reported");
    let spans: Vec<u32> = dup.labels.iter().map(|l| l.span.start).collect();
    assert!(
        spans[0] > spans[1],
        "second occurrence first, then the first: {spans:?}"
    );
    let projects = &checked.workspace.departments[0].projects;
    assert_eq!(projects.len(), 150);
    let firsts: Vec<u32> = projects.iter().map(|p| p.name_span.start).collect();
    assert!(
        firsts.windows(2).all(|w| w[0] < w[1]),
        "projects keep file order"
    );
}

/// Blocks of a large file are parsed on worker threads, which must have the
/// main thread's stack: nesting as deep as the loader accepts (64 levels)
/// is read there as it is on the main thread, without crashing.
#[test]
fn deep_nesting_in_a_large_file_does_not_crash() {
    let text = jixiao::gen::declaration_text(100, 2);
    let deep = format!(
        "    校验 {}1{} ≤ 资金.总额\n    指标 {{",
        "(".repeat(55),
        ")".repeat(55)
    );
    let mut parts: Vec<String> = text.split("  项目 \"").map(str::to_string).collect();
    parts[10] = parts[10].replacen("    指标 {", &deep, 1);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deep.jx");
    std::fs::write(&path, parts.join("  项目 \"")).unwrap();
    let out = cli::command(&cli::root()).arg("check").arg(&path).checked();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.code().is_some(), "killed: {out:?}");
    assert!(stdout.contains("100 个项目"), "{stdout}");
    assert!(!stdout.contains("嵌套太深"), "{stdout}");
}

/// With no thread to spare (`JIXIAO_THREADS=1`, what happens when the pool's
/// threads cannot be started), every stage runs on the calling thread and
/// says exactly what the parallel run says. (Before, a pool that could not
/// start sent the parallel iterators to rayon's global pool, which panicked
/// — "The global thread pool has not been initialized" — and a side thread
/// that could not start panicked in `std::thread::scope`; both now take this
/// sequential path, which this test compares with the parallel one.)
#[test]
fn one_thread_says_what_many_say() {
    let dir = tempfile::tempdir().unwrap();
    let gen = cli::jixiao_in(
        dir.path(),
        &[
            "gen",
            "--projects",
            "1500",
            "--seed",
            "5",
            "--actuals",
            "-o",
            "g.jx",
        ],
    );
    gen.code(0);
    // A warning on many indicators, so diagnostics are rendered in batches.
    let text = std::fs::read_to_string(dir.path().join("g.jx")).unwrap();
    assert!(text.len() > 1 << 20, "large enough to scan in two threads");
    std::fs::write(dir.path().join("g.jx"), text.replace(" 人\n", " 名人\n")).unwrap();
    let run = |threads: Option<&str>, args: &[&str]| {
        let mut c = cli::command(dir.path());
        c.args(args);
        if let Some(n) = threads {
            c.env("JIXIAO_THREADS", n);
        }
        cli::finish(c)
    };
    for args in [
        &["check", "--all", "g.jx"][..],
        &["check", "--format", "json", "g.jx"],
        &["eval", "--all", "g.jx", "--actuals", "g.actuals.jx"],
        &[
            "eval",
            "--format",
            "json",
            "g.jx",
            "--actuals",
            "g.actuals.jx",
        ],
    ] {
        let many = run(None, args);
        let one = run(Some("1"), args);
        assert!(many.out.len() > 1000, "{args:?}: {}", many.err);
        assert_eq!(many.code, one.code, "{args:?}");
        assert!(many.out == one.out, "{args:?}: stdout differs");
        assert!(many.err == one.err, "{args:?}: stderr differs");
    }
}

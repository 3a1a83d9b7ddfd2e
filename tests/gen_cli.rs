//! `jixiao gen` (hidden): deterministic workloads that check clean.

#[path = "common/cli.rs"]
mod cli;
use cli::Checked;

fn jixiao(args: &[&str]) -> (i32, String) {
    let out = cli::command(&cli::root()).args(args).checked();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn same_seed_same_file_and_it_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.jx");
    let b = dir.path().join("b.jx");
    for path in [&a, &b] {
        let (code, _) = jixiao(&[
            "gen",
            "--projects",
            "40",
            "--seed",
            "5",
            "-o",
            path.to_str().unwrap(),
        ]);
        assert_eq!(code, 0);
    }
    let text = std::fs::read_to_string(&a).unwrap();
    assert_eq!(text, std::fs::read_to_string(&b).unwrap());
    assert!(text.contains("申报 40 个项目"), "{}", &text[..300]);
    let (code, out) = jixiao(&["check", a.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("40 个项目") && out.contains("0 个错误，0 个警告"),
        "{out}"
    );
}

#[test]
fn departments_go_to_a_directory_and_actuals_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ws");
    let (code, _) = jixiao(&[
        "gen",
        "--projects",
        "30",
        "--departments",
        "3",
        "--actuals",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    assert!(out.join("dept-0002.jx").exists());
    let actuals = std::fs::read_to_string(dir.path().join("ws.actuals/dept-0000.jx")).unwrap();
    assert!(actuals.starts_with("自评 \""), "{actuals}");
    let (code, report) = jixiao(&["check", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{report}");
    assert!(report.contains("3 个文件、3 个部门、30 个项目"), "{report}");
}

#[test]
fn gen_is_hidden_from_help() {
    let (_, help) = jixiao(&["--help"]);
    assert!(help.contains("check") && !help.contains("gen"), "{help}");
}

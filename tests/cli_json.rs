//! `jixiao check --format json`: the format editors and CI read.

#[path = "common/cli.rs"]
mod cli;
use cli::Checked;

use serde_json::Value;

fn check_json(args: &[&str]) -> (i32, Value) {
    let out = cli::command(&cli::root())
        .arg("check")
        .arg("--format")
        .arg("json")
        .args(args)
        .checked();
    let stdout = String::from_utf8(out.stdout).expect("JSON output is UTF-8");
    let json: Value =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{stdout}"));
    (out.status.code().unwrap_or(-1), json)
}

/// Diagnostics about reading the file (input, syntax, structure): the
/// fixtures here are about those; content findings are tested elsewhere.
fn reading(json: &Value) -> Vec<&Value> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| {
            let code = d["code"].as_str().unwrap();
            ["JX-E", "JX-S", "JX-M"].iter().any(|f| code.starts_with(f))
        })
        .collect()
}

#[test]
fn errors_in_three_projects() {
    let file = "tests/cases/syntax/three_projects.jx";
    let (code, json) = check_json(&[file]);
    assert_eq!(code, 1);
    assert_eq!(json["version"], 1);
    let diags = reading(&json);
    let got: Vec<(&str, &str, &str, u64, u64)> = diags
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap(),
                d["severity"].as_str().unwrap(),
                d["file"].as_str().unwrap(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("JX-S001", "error", file, 6, 18),
            ("JX-S001", "error", file, 14, 16),
            ("JX-M001", "error", file, 21, 5),
        ]
    );
    let messages: Vec<&str> = diags
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        messages,
        vec![
            "项目“第一个项目”：资金项“总额 10.04 万元”后面多了“。”",
            "项目“第二个项目”：比较符“>>”写法不对",
            "项目“第三个项目”中没有“实施期限”这个字段",
        ]
    );
    assert_eq!(
        diags[2]["help"],
        "申报表上的“实施期限”在这里写作“周期”：周期 2025-01-01 至 2025-12-31"
    );
    assert_eq!(json["summary"]["errors"], 3);
}

/// Columns count characters, not bytes: `周期 2025-01-01 至 ` is 20 characters
/// (26 bytes) before the bad date.
#[test]
fn columns_are_characters() {
    let (code, json) = check_json(&["tests/cases/syntax/bad_date.jx"]);
    assert_eq!(code, 1);
    let d = reading(&json)[0];
    assert_eq!(d["code"], "JX-M003");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(4), Some(21))
    );
    let label = &d["labels"][0];
    assert_eq!(label["end_column"], 31);
    assert_eq!(label["message"], "这个日期");
}

#[test]
fn clean_file_has_no_diagnostics() {
    let (code, json) = check_json(&["tests/cases/syntax/good_fullwidth.jx"]);
    assert_eq!(code, 0);
    assert_eq!(json["version"], 1);
    assert!(reading(&json).is_empty(), "{json:#}");
    assert_eq!(json["summary"]["errors"], 0);
}

#[test]
fn warning_severity_and_unreadable_path() {
    let dir = tempfile::tempdir().unwrap();
    let comments = dir.path().join("注释.jx");
    std::fs::write(&comments, "# 只有注释\n").unwrap();
    let missing = dir.path().join("不存在.jx");
    let (code, json) = check_json(&[comments.to_str().unwrap(), missing.to_str().unwrap()]);
    assert_eq!(code, 2, "an unreadable path is a usage problem");
    let diags = json["diagnostics"].as_array().unwrap();
    let warning = diags.iter().find(|d| d["code"] == "JX-E007").unwrap();
    assert_eq!(warning["severity"], "warning");
    assert_eq!(warning["line"], 1);
    assert_eq!(warning["column"], 1);
    assert!(warning["file"].as_str().unwrap().ends_with("注释.jx"));
    let io = diags.iter().find(|d| d["code"] == "JX-E001").unwrap();
    assert_eq!(io["severity"], "error");
    assert!(io["message"].as_str().unwrap().contains("不存在.jx"));
    assert_eq!(json["summary"]["warnings"], 1);
}

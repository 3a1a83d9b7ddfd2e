//! The traces of scores are written when read (performance, issue 7): their
//! text must be exactly what the engine wrote when it wrote every trace while
//! scoring. The expected files in tests/traces/ come from that engine (see
//! tests/traces/README.md); here the JSON, the `--explain` table and the
//! library's `Evaluation` are held against them.

#[path = "common/cli.rs"]
mod cli;

#[path = "common/csv.rs"]
mod csv;

use std::path::PathBuf;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/traces")
}

fn eval(rules: Option<&str>, extra: &[&str]) -> String {
    let mut cmd = cli::command(&dir());
    cmd.args([
        "eval",
        "gen12.declaration.txt",
        "--actuals",
        "gen12.actuals.txt",
    ])
    .args(extra)
    .env("NO_COLOR", "1");
    if let Some(r) = rules {
        cmd.args(["--rules", r]);
    }
    let o = cli::Checked::checked(&mut cmd);
    String::from_utf8(o.stdout).expect("UTF-8 output")
}

fn expected(name: &str) -> String {
    std::fs::read_to_string(dir().join(name)).expect("expected traces")
}

/// One line per trace: project, indicator (or 执行率), rule, formula, notes, line.
fn compact(json: &serde_json::Value) -> String {
    let mut out = Vec::new();
    let trace = |out: &mut Vec<String>, who: String, t: &serde_json::Value| {
        let notes: Vec<&str> = t["notes"]
            .as_array()
            .expect("notes")
            .iter()
            .map(|n| n.as_str().expect("a note"))
            .collect();
        out.push(format!(
            "{who}\t{}\t{}\t{}\t{}",
            t["rule"].as_str().expect("rule"),
            t["formula"].as_str().expect("formula"),
            notes.join(" | "),
            t["line"].as_str().expect("line"),
        ));
    };
    for p in json["projects"].as_array().expect("projects") {
        let name = p["name"].as_str().expect("project name");
        trace(&mut out, format!("{name}\t执行率"), &p["execution_trace"]);
        for i in p["indicators"].as_array().expect("indicators") {
            let ind = i["name"].as_str().expect("indicator name");
            trace(&mut out, format!("{name}\t{ind}"), &i["trace"]);
        }
    }
    out.join("\n") + "\n"
}

#[test]
fn json_traces_are_the_former_eager_ones() {
    for (rules, file) in [
        (None, "gen12.central.traces"),
        (Some("../../rules/hubei-2020.jx"), "gen12.hubei.traces"),
    ] {
        let json: serde_json::Value =
            serde_json::from_str(&eval(rules, &["--format", "json"])).expect("JSON output");
        let got = compact(&json);
        let want = expected(file);
        for (g, w) in got.lines().zip(want.lines()) {
            assert_eq!(g, w, "{file}");
        }
        assert_eq!(got.lines().count(), want.lines().count(), "{file}");
    }
}

/// A former text cell as the CSV writes it now: a spreadsheet would take
/// `= 100%` for a formula (and show 1), so such a text has a leading `'`.
fn guarded(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

/// The CSV's columns (issue 15) changed since the former CSV was kept:
/// numbers are plain numbers in their own columns, the grade has its own,
/// department summary rows follow. Every text the former CSV had must be
/// there unchanged, row for row: names, targets, actuals, scores, flags,
/// explanations and the traces.
#[test]
fn csv_has_the_former_texts_and_traces() {
    let got = csv::rows(&eval(None, &["--format", "csv"]));
    let want = std::fs::read_to_string(dir().join("gen12.central.csv")).expect("expected CSV");
    let want = csv::rows(&want);
    let kind = csv::column(&got, "行");
    let rows: Vec<&Vec<String>> = got
        .iter()
        .skip(1)
        .filter(|r| r[kind] != "部门汇总")
        .collect();
    assert_eq!(rows.len(), want.len() - 1, "rows");
    // Every former column is still there, under the same title.
    let reason = "偏差原因分析及改进措施";
    for title in want[0].iter().filter(|t| *t != reason) {
        let title = title.as_str();
        let (g, w) = (csv::column(&got, title), csv::column(&want, title));
        for (row, former) in rows.iter().zip(&want[1..]) {
            if row[kind] == "预算执行率" && matches!(title, "年度指标值" | "实际完成值")
            {
                continue;
            }
            assert_eq!(row[g], guarded(&former[w]), "{title}: {row:?}");
        }
    }
    // The former 预算执行率 rows held the amounts as text (`385,700.00 元`)
    // in the 年度指标值 and 实际完成值 columns; now they are numbers.
    for (now, was) in [
        ("预算数（元）", "年度指标值"),
        ("执行数（元）", "实际完成值"),
    ] {
        let (g, w) = (csv::column(&got, now), csv::column(&want, was));
        for (row, former) in rows.iter().zip(&want[1..]) {
            if row[kind] == "预算执行率" {
                let text = former[w].replace(',', "").replace(" 元", "");
                assert_eq!(row[g], text, "{now}: {row:?}");
            }
        }
    }
    // The former 偏差原因 column held the grade on 总分 rows.
    let (g, w) = (csv::column(&got, reason), csv::column(&want, reason));
    let grade = csv::column(&got, "等级");
    for (row, former) in rows.iter().zip(&want[1..]) {
        let now = if row[kind] == "总分" {
            &row[grade]
        } else {
            &row[g]
        };
        assert_eq!(now, &guarded(&former[w]), "{row:?}");
    }
}

#[test]
fn explain_shows_the_former_eager_lines() {
    let table = eval(None, &["--explain"]);
    let want = expected("gen12.central.traces");
    let mut lines = 0;
    for t in want.lines() {
        let line = t.rsplit('\t').next().expect("a trace line");
        assert!(table.contains(line), "--explain lacks: {line}");
        lines += 1;
    }
    assert_eq!(lines, 94);
}

#[test]
fn library_traces_read_cloned_and_serialized_alike() {
    let decl = std::fs::read_to_string(dir().join("gen12.declaration.txt")).expect("declaration");
    let actuals = std::fs::read_to_string(dir().join("gen12.actuals.txt")).expect("actuals");
    let run = jixiao::evaluate_text(&decl, &actuals, None);
    let ev = run.evaluation.expect("an evaluation");
    // Cloned before any trace was read: the clone writes them too.
    let copy = ev.clone();
    let json = serde_json::to_value(&ev).expect("JSON");
    assert_eq!(compact(&json), expected("gen12.central.traces"));
    assert_eq!(copy, ev);
    let back: jixiao::Evaluation = serde_json::from_value(json).expect("read back");
    assert_eq!(back.projects, ev.projects);
    let first = &ev.projects[0].indicators[0];
    let want = expected("gen12.central.traces");
    let line = want
        .lines()
        .nth(1)
        .and_then(|l| l.rsplit('\t').next())
        .expect("a line");
    assert_eq!(first.trace.line, line);
}

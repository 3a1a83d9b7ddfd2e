//! Past the first 20 findings of one code, people see one line counting the
//! rest (issue 16); `--all` shows every one; JSON keeps every one; the
//! counts and the exit code are those of all the findings.

#[path = "common/cli.rs"]
mod cli;

use cli::{dir_with, jixiao_in};

/// `n` projects, each with an indicator in an unknown unit (JX-G002) and
/// without 效益/满意度 indicators (JX-T004); `broken` of them with a
/// syntax error in their amount.
fn projects(n: usize, broken: usize) -> String {
    let mut text = String::from("部门 \"示例局\" {\n  年度 2025\n");
    for i in 0..n {
        let amount = if i < broken {
            "10.04 万元。"
        } else {
            "10.04 万元"
        };
        text.push_str(&format!(
            "  项目 \"项目{i}\" {{\n    性质 其他经常性项目\n    资金 {{\n      总额 {amount}\n    }}\n    指标 {{\n      产出指标 {{\n        数量指标 {{\n          培训人数 ≥ 140 名人\n        }}\n      }}\n    }}\n  }}\n"
        ));
    }
    text.push_str("}\n");
    text
}

fn count(text: &str, code: &str) -> usize {
    text.matches(&format!("[{code}]")).count()
}

#[test]
fn findings_past_twenty_of_a_code_are_counted_in_one_line() {
    let dir = dir_with(&[("a.jx", &projects(25, 0))]);
    let run = jixiao_in(dir.path(), &["check", "a.jx"]);
    run.code(0);
    assert_eq!(count(&run.out, "JX-G002"), 20, "{}", run.out);
    assert_eq!(count(&run.out, "JX-T004"), 20, "{}", run.out);
    assert!(
        run.out.ends_with(
            "\nJX-T004 × 25：以上只列出前 20 条，加 --all 列出全部。\n\
             JX-G002 × 25：以上只列出前 20 条，加 --all 列出全部。\n\n\
             检查了 1 个文件、1 个部门、25 个项目、25 项指标：0 个错误，50 个警告，0 个提示。\n"
        ),
        "{}",
        run.out
    );
}

#[test]
fn twenty_of_a_code_are_all_shown_without_a_summary() {
    let dir = dir_with(&[("a.jx", &projects(20, 0))]);
    let run = jixiao_in(dir.path(), &["check", "a.jx"]);
    assert_eq!(count(&run.out, "JX-G002"), 20, "{}", run.out);
    run.lacks(&["--all", " × "]);
}

#[test]
fn all_shows_every_finding() {
    let dir = dir_with(&[("a.jx", &projects(25, 0))]);
    let run = jixiao_in(dir.path(), &["check", "--all", "a.jx"]);
    run.code(0);
    assert_eq!(count(&run.out, "JX-G002"), 25, "{}", run.out);
    assert_eq!(count(&run.out, "JX-T004"), 25, "{}", run.out);
    run.lacks(&["以上只列出"]);
}

#[test]
fn json_keeps_every_finding() {
    let dir = dir_with(&[("a.jx", &projects(25, 0))]);
    let run = jixiao_in(dir.path(), &["check", "--format", "json", "a.jx"]);
    run.code(0);
    assert_eq!(run.out.matches("\"JX-G002\"").count(), 25, "{}", run.out);
    run.lacks(&["以上只列出"]);
}

#[test]
fn summarised_errors_still_fail() {
    let dir = dir_with(&[("a.jx", &projects(25, 25))]);
    let run = jixiao_in(dir.path(), &["check", "a.jx"]);
    run.code(1).has(&["以上只列出前 20 条", "25 个错误"]);
}

#[test]
fn eval_summarises_its_warnings_on_stderr() {
    let dir = dir_with(&[("a.jx", &projects(25, 0))]);
    let run = jixiao_in(dir.path(), &["eval", "a.jx"]);
    assert!(
        run.err
            .contains("JX-G002 × 25：以上只列出前 20 条，加 --all 列出全部。\n"),
        "{}",
        run.err
    );
    let all = jixiao_in(dir.path(), &["eval", "--all", "a.jx"]);
    assert_eq!(all.code, run.code);
    assert_eq!(count(&all.err, "JX-G002"), 25, "{}", all.err);
    all.lacks(&["以上只列出"]);
}

//! One pipeline, one behaviour (issue 16): the library's check that keeps
//! the model (`check_paths`) says what `jixiao check`'s `check_report`
//! says, which keeps nothing — the 分值 against the rule set
//! eval would use (JX-V014) and, beside one 自评 file, its names matched as
//! eval matches them (JX-V003). Before, only `check_report` did both.

use std::path::PathBuf;

/// A declaration whose 满意度 分值 (20) is more than central-2020 gives the
/// group (10), beside an indicator without one.
const DECLARATION: &str = "部门 \"示例局\" {\n  年度 2025\n  项目 \"示例项目\" {\n    资金 {\n      总额 10 万元\n    }\n    指标 {\n      产出指标 {\n        数量指标 {\n          培训人数 ≥ 140 人\n        }\n      }\n      满意度指标 {\n        服务对象满意度指标 {\n          学员满意度 ≥ 90% 分值 20\n          回访满意度 ≥ 90%\n        }\n      }\n    }\n  }\n}\n";

/// 自评 naming a project the declaration does not have.
const ACTUALS: &str = "自评 \"示例局\" 2025 {\n  项目 \"示例项目二\" {\n    预算 10 万元\n    执行 10 万元\n    培训人数 150 人\n  }\n}\n";

/// What a diagnostic says and where: code, message, primary place, labels.
fn said(diagnostics: &[jixiao::Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| {
            let labels: Vec<String> = d
                .labels
                .iter()
                .map(|l| format!("{}:{}-{}", l.span.file.0, l.span.start, l.span.end))
                .collect();
            format!("{} {} [{}]", d.code, d.message, labels.join(" "))
        })
        .collect()
}

fn codes(said: &[String]) -> Vec<&str> {
    said.iter().filter_map(|s| s.split(' ').next()).collect()
}

#[test]
fn check_paths_says_what_check_report_says() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("申报.jx"), DECLARATION).unwrap();
    std::fs::write(dir.path().join("自评.jx"), ACTUALS).unwrap();
    let options = jixiao::LoadOptions::default();
    let declaration = [dir.path().join("申报.jx")];
    let both: [PathBuf; 2] = [dir.path().join("申报.jx"), dir.path().join("自评.jx")];
    let folder = [dir.path().to_path_buf()];
    for (paths, with_actuals) in [
        (&declaration[..], false),
        (&both[..], true),
        (&folder[..], true),
    ] {
        let report = said(&jixiao::check_report(paths, &options).diagnostics);
        let whole = said(&jixiao::check_paths(paths, &options).diagnostics);
        assert_eq!(whole, report, "{paths:?}");
        assert!(
            codes(&report).contains(&"JX-V014"),
            "{paths:?}: {report:#?}"
        );
        assert_eq!(
            codes(&report).contains(&"JX-V003"),
            with_actuals,
            "{paths:?}: {report:#?}"
        );
    }
}

//! The fixes diagnostics carry (issue 20): applied to the text, each makes
//! its diagnostic go away and brings no new error; and what each kind of
//! fix writes, exactly.

use jixiao::diagnostic::apply::apply;
use jixiao::diagnostic::{Diagnostic, Severity};
use jixiao::lsp::diagnostics::of_text;
use jixiao::source::FileId;
use std::collections::BTreeMap;
use std::path::Path;

#[path = "common/jx_files.rs"]
mod jx;
use jx::jx_files;

fn count(found: &[Diagnostic], code: &str) -> usize {
    found.iter().filter(|d| d.code == code).count()
}

fn errors(found: &[Diagnostic]) -> BTreeMap<&'static str, usize> {
    let mut m = BTreeMap::new();
    for d in found.iter().filter(|d| d.severity == Severity::Error) {
        *m.entry(d.code).or_insert(0) += 1;
    }
    m
}

/// Every fixture (and the examples) with a fix: each fix applies, and the
/// text it gives has one diagnostic of that code fewer and no new error.
#[test]
fn every_fix_resolves_its_diagnostic_and_adds_no_error() {
    let mut paths = Vec::new();
    jx_files(Path::new("tests/cases"), &mut paths);
    jx_files(Path::new("tests/lsp"), &mut paths);
    jx_files(Path::new("examples"), &mut paths);
    let mut applied = BTreeMap::new();
    for path in &paths {
        let Ok(raw) = std::fs::read_to_string(path) else {
            continue;
        };
        let text = jixiao::load::normalize(&raw);
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let before = of_text(&name, &text);
        for d in before.iter().filter(|d| !d.fixes.is_empty()) {
            for fix in &d.fixes {
                let fixed = apply(&text, FileId(0), fix).unwrap_or_else(|| {
                    panic!("{}: {} “{}” applies", path.display(), d.code, fix.title)
                });
                let after = of_text(&name, &fixed);
                assert!(
                    count(&after, d.code) < count(&before, d.code),
                    "{}: “{}” leaves {} ({})",
                    path.display(),
                    fix.title,
                    d.code,
                    d.message
                );
                let (b, a) = (errors(&before), errors(&after));
                for (code, n) in &a {
                    assert!(
                        b.get(code).copied().unwrap_or(0) >= *n,
                        "{}: “{}” brings a new {code}",
                        path.display(),
                        fix.title
                    );
                }
                *applied.entry(d.code).or_insert(0) += 1;
            }
        }
    }
    // The kinds of fix the fixtures exercise (a code missing here has lost
    // its fix, or its fixture).
    let codes: Vec<&str> = applied.keys().copied().collect();
    assert_eq!(codes, documented(), "docs/findings.md's table of fixes");
    assert_eq!(
        codes,
        [
            "JX-G002", "JX-G007", "JX-G010", "JX-M001", "JX-S001", "JX-T002", "JX-T003", "JX-V002",
            "JX-V003", "JX-V004", "JX-V016", "JX-V042"
        ]
    );
}

/// Every fix the fixtures get, exactly: where (file:line:column, the end
/// excluded, as `check --format json` gives it), the code, the title and
/// the text written.
#[test]
fn each_kind_of_fix_writes_exactly_this() {
    let mut paths = Vec::new();
    jx_files(Path::new("tests/cases"), &mut paths);
    jx_files(Path::new("tests/lsp"), &mut paths);
    let mut got = Vec::new();
    for path in &paths {
        let text = jixiao::load::normalize(&std::fs::read_to_string(path).unwrap());
        let name = path.display().to_string();
        let file = jixiao::source::SourceFile::new(path.clone(), name.clone(), text.clone());
        for d in of_text(&name, &text) {
            for fix in &d.fixes {
                for e in &fix.edits {
                    let (l0, c0) = file.line_col(e.span.start as usize);
                    let (l1, c1) = file.line_col(e.span.end as usize);
                    got.push(format!(
                        "{name}:{l0}:{c0}-{l1}:{c1} {} {} → {}",
                        d.code, fix.title, e.text
                    ));
                }
            }
        }
    }
    let skeleton = " 原因 \"（请填写偏差原因）\" 措施 \"（请填写改进措施）\"";
    let expected = [
        "tests/cases/check/JX-A001/bad.jx:24:16-24:17 JX-G007 把 ≤ 改为 ≥ → ≥".to_string(),
        "tests/cases/check/JX-G002/bad.jx:24:22-24:24 JX-G002 改为“人” → 人".to_string(),
        "tests/cases/check/JX-G007/bad.jx:24:16-24:17 JX-G007 把 ≤ 改为 ≥ → ≥".to_string(),
        "tests/cases/check/JX-G010/bad.jx:32:19-32:21 JX-G010 改为“良好” → 良好".to_string(),
        "tests/cases/check/JX-T002/bad.jx:30:7-30:11 JX-T002 改为“效益指标” → 效益指标".to_string(),
        "tests/cases/check/JX-T003/bad.jx:31:9-31:15 JX-T003 改为“社会效益指标” → 社会效益指标"
            .to_string(),
        "tests/cases/syntax/department_lines_recovered.jx:8:5-8:9 JX-M001 改为“实施单位” → 实施单位"
            .to_string(),
        "tests/cases/syntax/funds_unknown_key.jx:6:7-6:11 JX-M001 改为“财政资金” → 财政资金"
            .to_string(),
        "tests/cases/syntax/good_fullwidth.jx:15:16-15:17 JX-G007 把 ≤ 改为 ≥ → ≥".to_string(),
        "tests/cases/syntax/good_fullwidth.jx:16:17-16:18 JX-G007 把 ≤ 改为 ≥ → ≥".to_string(),
        "tests/cases/syntax/good_fullwidth.jx:17:15-17:16 JX-G007 把 ≤ 改为 ≥ → ≥".to_string(),
        "tests/cases/syntax/good_fullwidth.jx:17:29-17:30 JX-G007 把 ≤ 改为 ≥ → ≥".to_string(),
        "tests/cases/syntax/three_projects.jx:21:5-21:9 JX-M001 改为“周期” → 周期".to_string(),
        "tests/cases/syntax/toplevel_typo.jx:3:3-3:5 JX-S001 改为“项目” → 项目".to_string(),
        "tests/cases/syntax/unknown_block_field.jx:4:5-4:7 JX-M001 改为“资金” → 资金".to_string(),
        "tests/cases/syntax/unknown_field.jx:5:5-5:9 JX-M001 改为“实施单位” → 实施单位".to_string(),
        "tests/cases/variants/weights/dayingrmt-22.5-each/申报.jx:14:18-14:19 JX-G007 把 ≤ 改为 ≥ → ≥"
            .to_string(),
        format!("tests/lsp/explain.jx:32:15-32:15 JX-V016 补写偏差原因 → {skeleton}"),
        format!("tests/lsp/explain.jx:33:17-33:17 JX-V016 补写偏差原因 → {skeleton}"),
        format!("tests/lsp/explain.jx:35:21-35:21 JX-V016 补写偏差原因 → {skeleton}"),
        "tests/lsp/names.jx:31:4-31:9 JX-V002 改为“示例局” → \"示例局\"".to_string(),
        "tests/lsp/names.jx:32:6-32:12 JX-V003 改为“培训项目” → \"培训项目\"".to_string(),
        // 5 场 against ≥ 4 场: over-achieved by 25%, unexplained
        format!("tests/lsp/structure.jx:27:13-27:13 JX-V016 补写偏差原因 → {skeleton}"),
        "tests/lsp/words.jx:37:5-37:10 JX-V004 改为“培训合格率” → 培训合格率".to_string(),
        "tests/lsp/words.jx:38:11-38:13 JX-V042 改为“达成” → 达成".to_string(),
    ];
    assert_eq!(got, expected);
}

/// The codes docs/findings.md lists as carrying a fix (its section
/// “带改法的发现”), in order.
fn documented() -> Vec<String> {
    let doc = include_str!("../docs/findings.md");
    let section = doc
        .split("## 带改法的发现")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("docs/findings.md has a section “带改法的发现”");
    let mut codes: Vec<String> = section
        .lines()
        .filter_map(|l| l.strip_prefix("| JX-"))
        .filter_map(|l| l.split(' ').next())
        .map(|c| format!("JX-{c}"))
        .collect();
    codes.sort_unstable();
    codes
}

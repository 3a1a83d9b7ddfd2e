//! Every input the fuzz targets (fuzz/) crashed on, kept as a regression
//! test. The inputs are in tests/fuzz_crashes/; fuzz/FINDINGS.md says what
//! each run found.

use jixiao::format::{format_text, normalize, FormatError};
use jixiao::source::FileId;

fn model(text: &str) -> jixiao::Workspace {
    let mut ws = jixiao::check_text("x.jx", text).workspace;
    normalize(&mut ws);
    ws
}

/// fmt either refuses for a reason the user can fix (syntax), or formats
/// soundly: same model, idempotent. Never an internal error.
fn fmt_is_sound(text: &str) -> Option<String> {
    match format_text(FileId(0), text) {
        Ok(once) => {
            let twice = format_text(FileId(0), &once)
                .unwrap_or_else(|e| panic!("fmt output does not format again: {e:?}\n{once}"));
            assert_eq!(once, twice, "not idempotent");
            assert_eq!(model(text), model(&once), "model changed\n{once}");
            Some(once)
        }
        Err(FormatError::Internal(d)) => panic!("internal error {}: {}", d.code, d.message),
        Err(FormatError::Syntax(_) | FormatError::Unsupported(_)) => None,
    }
}

/// fmt target, crash 1: a vertical tab (Word's manual line break, U+000B)
/// before `资金 {`. The grammar took it for a field name, lowering reported
/// a field with an invisible name, and fmt — which trims Unicode whitespace —
/// printed a different file: JX-X001 “格式化会改变文件的含义（内部错误）”.
/// Now every Unicode space is whitespace to the grammar as it is to Rust.
#[test]
fn fmt_crash_vertical_tab_before_a_field() {
    let bytes = include_bytes!("fuzz_crashes/fmt-vertical-tab-before-field.jx");
    let text = std::str::from_utf8(bytes).unwrap();
    // The fuzzed input also has a broken funds line: a syntax error now.
    assert!(fmt_is_sound(text).is_none());
    let minimal = "项目 \"甲\" {\n  \u{b} 资金 {\n    总额 1 万元\n  }\n}\n";
    let out = fmt_is_sound(minimal).expect("formats");
    assert_eq!(out, "项目 \"甲\" {\n  资金 {\n    总额 1 万元\n  }\n}\n");
    let checked = jixiao::check_text("x.jx", minimal);
    assert!(
        !checked.has_errors(),
        "{:#?}",
        checked
            .diagnostics
            .iter()
            .map(|d| &d.message)
            .collect::<Vec<_>>()
    );
}

/// Every character Rust counts as whitespace (but newlines) is whitespace in
/// the language: as indentation, between a number and its unit, between
/// an indicator and its target.
#[test]
fn every_unicode_space_is_whitespace() {
    let plain = "项目 \"甲\" {\n  资金 {\n    总额 1 万元\n  }\n  指标 {\n    产出指标 {\n      数量指标 {\n        人数 ≥ 140 人\n      }\n    }\n  }\n}\n";
    let want = model(plain);
    let spaces = [
        '\u{b}', '\u{c}', '\u{85}', '\u{a0}', '\u{1680}', '\u{2000}', '\u{2005}', '\u{200a}',
        '\u{2028}', '\u{2029}', '\u{202f}', '\u{205f}', '\u{3000}',
    ];
    for c in spaces {
        assert!(c.is_whitespace());
        let text = plain
            .replace("  资金", &format!("{c} 资金"))
            .replace("1 万元", &format!("1{c}万元"))
            .replace("人数 ≥", &format!("人数{c}≥"));
        let checked = jixiao::check_text("x.jx", &text);
        let errors: Vec<_> = checked
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| format!("{} {}", d.code, d.message))
            .collect();
        assert!(errors.is_empty(), "U+{:04X}: {errors:#?}", c as u32);
        assert_eq!(model(&text), want, "U+{:04X}", c as u32);
        assert!(fmt_is_sound(&text).is_some(), "U+{:04X}", c as u32);
    }
}

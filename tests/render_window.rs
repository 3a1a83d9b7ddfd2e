//! Rendering shows only the lines around a finding (issue 8: rendering used
//! to scan the whole file for every finding — a 2 MB file with 160 findings
//! took 40 s). Line numbers, gutter and context must still be those of the
//! whole file.

use jixiao::diagnostic::render::{render_all, RenderOptions};

#[test]
fn a_finding_deep_in_a_long_file_keeps_its_line_numbers() {
    let mut text = String::new();
    for i in 0..100_000 {
        text.push_str(&format!("# 第 {i} 行注释\n"));
    }
    text.push_str("部门 \"局\" {\n  年度 2025\n  项目 \"甲\" {\n    资金 {\n      总额 10 万元。\n    }\n  }\n}\n");
    let checked = jixiao::check_text("长.jx", &text);
    let bad: Vec<_> = checked
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect();
    assert!(!bad.is_empty());
    let out = render_all(&bad, checked.sources(), RenderOptions::default());
    assert!(out.contains("[长.jx:100005:"), "{out}");
    assert!(out.contains("100005 │       总额 10 万元。"), "{out}");
    // the line before, as context, with its own number
    assert!(out.contains("100004 │     资金 {"), "{out}");
    assert!(!out.contains("第 0 行注释"), "{out}");
}

/// Two labels far apart in one file (a project declared twice) are both
/// shown, each with its own line.
#[test]
fn labels_far_apart_are_both_shown() {
    let mut text = String::from("部门 \"局\" {\n  年度 2025\n  项目 \"甲\" {\n  }\n");
    for i in 0..5_000 {
        text.push_str(&format!("  # 注释 {i}\n"));
    }
    text.push_str("  项目 \"甲\" {\n  }\n}\n");
    let checked = jixiao::check_text("重复.jx", &text);
    let dup: Vec<_> = checked
        .diagnostics
        .iter()
        .filter(|d| d.labels.len() > 1)
        .cloned()
        .collect();
    assert!(!dup.is_empty(), "{:#?}", checked.diagnostics);
    let out = render_all(&dup, checked.sources(), RenderOptions::default());
    assert!(out.contains("5005 │   项目 \"甲\" {"), "{out}");
    assert!(out.contains("3 │   项目 \"甲\" {"), "{out}");
}

/// Every span of small texts renders (kept from the differential test of the
/// hand-written renderer, issue 16): first and last lines, empty lines, tabs,
/// full-width characters, `\r`, control characters, a text without a final
/// newline, an empty text; one label or two. Each shows the code, the
/// message and the help, and nothing panics.
#[test]
fn every_span_of_small_texts_renders() {
    use jixiao::diagnostic::codes;
    use jixiao::diagnostic::render::render;
    use jixiao::diagnostic::Diagnostic;
    use jixiao::source::{FileId, SourceFile, SourceMap, Span};
    let texts = [
        "",
        "甲",
        "\n",
        "项目 \"甲\" {\n  总额 10 万元\n}\n",
        "项目 \"甲\" {\n\t总额\t10 万元\n\n  年度 2025\n}",
        "a\n\nb\n\n",
        "ＡＢ，。\n  ① ② ——“引号”…\nαβγ абв ÀÉ\n",
        "x\r\ny\r\n",
        "e\u{301}\u{1b}[31m\u{200b}😀\n",
    ];
    let labelled = |start: usize, end: usize, message: &str| {
        Diagnostic::new(&codes::LOW_EXECUTION, "测试")
            .label(Span::new(FileId(0), start, end), message.to_string())
            .help("帮助")
    };
    let shown = |d: &Diagnostic, sources: &SourceMap| {
        let out = render(d, sources, RenderOptions::default());
        assert!(
            out.contains("[JX-V017]") && out.contains("测试") && out.contains("建议：帮助"),
            "{out}"
        );
        assert!(!out.contains('\u{1b}'), "{out:?}");
    };
    for text in texts {
        let mut sources = SourceMap::new();
        sources.add(SourceFile::new(
            "小.jx".into(),
            "小.jx".to_string(),
            text.to_string(),
        ));
        for start in 0..=text.len() {
            for end in start..=text.len() {
                for message in ["标签", ""] {
                    shown(&labelled(start, end, message), &sources);
                }
            }
        }
        let n = text.len();
        for a in (0..=n).step_by(3) {
            for b in (0..=n).step_by(5) {
                let d = labelled(a, (a + 2).min(n), "一").label(
                    Span::new(FileId(0), b, (b + 1).min(n)),
                    if b % 2 == 0 { "二" } else { "" },
                );
                shown(&d, &sources);
            }
        }
    }
}

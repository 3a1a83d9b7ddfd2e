//! The hand-written renderer (`render_fast`, issue 7) must write exactly
//! what miette writes whenever it answers. Every diagnostic the tests,
//! examples and generated workloads produce is rendered both ways, then
//! mutated (spans, messages, widths) and rendered again; the fast path must
//! also answer for nearly all of `eval`'s warnings, or it would be useless.
//!
//! Set JIXIAO_RENDER_CORPUS to a directory of fuzz inputs (e.g. a fuzz/corpus
//! subdirectory) to compare on those too.

use jixiao::diagnostic::codes;
use jixiao::diagnostic::render::{render, render_fast, render_with_miette, RenderOptions};
use jixiao::diagnostic::{Diagnostic, Severity};
use jixiao::source::{FileId, SourceFile, SourceMap, Span};
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

const PLAIN: RenderOptions = RenderOptions {
    color: false,
    width: None,
};

/// How many of the diagnostics the fast path answered, and of how many.
#[derive(Default, Debug)]
struct Tally {
    fast: usize,
    all: usize,
}

/// Render `d` both ways; they must agree whenever the fast path answers
/// (when it does not, `render` is miette's).
fn compare(d: &Diagnostic, sources: &SourceMap, options: RenderOptions, tally: &mut Tally) {
    tally.all += 1;
    if let Some(fast) = render_fast(d, sources, options) {
        let miette = render_with_miette(d, sources, options);
        tally.fast += 1;
        if fast != miette {
            panic!(
                "fast path differs for {d:#?}\n--- miette ---\n{miette}\n--- fast ---\n{fast}\n{}",
                first_difference(&miette, &fast)
            );
        }
        assert_eq!(render(d, sources, options), miette);
    }
}

fn first_difference(a: &str, b: &str) -> String {
    let line = a
        .lines()
        .zip(b.lines())
        .position(|(x, y)| x != y)
        .unwrap_or(a.lines().count().min(b.lines().count()));
    format!(
        "first difference on line {}:\n{:?}\n{:?}",
        line + 1,
        a.lines().nth(line),
        b.lines().nth(line)
    )
}

fn compare_all(diagnostics: &[Diagnostic], sources: &SourceMap, tally: &mut Tally) {
    for d in diagnostics {
        for options in [
            PLAIN,
            RenderOptions {
                color: false,
                width: Some(60),
            },
        ] {
            compare(d, sources, options, tally);
        }
    }
}

#[path = "common/jx_files.rs"]
mod jx;
use jx::jx_files;

/// `check` of every .jx file of the examples and tests, and `eval` of the
/// seed and of the traced workload under both rule sets.
#[test]
fn every_diagnostic_of_the_tests_and_examples() {
    let mut files = Vec::new();
    jx_files(&root().join("examples"), &mut files);
    jx_files(&root().join("tests"), &mut files);
    jx_files(&root().join("rules"), &mut files);
    assert!(files.len() > 100, "{files:?}");
    let mut tally = Tally::default();
    for f in &files {
        let checked = jixiao::check_paths(std::slice::from_ref(f), &Default::default());
        compare_all(&checked.diagnostics, checked.sources(), &mut tally);
    }
    let seed = root().join("examples/songjiang-npc-2025");
    for rules in [None, Some(root().join("rules/hubei-2020.jx"))] {
        let run = jixiao::evaluate_paths(
            std::slice::from_ref(&seed),
            None,
            rules.as_deref(),
            &Default::default(),
        );
        compare_all(&run.diagnostics, run.sources(), &mut tally);
    }
    let traces = root().join("tests/traces");
    let read = |name: &str| std::fs::read_to_string(traces.join(name)).unwrap();
    let (decl, actuals) = (read("gen12.declaration.txt"), read("gen12.actuals.txt"));
    for rules in [
        None,
        Some(jixiao::DEFAULT_RULES),
        Some(&*read_rules("hubei-2020.jx")),
    ] {
        let run = jixiao::evaluate_text(&decl, &actuals, rules);
        compare_all(&run.diagnostics, run.sources(), &mut tally);
    }
    eprintln!("tests and examples: {tally:?}");
    assert!(tally.all > 300, "{tally:?}");
    // (what it declines here is mostly help text that miette wraps)
    assert!(tally.fast * 4 > tally.all, "{tally:?}");
}

fn read_rules(name: &str) -> String {
    std::fs::read_to_string(root().join("rules").join(name)).unwrap()
}

fn generated(projects: usize, seed: u64) -> jixiao::Evaluated {
    let departments = jixiao::gen::generate(&jixiao::gen::Options {
        projects,
        seed,
        departments: 2,
    });
    let decl: String = departments.iter().map(jixiao::gen::declaration).collect();
    let actuals: String = departments.iter().map(jixiao::gen::actuals).collect();
    jixiao::evaluate_text(&decl, &actuals, None)
}

fn is_eval_warning(d: &Diagnostic) -> bool {
    ["JX-V016", "JX-V017", "JX-V018"].contains(&d.code)
}

/// The warnings of a generated workload: identical, and nearly all taken
/// by the fast path.
#[test]
fn generated_eval_warnings_are_rendered_fast_and_identically() {
    let run = generated(2_000, 1);
    let warnings: Vec<_> = run
        .diagnostics
        .iter()
        .filter(|d| is_eval_warning(d))
        .collect();
    assert!(warnings.len() > 2_000, "{}", warnings.len());
    let mut tally = Tally::default();
    for d in &warnings {
        compare(d, run.sources(), PLAIN, &mut tally);
    }
    eprintln!("generated eval warnings: {tally:?}");
    assert!(
        tally.fast * 100 >= tally.all * 95,
        "the fast path took only {tally:?} of the eval warnings"
    );
    let others: Vec<Diagnostic> = run
        .diagnostics
        .iter()
        .filter(|d| !is_eval_warning(d))
        .cloned()
        .collect();
    compare_all(&others, run.sources(), &mut Tally::default());
}

/// Generated warnings with their spans, messages, help and widths changed
/// around the edges the fast path must get right or decline.
#[test]
fn mutated_generated_warnings() {
    let run = generated(60, 7);
    let sources = run.sources();
    let warnings: Vec<&Diagnostic> = run
        .diagnostics
        .iter()
        .filter(|d| is_eval_warning(d))
        .take(40)
        .collect();
    assert!(warnings.len() >= 20, "{}", warnings.len());
    let mut tally = Tally::default();
    for d in warnings {
        let span = d.labels[0].span;
        let text = &sources.get(span.file).unwrap().text;
        // spans moved by a few bytes either way, shortened, emptied,
        // stretched over the line end; offsets inside characters too
        for shift in -12i64..=12 {
            for len in [0i64, 1, 2, 3, 5, 40, 80] {
                let start = (span.start as i64 + shift).clamp(0, text.len() as i64);
                let end = (start + len).min(text.len() as i64);
                let mut m = d.clone();
                m.labels[0].span = Span::new(span.file, start as usize, end as usize);
                compare(&m, sources, PLAIN, &mut tally);
            }
        }
        // the whole line, with and without its newline, and the next line
        let line_start = text[..span.start as usize].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[span.start as usize..]
            .find('\n')
            .map_or(text.len(), |i| span.start as usize + i);
        for (s, e) in [
            (line_start, line_end),
            (line_start, line_end + 1),
            (line_end, line_end),
            (line_end, line_end + 1),
            (line_end + 1, line_end + 1),
            (line_start, line_start),
        ] {
            let e = e.min(text.len());
            let mut m = d.clone();
            m.labels[0].span = Span::new(span.file, s.min(e), e);
            compare(&m, sources, PLAIN, &mut tally);
        }
        // no label text, no help
        let mut m = d.clone();
        m.labels[0].message = None;
        compare(&m, sources, PLAIN, &mut tally);
        let mut m = d.clone();
        m.help = None;
        compare(&m, sources, PLAIN, &mut tally);
        // messages and help up to and past the width where textwrap wraps
        for extra in 0..40 {
            for filler in [
                "x",
                "汉",
                " y",
                "，",
                " 12.5%",
                "项目 3.0",
                "“引”",
                " 2025-0--",
            ] {
                let mut m = d.clone();
                m.message = format!("{}{}", d.message, filler.repeat(extra));
                compare(&m, sources, PLAIN, &mut tally);
                let m = d.clone().help(format!(
                    "{}{}",
                    d.help.as_deref().unwrap_or(""),
                    filler.repeat(extra)
                ));
                compare(&m, sources, PLAIN, &mut tally);
            }
        }
        // other severities and widths
        for severity in [Severity::Error, Severity::Info] {
            let mut m = d.clone();
            m.severity = severity;
            compare(&m, sources, PLAIN, &mut tally);
        }
        for width in [20, 40, 50, 60, 80, 99, 101, 120, 200] {
            let options = RenderOptions {
                color: false,
                width: Some(width),
            };
            compare(d, sources, options, &mut tally);
        }
        // a second and third label nearby, or far away
        for (a, b) in [
            (-30i64, 2usize),
            (20, 0),
            (60, 4),
            (400, 3),
            (-400, 1),
            (0, 4),
        ] {
            let s = (span.start as i64 + a).clamp(0, text.len() as i64) as usize;
            let e = (s + b).min(text.len());
            for message in ["另一处", ""] {
                let m = d.clone().label(Span::new(span.file, s, e), message);
                compare(&m, sources, PLAIN, &mut tally);
                let m = m.label(Span::new(span.file, e, e), "第三处");
                compare(&m, sources, PLAIN, &mut tally);
            }
        }
    }
    assert!(tally.fast * 2 > tally.all, "{tally:?}");
}

fn one_file(name: &str, text: &str) -> SourceMap {
    let mut sources = SourceMap::new();
    sources.add(SourceFile::new(
        PathBuf::from(name),
        name.to_string(),
        text.to_string(),
    ));
    sources
}

fn labelled(start: usize, end: usize, message: &str) -> Diagnostic {
    Diagnostic::new(&codes::LOW_EXECUTION, "测试")
        .label(Span::new(FileId(0), start, end), message.to_string())
        .help("帮助")
}

/// Every span of small texts: first and last lines, empty lines, tabs,
/// full-width characters, a text without a final newline, an empty text.
#[test]
fn every_span_of_small_texts() {
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
    let mut tally = Tally::default();
    for text in texts {
        let sources = one_file("小.jx", text);
        for start in 0..=text.len() {
            for end in start..=text.len() {
                for message in ["标签", ""] {
                    compare(&labelled(start, end, message), &sources, PLAIN, &mut tally);
                }
            }
        }
        // pairs of labels
        let n = text.len();
        for a in (0..=n).step_by(3) {
            for b in (0..=n).step_by(5) {
                let d = labelled(a, (a + 2).min(n), "一").label(
                    Span::new(FileId(0), b, (b + 1).min(n)),
                    if b % 2 == 0 { "二" } else { "" },
                );
                compare(&d, &sources, PLAIN, &mut tally);
            }
        }
    }
    assert!(tally.fast * 3 > tally.all, "{tally:?}");
}

/// Line numbers around a change of their width (9→10, 99→100, …,
/// 99999→100000), and very long lines that are shown cropped.
#[test]
fn gutter_widths_and_long_lines() {
    let mut text = String::new();
    for i in 1..=100_002 {
        match i % 7 {
            0 => text.push_str(&format!("  指标 {i} 人\n")),
            1 => text.push('\n'),
            2 => text.push_str(&format!("{}X{}\n", "啊".repeat(300), "b".repeat(300))),
            _ => text.push_str(&format!("  行{i}\n")),
        }
    }
    text.push_str("最后一行");
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let sources = one_file("长.jx", &text);
    let mut tally = Tally::default();
    let mut lines: Vec<usize> = Vec::new();
    for edge in [10usize, 100, 1_000, 10_000, 100_000] {
        lines.extend(edge - 3..=edge + 2);
    }
    lines.extend([1, 2, 3, 100_001, 100_002, 100_003]);
    for line in lines {
        let s = starts[line - 1];
        let e = starts.get(line).map_or(text.len(), |n| n - 1);
        for (a, b) in [(s, e), (s, s), (e, e), (s + (e - s) / 2, e), (s, s + 1)] {
            let b = b.min(text.len());
            compare(&labelled(a, b, "这里"), &sources, PLAIN, &mut tally);
        }
        if let Some(x) = text[s..e].find('X') {
            compare(
                &labelled(s + x, s + x + 1, "X"),
                &sources,
                PLAIN,
                &mut tally,
            );
        }
    }
    assert!(tally.fast * 2 > tally.all, "{tally:?}");
}

/// Each character the fast path measures, in a source line before a label
/// (miette's widths) and at the end of a message exactly as wide as
/// textwrap allows (textwrap's widths): a wrong width moves the underline
/// or wraps the message.
#[test]
fn every_known_character_is_measured_as_miette_does() {
    let mut tally = Tally::default();
    let mut chars: Vec<char> = Vec::new();
    for c in (0x20u32..0x30000).filter_map(char::from_u32) {
        let big = matches!(u32::from(c), 0x3400..=0x9FFF | 0xAC00..=0xD7A3 | 0x20000..);
        if !big || u32::from(c) % 97 == 0 {
            chars.push(c);
        }
    }
    for chunk in chars.chunks(8) {
        let line: String = chunk.iter().collect();
        let text = format!("前\n{line}标签\n后\n");
        let sources = one_file("字.jx", &text);
        let at = text.find("标签").unwrap();
        compare(&labelled(at, at + 6, "这里"), &sources, PLAIN, &mut tally);
        for &c in chunk {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            for pad in [94usize.saturating_sub(w), 95usize.saturating_sub(w)] {
                let message = format!("{}{c}", "m".repeat(pad));
                let mut d = labelled(at, at + 6, "这里");
                d.message = message;
                compare(&d, &sources, PLAIN, &mut tally);
            }
        }
    }
    assert!(tally.fast > 3_000, "{tally:?}");
}

/// Fuzz inputs (declaration \x01 actuals \x01 rules, as fuzz/fuzz_targets
/// split them), checked and evaluated, when JIXIAO_RENDER_CORPUS names a
/// directory of them.
#[test]
fn fuzz_corpus_when_given() {
    let Some(dir) = std::env::var_os("JIXIAO_RENDER_CORPUS") else {
        return;
    };
    let mut tally = Tally::default();
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        let Ok(text) = std::fs::read_to_string(&p) else {
            continue;
        };
        let parts: Vec<&str> = text.splitn(3, '\u{1}').collect();
        let checked = jixiao::check_text("f.jx", parts[0]);
        compare_all(&checked.diagnostics, checked.sources(), &mut tally);
        let rules = parts.get(2).filter(|r| !r.trim().is_empty()).copied();
        let run = jixiao::evaluate_text(parts[0], parts.get(1).copied().unwrap_or(""), rules);
        compare_all(&run.diagnostics, run.sources(), &mut tally);
    }
    eprintln!("fuzz corpus: {tally:?}");
}

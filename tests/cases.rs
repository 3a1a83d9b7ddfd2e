//! The fixture suite: every malformed input under `tests/cases/` is checked
//! and its rendered diagnostics are snapshotted (`tests/cases/snapshots/`).
//!
//! For every malformed fixture the test also asserts what a budget officer
//! must always get: at least one diagnostic, each with file:line:column, a
//! Chinese message, and never a grammar rule name. Fixtures named `good_*`
//! must check clean.

use jixiao::diagnostic::render::{render, render_all, RenderOptions};
use jixiao::LoadOptions;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const OPTIONS: RenderOptions = RenderOptions {
    color: false,
    width: Some(100),
};

/// These fixtures are about reading a file: syntax, structure, encoding.
/// What `check` finds in the content of a well-formed file (funds, taxonomy,
/// targets …) is tested in tests/check_findings.rs, so it is set aside here.
fn reading_only(mut checked: jixiao::Checked) -> jixiao::Checked {
    let finding = |code: &str| {
        ["JX-F", "JX-D", "JX-T", "JX-G", "JX-C", "JX-A"]
            .iter()
            .any(|f| code.starts_with(f))
    };
    checked.diagnostics.retain(|d| !finding(d.code));
    checked
}

fn read_paths(paths: &[PathBuf], options: &LoadOptions) -> jixiao::Checked {
    reading_only(jixiao::check_paths(paths, options))
}

fn read_text(name: &str, text: &str) -> jixiao::Checked {
    reading_only(jixiao::check_text(name, text))
}

/// Every rule name of the grammar, read from `grammar/jixiao.pest`.
fn rule_names() -> BTreeSet<String> {
    let grammar = std::fs::read_to_string("grammar/jixiao.pest").unwrap();
    let mut names = BTreeSet::new();
    for line in grammar.lines() {
        let line = line.trim_start();
        let Some((lhs, rhs)) = line.split_once('=') else {
            continue;
        };
        let lhs = lhs.trim();
        let rhs = rhs.trim_start();
        let is_ident = !lhs.is_empty()
            && lhs.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !lhs.starts_with(|c: char| c.is_ascii_digit());
        let opens_rule = rhs
            .trim_start_matches(['_', '@', '$', '!'])
            .starts_with('{');
        if is_ident && opens_rule {
            names.insert(lhs.to_string());
        }
    }
    names.insert("EOI".into());
    names.insert("SOI".into());
    assert!(
        names.len() > 40 && names.contains("project_raw") && names.contains("bare_name"),
        "could not read the rule names: {names:?}"
    );
    names
}

/// ASCII identifiers in the text (after removing the displayed file names).
fn ascii_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            cur.push(c);
        } else if !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
}

/// `[file:line:column]` in a rendering.
fn has_line_column(rendered: &str) -> bool {
    rendered.lines().any(|l| {
        let Some(start) = l.find('[') else {
            return false;
        };
        let Some(end) = l[start..].find(']') else {
            return false;
        };
        let inside = &l[start + 1..start + end];
        let mut parts = inside.rsplitn(3, ':');
        let col = parts.next().unwrap_or("");
        let line = parts.next().unwrap_or("");
        !col.is_empty()
            && !line.is_empty()
            && col.chars().all(|c| c.is_ascii_digit())
            && line.chars().all(|c| c.is_ascii_digit())
            && parts.next().is_some()
    })
}

fn fixtures(dir: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "jx"))
        .collect();
    out.sort();
    out
}

fn snapshot_name(path: &Path) -> String {
    let dir = path
        .parent()
        .and_then(|p| p.file_name())
        .unwrap()
        .to_string_lossy();
    let stem = path.file_stem().unwrap().to_string_lossy();
    format!("{dir}__{stem}")
}

fn check_fixture(path: &Path, options: &LoadOptions, rules: &BTreeSet<String>) {
    let checked = read_paths(&[path.to_path_buf()], options);
    let name = path.display().to_string();
    let stem = path.file_stem().unwrap().to_string_lossy().to_string();
    let output = render_all(&checked.diagnostics, checked.sources(), OPTIONS);
    if stem.starts_with("good_") {
        assert!(
            checked.diagnostics.is_empty(),
            "{name} must check clean, got:\n{output}"
        );
        return;
    }
    assert!(
        !checked.diagnostics.is_empty(),
        "{name}: a malformed fixture must give at least one diagnostic"
    );
    for d in &checked.diagnostics {
        let one = render(d, checked.sources(), OPTIONS);
        assert!(
            has_line_column(&one),
            "{name}: no file:line:column in\n{one}"
        );
        assert!(
            has_cjk(&d.message),
            "{name}: message not Chinese: {}",
            d.message
        );
        if let Some(h) = &d.help {
            assert!(has_cjk(h), "{name}: help not Chinese: {h}");
        }
    }
    // No grammar rule name anywhere, file paths aside (`tests/cases/include/…`).
    let scrubbed: String = output
        .split(|c: char| c.is_whitespace() || "“”（）()[]【】".contains(c))
        .filter(|w| !w.contains('/'))
        .collect::<Vec<_>>()
        .join(" ");
    for word in ascii_words(&scrubbed) {
        assert!(
            !rules.contains(&word),
            "{name}: grammar rule name “{word}” shown to the user:\n{output}"
        );
    }
    insta::with_settings!({
        snapshot_path => "cases/snapshots",
        prepend_module_to_snapshot => false,
        description => name.clone(),
        omit_expression => true,
    }, {
        insta::assert_snapshot!(snapshot_name(path), output);
    });
}

#[test]
fn syntax_fixtures() {
    let rules = rule_names();
    let all = fixtures("tests/cases/syntax");
    assert!(all.len() >= 25, "only {} fixtures", all.len());
    for path in all {
        check_fixture(&path, &LoadOptions::default(), &rules);
    }
}

#[test]
fn include_fixtures() {
    let rules = rule_names();
    let options = LoadOptions {
        root: Some(PathBuf::from("tests/cases/include")),
        ..LoadOptions::default()
    };
    let all = fixtures("tests/cases/include");
    assert!(all.len() >= 3);
    for path in all {
        check_fixture(&path, &options, &rules);
    }
}

/// Errors in three different projects of one file are all reported, in file order.
#[test]
fn three_projects_all_reported_in_order() {
    let checked = read_paths(
        &[PathBuf::from("tests/cases/syntax/three_projects.jx")],
        &LoadOptions::default(),
    );
    let lines: Vec<usize> = checked
        .diagnostics
        .iter()
        .map(|d| {
            let span = d.primary_span().unwrap();
            checked
                .sources()
                .get(span.file)
                .unwrap()
                .line_col(span.start as usize)
                .0
        })
        .collect();
    assert_eq!(lines.len(), 3, "{:#?}", checked.diagnostics);
    assert!(lines.windows(2).all(|w| w[0] < w[1]), "{lines:?}");
    let messages: Vec<&str> = checked
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert!(
        messages[0].contains("第一个项目") || messages[0].contains("。"),
        "{messages:?}"
    );
}

/// Damaged declarations never panic and always get a located diagnostic:
/// every fixture, and thousands of random edits of a valid project (a
/// character deleted, an interesting character inserted, the text cut off).
#[test]
fn damaged_input_never_panics() {
    let base = std::fs::read_to_string("tests/cases/syntax/good_fullwidth.jx").unwrap();
    let inserts = [
        "{", "}", "\"", "\"\"\"", "#", "\n", "≥", "=", ":", "：", "~", ",", "，", "(", "）", "万",
        "%", "项目", "指标 {", "分值", "方向", "\\", "；", "“", "0", "9,99", "至", "\t", "　",
    ];
    let chars: Vec<(usize, char)> = base.char_indices().collect();
    let mut seed: u64 = 0x2025_0101;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((seed >> 33) as usize) % n.max(1)
    };
    let mut damaged = Vec::new();
    for _ in 0..1500 {
        let (at, c) = chars[next(chars.len())];
        let mut text = base.clone();
        match next(3) {
            0 => {
                text.replace_range(at..at + c.len_utf8(), "");
            }
            1 => text.insert_str(at, inserts[next(inserts.len())]),
            _ => text.truncate(at),
        }
        damaged.push(text);
    }
    let rules = rule_names();
    let dump = std::env::var_os("JIXIAO_DUMP_DAMAGED").is_some();
    for text in &damaged {
        let checked = read_text("损坏.jx", text);
        for d in checked.diagnostics.iter().filter(|d| d.is_error()) {
            if dump {
                let span = d.primary_span().unwrap();
                let (line, _) = checked
                    .sources()
                    .get(span.file)
                    .unwrap()
                    .line_col(span.start as usize);
                let src = text.lines().nth(line - 1).unwrap_or("");
                let prev = if line >= 2 {
                    text.lines().nth(line - 2).unwrap_or("")
                } else {
                    ""
                };
                println!(
                    "DAMAGED {} {} ⟦{}⟧⟦{}⟧",
                    d.code,
                    d.message,
                    prev.trim(),
                    src.trim()
                );
                if std::env::var("JIXIAO_DUMP_DAMAGED")
                    .is_ok_and(|m| !m.is_empty() && d.message.contains(&m))
                {
                    println!("TEXT {text:?}");
                }
            }
            let words = format!("{} {}", d.message, d.help.as_deref().unwrap_or(""));
            for w in ascii_words(&words) {
                assert!(!rules.contains(&w), "rule name “{w}” in {d:?}");
            }
            assert!(d.primary_span().is_some(), "unlocated: {d:?}\n{text}");
            assert!(has_cjk(&d.message), "{d:?}");
            let shown = render(d, checked.sources(), OPTIONS);
            assert!(has_line_column(&shown), "{shown}");
        }
    }
}

/// The guard against rule names finds them (so the fixture assertion can fail).
#[test]
fn rule_name_guard_finds_rule_names() {
    let rules = rule_names();
    for r in [
        "project_raw",
        "bare_name",
        "quantity",
        "sep",
        "dept_bad",
        "EOI",
    ] {
        assert!(rules.contains(r), "{r} not read from the grammar");
    }
    let leaked = "此处应为 project_raw 或 EOI，实际是“quantity”";
    let found: Vec<String> = ascii_words(leaked)
        .into_iter()
        .filter(|w| rules.contains(w))
        .collect();
    assert_eq!(found, ["project_raw", "EOI", "quantity"]);
    assert!(!has_line_column("错误：无法读取"));
    assert!(has_line_column("   ╭─[tests/cases/syntax/a.jx:4:21]"));
}

/// Full-width forms mean exactly what the half-width ones do.
#[test]
fn fullwidth_forms_mean_the_same() {
    let checked = read_paths(
        &[PathBuf::from("tests/cases/syntax/good_fullwidth.jx")],
        &LoadOptions::default(),
    );
    assert!(checked.diagnostics.is_empty(), "{:#?}", checked.diagnostics);
    let targets: Vec<(String, String)> = checked
        .workspace
        .projects()
        .flat_map(|p| p.indicators.iter())
        .map(|i| (i.name.clone(), i.target.to_string()))
        .collect();
    let expected = [
        ("培训人数", "≥ 140 人"),
        ("会议场次", "≥ 3 场"),
        ("会议经费", "≤ 2.5 万元"),
        ("人均培训费", "≤ 300 元/人"),
        ("差旅费", "≤ 1.2 万元"),
        ("印刷费", "≤ 0.5 万元"),
        ("故障处理率", "= 100%"),
        ("差错率", "≤ 5‰"),
        ("系统故障响应及时性", "及时"),
        ("使用者满意率", "90%~95%"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
    assert_eq!(targets, expected);
}

/// The full-width fixture and its half-width spelling give the same model.
#[test]
fn fullwidth_and_halfwidth_models_are_equal() {
    let wide = std::fs::read_to_string("tests/cases/syntax/good_fullwidth.jx").unwrap();
    let mut narrow = wide.clone();
    for (from, to) in [
        ("＞＝", ">="),
        ("＜＝", "<="),
        ("≧", ">="),
        ("＝", "="),
        ("％", "%"),
        ("：", ":"),
        ("～", "~"),
        ("（", "("),
        ("）", ")"),
        ("；", ";"),
        ("＃", "#"),
        ("　", " "),
        ("\t", " "),
    ] {
        narrow = narrow.replace(from, to);
    }
    assert_ne!(wide, narrow);
    let a = read_text("宽.jx", &wide);
    let b = read_text("窄.jx", &narrow);
    assert!(a.diagnostics.is_empty() && b.diagnostics.is_empty());
    assert_eq!(a.workspace, b.workspace);
}

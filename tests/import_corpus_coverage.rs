//! Nothing dropped on the corpus (issue 18): every token of each real form
//! the generic-layout reader imports (`tests/corpus/import/`) is in what the
//! import wrote (comments included) or in a diagnostic's message, the
//! reader's label words (`jixiao::import::grid::label_words()`) aside. See
//! tests/common/coverage.rs; the seed layout's own check is
//! tests/import_coverage.rs.

#[path = "common/coverage.rs"]
mod coverage;

use std::path::{Path, PathBuf};

const IMPORT: &str = "tests/corpus/import";

/// Tokens a form prints that the reader keeps in another form, each with
/// why it is no loss.
const EXCEPTIONS: &[(&str, &[&str])] = &[(
    // `≥100百分比`: the unit 百分比 is written `%`, the language's spelling
    // of the same unit (`≥ 100%`); nothing is lost.
    "anhui-chizhou-tangxi-2022-ziping",
    &["“比” 缺 1 处（原文 1 处）", "“百” 缺 1 处（原文 1 处）"],
)];

/// Each corpus form: its name and its text file.
fn forms() -> Vec<(String, PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(IMPORT);
    let mut out: Vec<(String, PathBuf)> = std::fs::read_dir(&root)
        .expect("the corpus")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .filter_map(|dir| {
            let txt = std::fs::read_dir(&dir)
                .ok()?
                .flatten()
                .map(|e| e.path())
                .find(|p| p.extension().is_some_and(|x| x == "txt"))?;
            let name = dir.file_name()?.to_string_lossy().to_string();
            Some((name, txt))
        })
        .collect();
    out.sort();
    out
}

fn import(path: &Path, text: &str) -> jixiao::import::Imported {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    jixiao::import::import_bytes(path, &name, text.as_bytes())
}

/// What of `text` the grid reader's import of it lost.
fn grid_missing(text: &str, imported: &jixiao::import::Imported) -> Vec<String> {
    coverage::uncovered_in(text, imported, &jixiao::import::grid::label_words(), &[])
}

/// The tokens the grid reader's import of `text` lost that `EXCEPTIONS`
/// does not explain; `None` when the grid reader wrote nothing (the seed
/// layout has its own check; a form that failed wrote nothing).
fn unexplained(form: &str, path: &Path, text: &str) -> Option<Vec<String>> {
    let imported = import(path, text);
    if imported.text.is_empty() || imported.layout.is_none() {
        return None;
    }
    let allowed: &[&str] = EXCEPTIONS
        .iter()
        .find(|(f, _)| *f == form)
        .map_or(&[], |(_, e)| e);
    let missing = grid_missing(text, &imported);
    Some(
        missing
            .into_iter()
            .filter(|m| !allowed.contains(&m.as_str()))
            .collect(),
    )
}

#[test]
fn every_imported_form_keeps_every_token() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for (form, path) in forms() {
        let text = std::fs::read_to_string(&path).expect("the form's text");
        let Some(lost) = unexplained(&form, &path, &text) else {
            continue;
        };
        checked += 1;
        if !lost.is_empty() {
            failures.push(format!("{form}:\n  {}", lost.join("\n  ")));
        }
    }
    assert!(checked >= 15, "only {checked} forms imported");
    assert!(failures.is_empty(), "dropped:\n{}", failures.join("\n"));
}

/// Each exception is still needed: the form still lacks exactly it.
#[test]
fn the_exceptions_are_current() {
    for (form, expected) in EXCEPTIONS {
        let (_, path) = forms()
            .into_iter()
            .find(|(f, _)| f == form)
            .expect("an exception's form is in the corpus");
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            grid_missing(&text, &import(&path, &text)),
            *expected,
            "{form}"
        );
    }
}

/// The check finds what a grid import lost: an indicator's name, a printed
/// number, a comment's text (the written text edited as a defect would).
#[test]
fn a_dropped_token_is_found() {
    let (_, path) = forms()
        .into_iter()
        .find(|(f, _)| f == "sichuan-qingshen-fagaiju-2023-ziping")
        .expect("青神's form");
    let text = std::fs::read_to_string(&path).unwrap();
    let imported = import(&path, &text);
    assert!(grid_missing(&text, &imported).is_empty());
    let labels = jixiao::import::grid::label_words();
    let messages: Vec<String> = imported
        .diagnostics
        .iter()
        .map(|d| d.message.to_string())
        .collect();
    let drop = |from: &str, to: &str| -> Vec<String> {
        let written = imported.text.replace(from, to);
        assert_ne!(written, imported.text, "{from}");
        coverage::uncovered(&text, &written, &messages, &labels)
    };
    assert_eq!(
        drop("足额保障率(参保率)", "足额保障率"),
        ["“参保率” 缺 1 处（原文 1 处）"]
    );
    assert_eq!(
        drop("执行 251.89 万元", "执行 251.8 万元"),
        ["“251.89” 缺 2 处（原文 4 处）"]
    );
    // The unplaced cell is in a comment and in its diagnostic: either
    // covers it; without both, it is missing.
    assert!(drop("# 原表第 1 行未能归位：报表编号:510000_0013zp", "#").is_empty());
    let others: Vec<String> = messages
        .iter()
        .filter(|m| !m.contains("报表编号"))
        .cloned()
        .collect();
    let written = imported
        .text
        .replace("# 原表第 1 行未能归位：报表编号:510000_0013zp", "#");
    assert_eq!(
        coverage::uncovered(&text, &written, &others, &labels),
        [
            "“报表编号” 缺 1 处（原文 1 处）",
            "“13” 缺 1 处（原文 1 处）",
            "“510000” 缺 1 处（原文 1 处）",
            "“zp” 缺 1 处（原文 1 处）"
        ]
    );
}

/// Each form cut at twelve places (a web page's excerpt ends anywhere,
/// mid-line too): what is written still holds every token of the part that
/// was read.
#[test]
fn truncated_forms_keep_every_token() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for (form, path) in forms() {
        let text = std::fs::read_to_string(&path).expect("the form's text");
        let ends: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        for cut in ends.iter().skip(1).step_by(ends.len() / 12 + 1) {
            let part = text.get(..*cut).unwrap_or_default();
            let Some(lost) = unexplained(&form, &path, part) else {
                continue;
            };
            checked += 1;
            if !lost.is_empty() {
                failures.push(format!(
                    "{form} 截至第 {cut} 字节:\n  {}",
                    lost.join("\n  ")
                ));
            }
        }
    }
    assert!(checked >= 60, "only {checked} cuts imported");
    assert!(failures.is_empty(), "dropped:\n{}", failures.join("\n"));
}

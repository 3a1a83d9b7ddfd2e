//! `jixiao import` of the seed: the text a PDF extractor produced from the
//! official 申报表 must give exactly the model of the hand transcription in
//! examples/songjiang-npc-2025.

#[path = "common/cli.rs"]
mod cli;
use cli::Checked;

use std::path::PathBuf;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The seed: the published form's text, vendored as a test fixture so that
/// no test is skipped when the folder beside the clone is missing.
fn seed_path() -> PathBuf {
    repo().join("tests/corpus/import/shanghai-songjiang-npc-2025/申报表.txt")
}

/// The transcription: declaration.jx alone (the folder may hold other files,
/// such as a year's actuals).
fn example() -> jixiao::Checked {
    jixiao::check_paths(
        &[repo().join("examples/songjiang-npc-2025/declaration.jx")],
        &jixiao::LoadOptions::default(),
    )
}

/// What the form itself holds: the transcription may add 校验 lines (relations
/// between its numbers, written by hand), which no form has a cell for.
fn form_content(ws: &jixiao::Workspace) -> jixiao::Workspace {
    let mut ws = ws.clone();
    for d in &mut ws.departments {
        for p in &mut d.projects {
            p.checks.clear();
        }
    }
    ws
}

fn import_seed(path: &PathBuf) -> jixiao::import::Imported {
    let bytes = std::fs::read(path).unwrap();
    jixiao::import::import_bytes(path, "seed.txt", &bytes)
}

#[test]
fn seed_import_equals_the_transcription() {
    let path = seed_path();
    let imported = import_seed(&path);
    assert!(!imported.has_errors(), "{:#?}", imported.diagnostics);
    let checked = jixiao::check_text("imported.jx", &imported.text);
    let errors: Vec<_> = checked
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\n{}", imported.text);
    let expected = example();
    assert!(!expected.has_errors());
    let (got_ws, want_ws) = (
        form_content(&checked.workspace),
        form_content(&expected.workspace),
    );
    // Field by field first, for a readable failure.
    let got: Vec<_> = got_ws.projects().collect();
    let want: Vec<_> = want_ws.projects().collect();
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(g.name, w.name);
        assert_eq!(g.funds, w.funds, "{}", w.name);
        assert_eq!(g.narrative, w.narrative, "{}", w.name);
        assert_eq!(g.indicators, w.indicators, "{}", w.name);
        assert_eq!(g, w);
    }
    assert_eq!(got_ws, want_ws);
    assert_eq!(checked.workspace.indicator_count(), 58);
    // The import is written through `jixiao fmt`: already canonical.
    let again = jixiao::format::format_text(jixiao::source::FileId(0), &imported.text);
    match again {
        Ok(t) => assert!(t == imported.text, "fmt would change the imported text"),
        Err(e) => panic!("fmt refuses the imported text: {e:?}"),
    }
}

#[test]
fn seed_import_reports_what_it_corrected() {
    let path = seed_path();
    let imported = import_seed(&path);
    let codes: Vec<_> = imported.diagnostics.iter().map(|d| d.code).collect();
    // The header's typo, the blank 财政资金 of project 2, the page number “6”.
    assert_eq!(
        codes,
        ["JX-I008", "JX-I007", "JX-I009"],
        "{:#?}",
        imported.diagnostics
    );
    let text = &imported.text;
    assert!(text.contains("# 原表“其中：财政资金”一格为空"));
    assert!(
        text.contains("人民大表大会"),
        "the header's spelling is kept in a comment"
    );
    assert!(text.contains("# 原文此处夹有页码“6”，已删去。"));
    assert!(!text.contains("\n6\n"));
}

#[test]
fn cli_import_writes_checked_text() {
    let path = seed_path();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("松江.jx");
    let run = cli::command(&cli::root())
        .arg("import")
        .arg(&path)
        .arg("-o")
        .arg(&out)
        .checked();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    assert!(run.stdout.is_empty());
    assert!(stderr.contains("已导入 9 个项目、58 项指标。"), "{stderr}");
    assert!(
        stderr.contains("提示[JX-I007] 资金表中“其中：财政资金”一格为空，已略去"),
        "{stderr}"
    );
    assert!(
        stderr.contains("提示[JX-I009] 第 417 行的“6”是 PDF 的页码，已删去"),
        "{stderr}"
    );
    // Only the output file is left in the directory (no temporary file).
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, [std::ffi::OsString::from("松江.jx")]);
    let checked = jixiao::check_paths(&[out], &jixiao::LoadOptions::default());
    assert!(!checked.has_errors());
    assert_eq!(
        form_content(&checked.workspace),
        form_content(&example().workspace)
    );
}

#[test]
fn cli_import_to_stdout() {
    let path = seed_path();
    let run = cli::command(&cli::root())
        .arg("import")
        .arg(&path)
        .checked();
    assert_eq!(run.status.code(), Some(0));
    let text = String::from_utf8(run.stdout).unwrap();
    assert!(text.starts_with("# 来源：申报表 PDF 的文本"));
    assert!(text.contains("部门 \"上海市松江区人民代表大会常务委员会办公室\" {\n  年度 2025\n  申报 9 个项目，资金 436.30 万元\n"));
    assert_eq!(
        form_content(&jixiao::check_text("x.jx", &text).workspace),
        form_content(&example().workspace)
    );
}

#[test]
fn seed_in_gbk_imports_the_same() {
    let path = seed_path();
    let text = std::fs::read_to_string(&path).unwrap();
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    let imported = jixiao::import::import_bytes(&path, "seed-gbk.txt", &gbk);
    let checked = jixiao::check_text("imported.jx", &imported.text);
    assert_eq!(
        form_content(&checked.workspace),
        form_content(&example().workspace)
    );
}

/// Forms without their 项目经费情况说明: the same projects, fields and
/// indicators, no narrative.
#[test]
fn forms_without_narratives() {
    let path = seed_path();
    let text = std::fs::read_to_string(&path).unwrap();
    let mut kept = String::new();
    let mut skipping = false;
    for line in text.lines() {
        if line.starts_with("项目经费情况说明") {
            skipping = true;
        }
        if line.trim() == "财政项目支出绩效目标申报表" {
            skipping = false;
        }
        if !skipping {
            kept.push_str(line);
            kept.push('\n');
        }
    }
    let imported = jixiao::import::import_bytes(&path, "forms.txt", kept.as_bytes());
    let checked = jixiao::check_text("imported.jx", &imported.text);
    assert!(!checked.has_errors(), "{:#?}", checked.diagnostics);
    let want = example();
    let got: Vec<_> = checked.workspace.projects().collect();
    let want: Vec<_> = want.workspace.projects().collect();
    assert_eq!(got.len(), 9);
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(
            (&g.name, &g.funds, &g.indicators),
            (&w.name, &w.funds, &w.indicators)
        );
        assert_eq!((&g.overall_goal, &g.period), (&w.overall_goal, &w.period));
        assert_eq!(g.narrative, jixiao::model::Narrative::default());
    }
    // Without the department header too: the year comes from “（2025 年度）”,
    // the name from the forms' 主管部门; no claim.
    let start = kept.find("\n财政项目支出绩效目标申报表\n").unwrap();
    let bare = jixiao::import::import_bytes(&path, "forms.txt", &kept.as_bytes()[start..]);
    let checked = jixiao::check_text("imported.jx", &bare.text);
    let dept = &checked.workspace.departments[0];
    assert_eq!(dept.year, Some(2025));
    assert_eq!(
        dept.name.as_deref(),
        Some("上海市松江区人民代表大会常务委员会办公室")
    );
    assert!(dept.claim.is_none());
    assert_eq!(dept.projects.len(), 9);
}

/// Apart from comments, the importer writes the transcription byte for byte:
/// the same canonical layout (indent, `≥ ≤ =`, thousands separators,
/// `"""` blocks for long narrative).
#[test]
fn seed_import_is_written_in_the_canonical_layout() {
    let path = seed_path();
    let imported = import_seed(&path);
    // Comments aside, and the hand-written 校验 lines (with the blank line
    // before them) that the form has no cell for.
    let strip = |t: &str| -> String {
        let kept: Vec<&str> = t
            .lines()
            .filter(|l| {
                let l = l.trim_start();
                !l.starts_with('#') && !l.starts_with("校验")
            })
            .collect();
        let mut out = String::new();
        for (i, l) in kept.iter().enumerate() {
            let closes_project = kept.get(i + 1).is_some_and(|n| *n == "  }");
            if !(l.is_empty() && closes_project) {
                out.push_str(l);
                out.push('\n');
            }
        }
        out
    };
    let example =
        std::fs::read_to_string(repo().join("examples/songjiang-npc-2025/declaration.jx")).unwrap();
    let (got, want) = (strip(&imported.text), strip(&example));
    for (i, (g, w)) in got.lines().zip(want.lines()).enumerate() {
        assert_eq!(g, w, "第 {} 行（不计注释）", i + 1);
    }
    assert_eq!(got.lines().count(), want.lines().count());
}

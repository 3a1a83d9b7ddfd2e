//! `jixiao lsp`: going between a `自评` and its declaration, scores in
//! hover and inlay hints (issue 20), spoken to as an editor does; each test
//! asserts what the editor receives.

#[path = "common/lsp.rs"]
mod editor;

use editor::{range, Editor};
use jixiao::lsp::position::{LineIndex, Placer};
use jixiao::lsp::{definition, folder, uri};
use serde_json::{json, Value};

/// A small declaration and its `自评` in one document (what `import`
/// writes).
const FORM: &str = "部门 \"示例局\" {
  年度 2025
  项目 \"培训\" {
    性质 其他经常性项目
    资金 {
      总额 10.04 万元
      财政资金 10.04 万元
    }
    指标 {
      产出指标 {
        数量指标 {
          培训人数 ≥ 140 人 分值 20
          培训场次 ≥ 4 场
        }
      }
    }
    校验 培训人数 ≥ 100 人
  }
}
自评 \"示例局\" 2025 {
  项目 \"培训\" {
    预算 10.04 万元
    执行 9.5 万元
    培训人数 133 人
    培训场次 5 场
  }
}
";

/// The editor's position of the first `needle` in `text`, `after`
/// characters into it (the server's own UTF-16 counting).
fn at(text: &str, needle: &str, after: usize) -> Value {
    let start = text.find(needle).expect("the needle is in the text");
    let skip: usize = needle.chars().take(after).map(char::len_utf8).sum();
    let p = LineIndex::new(text).position(start + skip);
    json!({ "line": p.line, "character": p.character })
}

fn ask(e: &mut Editor, method: &str, uri: &str, at: Value) -> Value {
    e.request(
        method,
        json!({ "textDocument": { "uri": uri }, "position": at,
                "context": { "includeDeclaration": true } }),
    )
}

fn location(uri: &str, r: Value) -> Value {
    json!({ "uri": uri, "range": r })
}

const URI: &str = "file:///nonexistent-dir/form.jx";

/// The result of `method` at `needle` (`after` characters in) in [`FORM`].
fn go(e: &mut Editor, method: &str, needle: &str, after: usize) -> Value {
    ask(
        e,
        &format!("textDocument/{method}"),
        URI,
        at(FORM, needle, after),
    )["result"]
        .take()
}

/// In one document: from an actual to its declared indicator, from a
/// `自评` project to the declared one, from a declared indicator to its
/// actual; references on either side list both.
#[test]
fn definition_and_references_in_one_document() {
    let mut e = Editor::new();
    e.open(URI, FORM);
    let declared = location(URI, range(11, 10, 11, 14));
    let actual = location(URI, range(23, 4, 23, 8));
    let cases = [
        // anywhere on the actual's line, its value too
        ("definition", "培训人数 133", 0, json!([declared])),
        ("definition", "培训人数 133", 2, json!([declared])),
        ("definition", "培训人数 133", 7, json!([declared])),
        ("definition", "培训人数 ≥", 1, json!([actual])),
        (
            "definition",
            "培训\" {\n    预算",
            1,
            json!([location(URI, range(2, 5, 2, 9))]),
        ),
        (
            "definition",
            "培训\" {\n    性质",
            1,
            json!([location(URI, range(20, 5, 20, 9))]),
        ),
        ("references", "培训人数 133", 1, json!([declared, actual])),
        ("references", "培训人数 ≥", 0, json!([declared, actual])),
        // elsewhere: nothing
        ("definition", "性质", 0, Value::Null),
        ("definition", "年度", 0, Value::Null),
        ("definition", "预算 10.04", 0, Value::Null),
        ("references", "资金", 0, Value::Null),
    ];
    for (method, needle, after, expected) in cases {
        assert_eq!(
            go(&mut e, method, needle, after),
            expected,
            "{method} {needle}"
        );
    }
    let without = e.request(
        "textDocument/references",
        json!({ "textDocument": { "uri": URI }, "position": at(FORM, "培训人数 ≥", 0),
                "context": { "includeDeclaration": false } }),
    );
    assert_eq!(without, json!({ "result": [actual] }));
    assert!(e.finish());
}

/// Across files of one folder, as `jixiao eval 目录` reads them: the
/// declaration on disk, its 自评 open with unsaved changes (a line added
/// above the project); then the declaration open with unsaved changes too
/// (two comment lines at the top), which win over the file on disk.
#[test]
fn definition_across_the_files_of_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let (decl, actuals) = FORM.split_at(FORM.find("自评").unwrap());
    std::fs::write(dir.path().join("申报.jx"), decl).unwrap();
    std::fs::write(dir.path().join("自评.jx"), actuals).unwrap();
    std::fs::write(dir.path().join("说明.txt"), "不是 .jx").unwrap();
    let uri = |name: &str| {
        uri::uri_of(&dir.path().join(name))
            .unwrap()
            .as_str()
            .to_string()
    };
    let (decl_uri, actuals_uri) = (uri("申报.jx"), uri("自评.jx"));
    assert!(
        actuals_uri.ends_with("/%E8%87%AA%E8%AF%84.jx"),
        "{actuals_uri}"
    );
    let mut e = Editor::new();
    let unsaved = actuals.replace("  项目", "  # 未保存\n  项目");
    e.open(&actuals_uri, &unsaved);
    let definition = |e: &mut Editor, uri: &str, text: &str| {
        let got = ask(e, "textDocument/definition", uri, at(text, "培训场次", 0));
        got["result"].clone()
    };
    assert_eq!(
        definition(&mut e, &actuals_uri, &unsaved),
        json!([location(&decl_uri, range(12, 10, 12, 14))])
    );
    let decl_unsaved = format!("# 一\n# 二\n{decl}");
    // the editor spells its URI its own way (lower-case escapes): kept
    let decl_open = decl_uri.replace("%E7%94%B3%E6%8A%A5", "%e7%94%b3%e6%8a%a5");
    assert_ne!(decl_open, decl_uri);
    e.open(&decl_open, &decl_unsaved);
    assert_eq!(
        definition(&mut e, &actuals_uri, &unsaved),
        json!([location(&decl_open, range(14, 10, 14, 14))])
    );
    // and back, to the unsaved 自评 (its line 6; 5 on disk)
    assert_eq!(
        definition(&mut e, &decl_open, &decl_unsaved),
        json!([location(&actuals_uri, range(6, 4, 6, 8))])
    );
    // the score of the unsaved actual, computed with the declaration
    let hint = e.request(
        "textDocument/inlayHint",
        json!({ "textDocument": { "uri": actuals_uri }, "range": range(6, 0, 6, 99) }),
    );
    assert_eq!(hint["result"][0]["label"], "得 30.00 / 30");
    // a rule file in the folder scores, as in `jixiao eval 目录`
    let hubei = include_str!("../rules/hubei-2020.jx");
    std::fs::write(dir.path().join("规则.jx"), hubei).unwrap();
    let got = ask(
        &mut e,
        "textDocument/hover",
        &decl_open,
        at(&decl_unsaved, "培训场次", 0),
    );
    assert_eq!(
        got["result"]["contents"]["value"],
        "**培训场次**\n\n指标值：≥ 4 场\n\n分值：20 分（未写，由规则集分配）\n\n\
         评分公式（规则集“hubei-2020”）：正向 = 若 达成 则 分值 否则 若 指标值 ≤ 0 则 0 否则 \
         分值 × 完成值 ÷ 指标值\n\n自评：得 20.00 / 20"
    );
    assert!(e.finish());
}

/// A form (a declaration with its 自评) stands alone: the other forms in
/// its folder, with a project of the same name, are not its declaration.
#[test]
fn a_form_stands_alone_in_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let other = FORM.replace("培训人数 ≥ 140 人", "培训人数 ≥ 150 人");
    std::fs::write(dir.path().join("表0002.jx"), &other).unwrap();
    std::fs::write(dir.path().join("表0001.jx"), FORM).unwrap();
    let uri = uri::uri_of(&dir.path().join("表0001.jx")).unwrap();
    let uri = uri.as_str();
    let mut e = Editor::new();
    e.open(uri, FORM);
    assert_eq!(
        ask(
            &mut e,
            "textDocument/definition",
            uri,
            at(FORM, "培训人数 133", 0)
        ),
        json!({ "result": [location(uri, range(11, 10, 11, 14))] })
    );
    let hint = e.request(
        "textDocument/inlayHint",
        json!({ "textDocument": { "uri": uri }, "range": range(23, 0, 23, 99) }),
    );
    assert_eq!(hint["result"][0]["label"], "得 19.00 / 20");
    assert!(e.finish());
}

fn hover(e: &mut Editor, text: &str, needle: &str, after: usize) -> Value {
    ask(e, "textDocument/hover", URI, at(text, needle, after))
}

/// Hover: on a declared indicator, its points and the rule set's formula
/// (and its score when scored); on an actual, its score and the lines
/// `jixiao eval --explain` prints for it.
#[test]
fn hover_shows_points_formula_and_score() {
    let mut e = Editor::new();
    e.open(URI, FORM);
    let got = hover(&mut e, FORM, "培训人数 ≥", 0);
    assert_eq!(
        got,
        json!({ "result": {
            "contents": { "kind": "markdown", "value":
                "**培训人数**\n\n指标值：≥ 140 人\n\n分值：20 分\n\n\
                 评分公式（规则集“central-2020”）：正向 = 若 达成 则 分值 否则 \
                 若 指标值 ≤ 0 则 0 否则 分值 × 完成值 ÷ 指标值\n\n自评：得 19.00 / 20" },
            "range": range(11, 10, 11, 14)
        } })
    );
    let got = hover(&mut e, FORM, "培训人数 133", 1);
    assert_eq!(
        got,
        json!({ "result": {
            "contents": { "kind": "markdown", "value":
                "**培训人数**：得 19.00 / 20 分\n\n评分过程：\n\n```text\n\
                 培训人数：完成值 133 人 < 指标值 140 人 → 20 × 133 ÷ 140 = 19.00    [正向]\n    \
                 · 公式：正向 = 若 达成 则 分值 否则 若 指标值 ≤ 0 则 0 否则 分值 × 完成值 ÷ 指标值\n```" },
            "range": range(23, 4, 23, 8)
        } })
    );
    assert!(e.finish());
    // a declaration alone: the points as written, none scored; a
    // qualitative indicator: the rule set's 定性 block
    let alone = &FORM[..FORM.find("自评").unwrap()];
    let alone = &alone.replacen(
        "        }\n",
        "        }\n        质量指标 {\n          项目完成质量: 高质量\n        }\n",
        1,
    );
    let mut e = Editor::new();
    e.open(URI, alone);
    let got = hover(&mut e, alone, "培训场次", 0);
    assert_eq!(
        got["result"]["contents"]["value"],
        "**培训场次**\n\n指标值：≥ 4 场\n\n分值：未写（由规则集分配）\n\n\
         评分公式（规则集“central-2020”）：正向 = 若 达成 则 分值 否则 \
         若 指标值 ≤ 0 则 0 否则 分值 × 完成值 ÷ 指标值"
    );
    let got = hover(&mut e, alone, "项目完成质量", 0);
    assert_eq!(
        got["result"]["contents"]["value"],
        "**项目完成质量**\n\n指标值：高质量\n\n分值：未写（由规则集分配）\n\n\
         评分公式（规则集“central-2020”）：定性 { 达成 80% ~ 100% 默认 100%；\
         部分达成 60% ~ 80% 默认 70%；未达成 0% ~ 60% 默认 30% }（分值的百分比）"
    );
    assert!(e.finish());
}

/// Inlay hints of the small form: the funds' sum, the 校验, each actual's
/// score; only those in the range asked for.
#[test]
fn inlay_hints_of_a_small_form() {
    let mut e = Editor::new();
    let text = FORM.replace(
        "校验 培训人数 ≥ 100 人",
        "校验 培训人数 ≥ 100 人\n    校验 培训人数 ≥ 200 人",
    );
    e.open(URI, &text);
    let hints = |e: &mut Editor, r: Value| {
        e.request(
            "textDocument/inlayHint",
            json!({ "textDocument": { "uri": URI }, "range": r }),
        )
    };
    let hint = |line: u32, character: u32, label: &str| {
        json!({ "position": { "line": line, "character": character }, "label": label,
                "paddingLeft": true })
    };
    let mut failed = hint(17, 19, "不成立");
    failed["tooltip"] = json!(
        "校验“培训人数 ≥ 200 人”不成立：左边 = 140 人，右边 = 200 人，140 人 ≥ 200 人 不成立"
    );
    let mut funds = hint(7, 5, "合计 100,400.00 元 = 总额");
    funds["tooltip"] = json!(
        "财政资金 + 其他资金（财政资金未填时按当年拨款 + 上年结转计），与 check 的 JX-F001 相同"
    );
    assert_eq!(
        hints(&mut e, range(0, 0, 99, 0)),
        json!({ "result": [
            funds,
            hint(16, 19, "成立"),
            failed,
            hint(24, 14, "得 19.00 / 20"),
            hint(25, 12, "得 30.00 / 30"),
        ] })
    );
    assert_eq!(
        hints(&mut e, range(24, 0, 24, 99)),
        json!({ "result": [hint(24, 14, "得 19.00 / 20")] })
    );
    assert_eq!(hints(&mut e, range(9, 0, 12, 0)), json!({ "result": [] }));
    // after an edit, the new score (never the one kept from before)
    e.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": URI, "version": 2 },
                "contentChanges": [{ "text": text.replace("133 人", "140 人") }] }),
    );
    e.diagnostics();
    assert_eq!(
        hints(&mut e, range(24, 0, 24, 99)),
        json!({ "result": [hint(24, 14, "得 20.00 / 20")] })
    );
    assert!(e.finish());
}

/// Definition, references, hover and inlay hints at every byte of the
/// example and its `自评` (the middle of a character included) answer,
/// never fail: the library's entry points at each byte (evaluated once);
/// the protocol at the start, middle and past the end of every fifth line.
#[test]
fn every_position_of_the_example_answers() {
    let declaration = include_str!("../examples/songjiang-npc-2025/declaration.jx");
    let actuals = include_str!("../examples/songjiang-npc-2025/actuals-2025.jx");
    let both = format!("{declaration}{actuals}");
    let uri: lsp_types::Uri = URI.parse().unwrap();
    let context = folder::Context {
        members: vec![folder::Member {
            uri,
            text: both.clone(),
            bom: 0,
        }],
    };
    let ev = context.evaluate();
    let (mut went, mut hovered) = (0usize, 0usize);
    for offset in 0..=both.len() + 2 {
        let found = definition::at(&context, &ev, offset);
        went += found.map_or(0, |l| l.len());
        let _ = definition::references(&context, &ev, offset, true);
        hovered += usize::from(jixiao::lsp::hover::scored(&ev, offset).is_some());
    }
    assert!(went > 0 && hovered > 0, "{went} {hovered}");
    let placer = Placer {
        index: LineIndex::new(&both),
        bom: 0,
    };
    let all = jixiao::lsp::inlay::hints(&ev, &placer, 0, both.len());
    assert!(all.len() > 50, "{}", all.len());
    assert!(jixiao::lsp::inlay::hints(&ev, &placer, both.len() + 9, 3).is_empty());
    let mut e = Editor::new();
    e.open(URI, &both);
    for (line, text) in both.lines().enumerate().step_by(5) {
        let width = text.encode_utf16().count();
        for character in [0, width / 2, width + 3] {
            let at = json!({ "line": line, "character": character });
            for method in [
                "textDocument/definition",
                "textDocument/references",
                "textDocument/hover",
            ] {
                let got = ask(&mut e, method, URI, at.clone());
                assert!(got.get("result").is_some(), "{method} at {at}: {got}");
            }
        }
    }
    let got = e.request(
        "textDocument/inlayHint",
        json!({ "textDocument": { "uri": URI }, "range": range(9999, 0, 0, 0) }),
    );
    assert!(got.get("result").is_some(), "{got}");
    assert!(e.finish());
}

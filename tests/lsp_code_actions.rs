//! `textDocument/codeAction` (issue 20): the fixes check's diagnostics
//! carry, offered as quick fixes — the exact JSON the editor receives, and
//! the diagnostic cleared once the editor applies the edit.

#[path = "common/lsp.rs"]
mod editor;

use editor::{range, Editor};
use serde_json::{json, Value};

const UNKNOWN_GROUP: &str = include_str!("cases/check/JX-T003/bad.jx");
const EXPLAIN: &str = include_str!("lsp/explain.jx");
const UNKNOWN_GROUP_T002: &str = include_str!("cases/check/JX-T002/bad.jx");

fn code_actions(e: &mut Editor, uri: &str, at: Value) -> Value {
    e.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": at,
            "context": { "diagnostics": [] }
        }),
    )
}

fn codes(published: &Value) -> Vec<String> {
    published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

/// The did-you-mean of a 二级指标: one action, preferred, naming its
/// diagnostic; applied as the editor would (a ranged change), the warning
/// is gone.
#[test]
fn a_misspelt_group_is_fixed_by_its_quick_fix() {
    let mut e = Editor::new();
    let uri = "file:///w/bad.jx";
    let opened = e.open(uri, UNKNOWN_GROUP);
    assert!(codes(&opened).contains(&"JX-T003".to_string()));
    // The cursor inside the name (an empty range) asks for its fixes.
    let got = code_actions(&mut e, uri, range(30, 10, 30, 10));
    let edit = json!({ "range": range(30, 8, 30, 14), "newText": "社会效益指标" });
    assert_eq!(
        got,
        json!({ "result": [{
            "title": "改为“社会效益指标”",
            "kind": "quickfix",
            "diagnostics": [{
                "code": "JX-T003",
                "severity": 2,
                "source": "jixiao",
                "message": "“社会效应指标”不是申报表中的二级指标\n建议：是不是想写“社会效益指标”？",
                "range": range(30, 8, 30, 14)
            }],
            "edit": { "changes": { uri: [edit] } },
            "isPreferred": true
        }] })
    );
    // Elsewhere (the project's name) there is nothing to fix.
    assert_eq!(
        code_actions(&mut e, uri, range(5, 6, 5, 8)),
        json!({ "result": [] })
    );
    e.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 2 },
            "contentChanges": [{ "range": edit["range"], "text": edit["newText"] }]
        }),
    );
    let after = e.diagnostics();
    assert_eq!(after["version"], 2);
    assert!(!codes(&after).contains(&"JX-T003".to_string()), "{after}");
    assert_eq!(
        code_actions(&mut e, uri, range(30, 10, 30, 10)),
        json!({ "result": [] })
    );
    assert!(e.finish());
}

/// 自评 below the target without a reason (JX-V016): the skeleton goes
/// right after the value, before the line's comment; a whole-line range
/// asks too.
#[test]
fn a_missing_explanation_gets_its_skeleton() {
    let mut e = Editor::new();
    let uri = "file:///w/explain.jx";
    e.open(uri, EXPLAIN);
    let got = code_actions(&mut e, uri, range(31, 0, 32, 0));
    let actions = got["result"].as_array().unwrap();
    assert_eq!(actions.len(), 1, "{got}");
    assert_eq!(actions[0]["title"], "补写偏差原因");
    assert_eq!(actions[0]["diagnostics"][0]["code"], "JX-V016");
    assert_eq!(
        actions[0]["edit"]["changes"][uri],
        json!([{
            "range": range(31, 14, 31, 14),
            "newText": " 原因 \"（请填写偏差原因）\" 措施 \"（请填写改进措施）\""
        }])
    );
    assert!(e.finish());
}

/// A file with Windows line ends and a byte-order mark: the same places
/// (the BOM shifts only the first line); a document never opened is
/// refused.
#[test]
fn windows_files_and_unknown_documents() {
    let mut e = Editor::new();
    let uri = "file:///w/crlf.jx";
    let text = format!("\u{FEFF}{}", UNKNOWN_GROUP.replace('\n', "\r\n"));
    e.open(uri, &text);
    let got = code_actions(&mut e, uri, range(30, 8, 30, 14));
    assert_eq!(
        got["result"][0]["edit"]["changes"][uri],
        json!([{ "range": range(30, 8, 30, 14), "newText": "社会效益指标" }])
    );
    let got = code_actions(&mut e, "file:///w/none.jx", range(0, 0, 0, 0));
    assert_eq!(got["error"]["code"], -32602);
    assert!(e.finish());
}

/// Pieces of text random edits insert: slips the fixes resolve, and text
/// that breaks the document.
const PIECES: &[&str] = &[
    "",
    "\n",
    "\r\n",
    "\u{FEFF}",
    "𠀀",
    "}",
    "{",
    "\"",
    "社会效应指标 {",
    "培训人数 ≤ 100 人数",
    "合格率 ≥ 95%",
    "产出 {",
    "项木",
    "# 注释",
];

fn count(published: &Value, code: &str) -> usize {
    codes(published).iter().filter(|c| *c == code).count()
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

    /// Whatever the text after random edits, asking for the fixes of the
    /// whole document (or of any range) is answered, and each fix, applied
    /// as the editor would (its edits from the last back), leaves one
    /// diagnostic of its code fewer.
    #[test]
    fn every_action_offered_resolves_its_diagnostic(
        edits in proptest::collection::vec(
            (0u32..40, 0u32..30, proptest::collection::vec(0..PIECES.len(), 0..3)),
            0..4,
        ),
        (l0, c0, l1, c1) in (0u32..60, 0u32..40, 0u32..60, 0u32..40),
    ) {
        let mut text = UNKNOWN_GROUP.to_string();
        for (line, character, pieces) in edits {
            let new: String = pieces.iter().map(|&i| PIECES[i]).collect();
            let index = jixiao::lsp::position::LineIndex::new(&text);
            let at = index.offset(lsp_types::Position::new(line, character));
            text.insert_str(at, &new);
        }
        let mut e = Editor::new();
        let uri = "file:///w/p.jx";
        let before = e.open(uri, &text);
        let any = code_actions(&mut e, uri, range(l0, c0, l1, c1));
        proptest::prop_assert!(any["result"].is_array(), "{}", any);
        let all = code_actions(&mut e, uri, range(0, 0, 100_000, 0));
        let actions = all["result"].as_array().cloned().unwrap_or_default();
        proptest::prop_assert!(e.finish());
        // The library's fixes, in the same order: each action's edits,
        // applied to the editor's text, give the text the fix gives.
        let normalized = jixiao::load::normalize(&text);
        let fixes: Vec<_> = jixiao::lsp::diagnostics::of_text("p.jx", &normalized)
            .into_iter()
            .flat_map(|d| d.fixes)
            .collect();
        proptest::prop_assert_eq!(actions.len(), fixes.len());
        for (action, fix) in actions.iter().zip(&fixes) {
            let edited = edit_as_the_editor_does(&text, action, uri);
            let expected = jixiao::diagnostic::apply::apply(&normalized, jixiao::source::FileId(0), fix);
            proptest::prop_assert_eq!(Some(jixiao::load::normalize(&edited)), expected);
        }
        for action in actions {
            let code = action["diagnostics"][0]["code"].as_str().unwrap_or("").to_string();
            let mut edits = action["edit"]["changes"][uri].as_array().cloned().unwrap_or_default();
            edits.sort_by_key(|ed| {
                let s = &ed["range"]["start"];
                std::cmp::Reverse((s["line"].as_u64(), s["character"].as_u64()))
            });
            let changes: Vec<Value> = edits
                .iter()
                .map(|ed| json!({ "range": ed["range"], "text": ed["newText"] }))
                .collect();
            let e = Editor::new();
            e.open(uri, &text);
            e.notify(
                "textDocument/didChange",
                json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": changes }),
            );
            let after = e.diagnostics();
            proptest::prop_assert!(
                count(&after, &code) < count(&before, &code),
                "“{}” leaves {} in {:?}",
                action["title"],
                code,
                text
            );
            proptest::prop_assert!(e.finish());
        }
    }
}

/// The text after an action's edits, applied from the last back.
fn edit_as_the_editor_does(text: &str, action: &Value, uri: &str) -> String {
    let mut edits = action["edit"]["changes"][uri]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let at = |v: &Value| {
        lsp_types::Position::new(
            v["line"].as_u64().unwrap_or(0) as u32,
            v["character"].as_u64().unwrap_or(0) as u32,
        )
    };
    edits.sort_by_key(|ed| std::cmp::Reverse(at(&ed["range"]["start"])));
    let mut out = text.to_string();
    for ed in edits {
        let index = jixiao::lsp::position::LineIndex::new(&out);
        let start = index.offset(at(&ed["range"]["start"]));
        let end = index.offset(at(&ed["range"]["end"])).max(start);
        out.replace_range(start..end, ed["newText"].as_str().unwrap_or(""));
    }
    out
}

/// After a ranged edit that moves the lines below it, the quick fixes come
/// from the kept check (the projects the edit did not touch are reused,
/// their fixes moved with them) and are exactly those of a server that
/// opened the final text.
#[test]
fn fixes_after_an_edit_are_those_of_the_final_text() {
    let project = |name: &str| {
        let start = UNKNOWN_GROUP_T002.find("  项目 ").unwrap_or(0);
        let end = UNKNOWN_GROUP_T002
            .rfind("\n}")
            .unwrap_or(UNKNOWN_GROUP_T002.len());
        UNKNOWN_GROUP_T002[start..end].replace("代表履职培训", name)
    };
    let head_end = UNKNOWN_GROUP_T002.find("  项目 ").unwrap_or(0);
    let text = format!(
        "{}{}\n{}\n{}\n}}\n",
        &UNKNOWN_GROUP_T002[..head_end],
        project("甲"),
        project("乙"),
        project("丙")
    );
    let uri = "file:///w/three.jx";
    let line = |t: &str, needle: &str| t[..t.find(needle).unwrap()].matches('\n').count() as u32;
    // a new indicator line in the first project, below 培训人数
    let at = line(&text, "          培训人数") + 1;
    let new_line = "          培训场次 ≥ 2 场\n";
    let mut e = Editor::new();
    let before = e.open(uri, &text);
    assert_eq!(count(&before, "JX-T002"), 3);
    e.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 2 },
            "contentChanges": [{ "range": range(at, 0, at, 0), "text": new_line }]
        }),
    );
    assert_eq!(e.diagnostics()["version"], 2);
    let everywhere = range(0, 0, 100_000, 0);
    let edited = code_actions(&mut e, uri, everywhere.clone());
    assert!(e.finish());
    let final_text = text.replacen(
        "          培训人数 ≥ 100 人\n",
        &format!("          培训人数 ≥ 100 人\n{new_line}"),
        1,
    );
    let mut fresh = Editor::new();
    fresh.open(uri, &final_text);
    let expected = code_actions(&mut fresh, uri, everywhere);
    assert!(fresh.finish());
    assert_eq!(edited["result"].as_array().map(Vec::len), Some(3));
    assert_eq!(edited, expected);
    // the third project's fix sits on its own 效果指标 line, one line down
    let third = line(&final_text, "丙");
    let fix_line = edited["result"][2]["edit"]["changes"][uri][0]["range"]["start"]["line"]
        .as_u64()
        .unwrap_or(0) as u32;
    assert!(fix_line > third, "{fix_line} {third}");
}

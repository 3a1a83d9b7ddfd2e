//! `textDocument/codeAction` (issue 20): the fixes check's diagnostics
//! carry, offered as quick fixes — the exact JSON the editor receives, and
//! the diagnostic cleared once the editor applies the edit.

#[path = "common/lsp.rs"]
mod editor;

use editor::{range, Editor};
use serde_json::{json, Value};

const UNKNOWN_GROUP: &str = include_str!("cases/check/JX-T003/bad.jx");
const EXPLAIN: &str = include_str!("lsp/explain.jx");

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

//! Whatever an editor sends, `jixiao lsp` answers and does not crash
//! (issue 20's fuzz acceptance, as a property): random sequences of ranged
//! edits — anywhere, past the end, inside a character, with Chinese, astral
//! characters, CR/LF, a byte-order mark, braces and quotes — each answered
//! with diagnostics; formatting and the outline answered at the end; and
//! the last diagnostics are those of opening the final text afresh.

#[path = "common/lsp.rs"]
mod editor;

use editor::{range, Editor};
use jixiao::lsp::position::LineIndex;
use lsp_types::Position;
use proptest::prelude::*;
use serde_json::json;

const BAD: &str = include_str!("lsp/bad.jx");

const PIECES: &[&str] = &[
    "",
    "项目 \"新\" {",
    "}",
    "{",
    "\"",
    "\"\"\"",
    "≥ 90%",
    "10.04 万元",
    "公斤",
    "\n",
    "\r\n",
    "\r",
    "\u{FEFF}",
    "𠀀",
    "😀",
    "指标 {",
    "产出指标 {",
    "自评 \"示例局\" 2025 {",
    "引用 \"x.jx\"",
    "# 注释",
    "校验 总额 = 1 元",
    "培训人数 ≥ 140 人",
    "\t",
    "年度 2025",
];

/// One edit: start and end (line, character) and the new text.
fn edit() -> impl Strategy<Value = (u32, u32, u32, u32, Vec<usize>)> {
    (
        0u32..30,
        0u32..40,
        0u32..30,
        0u32..40,
        prop::collection::vec(0..PIECES.len(), 0..4),
    )
}

/// The text after one ranged change, as the server applies it.
fn apply(text: &str, start: Position, end: Position, new: &str) -> String {
    let index = LineIndex::new(text);
    let (a, b) = (index.offset(start), index.offset(end));
    let b = b.max(a);
    let mut out = text.to_string();
    out.replace_range(a..b, new);
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn random_edits_never_crash_and_end_as_a_fresh_open(
        edits in prop::collection::vec(edit(), 1..8)
    ) {
        let mut e = Editor::new();
        let uri = "file:///w/fuzz.jx";
        e.open(uri, BAD);
        let mut text = BAD.to_string();
        let mut last = json!(null);
        for (version, (l0, c0, l1, c1, pieces)) in (2..).zip(edits) {
            let new: String = pieces.iter().map(|&i| PIECES[i]).collect();
            text = apply(&text, Position::new(l0, c0), Position::new(l1, c1), &new);
            e.notify(
                "textDocument/didChange",
                json!({
                    "textDocument": { "uri": uri, "version": version },
                    "contentChanges": [{ "range": range(l0, c0, l1, c1), "text": new }]
                }),
            );
            last = e.diagnostics();
            prop_assert_eq!(&last["version"], &json!(version));
        }
        let formatted = e.request(
            "textDocument/formatting",
            json!({ "textDocument": { "uri": uri }, "options": { "tabSize": 2, "insertSpaces": true } }),
        );
        prop_assert!(formatted.get("result").is_some() || formatted["error"]["code"] == -32803);
        let outline = e.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": uri } }));
        prop_assert!(outline["result"].is_array());
        prop_assert!(e.finish());

        let fresh = Editor::new();
        let opened = fresh.open("file:///w/fuzz.jx", &text);
        prop_assert_eq!(&last["diagnostics"], &opened["diagnostics"]);
        prop_assert!(fresh.finish());
    }
}

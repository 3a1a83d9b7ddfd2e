//! `jixiao lsp`: the structure of a document (issue 20) — folding ranges,
//! semantic tokens, range formatting, `引用` links — spoken to as an
//! editor does; each test asserts what the editor receives.

#[path = "common/lsp.rs"]
mod editor;

use editor::Editor;
use serde_json::{json, Value};

/// A small declaration with its `自评`: comments, a multi-line string,
/// every level of block.
const SMALL: &str = include_str!("lsp/structure.jx");

const URI: &str = "file:///w/small.jx";

fn ask(e: &mut Editor, method: &str, params: Value) -> Value {
    let mut p = json!({ "textDocument": { "uri": URI } });
    if let (Some(p), Some(extra)) = (p.as_object_mut(), params.as_object()) {
        p.extend(extra.clone());
    }
    e.request(method, p)
}

/// (first line, last line, kind) of each range.
fn folds(got: &Value) -> Vec<(u64, u64, String)> {
    got["result"]
        .as_array()
        .expect("a list of ranges")
        .iter()
        .map(|r| {
            (
                r["startLine"].as_u64().unwrap(),
                r["endLine"].as_u64().unwrap(),
                r["kind"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// Every block folds from its header to the line before its `}`; the
/// multi-line string and the two comment lines fold whole.
#[test]
fn folding_ranges_are_the_blocks() {
    let mut e = Editor::new();
    e.open(URI, SMALL);
    let got = ask(&mut e, "textDocument/foldingRange", json!({}));
    let blocks = [
        (2, 21),  // 部门 "示例局" {
        (4, 20),  // 项目 "培训" {
        (7, 11),  // 说明 {
        (8, 11),  // 概述 """ … """
        (13, 19), // 指标 {
        (14, 18), // 产出指标 {
        (15, 17), // 数量指标 {
        (23, 28), // 自评 "示例局" 2025 {
        (24, 27), // 项目 "培训" {
    ];
    let mut want = vec![(0, 1, "comment".to_string())];
    want.extend(blocks.iter().map(|&(a, b)| (a, b, String::new())));
    assert_eq!(folds(&got), want);
    assert!(e.finish());
}

/// `引用 "…"`: a link on each path that names a file (relative to the
/// document's folder, as `jixiao check` reads it), and go to definition
/// on it; a missing file gives neither.
#[test]
fn includes_link_to_their_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::create_dir(root.join("项目")).unwrap();
    std::fs::write(root.join("项目/甲 乙.jx"), "项目 \"甲\" { }\n").unwrap();
    let uri = format!("file://{}/%E4%B8%BB.jx", root.display()); // 主.jx
    let text = "部门 \"示例局\" {\n  引用 \"项目/甲 乙.jx\"\n  引用 \"无.jx\"\n}\n";
    let target = format!(
        "file://{}/%E9%A1%B9%E7%9B%AE/%E7%94%B2%20%E4%B9%99.jx",
        root.display()
    );
    let mut e = Editor::new();
    e.open(&uri, text);
    let doc = json!({ "uri": uri });
    let got = e.request("textDocument/documentLink", json!({ "textDocument": doc }));
    assert_eq!(
        got,
        json!({ "result": [{
            "range": editor::range(1, 5, 1, 16),
            "target": target,
            "tooltip": "打开引用的文件"
        }] })
    );
    let at = |line: u32, character: u32| json!({ "textDocument": doc, "position": { "line": line, "character": character } });
    assert_eq!(
        e.request("textDocument/definition", at(1, 9)),
        json!({ "result": { "uri": target, "range": editor::range(0, 0, 0, 0) } })
    );
    // on the keyword, and on the missing file: nowhere
    assert_eq!(
        e.request("textDocument/definition", at(1, 3)),
        json!({ "result": null })
    );
    assert_eq!(
        e.request("textDocument/definition", at(2, 8)),
        json!({ "result": null })
    );
    assert!(e.finish());
}

fn format_range(e: &mut Editor, range: Value) -> Value {
    let options = json!({ "tabSize": 2, "insertSpaces": true });
    ask(
        e,
        "textDocument/rangeFormatting",
        json!({ "range": range, "options": options }),
    )
}

/// Range formatting is `jixiao fmt` on the lines of the range only: the
/// text has two lines fmt rewrites (line 6's `资金 { … }` on one line,
/// line 27's full-width colon); each range gets its own, a range over both
/// gets both, whole lines selected count as those lines; a text fmt cannot
/// read is refused with the reason.
#[test]
fn range_formatting_is_fmt_on_those_lines() {
    let mut e = Editor::new();
    e.open(URI, SMALL);
    let funds = json!({
        "range": editor::range(6, 0, 7, 0),
        "newText": "    资金 {\n      总额 10.04 万元\n    }\n"
    });
    let verdict = json!({
        "range": editor::range(27, 0, 28, 0),
        "newText": "    培训人数: 达成\n"
    });
    let got = format_range(&mut e, editor::range(6, 8, 6, 10));
    assert_eq!(got, json!({ "result": [funds] }));
    let got = format_range(&mut e, editor::range(26, 0, 28, 0));
    assert_eq!(got, json!({ "result": [verdict] }));
    // whole lines 3 to 5 selected (up to line 6's start): nothing to do
    let got = format_range(&mut e, editor::range(3, 0, 6, 0));
    assert_eq!(got, json!({ "result": [] }));
    let got = format_range(&mut e, editor::range(0, 0, 29, 1));
    assert_eq!(got, json!({ "result": [funds, verdict] }));
    e.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": URI, "version": 2 },
            "contentChanges": [{ "text": "部门 \"示例局\" {\n" }]
        }),
    );
    e.diagnostics();
    assert_eq!(
        format_range(&mut e, editor::range(0, 0, 0, 1)),
        json!({ "error": {
            "code": -32803,
            "message": "文件有 1 处语法错误，jixiao fmt 未格式化；请先按诊断改正"
        } })
    );
    assert!(e.finish());
}

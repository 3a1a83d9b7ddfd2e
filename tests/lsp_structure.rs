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

const TYPES: [&str; 12] = [
    "namespace",
    "class",
    "struct",
    "property",
    "keyword",
    "number",
    "type",
    "operator",
    "string",
    "comment",
    "enumMember",
    "function",
];

/// The tokens of `text` as (line, the text they cover, type, modifiers),
/// decoded from LSP's relative UTF-16 encoding; each must lie inside one
/// line of the text.
fn decoded(text: &str, got: &Value) -> Vec<(u32, String, &'static str, u64)> {
    let lines: Vec<Vec<u16>> = text
        .split('\n')
        .map(|l| l.encode_utf16().collect())
        .collect();
    let data: Vec<u32> = got["result"]["data"]
        .as_array()
        .expect("tokens")
        .iter()
        .map(|n| n.as_u64().unwrap() as u32)
        .collect();
    let (mut line, mut start) = (0u32, 0u32);
    data.chunks(5)
        .map(|t| {
            if t[0] > 0 {
                start = 0;
            }
            line += t[0];
            start += t[1];
            let units = &lines[line as usize];
            let end = (start + t[2]) as usize;
            assert!(t[2] > 0 && end <= units.len(), "inside line {line}");
            let word = String::from_utf16(&units[start as usize..end]).unwrap();
            (line, word, TYPES[t[3] as usize], u64::from(t[4]))
        })
        .collect()
}

fn semantic_tokens(text: &str) -> Value {
    let mut e = Editor::new();
    e.open(URI, text);
    let got = ask(&mut e, "textDocument/semanticTokens/full", json!({}));
    assert!(e.finish());
    got
}

/// Each word is what the tree says it is, the multi-line string one token
/// a line; declared names carry `declaration` (1).
#[test]
fn semantic_tokens_say_what_each_word_is() {
    let got = semantic_tokens(SMALL);
    let got: Vec<String> = decoded(SMALL, &got)
        .into_iter()
        .map(|(line, word, kind, m)| format!("{line} {word} {kind} {m}"))
        .collect();
    let want = [
        "0 # 示例 comment 0",
        "1 # 两行注释 comment 0",
        "2 部门 keyword 0",
        "2 \"示例局\" namespace 1",
        "3 年度 keyword 0",
        "3 2025 number 0",
        "4 项目 keyword 0",
        "4 \"培训\" class 1",
        "5 性质 keyword 0",
        "5 其他经常性项目 string 0",
        "6 资金 keyword 0",
        "6 总额 keyword 0",
        "6 10.04 number 0",
        "6 万元 type 0",
        "7 说明 keyword 0",
        "8 概述 keyword 0",
        "8 \"\"\" string 0",
        "9 第一行 string 0",
        "10 第二行 string 0",
        "11 \"\"\" string 0",
        "13 指标 keyword 0",
        "14 产出指标 struct 1",
        "15 数量指标 struct 1",
        "16 培训人数 property 1",
        "16 ≥ operator 0",
        "16 140 number 0",
        "16 人 type 0",
        "16 分值 keyword 0",
        "16 20 number 0",
        "17 培训场次 property 1",
        "17 ≥ operator 0",
        "17 4 number 0",
        "17 场 type 0",
        "23 自评 keyword 0",
        "23 \"示例局\" namespace 0",
        "23 2025 number 0",
        "24 项目 keyword 0",
        "24 \"培训\" class 0",
        "25 预算 keyword 0",
        "25 10.04 number 0",
        "25 万元 type 0",
        "26 培训场次 property 0",
        "26 5 number 0",
        "26 场 type 0",
        "27 培训人数 property 0",
        "27 达成 enumMember 0",
    ];
    assert_eq!(got, want);
}

/// On the example, the built-in rule sets, and a text with a byte-order
/// mark and CRLF line ends: every token lies inside one line, in order,
/// without overlap (checked by `decoded`), and the same words are found.
#[test]
fn semantic_tokens_stay_inside_lines() {
    let example = include_str!("../examples/songjiang-npc-2025/declaration.jx");
    let central = include_str!("../rules/central-2020.jx");
    for text in [example, central] {
        let got = semantic_tokens(text);
        assert!(decoded(text, &got).len() > 100);
    }
    let rules = decoded(central, &semantic_tokens(central));
    let head: Vec<String> = rules
        .iter()
        .filter(|t| t.2 != "comment" && [4, 5, 20, 21, 31, 47].contains(&t.0))
        .map(|(line, word, kind, m)| format!("{line} {word} {kind} {m}"))
        .collect();
    let want = [
        "4 规则 keyword 0",
        "4 \"central-2020\" class 1",
        "5 名称 keyword 0",
        "5 \"项目支出绩效自评（中央部门，财预〔2020〕10号）\" string 0",
        "20 成本指标 struct 0",
        "20 归入 keyword 0",
        "20 产出指标 struct 0",
        "21 组内分配 keyword 0",
        "21 均分 enumMember 0",
        "31 正向 function 1",
        "47 部分达成 enumMember 0",
        "47 基本达成 enumMember 0",
        "47 基本达到 enumMember 0",
        "47 基本完成 enumMember 0",
        "47 部分完成 enumMember 0",
        "47 中 enumMember 0",
    ];
    assert_eq!(head, want);
    let crlf = format!("\u{feff}{}", SMALL.replace('\n', "\r\n"));
    let plain = decoded(SMALL, &semantic_tokens(SMALL));
    let mut got = decoded(&crlf, &semantic_tokens(&crlf));
    // the mark is the first line's first character
    assert_eq!(got[0].1, "# 示例");
    got.iter_mut()
        .for_each(|t| t.1 = t.1.trim_end_matches('\r').to_string());
    assert_eq!(got, plain);
}

/// Every prefix of the small document (a text being typed, mostly broken)
/// and a text the fuzzer found: each structure request answers — tokens
/// inside lines (`decoded`), ranges in order, range formatting done or
/// refused with fmt's reason — and the server keeps serving.
#[test]
fn broken_texts_are_answered() {
    let crash = include_str!("fuzz_crashes/fmt-vertical-tab-before-field.jx");
    let cuts = SMALL.char_indices().map(|(i, _)| &SMALL[..i]).step_by(3);
    let mut e = Editor::new();
    e.open(URI, "");
    for (version, text) in cuts.chain([crash]).enumerate() {
        e.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": URI, "version": version + 2 },
                "contentChanges": [{ "text": text }]
            }),
        );
        e.diagnostics();
        decoded(
            text,
            &ask(&mut e, "textDocument/semanticTokens/full", json!({})),
        );
        let folds = folds(&ask(&mut e, "textDocument/foldingRange", json!({})));
        assert!(folds.iter().all(|(a, b, _)| a < b), "{folds:?}");
        let formatted = format_range(&mut e, editor::range(2, 0, 999, 999));
        let refused = formatted["error"]["code"] == -32803;
        assert!(formatted["result"].is_array() || refused, "{formatted}");
        let links = ask(&mut e, "textDocument/documentLink", json!({}));
        assert_eq!(links, json!({ "result": [] }));
    }
    assert!(e.finish());
}

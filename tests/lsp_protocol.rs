//! `jixiao lsp` spoken to as an editor does (issue 20): the server runs
//! in-process on a memory connection, and each test asserts the exact JSON
//! the editor receives.

#[path = "common/lsp.rs"]
mod editor;

use editor::{range, Editor};
use serde_json::{json, Value};

const BAD: &str = include_str!("lsp/bad.jx");
const EXAMPLE: &str = include_str!("../examples/songjiang-npc-2025/declaration.jx");

#[test]
fn initialize_says_what_the_server_can_do() {
    let mut e = Editor::raw();
    let got = e.request("initialize", json!({ "capabilities": {} }));
    assert_eq!(
        got,
        json!({ "result": {
            "capabilities": {
                "textDocumentSync": 2,
                "documentFormattingProvider": true,
                "documentSymbolProvider": true,
                "completionProvider": { "triggerCharacters": [":", "："] },
                "hoverProvider": true,
                "definitionProvider": true,
                "referencesProvider": true,
                "inlayHintProvider": true,
                "codeActionProvider": true,
                "foldingRangeProvider": true,
                "documentLinkProvider": { "resolveProvider": false },
                "documentRangeFormattingProvider": true,
                "semanticTokensProvider": {
                    "legend": {
                        "tokenTypes": [
                            "namespace", "class", "struct", "property", "keyword", "number",
                            "type", "operator", "string", "comment", "enumMember", "function"
                        ],
                        "tokenModifiers": ["declaration"]
                    },
                    "full": true
                }
            },
            "serverInfo": { "name": "jixiao", "version": env!("CARGO_PKG_VERSION") }
        } })
    );
    e.notify("initialized", json!({}));
    assert!(e.finish(), "exit after shutdown is a clean end");
}

/// The bundled example: exactly what `jixiao check` says of it (a warning
/// with the project's total as a related place, a notice), placed in
/// UTF-16 characters: line 16's “      总额     ” is 13 characters (the
/// check's column 14 counts from 1), not 19 bytes.
#[test]
fn the_example_opens_with_the_diagnostics_of_check() {
    let e = Editor::new();
    let uri = "file:///w/declaration.jx";
    assert_eq!(
        e.open(uri, EXAMPLE),
        json!({
            "uri": uri,
            "version": 1,
            "diagnostics": [
                {
                    "code": "JX-G006",
                    "severity": 2,
                    "source": "jixiao",
                    "message": "成本指标“运维总成本”的上限 10.04 万元（100,400.00 元）超过了项目资金总额 90,682.50 元（多 9,717.50 元）\n建议：成本上限不应超过项目本身的资金：请核对上限的数字与单位（万元/元），或项目资金总额是否漏计",
                    "range": range(45, 16, 45, 26),
                    "relatedInformation": [{
                        "location": { "uri": uri, "range": range(15, 13, 15, 24) },
                        "message": "项目资金总额 90,682.50 元"
                    }]
                },
                {
                    "code": "JX-G007",
                    "severity": 3,
                    "source": "jixiao",
                    "message": "数量指标“发放人数”的目标是“≤ 2 人”：数量指标通常写下限（≥）\n建议：若确是控制数量的上限（如编外人数不超过核定数），可以保留，自评时按反向指标计分；若想表达“至少”，请改为“≥”",
                    "range": range(535, 15, 535, 20)
                }
            ]
        })
    );
    assert!(e.finish());
}

/// An error, then the edit that fixes it: the diagnostics are cleared;
/// closing the file clears them too.
#[test]
fn an_error_is_shown_and_cleared_by_the_fix() {
    let e = Editor::new();
    let uri = "file:///w/bad.jx";
    assert_eq!(
        e.open(uri, BAD),
        json!({
            "uri": uri,
            "version": 1,
            "diagnostics": [{
                "code": "JX-F005",
                "severity": 1,
                "source": "jixiao",
                "message": "资金“总额”写的是 10.04 公斤，单位是“公斤”，不是金额\n建议：资金的每一项都写金额单位，如“总额 90,682.50 元”或“总额 10.04 万元”",
                "range": range(4, 9, 4, 17)
            }]
        })
    );
    let fixed = BAD.replace("10.04 公斤", "10.04 万元");
    e.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 2 },
            "contentChanges": [{ "text": fixed }]
        }),
    );
    assert_eq!(
        e.diagnostics(),
        json!({ "uri": uri, "version": 2, "diagnostics": [] })
    );
    // an editor that sends a range anyway: 万元 back to 公斤
    e.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 3 },
            "contentChanges": [{ "range": range(4, 15, 4, 17), "text": "公斤" }]
        }),
    );
    let again = e.diagnostics();
    assert_eq!(again["version"], 3);
    assert_eq!(again["diagnostics"][0]["code"], "JX-F005");
    assert_eq!(again["diagnostics"][0]["range"], range(4, 9, 4, 17));
    e.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": uri } }),
    );
    assert_eq!(e.diagnostics(), json!({ "uri": uri, "diagnostics": [] }));
    assert!(e.finish());
}

const UNFORMATTED: &str = "部门 \"示例局\" {\n年度 2025\n项目   \"培训\" {\n资金 { 总额 10.04 万元 }\n指标 {\n产出指标 {\n数量指标 {\n培训人数 >= 140 人\n}\n}\n}\n}\n}\n";

const FORMATTED: &str = "部门 \"示例局\" {\n  年度 2025\n  项目 \"培训\" {\n    资金 {\n      总额 10.04 万元\n    }\n    指标 {\n      产出指标 {\n        数量指标 {\n          培训人数 ≥ 140 人\n        }\n      }\n    }\n  }\n}\n";

fn format(e: &mut Editor, uri: &str) -> Value {
    e.request(
        "textDocument/formatting",
        json!({
            "textDocument": { "uri": uri },
            "options": { "tabSize": 2, "insertSpaces": true }
        }),
    )
}

/// Formatting is `jixiao fmt`: one edit replacing the whole text; none
/// once formatted; a refusal (no edit) when the text has syntax errors.
#[test]
fn formatting_is_fmt() {
    let mut e = Editor::new();
    let uri = "file:///w/small.jx";
    e.open(uri, UNFORMATTED);
    assert_eq!(
        format(&mut e, uri),
        json!({ "result": [{ "range": range(0, 0, 13, 0), "newText": FORMATTED }] })
    );
    e.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 2 },
            "contentChanges": [{ "text": FORMATTED }]
        }),
    );
    e.diagnostics();
    assert_eq!(format(&mut e, uri), json!({ "result": [] }));
    e.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 3 },
            "contentChanges": [{ "text": "部门 \"示例局\" {\n" }]
        }),
    );
    e.diagnostics();
    assert_eq!(
        format(&mut e, uri),
        json!({ "error": {
            "code": -32803,
            "message": "文件有 1 处语法错误，jixiao fmt 未格式化；请先按诊断改正"
        } })
    );
    assert!(e.finish());
}

/// One symbol of the outline: name, detail, kind, range, name's range.
type Symbol = (&'static str, &'static str, u32, [u32; 4], [u32; 4]);

/// The outline 部门 → 项目 → 一级 → 二级 → 指标, placed in UTF-16
/// characters.
#[test]
fn document_symbols_are_the_outline() {
    let mut e = Editor::new();
    let uri = "file:///w/small.jx";
    e.open(uri, FORMATTED);
    // each holds the next
    let chain: [Symbol; 5] = [
        ("示例局", "部门", 3, [0, 0, 14, 1], [0, 3, 0, 8]),
        ("培训", "项目", 2, [2, 2, 13, 3], [2, 5, 2, 9]),
        ("产出指标", "一级指标", 4, [7, 6, 11, 7], [7, 6, 7, 10]),
        ("数量指标", "二级指标", 4, [8, 8, 10, 9], [8, 8, 8, 12]),
        ("培训人数", "指标", 8, [9, 10, 9, 22], [9, 10, 9, 14]),
    ];
    let at = |[a, b, c, d]: [u32; 4]| range(a, b, c, d);
    let outline = chain
        .iter()
        .rev()
        .fold(None, |inner, (name, detail, kind, r, sel)| {
            let mut s = json!({
                "name": name, "detail": detail, "kind": kind,
                "range": at(*r), "selectionRange": at(*sel)
            });
            if let Some(inner) = inner {
                s["children"] = json!([inner]);
            }
            Some(s)
        });
    assert_eq!(
        e.request(
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": uri } })
        ),
        json!({ "result": [outline] })
    );
    assert!(e.finish());
}

/// The syntax tree read for one version is shared by the requests on it,
/// and read again after a change: the outline after a ranged change names
/// the project as it now reads.
#[test]
fn requests_after_a_change_see_the_new_text() {
    let mut e = Editor::new();
    let uri = "file:///w/small.jx";
    e.open(uri, FORMATTED);
    let project = |e: &mut Editor| {
        let got = e.request(
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": uri } }),
        );
        got["result"][0]["children"][0]["name"].clone()
    };
    assert_eq!(project(&mut e), "培训");
    assert_eq!(project(&mut e), "培训");
    // 培训 → 培训班: line 2, after “  项目 "培训”
    e.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 2 },
            "contentChanges": [{ "range": range(2, 8, 2, 8), "text": "班" }]
        }),
    );
    assert_eq!(e.diagnostics()["version"], 2);
    assert_eq!(project(&mut e), "培训班");
    let folds = e.request(
        "textDocument/foldingRange",
        json!({ "textDocument": { "uri": uri } }),
    );
    assert!(folds["result"].as_array().is_some_and(|f| !f.is_empty()));
    assert!(e.finish());
}

/// What an editor may get wrong is answered, never a crash: a request
/// before initialize, an unknown method, malformed parameters, a document
/// not open; a malformed notification is ignored.
#[test]
fn protocol_errors_are_answered() {
    let mut e = Editor::raw();
    let early = e.request("textDocument/documentSymbol", json!({}));
    assert_eq!(early["error"]["code"], -32002);
    assert_eq!(
        early["error"]["message"],
        "服务尚未初始化：请先发送 initialize"
    );
    e.request("initialize", json!({ "capabilities": {} }));
    assert_eq!(
        e.request("textDocument/colorPresentation", json!({})),
        json!({ "error": {
            "code": -32601,
            "message": "jixiao lsp 不支持请求“textDocument/colorPresentation”"
        } })
    );
    let bad = e.request("textDocument/formatting", json!({ "textDocument": 5 }));
    assert_eq!(bad["error"]["code"], -32602);
    assert!(bad["error"]["message"]
        .as_str()
        .unwrap()
        .starts_with("“textDocument/formatting”的参数有误："));
    assert_eq!(
        e.request(
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": "file:///w/none.jx" } })
        ),
        json!({ "error": {
            "code": -32602,
            "message": "文档“file:///w/none.jx”没有打开（先发送 didOpen）"
        } })
    );
    e.notify("textDocument/didOpen", json!({ "textDocument": "x" }));
    e.notify("textDocument/didChange", json!(null));
    // still serving: the next answer is to the next request
    let uri = "file:///w/bad.jx";
    assert_eq!(e.open(uri, BAD)["diagnostics"][0]["code"], "JX-F005");
    assert!(e.finish());
}

/// `exit` without `shutdown` ends the server with a failure (exit code 1).
#[test]
fn exit_without_shutdown_is_not_clean() {
    let mut e = Editor::new();
    e.notify("exit", Value::Null);
    assert!(!e.server.take().unwrap().join().unwrap());
}

/// A declaration with its `自评` in one file: the diagnostics are those
/// of `jixiao eval` on it too (execution against scores, missing actual,
/// missing explanation), each once — the nine that `jixiao eval
/// --format json` lists, at its lines and columns less one.
#[test]
fn a_declaration_with_its_selfeval_gets_the_diagnostics_of_eval() {
    let e = Editor::new();
    let actuals = include_str!("../examples/songjiang-npc-2025/actuals-2025.jx");
    let both = format!("{EXAMPLE}{actuals}");
    let got = e.open("file:///w/both.jx", &both);
    let seen: Vec<(String, u64, u64, u64)> = got["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let at = &d["range"]["start"];
            let n = |v: &Value| v.as_u64().unwrap();
            (
                d["code"].as_str().unwrap().to_string(),
                n(&at["line"]),
                n(&at["character"]),
                n(&d["severity"]),
            )
        })
        .collect();
    let want = [
        ("JX-G006", 45, 16, 2),
        ("JX-G007", 535, 15, 3),
        ("JX-V018", 640, 7, 2),
        ("JX-V018", 652, 7, 2),
        ("JX-V016", 680, 4, 2),
        ("JX-V006", 684, 5, 2),
        ("JX-V017", 686, 9, 2),
        ("JX-V018", 686, 9, 2),
        ("JX-V018", 697, 7, 2),
    ];
    let want: Vec<(String, u64, u64, u64)> = want
        .iter()
        .map(|(c, l, ch, s)| (c.to_string(), *l, *ch, *s))
        .collect();
    assert_eq!(seen, want);
    assert!(e.finish());
}

/// A byte-order mark at the start moves the first line's characters one
/// to the right in the editor (the library reads the text without it);
/// Windows line ends change nothing.
#[test]
fn a_byte_order_mark_and_crlf_keep_places_right() {
    let e = Editor::new();
    let text = format!("\u{FEFF}{}", BAD.replace('\n', "\r\n"));
    let got = e.open("file:///w/bom.jx", &text);
    assert_eq!(got["diagnostics"][0]["range"], range(4, 9, 4, 17));
    let symbols = {
        let mut e = e;
        let s = e.request(
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": "file:///w/bom.jx" } }),
        );
        assert!(e.finish());
        s
    };
    // 部门 "示例局": after the mark, the name starts at character 4
    assert_eq!(symbols["result"][0]["selectionRange"], range(0, 4, 0, 9));
    assert_eq!(symbols["result"][0]["range"], range(0, 1, 24, 1));
}

/// Coalescing: changes queued behind one another are applied in order and
/// published once, for the last version; a request between them answers
/// from the text as of that request. The messages are all queued before
/// the server starts, as when it is busy. (Seen failing with a publish
/// after every message: publishDiagnostics of version 1 came second.)
#[test]
fn queued_changes_are_published_once_for_the_last_version() {
    use lsp_server::{Connection, Message, Notification, Request, RequestId};
    let uri = "file:///w/q.jx";
    let text = |name: &str| format!("项目 \"{name}\" {{\n  性质 其他经常性项目\n}}\n");
    let rename = |version: i32, to: &str| {
        let change = json!({ "range": range(0, 4, 0, 5), "text": to });
        Notification::new(
            "textDocument/didChange".to_string(),
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [change] }),
        )
    };
    let symbols = json!({ "textDocument": { "uri": uri } });
    let (server, client) = Connection::memory();
    let queue: Vec<Message> = vec![
        Request::new(RequestId::from(1), "initialize".into(), json!({ "capabilities": {} })).into(),
        Notification::new("initialized".into(), json!({})).into(),
        Notification::new(
            "textDocument/didOpen".into(),
            json!({ "textDocument": { "uri": uri, "languageId": "jixiao", "version": 1, "text": text("甲") } }),
        )
        .into(),
        rename(2, "乙").into(),
        Request::new(RequestId::from(2), "textDocument/documentSymbol".into(), symbols.clone()).into(),
        rename(3, "丙").into(),
        rename(4, "丁").into(),
    ];
    for m in queue {
        client.sender.send(m).unwrap();
    }
    let running = std::thread::spawn(move || jixiao::lsp::serve(&server));
    let mut seen = Vec::new();
    while seen.len() < 3 {
        let m = client
            .receiver
            .recv_timeout(std::time::Duration::from_secs(30))
            .expect("an answer within 30 s");
        seen.push(serde_json::to_value(&m).unwrap());
    }
    client
        .sender
        .send(Request::new(RequestId::from(3), "shutdown".into(), Value::Null).into())
        .unwrap();
    client
        .sender
        .send(Notification::new("exit".into(), Value::Null).into())
        .unwrap();
    assert!(running.join().unwrap());
    let shutdown = client.receiver.recv().unwrap();
    assert!(matches!(shutdown, Message::Response(r) if r.id == RequestId::from(3)));

    // as of the request: 乙; the one publish: version 4, the text with 丁
    let mut fresh = Editor::new();
    fresh.open(uri, &text("乙"));
    let outline = fresh.request("textDocument/documentSymbol", symbols);
    let last = Editor::new();
    let published = last.open(uri, &text("丁"));
    assert_eq!(seen[1]["id"], json!(2));
    assert_eq!(seen[1]["result"], outline["result"]);
    assert_eq!(
        seen[2],
        json!({ "method": "textDocument/publishDiagnostics", "params": {
            "uri": uri, "version": 4, "diagnostics": published["diagnostics"] } })
    );
    assert!(!published["diagnostics"].as_array().unwrap().is_empty());
    assert!(last.finish());
    assert!(fresh.finish());
}

/// A file with `引用`, open in the editor: its includes are read from its
/// folder on disk, and its diagnostics are those `jixiao check` gives the
/// file (the ones about this file: what it says of an included file is that
/// file's) — not a refusal to follow `引用`. A path that names no file is
/// `jixiao check`'s error, at the path.
#[test]
fn includes_are_followed_from_the_documents_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("项目")).unwrap();
    let part = "项目 \"培训\" {\n  性质 其他经常性项目\n  资金 { 总额 10.04 万元 }\n}\n";
    std::fs::write(dir.path().join("项目/培训.jx"), part).unwrap();
    let main = "部门 \"示例局\" {\n  年度 2025\n  申报 1 个项目，资金 20.00 万元\n  引用 \"项目/培训.jx\"\n}\n";
    let path = dir.path().join("主.jx");
    std::fs::write(&path, main).unwrap();
    let uri = jixiao::lsp::uri::uri_of(&path).unwrap();
    let report = jixiao::check_report(
        std::slice::from_ref(&path),
        &jixiao::load::LoadOptions::default(),
    );
    let mine: Vec<_> = report
        .diagnostics
        .into_iter()
        .filter(|d| {
            d.labels
                .iter()
                .any(|l| l.span.file == jixiao::source::FileId(0))
        })
        .collect();
    assert!(
        mine.iter()
            .any(|d| d.code == "JX-D001" || d.message.contains("20.00")),
        "the department's total disagrees with its included project: {mine:?}"
    );
    let expected = jixiao::lsp::diagnostics::to_editor(&uri, main, &mine);
    let e = Editor::new();
    let got = e.open(uri.as_str(), main);
    assert_eq!(got["diagnostics"], serde_json::to_value(&expected).unwrap());
    assert!(!got.to_string().contains("JX-E010"), "{got}");
    // the path edited to name no file: check's error at the path
    e.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri.as_str(), "version": 2 },
            "contentChanges": [{ "range": range(3, 7, 3, 8), "text": "" }]
        }),
    );
    let missing = e.diagnostics();
    let first = &missing["diagnostics"][0];
    assert_eq!(first["code"], "JX-E010");
    assert_eq!(
        first["message"].as_str().unwrap().lines().next(),
        Some("引用的文件“项/培训.jx”不存在")
    );
    assert_eq!(first["range"], range(3, 5, 3, 14));
    assert!(e.finish());
}

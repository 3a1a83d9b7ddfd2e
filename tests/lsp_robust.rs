//! Whatever an editor sends, `jixiao lsp` answers and does not crash
//! (issue 20's fuzz acceptance, as a property): random sequences of ranged
//! edits — anywhere, past the end, inside a character, with Chinese, astral
//! characters, CR/LF, a byte-order mark, braces and quotes — each answered
//! with diagnostics; formatting and the outline answered at the end; and
//! the last diagnostics are those of opening the final text afresh, and
//! those the library computes of it (not through the server's incremental
//! check). The same for edits of a many-project document, with its 自评
//! or without, sent one by one or in a burst.

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
    // what moves the skeleton: departments, projects, their heads
    "部门 \"某局\" {\n",
    "部门 \"某局\" {\n  年度 2025\n  申报 1 个项目，资金 1 万元\n",
    "\n项目 \"新\" {\n  资金 { 总额 10 元 }\n}\n",
    "申报 3 个项目，资金 30 万元\n",
    "总额 1,000.00 元",
];

/// One edit: start and end (line, character) and the pieces of the new text.
type Edit = (u32, u32, u32, u32, Vec<usize>);

fn edit() -> impl Strategy<Value = Edit> {
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

/// Send one edit as a ranged didChange, and apply it to `text` as the
/// server should.
fn send_edit(e: &Editor, uri: &str, version: i32, edit: Edit, text: &mut String) {
    let (l0, c0, l1, c1, pieces) = edit;
    let new: String = pieces.iter().map(|&i| PIECES[i]).collect();
    *text = apply(text, Position::new(l0, c0), Position::new(l1, c1), &new);
    e.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": version },
            "contentChanges": [{ "range": range(l0, c0, l1, c1), "text": new }]
        }),
    );
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
        for (version, edit) in (2..).zip(edits) {
            send_edit(&e, uri, version, edit, &mut text);
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
        prop_assert_eq!(&last["diagnostics"], &expected(uri, &text));
        prop_assert!(fresh.finish());
    }
}

const EXAMPLE: &str = include_str!("../examples/songjiang-npc-2025/declaration.jx");
const ACTUALS: &str = include_str!("../examples/songjiang-npc-2025/actuals-2025.jx");

/// What the library says of `text`, computed afresh — `check` (and `eval`,
/// for a declaration with its 自评), each once, in file order — as the
/// editor receives it: not through the server's incremental check.
fn expected(uri: &str, text: &str) -> serde_json::Value {
    use jixiao::syntax::ast::Item;
    let report = jixiao::check_report_text("fuzz.jx", text);
    let mut found = report.diagnostics;
    let holds = |actuals: bool| {
        report
            .loaded
            .tree(jixiao::source::FileId(0))
            .is_some_and(|t| {
                t.items.iter().any(|i| match i {
                    Item::Actuals(_) => actuals,
                    Item::Department(_) | Item::Project(_) => !actuals,
                    Item::Include(_) | Item::RuleSet(_) => false,
                })
            })
    };
    if holds(true) && holds(false) {
        found.extend(jixiao::evaluate_form_text("fuzz.jx", text, None).diagnostics);
        jixiao::diagnostic::sort(&mut found);
        let mut seen = std::collections::HashSet::new();
        found.retain(|d| {
            let at = d.primary_span().map(|s| (s.file, s.start, s.end));
            seen.insert((d.code, d.message.clone(), at))
        });
    }
    let uri = uri.parse().expect("a URI");
    serde_json::to_value(jixiao::lsp::diagnostics::to_editor(&uri, text, &found)).expect("JSON")
}

/// One edit of a long document: a line anywhere in it, and skeleton pieces.
fn long_edit() -> impl Strategy<Value = Edit> {
    (0u32..760, 0u32..30, 0u32..4, 0u32..30).prop_flat_map(|(l0, c0, dl, c1)| {
        (
            Just(l0),
            Just(c0),
            Just(l0 + dl),
            Just(c1),
            prop::collection::vec(0..PIECES.len(), 0..3),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Issue 20's acceptance: random edits of a many-project document (or
    /// one with its 自评) — adding and removing braces, projects and
    /// departments — sent one by one or in a burst, end in exactly the
    /// diagnostics the library computes afresh from the final text.
    #[test]
    fn random_edits_of_many_projects_end_as_check_of_the_final_text(
        with_actuals in any::<bool>(),
        burst in any::<bool>(),
        edits in prop::collection::vec(long_edit(), 1..6)
    ) {
        let e = Editor::new();
        let uri = "file:///w/fuzz.jx";
        let mut text = if with_actuals { format!("{EXAMPLE}{ACTUALS}") } else { EXAMPLE.to_string() };
        let opened = e.open(uri, &text);
        prop_assert_eq!(&opened["diagnostics"], &expected(uri, &text));
        let mut version = 1;
        for edit in edits {
            version += 1;
            send_edit(&e, uri, version, edit, &mut text);
            if !burst {
                let got = e.diagnostics();
                prop_assert_eq!(&got["version"], &json!(version));
                prop_assert_eq!(&got["diagnostics"], &expected(uri, &text));
            }
        }
        if burst {
            let mut got = e.diagnostics();
            while got["version"] != json!(version) {
                got = e.diagnostics();
            }
            prop_assert_eq!(&got["diagnostics"], &expected(uri, &text));
        }
        prop_assert!(e.finish());
    }
}

/// Edits that an edit inside one project's block may or may not take the
/// quick path for (the server then patches its kept skeleton instead of
/// reading the text again): a brace added inside a string and inside a
/// comment of a project, a project's name changed, the first and the last
/// project edited, a number typed, Enter pressed in a number's line, a
/// comment and a string. After each, the diagnostics are those
/// the library computes afresh. (Seen failing: with the server's skeleton
/// kept though reading it gave a diagnostic, the department header's
/// error was lost after the next edit inside a project.)
#[test]
fn edits_inside_projects_end_as_check_of_the_final_text() {
    let e = Editor::new();
    let uri = "file:///w/inside.jx";
    let mut text = EXAMPLE.to_string();
    e.open(uri, &text);
    // (which occurrence: true for the last; what; replaced by what)
    let edits: &[(bool, &str, &str)] = &[
        (false, "0.00", "1.00"),
        (false, "办公室\"", "办公室{\""),
        (false, "办公室{\"", "办公室\""),
        (false, "# 原表", "# 原表}"),
        (false, "区人大代表工作\"", "区人大代表工作二\""),
        (true, "松江区人大常委会办公室", "松江区人大常委会"),
        (false, "申报 ", "申报 x"),
        (true, "0.00", "9.00"),
        (false, "申报 x", "申报 "),
        (true, "9.00", "0.00"),
        (false, "1.00", "0.00"),
        // Enter: in a number's line, in a comment, in a string; then joined
        (false, "0.00 元", "0.00\n 元"),
        (false, "# 原表", "# 原\n表"),
        (true, "松江区人大常委会", "松江区\n人大常委会"),
        (false, "0.00\n 元", "0.00 元"),
        (false, "# 原\n表", "# 原表"),
        // Enter right after a closed value and inside the value's quotes
        (
            false,
            "实施主体 \"松江区人大常委会办公室\"",
            "实施主体 \"松江区人大常委会办公室\"\n      ",
        ),
        (
            false,
            "实施主体 \"松江区人大常委会办公室\"\n      ",
            "实施主体 \"松江区人大常委会办公室\"",
        ),
        (false, "实施主体 \"松江区人大", "实施主体 \"松江区\n人大"),
        (false, "实施主体 \"松江区\n人大", "实施主体 \"松江区人大"),
    ];
    for (version, (last, old, new)) in (2..).zip(edits) {
        let at = if *last {
            text.rfind(old)
        } else {
            text.find(old)
        };
        let at = at.expect("the text to replace");
        let index = LineIndex::new(&text);
        let (from, to) = (index.position(at), index.position(at + old.len()));
        e.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri, "version": version },
                "contentChanges": [{
                    "range": range(from.line, from.character, to.line, to.character),
                    "text": new,
                }]
            }),
        );
        text.replace_range(at..at + old.len(), new);
        let got = e.diagnostics();
        assert_eq!(got["version"], json!(version), "{old:?} → {new:?}");
        assert_eq!(
            got["diagnostics"],
            expected(uri, &text),
            "{old:?} → {new:?}"
        );
    }
    assert!(e.finish());
}

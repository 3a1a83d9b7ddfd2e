//! `jixiao lsp`: completion by context and hover (issue 20), spoken to as
//! an editor does; each test asserts what the editor receives.

#[path = "common/lsp.rs"]
mod editor;

use editor::{range, Editor};
use serde_json::{json, Value};

const EXAMPLE: &str = include_str!("../examples/songjiang-npc-2025/declaration.jx");

/// A small declaration and its `自评`; `‸` marks where the cursor goes
/// (each test puts it in one place).
const SMALL: &str = "部门 \"示例局\" {
  年度 2025
  项目 \"培训\" {
    性质 其他经常性项目
    资金 { 总额 10.04 万元 }
    指标 {
      产出指标 {
        数量指标 {
          培训人数 ≥ 140 人 分值 20
          培训场次 ≥ 4 场
        }
        质量指标 {
          合格率 ≥ 95%
        }
      }
    }
  }
}
自评 \"示例局\" 2025 {
  项目 \"培训\" {
    预算 10.04 万元
    培训场次 5 场
  }
}
";

/// The editor's position of `needle`'s `nth` occurrence in `text`, plus
/// `after` characters: line, UTF-16 character.
fn position(text: &str, needle: &str, after: usize) -> Value {
    let at = text.find(needle).expect("the needle is in the text");
    let before = &text[..at];
    let line = before.matches('\n').count();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let character = text[start..at].encode_utf16().count()
        + needle
            .chars()
            .take(after)
            .map(char::len_utf16)
            .sum::<usize>();
    json!({ "line": line, "character": character })
}

fn open(text: &str) -> Editor {
    let e = Editor::new();
    e.open("file:///w/small.jx", text);
    e
}

fn ask(e: &mut Editor, method: &str, at: Value) -> Value {
    e.request(
        method,
        json!({ "textDocument": { "uri": "file:///w/small.jx" }, "position": at }),
    )
}

/// The items offered with `line` inserted before `needle` in `text` and
/// the cursor at its end.
fn completed(text: &str, needle: &str, line: &str) -> Vec<Value> {
    let inserted = format!("{line}\n{needle}");
    let text = text.replacen(needle, &inserted, 1);
    let mut e = open(&text);
    let got = ask(
        &mut e,
        "textDocument/completion",
        position(&text, &inserted, line.chars().count()),
    );
    assert!(e.finish());
    got["result"].as_array().expect("a list of items").clone()
}

/// The labels (and details) offered with `line` inserted before `needle`
/// in SMALL and the cursor at its end.
fn offered(needle: &str, line: &str) -> Vec<(String, String)> {
    completed(SMALL, needle, line)
        .iter()
        .map(|i| {
            let s = |k: &str| i[k].as_str().unwrap_or("").to_string();
            (s("label"), s("detail"))
        })
        .collect()
}

fn labels(items: &[(String, String)]) -> Vec<&str> {
    items.iter().map(|(l, _)| l.as_str()).collect()
}

/// At a line's start in a project: its fields, in the form's order; in
/// `指标`: the 一级 groups; in an 一级 group: its own 二级 groups only.
#[test]
fn line_starts_offer_fields_and_groups() {
    let fields = offered("    性质 其他", "    类");
    assert_eq!(
        labels(&fields),
        [
            "性质",
            "类别",
            "主管部门",
            "实施单位",
            "项目负责人",
            "联系人",
            "联系电话",
            "周期",
            "资金",
            "总目标",
            "年度目标",
            "说明",
            "指标",
            "校验",
            "允许"
        ]
    );
    assert_eq!(fields[0].1, "项目字段");
    let level1 = offered("      产出指标", "      ");
    assert_eq!(
        labels(&level1),
        ["成本指标", "产出指标", "效益指标", "满意度指标"]
    );
    let level2 = offered("        质量指标", "        ");
    assert_eq!(labels(&level2), ["数量指标", "质量指标", "时效指标"]);
    assert_eq!(level2[0].1, "产出指标");
    // inside a string or a comment: nothing
    assert!(offered("    资金", "    总目标 \"提").is_empty());
    assert!(offered("    资金", "    # 性").is_empty());
}

/// At a line's start in `资金`: the fund lines with the form's wording; in
/// `说明`: the sections with their titles on the form.
#[test]
fn fund_lines_and_narrative_sections() {
    let text = SMALL.replace(
        "    资金 { 总额 10.04 万元 }\n",
        "    资金 {\n      总额 10.04 万元\n    }\n    说明 {\n      概述 \"培训\"\n    }\n",
    );
    let pairs = |needle, line| -> Vec<(String, String)> {
        completed(&text, needle, line)
            .iter()
            .map(|i| {
                (
                    i["label"].as_str().unwrap_or("").to_string(),
                    i["detail"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect()
    };
    let funds = pairs("      总额 10.04", "      财");
    assert_eq!(
        labels(&funds),
        [
            "总额",
            "年度申请",
            "财政资金",
            "当年拨款",
            "上年结转",
            "其他资金"
        ]
    );
    assert_eq!(funds[0].1, "项目资金总额");
    assert_eq!(funds[2].1, "其中：财政资金");
    let sections = pairs("      概述", "      ");
    assert_eq!(
        labels(&sections),
        [
            "概述",
            "立项依据",
            "实施主体",
            "实施方案",
            "实施周期",
            "预算安排",
            "绩效目标"
        ]
    );
    assert_eq!(sections[0].1, "项目概述");
}

/// After an indicator's name: the comparators, with their words.
#[test]
fn after_an_indicator_name_the_comparators() {
    let got = offered("          培训场次", "          结业人数 ");
    assert_eq!(
        got,
        [
            ("≥", "大于或等于、大于等于、不低于、不少于、不小于、至少"),
            (">", "大于、高于、超过、多于"),
            (
                "≤",
                "小于或等于、小于等于、不超过、不高于、不多于、不大于、至多"
            ),
            ("<", "小于、低于、少于"),
            ("=", "等于"),
        ]
        .map(|(l, d)| (l.to_string(), d.to_string()))
    );
}

/// After a number: the units, money first, each with what it measures.
#[test]
fn after_a_number_the_units() {
    let got = offered("          培训场次", "          结业人数 ≥ 130 ");
    assert_eq!(
        got[..8],
        [
            ("元", "金额"),
            ("千元", "金额"),
            ("万元", "金额"),
            ("百万元", "金额"),
            ("亿元", "金额"),
            ("%", "比率"),
            ("‰", "比率"),
            ("分钟", "时间"),
        ]
        .map(|(l, d)| (l.to_string(), d.to_string()))
    );
    assert!(got.contains(&("人".to_string(), "以“人”计的数量".to_string())));
    assert!(got.contains(&("场次".to_string(), "以“场次”计的数量".to_string())));
    assert_eq!(got.len(), 106);
    // the start of a unit typed: the same list (the editor filters)
    let typed = offered("          培训场次", "          结业人数 ≥ 130 人");
    assert_eq!(typed, got);
}

/// In a `自评` project: the declared indicators without an actual yet;
/// after `名称:` the verdicts.
#[test]
fn in_a_selfeval_the_missing_indicators_and_the_verdicts() {
    let got = offered("    培训场次 5 场", "    ");
    assert_eq!(
        got,
        [("培训人数", "数量指标"), ("合格率", "质量指标")]
            .map(|(l, d)| (l.to_string(), d.to_string()))
    );
    let verdicts = offered("    培训场次 5 场", "    合格率: ");
    assert_eq!(
        verdicts,
        [
            ("达成", "达成年度指标"),
            ("部分达成", "部分达成年度指标并具有一定效果"),
            ("未达成", "未达成年度指标且效果较差"),
        ]
        .map(|(l, d)| (l.to_string(), d.to_string()))
    );
}

fn hover(text: &str, needle: &str, after: usize) -> Value {
    let mut e = open(text);
    let got = ask(&mut e, "textDocument/hover", position(text, needle, after));
    assert!(e.finish());
    got
}

/// On an amount: its value in every unit of money, exact; on a
/// percentage, in ‰ too; on an indicator's name: its target, points and
/// the rule set's formula (tests/lsp_navigation.rs has more); elsewhere:
/// nothing.
#[test]
fn hover_shows_amounts_exactly_and_targets() {
    assert_eq!(
        hover(EXAMPLE, "10.04 万元\n", 2),
        json!({ "result": {
            "contents": { "kind": "markdown", "value":
                "10.04 万元 = 100,400.00 元 = 100.4 千元 = 0.1004 百万元 = 0.001004 亿元" },
            "range": range(45, 18, 45, 26)
        } })
    );
    assert_eq!(
        hover(SMALL, "95%", 0)["result"]["contents"]["value"],
        "95% = 950‰"
    );
    assert_eq!(
        hover(SMALL, "培训人数", 1),
        json!({ "result": {
            "contents": { "kind": "markdown", "value":
                "**培训人数**\n\n指标值：≥ 140 人\n\n分值：20 分\n\n\
                 评分公式（规则集“central-2020”）：正向 = 若 达成 则 分值 否则 \
                 若 指标值 ≤ 0 则 0 否则 分值 × 完成值 ÷ 指标值" },
            "range": range(8, 10, 8, 14)
        } })
    );
    assert_eq!(
        hover(SMALL, "合格率", 0)["result"]["contents"]["value"],
        "**合格率**\n\n指标值：≥ 95%\n\n分值：15 分（未写，由规则集分配）\n\n\
         评分公式（规则集“central-2020”）：正向 = 若 达成 则 分值 否则 \
         若 指标值 ≤ 0 则 0 否则 分值 × 完成值 ÷ 指标值"
    );
    // in the 自评 too
    assert_eq!(
        hover(SMALL, "预算 10.04", 3)["result"]["range"],
        range(20, 7, 20, 15)
    );
    // a byte-order mark and Windows line ends: the same place
    let windows = format!("\u{FEFF}{}", SMALL.replace('\n', "\r\n"));
    assert_eq!(
        hover(&windows, "95%", 1)["result"]["range"],
        range(12, 16, 12, 19)
    );
    assert_eq!(hover(SMALL, "140 人", 0), json!({ "result": null }));
    assert_eq!(hover(SMALL, "性质", 0), json!({ "result": null }));
}

/// Other dimensions than money: every unit of the table that gives an
/// exact figure (a week is not a whole number of 3 days, so 周 is left
/// out; a spelling of the written unit, 千米 for 公里, is not repeated).
#[test]
fn hover_converts_lengths_and_times_exactly() {
    let text = SMALL.replace(
        "          培训场次 ≥ 4 场\n",
        "          培训场次 ≥ 4 场\n          道路长度 ≥ 2.5 公里\n          完成时限 ≤ 3 天\n          整改期限 ≤ 18 个月\n",
    );
    let shown = |needle| hover(&text, needle, 0)["result"]["contents"]["value"].clone();
    assert_eq!(
        shown("2.5 公里"),
        "2.5 公里 = 2,500 米 = 250,000 厘米 = 2,500,000 毫米"
    );
    assert_eq!(shown("3 天"), "3 天 = 4,320 分钟 = 72 小时");
    assert_eq!(shown("18 个月"), "18 个月 = 6 季度 = 1.5 年");
    // a count converts to nothing
    assert_eq!(hover(&text, "4 场", 0), json!({ "result": null }));
}

/// Completion and hover at every byte of the example and its `自评` (the
/// middle of a character included) answer, never fail: the library's
/// entry points at each byte (the tree read once); the protocol at the
/// start, middle and past the end of every seventh line.
#[test]
fn every_position_of_the_example_answers() {
    let actuals = include_str!("../examples/songjiang-npc-2025/actuals-2025.jx");
    let both = format!("{EXAMPLE}{actuals}");
    let mut offered = 0usize;
    let mut hovered = 0usize;
    let loaded = jixiao::load::load_text("both.jx", &both);
    let tree = loaded.tree(jixiao::source::FileId(0));
    assert!(tree.is_some());
    for offset in 0..=both.len() + 2 {
        offered += jixiao::lsp::completion::items_in(tree, &both, offset).len();
        let shown = tree.and_then(|t| jixiao::lsp::hover::in_tree(t, &both, offset));
        hovered += usize::from(shown.is_some());
    }
    assert!(offered > 0 && hovered > 0, "{offered} {hovered}");
    let mut e = open(&both);
    for (line, text) in both.lines().enumerate().step_by(7) {
        let width = text.encode_utf16().count();
        for character in [0, width / 2, width + 3] {
            let at = json!({ "line": line, "character": character });
            for method in ["textDocument/completion", "textDocument/hover"] {
                let got = ask(&mut e, method, at.clone());
                assert!(got.get("result").is_some(), "{method} at {at}: {got}");
            }
        }
    }
    assert!(e.finish());
}

/// The item as the editor receives it, at the end of `line` inserted
/// before `needle` in SMALL: label and its edit (range, new text).
fn edits_offered(text: &str, needle: &str, line: &str) -> Vec<(String, Value, String)> {
    completed(text, needle, line)
        .iter()
        .map(|i| {
            let edit = &i["textEdit"];
            let new_text = edit["newText"].as_str().unwrap_or("").to_string();
            let label = i["label"].as_str().unwrap_or("").to_string();
            (label, edit["range"].clone(), new_text)
        })
        .collect()
}

/// Each item replaces the word already typed — a Chinese word, a unit
/// after a number written without a space, a verdict after a colon — so
/// a client filters and replaces by the language's words.
#[test]
fn items_replace_the_word_typed() {
    // (before this line, the line typed, item, its label, the word's range)
    let cases = [
        ("      产出指标", "      产出", 1, "产出指标", [6, 6, 8]),
        (
            "          培训场次",
            "          结业人数 ≥130万",
            2,
            "万元",
            [9, 19, 20],
        ),
        (
            "    培训场次 5 场",
            "    合格率:部",
            1,
            "部分达成",
            [21, 8, 9],
        ),
        // nothing typed yet: inserted at the cursor
        ("    性质 其他", "    ", 0, "性质", [3, 4, 4]),
    ];
    for (needle, line, nth, label, [l, c0, c1]) in cases {
        let got = edits_offered(SMALL, needle, line);
        let want = (label.to_string(), range(l, c0, l, c1), label.to_string());
        assert_eq!(got[nth], want, "{line}");
    }
}

/// A rule file's header `规则 "…"` takes a rule set's name: the shipped
/// ones are offered, quoted, with their titles; an opening quote already
/// typed is replaced too.
#[test]
fn a_rule_set_header_offers_the_shipped_names() {
    let rules = "规则 \"示例\" {\n  组内分配 均分\n}\n";
    let mut e = open(&format!("规则 \n{rules}"));
    let at = json!({ "line": 0, "character": 3 });
    let got = ask(&mut e, "textDocument/completion", at);
    assert!(e.finish());
    let item = |name: &str, title: &str, l: u32, c0: u32, c1: u32, filter: Option<&str>| {
        let mut i = json!({
            "label": name,
            "kind": 7,
            "detail": title,
            "textEdit": { "range": range(l, c0, l, c1), "newText": format!("\"{name}\"") }
        });
        if let Some(f) = filter {
            i["filterText"] = json!(f);
        }
        i
    };
    let central = "项目支出绩效自评（中央部门，财预〔2020〕10号）";
    assert_eq!(
        got["result"][0],
        item("central-2020", central, 0, 3, 3, None)
    );
    let names: Vec<&str> = got["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["central-2020", "hubei-2020", "sichuan-2022"]);
    let labels = edits_offered(rules, "规则 \"示例\"", "规则 \"hu");
    assert_eq!(labels.len(), 3);
    let mut e = open(&format!("规则 \"hu\n{rules}"));
    let got = ask(
        &mut e,
        "textDocument/completion",
        json!({ "line": 0, "character": 6 }),
    );
    assert!(e.finish());
    assert_eq!(
        got["result"][0],
        item("central-2020", central, 0, 3, 6, Some("\"central-2020\""))
    );
    // inside a rule set, or after the name: no names
    assert!(edits_offered(rules, "  组内分配", "  ").is_empty());
    assert!(edits_offered(rules, "规则 \"示例\"", "规则 \"甲\" ").is_empty());
}

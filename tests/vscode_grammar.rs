//! The TextMate grammar of the VS Code extension
//! (`editors/vscode/syntaxes/jixiao.tmLanguage.json`, issue 20) is generated
//! from the language's words, never copied by hand: the word sets of
//! `jixiao::vocab` and the keywords of `grammar/jixiao.pest` (read with
//! pest's own grammar parser). A new spelling is one line in src/vocab/ (and
//! the grammar), then
//!
//! ```text
//! JIXIAO_WRITE_GRAMMAR=1 cargo test --test vscode_grammar
//! ```
//!
//! rewrites the file; without the variable this test fails while the
//! committed file differs from the generated one.

use jixiao::vocab::{Function, Postfix, LEVEL1, LEVEL2};
use serde_json::{json, Value};
use std::path::Path;
#[path = "common/tm_words.rs"]
mod tm_words;

use tm_words::{
    alternation, escape, is_han_word, pest_words, unit_stops, vocab_words, whole, Class, HAN,
};

const GRAMMAR_FILE: &str = "editors/vscode/syntaxes/jixiao.tmLanguage.json";

fn matched(regex: String, scope: &str) -> Value {
    json!({ "match": regex, "name": scope })
}

/// The generated grammar.
fn generate() -> Value {
    // Each word in its first class.
    let mut words = vocab_words();
    words.extend(pest_words());
    words.sort_by_key(|a| a.0);
    let mut classes: Vec<(Class, String)> = Vec::new();
    for (class, word) in words {
        if !classes.iter().any(|(_, w)| *w == word) {
            classes.push((class, word));
        }
    }
    let in_class = |class: Class| {
        classes
            .iter()
            .filter(move |(c, _)| *c == class)
            .map(|(_, w)| w.as_str())
    };

    let number = r"(?<![A-Za-z0-9_.,])(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?";
    let stop = unit_stops(&classes);
    let atom = format!(r"(?:[%％‰]|(?:(?!{stop}){HAN})+)");
    let unit = format!(r"{atom}(?:[/／·・•*]{atom})*");
    let paren_unit = format!(r"[(（]{unit}[)）]");

    let level1 = alternation(LEVEL1);
    let level2 = alternation(LEVEL2.iter().map(|l| l.0));
    // A group's name with 指标 (`产出指标`), or without it where a group
    // opens (`产出 {`, `产出 分值 50 {`).
    let group =
        |stems: &str| format!(r"(?<!{HAN}){stems}(?:指标(?!{HAN})|(?=\s*(?:\{{|分值(?!{HAN}))))");

    let comparator_signs: Vec<&str> = in_class(Class::Comparator)
        .filter(|w| !is_han_word(w))
        .collect();
    let comparator_words: Vec<&str> = in_class(Class::Comparator)
        .filter(|w| is_han_word(w) && Postfix::from_word(w).is_none())
        .collect();

    let mut repository = serde_json::Map::new();
    let mut put = |key: &str, value: Value| {
        repository.insert(key.to_string(), value);
    };
    put(
        "comment",
        matched("[#＃].*$".into(), "comment.line.number-sign.jixiao"),
    );
    put(
        "string-triple",
        json!({
            "begin": "\"\"\"", "end": "\"\"\"",
            "name": "string.quoted.triple.jixiao"
        }),
    );
    put(
        "string",
        json!({
            "begin": "\"", "end": "\"|$",
            "name": "string.quoted.double.jixiao",
            "patterns": [{ "match": r"\\.", "name": "constant.character.escape.jixiao" }]
        }),
    );
    put(
        "code",
        matched(
            r"(?<![\w-])JX-[A-Za-z0-9]+".into(),
            "constant.other.finding-code.jixiao",
        ),
    );
    put(
        "date",
        matched(
            r"(?<![\w.])\d{4}[-/]\d{1,2}[-/]\d{1,2}(?!\d)".into(),
            "constant.numeric.date.jixiao",
        ),
    );
    put(
        "percentage",
        json!({
            "match": format!(r"({number})\s*([%％‰])(?![/／·・•*])"),
            "captures": {
                "1": { "name": "constant.numeric.percentage.jixiao" },
                "2": { "name": "keyword.other.unit.percent.jixiao" }
            }
        }),
    );
    put(
        "quantity",
        json!({
            "match": format!("({number})(?:[ \t\u{3000}\u{00A0}]*({paren_unit}|{unit}))?"),
            "captures": {
                "1": { "name": "constant.numeric.jixiao" },
                "2": { "name": "keyword.other.unit.jixiao" }
            }
        }),
    );
    put(
        "level2",
        matched(group(&level2), "entity.name.section.level2.jixiao"),
    );
    put(
        "level1",
        matched(group(&level1), "entity.name.section.level1.jixiao"),
    );
    put(
        "comparator",
        matched(
            alternation(comparator_signs),
            "keyword.operator.comparison.jixiao",
        ),
    );
    put(
        "postfix",
        matched(
            format!(
                "{}(?!{HAN})",
                alternation(Postfix::SPELLINGS.iter().map(|s| s.0))
            ),
            "keyword.operator.comparison.postfix.jixiao",
        ),
    );
    put(
        "function",
        matched(
            format!(
                r"(?<![\w\p{{Han}}]){}(?=\s*[(（])",
                alternation(Function::SPELLINGS.iter().map(|s| s.0))
            ),
            "support.function.jixiao",
        ),
    );
    put(
        Class::Comparator.key(),
        matched(
            whole(&alternation(comparator_words)),
            Class::Comparator.scope(),
        ),
    );
    for class in Class::ALL {
        if class != Class::Comparator {
            put(
                class.key(),
                matched(whole(&alternation(in_class(class))), class.scope()),
            );
        }
    }
    put(
        "braces",
        matched(r"[{}]".into(), "punctuation.section.braces.jixiao"),
    );

    // The order in which patterns are tried at one position.
    let order = [
        "comment",
        "string-triple",
        "string",
        "code",
        "date",
        "percentage",
        "quantity",
        "level2",
        "level1",
        "function",
        "declaration",
        "comparator-word",
        "comparator",
        "postfix",
        "range",
        "logical",
        "verdict",
        "constant",
        "keyword",
        "braces",
    ];
    let patterns: Vec<Value> = order
        .iter()
        .map(|k| json!({ "include": format!("#{k}") }))
        .collect();
    json!({
        "$schema": "https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json",
        "comment": "由 tests/vscode_grammar.rs 从 jixiao::vocab 与 grammar/jixiao.pest 生成，不要手改；改词表后运行 JIXIAO_WRITE_GRAMMAR=1 cargo test --test vscode_grammar",
        "name": "jixiao",
        "scopeName": "source.jixiao",
        "fileTypes": ["jx"],
        "patterns": patterns,
        "repository": repository,
    })
}

/// The committed grammar is the generated one.
#[test]
fn committed_grammar_is_generated_from_the_vocabulary() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(GRAMMAR_FILE);
    let text = serde_json::to_string_pretty(&generate()).expect("JSON") + "\n";
    if std::env::var_os("JIXIAO_WRITE_GRAMMAR").is_some() {
        std::fs::write(&path, &text).expect("写入语法文件");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == text,
        "{GRAMMAR_FILE} 不是由词表生成的最新版本；运行 JIXIAO_WRITE_GRAMMAR=1 cargo test --test vscode_grammar 重新生成"
    );
}

/// Every spelling of every word set, the group names and the keywords of
/// the declarations are in the grammar: a spelling added to a table is
/// highlighted without a second edit.
#[test]
fn every_spelling_is_highlighted() {
    let text = generate().to_string();
    let tables = vocab_words().into_iter().map(|(_, w)| w);
    let groups = LEVEL1
        .into_iter()
        .chain(LEVEL2.iter().map(|l| l.0))
        .map(String::from);
    let keywords = [
        "部门", "项目", "自评", "规则", "引用", "校验", "允许", "预算", "小计", "合计",
    ];
    for word in tables.chain(groups).chain(keywords.map(String::from)) {
        assert!(text.contains(&escape(&word)), "语法中没有“{word}”");
    }
}

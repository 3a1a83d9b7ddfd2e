//! Nothing from the input is dropped silently (issue 18): every token of
//! the seed's text, and of its broken variants, is in the import's output
//! or in a diagnostic. See tests/common/coverage.rs.

#[path = "common/coverage.rs"]
mod coverage;

use coverage::{import_text, seed_text};

fn assert_covered(input: &str, what: &str) {
    let missing = coverage::seed_reader_missing(input, &import_text(input));
    assert!(missing.is_empty(), "{what}: {missing:#?}");
}

#[test]
fn the_seed_is_covered() {
    assert_covered(&seed_text(), "种子");
}

/// The check finds a token the output lost: a name, a number, a comment.
#[test]
fn a_dropped_token_is_found() {
    let seed = seed_text();
    let imported = import_text(&seed);
    let labels = jixiao::import::text::label_words();
    let repeats = coverage::seed_reader_repeats(&imported);
    let drop = |from: &str, to: &str| -> Vec<String> {
        let written = imported.text.replacen(from, to, 1);
        assert_ne!(written, imported.text, "{from}");
        let messages: Vec<String> = imported
            .diagnostics
            .iter()
            .map(|d| d.message.to_string())
            .chain(repeats.iter().cloned())
            .collect();
        coverage::uncovered(&seed, &written, &messages, &labels)
    };
    assert_eq!(
        drop("运维总成本 ≤ 10.04 万元", "≤ 10.04 万元"),
        ["“运维总成本” 缺 1 处（原文 1 处）"]
    );
    assert_eq!(
        drop("运维总成本 ≤ 10.04 万元", "运维总成本 ≤ 10 万元"),
        ["“10.04” 缺 1 处（原文 1 处）"]
    );
    let comment = imported
        .text
        .lines()
        .find(|l| l.contains("原文：按照本市"))
        .expect("the claim's sentence is kept");
    assert_eq!(
        drop(comment, "#"),
        ["“按照本市预算绩效管理工作的总体要求” 缺 1 处（原文 1 处）"]
    );
    // The page number's diagnostic covers it; without it, it is missing
    // (the input's other 6 is the sixth project's heading number).
    let no_page: Vec<String> = imported
        .diagnostics
        .iter()
        .filter(|d| d.code != "JX-I009")
        .map(|d| d.message.to_string())
        .chain(repeats.iter().cloned())
        .collect();
    let written = imported.text.replace("原文此处夹有页码“6”，已删去。", "");
    assert_eq!(
        coverage::uncovered(&seed, &written, &no_page, &labels),
        ["“6” 缺 1 处（原文 2 处）"]
    );
}

#[test]
fn tokens_are_runs_numbers_and_words() {
    use coverage::Token::*;
    let d = |s: &str| Number(s.parse().unwrap());
    assert_eq!(
        coverage::tokens("其中：当年财政拨款 90,682.50 元 G60 ≥1.00(次)"),
        [
            Cjk("其中".into()),
            Cjk("当年财政拨款".into()),
            d("90682.5"),
            Cjk("元".into()),
            Word("G".into()),
            d("60"),
            d("1"),
            Cjk("次".into()),
        ]
    );
}

/// The seed cut after every 21st line: what is written, with its problems
/// listed, still holds every token of the part that was read.
#[test]
fn truncated_seeds_are_covered() {
    let text = seed_text();
    let lines: Vec<&str> = text.split('\n').collect();
    for cut in (0..lines.len()).step_by(21) {
        let part = lines[..cut].join("\n");
        let imported = import_text(&part);
        if !imported.text.is_empty() {
            let missing = coverage::seed_reader_missing(&part, &imported);
            assert!(missing.is_empty(), "前 {cut} 行: {missing:#?}");
        }
    }
}

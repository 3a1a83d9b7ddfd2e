//! The words of the language for the TextMate grammar of the VS Code
//! extension (`tests/vscode_grammar.rs`): the word sets of `jixiao::vocab`
//! and the Chinese keywords of `grammar/jixiao.pest`, each with the kind of
//! word it is, and the regex pieces built from them.

use jixiao::vocab::{
    BudgetColumn, BudgetLine, Comparator, Direction, FormulaKind, FundKey, Grade, NarrativeKey,
    Postfix, Printed, ProjectField, SumLine, NOT_VERDICTS,
};
use pest_meta::ast::{Expr, Rule};
use pest_meta::parser;

pub const PEST: &str = include_str!("../../grammar/jixiao.pest");

/// A Han character (or 〇): keywords are whole words, not the start or the
/// end of a longer name (`资金` is a keyword, `资金到位率` a name).
pub const HAN: &str = r"[\p{Han}〇]";

/// How a pest rule's Chinese literals are highlighted: the rules named here,
/// the others are field keywords. `None`: the rule's words are not keywords
/// (`万` of a number, the `〇` of `cjk`).
pub fn class_of_rule(name: &str) -> Option<Class> {
    Some(match name {
        "department" | "project_raw" | "actuals_raw" | "actuals" | "ruleset" | "include" => {
            Class::Declaration
        }
        "range" | "unit_end" => Class::Range,
        "conditional" | "and" | "or" | "not" | "expr_keyword" => Class::Logical,
        "direction_word" | "explain_word" | "grade" => Class::Constant,
        "cjk" | "magnitude" | "postfix" | "ge" | "le" | "gt" | "lt" | "eq" => return None,
        n if n.ends_with("_mode") => Class::Constant,
        _ => Class::Keyword,
    })
}

/// The kinds of words, highest priority first: a word in two classes
/// (`等于` is a comparator and a formula) is highlighted as the first.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum Class {
    Declaration,
    Comparator,
    Range,
    Logical,
    Verdict,
    Constant,
    Keyword,
}

impl Class {
    pub const ALL: [Class; 7] = [
        Class::Declaration,
        Class::Comparator,
        Class::Range,
        Class::Logical,
        Class::Verdict,
        Class::Constant,
        Class::Keyword,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Class::Declaration => "declaration",
            Class::Comparator => "comparator-word",
            Class::Range => "range",
            Class::Logical => "logical",
            Class::Verdict => "verdict",
            Class::Constant => "constant",
            Class::Keyword => "keyword",
        }
    }

    pub fn scope(self) -> &'static str {
        match self {
            Class::Declaration => "keyword.control.declaration.jixiao",
            Class::Comparator => "keyword.operator.comparison.jixiao",
            Class::Range => "keyword.operator.range.jixiao",
            Class::Logical => "keyword.operator.logical.jixiao",
            Class::Verdict => "constant.language.verdict.jixiao",
            Class::Constant => "constant.language.jixiao",
            Class::Keyword => "keyword.other.field.jixiao",
        }
    }
}

pub fn is_han_word(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c) || c == '〇')
}

/// Every Chinese literal of the pest grammar with the class of its rule.
pub fn pest_words() -> Vec<(Class, String)> {
    let pairs = parser::parse(parser::Rule::grammar_rules, PEST)
        .unwrap_or_else(|e| panic!("grammar/jixiao.pest 无法读取：{e}"));
    let rules: Vec<Rule> =
        parser::consume_rules(pairs).unwrap_or_else(|e| panic!("grammar/jixiao.pest 有错：{e:?}"));
    let mut out = Vec::new();
    for rule in &rules {
        let Some(class) = class_of_rule(&rule.name) else {
            continue;
        };
        for e in rule.expr.clone().iter_top_down() {
            if let Expr::Str(s) = e {
                if is_han_word(&s) {
                    out.push((class, s));
                }
            }
        }
    }
    out
}

/// The spellings of a word set's table.
pub fn words<T>(table: &[(&'static str, T)]) -> Vec<&'static str> {
    table.iter().map(|s| s.0).collect()
}

/// Every word of the vocabulary tables with its class.
pub fn vocab_words() -> Vec<(Class, String)> {
    let sets = [
        (Class::Comparator, words(Comparator::SPELLINGS)),
        (Class::Comparator, words(Postfix::SPELLINGS)),
        (Class::Verdict, words(Grade::SPELLINGS)),
        (Class::Constant, words(Direction::SPELLINGS)),
        (Class::Keyword, words(ProjectField::SPELLINGS)),
        (Class::Keyword, words(FundKey::SPELLINGS)),
        (Class::Keyword, words(NarrativeKey::SPELLINGS)),
        (Class::Keyword, words(FormulaKind::SPELLINGS)),
        (Class::Keyword, words(Printed::SPELLINGS)),
        (Class::Keyword, words(SumLine::SPELLINGS)),
        (Class::Keyword, words(BudgetLine::SPELLINGS)),
        (Class::Keyword, words(BudgetColumn::SPELLINGS)),
        (Class::Keyword, NOT_VERDICTS.to_vec()),
    ];
    sets.into_iter()
        .flat_map(|(class, ws)| ws.into_iter().map(move |w| (class, w.to_string())))
        .collect()
}

/// `words` as one regex alternation, longest first (so that `不低于` is
/// never read as a shorter word it starts with), each word escaped.
pub fn alternation<'a>(words: impl IntoIterator<Item = &'a str>) -> String {
    let mut words: Vec<&str> = words.into_iter().collect();
    words.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    words.dedup();
    let escaped: Vec<String> = words.iter().map(|w| escape(w)).collect();
    format!("(?:{})", escaped.join("|"))
}

pub fn escape(word: &str) -> String {
    let mut out = String::new();
    for c in word.chars() {
        if r"\.^$|?*+()[]{}/".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A whole Chinese word: not preceded nor followed by a Han character.
pub fn whole(words: &str) -> String {
    format!("(?<!{HAN}){words}(?!{HAN})")
}

/// The words that end a unit: a comparator written after the number
/// (`10 次以上`), the range's `至`, and the words that follow a number on
/// a line (`分值 10 执行率 100%`, `申报 9 个项目`).
pub fn unit_stops(classes: &[(Class, String)]) -> String {
    let mut stops: Vec<&str> = Postfix::SPELLINGS.iter().map(|s| s.0).collect();
    stops.extend(BudgetColumn::SPELLINGS.iter().map(|s| s.0));
    stops.extend(
        classes
            .iter()
            .filter(|(c, _)| matches!(c, Class::Range | Class::Logical | Class::Keyword))
            .map(|(_, w)| w.as_str()),
    );
    format!("{}(?!{HAN})", alternation(stops))
}

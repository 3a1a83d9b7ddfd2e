//! Each word rule of grammar/jixiao.pest lists exactly the spellings of its
//! table in src/vocab/ (issue 16): the grammar is read with pest's own
//! grammar parser, not matched as text. A spelling added on one side only
//! fails here.
//!
//! Each table and each rule is also in a safe order for an ordered choice:
//! no spelling comes before a longer one it starts (`上年结转` after
//! `上年结转资金`), so the first spelling that matches is the longest, and the
//! fast parser (first match in the table) and pest (first match in the rule)
//! read the same word.

use jixiao::vocab::{
    BudgetColumn, BudgetLine, Comparator, Direction, FormulaKind, FundKey, Grade, NarrativeKey,
    Postfix, ProjectField, NOT_VERDICTS,
};
use pest_meta::ast::{Expr, Rule};
use pest_meta::parser;

const GRAMMAR: &str = include_str!("../grammar/jixiao.pest");

fn rules() -> Vec<Rule> {
    let pairs = parser::parse(parser::Rule::grammar_rules, GRAMMAR)
        .unwrap_or_else(|e| panic!("grammar/jixiao.pest 无法读取：{e}"));
    parser::consume_rules(pairs).unwrap_or_else(|e| panic!("grammar/jixiao.pest 有错：{e:?}"))
}

fn rule<'a>(rules: &'a [Rule], name: &str) -> &'a Rule {
    rules
        .iter()
        .find(|r| r.name == name)
        .unwrap_or_else(|| panic!("grammar/jixiao.pest 中没有规则 {name}"))
}

/// The items of a choice `a | b | c`, in order (one item if no choice).
fn choices(e: &Expr) -> Vec<&Expr> {
    match e {
        Expr::Choice(a, b) => {
            let mut out = choices(a);
            out.extend(choices(b));
            out
        }
        other => vec![other],
    }
}

/// The literals of a rule that is a plain alternation of literals, in the
/// grammar's order.
fn alternation(rules: &[Rule], name: &str) -> Vec<String> {
    let r = rule(rules, name);
    choices(&r.expr)
        .into_iter()
        .map(|e| match e {
            Expr::Str(s) => s.clone(),
            other => {
                panic!("规则 {name} 应只由文字选择组成（\"a\" | \"b\"），这一项不是：{other:?}")
            }
        })
        .collect()
}

/// The spellings of a table (of one variant, or all), in the table's order.
fn spellings<T: Copy + PartialEq>(table: &[(&str, T)], only: Option<T>) -> Vec<String> {
    table
        .iter()
        .filter(|(_, v)| only.is_none_or(|o| o == *v))
        .map(|(w, _)| w.to_string())
        .collect()
}

/// No spelling is preceded by one that starts it: the first match is the
/// longest.
fn assert_longest_first(what: &str, words: &[String]) {
    for (i, early) in words.iter().enumerate() {
        for late in &words[i + 1..] {
            assert!(
                !late.starts_with(early.as_str()),
                "{what}：“{early}”排在以它开头的“{late}”前面，有序选择会先匹配短的"
            );
        }
    }
}

/// The rule and the table hold the same spellings, each once, both in a
/// safe order.
fn assert_same(rules: &[Rule], name: &str, table: Vec<String>) {
    let grammar = alternation(rules, name);
    assert_longest_first(&format!("grammar/jixiao.pest 的 {name}"), &grammar);
    assert_longest_first(&format!("src/vocab 中与 {name} 对应的表"), &table);
    let (mut g, mut t) = (grammar.clone(), table.clone());
    g.sort();
    t.sort();
    assert_eq!(
        g, t,
        "规则 {name} 与 src/vocab 中的表不一致：\n语法：{grammar:?}\n表：  {table:?}"
    );
}

#[test]
fn project_keys() {
    let rules = rules();
    assert_same(
        &rules,
        "project_key",
        spellings(ProjectField::SPELLINGS, None),
    );
    // `known_key` is the keyword not followed by a Chinese character.
    let known = rule(&rules, "known_key");
    assert!(
        matches!(&known.expr, Expr::Seq(a, _) if matches!(&**a, Expr::Ident(i) if i == "project_key")),
        "known_key 应为 project_key ~ !cjk：{:?}",
        known.expr
    );
    // The fast parser reads a field by its first characters: none starts another.
    let words: Vec<String> = ProjectField::WORDS.iter().map(|w| w.to_string()).collect();
    let mut reversed = words.clone();
    reversed.reverse();
    assert_longest_first("项目字段（倒序）", &reversed);
}

#[test]
fn fund_keys() {
    assert_same(&rules(), "fund_key", spellings(FundKey::SPELLINGS, None));
}

/// The budget section's rows of its own and its columns (issue 17); the
/// other rows are `fund_key`'s, read after `budget_line`.
#[test]
fn budget_rows_and_columns() {
    let rules = rules();
    assert_same(
        &rules,
        "budget_line",
        spellings(BudgetLine::SPELLINGS, None),
    );
    assert_same(
        &rules,
        "budget_column",
        spellings(BudgetColumn::SPELLINGS, None),
    );
    let key = rule(&rules, "budget_row_key");
    let text = format!("{:?}", key.expr);
    assert!(
        text.contains("Ident(\"budget_line\")") && text.contains("Ident(\"fund_key\")"),
        "budget_row_key 应为 (budget_line | fund_key) ~ !cjk：{text}"
    );
    // Read in that order, no row word starts another of the other table.
    let mut words = spellings(BudgetLine::SPELLINGS, None);
    words.extend(spellings(FundKey::SPELLINGS, None));
    assert_longest_first("预算栏的行（budget_line 然后 fund_key）", &words);
}

#[test]
fn narrative_keys() {
    assert_same(
        &rules(),
        "narrative_key",
        spellings(NarrativeKey::SPELLINGS, None),
    );
}

#[test]
fn comparators() {
    let rules = rules();
    let table = Comparator::SPELLINGS;
    for (name, c) in [
        ("ge", Comparator::Ge),
        ("le", Comparator::Le),
        ("gt", Comparator::Gt),
        ("lt", Comparator::Lt),
        ("eq", Comparator::Eq),
    ] {
        assert_same(&rules, name, spellings(table, Some(c)));
    }
    // `cmp` chooses among the five rules, and all its spellings together
    // are in a safe order in the table too.
    let cmp: Vec<String> = choices(&rule(&rules, "cmp").expr)
        .into_iter()
        .map(|e| match e {
            Expr::Ident(i) => i.clone(),
            other => panic!("cmp 应只选择比较符规则：{other:?}"),
        })
        .collect();
    assert_eq!(cmp, ["ge", "le", "gt", "lt", "eq"]);
    assert_longest_first("比较符表", &spellings(table, None));
}

/// The words written after a value (`95%以上`): the rule `postfix` and the
/// table `Postfix`; a unit stops before them (`unit_end`), so `10次以上` is
/// 10 次 and 以上.
#[test]
fn postfix_words() {
    let rules = rules();
    assert_same(&rules, "postfix", spellings(Postfix::SPELLINGS, None));
    let end = rule(&rules, "unit_end");
    assert!(
        format!("{:?}", end.expr).contains("Ident(\"postfix\")"),
        "unit_end 应以 postfix 为界：{:?}",
        end.expr
    );
}

#[test]
fn directions() {
    assert_same(
        &rules(),
        "direction_word",
        spellings(Direction::SPELLINGS, None),
    );
}

#[test]
fn grades() {
    assert_same(&rules(), "grade", spellings(Grade::SPELLINGS, None));
}

/// The keywords that are no verdict word (issue 17).
#[test]
fn not_verdicts() {
    let words = NOT_VERDICTS.iter().map(|w| w.to_string()).collect();
    assert_same(&rules(), "verdict_reserved", words);
}

#[test]
fn formula_kinds() {
    let rules = rules();
    assert_same(
        &rules,
        "formula_word",
        spellings(FormulaKind::SPELLINGS, None),
    );
    let key = rule(&rules, "formula_key");
    assert!(
        matches!(&key.expr, Expr::Seq(a, _) if matches!(&**a, Expr::Ident(i) if i == "formula_word")),
        "formula_key 应为 formula_word ~ !cjk：{:?}",
        key.expr
    );
}

/// The first literal of a rule (`"小计"` of `@{ "小计" ~ !cjk }`).
fn first_literal(rules: &[Rule], name: &str) -> String {
    fn first(e: &Expr) -> Option<&str> {
        match e {
            Expr::Str(s) => Some(s),
            Expr::Seq(a, _) => first(a),
            _ => None,
        }
    }
    first(&rule(rules, name).expr)
        .unwrap_or_else(|| panic!("规则 {name} 不以文字开头：{:?}", rule(rules, name).expr))
        .to_string()
}

/// The words of what a form printed (issue 17): `小计`, `合计` start their
/// lines, `分值`, `得分`, `等级` the printed values; each rule's keyword is
/// its table's word.
#[test]
fn printed_words() {
    use jixiao::vocab::{Printed, SumLine};
    let rules = rules();
    assert_eq!(
        first_literal(&rules, "subtotal_key"),
        SumLine::Subtotal.word()
    );
    assert_eq!(first_literal(&rules, "total_key"), SumLine::Total.word());
    assert_eq!(SumLine::ALL.len(), 2);
    for (name, word) in [
        ("printed_points", Printed::Points),
        ("printed_score", Printed::Score),
        ("printed_grade", Printed::Grade),
    ] {
        assert_eq!(first_literal(&rules, name), word.word(), "{name}");
    }
    assert_eq!(Printed::ALL.len(), 3);
    // A group's 分值 is the indicator's rule, the same word.
    assert_eq!(first_literal(&rules, "points"), Printed::Points.word());
}

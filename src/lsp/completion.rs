//! `textDocument/completion`: the words that fit where the cursor is,
//! from the vocabulary tables (`crate::vocab`, the unit table of
//! `crate::model::unit`) — never a list of its own:
//!
//! | where | offered |
//! |---|---|
//! | a line of a `项目 { }` block of a declaration | the project's fields (性质 … 允许) |
//! | a line of `资金 { }` | the fund lines (总额 …), the form's wording as detail |
//! | a line of `说明 { }` | the sections (概述 …), the form's title as detail |
//! | a line of `指标 { }` | the 一级 groups |
//! | a line of an 一级 group | its own 二级 groups |
//! | after an indicator's name, in a 二级 group | the comparators |
//! | after a number | the units |
//! | a line of a `自评` project | the project's declared indicators without an actual yet |
//! | after `名称:` in a `自评` project | the verdicts (达成 …) |

use super::completion_range::{with_edits, word_start, Word};
use super::context::Context;
use super::diagnostics::Normalized;
use crate::model::unit::{Measure, UNITS};
use crate::model::Unit;
use crate::source::FileId;
use crate::syntax::ast::{DeptStmt, Group, GroupChildren, Item, Project, ProjectStmt, SyntaxFile};
use crate::syntax::eval_ast::{ActualStmt, ActualsProject, RuleStmt};
use crate::vocab::{Comparator, FundKey, Grade, NarrativeKey, ProjectField, LEVEL1, LEVEL2};
use lsp_types::{CompletionItem, CompletionItemKind};

/// The suffix of every group's name: `产出` + `指标`.
const GROUP_SUFFIX: &str = "指标";

/// What to offer at byte `offset` of the document's text (`normalized`:
/// the text the library reads), each item with the edit that replaces the
/// word typed ([`super::completion_range`]).
/// The syntax tree is read (`parsed`) only where it is needed.
pub fn items(
    normalized: &Normalized,
    offset: usize,
    parsed: impl FnOnce() -> std::sync::Arc<super::parsed::Parsed>,
) -> Vec<CompletionItem> {
    let text = normalized.text.as_str();
    let typed = before(text, offset);
    let cx = Context::of(typed);
    let (list, word) = if let Some(names) = rule_set_names(&cx) {
        (names, Word::Quoted)
    } else if in_selfeval_project(&cx) {
        // only a `自评` project needs the tree (the declared indicators)
        (items_in(parsed().tree(), text, offset), Word::Name)
    } else {
        let list = items_in(None, text, offset);
        let units = list.first().and_then(|i| i.kind) == Some(CompletionItemKind::UNIT);
        (list, if units { Word::Unit } else { Word::Name })
    };
    let start = word_start(typed, word);
    with_edits(list, text, (start, typed.len()), normalized.bom)
}

/// After `规则` at a file's top level (a rule file's header): the names
/// of the rule sets jixiao ships (`crate::audit::explain`'s list), quoted,
/// with each one's `名称` as the detail.
fn rule_set_names(cx: &Context) -> Option<Vec<CompletionItem>> {
    if !cx.open.is_empty() || cx.hidden > 0 {
        return None;
    }
    let rest = cx.typed.trim_start().strip_prefix("规则")?;
    let name = rest.trim_start();
    let ok = rest.starts_with(char::is_whitespace)
        && !name.contains(|c: char| c.is_whitespace() || c == '{')
        && name.matches('"').count() <= usize::from(name.starts_with('"'));
    if !ok {
        return None;
    }
    let quoted = name.starts_with('"');
    Some(
        shipped_names()
            .iter()
            .map(|(n, title)| CompletionItem {
                insert_text: Some(format!("\"{n}\"")),
                filter_text: quoted.then(|| format!("\"{n}\"")),
                ..item(n, title, CompletionItemKind::CLASS)
            })
            .collect(),
    )
}

/// The shipped rule sets' names and titles, read once from their text.
fn shipped_names() -> &'static [(String, String)] {
    static NAMES: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        let mut out: Vec<(String, String)> = Vec::new();
        for (_, text) in crate::audit::explain::shipped_rule_sets() {
            let (tree, _) = crate::syntax::parse(FileId(0), &text);
            for set in tree.items.iter().filter_map(|i| match i {
                Item::RuleSet(r) => Some(r),
                _ => None,
            }) {
                let title = set.stmts.iter().find_map(|s| match &s.node {
                    RuleStmt::Title(t) => Some(t.value.clone()),
                    _ => None,
                });
                if !out.iter().any(|(n, _)| *n == set.name.node) {
                    out.push((set.name.node.clone(), title.unwrap_or_default()));
                }
            }
        }
        out
    })
}

/// The text before byte `offset` (clamped, moved back to a character's
/// start).
fn before(text: &str, offset: usize) -> &str {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset = offset.saturating_sub(1);
    }
    text.get(..offset).unwrap_or("")
}

fn in_selfeval_project(cx: &Context) -> bool {
    !cx.in_text && cx.innermost() == (Some("项目"), Some("自评"))
}

/// [`items`] with the text's syntax tree already read.
pub fn items_in(tree: Option<&SyntaxFile>, text: &str, offset: usize) -> Vec<CompletionItem> {
    let cx = Context::of(before(text, offset));
    if cx.in_text {
        return Vec::new();
    }
    let typed = cx.typed.trim_start();
    if in_selfeval_project(&cx) {
        return in_selfeval(tree, offset, typed);
    }
    let (inner, parent) = cx.innermost();
    let (Some(inner), parent) = (inner, parent) else {
        return Vec::new();
    };
    if after_number(typed) {
        return units();
    }
    let words: Vec<&str> = typed.split_whitespace().collect();
    let ended = typed.ends_with(char::is_whitespace);
    if words.len() == 1 && ended && level2_parent(inner).is_some() {
        return comparators();
    }
    if words.len() > 1 || (words.len() == 1 && ended) {
        return Vec::new();
    }
    match inner {
        "项目" => fields(),
        "资金" if parent == Some("项目") => FundKey::ALL
            .iter()
            .map(|k| item(k.word(), &k.form_label(), CompletionItemKind::FIELD))
            .collect(),
        "说明" if parent == Some("项目") => NarrativeKey::ALL
            .iter()
            .map(|k| item(k.word(), k.title(), CompletionItemKind::FIELD))
            .collect(),
        "指标" if parent == Some("项目") => LEVEL1
            .iter()
            .map(|l| item(&grouped(l), "一级指标", CompletionItemKind::MODULE))
            .collect(),
        _ => match LEVEL1.iter().find(|l| grouped(l) == inner) {
            Some(level1) => LEVEL2
                .iter()
                .filter(|(_, p)| p == level1)
                .map(|(l, _)| item(&grouped(l), inner, CompletionItemKind::MODULE))
                .collect(),
            None => Vec::new(),
        },
    }
}

fn grouped(name: &str) -> String {
    format!("{name}{GROUP_SUFFIX}")
}

/// The 一级 group a 二级 group's header names (`数量指标` → `产出`).
fn level2_parent(head: &str) -> Option<&'static str> {
    LEVEL2
        .iter()
        .find(|(l, _)| grouped(l) == head)
        .map(|(_, p)| *p)
}

fn item(label: &str, detail: &str, kind: CompletionItemKind) -> CompletionItem {
    CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        detail: Some(detail.to_string()),
        ..CompletionItem::default()
    }
}

fn fields() -> Vec<CompletionItem> {
    ProjectField::WORDS
        .iter()
        .map(|w| item(w, "项目字段", CompletionItemKind::KEYWORD))
        .collect()
}

/// Each comparator's sign, with its words as the detail.
fn comparators() -> Vec<CompletionItem> {
    Comparator::ALL
        .iter()
        .map(|c| {
            let words: Vec<&str> = c
                .other_spellings()
                .filter(|w| Comparator::is_word(w))
                .collect();
            item(c.symbol(), &words.join("、"), CompletionItemKind::OPERATOR)
        })
        .collect()
}

/// Every unit word, as the table spells it first, with what it measures.
fn units() -> Vec<CompletionItem> {
    UNITS
        .iter()
        .flat_map(|(words, _, _, measure)| {
            // each count word is a unit of its own; the others' first
            // spelling is the one shown
            let shown = if *measure == Measure::Count {
                words.len()
            } else {
                1
            };
            words.iter().take(shown)
        })
        .map(|w| {
            let detail = Unit::parse(w).dimension_name();
            item(w, &detail, CompletionItemKind::UNIT)
        })
        .collect()
}

/// Does the statement end in a number, perhaps a space and the start of
/// a unit (`培训人数 ≥ 140 `, `总额 10.04 万`)?
fn after_number(typed: &str) -> bool {
    let is_number = |c: char| c.is_ascii_digit();
    let rest = typed.trim_end_matches(|c: char| {
        !c.is_whitespace() && !is_number(c) && !"=<>≥≤＝＜＞:：".contains(c)
    });
    let rest = rest.trim_end();
    typed.len() > rest.len() && rest.ends_with(is_number) && rest.contains(char::is_whitespace)
}

/// In a `自评` project block: after `名称:` the verdicts; at a line's start
/// the declared indicators of the project without an actual yet.
fn in_selfeval(tree: Option<&SyntaxFile>, offset: usize, typed: &str) -> Vec<CompletionItem> {
    if let Some((_, after)) = typed.split_once([':', '：']) {
        if after.split_whitespace().count() > 1 {
            return Vec::new();
        }
        return Grade::ALL
            .iter()
            .map(|g| item(g.short(), g.official(), CompletionItemKind::ENUM_MEMBER))
            .collect();
    }
    if typed.contains(char::is_whitespace) {
        return Vec::new();
    }
    let Some(tree) = tree else {
        return Vec::new();
    };
    let at = u32::try_from(offset).unwrap_or(u32::MAX);
    let Some(here) = tree
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Actuals(a) => Some(a),
            _ => None,
        })
        .flat_map(|a| &a.projects)
        .find(|p| p.span.start < at && at <= p.span.end)
    else {
        return Vec::new();
    };
    let written = written(here, at);
    let declared = tree.items.iter().flat_map(|i| match i {
        Item::Department(d) => d
            .stmts
            .iter()
            .filter_map(|s| match s {
                DeptStmt::Project(p) => Some(p),
                _ => None,
            })
            .collect(),
        Item::Project(p) => vec![p],
        _ => Vec::new(),
    });
    let mut out: Vec<CompletionItem> = Vec::new();
    for p in declared.filter(|p| p.name.node == here.name.node) {
        for (indicator, group) in indicators(p) {
            let known = written.contains(&indicator) || out.iter().any(|i| i.label == indicator);
            if !known {
                out.push(item(&indicator, &group, CompletionItemKind::FIELD));
            }
        }
    }
    out
}

/// The indicators that have a line in the `自评` project, but the line at
/// `at` (being typed).
fn written(p: &ActualsProject, at: u32) -> Vec<String> {
    p.body
        .iter()
        .flatten()
        .filter_map(|s| match s {
            ActualStmt::Line(l) if !(l.span.start <= at && at <= l.span.end) => {
                Some(l.name.node.clone())
            }
            ActualStmt::Unreadable {
                name: Some(n),
                span,
            } if !(span.start <= at && at <= span.end) => Some(n.node.clone()),
            _ => None,
        })
        .collect()
}

/// A project's indicators with their 二级 group, in order.
fn indicators(p: &Project) -> Vec<(String, String)> {
    fn walk(g: &Group, out: &mut Vec<(String, String)>) {
        match &g.children {
            GroupChildren::Groups(groups) => groups.iter().for_each(|c| walk(c, out)),
            GroupChildren::Indicators(list) => out.extend(
                list.iter()
                    .map(|i| (i.name.node.clone(), g.name.node.clone())),
            ),
        }
    }
    let mut out = Vec::new();
    for s in p.body.iter().flatten() {
        if let ProjectStmt::Indicators { groups, .. } = s {
            groups.iter().for_each(|g| walk(g, &mut out));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_then_a_unit() {
        assert!(after_number("培训人数 ≥ 140 "));
        assert!(after_number("总额 10.04 万"));
        assert!(after_number("培训人数 ≥140万"));
        assert!(!after_number("培训人数 ≥140"));
        assert!(!after_number("培训人数 ≥ "));
        assert!(!after_number("140"));
        assert!(!after_number(""));
    }
}

//! Rule sets (`ruleset`: `规则 "名" { … }`).

use super::cursor::Cur;
use super::expr::{cmp, expr};
use crate::source::Node;
use crate::syntax::ast::NumberLit;
use crate::syntax::eval_ast::*;

/// `"规则" ~ name ~ "{" ~ sep* ~ (rule_stmt ~ (sep+ | &"}"))* ~ "}"`, from
/// the keyword.
pub(super) fn ruleset(c: &mut Cur<'_>) -> Option<RuleSet> {
    let start = c.pos;
    if !c.eat("规则") {
        return None;
    }
    c.skip();
    let name = c.name()?;
    c.skip();
    let stmts = c.block_of(|c| {
        let start = c.pos;
        let stmt = match c.attempt(keyword_stmt) {
            Some(s) => s,
            None => Some(merge(c)?),
        };
        Some(stmt.map(|s| Node::new(s, c.span(start, c.pos))))
    })?;
    Some(RuleSet {
        name,
        stmts,
        span: c.span(start, c.pos),
    })
}

/// Which statement a keyword starts, in the grammar's order of `rule_stmt`.
#[derive(Clone, Copy)]
enum Key {
    Title,
    Source,
    Year,
    Unverified,
    Points,
    Split,
    Formula,
    Verdicts,
    Qualitative,
    Grades,
    Rounding,
    Explain,
    Over,
    Missing,
    Negative,
    Clamp,
    Empty,
    Implied,
    FormPoints,
    Base,
}

/// The keyword of each statement, in the grammar's order (`rule_stmt`).
const KEYS: &[(&str, Key)] = &[
    ("名称", Key::Title),
    ("来源", Key::Source),
    ("年度", Key::Year),
    ("未核实", Key::Unverified),
    ("分值", Key::Points),
    ("组内分配", Key::Split),
    // `formula_key` has its own words (the vocabulary's `FormulaKind`).
    ("", Key::Formula),
    ("定性用语", Key::Verdicts),
    ("定性", Key::Qualitative),
    ("等级", Key::Grades),
    ("舍入", Key::Rounding),
    ("需说明", Key::Explain),
    ("超额阈值", Key::Over),
    ("缺少完成值", Key::Missing),
    ("负完成值", Key::Negative),
    ("超出范围", Key::Clamp),
    ("缺组", Key::Empty),
    ("无比较符", Key::Implied),
    ("表内分值", Key::FormPoints),
    ("执行率分母", Key::Base),
];

/// Every `rule_stmt` but `rule_merge`, tried in the grammar's order: the
/// first that reads the line wins. `Some(None)`: a formula too long to build.
fn keyword_stmt(c: &mut Cur<'_>) -> Option<Option<RuleStmt>> {
    KEYS.iter()
        .find_map(|(lit, key)| c.attempt(|c| keyed(c, lit, *key)))
}

fn keyed(c: &mut Cur<'_>, lit: &str, key: Key) -> Option<Option<RuleStmt>> {
    if !c.eat(lit) {
        return None;
    }
    if !matches!(key, Key::Formula) {
        c.skip();
    }
    Some(Some(match key {
        Key::Title => RuleStmt::Title(c.string()?.node),
        Key::Source => RuleStmt::Source(c.string()?.node),
        Key::Unverified => RuleStmt::Unverified(c.string()?.node),
        Key::Year => RuleStmt::Year(c.number()?),
        Key::Points => RuleStmt::Points(c.block(|c| {
            let name = c.name()?;
            c.skip();
            Some((name, c.number()?))
        })?),
        Key::Split => RuleStmt::Split(word(c, &["均分"])?),
        Key::Formula => {
            let k = c.pos;
            // `formula_key = @{ formula_word ~ !cjk }`.
            let (_, len) = crate::vocab::FormulaKind::read(c.rest())?;
            let lit = c.rest().get(..len)?;
            if !c.keyword_ahead(lit) {
                return None;
            }
            c.pos += len;
            let key = Node::new(lit.to_string(), c.span(k, c.pos));
            c.skip();
            c.eat_any(&["=", "＝"])?;
            c.skip();
            let from = c.pos;
            let Some(e) = expr(c)? else {
                return Some(None);
            };
            RuleStmt::Formula {
                key,
                expr: e,
                text: c.slice(from, c.pos)?.trim().to_string(),
            }
        }
        Key::Verdicts => RuleStmt::Verdicts(c.block(verdict_line)?),
        Key::Qualitative => RuleStmt::Qualitative(c.block(qual_band)?),
        Key::Grades => RuleStmt::Grades(c.block(grade_band)?),
        Key::Rounding => {
            let places = c.number()?;
            c.skip();
            if !c.eat("位") {
                return None;
            }
            c.skip();
            RuleStmt::Rounding {
                places,
                mode: word(c, &["四舍五入", "银行家舍入", "截断"])?,
            }
        }
        Key::Explain => {
            let words = ["未得满分", "超额"];
            let mut list = vec![word(c, &words)?];
            // The skip after the first word stays; later ones only before
            // a separator that is followed by a word.
            c.skip();
            let mut first = true;
            loop {
                let next = c.attempt(|c| {
                    if !first {
                        c.skip();
                    }
                    c.eat_any(&["、", ",", "，"])?;
                    c.skip();
                    word(c, &words)
                });
                first = false;
                match next {
                    Some(w) => list.push(w),
                    None => break,
                }
            }
            RuleStmt::Explain(list)
        }
        Key::Over => RuleStmt::Over(percent(c)?),
        Key::Missing => RuleStmt::Missing(word(c, &["记零分", "报错"])?),
        Key::Negative => RuleStmt::Negative(word(c, &["记为零", "照算"])?),
        Key::Clamp => RuleStmt::Clamp(word(c, &["截取", "报错"])?),
        Key::Empty => RuleStmt::EmptyGroups(word(c, &["不得分", "按比例折算"])?),
        Key::Implied => RuleStmt::Implied(word(c, &["推断", "报错"])?),
        Key::FormPoints => RuleStmt::FormPoints(word(c, &["采用", "折算", "不用"])?),
        Key::Base => {
            use crate::model::rules::{ExecutionBase, Word};
            let words: Vec<&str> = ExecutionBase::keywords().collect();
            RuleStmt::ExecutionBase(word(c, &words)?)
        }
    }))
}

/// One of `words` (a mode's choice of literals), as written.
fn word(c: &mut Cur<'_>, words: &[&str]) -> Option<String> {
    let start = c.pos;
    c.eat_any(words)?;
    Some(c.slice(start, c.pos)?.to_string())
}

/// `rule_merge = { name ~ "归入" ~ name }`.
fn merge(c: &mut Cur<'_>) -> Option<RuleStmt> {
    let group = c.name()?;
    c.skip();
    if !c.eat("归入") {
        return None;
    }
    c.skip();
    let into = c.name()?;
    Some(RuleStmt::Merge { group, into })
}

/// `percent = ${ number ~ " "* ~ ("%" | "％") }`: the number, spanning the
/// whole.
fn percent(c: &mut Cur<'_>) -> Option<Node<NumberLit>> {
    let start = c.pos;
    let n = c.number()?;
    while c.eat(" ") {}
    c.eat_any(&["%", "％"])?;
    Some(Node::new(n.node, c.span(start, c.pos)))
}

/// `verdict_line = { grade ~ verdict+ }`: without a next word its span
/// ends at the last word.
fn verdict_line(c: &mut Cur<'_>) -> Option<VerdictLineLit> {
    let start = c.pos;
    let grade = super::actuals::grade_word(c)?;
    c.skip();
    let mut words = vec![super::actuals::verdict(c)?];
    while let Some(w) = c.attempt(|c| {
        c.skip();
        super::actuals::verdict(c)
    }) {
        words.push(w);
    }
    Some(VerdictLineLit {
        grade,
        words,
        span: c.span(start, c.pos),
    })
}

/// `qual_band = { grade ~ percent ~ ("~" | "～" | "至") ~ percent ~ "默认" ~ percent }`.
fn qual_band(c: &mut Cur<'_>) -> Option<QualBandLit> {
    let start = c.pos;
    let grade = super::actuals::grade_word(c)?;
    c.skip();
    let low = percent(c)?;
    c.skip();
    c.eat_any(&["~", "～", "至"])?;
    c.skip();
    let high = percent(c)?;
    c.skip();
    if !c.eat("默认") {
        return None;
    }
    c.skip();
    let default = percent(c)?;
    Some(QualBandLit {
        grade,
        low,
        high,
        default,
        span: c.span(start, c.pos),
    })
}

/// `grade_band = { name ~ (cmp ~ number)? }`: without a bound its span
/// takes the white space after the name.
fn grade_band(c: &mut Cur<'_>) -> Option<GradeBandLit> {
    let start = c.pos;
    let name = c.name()?;
    c.skip();
    let bound = c.attempt(|c| {
        let comparator = cmp(c)?;
        c.skip();
        Some((comparator, c.number()?))
    });
    Some(GradeBandLit {
        name,
        bound,
        span: c.span(start, c.pos),
    })
}

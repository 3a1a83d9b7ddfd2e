//! The lines of a 自评 block that repeat the form's sums (issue 17):
//! `小计 产出指标 分值 50 得分 45`, `合计 分值 100 得分 92.5 等级 优`. A line that
//! starts with `小计`, `合计` or `等级` and a word is never an indicator with
//! a verdict word (the grammar's `line_key`): the message says what the
//! line holds, and how to write an indicator of that name.

use super::*;
use crate::vocab::{Printed, SumLine};

/// A statement starting with `小计`, `合计` or `等级` (then a blank), whose
/// next word is no value (a number, `:`, `=`, a comparator sign: then it is
/// an indicator's line, and its error another).
pub(super) fn sum_line(s: &Scene<'_>, lead: &str) -> Option<Msg> {
    let line_end = s.pos + s.after.len();
    let line = s.text.get(s.key_start..line_end)?.trim_end();
    let key = SumLine::ALL
        .iter()
        .map(|k| k.word())
        .chain([Printed::Grade.word()])
        .find(|k| s.key == *k)?;
    let after = line.get(key.len()..)?;
    let next = after.trim_start_matches([' ', '\t', '\u{3000}']);
    if after.len() == next.len() && !next.is_empty() {
        return None;
    }
    let first = next.chars().next();
    let value = first.is_some_and(|c| {
        c.is_ascii_digit() || is_cmp_char(c) || matches!(c, ':' | '：' | '-' | '−' | '－' | '+')
    });
    if value {
        return None;
    }
    let (found, found_len) = s.found();
    let quote = format!("指标名叫“{key}”时加引号：\"{key}\" 完成");
    let msg = if key == Printed::Grade.word() {
        Msg::new(
            &codes::SYNTAX,
            format!("{lead}“{line}”：表上印的等级写在合计这一行里"),
            s.key_start,
            key.len(),
            "等级",
        )
        .help(format!(
            "写成“{} {key}{}”，也可带上表上的分值、得分；{quote}",
            SumLine::Total,
            next.get(..next.find(char::is_whitespace).unwrap_or(next.len()))
                .filter(|w| !w.is_empty())
                .map_or(" 优".to_string(), |w| format!(" {w}"))
        ))
    } else {
        let (holds, example, missing) = if key == SumLine::Subtotal.word() {
            (
                "一级指标名和表上印的分值、得分",
                "小计 产出指标 分值 50 得分 45",
                "少了表上印的分值或得分",
            )
        } else {
            (
                "表上印的分值、得分、等级",
                "合计 分值 100 得分 92.5 等级 优",
                "少了表上印的分值、得分或等级",
            )
        };
        let what = if s.at_line_end() {
            missing.to_string()
        } else {
            format!("这里写的是“{found}”")
        };
        Msg::new(
            &codes::SYNTAX,
            format!("{lead}{key}这一行只写{holds}，{what}"),
            s.pos,
            found_len,
            "这里",
        )
        .help(format!("写成“{example}”（至少写一项）；{quote}"))
    };
    Some(msg)
}

//! Errors directly in a project block, and in its `资金` and `说明` blocks.

use super::explain::did_you_mean;
use super::*;
use crate::vocab::{Block, FieldValue, ProjectField};

/// Errors directly in a project block.
pub(super) fn project_body(
    s: &Scene<'_>,
    found: &str,
    found_len: usize,
    whom: &str,
) -> Option<Msg> {
    let prev = s.prev_word();
    let rest = s.text.get(s.pos..).unwrap_or("");
    // `性质：其他经常性项目`
    if rest.starts_with([':', '：']) && PROJECT_KEYS.contains(&prev.as_str()) {
        return Some(
            Msg::new(
                &codes::SYNTAX,
                format!("{whom}：字段名“{prev}”后面不用冒号"),
                s.pos,
                rest.chars().next().map_or(1, char::len_utf8),
                "去掉这个冒号",
            )
            .help(format!(
                "字段名和内容之间用空格分开，写成“{prev} {}”",
                s.after.get(3..).unwrap_or("").trim()
            )),
        );
    }
    // `资金 总额 …`: a block keyword without its `{`.
    let example = match ProjectField::from_word(&prev).map(ProjectField::value) {
        Some(FieldValue::Block(Block::Funds)) => {
            Some("资金 {\n  总额 90,682.50 元\n  财政资金 90,682.50 元\n}")
        }
        Some(FieldValue::Block(Block::Narrative)) => {
            Some("说明 {\n  概述 \"……\"\n  立项依据 \"……\"\n}")
        }
        Some(FieldValue::Block(Block::Indicators)) => {
            Some("指标 {\n  产出指标 {\n    数量指标 {\n      培训人数 ≥ 140 人\n    }\n  }\n}")
        }
        Some(
            FieldValue::Word
            | FieldValue::Text
            | FieldValue::Dates
            | FieldValue::Expr
            | FieldValue::Allow,
        )
        | None => None,
    };
    if let Some(example) = example.filter(|_| !rest.starts_with('{')) {
        return Some(
            Msg::new(
                &codes::SYNTAX,
                format!("{whom}：“{prev}”后面应写“{{”，各项内容写在大括号里，每项一行"),
                s.pos,
                found_len,
                "这里应为“{”",
            )
            .help(format!("写成：\n{example}")),
        );
    }
    // By how the value is written, so that a new field of a known kind
    // needs nothing here.
    match ProjectField::from_word(&s.key).map(ProjectField::value) {
        Some(FieldValue::Dates) => {
            let after_date = s
                .prev_word()
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit());
            let (m, label) = if found == "至" && s.stmt.trim() == ProjectField::Period.word() {
                (format!("{whom}：周期缺少开始日期"), "开始日期应写在这里")
            } else if s.at_line_end() {
                (
                    format!(
                        "{whom}：周期要写开始和结束两个日期，这里只写了“{}”",
                        s.stmt.trim()
                    ),
                    "这里应为“至”和结束日期",
                )
            } else if after_date && !found.starts_with(|c: char| c.is_ascii_digit()) {
                (
                    format!("{whom}：周期的两个日期之间应写“至”，这里写的是“{found}”"),
                    "这里应为“至”",
                )
            } else if found.contains(['年', '月', '日', '.']) {
                (
                    format!("{whom}：日期要写成“年-月-日”的形式，这里写的是“{found}”"),
                    "这个日期",
                )
            } else {
                (
                    format!("{whom}：日期“{found}”写法不对：应为四位年份-月-日"),
                    "这里应为日期",
                )
            };
            return Some(
                Msg::new(&codes::SYNTAX, m, s.pos, found_len, label)
                    .help("写成“周期 2025-01-01 至 2025-12-31”：日期用 年-月-日，两个日期之间写“至”（也可写 ~）"),
            );
        }
        Some(FieldValue::Word) if !s.at_stmt_start() && !s.at_line_end() => {
            let value = s
                .text
                .get(s.key_start + s.key.len()..s.pos + s.after.len())
                .unwrap_or("")
                .trim();
            let value = value.trim_start_matches([':', '：']).trim();
            let line = s.text.get(s.key_start..).unwrap_or("");
            let vstart = s.key_start + line.find(value).unwrap_or(0);
            return Some(
                Msg::new(
                    &codes::SYNTAX,
                    format!(
                        "{whom}：{}的内容“{value}”里有空格或符号，要用引号括起来",
                        s.key
                    ),
                    vstart,
                    value.len(),
                    "这段内容要加引号",
                )
                .help(format!("写成 {} \"{value}\"", s.key)),
            );
        }
        Some(FieldValue::Expr) => {
            let prev = s.prev_word();
            let after_operator = prev.ends_with([
                '+', '＋', '-', '−', '－', '×', '*', '＊', '÷', '/', '／', '(', '（',
            ]) || prev.ends_with(is_cmp_char)
                || matches!(prev.as_str(), "且" | "或" | "非" | "若" | "则" | "否则");
            let opened = s.stmt.matches(['(', '（']).count();
            let closed = s.stmt.matches([')', '）']).count();
            if s.at_line_end() && opened > closed {
                return Some(
                    Msg::new(
                        &codes::SYNTAX,
                        format!(
                            "{whom}：校验式的括号没有配对：少了 {} 个“)”",
                            opened - closed
                        ),
                        s.pos,
                        0,
                        "这里应有“)”",
                    )
                    .help("每个“(”都要有对应的“)”"),
                );
            }
            let m = if s.at_line_end() {
                format!(
                    "{whom}：校验式没有写完，“{}”后面缺少数值或名称",
                    s.before.trim()
                )
            } else if after_operator {
                format!("{whom}：校验式中“{prev}”后面应为数值、名称或括号，实际写的是“{found}”")
            } else {
                format!("{whom}：校验式中这里应为数值、名称或括号，实际写的是“{found}”")
            };
            return Some(
                Msg::new(&codes::SYNTAX, m, s.pos, found_len, "这里")
                    .help("校验写成“校验 表达式”，如“校验 人均代表履职费 × 代表履职费发放人数 ≤ 资金.总额”；每个运算符两边都要有数值或名称"),
            );
        }
        Some(FieldValue::Text) if s.pos.saturating_sub(s.key_start) <= s.key.len() + 4 => {
            let value = s.after.trim();
            let shown = if value.chars().count() > 20 {
                format!("{}……", value.chars().take(20).collect::<String>())
            } else {
                value.to_string()
            };
            return Some(
                Msg::new(
                    &codes::SYNTAX,
                    format!("{whom}：{}的内容要写在引号里", s.key),
                    s.pos,
                    value.len(),
                    "这段文字要加引号",
                )
                .help(format!(
                    "写成 {} \"{shown}\"；文字有多行时用 \"\"\"……\"\"\"",
                    s.key
                )),
            );
        }
        Some(FieldValue::Word | FieldValue::Text | FieldValue::Block(_) | FieldValue::Allow)
        | None => {}
    }
    if s.at_line_end() && PROJECT_KEYS.contains(&s.key.as_str()) {
        return Some(
            Msg::new(
                &codes::SYNTAX,
                format!("{whom}：“{}”后面缺少内容", s.key),
                s.pos,
                0,
                "这里应有内容",
            )
            .help(format!("在“{}”后面空一格写上内容", s.key)),
        );
    }
    None
}

/// Errors inside `资金 { … }`.
pub(super) fn funds(s: &Scene<'_>, found: &str, found_len: usize, whom: &str) -> Option<Msg> {
    if s.at_stmt_start() && !found.starts_with('}') {
        let word = found.trim_end_matches('…');
        let mut m = Msg::new(
            &codes::UNKNOWN_FIELD,
            format!("{whom}：资金块里没有“{found}”这一项"),
            s.pos,
            found_len,
            "不认识的资金项",
        );
        let near = did_you_mean(word, FUND_KEYS);
        m = m.help(match &near {
            Some((d, _)) => format!("{d}{FUNDS_HELP}"),
            None => FUNDS_HELP.to_string(),
        });
        return Some(m.replace_with(found, near.map(|(_, k)| k)));
    }
    let key = s.key.as_str();
    let value = s.stmt.trim().get(key.len()..).unwrap_or("").trim();
    if FUND_KEYS.contains(&key) && value.contains(|c: char| c.is_ascii_digit()) {
        let help = if found.starts_with(['。', '，', '、', '；']) {
            "行末不要加标点；资金块里每行只写一项：资金项、金额和单位".to_string()
        } else {
            format!("每行只写一项：资金项、金额和单位，如“{key} 10.04 万元”；单位只写一个")
        };
        return Some(
            Msg::new(
                &codes::SYNTAX,
                format!("{whom}：资金项“{key} {value}”后面多了“{found}”"),
                s.pos,
                found_len,
                "多出的内容",
            )
            .help(help),
        );
    }
    if FUND_KEYS.contains(&key) {
        let m = if s.at_line_end() {
            format!("{whom}：资金项“{key}”后面缺少金额")
        } else {
            format!("{whom}：资金项“{key}”的金额应为数字加单位，实际写的是“{found}”")
        };
        return Some(
            Msg::new(&codes::SYNTAX, m, s.pos, found_len, "这里应为金额")
                .help(format!("写成“{key} 90,682.50 元”或“{key} 10.04 万元”")),
        );
    }
    None
}

/// Errors inside `说明 { … }`.
pub(super) fn narrative(s: &Scene<'_>, found: &str, found_len: usize, whom: &str) -> Option<Msg> {
    if s.at_stmt_start() && !found.starts_with('}') {
        let word = found.trim_end_matches('…');
        let near = did_you_mean(word, NARRATIVE_KEYS);
        let help = match &near {
            Some((d, _)) => format!("{d}{NARRATIVE_HELP}"),
            None => NARRATIVE_HELP.to_string(),
        };
        return Some(
            Msg::new(
                &codes::UNKNOWN_FIELD,
                format!("{whom}：说明块里没有“{found}”这一节"),
                s.pos,
                found_len,
                "不认识的小节",
            )
            .help(help)
            .replace_with(found, near.map(|(_, k)| k)),
        );
    }
    let key = s.key.as_str();
    if NARRATIVE_KEYS.contains(&key) && s.at_line_end() {
        return Some(
            Msg::new(
                &codes::SYNTAX,
                format!("{whom}：说明的“{key}”后面缺少内容"),
                s.pos,
                0,
                "这里应为带引号的文字",
            )
            .help(format!(
                "写成 {key} \"……\"；文字很长或有多行时写成 {key} \"\"\"……\"\"\"；没有内容时删去这一行"
            )),
        );
    }
    if NARRATIVE_KEYS.contains(&key) {
        return Some(
            Msg::new(
                &codes::SYNTAX,
                format!("{whom}：说明的“{key}”要写在引号里，实际写的是“{found}”"),
                s.pos,
                found_len,
                "这里应为带引号的文字",
            )
            .help(format!(
                "写成 {key} \"……\"；文字很长或有多行时写成 {key} \"\"\"……\"\"\""
            )),
        );
    }
    None
}

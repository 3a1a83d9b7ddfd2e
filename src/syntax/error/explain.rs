//! The dispatcher: special cases that hold anywhere (strings, unclosed and
//! stray braces, Chinese quotes), then the block the error is in, then the
//! grammar's list of expected things as the fallback.

use super::blocks::{funds, narrative, project_body};
use super::file::file_level;
use super::indicators::indicators;
use super::pasted::pasted_row;
use super::slips::{bad_comparator, bad_number, full_width_digits};
use super::words::comparator_word;
use super::*;
use crate::vocab::{Block, FieldValue, ProjectField};

/// The project's name for messages: `项目“X”` or `项目`.
pub(super) fn project_of(ctx: &Context) -> String {
    match ctx {
        Context::Project(n) | Context::Actuals(n) if !n.is_empty() => format!("项目“{n}”"),
        _ => "项目".into(),
    }
}

/// The key nearest `word`, and the sentence that proposes it.
pub(super) fn did_you_mean<'a>(
    word: &str,
    keys: impl IntoIterator<Item = &'a str>,
) -> Option<(String, &'a str)> {
    nearest(word, keys).map(|k| (format!("是不是想写“{k}”？"), k))
}

/// Chinese numerals written where a number is expected.
pub(super) fn chinese_numeral(word: &str) -> bool {
    !word.is_empty()
        && word
            .chars()
            .all(|c| "〇零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟".contains(c))
}

pub(super) fn starts_with_digit(s: &str) -> bool {
    s.trim_start().starts_with(|c: char| c.is_ascii_digit())
}

pub(super) fn explain(s: &Scene<'_>, positives: &[Rule], ctx: &Context) -> Msg {
    let (found, found_len) = s.found();
    let rest = s.text.get(s.pos..).unwrap_or("");
    let quoted = |w: &str| format!("“{w}”");
    let in_project = matches!(ctx, Context::Project(_) | Context::Actuals(_));
    let whom = project_of(ctx);
    let lead = if in_project {
        format!("{whom}：")
    } else {
        String::new()
    };

    // ── Strings ──
    let before_all = s.text.get(..s.pos).unwrap_or("");
    if rest.starts_with("\"\"\"") || (rest.starts_with('"') && before_all.ends_with("\"\"")) {
        let start = if rest.starts_with("\"\"\"") {
            s.pos
        } else {
            s.pos.saturating_sub(2)
        };
        return Msg::new(
            &codes::UNCLOSED_STRING,
            format!(
                "{lead}多行文字没有结束：从这里的 \"\"\" 开始，直到{}末尾都没有找到结束的 \"\"\"",
                if in_project { "项目" } else { "文件" }
            ),
            start,
            3,
            "多行文字从这里开始",
        )
        .help("在多行文字结束处另起一行写 \"\"\"；中间的文字里不要再出现 \"\"\"");
    }
    if rest.starts_with('"') && s.after.matches('"').count() % 2 == 1 {
        return Msg::new(
            &codes::UNCLOSED_STRING,
            format!("{lead}引号没有配对：这一行的文字缺少结束的引号 \""),
            s.pos,
            1,
            "文字从这里开始，到行末都没有结束的引号",
        )
        .help("在文字末尾补上 \"；文字里要写引号时写成 \\\"；多行文字请写成 \"\"\"……\"\"\"");
    }

    let line_text = format!("{}{}", s.before, s.after);
    if line_text.contains(['“', '”']) && !s.at_stmt_start() {
        let open = s.before.rfind('“').or_else(|| line_text.find('“'));
        let start = open.map_or(s.pos, |i| s.pos - s.before.len() + i);
        return Msg::new(
            &codes::SYNTAX,
            format!("{lead}文字用了中文引号“”：jixiao 的文字要用英文双引号 \"…\" 括起来"),
            start,
            '“'.len_utf8(),
            "中文引号",
        )
        .help(
            "把 “ 和 ” 换成 \"；文字里面的中文引号不受影响，如 \"《关于……的通知》“十四五”规划\"",
        );
    }

    // ── End of file: a block left open ──
    if rest.trim().is_empty() {
        let b = scene::braces(s.text);
        let still_open = s.open.len();
        if let Some(inner) = s.open.last().filter(|_| !b.by_indent && still_open > 1) {
            let what = if inner.head.is_empty() {
                "最里层的块".to_string()
            } else {
                format!("最里层的是“{}”块", inner.head)
            };
            let line = scene::line_of(s.text, inner.offset);
            return Msg::new(
                &codes::UNCLOSED_BLOCK,
                format!("文件意外结束：还有 {still_open} 个块没有用“}}”结束，{what}（第 {line} 行）"),
                inner.offset,
                1,
                "这个块还没有结束",
            )
            .help(format!(
                "文件可能不完整（只保存或复制了一部分），或末尾少了 {still_open} 个“}}”；请与原文件核对"
            ));
        }
        if let Some(open) = b.unclosed {
            let what = if open.head.is_empty() {
                "这个块".to_string()
            } else {
                format!("“{}”块", open.head)
            };
            let line = scene::line_of(s.text, open.offset);
            return Msg::new(
                &codes::UNCLOSED_BLOCK,
                format!("大括号没有配对：{what}（第 {line} 行）直到文件结束都没有结束的“}}”"),
                open.offset,
                1,
                "这个“{”没有对应的“}”",
            )
            .help("在块的末尾补上“}”；各层的“}”与块开头那一行对齐缩进，容易看出少了哪一个");
        }
        let last = s.text.trim_end();
        let last_line = last.rsplit('\n').next().unwrap_or("").trim();
        let key = scene::first_word(last_line);
        if key == "项目" || key == "部门" {
            return Msg::new(
                &codes::SYNTAX,
                format!("“{last_line}”后面缺少用大括号括起来的内容"),
                last.len() - last_line.len(),
                last_line.len(),
                "这里缺少“{ … }”",
            )
            .help(format!(
                "写成 {key} \"名称\" {{ … }}，{key}的内容写在大括号里"
            ));
        }
        return Msg::new(
            &codes::SYNTAX,
            format!("文件在“{last_line}”之后意外结束：这一项没有写完"),
            last.len() - last_line.len(),
            last_line.len(),
            "没有写完的一项",
        )
        .help("检查最后一行是否写完整");
    }

    // ── A `}` with no `{` ──
    if rest.starts_with('}') && s.open.is_empty() {
        let b = scene::braces(s.text);
        let at = b.stray_close.unwrap_or(s.pos);
        if let Some((close, open)) = b.premature.filter(|(c, _)| *c < at) {
            let line = scene::line_of(s.text, close);
            let from = scene::line_of(s.text, open.offset);
            return Msg::new(
                &codes::UNCLOSED_BLOCK,
                format!(
                    "大括号没有配对：第 {line} 行的“}}”提前结束了“{}”块（第 {from} 行开始），后面的内容就落到了块外",
                    open.head
                ),
                close,
                1,
                "这个“}”结束得太早",
            )
            .also(at, 1, "因此这个“}”多了出来")
            .help("删去提前的那个“}”（常见于“}}”写在同一行）；块的“}”与块开头那一行对齐缩进，容易看出配对");
        }
        if let Some((close, open)) = b.misaligned.filter(|(c, _)| *c < at) {
            let line = scene::line_of(s.text, close);
            let from = scene::line_of(s.text, open.offset);
            return Msg::new(
                &codes::UNCLOSED_BLOCK,
                format!(
                    "多了一个“}}”：大括号在第 {from}–{line} 行之间就已经对不上了，第 {line} 行的“}}”与它配对的“{}”（第 {from} 行）缩进不同",
                    if open.head.is_empty() { "{".to_string() } else { format!("{} {{", open.head) }
                ),
                at,
                1,
                "多余的“}”",
            )
            .also(close, 1, "从这里开始对不上")
            .help("检查这几行之间是否有块少写了“{”（如“产出指标”后面漏了“{”），或多写了“}”");
        }
        return Msg::new(
            &codes::UNCLOSED_BLOCK,
            "多了一个“}”：它前面的块都已经结束了".into(),
            at,
            1,
            "多余的“}”",
        )
        .help("删去这个“}”；或检查前面是否少写了某个块开头的“{”");
    }

    // ── A name left out: `项目 {` ──
    if rest.starts_with('{') && matches!(s.prev_word().as_str(), "项目" | "部门") {
        let what = s.prev_word();
        return Msg::new(
            &codes::SYNTAX,
            format!("{what}缺少名称：“{what}”和“{{”之间应写{what}名称"),
            s.pos,
            1,
            "名称应写在这里",
        )
        .help(format!(
            "写成 {what} \"名称\" {{ … }}，名称与申报表上的{what}名称一致"
        ));
    }

    // ── `小计 产出指标`, `合计 优`, `等级 优` in a 自评 block ──
    if matches!(ctx, Context::Actuals(_)) {
        if let Some(m) = super::printed::sum_line(s, &lead) {
            return m;
        }
    }

    // ── A row pasted from a spreadsheet ──
    if let Some(m) = pasted_row(s, &lead) {
        return m;
    }

    // ── Comparators ──
    if let Some(m) = bad_comparator(s, &lead) {
        return m;
    }
    if let Some(m) = comparator_word(s, &lead) {
        return m;
    }

    // ── Numbers ──
    if let Some(m) = super::budget::header_for_column(s, &found, &lead) {
        return m;
    }
    if let Some(m) = full_width_digits(s, &lead) {
        return m;
    }
    if let Some(m) = bad_number(s, &found, positives, &lead) {
        return m;
    }

    // `},` `}\`: something after a block's closing brace.
    if s.before.trim_end().ends_with('}') && !s.at_line_end() && !rest.starts_with('}') {
        return Msg::new(
            &codes::SYNTAX,
            format!("{lead}块结束的“}}”后面多了“{found}”"),
            s.pos,
            found_len,
            "多出的内容",
        )
        .help("“}”后面不要再写内容；删去多余的字符，下一项另起一行");
    }
    // A line that begins with punctuation instead of a name.
    let first = rest.chars().next().unwrap_or(' ');
    if s.at_stmt_start()
        && (is_cmp_char(first)
            || matches!(
                first,
                ':' | '：' | '~' | '～' | ',' | '，' | '、' | '。' | '\\'
            ))
    {
        return Msg::new(
            &codes::SYNTAX,
            format!("{lead}这一行以“{found}”开头：每一行应以名称或关键字开头"),
            s.pos,
            found_len,
            "多出的符号",
        )
        .help("删去行首的符号；如果这是上一行的一部分，请把它接回上一行");
    }

    let keys = s.keys();
    if in_project {
        let block = keys
            .get(1)
            .map(|k| ProjectField::from_word(k).map(ProjectField::value));
        let m = match block {
            None => project_body(s, &found, found_len, &whom),
            Some(Some(FieldValue::Block(Block::Funds))) if keys.len() == 2 => {
                funds(s, &found, found_len, &whom)
            }
            Some(Some(FieldValue::Block(Block::Narrative))) if keys.len() == 2 => {
                narrative(s, &found, found_len, &whom)
            }
            Some(Some(FieldValue::Block(Block::Indicators))) => {
                indicators(s, &found, found_len, &whom, keys.len() - 2)
            }
            Some(
                Some(
                    FieldValue::Block(Block::Funds | Block::Narrative)
                    | FieldValue::Word
                    | FieldValue::Text
                    | FieldValue::Dates
                    | FieldValue::Expr
                    | FieldValue::Allow,
                )
                | None,
            ) => None,
        };
        if let Some(m) = m {
            return m;
        }
    } else if matches!(ctx, Context::File) {
        if let Some(m) = file_level(s, &found, found_len) {
            return m;
        }
    }

    // ── Fallback: what was expected, from the grammar ──
    let mut expected: Vec<&'static str> = Vec::new();
    for r in positives {
        if let Some(d) = describe(*r) {
            if !expected.contains(&d) {
                expected.push(d);
            }
        }
    }
    let prefix = match ctx {
        Context::Project(_) | Context::Actuals(_) => format!("{whom}中，"),
        Context::Expression => "表达式中，".into(),
        Context::File => String::new(),
    };
    if matches!(ctx, Context::File)
        && s.key == "部门"
        && !s.at_stmt_start()
        && !found.starts_with('{')
    {
        return Msg::new(
            &codes::SYNTAX,
            format!("部门名称后面应直接写“{{”，这里写的是“{found}”"),
            s.pos,
            found_len,
            "这里应为“{”",
        )
        .help("写成 部门 \"名称\" {；年度写在块里，如“年度 2025”；名称里有空格时整个名称加引号");
    }
    let found_words = if s.at_line_end() {
        "这一行已经结束".to_string()
    } else {
        format!("实际写的是{}", quoted(&found))
    };
    if expected.is_empty() && !s.at_stmt_start() {
        // The statement was complete; something follows it on the line.
        let done = if s.stmt.trim().is_empty() {
            s.before.trim()
        } else {
            s.stmt.trim()
        };
        let m = if s.at_line_end() {
            format!("{prefix}“{done}”这一行没有写完")
        } else {
            format!("{prefix}“{done}”后面多了{}", quoted(&found))
        };
        let help = if found.starts_with(['。', '，', '、', '；']) {
            "行末不要加标点；一行只写一项"
        } else {
            "一行只写一项；如果这是名称或文字的一部分，请把整段用引号括起来"
        };
        return Msg::new(&codes::SYNTAX, m, s.pos, found_len, "多出的内容").help(help);
    }
    let message = match expected.split_last() {
        None => format!("{prefix}这里的内容无法识别：{}", quoted(&found)),
        Some((only, [])) => format!("{prefix}这里应为{only}，{found_words}"),
        Some((last, others)) => format!(
            "{prefix}这里应为{}或{last}，{found_words}",
            others.join("、")
        ),
    };
    let mut m = Msg::new(&codes::SYNTAX, message, s.pos, found_len, "这里");
    if expected
        .iter()
        .any(|e| e.starts_with("数字") || e.starts_with("数值"))
    {
        m = m.help(NUMBER_HELP);
    }
    m
}

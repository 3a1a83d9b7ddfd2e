//! Slips in comparators and numbers, recognised wherever they occur.

use super::explain::{chinese_numeral, starts_with_digit};
use super::*;
use crate::vocab::Comparator;

/// `=>`, `>>`, `=<`, `≥=` …: a comparator written wrongly.
pub(super) fn bad_comparator(s: &Scene<'_>, lead: &str) -> Option<Msg> {
    let rest = s.text.get(s.pos..).unwrap_or("");
    let first = rest.chars().next()?;
    if !is_cmp_char(first) {
        return None;
    }
    // The whole run of comparator characters, including those already read.
    let head: String = s
        .before
        .trim_end()
        .chars()
        .rev()
        .take_while(|c| is_cmp_char(*c))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let tail: String = rest.chars().take_while(|c| is_cmp_char(*c)).collect();
    if head.is_empty() {
        return None;
    }
    let whole = format!("{head}{tail}");
    let start = s.before.trim_end().len() - head.len() + (s.pos - s.before.len());
    // `> =`: a right comparator with a blank inside.
    let gap = !tail.is_empty() && s.before.ends_with(char::is_whitespace);
    let closed = match Comparator::from_word(&whole) {
        Some(c @ (Comparator::Ge | Comparator::Le)) => Some(c.symbol()),
        Some(Comparator::Gt | Comparator::Lt | Comparator::Eq) | None => {
            (whole == "!=").then_some("≠")
        }
    };
    if let Some(symbol) = closed.filter(|_| gap) {
        let written = s.text.get(start..s.pos + tail.len()).unwrap_or("");
        return Some(
            Msg::new(
                &codes::SYNTAX,
                format!("{lead}比较符中间不能有空格：“{written}”写作 {symbol}（或 {whole}）"),
                start,
                written.len(),
                "比较符中间有空格",
            )
            .help(format!("删去中间的空格，写作 {symbol}")),
        );
    }
    let guess = match whole.as_str() {
        "=>" | "=＞" | "＝>" | "＝＞" | "≥=" | "=≥" => Some("“≥”（或 >=，等号写在后面）"),
        "=<" | "=＜" | "＝<" | "＝＜" | "≤=" | "=≤" => Some("“≤”（或 <=，等号写在后面）"),
        ">>" | "＞＞" => Some("“>”（大于）或“≥”（大于等于）"),
        "<<" | "＜＜" => Some("“<”（小于）或“≤”（小于等于）"),
        "==" | "===" => Some("“=”"),
        "≥≥" | "≥>=" => Some("“≥”（比较符多写了一次）"),
        "≤≤" | "≤<=" => Some("“≤”（比较符多写了一次）"),
        _ => None,
    };
    let help = match guess {
        Some(g) => format!("应写作{g}；可用的比较符：≥（或 >=）、>、≤（或 <=）、<、="),
        None => "可用的比较符：≥（或 >=）、>、≤（或 <=）、<、=".into(),
    };
    Some(
        Msg::new(
            &codes::SYNTAX,
            format!("{lead}比较符“{whole}”写法不对"),
            start,
            whole.len(),
            "这个比较符",
        )
        .help(help),
    )
}

/// `１２３`: digits typed in the input method's full-width mode.
pub(super) fn full_width_digits(s: &Scene<'_>, lead: &str) -> Option<Msg> {
    let rest = s.text.get(s.pos..).unwrap_or("");
    let is_wide = |c: char| matches!(c, '０'..='９' | '．');
    if !rest.starts_with(|c: char| c.is_ascii_digit() || is_wide(c)) {
        return None;
    }
    let written: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || is_wide(*c) || *c == '.')
        .collect();
    if !written.chars().any(is_wide) {
        return None;
    }
    let narrow: String = written
        .chars()
        .map(|c| match c {
            '．' => '.',
            c if is_wide(c) => char::from_u32(u32::from(c) - 0xFF10 + u32::from('0')).unwrap_or(c),
            c => c,
        })
        .collect();
    Some(
        Msg::new(
            &codes::SYNTAX,
            format!("{lead}数字“{written}”是全角数字，要写成半角的“{narrow}”"),
            s.pos,
            written.len(),
            "全角数字",
        )
        .help(format!(
            "把输入法切换到半角（英文）状态再输入数字，写作“{narrow}”"
        )),
    )
}

/// Numbers written in a way the language does not read.
pub(super) fn bad_number(
    s: &Scene<'_>,
    found: &str,
    positives: &[Rule],
    lead: &str,
) -> Option<Msg> {
    let rest = s.text.get(s.pos..).unwrap_or("");
    let before = s.before.trim_end();
    // `1,00`: a thousands separator not followed by three digits.
    if rest.starts_with([',', '，'])
        && s.before.ends_with(|c: char| c.is_ascii_digit())
        && rest
            .get(','.len_utf8()..)
            .or_else(|| rest.get('，'.len_utf8()..))
            .is_some_and(|r| starts_with_digit(r) || r.starts_with(|c: char| c.is_ascii_digit()))
    {
        let num_start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_ascii_digit() || matches!(c, ',' | '.' | '-'))
            .last()
            .map_or(before.len(), |(i, _)| i);
        let start = s.pos - s.before.len() + num_start;
        let len = s.text.get(start..).map_or(0, |t| {
            t.chars()
                .take_while(|c| c.is_ascii_digit() || matches!(c, ',' | '，' | '.'))
                .map(char::len_utf8)
                .sum()
        });
        let number = s.text.get(start..start + len).unwrap_or("");
        if rest.starts_with('，') {
            return Some(
                Msg::new(
                    &codes::SYNTAX,
                    format!("{lead}数字“{number}”的千分位用了中文逗号“，”，应为英文逗号“,”"),
                    start,
                    len,
                    "这个数字",
                )
                .help(format!(
                    "写成“{}”，或不写千分位：“{}”",
                    number.replace('，', ","),
                    number.replace('，', "")
                )),
            );
        }
        return Some(
            Msg::new(
                &codes::SYNTAX,
                format!("{lead}数字“{number}”的千分位写法不对：每个逗号后面应正好有三位数字"),
                start,
                len,
                "这个数字",
            )
            .help("千分位从个位起每三位加一个逗号，如 1,000 或 90,682.50；也可以不写逗号，如 100"),
        );
    }
    let wants_number = positives
        .iter()
        .any(|r| matches!(r, Rule::number | Rule::quantity));
    if !wants_number {
        return None;
    }
    let word = found.trim_end_matches('…');
    if chinese_numeral(word) {
        let (what, example) = match s.key.as_str() {
            "年度" => ("年度", "写成“年度 2025”".to_string()),
            "申报" => (
                "项目个数",
                "写成“申报 9 个项目，资金 436.30 万元”".to_string(),
            ),
            "分值" => ("分值", "写成“分值 10”".to_string()),
            k if FUND_KEYS.contains(&k) => ("金额", format!("写成“{k} 10.04 万元”")),
            _ => ("数字", "如“140 人”“10.04 万元”“95%”".to_string()),
        };
        return Some(
            Msg::new(
                &codes::SYNTAX,
                format!("{lead}{what}要用阿拉伯数字书写，这里写的是“{word}”"),
                s.pos,
                word.len(),
                "这里应为阿拉伯数字",
            )
            .help(example),
        );
    }
    // `万元 10.04`: the unit before the number.
    let unit_first = s.after.trim_start_matches(|c: char| !c.is_whitespace());
    let unit_like = !word.is_empty()
        && word.chars().count() <= 4
        && word.chars().all(|c| {
            ('\u{4E00}'..='\u{9FFF}').contains(&c) || matches!(c, '%' | '％' | '‰' | '/' | '·')
        });
    // Only a known unit: `使用者 满意率 95%` is a name with a blank, its
    // value read without a comparator.
    let known = || crate::model::Unit::from_written(word).is_known();
    if unit_like && starts_with_digit(unit_first) && known() {
        let number = unit_first.split_whitespace().next().unwrap_or("");
        return Some(
            Msg::new(
                &codes::SYNTAX,
                format!("{lead}数值要先写数字、再写单位，这里写成了“{word} {number}”"),
                s.pos,
                word.len(),
                "单位写在了数字前面",
            )
            .help(format!("改为“{number} {word}”")),
        );
    }
    None
}

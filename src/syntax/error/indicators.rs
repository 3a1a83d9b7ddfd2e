//! Errors inside `指标 { … }`: the three levels, indicator lines and attributes.

use super::explain::starts_with_digit;
use super::*;

/// Errors inside `指标 { … }`; `depth` 0 = directly in 指标, 1 = in a
/// first-level group, 2 = in a second-level group, 3 = in an attribute block.
pub(super) fn indicators(
    s: &Scene<'_>,
    found: &str,
    found_len: usize,
    whom: &str,
    depth: usize,
) -> Option<Msg> {
    let rest = s.text.get(s.pos..).unwrap_or("");
    let line_has_target = s.after.contains(is_cmp_char)
        || s.stmt.contains(is_cmp_char)
        || s.after.contains([':', '：', '~', '～']);
    let name = s.key.clone();
    let group = |i: usize| s.open.get(i).map(|o| o.key.clone()).unwrap_or_default();
    match depth {
        0 | 1 if line_has_target && !rest.starts_with('}') => {
            let (message, label) = if depth == 0 {
                (
                    format!("{whom}：指标“{name}”直接写在了“指标”下面，缺少一级和二级指标分组"),
                    "这个指标",
                )
            } else {
                (
                    format!(
                        "{whom}：指标“{name}”直接写在了一级指标“{}”下面，缺少二级指标分组",
                        group(2)
                    ),
                    "这个指标",
                )
            };
            return Some(
                Msg::new(&codes::SYNTAX, message, s.key_start, name.len(), label).help(LEVELS_HELP),
            );
        }
        0 | 1 => {
            let level = if depth == 0 { "一级" } else { "二级" };
            let written = s.stmt.trim();
            // `数量　指标 {`: a group name with a blank.
            if !written.is_empty() && !rest.starts_with(['{', '}']) {
                if let Some(brace) = s.after.find('{') {
                    let full = format!("{written} {}", s.after.get(..brace).unwrap_or("").trim());
                    return Some(
                        Msg::new(
                            &codes::SYNTAX,
                            format!(
                                "{whom}：{level}指标分组的名称“{full}”中有空格，要用引号括起来"
                            ),
                            s.key_start,
                            s.pos + brace - s.key_start,
                            "这个名称",
                        )
                        .help(format!("写成 \"{full}\" {{，或去掉名称里的空格")),
                    );
                }
            }
            let m = if rest.starts_with('{') {
                format!("{whom}：{level}指标分组缺少名称")
            } else if !written.is_empty() {
                format!("{whom}：{level}指标分组“{written}”后面应写“{{”，实际写的是“{found}”")
            } else {
                format!("{whom}：这里应为{level}指标分组（名称后接“{{”），实际写的是“{found}”")
            };
            return Some(Msg::new(&codes::SYNTAX, m, s.pos, found_len, "这里").help(LEVELS_HELP));
        }
        2 => {}
        _ => {
            return Some(
                Msg::new(
                    &codes::SYNTAX,
                    format!(
                    "{whom}：指标属性块里只能写 分值、容差、方向、口径、中期，实际写的是“{found}”"
                ),
                    s.pos,
                    found_len,
                    "这里",
                )
                .help("如 { 分值 10; 方向 反向; 口径 \"按问卷统计\" }"),
            )
        }
    }
    // depth 2: an indicator line.
    let g2 = group(3);
    // `分值 10` on a line of its own, below its indicator: an attribute
    // (never an indicator called 分值 with a target read without comparator).
    if ATTR_KEYS.contains(&name.as_str()) && s.stmt.trim_start().starts_with(name.as_str()) {
        let end = s.pos + s.after.len();
        let line = s.text.get(s.key_start..end).unwrap_or("").trim();
        return Some(
            Msg::new(
                &codes::SYNTAX,
                format!("{whom}：“{line}”是指标的属性，不能单独成行"),
                s.key_start,
                line.len(),
                "单独成行的属性",
            )
            .help(format!(
                "写在指标的同一行（“使用者满意率 ≥ 95% {line}”），或写在紧跟指标、同一行开始的属性块里（“使用者满意率 ≥ 95% {{ {line} }}”）"
            )),
        );
    }
    let prev = s.prev_word();
    if rest.starts_with('{') && !s.at_stmt_start() && s.stmt.trim() == name {
        return Some(
            Msg::new(
                &codes::SYNTAX,
                format!("{whom}：指标只有三级，二级指标“{g2}”下面不能再分组（“{name}”）"),
                s.key_start,
                name.len(),
                "多出的一层分组",
            )
            .help(LEVELS_HELP),
        );
    }
    // Attribute values (`方向 侧向`, also `95%方向` written without a blank).
    let prev = ATTR_KEYS
        .iter()
        .find(|k| s.stmt.trim_end().ends_with(**k))
        .map_or(prev, |k| k.to_string());
    if s.at_line_end() || rest.starts_with('}') {
        let missing = match prev.as_str() {
            "方向" => Some(("“正向”或“反向”", "方向 反向")),
            "分值" => Some(("分值（数字）", "分值 10")),
            "容差" => Some(("容差（数值）", "容差 0.5%")),
            "口径" => Some(("带引号的口径说明", "口径 \"按问卷统计\"")),
            _ => None,
        };
        if let Some((what, example)) = missing {
            return Some(
                Msg::new(
                    &codes::SYNTAX,
                    format!("{whom}：指标“{name}”的“{prev}”后面缺少{what}"),
                    s.pos,
                    0,
                    "这里缺少内容",
                )
                .help(format!(
                    "如“{name} … {example}”；不需要这项属性时删去“{prev}”"
                )),
            );
        }
    }
    match prev.as_str() {
        "方向" => {
            return Some(
                Msg::new(
                    &codes::SYNTAX,
                    format!("{whom}：指标“{name}”的方向只能是“正向”或“反向”，实际写的是“{found}”"),
                    s.pos,
                    found_len,
                    "这里",
                )
                .help("正向：完成值越大越好；反向：完成值越小越好（如成本、差错率）"),
            )
        }
        "分值" => {
            return Some(
                Msg::new(
                    &codes::SYNTAX,
                    format!("{whom}：指标“{name}”的分值应为数字，实际写的是“{found}”"),
                    s.pos,
                    found_len,
                    "这里应为数字",
                )
                .help("如“分值 10”；分值是这项指标在自评中的满分"),
            )
        }
        "容差" => {
            return Some(
                Msg::new(
                    &codes::SYNTAX,
                    format!("{whom}：指标“{name}”的容差应为数值，实际写的是“{found}”"),
                    s.pos,
                    found_len,
                    "这里应为数值",
                )
                .help("如“容差 0.5%”：完成值与目标值相差不超过容差即视为达成"),
            )
        }
        "口径" => {
            return Some(
                Msg::new(
                    &codes::SYNTAX,
                    format!("{whom}：指标“{name}”的口径要写在引号里，实际写的是“{found}”"),
                    s.pos,
                    found_len,
                    "这里应为带引号的文字",
                )
                .help(format!("写成 口径 \"{}\"", found.trim_end_matches('…'))),
            )
        }
        _ => {}
    }
    let before = s.stmt.trim();
    let after_name = s.stmt.trim_start().get(name.len()..).unwrap_or("").trim();
    // `使用者满意率90%~95%`: the name runs into the range.
    if rest.starts_with(['~', '～']) && before == name {
        let digits = name
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_ascii_digit() || matches!(c, '.' | '%' | '％' | '‰' | ','))
            .last()
            .map(|(i, _)| i);
        if let Some(cut) = digits.filter(|i| *i > 0) {
            let (real, low) = name.split_at(cut);
            let whole = format!("{low}{}", s.after.trim());
            return Some(
                Msg::new(
                    &codes::SYNTAX,
                    format!("{whom}：指标名称“{real}”和目标“{whole}”连在了一起"),
                    s.key_start + cut,
                    0,
                    "这里应空一格",
                )
                .help(format!("名称和目标之间空一格：“{real} {whole}”")),
            );
        }
    }
    // `培训人数` alone.
    if (s.at_line_end() || rest.starts_with('}')) && before == name {
        return Some(
            Msg::new(
                &codes::SYNTAX,
                format!("{whom}：指标“{name}”缺少目标值"),
                s.key_start,
                name.len(),
                "这个指标没有目标值",
            )
            .help(format!(
                "在名称后写目标，如“{name} ≥ 140 人”“{name} = 100%”，或定性指标“{name}: 及时”"
            )),
        );
    }
    // `使用者 满意率 ≥ 95%`, `每月 25 日前: 及时`: a name with a blank.
    let line_start = s.key_start;
    let line_end = s.pos + s.after.len();
    let line = s.text.get(line_start..line_end).unwrap_or("");
    // Where the target starts: a comparator, a colon, or a value after a
    // blank (`使用者 满意率 95%`, read without a comparator).
    let value_at = line
        .char_indices()
        .zip(line.chars().skip(1))
        .find(|((_, c), next)| c.is_whitespace() && next.is_ascii_digit())
        .map(|((i, c), _)| i + c.len_utf8());
    let sign_at = line.find(|c: char| is_cmp_char(c) || matches!(c, ':' | '：'));
    let cut = sign_at.or(value_at);
    if let Some(cut) = cut {
        let full = line.get(..cut).unwrap_or("").trim_end();
        if full.len() > name.len() && full.starts_with(name.as_str()) && s.pos <= line_start + cut {
            return Some(
                Msg::new(
                    &codes::SYNTAX,
                    format!("{whom}：指标名称“{full}”中有空格，要用引号括起来"),
                    line_start,
                    full.len(),
                    "这个名称",
                )
                .help(format!(
                    "写成 \"{full}\"{}，或去掉名称里的空格",
                    line.get(cut..).map_or(String::new(), |t| {
                        let t = t.trim();
                        if t.starts_with([':', '：']) {
                            t.to_string()
                        } else {
                            format!(" {t}")
                        }
                    })
                )),
            );
        }
    }
    // `90%~` with no upper end.
    if s.at_line_end() && before.ends_with(['~', '～']) {
        return Some(
            Msg::new(
                &codes::SYNTAX,
                format!("{whom}：指标“{name}”的区间“{after_name}”缺少上限"),
                s.pos,
                0,
                "这里应为上限",
            )
            .help("区间写成“下限~上限”，如“90%~95%”"),
        );
    }
    // `名称:` with no word.
    if s.at_line_end() && before.ends_with([':', '：']) {
        return Some(
            Msg::new(
                &codes::SYNTAX,
                format!("{whom}：定性指标“{name}”的冒号后面缺少目标"),
                s.pos,
                0,
                "这里应为目标",
            )
            .help(format!(
                "写成“{name}: 及时”，冒号后写要达到的状态，如 及时、提高、达标"
            )),
        );
    }
    if s.at_stmt_start() && !rest.starts_with('}') {
        return None;
    }
    if super::words::ends_with_comparator(before) && !s.at_stmt_start() {
        let help = if found.contains("百分之") {
            "百分数写成 95%，不写“百分之95”".to_string()
        } else {
            format!("比较符后写数值和单位，如“{name} ≥ 95%”“{name} ≤ 10.04 万元”；定性目标写成“{name}: 及时”")
        };
        let m = if s.at_line_end() {
            format!("{whom}：指标“{name}”的比较符后面缺少目标值")
        } else {
            format!("{whom}：指标“{name}”的比较符后面应为数值，实际写的是“{found}”")
        };
        return Some(Msg::new(&codes::SYNTAX, m, s.pos, found_len, "这里应为数值").help(help));
    }
    if found == "，" || found == "," || found == "、" || found == "；" {
        return Some(
            Msg::new(
                &codes::SYNTAX,
                format!("{whom}：指标“{name}”这一行里多了“{found}”"),
                s.pos,
                found_len,
                "多出的标点",
            )
            .help(format!(
                "目标和属性之间用空格分开，不用标点，如“{name} ≥ 140 人 分值 10”"
            )),
        );
    }
    if !s.at_stmt_start()
        && before.contains(is_cmp_char)
        && s.after
            .contains(|c: char| is_cmp_char(c) || matches!(c, ':' | '：'))
    {
        let second = s.after.trim();
        return Some(
            Msg::new(
                &codes::SYNTAX,
                format!("{whom}：一行只能写一个指标，“{second}”要另起一行"),
                s.pos,
                second.len(),
                "第二个指标",
            )
            .help(format!(
                "把“{second}”移到下一行；若它是“{name}”的一部分，请把名称或目标加上引号"
            )),
        );
    }
    if !s.at_stmt_start() && !s.at_line_end() {
        let attr = ATTR_KEYS.iter().find(|k| found.starts_with(**k)).is_some();
        // A value without a comparator is a target too (`培训人数 140 人`).
        let target = before.contains(is_cmp_char) || starts_with_digit(after_name);
        if !attr && target || before.contains([':', '：']) {
            return Some(
                Msg::new(
                    &codes::SYNTAX,
                    format!("{whom}：指标“{name}”的目标“{after_name}”后面多了“{found}”"),
                    s.pos,
                    found_len,
                    "多出的内容",
                )
                .help("目标后面只能写属性：分值、容差、方向、口径、中期；比较词“以上”“以内”“以下”紧接在数值后；一行只写一个指标；名称或目标里有空格时要加引号".to_string() + "。\n" + INDICATOR_HELP),
            );
        }
    }
    None
}

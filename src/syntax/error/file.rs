//! Errors in a file's skeleton: the top level and department blocks.

use super::explain::did_you_mean;
use super::*;

/// Errors in the file's skeleton: top level and department blocks.
pub(super) fn file_level(s: &Scene<'_>, found: &str, found_len: usize) -> Option<Msg> {
    let keys = s.keys();
    let in_dept = keys.first().is_some_and(|k| *k == "部门") && keys.len() == 1;
    let word = found.trim_end_matches('…');
    match s.key.as_str() {
        "年度" if in_dept && !s.at_stmt_start() => {
            return Some(
                Msg::new(
                    &codes::SYNTAX,
                    format!("年度应为四位数字的年份，实际写的是“{found}”"),
                    s.pos,
                    found_len,
                    "这里应为年份",
                )
                .help("写成“年度 2025”"),
            )
        }
        "申报" if in_dept && !s.at_stmt_start() => {
            return Some(
                Msg::new(
                    &codes::SYNTAX,
                    format!("申报行的写法不对：这里写的是“{found}”"),
                    s.pos,
                    found_len,
                    "这里",
                )
                .help("写成“申报 9 个项目，资金 436.30 万元”：项目个数和资金总额与申报表表头一致"),
            )
        }
        "项目" | "部门" if !s.at_stmt_start() && s.stmt.trim() == s.key => {
            let what = s.key.clone();
            let m = if s.at_line_end() {
                format!("{what}缺少名称和内容")
            } else {
                format!("{what}名称的写法不对，这里写的是“{found}”")
            };
            return Some(
                Msg::new(&codes::SYNTAX, m, s.pos, found_len, "这里应为名称")
                    .help(format!(
                        "写成 {what} \"名称\" {{ … }}：名称紧跟在“{what}”后面，带空格或符号的名称加引号"
                    )),
            );
        }
        "引用" if !s.at_stmt_start() => {
            return Some(
                Msg::new(
                    &codes::SYNTAX,
                    format!("引用的文件名要写在引号里，实际写的是“{found}”"),
                    s.pos,
                    found_len,
                    "这里应为带引号的文件名",
                )
                .help("写成 引用 \"项目/网络运维.jx\"，路径相对于当前文件所在目录"),
            )
        }
        _ => {}
    }
    if !s.at_stmt_start() || found.starts_with('}') {
        return None;
    }
    if in_dept {
        let mut m = Msg::new(
            &codes::SYNTAX,
            format!("部门块里不认识“{found}”"),
            s.pos,
            found_len,
            "这里",
        );
        m = if PROJECT_KEYS.contains(&word) || ATTR_KEYS.contains(&word) {
            m.label = "项目的字段写在了部门块里".into();
            m.help(format!(
                "“{word}”是项目里的字段，却写在了部门块里：前面的项目块可能多写了“}}”而提前结束了"
            ))
        } else {
            let list = "部门块里可以写：年度、申报、项目、引用";
            match did_you_mean(word, DEPT_KEYS) {
                Some((d, k)) => m.help(format!("{d}{list}")).replace_with(found, Some(k)),
                None => m.help(list),
            }
        };
        return Some(m);
    }
    if keys.is_empty() {
        let list = "文件的顶层可以写：部门 \"名称\" { … }、项目 \"名称\" { … }、引用 \"文件.jx\"";
        let m = Msg::new(
            &codes::SYNTAX,
            format!("文件的顶层不认识“{found}”"),
            s.pos,
            found_len,
            "这里",
        );
        return Some(match did_you_mean(word, TOP_KEYS) {
            Some((d, k)) => m.help(format!("{d}{list}")).replace_with(found, Some(k)),
            None if word == "年度" || word == "申报" => m.help(format!(
                "“{word}”要写在部门块里：部门 \"名称\" {{ {word} … }}"
            )),
            None => m.help(list),
        });
    }
    None
}

//! A row pasted from a spreadsheet (Excel, WPS): cells separated by TABs.
//! Read as words it looks like a name with blanks in it; it is not.

use super::*;

/// The statement's line holds three or more TAB-separated cells (TABs
/// after some text, not indentation): say that it is a pasted table row.
/// Two cells may be a name and a target aligned with one TAB, whose error
/// is something else.
pub(super) fn pasted_row(s: &Scene<'_>, lead: &str) -> Option<Msg> {
    let line_end = s.pos + s.after.len();
    let line = s.text.get(s.key_start..line_end)?;
    let row = line.trim_end();
    if !row.contains('\t') {
        return None;
    }
    let cells: Vec<&str> = row
        .split('\t')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    if cells.len() < 3 {
        return None;
    }
    let shown: Vec<String> = cells.iter().take(6).map(|c| format!("“{c}”")).collect();
    let more = if cells.len() > 6 { "……" } else { "" };
    Some(
        Msg::new(
            &codes::SYNTAX,
            format!(
                "{lead}这一行像是从 Excel 等表格里粘贴来的：{}{more} 共 {} 格，格与格之间是制表符（Tab）；jixiao 不读表格行",
                shown.join(""),
                cells.len()
            ),
            s.key_start,
            row.len(),
            "用制表符分开的一行",
        )
        .help("把这一行改写成 jixiao 的写法，如指标写成“培训人数 ≥ 140 人”，格与格之间不用制表符；整张申报表可以用 jixiao import 从 Excel 工作簿导入"),
    )
}

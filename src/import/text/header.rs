//! The department header: name, year, and the claim
//! “本部门编报绩效目标的项目 9 个，涉及项目预算资金 436.30 万元”.

use super::{compact, Line};
use crate::diagnostic::{codes, Diagnostic};
use crate::import::draft::{Draft, DraftClaim, DraftProject};
use crate::import::target::take_number;
use crate::import::Sink;
use crate::vocab::ProjectField;

pub(super) fn read(sink: &mut Sink, draft: &mut Draft, lines: &[Line], projects: &[DraftProject]) {
    let mut used = vec![false; lines.len()];
    let mut header_name: Option<(String, &Line)> = None;
    // The title line: “2025 年财政项目支出绩效目标申报表”, maybe after the name.
    let title = lines
        .iter()
        .enumerate()
        .find(|(_, l)| compact(&l.text).contains("绩效目标申报表"));
    if let Some((ti, title_line)) = title {
        let t = compact(&title_line.text);
        if let Some(year_at) = t.find(|c: char| c.is_ascii_digit()) {
            if let Some((y, rest)) = take_number(t.get(year_at..).unwrap_or("")) {
                if rest.starts_with('年') {
                    draft.year = i32::try_from(y.trunc().mantissa())
                        .ok()
                        .filter(|y| (1900..=2200).contains(y));
                }
            }
            let before = t.get(..year_at).unwrap_or("");
            if !before.is_empty() {
                header_name = Some((before.to_string(), title_line));
            }
        }
        let before_title = lines.get(..ti).unwrap_or(&[]);
        if header_name.is_none() {
            let name: String = before_title.iter().map(|l| compact(&l.text)).collect();
            if let (false, Some(first)) = (name.is_empty(), before_title.first()) {
                header_name = Some((name, first));
                used.iter_mut().take(ti).for_each(|u| *u = true);
            }
        }
        if let Some(u) = used.get_mut(ti) {
            *u = true;
        }
    }
    // The claim: joined text of the remaining header lines.
    let mut claim_text = String::new();
    let mut claim_lines = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if used.get(i).copied().unwrap_or(true) {
            continue;
        }
        let t = compact(&l.text);
        if t == "绩效目标设置情况" {
            if let Some(u) = used.get_mut(i) {
                *u = true;
            }
            continue;
        }
        claim_text.push_str(&t);
        claim_lines.push(i);
    }
    if let Some(claim) = claim(&claim_text) {
        // The sentence around the numbers (“按照本市预算绩效管理工作的总体
        // 要求，……”) has no place in the claim: it is kept as written.
        let written: String = claim_lines
            .iter()
            .filter_map(|&i| lines.get(i))
            .map(|l| l.text.as_str())
            .collect();
        draft.comments.push(format!("原文：{written}"));
        draft.claim = Some(claim);
        for i in claim_lines {
            if let Some(u) = used.get_mut(i) {
                *u = true;
            }
        }
    }
    for (i, l) in lines.iter().enumerate() {
        if !used.get(i).copied().unwrap_or(false) {
            let mut comments = Vec::new();
            super::narrative::unplaced(sink, &mut comments, l, "部门标题");
            draft.comments.extend(comments);
        }
    }
    draft.name = department_name(sink, draft, header_name, projects);
}

/// `项目 9 个` and `资金 436.30 万元` anywhere in the text.
pub(crate) fn claim(text: &str) -> Option<DraftClaim> {
    let count_at = text.find("项目")?;
    let (count, rest) = take_number(text.get(count_at + "项目".len()..)?)?;
    if !rest.starts_with('个') {
        return None;
    }
    let funds_at = rest.find("资金")?;
    let (amount, rest) = take_number(rest.get(funds_at + "资金".len()..)?)?;
    let unit = ["万元", "亿元", "千元", "元"]
        .into_iter()
        .find(|u| rest.starts_with(u))?;
    Some(DraftClaim {
        count,
        amount,
        unit: unit.into(),
    })
}

/// The header's name, unless it differs by one character from the 主管部门
/// every form gives: then that is a typo in the header.
fn department_name(
    sink: &mut Sink,
    draft: &mut Draft,
    header: Option<(String, &Line)>,
    projects: &[DraftProject],
) -> Option<String> {
    let competent: Vec<&str> = projects
        .iter()
        .filter_map(|p| {
            p.fields
                .iter()
                .filter_map(|f| f.value.as_ref())
                .find(|(k, _)| *k == ProjectField::Competent.word())
                .map(|(_, v)| v.as_str())
        })
        .collect();
    let common = competent
        .first()
        .copied()
        .filter(|c| competent.iter().all(|o| o == c));
    match (header, common) {
        (Some((h, line)), Some(c)) if h != c && crate::suggest::distance(&h, c) == 1 => {
            draft.comments.push(format!(
                "原文标题作“{h}”，与各申报表“主管部门”一栏（“{c}”）相差一字，此处按主管部门改正。"
            ));
            sink.push(
                Diagnostic::new(
                    &codes::IMPORT_CORRECTED,
                    format!(
                        "标题中的部门名称“{h}”与各申报表的主管部门“{c}”相差一字，已按主管部门改正"
                    ),
                )
                .label(sink.span(line.start, line.end), "标题"),
            );
            Some(c.to_string())
        }
        (Some((h, _)), _) => Some(h),
        (None, Some(c)) => Some(c.to_string()),
        (None, None) => {
            draft.comments.push("原文中找不到部门名称，请补写".into());
            None
        }
    }
}

//! `textDocument/inlayHint`: what the library computes, written after the
//! text it is about, in the range the editor shows:
//!
//! - after a project's `资金`: 财政资金 + 其他资金 as `check` adds them
//!   (JX-F001), and whether that is the 总额 (`合计 100,400.00 元 = 总额`);
//! - after a `校验`: whether it holds (`成立`, `不成立`, `无法计算`), the
//!   finding's message as the tooltip;
//! - after an actual in a `自评`: its score (`得 9.50 / 10`).

use super::hover::score_of;
use super::position::Placer;
use crate::check::{check_outcome, funds_split, FundsSplit};
use crate::diagnostic::codes;
use crate::model::display::yuan;
use crate::model::same_name;
use crate::source::{FileId, Span};
use crate::Evaluated;
use lsp_types::{InlayHint, InlayHintLabel, InlayHintTooltip};

/// The hints of the document (`FileId(0)` of the evaluation) between byte
/// offsets `start` and `end`, in text order.
pub fn hints(ev: &Evaluated, placer: &Placer<'_>, start: usize, end: usize) -> Vec<InlayHint> {
    let wanted = |s: Span| s.file == FileId(0) && s.end > s.start;
    let within = |at: u32| (start..=end).contains(&(at as usize));
    let overlaps = |s: Span| wanted(s) && (s.start as usize) <= end && (s.end as usize) >= start;
    let mut found: Vec<(u32, String, Option<String>)> = Vec::new();
    for p in ev.checked.workspace.projects().filter(|p| overlaps(p.span)) {
        if wanted(p.funds.span) && within(p.funds.span.end) {
            if let Some(split) = funds_split(p) {
                let tip = "财政资金 + 其他资金（财政资金未填时按当年拨款 + 上年结转计），与 check 的 JX-F001 相同";
                found.push((p.funds.span.end, funds_label(split), Some(tip.into())));
            }
        }
        for c in p
            .checks
            .iter()
            .filter(|c| wanted(c.span) && within(c.span.end))
        {
            let (label, tip) = match check_outcome(p, c) {
                None => ("成立".to_string(), None),
                Some(d) if d.code == codes::CHECK_FAILED.code => {
                    ("不成立".to_string(), Some(d.message))
                }
                Some(d) => ("无法计算".to_string(), Some(d.message)),
            };
            found.push((c.span.end, label, tip));
        }
    }
    if let (Some(actuals), Some(evaluation)) = (&ev.actuals, &ev.evaluation) {
        for p in actuals.projects.iter().filter(|p| overlaps(p.span)) {
            let scored = evaluation
                .projects
                .iter()
                .find(|e| same_name(&e.name, &p.name));
            for a in p
                .values
                .iter()
                .filter(|a| wanted(a.span) && within(a.span.end))
            {
                let i =
                    scored.and_then(|e| e.indicators.iter().find(|i| same_name(&i.name, &a.name)));
                if let Some(i) = i {
                    found.push((a.span.end, score_of(i), None));
                }
            }
        }
    }
    found.sort_by_key(|(at, _, _)| *at);
    found
        .into_iter()
        .map(|(at, label, tip)| InlayHint {
            position: placer.range(at as usize, at as usize).start,
            label: InlayHintLabel::String(label),
            kind: None,
            text_edits: None,
            tooltip: tip.map(InlayHintTooltip::String),
            padding_left: Some(true),
            padding_right: None,
            data: None,
        })
        .collect()
}

/// `合计 100,400.00 元 = 总额`, `合计 … ≠ 总额 …`, or the sum alone when
/// no 总额 is written.
fn funds_label(split: FundsSplit) -> String {
    match split.total {
        Some(t) if t == split.parts => format!("合计 {} = 总额", yuan(split.parts)),
        Some(t) => format!("合计 {} ≠ 总额 {}", yuan(split.parts), yuan(t)),
        None => format!("合计 {}（未写总额）", yuan(split.parts)),
    }
}

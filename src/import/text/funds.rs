//! The 项目资金 grid of a 申报表: labels each followed by its amount, in the
//! unit of the grid's header (`（元）`, `（万元）`) or with a unit of its own.

use super::Line;
use crate::diagnostic::{codes, Diagnostic};
use crate::import::draft::DraftProject;
use crate::import::target::take_number;
use crate::import::Sink;
use crate::vocab::FundKey;
use rust_decimal::Decimal;

/// Funds labels as they appear on the form, longest first.
pub(super) const FUND_LABELS: &[(&str, &str)] = &[
    ("项目资金总额", FundKey::Total.word()),
    ("年度资金申请总额", FundKey::AnnualRequest.word()),
    ("其中：当年财政拨款", FundKey::CurrentAppropriation.word()),
    ("其中:当年财政拨款", FundKey::CurrentAppropriation.word()),
    ("当年财政拨款", FundKey::CurrentAppropriation.word()),
    ("其中：财政资金", FundKey::Fiscal.word()),
    ("其中:财政资金", FundKey::Fiscal.word()),
    ("财政资金", FundKey::Fiscal.word()),
    ("上年结转资金", FundKey::Carryover.word()),
    ("其他资金", FundKey::Other.word()),
];

enum Token {
    Label(&'static str),
    Number(Decimal),
    Stray(String),
}

pub(super) fn read(sink: &mut Sink, project: &mut DraftProject, text: &str, line: Option<&Line>) {
    let mut tokens = Vec::new();
    let mut rest = if text.starts_with("项目资金总额") {
        text
    } else {
        text.strip_prefix("项目资金").unwrap_or(text)
    };
    let mut stray = String::new();
    project.funds_unit = "元".into();
    for (header, unit) in [
        ("（元）", "元"),
        ("(元)", "元"),
        ("（万元）", "万元"),
        ("(万元)", "万元"),
    ] {
        if let Some(r) = rest.trim_start().strip_prefix(header) {
            rest = r;
            project.funds_unit = unit.into();
        }
    }
    while let Some(c) = rest.chars().next() {
        if c.is_whitespace() {
            rest = rest.get(c.len_utf8()..).unwrap_or("");
            continue;
        }
        let token = FUND_LABELS
            .iter()
            .find_map(|(l, k)| rest.strip_prefix(l).map(|r| (Token::Label(k), r)))
            .or_else(|| {
                take_number(rest).map(|(v, r)| {
                    let (v, r) = crate::import::funds::money_in_grid(v, r, &project.funds_unit)
                        .map(|(mut v, r)| {
                            if v.scale() < 2 {
                                v.rescale(2); // only adds zeros: the seed writes amounts with 分
                            }
                            (v, r)
                        })
                        .unwrap_or((v, r));
                    (Token::Number(v), r)
                })
            });
        match token {
            Some((t, r)) => {
                if !stray.is_empty() {
                    tokens.push(Token::Stray(std::mem::take(&mut stray)));
                }
                tokens.push(t);
                rest = r;
            }
            None => {
                stray.push(c);
                rest = rest.get(c.len_utf8()..).unwrap_or("");
            }
        }
    }
    if !stray.is_empty() {
        tokens.push(Token::Stray(stray));
    }
    // Each label takes the number right after it; a label followed by
    // another label is a blank cell.
    let mut values: Vec<(&'static str, Vec<Option<Decimal>>)> = Vec::new();
    let mut comments = Vec::new();
    let mut i = 0;
    while let Some(t) = tokens.get(i) {
        match t {
            Token::Label(k) => {
                let v = match tokens.get(i + 1) {
                    Some(Token::Number(n)) => {
                        i += 1;
                        Some(*n)
                    }
                    _ => None,
                };
                match values.iter_mut().find(|(key, _)| key == k) {
                    Some((_, vs)) => vs.push(v),
                    None => values.push((k, vec![v])),
                }
            }
            Token::Number(n) => comments.push(stray_comment(sink, &n.to_string(), line)),
            Token::Stray(s) => comments.push(stray_comment(sink, s, line)),
        }
        i += 1;
    }
    let (entries, problems) = crate::import::funds::entries(&values, comments);
    project.funds = entries;
    for p in problems {
        let mut d = Diagnostic::new(p.code, p.message);
        if let Some(l) = line {
            d = d.label(sink.span(l.start, l.end), "");
        }
        sink.push(d);
    }
}

fn stray_comment(sink: &mut Sink, text: &str, line: Option<&Line>) -> String {
    if let Some(l) = line {
        sink.push(
            Diagnostic::new(
                &codes::IMPORT_UNPLACED,
                format!("资金表中的“{text}”对不上任何栏目，已作为注释写入"),
            )
            .label(sink.span(l.start, l.end), ""),
        );
    }
    format!("未能归位（资金表）：{text}")
}

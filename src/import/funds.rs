//! The funds grid, as read cell by cell, into entries: blank cells become
//! comments, and the form's two 其他资金 cells (project and year) collapse
//! into one value.

use super::draft::Entry;
use crate::diagnostic::{codes, Code};
use crate::vocab::FundKey;
use rust_decimal::Decimal;

/// A problem to report, where the caller knows the place.
pub(crate) struct Problem {
    pub code: &'static Code,
    pub message: String,
}

/// `values`: each keyword with the values of its cells (None = blank), in
/// the order read. `stray`: comments for text that belonged to no cell,
/// written above the first entry.
pub(crate) fn entries(
    values: &[(&'static str, Vec<Option<Decimal>>)],
    mut stray: Vec<String>,
) -> (Vec<Entry<(String, Decimal)>>, Vec<Problem>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for fund in FundKey::ALL {
        let (key, form_label) = (fund.word(), fund.form_label());
        let Some((_, vs)) = values.iter().find(|(k, _)| *k == key) else {
            continue;
        };
        let present: Vec<Decimal> = vs.iter().flatten().copied().collect();
        let mut entry = match present.last() {
            None => {
                problems.push(Problem {
                    code: &codes::IMPORT_BLANK_CELL,
                    message: format!("资金表中“{form_label}”一格为空，已略去"),
                });
                Entry::comment(format!("原表“{form_label}”一格为空"))
            }
            Some(last) => {
                let mut e = Entry::new((key.to_string(), *last));
                if present.iter().any(|v| v != last) {
                    let all: Vec<String> = present.iter().map(|v| v.to_string()).collect();
                    e.comments.push(format!(
                        "原表“{form_label}”有两格，分别为 {}；此处取年度资金一栏的数",
                        all.join(" 和 ")
                    ));
                    problems.push(Problem {
                        code: &codes::IMPORT_UNPLACED,
                        message: format!(
                            "资金表中“{form_label}”两格不同（{}），已取后者，前者写成注释",
                            all.join("、")
                        ),
                    });
                }
                e
            }
        };
        if out.is_empty() {
            entry.comments.splice(0..0, stray.drain(..));
        }
        out.push(entry);
    }
    if !stray.is_empty() {
        out.push(Entry {
            comments: stray,
            value: None,
        });
    }
    (out, problems)
}

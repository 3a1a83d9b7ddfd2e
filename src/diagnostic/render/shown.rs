//! Which findings people are shown (issue 16). 250,000 warnings of one code
//! are not read one by one: past the first [`SHOWN_PER_CODE`] of a code,
//! the rest are counted in one line, after the findings shown:
//!
//! ```text
//! JX-V016 × 249,576：以上只列出前 20 条，加 --all 列出全部。
//! ```
//!
//! `--all` shows every one; JSON always holds every one; the counts of
//! errors and warnings and the exit code are those of all the findings.

use crate::diagnostic::Diagnostic;
use rustc_hash::FxHashMap;
use std::fmt::Write;

/// How many findings of one code are shown, per run. Larger than any count
/// of one code in the tests' human output, which therefore shows them all.
pub const SHOWN_PER_CODE: usize = 20;

/// Which diagnostics people see.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shown {
    /// Every one (`--all`).
    All,
    /// The first [`SHOWN_PER_CODE`] of each code, then one line for each
    /// code with more.
    FirstOfEachCode,
}

/// The diagnostics shown, and the codes that had more.
pub(super) struct Selection<'a> {
    pub(super) shown: Vec<&'a Diagnostic>,
    /// Codes with more than [`SHOWN_PER_CODE`] findings and how many, in
    /// the order of their first finding.
    over: Vec<(&'static str, usize)>,
}

/// `None` when every diagnostic is shown.
pub(super) fn select(diagnostics: &[Diagnostic], shown: Shown) -> Option<Selection<'_>> {
    if shown == Shown::All || diagnostics.len() <= SHOWN_PER_CODE {
        return None;
    }
    let mut counts: FxHashMap<&'static str, usize> = FxHashMap::default();
    let mut order = Vec::new();
    for d in diagnostics {
        let n = counts.entry(d.code).or_insert(0);
        if *n == 0 {
            order.push(d.code);
        }
        *n += 1;
    }
    let over: Vec<(&'static str, usize)> = order
        .into_iter()
        .filter_map(|code| {
            let n = counts.get(code).copied().unwrap_or(0);
            (n > SHOWN_PER_CODE).then_some((code, n))
        })
        .collect();
    if over.is_empty() {
        return None;
    }
    counts.clear();
    let shown = diagnostics
        .iter()
        .filter(|d| {
            let n = counts.entry(d.code).or_insert(0);
            *n += 1;
            *n <= SHOWN_PER_CODE
        })
        .collect();
    Some(Selection { shown, over })
}

impl Selection<'_> {
    /// One line for each code with more findings than shown, then a blank
    /// line, as after each diagnostic.
    pub(super) fn summary(&self) -> String {
        let mut out = String::new();
        for (code, n) in &self.over {
            let _ = writeln!(
                out,
                "{code} × {}：以上只列出前 {SHOWN_PER_CODE} 条，加 --all 列出全部。",
                grouped(*n)
            );
        }
        out.push('\n');
        out
    }
}

/// `249576` → `249,576`.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::codes;

    #[test]
    fn groups_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1_000), "1,000");
        assert_eq!(grouped(249_576), "249,576");
        assert_eq!(grouped(1_234_567), "1,234,567");
    }

    #[test]
    fn keeps_the_first_of_each_code_in_order() {
        let many = |code: &codes::Code, n: usize| {
            (0..n)
                .map(|i| Diagnostic::new(code, i.to_string()))
                .collect::<Vec<_>>()
        };
        let mut all = many(&codes::LOW_EXECUTION, 25);
        all.extend(many(&codes::NO_ACTUALS, 3));
        all.extend(many(&codes::LOW_EXECUTION, 5));
        let Some(s) = select(&all, Shown::FirstOfEachCode) else {
            panic!("30 of one code are summarised");
        };
        assert_eq!(s.shown.len(), SHOWN_PER_CODE + 3);
        assert_eq!(s.over, vec![(codes::LOW_EXECUTION.code, 30)]);
        assert!(select(&all, Shown::All).is_none());
        assert!(select(&all[..SHOWN_PER_CODE], Shown::FirstOfEachCode).is_none());
    }
}

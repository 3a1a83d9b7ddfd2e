//! Which value cell of a row goes into which column. A row is a name and
//! the value cells after it; the values keep the columns' order, each
//! column takes at most one, and a value must fit its column's type (a
//! 分值 is a number, a 度量单位 a unit …). Among the assignments that fit,
//! the one whose skipped columns best match the empty cells the source kept
//! wins ([`Mode::Gapped`]); when the source kept no empty cells
//! ([`Mode::Flat`]), skipping a column costs. Two best assignments mean the
//! row was read by a guess (`JX-I014`).

use super::Column;
use crate::import::target::{normalize_unit, parse_number, parse_sense, take_comparator};

/// Whether the table's text kept its empty cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Mode {
    /// Empty cells are in the stream: a skipped column is an empty cell.
    Gapped,
    /// Empty cells vanished (flattened text): skipping a column is a guess.
    Flat,
}

/// A value cell of a row: its text and how many empty cells preceded it.
#[derive(Clone, Copy, Debug)]
pub(super) struct Value<'a> {
    pub text: &'a str,
    pub gap: usize,
}

/// The best assignment: a column index per value, its cost, and whether
/// another assignment was as good.
#[derive(Clone, Debug)]
pub(super) struct Assignment {
    pub columns: Vec<usize>,
    pub cost: u32,
    pub ambiguous: bool,
}

/// Is the text a number (`43.2`, `90,682.50`)?
pub(super) fn is_number(text: &str) -> bool {
    parse_number(text).is_some()
}

/// Could this text be a 三级 name? Not a number, not a comparison.
pub(super) fn can_be_name(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && !is_quantity(t)
        && take_comparator(t).is_none()
        && !matches!(t, "/" | "-" | "—" | "－")
}

/// A number with at most a short unit after it (`1.5亩`, `100%`, `12万元`),
/// unlike a name that begins with a number (`2023年完成率`).
pub(super) fn is_quantity(text: &str) -> bool {
    crate::import::target::take_number(text.trim()).is_some_and(|(_, rest)| {
        let rest = rest.trim();
        rest.chars().count() <= 3 && normalize_unit(rest).is_some()
    })
}

/// The cost of `text` in a column of `kind`, after the row's value `prev`;
/// `None` when it cannot be one.
fn fit(text: &str, prev: Option<&str>, kind: &Column, mode: Mode) -> Option<u32> {
    let number = is_number(text);
    match kind {
        Column::Target | Column::Midterm | Column::Actual => Some(0),
        Column::Nature => match parse_sense(text) {
            Some(_) => Some(0),
            None if !number && text.chars().count() <= 4 && normalize_unit(text).is_none() => {
                Some(2)
            }
            None => None,
        },
        Column::Unit => {
            // A 度量单位 follows the number it belongs to (`100 | %`).
            let unit = normalize_unit(text).filter(|u| !u.is_empty());
            let after_number = prev.is_some_and(is_number);
            (!number && unit.is_some() && after_number).then_some(0)
        }
        Column::Points | Column::Score => (number || matches!(text, "/" | "-" | "—")).then_some(0),
        Column::Reason => Some(match (mode, number) {
            (Mode::Gapped, false) => 0,
            (Mode::Gapped, true) => 1,
            (Mode::Flat, false) => 2,
            (Mode::Flat, true) => 3,
        }),
        Column::Other(_) => Some(1),
        Column::Level1 | Column::Level2 | Column::Name => None,
    }
}

/// The cost of a flattened row leaving a column empty at its end: none
/// for the columns often empty (原因, 中期, others), more for 分值 and
/// 得分, which a table that has them prints on every row.
fn trailing_cost(kind: &Column) -> u32 {
    match kind {
        Column::Reason | Column::Other(_) | Column::Midterm => 0,
        Column::Points | Column::Score => 2,
        _ => 1,
    }
}

/// Assign `values` to `columns` (the header's columns after the name).
/// `tail_gap` is the number of empty cells after the last value.
pub(super) fn assign(
    values: &[Value],
    columns: &[Column],
    tail_gap: usize,
    mode: Mode,
) -> Option<Assignment> {
    let (nv, nc) = (values.len(), columns.len());
    if nv > nc {
        return None;
    }
    // best[v][j]: (cost, count of best ways, column chosen) for values v..
    // with columns j.. still free.
    let mut best: Vec<Vec<Option<(u32, u8, usize)>>> = vec![vec![None; nc + 1]; nv + 1];
    for j in 0..=nc {
        let rest = columns.get(j..).unwrap_or(&[]);
        let cost = match mode {
            Mode::Gapped => abs_diff(tail_gap, rest.len()),
            Mode::Flat => rest.iter().map(trailing_cost).sum(),
        };
        if let Some(row) = best.get_mut(nv) {
            if let Some(slot) = row.get_mut(j) {
                *slot = Some((cost, 1, nc));
            }
        }
    }
    for v in (0..nv).rev() {
        let Some(value) = values.get(v) else { continue };
        let prev = v.checked_sub(1).and_then(|p| values.get(p)).map(|p| p.text);
        for j in 0..=nc {
            let mut here: Option<(u32, u8, usize)> = None;
            for (c, kind) in columns.iter().enumerate().skip(j) {
                let Some(f) = fit(value.text, prev, kind, mode) else {
                    continue;
                };
                let Some((rest, ways, _)) = best
                    .get(v + 1)
                    .and_then(|r| r.get(c + 1))
                    .copied()
                    .flatten()
                else {
                    continue;
                };
                let skip = c - j;
                let gap_cost = match mode {
                    Mode::Gapped => abs_diff(value.gap, skip),
                    Mode::Flat => skip as u32,
                };
                let cost = f + gap_cost + rest;
                here = match here {
                    Some((b, w, bc)) if b < cost => Some((b, w, bc)),
                    Some((b, w, bc)) if b == cost => Some((b, w.saturating_add(ways), bc)),
                    _ => Some((cost, ways, c)),
                };
            }
            if let Some(slot) = best.get_mut(v).and_then(|r| r.get_mut(j)) {
                *slot = here;
            }
        }
    }
    let (cost, ways, _) = best.first().and_then(|r| r.first()).copied().flatten()?;
    let mut chosen = Vec::with_capacity(nv);
    let mut j = 0;
    for v in 0..nv {
        let (_, _, c) = best.get(v).and_then(|r| r.get(j)).copied().flatten()?;
        chosen.push(c);
        j = c + 1;
    }
    Some(Assignment {
        columns: chosen,
        cost,
        ambiguous: ways > 1,
    })
}

fn abs_diff(a: usize, b: usize) -> u32 {
    u32::try_from(a.abs_diff(b)).unwrap_or(u32::MAX / 4)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(texts: &[&'static str]) -> Vec<Value<'static>> {
        texts.iter().map(|t| Value { text: t, gap: 0 }).collect()
    }

    const SELF: [Column; 5] = [
        Column::Target,
        Column::Actual,
        Column::Points,
        Column::Score,
        Column::Reason,
    ];

    #[test]
    fn flat_rows_fill_in_order() {
        let a = assign(&v(&["≥50个", "50", "8", "8"]), &SELF, 0, Mode::Flat).unwrap();
        assert_eq!(a.columns, [0, 1, 2, 3]);
        assert!(!a.ambiguous);
        assert!(assign(&v(&["及时", "达成", "8", "8"]), &SELF, 0, Mode::Flat).is_some());
        assert!(assign(
            &v(&["8", "及时"]),
            &[Column::Points, Column::Score],
            0,
            Mode::Flat
        )
        .is_none());
    }

    #[test]
    fn empty_cells_place_a_lone_value() {
        // 青神: `= | 100 | % | | 60 | | |` under 性质 值 单位 完成值 权重 得分 原因.
        let cols = [
            Column::Nature,
            Column::Target,
            Column::Unit,
            Column::Actual,
            Column::Points,
            Column::Score,
            Column::Reason,
        ];
        let vals = [
            Value { text: "=", gap: 0 },
            Value {
                text: "100",
                gap: 0,
            },
            Value { text: "%", gap: 0 },
            Value { text: "60", gap: 1 },
        ];
        let a = assign(&vals, &cols, 2, Mode::Gapped).unwrap();
        assert_eq!(a.columns, [0, 1, 2, 4]);
    }
}

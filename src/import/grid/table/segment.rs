//! Cutting the table's cells into rows. The cells after the header are
//! level names (一级, 二级), `小计` lines and rows (a 三级 name and its value
//! cells). Where a row ends is not always visible (flattened text has no
//! line ends, and one row may be spread over several lines), so the cut is
//! chosen for the whole table at once: the cut whose rows fit their columns
//! best ([`align::assign`]). No cut fits → the table is not understood.

use super::align::{self, can_be_name, is_number, Assignment, Mode, Value};
use super::levels::{self, Level};
use super::Column;

/// A non-empty cell of the table: its index in the cell stream, its text,
/// and how many empty cells preceded it.
#[derive(Clone, Debug)]
pub(super) struct Item<'a> {
    pub index: usize,
    pub text: &'a str,
    pub gap: usize,
}

/// One piece of the cut.
#[derive(Clone, Debug)]
pub(super) enum Piece {
    /// A level name over `len` items.
    Level(Level, usize),
    /// A 二级 name that is not standard (`服务对象满意度指标等`).
    OtherLevel2(String),
    /// `小计` and the numbers after it (`len` items in all).
    Subtotal(usize),
    /// A name and its `assignment.columns.len()` values.
    Row(Assignment),
}

impl Piece {
    pub fn len(&self) -> usize {
        match self {
            Piece::Level(_, n) | Piece::Subtotal(n) => *n,
            Piece::OtherLevel2(_) => 1,
            Piece::Row(a) => 1 + a.columns.len(),
        }
    }
}

/// Cost of a name with no values: a template's placeholder row (`指标2`,
/// `……`) is expected; another name alone is a last resort.
const PLACEHOLDER_COST: u32 = 1;
const LONE_NAME_COST: u32 = 6;
/// Cost of reading a cell ending in 指标 as a 二级 name rather than a value.
const OTHER_LEVEL2_COST: u32 = 1;

/// The best cut of `items` into pieces, or the item where no cut goes on.
/// `end_gap` is the number of empty cells after the last item.
pub(super) fn cut(
    items: &[Item],
    end_gap: usize,
    columns: &[Column],
    mode: Mode,
) -> Result<Vec<Piece>, usize> {
    let ctx = Ctx {
        items,
        end_gap,
        columns,
        mode,
    };
    let n = items.len();
    let texts: Vec<&str> = items.iter().map(|i| i.text).collect();
    // best[i]: the least cost of cutting items i.. and the first piece.
    let mut best: Vec<Option<(u32, Piece)>> = vec![None; n + 1];
    if let Some(last) = best.get_mut(n) {
        *last = Some((0, Piece::Subtotal(0)));
    }
    let cost_at = |best: &[Option<(u32, Piece)>], i: usize| {
        best.get(i).and_then(|b| b.as_ref().map(|(c, _)| *c))
    };
    for i in (0..n).rev() {
        let mut options: Vec<(u32, Piece)> = Vec::new();
        for piece in pieces_at(&ctx, &texts, i) {
            if let Some(rest) = cost_at(&best, i + piece.len()) {
                options.push((piece_cost(&piece, items, i) + rest, piece));
            }
        }
        let chosen = options.into_iter().min_by_key(|(c, _)| *c);
        if let Some(slot) = best.get_mut(i) {
            *slot = chosen;
        }
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        let Some((_, piece)) = best.get(i).cloned().flatten() else {
            return Err(stuck_at(&best, &ctx, &texts));
        };
        i += piece.len().max(1);
        out.push(piece);
    }
    Ok(out)
}

fn piece_cost(piece: &Piece, items: &[Item], i: usize) -> u32 {
    match piece {
        Piece::Level(..) | Piece::Subtotal(_) => 0,
        Piece::OtherLevel2(_) => OTHER_LEVEL2_COST,
        Piece::Row(a) if a.columns.is_empty() => {
            let name = items.get(i).map_or("", |it| it.text);
            if levels::is_placeholder(name) {
                PLACEHOLDER_COST
            } else {
                LONE_NAME_COST
            }
        }
        Piece::Row(a) => a.cost,
    }
}

/// Could the item at `i` be a value cell (not a level name nor `小计`)?
fn is_value(texts: &[&str], i: usize) -> bool {
    let rest = texts.get(i..).unwrap_or(&[]);
    levels::level_at(rest).is_none() && !rest.first().is_some_and(|t| is_subtotal(t))
}

pub(super) fn is_subtotal(text: &str) -> bool {
    super::header::key(text).starts_with("小计")
}

/// What a cut is made of.
struct Ctx<'a, 'b> {
    items: &'a [Item<'b>],
    end_gap: usize,
    columns: &'a [Column],
    mode: Mode,
}

/// Every piece that could start at item `i`.
fn pieces_at(ctx: &Ctx, texts: &[&str], i: usize) -> Vec<Piece> {
    let (items, columns, mode) = (ctx.items, ctx.columns, ctx.mode);
    let rest = texts.get(i..).unwrap_or(&[]);
    if let Some((level, len)) = levels::level_at(rest) {
        return vec![Piece::Level(level, len)];
    }
    let Some(text) = rest.first() else {
        return Vec::new();
    };
    if is_subtotal(text) {
        let numbers = rest
            .iter()
            .skip(1)
            .take(2)
            .take_while(|t| is_number(t))
            .count();
        return vec![Piece::Subtotal(1 + numbers)];
    }
    let mut out = Vec::new();
    if let Some(name) = levels::other_level2(text) {
        out.push(Piece::OtherLevel2(name));
    }
    if !can_be_name(text) {
        return out;
    }
    let max = columns.len();
    let mut values: Vec<Value> = Vec::new();
    for k in 0..=max {
        if k > 0 {
            let j = i + k;
            let Some(item) = items.get(j) else { break };
            if !is_value(texts, j) {
                break;
            }
            values.push(Value {
                text: item.text,
                gap: item.gap,
            });
        }
        let tail_gap = items.get(i + k + 1).map_or(ctx.end_gap, |it| it.gap);
        if k == 0 {
            out.push(Piece::Row(Assignment {
                columns: Vec::new(),
                cost: 0,
                ambiguous: false,
            }));
        } else if let Some(a) = align::assign(&values, columns, tail_gap, mode) {
            out.push(Piece::Row(a));
        }
    }
    out
}

/// The item where reading stopped: the furthest one a cut reaches from the
/// start that no cut goes on from.
fn stuck_at(best: &[Option<(u32, Piece)>], ctx: &Ctx, texts: &[&str]) -> usize {
    let n = ctx.items.len();
    let mut reach = vec![false; n + 1];
    if let Some(r) = reach.first_mut() {
        *r = true;
    }
    let mut stuck = 0;
    for i in 0..n {
        if !reach.get(i).copied().unwrap_or(false) {
            continue;
        }
        if best.get(i).is_some_and(Option::is_none) {
            stuck = i;
        }
        for piece in pieces_at(ctx, texts, i) {
            if let Some(r) = reach.get_mut(i + piece.len()) {
                *r = true;
            }
        }
    }
    stuck
}

//! The 自评表's budget grid above the indicator table: column headers
//! (年初预算数 全年预算数 全年执行数 分值 执行率 得分, in the form's order),
//! then rows (年度资金总额, 其中:本年财政拨款, 上年结转资金 …) each followed by
//! its cells. `—`, `-`, `/` are no value; the unit comes from
//! `(万元)`/`(元)` near the grid, or `单位:万元` in the title. (A 申报表's
//! funds are in [`super::declared`].)

use super::Cells;
use crate::import::draft::{DraftBudgetRow, Entry};
use crate::import::target::take_number;
use crate::vocab::{BudgetColumn, BudgetRowKey, FundKey};
use rust_decimal::Decimal;

/// A column of the grid: one the language has, or another (`原因`,
/// `得分计算方法`) whose cells become comments.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Col {
    Known(BudgetColumn),
    Other(String),
}

/// Headers of other columns the grid may carry.
pub(crate) const OTHER_COLUMNS: [&str; 4] = ["原因", "得分计算方法", "偏差原因", "备注"];

/// Cells that only head the grid (besides the unit).
pub(super) const HEADINGS: [&str; 8] = [
    "项目资金",
    "资金情况",
    "预算资金",
    "项目预算",
    "执行情况",
    "预算执行情况",
    "年度预算数",
    "(10分)",
];

/// The grid as read.
#[derive(Debug, Default)]
pub(crate) struct Grid {
    pub rows: Vec<Entry<DraftBudgetRow>>,
    pub unit: String,
}

/// A budget row's label: `年度资金总额:`, `其中:本年财政拨款`, `其中:当年财政 拨款`;
/// the printed words (`本年财政拨款`) when they name a row.
pub(crate) fn row_key(text: &str) -> Option<String> {
    let k = super::fields::key(text);
    let k = k.strip_prefix("其中:").unwrap_or(&k);
    BudgetRowKey::from_word(k).map(|_| k.to_string())
}

/// The row label at `i` (joined with the next cell when the label was
/// split: `上年结转` `资金`): its key and its last cell.
fn row_at(cells: &Cells, i: usize, end: usize) -> Option<(String, usize)> {
    if let Some(k) = row_key(cells.text(i)) {
        return Some((k, i));
    }
    let n = cells.next_filled(i + 1, end)?;
    let joined = format!("{}{}", cells.text(i), cells.text(n));
    row_key(&joined).map(|k| (k, n))
}

/// The column header at `i` (joined with the next cell when split:
/// `年初` `预算数`): the column and its last cell.
fn column_at(cells: &Cells, i: usize, end: usize) -> Option<(BudgetColumn, usize)> {
    if let Some(c) = BudgetColumn::from_header(cells.text(i)) {
        return Some((c, i));
    }
    let n = cells.next_filled(i + 1, end)?;
    let joined = format!("{}{}", cells.text(i), cells.text(n));
    BudgetColumn::from_header(&joined).map(|c| (c, n))
}

/// `(万元)`, `单位:元`, `年度预算数(万元)`: the unit a cell names.
pub(super) fn unit_in(text: &str) -> Option<&'static str> {
    let k = crate::model::name_key(text);
    if k.contains("(万元)") || k.ends_with("单位:万元") {
        Some("万元")
    } else if k.contains("(元)") || k.ends_with("单位:元") {
        Some("元")
    } else {
        None
    }
}

/// A grid cell's value: `Some(None)` for an empty or dash cell, the number
/// and what follows it (`%`, a money unit) otherwise; `None` for text.
fn value(text: &str) -> Option<Option<(Decimal, String)>> {
    let t = text.trim();
    if t.is_empty() || matches!(t, "—" | "-" | "－" | "/" | "／" | "——" | "–") {
        return Some(None);
    }
    let (v, rest) = take_number(t)?;
    let rest = rest.trim();
    matches!(rest, "" | "%" | "％" | "万元" | "元" | "万" | "亿元" | "亿")
        .then(|| Some((v, rest.replace('％', "%"))))
}

/// Read the 自评表's budget grid in `range`, if there is one.
pub(crate) fn read_grid(cells: &mut Cells, range: std::ops::Range<usize>) -> Option<Grid> {
    let end = range.end;
    let first = range
        .clone()
        .find(|&i| !cells.is_used(i) && column_at(cells, i, end).is_some())?;
    // The header row.
    let mut cols: Vec<Col> = Vec::new();
    let mut header_cells = Vec::new();
    let mut at = Some(first);
    let mut last = first;
    while let Some(i) = at {
        if let Some((c, l)) = column_at(cells, i, end) {
            cols.push(Col::Known(c));
            header_cells.extend([i, l]);
            last = l;
        } else if !cols.is_empty()
            && OTHER_COLUMNS.contains(&super::fields::key(cells.text(i)).as_str())
        {
            cols.push(Col::Other(cells.text(i).to_string()));
            header_cells.push(i);
            last = i;
        } else {
            break;
        }
        at = cells.next_filled(last + 1, end);
    }
    // A grid has two known columns and a row after its header; else its
    // cells stay unplaced (comments), nothing is taken.
    let row_follows = cells
        .next_filled(last + 1, end)
        .is_some_and(|n| row_at(cells, n, end).is_some());
    if cols.iter().filter(|c| matches!(c, Col::Known(_))).count() < 2 || !row_follows {
        return None;
    }
    for i in header_cells {
        cells.use_cell(i);
    }
    let mut notes = Vec::new();
    let unit = heading_unit(cells, range.start, first, &mut notes);
    let mut grid = Grid {
        rows: notes.into_iter().map(Entry::comment).collect(),
        unit: unit.to_string(),
    };
    let mut pos = last + 1;
    while let Some(n) = cells.next_filled(pos, end) {
        let Some((key, label_end)) = row_at(cells, n, end) else {
            break;
        };
        for i in n..=label_end {
            cells.use_cell(i);
        }
        let (row, comments, next) = row_cells(cells, label_end + 1, end, &cols, &key, unit);
        pos = next;
        let entry = match row {
            Some(r) => Entry::new(r).with_comments(comments),
            None => {
                let mut e: Entry<DraftBudgetRow> = Entry::comment(format!("原表“{key}”一行为空"));
                e.comments.extend(comments);
                e
            }
        };
        grid.rows.push(entry);
    }
    Some(grid)
}

/// The cells of one row after its label. Returns the row (None when all
/// cells are empty), comments for the other columns, and where the next
/// row starts.
fn row_cells(
    cells: &mut Cells,
    from: usize,
    end: usize,
    cols: &[Col],
    key: &str,
    unit: &str,
) -> (Option<DraftBudgetRow>, Vec<String>, usize) {
    let mut row = DraftBudgetRow {
        key: key.to_string(),
        unit: unit.to_string(),
        ..DraftBudgetRow::default()
    };
    let mut comments = Vec::new();
    let mut any = false;
    let mut i = from;
    for col in cols {
        if i >= end {
            break;
        }
        let text = cells.text(i).to_string();
        if row_at(cells, i, end).is_some() || super::is_structural(&text) {
            break;
        }
        match (col, value(&text)) {
            (Col::Known(c), Some(v)) => {
                if let Some((number, rest)) = v {
                    any = true;
                    // An amount with its own unit (`45万` in a 元 grid) in
                    // the grid's unit, exactly.
                    let number = match crate::import::funds::money_in_grid(number, &rest, unit) {
                        Some((v, _)) if c.is_money() => v,
                        _ => number,
                    };
                    put(&mut row, *c, number, rest);
                }
            }
            (Col::Other(name), _) => {
                if !text.is_empty() {
                    comments.push(format!("原表“{key}”一行的“{name}”：{text}"));
                }
            }
            (Col::Known(_), None) => break,
        }
        cells.use_cell(i);
        i += 1;
    }
    (any.then_some(row), comments, i)
}

fn put(row: &mut DraftBudgetRow, col: BudgetColumn, number: Decimal, rest: String) {
    match col {
        BudgetColumn::Initial => row.start = Some(number),
        BudgetColumn::Adjusted => row.full = Some(number),
        BudgetColumn::Spent => row.spent = Some(number),
        BudgetColumn::Points => row.points = Some(number),
        BudgetColumn::Rate => row.rate = Some((number, rest)),
        BudgetColumn::Score => row.score = Some(number),
    }
}

/// The grid's unit: in the cells just before its header (`项目资金`
/// `(万元)`, `年度预算数(万元)`), else `单位:万元` anywhere above; `元` when
/// none. The heading cells become used.
fn heading_unit(
    cells: &mut Cells,
    start: usize,
    header: usize,
    notes: &mut Vec<String>,
) -> &'static str {
    let mut found = None;
    let mut seen = 0;
    let mut taken: Vec<&str> = Vec::new();
    let mut i = header;
    while i > start && seen < 8 {
        i -= 1;
        if cells.text(i).is_empty() {
            continue;
        }
        seen += 1;
        let k = super::fields::key(cells.text(i));
        // Headings are short; a sentence that mentions (万元) is not one.
        if k.len() > 30 || cells.is_used(i) {
            continue;
        }
        let unit = unit_in(cells.text(i));
        let heading = HEADINGS.iter().any(|h| k.starts_with(h));
        if unit.is_some() || heading {
            cells.use_cell(i);
            taken.insert(0, cells.text(i));
        }
        if found.is_none() {
            found = unit;
        }
    }
    // `预算执行情况(10分)`, `项目预算 执行情况 (10分)`: the points the heading
    // prints stay visible.
    if taken
        .iter()
        .any(|t| crate::model::name_key(t).contains("分)"))
    {
        notes.push(format!("原表预算栏的标题：{}", taken.join(" ")));
    }
    if let Some(u) = found {
        return u;
    }
    // `单位:万元` in the title lines.
    match (start..header).find_map(|i| unit_in(cells.text(i)).map(|u| (i, u))) {
        Some((i, u)) => {
            if crate::model::name_key(cells.text(i)).starts_with("单位:") {
                cells.use_cell(i);
            }
            u
        }
        None => "元",
    }
}

/// The declaration's 资金 from the grid, where the hand transcriptions put
/// it: 年度申请 = the first non-zero 年初预算数 (总额 row first), else the
/// 总额 row's 年初, else its 全年.
pub(crate) fn declared(grid: &Grid) -> Option<(String, Decimal)> {
    let rows: Vec<&DraftBudgetRow> = grid.rows.iter().filter_map(|r| r.value.as_ref()).collect();
    let total = rows
        .iter()
        .find(|r| BudgetRowKey::from_word(&r.key).is_some_and(BudgetRowKey::is_total));
    let amount = rows
        .iter()
        .filter_map(|r| r.start)
        .find(|v| !v.is_zero())
        .or_else(|| total.and_then(|t| t.start))
        .or_else(|| total.and_then(|t| t.full))?;
    Some((FundKey::AnnualRequest.word().to_string(), amount))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::grid::cells::cells;

    fn grid_of(text: &str) -> (Grid, Vec<bool>) {
        let all = cells(text);
        let mut c = Cells::new(&all);
        let g = read_grid(&mut c, 0..all.len()).unwrap_or_default();
        (g, c.used_flags())
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap_or_default()
    }

    /// An amount printed with its own unit keeps its magnitude: `45万` in a
    /// 元 grid was 45 元, and `1.2亿` ended the row (its cells unplaced).
    #[test]
    fn amounts_with_their_own_unit() {
        let (g, _) = grid_of(
            "项目资金 (元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额: 45万 1.2亿 450000 10 100% 10 \
             其他资金 年度总体目标",
        );
        assert_eq!(g.unit, "元");
        let total = g
            .rows
            .iter()
            .find_map(|r| r.value.clone())
            .unwrap_or_default();
        assert_eq!(
            (total.start, total.full, total.spent, total.points),
            (
                Some(d("450000")),
                Some(d("120000000")),
                Some(d("450000")),
                Some(d("10"))
            )
        );
    }

    #[test]
    fn tangxi_flattened_grid() {
        // 棠溪 2022, as published (flattened).
        let (g, _) = grid_of(
            "项目资金 (万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额: 0 0 0 10 0 0 \
             其中:本年财政拨款 90 89.974 89.974 上年结转资金 其他资金 年度总体目标",
        );
        assert_eq!(g.unit, "万元");
        let rows: Vec<&DraftBudgetRow> = g.rows.iter().filter_map(|r| r.value.as_ref()).collect();
        assert_eq!(rows.len(), 2);
        let total = rows.first().copied().cloned().unwrap_or_default();
        assert_eq!(total.key, "年度资金总额");
        assert_eq!(
            (total.start, total.points, total.rate.map(|r| r.0)),
            (Some(d("0")), Some(d("10")), Some(d("0")))
        );
        let sub = rows.get(1).copied().cloned().unwrap_or_default();
        assert_eq!(sub.key, "本年财政拨款");
        assert_eq!(
            (sub.start, sub.full, sub.spent),
            (Some(d("90")), Some(d("89.974")), Some(d("89.974")))
        );
        assert_eq!(sub.full.map(|v| v.to_string()), Some("89.974".into()));
        assert_eq!(
            g.rows.get(2).map(|e| e.comments.clone()),
            Some(vec!["原表“上年结转资金”一行为空".into()])
        );
        assert_eq!(declared(&g), Some(("年度申请".into(), d("90"))));
    }

    #[test]
    fn yongde_rows_with_leading_bars() {
        // 永德 2022: the 年初 cell is the empty cell before the values.
        let text = "| 公开14表 | 项目资金 (元) |\n| 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 | 年度资金总额 |\n\
                    | 387664.62 | 387664.62 | 10 | 100% | 10 | 其中:当年财政 拨款 |\n| 387664.62 | 387664.62 | — |\n| — | 上年结转 资金 |";
        let (g, _) = grid_of(text);
        assert_eq!(g.unit, "元");
        let total = g
            .rows
            .first()
            .and_then(|r| r.value.clone())
            .unwrap_or_default();
        assert_eq!(
            (total.start, total.full, total.spent),
            (None, Some(d("387664.62")), Some(d("387664.62")))
        );
        assert_eq!(
            (total.points, total.rate, total.score),
            (Some(d("10")), Some((d("100"), "%".into())), Some(d("10")))
        );
        let sub = g
            .rows
            .get(1)
            .and_then(|r| r.value.clone())
            .unwrap_or_default();
        assert_eq!(sub.key, "当年财政拨款");
        assert_eq!(
            (sub.start, sub.full, sub.spent, sub.points),
            (None, Some(d("387664.62")), Some(d("387664.62")), None)
        );
    }

    #[test]
    fn qingshen_other_column_is_a_comment() {
        let text = "年度预算数(万元) |\n年初预算 |\n调整后预算数 |\n预算执行数 |\n预算执行率 |\n权重 |\n得分 |\n原因 |\n\
                    总额 |\n238.93 |\n251.89 |\n251.89 |\n100.00% |\n10 |\n|\n1.预算执行率=… |\n其中:财政资金 |\n238.93 |\n\
                    251.89 |\n251.89 |\n100.00% |\n/ |\n/ |\n绩效指标(90分) |";
        let (g, used) = grid_of(text);
        assert_eq!(g.unit, "万元");
        let total = g.rows.first().cloned().unwrap_or_default();
        assert_eq!(total.comments, ["原表“总额”一行的“原因”：1.预算执行率=…"]);
        let t = total.value.unwrap_or_default();
        assert_eq!(
            (t.rate, t.points, t.score),
            (Some((d("100.00"), "%".into())), Some(d("10")), None)
        );
        assert_eq!(
            g.rows
                .get(1)
                .and_then(|r| r.value.as_ref())
                .map(|r| r.key.as_str()),
            Some("财政资金")
        );
        // Everything up to the table header was used.
        assert_eq!(used.iter().filter(|u| !**u).count(), 1);
    }

    #[test]
    fn langfang_split_headers() {
        let text = "项目资金\n(万元)\n\n年初\n\n预算数\n\n全年\n\n预算数\n\n全年\n\n执行数\n\n分值\n\n执行率\n\n得分\n\n\
                    年度资金总额\n\n43.2\n\n43.2\n\n37.24\n\n10\n\n86%\n\n9\n\n其中:当年财政拨款\n\n43.2\n\n43.2\n\n37.24\n\n \n\n上年结转资金\n";
        let (g, _) = grid_of(text);
        assert_eq!(g.unit, "万元");
        let t = g
            .rows
            .first()
            .and_then(|r| r.value.clone())
            .unwrap_or_default();
        assert_eq!(
            (t.start, t.spent, t.score),
            (Some(d("43.2")), Some(d("37.24")), Some(d("9")))
        );
        assert_eq!(g.rows.len(), 3);
    }
}

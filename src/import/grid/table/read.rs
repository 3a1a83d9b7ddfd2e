//! Reading the table's rows into indicators, printed actuals, 小计 and 合计.

use super::super::cells::Cell;
use super::align::Mode;
use super::end::{self, is_end};
use super::levels::{self, Level};
use super::segment::{self, Item, Piece};
use super::values;
use super::{Column, Header, Table};
use crate::diagnostic::{codes, Code, Diagnostic};
use crate::import::draft::{DraftSubtotal, Entry};
use crate::source::{FileId, Span};

mod row;

const SATISFACTION: &str = "满意度指标";

pub(super) fn span(cell: &Cell) -> Span {
    Span::new(FileId(0), cell.start, cell.end)
}

/// The JX-I017 error for the cell at `index`.
fn layout_error(cells: &[Cell], index: usize, what: &str) -> Diagnostic {
    let Some(cell) = cells.get(index) else {
        return Diagnostic::new(
            &codes::IMPORT_LAYOUT_UNKNOWN,
            format!("指标表在文本末尾中断，认不出{what}"),
        )
        .help("请检查文本是否完整");
    };
    Diagnostic::new(
        &codes::IMPORT_LAYOUT_UNKNOWN,
        format!("第 {} 行“{}”起认不出{what}", cell.line, cell.text),
    )
    .label(span(cell), "从这一格起认不出")
    .help("指标表的行应是“三级指标名称”后跟各列的值（指标值、分值、得分是数）；请按原表核对这一格附近的文字，或把这张表手工写成 jixiao 文本")
}

pub(super) fn read(
    cells: &[Cell],
    header: &Header,
) -> Result<(Table, Vec<Diagnostic>), Diagnostic> {
    let from = header.end.min(cells.len());
    let body = cells.get(from..).unwrap_or(&[]);
    let stop = body
        .iter()
        .position(|c| !c.is_empty() && is_end(&c.text))
        .map_or(cells.len(), |p| from + p);
    let mut items = Vec::new();
    let mut gap = 0;
    for (index, cell) in cells.iter().enumerate().take(stop).skip(from) {
        // `-`, `—`, `/` print “nothing here”: an empty cell.
        if cell.is_empty() || is_dash(&cell.text) {
            gap += 1;
        } else {
            items.push(Item {
                index,
                text: cell.text.as_str(),
                gap,
            });
            gap = 0;
        }
    }
    let gap = spacing(&mut items, gap);
    let mode = if cells
        .get(from..stop)
        .unwrap_or(&[])
        .iter()
        .any(Cell::is_empty)
    {
        Mode::Gapped
    } else {
        Mode::Flat
    };
    let name_at = header
        .columns
        .iter()
        .position(|c| *c == Column::Name)
        .unwrap_or(0);
    let columns: Vec<Column> = header
        .columns
        .iter()
        .skip(name_at + 1)
        .filter(|c| !matches!(c, Column::Level1 | Column::Level2 | Column::Name))
        .cloned()
        .collect();
    if !columns.iter().any(|c| matches!(c, Column::Target)) {
        // 稷山: `一级 指标 二级指标 三级指标 数量指标 …`, the header's other
        // words printed elsewhere (cells out of order).
        let index = items.first().map_or(stop, |it| it.index);
        return Err(match super::header::later_target(cells, index) {
            Some(w) => layout_error(
                cells,
                index,
                &format!("指标表的版式：表头后面没有“{w}”一列，“{w}”印在这一格之后（单元格顺序被打乱）"),
            )
            .help("PDF 或 Excel 转成文字时把表格的单元格顺序打乱了（数值成串排在前面、名称排在后面），jixiao 不按猜测重排。请从原文件重新取文，或把表格另存为 .xlsx 后再导入"),
            None => layout_error(cells, index, "指标表的版式（表头没有指标值一列）"),
        });
    }
    let pieces = segment::cut(&items, gap, &columns, mode).map_err(|at| {
        let index = items.get(at).map_or(stop, |it| it.index);
        layout_error(cells, index, "指标表的行")
    })?;
    let mut reader = Reader {
        cells,
        items: &items,
        columns: &columns,
        mode,
        self_eval: columns
            .iter()
            .any(|c| matches!(c, Column::Actual | Column::Score)),
        table: Table::default(),
        diags: Vec::new(),
        level1: None,
        level2: None,
        lone: Vec::new(),
        placeholders: Vec::new(),
        weight: None,
        fresh_level1: false,
        unfilled: Vec::new(),
    };
    let mut at = 0;
    for (p, piece) in pieces.iter().enumerate() {
        let next = pieces.get(p + 1);
        let read_before = reader.table.indicators.len();
        reader.piece(piece, at, next)?;
        if reader.table.indicators.len() > read_before {
            reader.unfilled.clear();
        }
        at += piece.len();
    }
    reader.empty_levels(|_| true);
    if let Some(w) = reader.weight {
        let comment = format!(
            "原表有一个组分值“({}分)”，认不出是哪个一级指标的",
            w.normalize()
        );
        reader.table.trailing.push(comment.clone());
        reader.diags.push(
            Diagnostic::new(&codes::IMPORT_UNPLACED, comment)
                .help("请把它写在对应一级指标的“分值”上"),
        );
    }
    reader.empty_rows();
    reader.table.end = reader.total(stop);
    if let Some(first) = reader.lone.first() {
        if reader.lone.len() > reader.table.indicators.len() {
            // More names without values than indicators: the rows were not
            // understood (cells out of order), whatever the cut.
            return Err(layout_error(cells, *first, "指标表的行"));
        }
    }
    Ok((reader.table, reader.diags))
}

struct Reader<'a> {
    cells: &'a [Cell],
    items: &'a [Item<'a>],
    columns: &'a [Column],
    mode: Mode,
    self_eval: bool,
    table: Table,
    diags: Vec<Diagnostic>,
    level1: Option<String>,
    level2: Option<String>,
    /// Cell indices of names read without any value.
    lone: Vec<usize>,
    /// A template's empty rows (`指标2`, `……`): their group, text and line.
    placeholders: Vec<(Option<String>, String, usize)>,
    /// A weight `(50分)` printed without its 一级 name, until the name or a
    /// 二级 name tells whose it is.
    weight: Option<rust_decimal::Decimal>,
    /// The piece before was a 一级 name (printed for this 二级 name).
    fresh_level1: bool,
    /// Level names printed since the last indicator read: (is 一级, name,
    /// item). One left without an indicator is a comment, not lost.
    unfilled: Vec<(bool, String, usize)>,
}

impl<'a> Reader<'a> {
    fn cell(&self, item: usize) -> Option<&'a Cell> {
        self.items.get(item).and_then(|it| self.cells.get(it.index))
    }

    fn text(&self, item: usize) -> &'a str {
        self.items.get(item).map_or("", |it| it.text)
    }

    fn piece(&mut self, piece: &Piece, at: usize, next: Option<&Piece>) -> Result<(), Diagnostic> {
        if let Piece::Level(_, len) = piece {
            let texts: Vec<&str> = (at..at + len).map(|i| self.text(i)).collect();
            if let Some(range) = levels::weight_range(&texts) {
                self.weight_range(at, &range);
            }
        }
        match piece {
            Piece::Level(Level::One { name, points }, _) if name.is_empty() => {
                self.weight = *points;
            }
            Piece::Level(Level::One { name, points }, len) => {
                self.range(name, *points, at, *len);
                let points = points.or(self.weight.take());
                let before_row = matches!(next, Some(Piece::Row(_)));
                let same = self.level1.as_deref() == Some(name.as_str());
                let cost_under_output =
                    name == "成本指标" && self.level1.as_deref() == Some("产出指标");
                if points.is_none() && before_row && (same || cost_under_output) {
                    // `满意度指标(10分) 满意度指标 公众满意度`, the 2020
                    // layout's 成本指标 under 产出指标: a 二级 name.
                    self.level2_name(name, at);
                } else {
                    if !same {
                        self.level2 = None;
                        self.empty_levels(|_| true);
                    }
                    self.unfilled.push((true, name.clone(), at));
                    self.level1 = Some(name.clone());
                    self.fresh_level1 = true;
                    self.group_points(name, points);
                }
            }
            Piece::Level(Level::Two(name), _) => {
                if let Some(l1) = levels::parent(name).filter(|_| self.weight.is_some()) {
                    // `(50分) 数量指标`: the weight's 一级 is 数量's.
                    let points = self.weight.take();
                    self.group_points(&l1, points);
                    self.level1 = Some(l1);
                }
                self.level2_name(name, at);
            }
            Piece::OtherLevel2(name) => self.level2_name(name, at),
            Piece::Subtotal(len) => {
                let numbers: Vec<_> = (at + 1..at + len)
                    .map(|i| values::number(Some(self.text(i))))
                    .collect();
                let group = self.level1.clone().unwrap_or_default();
                self.table.subtotals.push(Entry::new(DraftSubtotal {
                    group,
                    points: numbers.first().copied().flatten(),
                    score: numbers.get(1).copied().flatten(),
                }));
            }
            Piece::Row(a) => {
                self.fresh_level1 = false;
                self.row(at, a)?;
            }
        }
        Ok(())
    }

    fn level2_name(&mut self, name: &str, at: usize) {
        self.empty_levels(|level1| !level1);
        self.satisfaction(name, at);
        self.level2 = Some(name.to_string());
        self.unfilled.push((false, name.to_string(), at));
    }

    /// The level names in `unfilled` that `which` selects (by is-一级) got
    /// no indicator (`经济效益指标 | | |`, a table cut off after
    /// `产出指标`): a comment each, and a note.
    fn empty_levels(&mut self, which: impl Fn(bool) -> bool) {
        let (empty, keep): (Vec<_>, Vec<_>) = std::mem::take(&mut self.unfilled)
            .into_iter()
            .partition(|(one, _, _)| which(*one));
        self.unfilled = keep;
        for (one, name, at) in empty {
            let level = if one { "一级" } else { "二级" };
            let comment = format!("原表{level}指标“{name}”下没有读到指标");
            self.kept(at, &codes::IMPORT_BLANK_CELL, comment, None);
        }
    }

    /// `comment` at the end of the 指标 block, and a diagnostic on the
    /// item `at` saying so.
    fn kept(&mut self, at: usize, code: &Code, comment: String, help: Option<&'static str>) {
        if let Some(cell) = self.cell(at) {
            let mut d = Diagnostic::new(
                code,
                format!("第 {} 行：{comment}，已作为注释写入", cell.line),
            )
            .label(span(cell), "");
            if let Some(h) = help {
                d = d.help(h);
            }
            self.diags.push(d);
        }
        self.table.trailing.push(comment);
    }

    /// `成本指标(0-20)分`: a weight range, which 分值 cannot hold.
    fn weight_range(&mut self, at: usize, range: &str) {
        let name = self.text(at);
        let comment = format!("原表一级指标“{}”的分值印作区间“{range}”", key_name(name));
        let help = "jixiao 的分值是一个数；确定分值后写在一级指标的“分值”上";
        self.kept(at, &codes::IMPORT_UNPLACED, comment, Some(help));
    }

    /// A 满意度 二级 name under another 一级 not printed just before it
    /// (湘潭: the 一级 cell `满意度指标` merged away): the 满意度 group, by
    /// its name. One printed just before it is kept (湖北科技学院 prints
    /// `效益指标 | 服务对象满意度指标`).
    fn satisfaction(&mut self, name: &str, at: usize) {
        let printed_here = std::mem::take(&mut self.fresh_level1);
        if printed_here || !name.contains("满意度") || self.level1.as_deref() == Some(SATISFACTION)
        {
            return;
        }
        if let Some(cell) = self.cell(at) {
            self.diags.push(
                Diagnostic::new(
                    &codes::IMPORT_GUESSED,
                    format!(
                        "二级指标“{name}”前没有一级指标“{SATISFACTION}”，按名称归入{SATISFACTION}"
                    ),
                )
                .label(span(cell), ""),
            );
        }
        self.level1 = Some(SATISFACTION.to_string());
    }

    /// A 一级 name printed with more than a weight (`成本指标(0-20)分`, 奉节:
    /// the template's range of points): the printed text as a comment.
    fn range(&mut self, name: &str, points: Option<rust_decimal::Decimal>, at: usize, len: usize) {
        let printed: String = (at..at + len)
            .map(|i| super::header::key(self.text(i)))
            .collect();
        if points.is_some() || printed == name {
            return;
        }
        let comment = format!("原表一级指标印作“{printed}”，括号里不是组分值，未写入分值");
        self.table.trailing.push(comment.clone());
        let mut d = Diagnostic::new(&codes::IMPORT_UNPLACED, comment)
            .help("若原表这一组有分值，请写在该一级指标的“分值”上");
        if let Some(cell) = self.cell(at) {
            d = d.label(span(cell), "");
        }
        self.diags.push(d);
    }

    /// The template's empty rows, in one comment and one diagnostic: no
    /// indicator, but the form printed them (a group with only `指标1`
    /// `指标2` under it, a table cut off at `指标1:`).
    fn empty_rows(&mut self) {
        let Some(first) = self.placeholders.first().map(|p| p.2) else {
            return;
        };
        let mut groups: Vec<(Option<String>, Vec<String>)> = Vec::new();
        for (group, text, _) in &self.placeholders {
            match groups.last_mut() {
                Some((g, texts)) if g == group => texts.push(format!("“{text}”")),
                _ => groups.push((group.clone(), vec![format!("“{text}”")])),
            }
        }
        let parts: Vec<String> = groups
            .iter()
            .map(|(g, texts)| match g {
                Some(g) => format!("“{g}”下{}", texts.join("")),
                None => texts.join(""),
            })
            .collect();
        let comment = format!("原表的模板空行（没有内容，未写入）：{}", parts.join("；"));
        self.table.trailing.push(comment.clone());
        self.diags.push(
            Diagnostic::new(
                &codes::IMPORT_UNPLACED,
                format!("第 {first} 行起：{comment}"),
            )
            .help("这些是表格模板留下的空行；若原表在这里还有指标，请对照原表补写"),
        );
    }

    fn group_points(&mut self, name: &str, points: Option<rust_decimal::Decimal>) {
        if let Some(p) = points {
            if !self.table.group_points.iter().any(|(n, _)| n == name) {
                self.table.group_points.push((name.to_string(), p));
            }
        }
    }

    /// The `合计`/`总分` row that ends the table (see [`end::total`]);
    /// returns the index of the first cell after the table.
    fn total(&mut self, stop: usize) -> usize {
        let found = end::total(self.cells, stop);
        self.table.total = found.total.map(Entry::new);
        self.table.total_cells = found.later;
        found.end
    }
}

/// Text with a blank line after every line (廊坊, 湘潭 2024) has one empty
/// cell between any two cells: the least gap. Gaps are counted in empty
/// cells beyond it (each empty cell of the table is a line and its blank).
/// Returns `end_gap` counted the same way.
fn spacing(items: &mut [Item], end_gap: usize) -> usize {
    let base = items.iter().skip(1).map(|it| it.gap).min().unwrap_or(0);
    let count = |gap: usize| gap.saturating_sub(base) / (base + 1);
    for it in items.iter_mut() {
        it.gap = count(it.gap);
    }
    count(end_gap)
}

/// `成本指标(0-20)分` → `成本指标`.
fn key_name(text: &str) -> String {
    let k = super::header::key(text);
    match k.find('(') {
        Some(open) => k.get(..open).unwrap_or(&k).to_string(),
        None => k,
    }
}

fn is_dash(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && t.chars()
            .all(|c| matches!(c, '-' | '—' | '－' | '/' | '／' | ' '))
}

fn cell_index(items: &[Item], at: usize) -> usize {
    items.get(at).map_or(0, |it| it.index)
}

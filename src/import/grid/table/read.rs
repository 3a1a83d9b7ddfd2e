//! Reading the table's rows into indicators, printed actuals, 小计 and 合计.

use super::super::cells::Cell;
use super::align::{is_number, Mode};
use super::header::key;
use super::levels::{self, Level};
use super::segment::{self, Item, Piece};
use super::values::{self, RowCells};
use super::{Column, Header, Table};
use crate::diagnostic::{codes, Diagnostic};
use crate::import::draft::{
    DraftActual, DraftAttributes, DraftIndicator, DraftSubtotal, DraftTotal, Entry,
};
use crate::source::{FileId, Span};

/// Cells that end the table. `合计` and `总分` start its total row.
const TOTAL_WORDS: [&str; 3] = ["合计", "总分", "总计"];
const END_WORDS: [&str; 13] = [
    "评价结论",
    "其他需说明",
    "注:",
    "存在的问题",
    "说明:",
    "其他需要说明事项",
    "其他需要说明的事项",
    "财政部门审核意见",
    "项目负责人",
    "填表人",
    "财务负责人",
    "存在问题",
    "审核人",
];
/// Grades a 合计 row prints.
const GRADES: [&str; 8] = ["优", "良", "中", "差", "优秀", "良好", "合格", "不合格"];

const SATISFACTION: &str = "满意度指标";

pub(super) fn span(cell: &Cell) -> Span {
    Span::new(FileId(0), cell.start, cell.end)
}

fn is_total(text: &str) -> bool {
    let k = key(text);
    TOTAL_WORDS.iter().any(|w| k.starts_with(w))
}

/// Non-empty cells after an end word looked at for a 合计/总分 row.
const TOTAL_LOOKAHEAD: usize = 3;

fn is_end_word(text: &str) -> bool {
    let k = key(text);
    // `(三)存在的问题和原因`, `三、评价结论`: numbering before the word.
    let bare =
        k.trim_start_matches(|c: char| c.is_ascii_digit() || "()一二三四五六七八九、.".contains(c));
    END_WORDS
        .iter()
        .any(|w| k.starts_with(w) || bare.starts_with(w))
}

fn is_end(text: &str) -> bool {
    let k = key(text);
    is_total(text) || is_end_word(&k)
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
        return Err(layout_error(
            cells,
            index,
            "指标表的版式（表头没有指标值一列）",
        ));
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
        weight: None,
        fresh_level1: false,
    };
    let mut at = 0;
    for (p, piece) in pieces.iter().enumerate() {
        let next = pieces.get(p + 1);
        reader.piece(piece, at, next)?;
        at += piece.len();
    }
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
    /// A weight `(50分)` printed without its 一级 name, until the name or a
    /// 二级 name tells whose it is.
    weight: Option<rust_decimal::Decimal>,
    /// The piece before was a 一级 name (printed for this 二级 name).
    fresh_level1: bool,
}

impl<'a> Reader<'a> {
    fn cell(&self, item: usize) -> Option<&'a Cell> {
        self.items.get(item).and_then(|it| self.cells.get(it.index))
    }

    fn text(&self, item: usize) -> &'a str {
        self.items.get(item).map_or("", |it| it.text)
    }

    fn piece(&mut self, piece: &Piece, at: usize, next: Option<&Piece>) -> Result<(), Diagnostic> {
        match piece {
            Piece::Level(Level::One { name, points }, _) if name.is_empty() => {
                self.weight = *points;
            }
            Piece::Level(Level::One { name, points }, _) => {
                let points = points.or(self.weight.take());
                let before_row = matches!(next, Some(Piece::Row(_)));
                let same = self.level1.as_deref() == Some(name.as_str());
                let cost_under_output =
                    name == "成本指标" && self.level1.as_deref() == Some("产出指标");
                if points.is_none() && before_row && (same || cost_under_output) {
                    // `满意度指标(10分) 满意度指标 公众满意度`, the 2020
                    // layout's 成本指标 under 产出指标: a 二级 name.
                    self.level2 = Some(name.clone());
                } else {
                    if !same {
                        self.level2 = None;
                    }
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
                self.satisfaction(name, at);
                self.level2 = Some(name.clone());
            }
            Piece::OtherLevel2(name) => {
                self.satisfaction(name, at);
                self.level2 = Some(name.clone());
            }
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

    fn group_points(&mut self, name: &str, points: Option<rust_decimal::Decimal>) {
        if let Some(p) = points {
            if !self.table.group_points.iter().any(|(n, _)| n == name) {
                self.table.group_points.push((name.to_string(), p));
            }
        }
    }

    fn row(&mut self, at: usize, a: &super::align::Assignment) -> Result<(), Diagnostic> {
        let Some(cell) = self.cell(at).cloned() else {
            return Ok(());
        };
        let raw = cell.text.trim();
        let mut row = RowCells::default();
        for (k, c) in a.columns.iter().enumerate() {
            if let Some(kind) = self.columns.get(*c) {
                row.put(kind, self.text(at + 1 + k));
            }
        }
        let values_text: Vec<&str> = (1..=a.columns.len()).map(|k| self.text(at + k)).collect();
        if a.columns.is_empty() && levels::is_placeholder(raw) {
            return Ok(());
        }
        if key(raw).starts_with("其中") {
            return self.fourth_level(&cell, &values_text);
        }
        let Some(target_cell) = row.target.filter(|_| !a.columns.is_empty()) else {
            if a.columns.is_empty() {
                self.lone.push(cell_index(self.items, at));
            }
            let text = std::iter::once(raw)
                .chain(values_text.iter().copied())
                .collect::<Vec<_>>()
                .join(" ");
            self.unplaced(&cell, format!("原表一行“{text}”没有指标值，未写入"));
            return Ok(());
        };
        let Some(level1) = self.level1.clone() else {
            return Err(layout_error(
                self.cells,
                cell_index(self.items, at),
                "一级指标",
            ));
        };
        let mut comments = Vec::new();
        let mut name = raw.to_string();
        if let Some(stripped) = name.strip_prefix('★') {
            comments.push("原表在名称前标有“★”".to_string());
            name = stripped.trim().to_string();
        }
        if let Some((stripped, prefix)) = levels::template_prefix(&name) {
            comments.push(format!("原表名称前有模板编号“{prefix}”"));
            name = stripped.to_string();
        }
        let level2 = match self.level2.clone() {
            Some(l2) => l2,
            None => {
                self.diags.push(
                    Diagnostic::new(
                        &codes::IMPORT_GUESSED,
                        format!("指标“{name}”前没有二级指标，按一级指标“{level1}”分组"),
                    )
                    .label(span(&cell), ""),
                );
                self.level2 = Some(level1.clone());
                level1.clone()
            }
        };
        if a.ambiguous {
            self.diags.push(
                Diagnostic::new(
                    &codes::IMPORT_GUESSED,
                    format!(
                        "指标“{name}”一行的“{}”归入哪一列有不止一种读法，按列的类型推断",
                        values_text.join(" ")
                    ),
                )
                .label(span(&cell), "")
                .help("请对照原表核对这一行的指标值、完成值、分值和得分"),
            );
            comments.push("这一行各格的归属是按类型推断的，请核对".to_string());
        }
        for (title, text) in &row.other {
            comments.push(format!("原表“{title}”：{text}"));
        }
        let (target, problem) = values::target(target_cell, row.nature, row.unit);
        if let Some(p) = problem {
            comments.push(p.comment);
            self.diags.push(
                Diagnostic::new(
                    &codes::IMPORT_BAD_TARGET,
                    format!("指标“{name}”的{}", p.message),
                )
                .label(span(&cell), "")
                .help("请按原表改写这个指标值"),
            );
        }
        let points = values::number(row.points);
        let actual = row.actual.map(|a| values::actual(a, &target));
        let attributes = DraftAttributes {
            points,
            midterm: row
                .midterm
                .map(|m| values::target(m, row.nature, row.unit).0),
            ..DraftAttributes::default()
        };
        self.table.indicators.push(
            Entry::new(DraftIndicator {
                level1,
                level2,
                name: name.clone(),
                target,
                attributes,
            })
            .with_comments(comments),
        );
        if let (Mode::Flat, Some(reason)) = (self.mode, row.reason) {
            // Flattened text: a text after 得分 may as well be another
            // column's merged cell (历城's 得分计算方法).
            self.diags.push(
                Diagnostic::new(
                    &codes::IMPORT_GUESSED,
                    format!("指标“{name}”得分后面的“{reason}”按位置推断为偏差原因"),
                )
                .label(span(&cell), "")
                .help("文本里空格子没有了，请对照原表核对这是不是偏差原因"),
            );
        }
        let printed = row.actual.is_some() || row.score.is_some() || row.reason.is_some();
        if self.self_eval && (printed || points.is_some()) {
            self.table.actuals.push(Entry::new(DraftActual {
                name,
                value: actual,
                points,
                score: values::number(row.score),
                reason: row.reason.map(str::to_string),
            }));
        }
        Ok(())
    }

    /// `其中桃树种植面积 | 1.5亩 | 1.5亩` (萧县): a fourth level the
    /// language has not; a comment under the indicator above.
    fn fourth_level(&mut self, cell: &Cell, values: &[&str]) -> Result<(), Diagnostic> {
        let text = std::iter::once(cell.text.trim())
            .chain(values.iter().copied())
            .collect::<Vec<_>>()
            .join(" | ");
        let comment = format!("原表第四级指标：{text}");
        match self.table.indicators.last_mut() {
            Some(last) => last.comments.push(comment.clone()),
            None => self.table.trailing.push(comment.clone()),
        }
        self.diags.push(
            Diagnostic::new(
                &codes::IMPORT_UNPLACED,
                format!(
                    "第 {} 行“{}”是第四级指标（jixiao 只有三级），已作为注释写在上一个指标处",
                    cell.line,
                    cell.text.trim()
                ),
            )
            .label(span(cell), "")
            .help("需要时把它写成单独的三级指标"),
        );
        Ok(())
    }

    fn unplaced(&mut self, cell: &Cell, comment: String) {
        self.table.trailing.push(comment.clone());
        self.diags.push(
            Diagnostic::new(
                &codes::IMPORT_UNPLACED,
                format!("第 {} 行：{comment}", cell.line),
            )
            .label(span(cell), "")
            .help("请对照原表补上这一行"),
        );
    }

    /// The `合计`/`总分` row at `stop`, if the table ends with one: points,
    /// score and grade. Returns the index of the first cell after the table.
    fn total(&mut self, stop: usize) -> usize {
        let Some(first) = self.cells.get(stop) else {
            return stop;
        };
        if !is_total(&first.text) {
            // `其他需要说明事项 | 无 | 总分 | 100 | 96 | 优` (永德): the
            // total a few cells on; the cells before it are not the table's.
            let later = self
                .cells
                .iter()
                .enumerate()
                .skip(stop + 1)
                .filter(|(_, c)| !c.is_empty())
                .take(TOTAL_LOOKAHEAD)
                .find(|(_, c)| is_total(&c.text) && !is_end_word(&c.text));
            if let Some((at, _)) = later {
                let end = self.total(at);
                self.table.total_cells = Some((at, end));
            }
            return stop;
        }
        let mut total = DraftTotal::default();
        let mut end = stop + 1;
        let mut taken = 0;
        for (i, cell) in self.cells.iter().enumerate().skip(stop + 1) {
            if taken >= 4 {
                break;
            }
            if cell.is_empty() {
                continue;
            }
            let t = key(&cell.text);
            if is_number(&t) {
                let n = values::number(Some(&t));
                if total.points.is_none() && taken == 0 {
                    total.points = n;
                } else if total.score.is_none() {
                    total.score = n;
                } else {
                    break;
                }
            } else if t == "等级" || t == "评价等级" {
            } else if GRADES.contains(&t.as_str()) {
                total.grade = Some(t);
            } else {
                break;
            }
            taken += 1;
            end = i + 1;
        }
        self.table.total = Some(Entry::new(total));
        end
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

fn is_dash(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && t.chars()
            .all(|c| matches!(c, '-' | '—' | '－' | '/' | '／' | ' '))
}

fn cell_index(items: &[Item], at: usize) -> usize {
    items.get(at).map_or(0, |it| it.index)
}

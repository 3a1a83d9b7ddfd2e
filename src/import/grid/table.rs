//! The indicator table (owner: part B): its header row gives the columns
//! (一级指标 二级指标 三级指标 [指标性质] 年度指标值 [度量单位] [实际完成值]
//! [分值] [得分] [偏差原因…], in the form's order), and each row after it is
//! read by the column types.

// Not called until the grid reader is wired into `import::import_text`
// (part A / the lead at merge); the tests call it.

mod align;
mod end;
mod header;
mod levels;
mod read;
mod segment;
#[cfg(test)]
mod tests;
mod values;

use super::cells::Cell;
use crate::diagnostic::Diagnostic;
use crate::import::draft::{DraftActual, DraftIndicator, DraftSubtotal, DraftTotal, Entry};
use rust_decimal::Decimal;

/// A column of the indicator table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Column {
    Level1,
    Level2,
    Name,
    /// 指标性质 / 运算符: the comparator in its own column.
    Nature,
    Target,
    Midterm,
    Unit,
    Actual,
    Points,
    Score,
    Reason,
    /// Any other header (`绩效标准`, `指标解释`, `备注`): cells become comments.
    Other(String),
}

/// The header row: where it is and its columns, in order.
#[derive(Clone, Debug)]
pub(crate) struct Header {
    pub columns: Vec<Column>,
    /// Index of the first header cell (`一级指标`) in the cell stream.
    pub start: usize,
    /// One past the last header cell.
    pub end: usize,
}

/// Find the indicator table's header row.
pub(crate) fn find_header(cells: &[Cell]) -> Option<Header> {
    header::find_header(cells)
}

/// What the table holds.
#[derive(Clone, Debug, Default)]
pub(crate) struct Table {
    pub indicators: Vec<Entry<DraftIndicator>>,
    /// Printed group weights `产出指标(50分)`: (一级 name, points).
    pub group_points: Vec<(String, Decimal)>,
    /// The 自评 columns, one per row that printed an actual, 分值 or 得分.
    pub actuals: Vec<Entry<DraftActual>>,
    pub subtotals: Vec<Entry<DraftSubtotal>>,
    /// The `合计`/`总分` row, when printed.
    pub total: Option<Entry<DraftTotal>>,
    /// Comments for the end of the 指标 block.
    pub trailing: Vec<String>,
    /// Index of the first cell after the table (评价结论, 项目负责人 …).
    pub end: usize,
    /// The cells `[start, end)` of a 合计/总分 row printed after the table's
    /// end (`其他需要说明事项 | 无 | 总分 | 100 | 96 | 优`): read into
    /// `total`, not to be read again.
    pub total_cells: Option<(usize, usize)>,
}

/// Read the table from the header on. `Err` is the JX-I017 layout error,
/// naming the cell where the rows stopped making sense.
pub(crate) fn read(
    cells: &[Cell],
    header: &Header,
) -> Result<(Table, Vec<Diagnostic>), Diagnostic> {
    read::read(cells, header)
}

/// The words of the table's layout the reader consumes (other titled
/// columns, the total and end words, grades): part of
/// [`super::label_words`].
pub(crate) fn layout_words() -> Vec<&'static str> {
    let mut words: Vec<&'static str> = header::OTHER_WORDS.to_vec();
    words.extend(end::TOTAL_WORDS);
    words.extend(end::END_WORDS);
    words.extend(end::GRADES);
    words
}

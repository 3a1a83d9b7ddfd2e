//! The text as a stream of cells (owner: part A).
//!
//! - `a | b | c` lines: each `|`-separated piece is a cell (empty pieces are
//!   empty cells);
//! - one cell per line (Word/HTML extracts; `&nbsp;`/blank lines are empty
//!   cells);
//! - flattened text (a whole table on one line, cells separated by spaces):
//!   each whitespace-separated run is a cell.

/// One cell of the source, trimmed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Cell {
    /// Trimmed text; inner whitespace kept (`实施单位 (盖章)`). Empty for an
    /// empty cell.
    pub text: String,
    /// Byte range in the source (for diagnostics' spans).
    pub start: usize,
    pub end: usize,
    /// 1-based source line.
    pub line: usize,
    /// True for the first cell of a source line or `|` row: where rows of
    /// the table begin when the extractor kept them.
    pub row_start: bool,
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

/// Split the text into cells.
pub(crate) fn cells(text: &str) -> Vec<Cell> {
    let _ = text;
    Vec::new()
}

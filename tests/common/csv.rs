//! A small CSV reader for tests that read what `jixiao eval --format csv`
//! wrote: a leading BOM, quoted cells with doubled quotes, CRLF rows.
//!
//! Include it with `#[path = "common/csv.rs"] mod csv;`.
#![allow(dead_code)]

/// The rows of `csv`, each a list of cells, quotes removed.
pub fn rows(csv: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = csv.trim_start_matches('\u{FEFF}').chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    rows
}

/// The index of the column titled `title` in the header row.
pub fn column(rows: &[Vec<String>], title: &str) -> usize {
    rows[0]
        .iter()
        .position(|h| h == title)
        .unwrap_or_else(|| panic!("no column “{title}” in {:?}", rows[0]))
}

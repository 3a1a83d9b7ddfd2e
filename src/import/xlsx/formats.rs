//! Number formats of `.xlsx` cells, so that a number cell is read as the
//! value it shows (issue 18): Excel, WPS and the budget systems store `95%`
//! as 0.95 with a percent format, and an amount shown `12.50万元` as 12.5
//! with the unit in the format (`#,##0.00"万元"`). calamine reads the
//! formats but does not expose them, so `xl/styles.xml` and each cell's
//! `s` attribute are read here, from the zip [`super::guard`] has already
//! bounded.

use quick_xml::events::{BytesStart, Event};
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::io::Read;
use std::str::FromStr;

/// How a number cell shows its value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Shown {
    /// `0%`, `0.00%`: the value × 100, then `%`.
    Percent,
    /// Literal text after the number (`"万元"`, `"分"`).
    Suffix(String),
}

impl Shown {
    /// The text of a number cell (`number`: its shortest exact form) as
    /// the cell shows it.
    pub fn apply(&self, number: &str) -> String {
        match self {
            Shown::Percent => match Decimal::from_str(number)
                .ok()
                .and_then(|d| d.checked_mul(Decimal::ONE_HUNDRED))
            {
                Some(d) => format!("{}%", d.normalize()),
                None => number.to_string(),
            },
            Shown::Suffix(s) => format!("{number}{s}"),
        }
    }
}

/// Per sheet name, the cells (row, column; 0-based) whose format shows
/// their number otherwise than plain.
pub(crate) type SheetFormats = HashMap<String, HashMap<(usize, usize), Shown>>;

/// The formats of every sheet of an `.xlsx` workbook (or the percent cells
/// of an `.ods` one); empty when the bytes are no zip or a part is missing
/// (the cells are then read as stored).
pub(crate) fn read(bytes: &[u8]) -> SheetFormats {
    let mut out = SheetFormats::new();
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return out;
    };
    if let Some(content) = part(&mut zip, "content.xml") {
        return ods_percent_cells(&content);
    }
    let Some(styles) = part(&mut zip, "xl/styles.xml") else {
        return out;
    };
    let shown = styles_shown(&styles);
    if shown.iter().all(Option::is_none) {
        return out;
    }
    let (Some(book), Some(rels)) = (
        part(&mut zip, "xl/workbook.xml"),
        part(&mut zip, "xl/_rels/workbook.xml.rels"),
    ) else {
        return out;
    };
    let targets = relationships(&rels);
    for (name, id) in sheets(&book) {
        let Some(target) = targets.get(&id) else {
            continue;
        };
        let path = match target.strip_prefix('/') {
            Some(abs) => abs.to_string(),
            None => format!("xl/{target}"),
        };
        if let Some(xml) = part(&mut zip, &path) {
            out.insert(name, cells(&xml, &shown));
        }
    }
    out
}

fn part(zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>, name: &str) -> Option<Vec<u8>> {
    let f = zip.by_name(name).ok()?;
    let mut v = Vec::new();
    f.take(super::guard::MAX_INFLATED)
        .read_to_end(&mut v)
        .ok()?;
    Some(v)
}

/// Each XML element start (and empty element) with its local name.
fn each_element(xml: &[u8], mut f: impl FnMut(&[u8], &BytesStart<'_>)) {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => f(e.local_name().as_ref(), &e),
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
        buf.clear();
    }
}

/// An attribute's value by local name.
fn attr(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| {
            // The parts of an .xlsx are UTF-8.
            let raw = std::str::from_utf8(&a.value).ok()?;
            quick_xml::escape::unescape(raw)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// For each cell style (`cellXfs` index), how it shows a number.
fn styles_shown(xml: &[u8]) -> Vec<Option<Shown>> {
    let mut custom: HashMap<u32, String> = HashMap::new();
    let mut xfs: Vec<Option<u32>> = Vec::new();
    let mut in_cell_xfs = false;
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                b"numFmt" => {
                    if let (Some(id), Some(code)) = (attr(&e, b"numFmtId"), attr(&e, b"formatCode"))
                    {
                        if let Ok(id) = id.parse() {
                            custom.insert(id, code);
                        }
                    }
                }
                b"cellXfs" => in_cell_xfs = true,
                b"xf" if in_cell_xfs => {
                    xfs.push(attr(&e, b"numFmtId").and_then(|i| i.parse().ok()));
                }
                _ => {}
            },
            Ok(Event::End(e)) if e.local_name().as_ref() == b"cellXfs" => in_cell_xfs = false,
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
        buf.clear();
    }
    xfs.into_iter()
        .map(|id| {
            let id = id?;
            match custom.get(&id) {
                Some(code) => shown_by_code(code),
                // Built-in 9 `0%` and 10 `0.00%`.
                None => matches!(id, 9 | 10).then_some(Shown::Percent),
            }
        })
        .collect()
}

/// What a format code shows besides the number: read from its first
/// section (positive numbers). A `%` outside quotes is a percent; literal
/// text after the last digit placeholder (quoted, `\`-escaped, or CJK
/// written bare) is a suffix. Text before the number (`¥`) and bracketed
/// parts (`[Red]`, `[$-804]`) are not kept.
pub(crate) fn shown_by_code(code: &str) -> Option<Shown> {
    let mut chars = code.chars();
    let mut literal = String::new();
    let mut seen_digit = false;
    let mut percent = false;
    let mut is_date = false;
    while let Some(c) = chars.next() {
        match c {
            ';' => break,
            '"' => {
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                    if seen_digit {
                        literal.push(q);
                    }
                }
            }
            '\\' => {
                if let (Some(q), true) = (chars.next(), seen_digit) {
                    literal.push(q);
                }
            }
            '[' => {
                for q in chars.by_ref() {
                    if q == ']' {
                        break;
                    }
                }
            }
            '_' | '*' => {
                chars.next();
            }
            '%' => percent = true,
            '0' | '#' | '?' => {
                seen_digit = true;
                literal.clear();
            }
            'y' | 'm' | 'd' | 'h' | 's' | 'Y' | 'M' | 'D' | 'H' | 'S' => is_date = true,
            c if !c.is_ascii() && seen_digit => literal.push(c),
            _ => {}
        }
    }
    if is_date || !seen_digit {
        return None;
    }
    if percent {
        return Some(Shown::Percent);
    }
    let literal = literal.trim();
    // A unit has a letter or a CJK character (`≠`, `*` are marks, not units).
    let meaningful = literal.chars().any(char::is_alphabetic);
    (meaningful && !literal.chars().any(|c| c.is_ascii_digit()))
        .then(|| Shown::Suffix(literal.to_string()))
}

/// `(name, relationship id)` of each sheet in `xl/workbook.xml`.
fn sheets(xml: &[u8]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    each_element(xml, |name, e| {
        if name == b"sheet" {
            if let (Some(n), Some(id)) = (attr(e, b"name"), attr(e, b"id")) {
                out.push((n, id));
            }
        }
    });
    out
}

fn relationships(xml: &[u8]) -> HashMap<String, String> {
    let mut out = HashMap::new();
    each_element(xml, |name, e| {
        if name == b"Relationship" {
            if let (Some(id), Some(t)) = (attr(e, b"Id"), attr(e, b"Target")) {
                out.insert(id, t);
            }
        }
    });
    out
}

/// The styled cells of a sheet whose style shows a number otherwise than
/// plain, at most [`super::guard::MAX_GRID_CELLS`] of them (the grid is
/// refused beyond that anyway). Cells without an `r` reference follow the
/// one before (as Excel allows).
fn cells(xml: &[u8], shown: &[Option<Shown>]) -> HashMap<(usize, usize), Shown> {
    let mut out = HashMap::new();
    let (mut row, mut col) = (0usize, 0usize);
    let mut first_row = true;
    each_element(xml, |name, e| match name {
        b"row" => {
            row = attr(e, b"r")
                .and_then(|r| r.parse::<usize>().ok())
                .and_then(|r| r.checked_sub(1))
                .unwrap_or(if first_row { 0 } else { row.saturating_add(1) });
            first_row = false;
            col = usize::MAX;
        }
        b"c" => {
            let at = attr(e, b"r").and_then(|r| reference(&r));
            (row, col) = at.unwrap_or((row, col.wrapping_add(1)));
            let style = attr(e, b"s").and_then(|s| s.parse::<usize>().ok());
            let s = style.and_then(|s| shown.get(s)).and_then(Option::as_ref);
            if let (Some(s), true) = (s, out.len() < super::guard::MAX_GRID_CELLS) {
                out.insert((row, col), s.clone());
            }
        }
        _ => {}
    });
    out
}

/// The cells of an OpenDocument spreadsheet whose value type is
/// `percentage` (stored 0.95, shown 95%), per table. Repeated rows and
/// cells are counted, not made; at most [`super::guard::MAX_GRID_CELLS`]
/// cells are noted (the grid is refused beyond that anyway).
fn ods_percent_cells(xml: &[u8]) -> SheetFormats {
    let mut out = SheetFormats::new();
    let mut table: Option<String> = None;
    let (mut row, mut col) = (0usize, 0usize);
    let mut noted = 0usize;
    let repeat = |e: &BytesStart<'_>, name: &[u8]| {
        attr(e, name)
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or(1)
            .max(1)
    };
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    loop {
        let event = reader.read_event_into(&mut buf);
        let (e, empty) = match &event {
            Ok(Event::Start(e)) => (e, false),
            Ok(Event::Empty(e)) => (e, true),
            Ok(Event::End(e)) => {
                if e.local_name().as_ref() == b"table-row" {
                    row = row.saturating_add(1);
                }
                buf.clear();
                continue;
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {
                buf.clear();
                continue;
            }
        };
        match e.local_name().as_ref() {
            b"table" => {
                table = attr(e, b"name");
                row = 0;
            }
            b"table-row" => {
                col = 0;
                let n = repeat(e, b"number-rows-repeated");
                // A repeated row: the rows after its first are counted here
                // (its end, or an empty element, adds the one).
                row = row.saturating_add(n - 1);
                if empty {
                    row = row.saturating_add(1);
                }
            }
            b"table-cell" | b"covered-table-cell" => {
                let n = repeat(e, b"number-columns-repeated");
                let percent = attr(e, b"value-type").is_some_and(|t| t == "percentage");
                if let (true, Some(t)) = (percent, &table) {
                    let cells = out.entry(t.clone()).or_default();
                    for k in 0..n {
                        if noted >= super::guard::MAX_GRID_CELLS {
                            break;
                        }
                        cells.insert((row, col.saturating_add(k)), Shown::Percent);
                        noted += 1;
                    }
                }
                col = col.saturating_add(n);
            }
            _ => {}
        }
        buf.clear();
    }
    out
}

/// `B3` → (2, 1).
fn reference(r: &str) -> Option<(usize, usize)> {
    let letters = r.chars().take_while(char::is_ascii_uppercase).count();
    let (cols, rows) = r.split_at_checked(letters)?;
    if cols.is_empty() || cols.len() > 3 {
        return None;
    }
    let col = cols
        .bytes()
        .try_fold(0usize, |acc, b| Some(acc * 26 + usize::from(b - b'A') + 1))?;
    let row: usize = rows.parse().ok()?;
    Some((row.checked_sub(1)?, col - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        assert_eq!(shown_by_code("0%"), Some(Shown::Percent));
        assert_eq!(shown_by_code("0.00%;[Red]-0.00%"), Some(Shown::Percent));
        assert_eq!(
            shown_by_code("#,##0.00\"万元\""),
            Some(Shown::Suffix("万元".into()))
        );
        assert_eq!(shown_by_code("0\\分"), Some(Shown::Suffix("分".into())));
        assert_eq!(
            shown_by_code("0.00万元"),
            Some(Shown::Suffix("万元".into()))
        );
        assert_eq!(shown_by_code("¥#,##0.00"), None);
        assert_eq!(shown_by_code("#,##0.00_ "), None);
        assert_eq!(shown_by_code("yyyy-mm-dd"), None);
        assert_eq!(shown_by_code("yyyy\"年\"m\"月\"d\"日\""), None);
        assert_eq!(shown_by_code("\"%\"@"), None);
        assert_eq!(shown_by_code("General"), None);
        // jixiao's own mark of a printed score that differs.
        assert_eq!(shown_by_code("0.00\" ≠\""), None);
        assert_eq!(reference("B3"), Some((2, 1)));
        assert_eq!(reference("AA10"), Some((9, 26)));
        assert_eq!(reference("3"), None);
        assert_eq!(Shown::Percent.apply("0.955"), "95.5%");
        assert_eq!(Shown::Percent.apply("1"), "100%");
        assert_eq!(Shown::Suffix("万元".into()).apply("12.5"), "12.5万元");
    }
}

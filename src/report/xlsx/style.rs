//! Cell formats, print setup and the one place where exact decimals become
//! floating-point numbers.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

/// The font of the official forms. 宋体 is named with the GB2312 character
/// set (134), so a spreadsheet that lacks it picks another Chinese font
/// (LibreOffice on Linux: Noto Serif CJK / WenQuanYi via fontconfig).
const FONT: &str = "宋体";
const CHARSET_GB2312: u8 = 134;
const SIZE: f64 = 10.5;

/// An exact amount, rate or score as a spreadsheet number.
///
/// This is the only conversion from [`Decimal`] to `f64` in the crate: the
/// engine computes exactly; a cell of an .xlsx file can only hold an IEEE
/// double. Amounts of a department budget (≤ 15 significant digits) survive
/// the trip unchanged, and the number format shows the rounding the office
/// expects. `None` only for values beyond `f64` (never in practice).
pub fn cell_number(d: Decimal) -> Option<f64> {
    d.to_f64()
}

fn base() -> Format {
    Format::new()
        .set_font_name(FONT)
        .set_font_charset(CHARSET_GB2312)
        .set_font_size(SIZE)
        .set_align(FormatAlign::VerticalCenter)
}

fn boxed() -> Format {
    base().set_border(FormatBorder::Thin).set_text_wrap()
}

/// Every format a report uses.
pub struct Styles {
    pub title: Format,
    pub subtitle: Format,
    pub note: Format,
    /// A field label (项目名称, 一级指标 …): centred, bold.
    pub label: Format,
    /// Text in a box, left.
    pub text: Format,
    /// Text in a box, centred (group names, grades).
    pub center: Format,
    /// `#,##0.00` in a box.
    pub money: Format,
    /// `0.00%` in a box.
    pub percent: Format,
    /// `0.00` in a box.
    pub score: Format,
    /// `0.00` bold: totals.
    pub total: Format,
    /// `0.00 ≠` in red: a score the form printed that is not the computed
    /// one (issue 17; still a number).
    pub differs: Format,
}

impl Default for Styles {
    fn default() -> Styles {
        Styles::new()
    }
}

impl Styles {
    pub fn new() -> Styles {
        Styles {
            title: base()
                .set_font_size(16)
                .set_bold()
                .set_align(FormatAlign::Center),
            subtitle: base().set_font_size(SIZE).set_align(FormatAlign::Center),
            note: base(),
            label: boxed().set_bold().set_align(FormatAlign::Center),
            text: boxed().set_align(FormatAlign::Left),
            center: boxed().set_align(FormatAlign::Center),
            money: boxed()
                .set_num_format("#,##0.00")
                .set_align(FormatAlign::Right),
            percent: boxed()
                .set_num_format("0.00%")
                .set_align(FormatAlign::Right),
            score: boxed().set_num_format("0.00").set_align(FormatAlign::Right),
            total: boxed()
                .set_num_format("0.00")
                .set_bold()
                .set_align(FormatAlign::Right),
            differs: boxed()
                .set_num_format("0.00\" ≠\"")
                .set_font_color(rust_xlsxwriter::Color::Red)
                .set_align(FormatAlign::Right),
        }
    }
}

/// A4, fit to one page wide, the given rows repeated on every page, centred,
/// page numbers in the footer.
pub fn print_setup(
    sheet: &mut Worksheet,
    landscape: bool,
    repeat: Option<(u32, u32)>,
) -> Result<(), XlsxError> {
    const A4: u8 = 9;
    sheet.set_paper_size(A4);
    if landscape {
        sheet.set_landscape();
    } else {
        sheet.set_portrait();
    }
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_print_center_horizontally(true);
    sheet.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    sheet.set_footer("&C第 &P 页，共 &N 页");
    if let Some((first, last)) = repeat {
        sheet.set_repeat_rows(first, last)?;
    }
    Ok(())
}

/// A sheet name Excel accepts: at most 31 characters (counted in UTF-16
/// units, as Excel does), none of `[]:*?/\\`, no hidden character (a
/// control character in `workbook.xml` makes the file unreadable, issue 15),
/// not starting or ending with `'`, unique in the workbook (the number in
/// front keeps it so).
pub fn sheet_name(index: usize, name: &str) -> String {
    const MAX_UNITS: usize = 31;
    let clean: String = name
        .chars()
        .filter(|c| crate::hidden::kind(*c).is_none())
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '_',
            c => c,
        })
        .collect();
    let full = format!("{index} {}", clean.trim_matches('\''));
    if full.encode_utf16().count() <= MAX_UNITS {
        return full;
    }
    let mut s = String::new();
    let mut units = 0;
    for c in full.chars() {
        // Room for the ellipsis (one unit) after the kept characters.
        if units + c.len_utf16() > MAX_UNITS - 1 {
            break;
        }
        units += c.len_utf16();
        s.push(c);
    }
    let mut s = s.trim_end_matches('\'').to_string();
    s.push('…');
    s
}

/// Write an optional exact number, or a boxed “—” when there is none.
pub fn number(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: Option<Decimal>,
    format: &Format,
    styles: &Styles,
) -> Result<(), XlsxError> {
    match value.and_then(cell_number) {
        Some(v) => sheet.write_number_with_format(row, col, v, format)?,
        None => sheet.write_string_with_format(row, col, "—", &styles.center)?,
    };
    Ok(())
}

/// Merge a range (or write one cell when the range is a single cell).
pub fn merge(
    sheet: &mut Worksheet,
    (r1, c1): (u32, u16),
    (r2, c2): (u32, u16),
    text: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    if r1 == r2 && c1 == c2 {
        sheet.write_string_with_format(r1, c1, text, format)?;
    } else {
        sheet.merge_range(r1, c1, r2, c2, text, format)?;
    }
    Ok(())
}

/// Write the 一级 and 二级 columns (1 and 2) of an indicator table from row
/// `first`, each group merged over its run of rows, as on the official forms.
/// `groups` holds each indicator's (一级, 二级) in row order.
pub fn merge_groups(
    sheet: &mut Worksheet,
    first: u32,
    groups: &[(&str, &str)],
    format: &Format,
) -> Result<(), XlsxError> {
    let l1: Vec<&str> = groups.iter().map(|g| g.0).collect();
    for (a, b) in runs(&l1) {
        let name = l1.get(a).copied().unwrap_or_default();
        merge(
            sheet,
            (first + a as u32, 1),
            (first + b as u32, 1),
            name,
            format,
        )?;
    }
    for (a, b) in runs(groups) {
        let name = groups.get(a).map(|k| k.1).unwrap_or_default();
        merge(
            sheet,
            (first + a as u32, 2),
            (first + b as u32, 2),
            name,
            format,
        )?;
    }
    Ok(())
}

/// Runs of equal keys: (first index, last index) of each.
pub fn runs<T: PartialEq>(keys: &[T]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (i, k) in keys.iter().enumerate() {
        match out.last_mut() {
            Some((start, end)) if keys.get(*start) == Some(k) && *end + 1 == i => *end = i,
            _ => out.push((i, i)),
        }
    }
    out
}

/// A row tall enough for `text` wrapped in a column `width` characters wide
/// (a CJK character counts two).
pub fn fit_height(text: &str, width: f64) -> f64 {
    let w: usize = text
        .lines()
        .map(|l| unicode_width::UnicodeWidthStr::width(l).max(1))
        // A column of width w holds a little less than w half-width
        // characters once padding and proportional glyphs are counted.
        .map(|cols| ((cols as f64) / (width * 0.85).max(1.0)).ceil().max(1.0) as usize)
        .sum();
    (w.max(1) as f64) * 14.5 + 4.0
}

/// A measured value in its unit as a number with a number format that shows
/// the unit: `%` as a percentage (the cell holds the fraction), any other
/// unit after the digits (`8.84 万元`, `2 次`), as many decimals as written
/// (at most 2 are shown for percentages beyond that).
pub fn measured(value: Decimal, unit: Option<&str>) -> Option<(f64, String)> {
    let decimals = value.normalize().scale().min(4) as usize;
    let digits = if decimals == 0 {
        "#,##0".to_string()
    } else {
        format!("#,##0.{}", "0".repeat(decimals))
    };
    match unit {
        Some("%") => {
            let fraction = value.checked_div(Decimal::ONE_HUNDRED)?;
            let d = decimals.min(2);
            let f = if d == 0 {
                "0%".to_string()
            } else {
                format!("0.{}%", "0".repeat(d))
            };
            Some((cell_number(fraction)?, f))
        }
        Some(u) if !u.contains('"') => Some((cell_number(value)?, format!("{digits}\" {u}\""))),
        _ => Some((cell_number(value)?, digits)),
    }
}

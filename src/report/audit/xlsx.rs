//! The audit as a workbook: sheet 汇总 (the summary table, sorted as on the
//! terminal, and the totals) and sheet 发现 (one row per finding). Counts
//! and figures are numbers, so that a reviewer can filter and sum them.

use super::{finding_rows, FINDING_HEADER};
use crate::audit::summary::{Summary, HEADER};
use crate::audit::FormAudit;
use crate::report::xlsx::style::{self, Styles};
use crate::report::xlsx::{finish, message};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

/// The name of the summary sheet.
pub const SUMMARY_SHEET: &str = "汇总";
/// The name of the findings sheet.
pub const FINDINGS_SHEET: &str = "发现";

/// The workbook's bytes.
pub fn workbook(audits: &[FormAudit], summary: &Summary) -> Result<Vec<u8>, String> {
    let st = Styles::new();
    let mut book = Workbook::new();
    summary_sheet(book.add_worksheet(), summary, &st).map_err(message)?;
    findings_sheet(book.add_worksheet(), audits, &st).map_err(message)?;
    finish(&mut book, "自评复核")
}

fn header(sheet: &mut Worksheet, cells: &[&str], st: &Styles) -> Result<(), XlsxError> {
    for (c, h) in (0u16..).zip(cells) {
        sheet.write_string_with_format(0, c, *h, &st.label)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    style::print_setup(sheet, true, Some((0, 0)))
}

fn count(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    n: usize,
    st: &Styles,
) -> Result<(), XlsxError> {
    let n = u32::try_from(n).unwrap_or(u32::MAX);
    sheet.write_number_with_format(row, col, n, &st.center)?;
    Ok(())
}

fn summary_sheet(sheet: &mut Worksheet, summary: &Summary, st: &Styles) -> Result<(), XlsxError> {
    sheet.set_name(SUMMARY_SHEET)?;
    header(sheet, &HEADER, st)?;
    for (r, row) in (1u32..).zip(&summary.rows) {
        sheet.write_string_with_format(r, 0, &row.form, &st.text)?;
        sheet.write_string_with_format(r, 1, &row.project, &st.text)?;
        for (c, n) in (2u16..).zip(row.n.counts()) {
            count(sheet, r, c, n, st)?;
        }
        style::number(sheet, r, 8, Some(row.n.stake), &st.score, st)?;
        sheet.write_string_with_format(r, 9, row.best_text(), &st.text)?;
    }
    let last = u32::try_from(summary.rows.len()).unwrap_or(u32::MAX - 2) + 2;
    sheet.write_string_with_format(last, 0, summary.totals_line(), &st.note)?;
    for (c, w) in (0u16..).zip([36.0, 30.0, 10.0, 8.0, 8.0, 8.0, 8.0, 8.0, 10.0, 34.0]) {
        sheet.set_column_width(c, w)?;
    }
    Ok(())
}

fn findings_sheet(
    sheet: &mut Worksheet,
    audits: &[FormAudit],
    st: &Styles,
) -> Result<(), XlsxError> {
    sheet.set_name(FINDINGS_SHEET)?;
    header(sheet, &FINDING_HEADER, st)?;
    for (r, f) in (1u32..).zip(finding_rows(audits)) {
        let texts = [f.form, f.project, f.line.as_str(), f.code, f.severity];
        for (c, t) in (0u16..).zip(texts) {
            sheet.write_string_with_format(r, c, t, &st.text)?;
        }
        let numbers: [Option<Decimal>; 3] = [f.printed, f.computed, f.stake];
        for (c, d) in (5u16..).zip(numbers) {
            style::number(sheet, r, c, d, &st.score, st)?;
        }
        sheet.write_string_with_format(r, 8, f.message, &st.text)?;
    }
    for (c, w) in (0u16..).zip([30.0, 24.0, 20.0, 9.0, 6.0, 9.0, 9.0, 9.0, 70.0]) {
        sheet.set_column_width(c, w)?;
    }
    Ok(())
}

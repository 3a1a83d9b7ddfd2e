//! What a declaration holds beyond the official form's grid, written so that
//! `jixiao import` reads it back (see docs/reports.md, “往返”):
//!
//! - indicator attributes (中期指标值, 分值, 容差, 计分方向, 口径) as extra
//!   columns to the right of the indicator table, only those some indicator
//!   has;
//! - 项目经费情况说明 below the table: one labelled row per section, as the
//!   sections are titled on the real form (项目概述 … 年度预算安排);
//! - a 备注 section: one row per 校验 and per 允许.
//!
//! The labels are defined here once; the importer (src/import/xlsx/notes.rs)
//! recognises them.

use super::style::{fit_height, merge, Styles};
use crate::model::{Indicator, Project};
use crate::vocab::ProjectField;
use rust_xlsxwriter::{Worksheet, XlsxError};

/// The heading of the narrative rows.
pub const NARRATIVE_HEADING: &str = "项目经费情况说明";
/// The heading of the 校验/允许 rows (the importer accepts any `备注…`).
pub const NOTES_HEADING: &str = "备注（jixiao 校验与允许）";
/// The project fields written below the indicator table, a labelled row
/// each when present (the declaration sheet's `contacts`; the import reads
/// them back).
pub const CONTACT_FIELDS: [crate::model::ProjectField; 3] = crate::model::ProjectField::PEOPLE;
pub const CHECK_LABEL: &str = ProjectField::Check.word();
pub const ALLOW_LABEL: &str = ProjectField::Allow.word();

/// Titles of the indicator attribute columns, in order.
pub const MIDTERM_TITLE: &str = "中期指标值";
pub const POINTS_TITLE: &str = "分值";
pub const TOLERANCE_TITLE: &str = "容差";
pub const DIRECTION_TITLE: &str = "计分方向";
pub const CALIBER_TITLE: &str = "口径";

/// A 说明 section's title on the form: the keyword, or its long form.
pub fn section_title(key: &str) -> &str {
    crate::vocab::NarrativeKey::from_word(key).map_or(key, |k| k.title())
}

type Attribute = fn(&Indicator) -> Option<String>;

const ATTRIBUTES: [(&str, f64, Attribute); 5] = [
    // The 中期指标值 of a multi-year project, beside the 年度 one (issue 17).
    (MIDTERM_TITLE, 14.0, |i| {
        i.midterm.as_ref().map(ToString::to_string)
    }),
    (POINTS_TITLE, 8.0, |i| {
        i.points.map(|p| p.normalize().to_string())
    }),
    (TOLERANCE_TITLE, 10.0, |i| {
        i.tolerance.as_ref().map(ToString::to_string)
    }),
    (DIRECTION_TITLE, 10.0, |i| {
        i.direction.map(|d| d.chinese().to_string())
    }),
    (CALIBER_TITLE, 30.0, |i| i.caliber.clone()),
];

/// The attribute columns this project needs: (title, width).
pub fn attribute_columns(p: &Project) -> Vec<(&'static str, f64)> {
    ATTRIBUTES
        .iter()
        .filter(|(_, _, get)| p.indicators.iter().any(|i| get(i).is_some()))
        .map(|(t, w, _)| (*t, *w))
        .collect()
}

/// One indicator's attributes in the columns after 指标值. 分值 is a number.
pub fn attributes(
    sheet: &mut Worksheet,
    row: u32,
    ind: &Indicator,
    columns: &[(&str, f64)],
    st: &Styles,
) -> Result<(), XlsxError> {
    for (c, (title, _)) in columns.iter().enumerate() {
        let col = 5 + c as u16;
        let points = ind.points.and_then(super::style::cell_number);
        if let (true, Some(n)) = (*title == POINTS_TITLE, points) {
            sheet.write_number_with_format(row, col, n, &st.center)?;
            continue;
        }
        let value = ATTRIBUTES
            .iter()
            .find(|(t, _, _)| t == title)
            .and_then(|(_, _, get)| get(ind))
            .unwrap_or_default();
        sheet.write_string_with_format(row, col, value, &st.text)?;
    }
    Ok(())
}

/// The narrative and the 备注 rows, from `row` down. `width` is the width
/// of columns B–E (characters), for row heights.
pub fn below_indicators(
    sheet: &mut Worksheet,
    mut row: u32,
    p: &Project,
    width: f64,
    st: &Styles,
) -> Result<(), XlsxError> {
    let sections: Vec<(&str, &String)> = p
        .narrative
        .fields()
        .into_iter()
        .filter_map(|(k, v)| Some((k, v?)))
        .collect();
    if !sections.is_empty() {
        heading(sheet, row, NARRATIVE_HEADING, st)?;
        row += 1;
        for (key, text) in sections {
            sheet.write_string_with_format(row, 0, section_title(key), &st.label)?;
            merge(sheet, (row, 1), (row, 4), text, &st.text)?;
            sheet.set_row_height(row, fit_height(text, width).max(20.0))?;
            row += 1;
        }
    }
    if p.checks.is_empty() && p.allows.is_empty() {
        return Ok(());
    }
    heading(sheet, row, NOTES_HEADING, st)?;
    row += 1;
    for c in &p.checks {
        sheet.write_string_with_format(row, 0, CHECK_LABEL, &st.label)?;
        merge(sheet, (row, 1), (row, 4), &c.text, &st.text)?;
        sheet.set_row_height(row, fit_height(&c.text, width).max(20.0))?;
        row += 1;
    }
    for a in &p.allows {
        let reason = a.reason.clone().unwrap_or_default();
        sheet.write_string_with_format(row, 0, ALLOW_LABEL, &st.label)?;
        sheet.write_string_with_format(row, 1, &a.code, &st.center)?;
        merge(sheet, (row, 2), (row, 4), &reason, &st.text)?;
        sheet.set_row_height(row, fit_height(&reason, width - 12.0).max(20.0))?;
        row += 1;
    }
    Ok(())
}

fn heading(sheet: &mut Worksheet, row: u32, text: &str, st: &Styles) -> Result<(), XlsxError> {
    merge(sheet, (row, 0), (row, 4), text, &st.label)?;
    sheet.set_row_height(row, 22)?;
    Ok(())
}

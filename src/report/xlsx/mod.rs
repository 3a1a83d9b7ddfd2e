//! Workbooks in the official layouts: the 申报表 of a declaration and the
//! 自评表 of an evaluation, each with a department summary sheet first.
//! Cells that hold amounts, rates and scores are numbers with number
//! formats; see [`style::cell_number`] for the one Decimal → f64 step.

mod declaration;
pub mod notes;
mod selfeval;
pub mod style;

use crate::model::evaluation::Evaluation;
use crate::model::Workspace;
use rust_xlsxwriter::{DocProperties, Workbook, XlsxError};

pub use declaration::INDICATOR_HEADER_ROW as DECLARATION_HEADER_ROW;
pub use selfeval::INDICATOR_HEADER_ROW as EVALUATION_HEADER_ROW;

/// The name of the summary sheet (the first sheet).
pub const SUMMARY_SHEET: &str = "部门汇总";

fn summary_name(k: usize) -> String {
    if k == 0 {
        SUMMARY_SHEET.to_string()
    } else {
        format!("{SUMMARY_SHEET} {}", k + 1)
    }
}

pub(crate) fn finish(book: &mut Workbook, title: &str) -> Result<Vec<u8>, String> {
    let props = DocProperties::new()
        .set_title(title)
        .set_author("jixiao")
        .set_comment("由 jixiao 生成");
    book.set_properties(&props);
    book.save_to_buffer().map_err(message)
}

pub(crate) fn message(e: XlsxError) -> String {
    format!("无法生成工作簿：{e}")
}

/// The 财政项目支出绩效目标申报表 of every project, as .xlsx bytes.
pub fn declaration(ws: &Workspace) -> Result<Vec<u8>, String> {
    let st = style::Styles::new();
    let mut book = Workbook::new();
    let mut index = 0;
    for (k, d) in ws.departments.iter().enumerate() {
        declaration::summary_sheet(&mut book, &summary_name(k), d, &st).map_err(message)?;
    }
    for d in &ws.departments {
        for p in &d.projects {
            index += 1;
            let name = style::sheet_name(index, &p.name);
            declaration::project_sheet(&mut book, &name, d.year, p, &st).map_err(message)?;
        }
    }
    finish(&mut book, "财政项目支出绩效目标申报表")
}

/// The 项目支出绩效自评表 of every project and the department summary, as
/// .xlsx bytes. `ws` supplies what the evaluation does not carry (年度总体目标).
pub fn evaluation(ev: &Evaluation, ws: &Workspace) -> Result<Vec<u8>, String> {
    let st = style::Styles::new();
    let mut book = Workbook::new();
    selfeval::summary_sheet(&mut book, SUMMARY_SHEET, ev, &st).map_err(message)?;
    for (i, p) in ev.projects.iter().enumerate() {
        let name = style::sheet_name(i + 1, &p.name);
        let key = crate::model::name_key(&p.name);
        let declared = ws
            .projects()
            .find(|d| crate::model::name_key(&d.name) == key);
        selfeval::project_sheet(&mut book, &name, ev.year, p, declared, &st).map_err(message)?;
    }
    finish(&mut book, "项目支出绩效自评表")
}

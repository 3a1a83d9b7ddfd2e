//! Excel workbooks exported from the budget system (.xlsx; .xls/.ods also
//! open). Two layouts are recognised, per sheet:
//!
//! - **form**: one project per sheet, its fields as label cells with the
//!   value to the right (or below), then the indicator table;
//! - **list**: one table whose header row has a 项目名称 column, one row per
//!   indicator, projects grouped by name.
//!
//! The indicator table is found by its header row (一级指标, 二级指标,
//! 三级指标); targets are inline (`≥95%`) or split over 指标方向/指标性质,
//! 指标值 and 度量单位 columns. See docs/import.md for every column name.
//!
//! The workbook `jixiao report --xlsx` writes comes back whole: its 部门汇总
//! sheets are departments, not projects (`summary`), and the rows below
//! each indicator table hold 说明, 校验 and 允许 (`notes`).

pub(crate) mod columns;
mod fields;
mod formats;
mod groups;
mod guard;
mod notes;
mod rows;
mod selfeval;
mod summary;

use super::draft::{Draft, DraftProject};
use super::Imported;
use crate::diagnostic::{codes, Diagnostic};
use crate::source::SourceMap;
use calamine::{Data, Reader, Sheets};
use guard::Refused;
use rust_decimal::Decimal;
use std::str::FromStr;

/// A sheet as text cells, row by row.
pub(crate) struct Grid {
    pub name: String,
    pub cells: Vec<Vec<String>>,
}

impl Grid {
    pub fn cell(&self, row: usize, col: usize) -> &str {
        self.cells
            .get(row)
            .and_then(|r| r.get(col))
            .map(String::as_str)
            .unwrap_or("")
    }
    /// `工作表“表1”第 3 行第 C 列`.
    pub fn at(&self, row: usize, col: usize) -> String {
        format!("工作表“{}”的 {}{} 格", self.name, column_name(col), row + 1)
    }
    pub fn row_at(&self, row: usize) -> String {
        format!("工作表“{}”第 {} 行", self.name, row + 1)
    }
    /// Put a non-empty cell's text at (`row`, `col`), growing the grid only
    /// as far as it: rows end at their last non-empty cell. `used` counts
    /// the rows and cells of every grid so far, at most
    /// [`guard::MAX_GRID_CELLS`].
    fn place(
        &mut self,
        used: &mut usize,
        (row, col): (usize, usize),
        text: String,
    ) -> Result<(), Refused> {
        let new_rows = (row + 1).saturating_sub(self.cells.len());
        let new_cols = (col + 1).saturating_sub(self.cells.get(row).map_or(0, Vec::len));
        *used = used.saturating_add(new_rows).saturating_add(new_cols);
        if *used > guard::MAX_GRID_CELLS {
            return Err(Refused::Spread {
                sheet: self.name.clone(),
                cell: format!("{}{}", column_name(col), row + 1),
            });
        }
        if new_rows > 0 {
            self.cells.resize_with(row + 1, Vec::new);
        }
        if let Some(r) = self.cells.get_mut(row) {
            if r.len() <= col {
                r.resize(col + 1, String::new());
            }
            if let Some(slot) = r.get_mut(col) {
                *slot = text;
            }
        }
        Ok(())
    }
}

/// `0` → `A`, `27` → `AB`.
fn column_name(mut col: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(char::from(b'A' + (col % 26) as u8));
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    s.iter().rev().collect()
}

/// A cell's text. Numbers in their shortest exact form, dates as YYYY-MM-DD.
fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => float_text(*f),
        Data::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        Data::DateTime(dt) => serial_date(dt.as_f64()).unwrap_or_else(|| float_text(dt.as_f64())),
        Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
    }
}

/// A cell's text as the cell shows it: a number in a percent format as a
/// percent, a unit written in its format after it ([`formats`]).
fn shown_text(
    data: &Data,
    shown: Option<&std::collections::HashMap<(usize, usize), formats::Shown>>,
    at: (usize, usize),
) -> String {
    let text = cell_text(data);
    match (data, shown.and_then(|m| m.get(&at))) {
        (Data::Float(_) | Data::Int(_), Some(s)) => s.apply(&text),
        _ => text,
    }
}

/// An Excel number as text: the shortest decimal that reads back as the same
/// double (Excel stores 95 as 95, 10.04 as 10.04).
fn float_text(f: f64) -> String {
    let s = format!("{f}");
    match Decimal::from_str(&s) {
        Ok(d) => d.normalize().to_string(),
        Err(_) => s,
    }
}

/// Excel's serial day number (1900 system) → `YYYY-MM-DD`.
fn serial_date(serial: f64) -> Option<String> {
    let days = Decimal::from_str(&format!("{serial}")).ok()?.trunc();
    let days = i64::try_from(days.mantissa()).ok()?;
    // Day 25569 is 1970-01-01; the 1900 leap-year bug only affects dates
    // before March 1900, which budget forms do not have.
    let z = days.checked_sub(25569)?.checked_add(719_468)?;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// The sheets as grids. The workbook reader is third-party code fed user
/// bytes: what it may inflate is checked first, its panics become a
/// diagnostic, and an `.xlsx` sheet is read cell by cell (calamine's
/// `worksheet_range` allocates every cell of the used range, 24 GB for
/// one value at XFD1048576).
fn grids(bytes: &[u8]) -> Result<Vec<Grid>, Refused> {
    guard::inflated_size(bytes)?;
    guard::quietly(|| read_grids(bytes))
}

fn unreadable(e: impl std::fmt::Display) -> Refused {
    Refused::Unreadable(e.to_string())
}

fn read_grids(bytes: &[u8]) -> Result<Vec<Grid>, Refused> {
    let cursor = std::io::Cursor::new(bytes.to_vec());
    let mut book = calamine::open_workbook_auto_from_rs(cursor).map_err(unreadable)?;
    let mut out = Vec::new();
    let mut used = 0usize;
    let formats = formats::read(bytes);
    for name in book.sheet_names() {
        let mut grid = Grid {
            name: name.clone(),
            cells: Vec::new(),
        };
        if let Sheets::Xlsx(x) = &mut book {
            let mut reader = match x.worksheet_cells_reader(&name) {
                Ok(r) => r,
                // A chart sheet: no cells.
                Err(calamine::XlsxError::NotAWorksheet(_)) => {
                    out.push(grid);
                    continue;
                }
                Err(e) => return Err(unreadable(e)),
            };
            while let Some(cell) = reader.next_cell().map_err(unreadable)? {
                let data = Data::from(cell.get_value().clone());
                let (row, col) = cell.get_position();
                let at = (row as usize, col as usize);
                let text = shown_text(&data, formats.get(&name), at);
                if !text.is_empty() {
                    grid.place(&mut used, at, text)?;
                }
            }
        } else {
            let range = book.worksheet_range(&name).map_err(unreadable)?;
            let (row0, col0) = range
                .start()
                .map(|(r, c)| (r as usize, c as usize))
                .unwrap_or((0, 0));
            for (row, col, data) in range.cells() {
                let at = (row0 + row, col0 + col);
                let text = shown_text(data, formats.get(&name), at);
                if !text.is_empty() {
                    grid.place(&mut used, at, text)?;
                }
            }
        }
        out.push(grid);
    }
    Ok(out)
}

/// Import a workbook's bytes.
pub fn import_workbook(display: &str, bytes: &[u8]) -> Imported {
    let grids = match grids(bytes) {
        Ok(g) => g,
        Err(refused) => return Imported::failed(refused.diagnostic(display), SourceMap::new()),
    };
    let mut diagnostics = Vec::new();
    let mut draft = Draft::default();
    draft.comments.push(format!(
        "来源：Excel 工作簿（{display}），由 jixiao import 导入。"
    ));
    let mut found_table = false;
    let mut dept_labels = fields::DeptInfo::default();
    let mut summaries = Vec::new();
    for grid in &grids {
        if let Some(s) = summary::read(grid, &mut diagnostics) {
            summaries.push(s);
            continue;
        }
        dept_labels.merge(fields::dept_info(grid));
        let header = columns::find_header(grid);
        if let Some(h) = header.filter(|h| h.has(columns::Col::Project)) {
            found_table = true;
            fields::list_leftovers(grid, 0..h.row, &mut draft.comments, &mut diagnostics);
            let projects = rows::list_layout(grid, &h, &mut diagnostics);
            draft.projects.extend(projects);
            continue;
        }
        // Form layout: one project per 项目名称 label (usually one a sheet).
        for rows in fields::project_segments(grid) {
            let mut project = DraftProject::default();
            match columns::find_header_in(grid, rows.clone()) {
                Some(h) if h.is_selfeval() => {
                    found_table = true;
                    selfeval::read_project(grid, &h, rows, &mut project, &mut diagnostics);
                    finish_project(grid, &mut project);
                    draft.projects.push(project);
                }
                Some(h) => {
                    found_table = true;
                    fields::read(grid, rows.start..h.row, &mut project, &mut diagnostics);
                    let level1 = h.col(columns::Col::Level1).unwrap_or(0);
                    let end = notes::start(grid, h.row + 1, rows.end, level1);
                    (project.indicators, project.group_points) =
                        rows::indicators(grid, &h, h.row + 1, end, &mut diagnostics);
                    notes::read(grid, end, rows.end, &mut project, &mut diagnostics);
                    finish_project(grid, &mut project);
                    draft.projects.push(project);
                }
                None => {
                    let any = fields::read(grid, rows.clone(), &mut project, &mut diagnostics);
                    if any {
                        diagnostics.push(
                            Diagnostic::new(
                                &codes::IMPORT_NO_INDICATORS,
                                format!(
                                    "工作表“{}”第 {} 行起的项目有项目信息，但找不到指标表的表头（一级指标、二级指标、三级指标）",
                                    grid.name,
                                    rows.start + 1
                                ),
                            )
                            .help("检查指标表的表头是否被改名或删去；导入结果中该项目没有指标"),
                        );
                        project.indicator_comments.push(
                            "原表中没有找到指标表（表头应有一级指标、二级指标、三级指标），请补写指标"
                                .into(),
                        );
                        finish_project(grid, &mut project);
                        draft.projects.push(project);
                    } else if grid
                        .cells
                        .iter()
                        .skip(rows.start)
                        .take(rows.len())
                        .flatten()
                        .any(|c| !c.is_empty())
                    {
                        diagnostics.push(
                            Diagnostic::new(
                                &codes::IMPORT_UNPLACED,
                                format!("工作表“{}”中没有申报表的内容，已跳过", grid.name),
                            )
                            .severity(crate::Severity::Info),
                        );
                    }
                }
            }
        }
    }
    if !found_table && draft.projects.is_empty() {
        let d = Diagnostic::new(
            &codes::IMPORT_NO_HEADERS,
            format!("“{display}”的各工作表中都找不到指标表的表头（一级指标、二级指标、三级指标）"),
        )
        .help("导入的工作簿应有一行表头，含“一级指标”“二级指标”“三级指标”和“指标值”（或“指标方向”“指标值”“度量单位”）；可识别的列名见 docs/import.md");
        diagnostics.push(d);
        return Imported {
            diagnostics,
            ..Imported::default()
        };
    }
    if summaries.is_empty() {
        dept_labels.apply(&mut draft);
        return Imported::from_draft(draft, diagnostics, SourceMap::new());
    }
    let drafts = by_department(draft, &summaries, &dept_labels, &mut diagnostics);
    Imported::from_drafts(drafts, diagnostics, SourceMap::new())
}

/// One draft per summary sheet: each project goes to the department whose
/// summary lists it (the sheets follow the summaries in order, so an
/// unlisted project stays with the one before it). The first draft keeps
/// the workbook's comments.
fn by_department(
    mut all: Draft,
    summaries: &[summary::Summary],
    labels: &fields::DeptInfo,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Draft> {
    let key = |s: &str| crate::model::name_key(s);
    let mut groups: Vec<Vec<DraftProject>> = summaries.iter().map(|_| Vec::new()).collect();
    let mut current = 0;
    for p in std::mem::take(&mut all.projects) {
        let k = key(&p.name);
        let n = summaries.len();
        let home = (current..n).chain(0..current).find(|&i| {
            let listed = summaries
                .get(i)
                .is_some_and(|s| s.projects.iter().any(|l| key(&l.name) == k));
            let taken = groups
                .get(i)
                .is_some_and(|g| g.iter().any(|q| key(&q.name) == k));
            listed && !taken
        });
        current = home.unwrap_or(current);
        if let Some(g) = groups.get_mut(current) {
            g.push(p);
        }
    }
    let mut drafts = Vec::new();
    for (s, projects) in summaries.iter().zip(groups) {
        summary::compare(s, &projects, diagnostics);
        let mut d = Draft {
            comments: if drafts.is_empty() {
                std::mem::take(&mut all.comments)
            } else {
                Vec::new()
            },
            claim: s.claim.clone(),
            projects,
            ..Draft::default()
        };
        d.comments.extend(s.comments.iter().cloned());
        labels.overridden(s.name.clone(), s.year).apply(&mut d);
        merge_same_name(&mut drafts, d, &s.sheet);
    }
    drafts
}

/// A department declared in several files has a summary sheet for each;
/// one file holds it once: the projects join the first draft of that name.
fn merge_same_name(drafts: &mut Vec<Draft>, d: Draft, sheet: &str) {
    let Some(first) = drafts
        .iter_mut()
        .find(|o| o.name.is_some() && o.name == d.name)
    else {
        drafts.push(d);
        return;
    };
    first.projects.extend(d.projects);
    first.trailing.extend(d.comments);
    if first.year.is_none() {
        first.year = d.year;
    }
    match (&first.claim, d.claim) {
        (None, claim) => first.claim = claim,
        (Some(_), Some(c)) => first.trailing.push(format!(
            "工作表“{sheet}”另有申报声明：申报 {} 个项目，资金 {} {}",
            c.count.normalize(),
            crate::model::group_thousands(c.amount),
            c.unit
        )),
        (Some(_), None) => {}
    }
}

fn finish_project(grid: &Grid, project: &mut DraftProject) {
    if project.name.is_empty() {
        project.name = grid.name.clone();
        project
            .comments
            .push(format!("原表没有“项目名称”，此处用工作表名“{}”", grid.name));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(27), "AB");
        assert_eq!(serial_date(45658.0).as_deref(), Some("2025-01-01"));
        assert_eq!(float_text(95.0), "95");
        assert_eq!(float_text(10.04), "10.04");
    }
}

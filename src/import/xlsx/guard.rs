//! What a workbook may cost before and while the third-party reader
//! (calamine) opens it: the bytes its zip inflates to, the cells a sheet
//! spreads over, and the panics calamine raises on a damaged file.

use crate::diagnostic::{codes, Diagnostic};
use std::cell::Cell;
use std::io::Read;
use std::sync::Once;

/// The most bytes all parts of a workbook may inflate to. The workbooks
/// the budget system exports inflate to a few MB; the reader holds a whole
/// sheet's XML and its shared strings in memory.
pub const MAX_INFLATED: u64 = 32 << 20;

/// The most cells (empty ones too, as rows are read from column A) the
/// sheets' grids may hold, plus one a row: a value far down or to the
/// right (XFD1048576) would otherwise make every row up to it.
pub const MAX_GRID_CELLS: usize = 1 << 20;

/// Why a workbook was not read.
#[derive(Debug)]
pub enum Refused {
    /// The zip inflates (or says it inflates) to more than [`MAX_INFLATED`].
    Inflates { part: String, bytes: u64 },
    /// A sheet's grid would hold more than [`MAX_GRID_CELLS`].
    Spread { sheet: String, cell: String },
    /// The reader panicked: the file is damaged.
    Damaged,
    /// The reader could not open or read it (its reason).
    Unreadable(String),
}

impl Refused {
    pub fn diagnostic(&self, display: &str) -> Diagnostic {
        match self {
            Refused::Inflates { part, bytes } => Diagnostic::new(
                &codes::IMPORT_INFLATES_TOO_MUCH,
                format!(
                    "“{display}”解压后太大：读到“{part}”时已超过 {} MB（{bytes} 字节以上），没有导入",
                    MAX_INFLATED >> 20
                ),
            )
            .help("预算系统导出的工作簿解压后只有几 MB；这个文件可能已损坏或被做了手脚。请从预算系统重新导出，或在 Excel 中打开后另存为 .xlsx 再导入"),
            Refused::Spread { sheet, cell } => Diagnostic::new(
                &codes::IMPORT_SHEET_TOO_LARGE,
                format!(
                    "“{display}”的工作表“{sheet}”范围太大：内容一直写到了 {cell} 格，超过了可以导入的 {} 个单元格，没有导入",
                    MAX_GRID_CELLS
                ),
            )
            .help(format!("在 Excel 中删除 {cell} 等远处多余的内容（或删除空白的行和列）后保存，再导入")),
            Refused::Damaged => Diagnostic::new(
                &codes::IMPORT_BROKEN_WORKBOOK,
                format!("“{display}”已损坏，读不出内容（工作簿内部的引用指向不存在的内容）"),
            )
            .help("在 Excel 中打开（Excel 会尝试修复）后另存为 .xlsx 再导入，或从预算系统重新导出"),
            Refused::Unreadable(why) => Diagnostic::new(
                &codes::IMPORT_NOT_WORKBOOK,
                format!("“{display}”不是能读取的 Excel 工作簿（{why}）"),
            )
            .help("在 Excel 中打开后另存为 .xlsx 再导入"),
        }
    }
}

/// Check a zip-based workbook's parts before the reader inflates them:
/// their declared sizes, then (reading each through to the end, in
/// constant memory) their real ones, which a crafted zip can understate.
/// Bytes that are not a zip are left to the reader.
pub fn inflated_size(bytes: &[u8]) -> Result<(), Refused> {
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return Ok(());
    };
    let mut declared = 0u64;
    for i in 0..zip.len() {
        let Ok(part) = zip.by_index_raw(i) else {
            continue;
        };
        declared = declared.saturating_add(part.size());
        if declared > MAX_INFLATED {
            return Err(Refused::Inflates {
                part: part.name().to_string(),
                bytes: declared,
            });
        }
    }
    let mut total = 0u64;
    for i in 0..zip.len() {
        let Ok(part) = zip.by_index(i) else {
            continue;
        };
        let name = part.name().to_string();
        let budget = MAX_INFLATED - total;
        let read = std::io::copy(&mut part.take(budget + 1), &mut std::io::sink()).unwrap_or(0);
        total += read;
        if read > budget {
            return Err(Refused::Inflates {
                part: name,
                bytes: total,
            });
        }
    }
    Ok(())
}

thread_local! {
    /// Set while the reader runs on this thread: its panics are caught and
    /// reported as a diagnostic, so their text must not reach the user.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Run the reader, turning a panic into [`Refused::Damaged`] without the
/// panic's text on standard error. Panics elsewhere (other threads, or
/// outside `f`) still go to the hook that was there before.
pub fn quietly<R>(f: impl FnOnce() -> Result<R, Refused>) -> Result<R, Refused> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    let was = QUIET.with(|q| q.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    QUIET.with(|q| q.set(was));
    result.unwrap_or(Err(Refused::Damaged))
}

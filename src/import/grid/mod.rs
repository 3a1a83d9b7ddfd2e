//! Published forms in the layouts budget systems print (issue 18): 申报表,
//! 自评表 and 批复表 of any province, as a PDF/Word extractor or a web page
//! gives their text. The text is read as a stream of cells ([`cells`]);
//! labelled cells give the project's fields, funds and budget grid
//! ([`fields`], [`budget`]), and the indicator table is read by its header
//! row ([`table`]). Whatever cannot be placed is a comment and a diagnostic;
//! a text whose layout is not recognised is `JX-I017 版式无法识别`, naming
//! the cell where recognition stopped — never a garbage write.

pub(crate) mod budget;
pub(crate) mod cells;
mod declared;
pub(crate) mod fields;
mod forms;
mod goals;
mod leftover;
pub(crate) mod table;
mod truncated;
mod unit_code;
mod unrecognized;
mod words;

pub use words::label_words;

use crate::diagnostic::{codes, Diagnostic};
use crate::import::draft::{Draft, DraftProject, DraftSelfEval, Entry};
use crate::source::{FileId, Span};
use cells::Cell;
use fields::FormKind;

/// The cells and which of them a reader has placed.
pub(crate) struct Cells<'a> {
    cells: &'a [Cell],
    used: Vec<bool>,
    last: Option<usize>,
    /// Flattened text: cells are whitespace runs, so one value (a sentence
    /// with spaces) may be several cells.
    pub flattened: bool,
}

impl<'a> Cells<'a> {
    pub fn new(cells: &'a [Cell]) -> Cells<'a> {
        // Only flattened text has several cells on a line and never an
        // empty one (`|` rows have empty cells, one-per-line text one cell
        // a line).
        let flattened = !cells.iter().any(Cell::is_empty)
            && cells
                .windows(2)
                .any(|w| w.first().map(|c| c.line) == w.get(1).map(|c| c.line));
        Cells {
            cells,
            used: vec![false; cells.len()],
            last: None,
            flattened,
        }
    }
    pub fn len(&self) -> usize {
        self.cells.len()
    }
    pub fn cell(&self, i: usize) -> Option<&'a Cell> {
        self.cells.get(i)
    }
    pub fn text(&self, i: usize) -> &'a str {
        self.cells.get(i).map(|c| c.text.as_str()).unwrap_or("")
    }
    pub fn is_used(&self, i: usize) -> bool {
        self.used.get(i).copied().unwrap_or(true)
    }
    pub fn use_cell(&mut self, i: usize) {
        if let Some(u) = self.used.get_mut(i) {
            *u = true;
            self.last = Some(self.last.map_or(i, |l| l.max(i)));
        }
    }
    /// The last cell placed so far.
    pub fn last_used(&self) -> Option<usize> {
        self.last
    }
    #[cfg(test)]
    pub fn used_flags(&self) -> Vec<bool> {
        self.used.clone()
    }
    /// The first non-empty cell in `from..end`.
    pub fn next_filled(&self, from: usize, end: usize) -> Option<usize> {
        (from..end.min(self.len())).find(|&i| !self.text(i).is_empty())
    }
    /// The value of the label at `i`: the next filled cell, unless it is
    /// placed already, another label or a part of the form's structure.
    /// A `(盖章)` cell after the label belongs to the label.
    pub fn value_after(
        &mut self,
        i: usize,
        end: usize,
        is_label: impl Fn(&str) -> bool,
    ) -> Option<String> {
        let mut n = self.next_filled(i + 1, end)?;
        if fields::key(self.text(n)).is_empty() && self.text(n).contains("盖章") {
            self.use_cell(n);
            n = self.next_filled(n + 1, end)?;
        }
        let text = self.text(n);
        if self.is_used(n) || is_label(text) || is_structural(text) {
            return None;
        }
        self.use_cell(n);
        Some(text.to_string())
    }
}

/// Cells that are part of the form's structure, never a field's value:
/// the budget grid's rows and columns, the table's headings, `单位:万元`,
/// a form's title.
pub(crate) fn is_structural(text: &str) -> bool {
    let k = fields::key(text);
    budget::row_key(text).is_some()
        || crate::vocab::BudgetColumn::from_header(text).is_some()
        || k.starts_with("绩效指标")
        || k.starts_with("一级指标")
        || k.starts_with("单位:")
        || k.starts_with("金额单位")
        || k.starts_with("资金情况")
        || k.starts_with("项目资金")
        || k.starts_with("预算资金")
        || FormKind::of_title(text).is_some()
}

/// Does the text look like a published form at all (a title, a 项目名称
/// or an indicator header word)? If not, the seed reader's “no 申报表”
/// stands.
pub(crate) fn looks_like_form(text: &str) -> bool {
    cells::cells(text).iter().any(|c| {
        // A title is no sentence: “这是一段与申报表无关的文字。” is no form.
        let titled = !c.text.ends_with(['。', '！', '？', '；']);
        titled && FormKind::of_title(&c.text).is_some()
            || fields::label(&c.text) == Some(fields::Label::Name)
            || fields::key(&c.text).contains("一级指标")
    })
}

/// The layout recognised, for the import summary: `自评表（表格文本）`.
pub(crate) fn layout_word(draft: &Draft) -> &'static str {
    if draft.projects.iter().any(|p| p.selfeval.is_some()) {
        "自评表（表格文本）"
    } else {
        "申报表（表格文本）"
    }
}

/// Read a form in a generic layout.
pub(crate) fn import(
    file: FileId,
    source_name: Option<&str>,
    text: &str,
) -> (Option<Draft>, Vec<Diagnostic>) {
    let all = cells::cells(text);
    let parts = forms::split(&all);
    let hint = forms::hint(&all);
    let mut drafts = Vec::new();
    let mut diagnostics = Vec::new();
    for part in parts {
        let Some(header) = table::find_header(part) else {
            return (None, vec![no_header(file, part)]);
        };
        match table::read(part, &header) {
            Ok(read) => {
                let (draft, d) = assemble_with(file, source_name, part, &header, read, hint);
                diagnostics.extend(d);
                drafts.extend(draft);
            }
            Err(d) => return (None, vec![d]),
        }
    }
    (forms::merge(drafts), diagnostics)
}

/// The draft from the cells, the table's header and what the table held.
#[cfg(test)]
pub(crate) fn assemble(
    file: FileId,
    source_name: Option<&str>,
    all: &[Cell],
    header: &table::Header,
    read: (table::Table, Vec<Diagnostic>),
) -> (Option<Draft>, Vec<Diagnostic>) {
    assemble_with(file, source_name, all, header, read, forms::Hint::default())
}

/// [`assemble`], with the kind and year of the text's other forms for a
/// part that prints no title.
fn assemble_with(
    file: FileId,
    source_name: Option<&str>,
    all: &[Cell],
    header: &table::Header,
    (table, mut diagnostics): (table::Table, Vec<Diagnostic>),
    hint: forms::Hint,
) -> (Option<Draft>, Vec<Diagnostic>) {
    let mut cells = Cells::new(all);
    let table_end = table.end.max(header.end).min(all.len());
    for i in header.start..table_end {
        cells.use_cell(i);
    }
    // A 合计/总分 row printed after the table's end was read as the total.
    if let Some((a, b)) = table.total_cells {
        for i in a..b {
            cells.use_cell(i);
        }
    }
    // `绩效指标` (often vertical, `绩 效 指 标`; `本年度 绩效指标`) heads
    // the table.
    if let Some(h) = (0..header.start).rev().find(|&i| !cells.text(i).is_empty()) {
        // `绩效指标(90分)` prints a weight: left over, so kept as a comment.
        let k = fields::key(cells.text(h));
        if k.contains("绩效指标") && !k.contains(|c: char| c.is_ascii_digit()) {
            cells.use_cell(h);
        }
    }
    let mut project = DraftProject::default();
    let above = 0..header.start.min(all.len());
    // The grid first: its headings then stop the fields' values.
    let grid = budget::read_grid(&mut cells, above.clone());
    let mut info = fields::read(&mut cells, above.clone(), &mut project);
    info.kind = info.kind.or(hint.kind);
    info.year = info.year.or(hint.year);
    diagnostics.extend(unit_codes(file, all, &info));
    let kind = info.kind.unwrap_or(FormKind::Declaration);
    if let Some(g) = &grid {
        project.funds_unit = g.unit.clone();
        if let Some(f) = budget::declared(g) {
            project.funds.push(Entry::new(f));
        }
    }
    if kind == FormKind::Declaration && grid.is_none() {
        let (funds, unit) = declared::read_declared(&mut cells, above.clone());
        if !funds.is_empty() {
            project.funds = funds;
            project.funds_unit = unit;
        }
    }
    project.indicators = table.indicators;
    project.group_points = table.group_points;
    project.indicator_comments = table.trailing;
    // A table with 自评 values (完成值, 得分, 合计) is a 自评表's even when its
    // title was not read above it (大英: the pages out of order): its
    // values are written, not dropped.
    if kind == FormKind::SelfEval || !table.actuals.is_empty() {
        let cut = truncated::check(&cells, file, table_end, table.total.is_some());
        let mut se = DraftSelfEval {
            budget: grid.map(|g| g.rows).unwrap_or_default(),
            actuals: table.actuals,
            subtotals: table.subtotals,
            total: table.total,
            ..DraftSelfEval::default()
        };
        if let Some(a) = &info.achieved {
            se.comments
                .push(format!("原表“年度总体目标”的实际完成情况：{a}"));
        }
        if let Some((d, comment)) = cut {
            diagnostics.push(d);
            se.comments.push(comment);
        }
        project.selfeval = Some(se);
    } else {
        // A 申报表's 合计/小计 rows (the points): comments, not dropped.
        let totals = printed_totals(&table.subtotals, table.total.as_ref());
        project.indicator_comments.extend(totals);
        for row in grid.map(|g| g.rows).unwrap_or_default() {
            project.comments.extend(row.comments);
            if let Some(r) = row.value {
                project
                    .comments
                    .push(format!("原表预算栏“{}”一行：{}", r.key, describe(&r)));
            }
        }
    }
    if project.name.is_empty() && info.whole_department {
        // 部门整体支出绩效自评表: the department's whole spending is the
        // one “project”.
        project.name = "部门整体支出".into();
    }
    if project.name.is_empty() {
        project.name = "（项目名称未知）".into();
        project.comments.push("原表中找不到项目名称，请补写".into());
    }
    let (before, after) = leftover::collect(&cells, file, header.start, &mut diagnostics);
    project.comments.extend(before);
    match &mut project.selfeval {
        Some(se) => se.comments.extend(after),
        None => project.indicator_comments.extend(after),
    }
    let mut draft = Draft::default();
    if let Some(f) = source_name {
        draft.comments.push(format!(
            "来源：{}的表格文本（{f}），由 jixiao import 导入。",
            kind.word()
        ));
    }
    if let Some(t) = &info.title {
        draft.comments.push(format!("原表标题：{t}"));
    }
    draft.projects.push(project);
    fields::settle(&mut draft, &info);
    let has_selfeval = draft.projects.iter().any(|p| p.selfeval.is_some());
    if has_selfeval && draft.year.is_none() {
        diagnostics.push(
            Diagnostic::new(
                &codes::IMPORT_UNPLACED,
                "原表没有印年度：自评部分（预算栏、完成值、分值、得分）写成了注释",
            )
            .help("在导入结果中补写 `年度` 和 `自评` 块的年份，再去掉那几行前面的 #"),
        );
    }
    (Some(draft), diagnostics)
}

/// JX-I008 for each unit code stripped from a name.
fn unit_codes(file: FileId, all: &[Cell], info: &fields::Header) -> Vec<Diagnostic> {
    let one = |(at, printed, code): &(usize, String, String)| {
        let mut d = Diagnostic::new(
            &codes::IMPORT_CORRECTED,
            format!("“{printed}”前的“{code}”是预算系统的单位编码，单位名称写作去掉编码的名称"),
        )
        .help("原文保留在导入结果的注释中；需要编码时请手工补回");
        if let Some(c) = all.get(*at) {
            d = d.label(Span::new(file, c.start, c.end), "单位编码在这一格");
        }
        d
    };
    info.unit_codes.iter().map(one).collect()
}

/// A 申报表's printed 小计 and 合计 rows in words, for comments.
fn printed_totals(
    subtotals: &[Entry<crate::import::draft::DraftSubtotal>],
    total: Option<&Entry<crate::import::draft::DraftTotal>>,
) -> Vec<String> {
    let cells = |points: Option<rust_decimal::Decimal>, score: Option<rust_decimal::Decimal>| {
        [("分值", points), ("得分", score)]
            .iter()
            .filter_map(|(k, v)| v.map(|v| format!(" {k} {v}")))
            .collect::<String>()
    };
    let mut out: Vec<String> = subtotals
        .iter()
        .filter_map(|e| e.value.as_ref())
        .map(|s| {
            format!(
                "原表“{}”小计一行：{}",
                s.group,
                cells(s.points, s.score).trim()
            )
        })
        .collect();
    if let Some(t) = total.and_then(|e| e.value.as_ref()) {
        let grade = t
            .grade
            .as_ref()
            .map(|g| format!(" 等级 {g}"))
            .unwrap_or_default();
        out.push(format!(
            "原表合计一行：{}{grade}",
            cells(t.points, t.score).trim()
        ));
    }
    out
}

/// A budget row in words, for a 申报表's comment.
fn describe(r: &crate::import::draft::DraftBudgetRow) -> String {
    let cells = [
        ("年初", r.start),
        ("全年", r.full),
        ("执行", r.spent),
        ("分值", r.points),
        ("执行率", r.rate.as_ref().map(|x| x.0)),
        ("得分", r.score),
    ];
    let parts: Vec<String> = cells
        .iter()
        .filter_map(|(k, v)| v.map(|v| format!("{k} {v}")))
        .collect();
    parts.join(" ")
}

/// JX-I017 when no indicator header is found: names the cell where the
/// table should begin (`绩效指标`, `一级指标`), else the first cell after
/// the last one the field readers understood, else the first they did not.
fn no_header(file: FileId, all: &[Cell]) -> Diagnostic {
    if let Some(r) = unrecognized::reason(all) {
        return Diagnostic::new(
            &codes::IMPORT_LAYOUT_UNKNOWN,
            format!(
                "第 {} 行“{}”起认不出指标表的版式：{}",
                r.line,
                excerpt(&r.text),
                r.why
            ),
        )
        .label(Span::new(file, r.start, r.end), "从这里起认不出")
        .help(r.help);
    }
    let mut cells = Cells::new(all);
    let mut scratch = DraftProject::default();
    let _ = budget::read_grid(&mut cells, 0..all.len());
    let _ = fields::read(&mut cells, 0..all.len(), &mut scratch);
    let table_word = |c: &Cell| {
        let k = fields::key(&c.text);
        k.contains("绩效指标") || k.contains("一级指标") || k == "一级"
    };
    let unused_from =
        |from: usize| (from..all.len()).find(|&i| !cells.is_used(i) && !cells.text(i).is_empty());
    let after = cells.last_used().map_or(0, |l| l + 1);
    let at = all
        .iter()
        .position(table_word)
        .or_else(|| unused_from(after))
        .or_else(|| unused_from(0))
        .or_else(|| cells.next_filled(0, all.len()))
        .and_then(|i| all.get(i));
    let mut d = Diagnostic::new(
        &codes::IMPORT_LAYOUT_UNKNOWN,
        match at {
            Some(c) => format!("第 {} 行“{}”起认不出指标表的版式", c.line, excerpt(&c.text)),
            None => "文本中没有内容，认不出指标表的版式".to_string(),
        },
    )
    .help(
        "jixiao 按“一级指标 二级指标 三级指标”这一行表头找到指标表；这份文本里找不到它，没有写出任何内容。\
         请核对文本是否完整（网页摘录常在表中途截断），或把表格另存为 .xlsx 后再导入",
    );
    if let Some(c) = at {
        d = d.label(Span::new(file, c.start, c.end), "从这里起认不出");
    }
    d
}

/// The first 20 characters of a cell.
pub(crate) fn excerpt(text: &str) -> String {
    let mut s: String = text.chars().take(20).collect();
    if text.chars().count() > 20 {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests;

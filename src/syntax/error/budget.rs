//! Slips in the budget section of a 自评 (`预算 { … }`, issue 17).

use super::Msg;
use crate::diagnostic::codes;
use crate::syntax::scene::Scene;
use crate::vocab::BudgetColumn;

/// `执行数 2 万元`, `全年预算数 251.89 万元`: a column written as the form's
/// header instead of the column's word.
pub(super) fn header_for_column(s: &Scene<'_>, found: &str, lead: &str) -> Option<Msg> {
    if s.open.last()?.key != "预算" || !found.starts_with(|c: char| c > '\u{2E7F}') {
        return None;
    }
    let column = BudgetColumn::ALL
        .iter()
        .filter(|c| s.before.ends_with(c.word()))
        .max_by_key(|c| c.word().len())?;
    let word = column.word();
    let written = format!("{word}{found}");
    let words: Vec<&str> = BudgetColumn::IN_FORM_ORDER
        .iter()
        .map(|c| c.word())
        .collect();
    Some(
        Msg::new(
            &codes::SYNTAX,
            format!(
                "{lead}预算栏的列写作{}，这里写成了“{written}”",
                words
                    .iter()
                    .map(|w| format!("“{w}”"))
                    .collect::<Vec<_>>()
                    .join("、")
            ),
            s.pos - word.len(),
            written.len(),
            "表头的写法",
        )
        .help(format!(
            "“{written}”是表上的列名；写成“{word}”加数值，如“{word} {}”",
            match column {
                BudgetColumn::Rate => "100.00%",
                BudgetColumn::Points | BudgetColumn::Score => "10",
                BudgetColumn::Initial | BudgetColumn::Adjusted | BudgetColumn::Spent => {
                    "251.89 万元"
                }
            }
        )),
    )
}

//! The language's words, each set declared once (issue 16).
//!
//! One file per word set. Each set is an enum whose variants carry their
//! canonical word and every other accepted spelling ([`word_set!`]); the fast
//! parser, the error messages, lowering, fmt, diff, import and the
//! suggestions ("是不是想写…") read these tables, and `tests/vocabulary.rs`
//! checks that each alternation of `grammar/jixiao.pest` lists exactly the
//! same spellings. A new spelling is one line here and one in the grammar.

#[macro_use]
mod word_set;
mod budget;
mod comparator;
mod fields;
mod formula;
mod function;
mod funds;
mod levels;
mod narrative;
mod printed;
mod units;
mod verdict;

pub use budget::{BudgetColumn, BudgetLine, BudgetRowKey};
pub use comparator::{Comparator, Direction, Postfix};
pub use fields::{Block, FieldValue, ProjectField};
pub use formula::FormulaKind;
pub use function::Function;
pub use funds::{FundKey, OF_WHICH};
pub use levels::{COST_LEVEL1, LEVEL1, LEVEL2, REQUIRED_LEVEL1};
pub use narrative::NarrativeKey;
pub use printed::{is_grade, Printed, SumLine, GRADE_SPELLINGS};
pub use units::{canonical_sign, canonical_text, PERCENT_WORD, UNIT_SIGNS};
pub use verdict::{Grade, NOT_VERDICTS};

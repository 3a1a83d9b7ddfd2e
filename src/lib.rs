//! jixiao（绩效）: a plain-text language for the performance targets of
//! publicly funded projects, and a rules engine that grades them.
//!
//! The pipeline runs one way: text → [`syntax`] → [`lower`] → [`model`] →
//! [`check`] findings (and later evaluation, formatting, diffs). The core does
//! no I/O beyond the small [`load`] module, so it can be embedded:
//!
//! ```
//! let text = r#"
//! 部门 "示例局" {
//!   年度 2025
//!   项目 "示例项目" {
//!     资金 {
//!       总额 10.04 万元
//!     }
//!     指标 {
//!       产出指标 {
//!         数量指标 {
//!           培训人数 ≥ 140 人
//!         }
//!       }
//!     }
//!   }
//! }
//! "#;
//! let checked = jixiao::check_text("示例.jx", text);
//! assert!(!checked.has_errors());
//! let project = &checked.workspace.departments[0].projects[0];
//! assert_eq!(project.funds.total.as_ref().unwrap().quantity.yuan(), Some(100_400.into()));
//! assert_eq!(project.indicators[0].target.to_string(), "≥ 140 人");
//! ```

// Library code never panics on what a user writes: no unwrap/expect/panic and
// no unchecked indexing outside tests (issue 8). A site that truly cannot fail
// says why in an `#[allow]` with a reason.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod check;
pub mod diagnostic;
pub mod diff;
pub mod engine;
pub mod files;
pub mod format;
pub mod hidden;
pub mod import;
pub mod load;
pub mod lower;
pub mod model;
mod parallel;
mod pipeline;
pub mod report;
pub mod safe_write;
pub mod source;
pub mod suggest;
pub mod syntax;

// ── performance (issue 7): workload generator for benchmarks ──
#[doc(hidden)]
pub mod gen;

pub use diagnostic::{Diagnostic, Severity};
pub use engine::evaluate;
pub use load::{LoadOptions, Loaded};
pub use model::evaluation::{Actuals, Evaluation};
pub use model::rules::RuleSet;
pub use model::Workspace;
pub use pipeline::{
    check_paths, check_report, check_text, evaluate_paths, evaluate_text, evaluate_text_to,
    evaluate_to, parse_rules, CheckReport, Checked, Evaluated, Streamed, DEFAULT_RULES,
    DEFAULT_RULES_NAME,
};
pub use source::SourceMap;

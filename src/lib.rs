//! jixiao（绩效）: a plain-text language for the performance targets of
//! publicly funded projects (绩效目标申报表), and a rules engine that grades
//! them against the year-end actuals (自评).
//!
//! A run goes one way: text → syntax tree → model → findings → (evaluation)
//! → output, driven by one pipeline. What an embedding program calls:
//!
//! - check: [`check_text`], [`check_paths`] (keeping the [`Workspace`]) and
//!   [`check_report`] (keeping nothing: bounded memory);
//! - evaluate: [`evaluate_text`], [`evaluate_paths`] (an [`Evaluation`]),
//!   [`evaluate_to`], [`evaluate_text_to`] (a report streamed to a writer),
//!   [`parse_rules`];
//! - load: [`load`]; format: [`format`](mod@format); diff: [`diff`]; import:
//!   [`import`]; reports: [`report`]; the model: [`model`]; what went wrong:
//!   [`diagnostic`], placed in the files of a [`source::SourceMap`].
//!
//! The core does no I/O beyond [`load`], so it can be embedded:
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

// The public API: what an embedding program needs.
pub mod audit;
pub mod diagnostic;
pub mod diff;
pub mod format;
pub mod import;
pub mod load;
pub mod model;
pub mod report;
pub mod source;
pub mod vocab;

// Doors for the command line, the tests, benches, examples and fuzz targets
// into the layers below the pipeline: public, but not part of the API.
#[doc(hidden)]
pub mod check;
#[doc(hidden)]
pub mod engine;
#[doc(hidden)]
pub mod files;
#[doc(hidden)]
pub mod gen;
#[doc(hidden)]
pub mod lower;
#[doc(hidden)]
pub mod lsp;
#[doc(hidden)]
pub mod safe_write;
#[doc(hidden)]
pub mod syntax;

mod hidden;
mod parallel;
#[warn(missing_docs)]
mod pipeline;
mod suggest;

pub use diagnostic::{Diagnostic, Severity};
pub use engine::evaluate;
pub use load::{LoadOptions, Loaded};
pub use model::evaluation::{Actuals, Evaluation};
pub use model::rules::RuleSet;
pub use model::Workspace;
pub use pipeline::{
    check_paths, check_report, check_report_text, check_text, evaluate_form_text, evaluate_paths,
    evaluate_text, evaluate_text_to, evaluate_texts, evaluate_to, parse_rules, CheckReport,
    Checked, Evaluated, ProjectCache, Streamed, DEFAULT_RULES, DEFAULT_RULES_NAME,
};
pub use source::SourceMap;

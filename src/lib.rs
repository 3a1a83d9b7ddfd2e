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

pub mod check;
pub mod diagnostic;
pub mod import;
pub mod load;
pub mod lower;
pub mod model;
pub mod source;
pub mod suggest;
pub mod syntax;

pub use diagnostic::{Diagnostic, Severity};
pub use load::{LoadOptions, Loaded};
pub use model::Workspace;
pub use source::SourceMap;

/// A loaded, lowered and checked set of files.
#[derive(Debug)]
pub struct Checked {
    pub loaded: Loaded,
    pub workspace: Workspace,
    /// Every diagnostic, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
    pub fn sources(&self) -> &SourceMap {
        &self.loaded.sources
    }
}

fn finish(mut loaded: Loaded) -> Checked {
    let (workspace, mut diagnostics) = lower::lower(&loaded);
    let mut all = std::mem::take(&mut loaded.diagnostics);
    all.append(&mut diagnostics);
    all.extend(check::check(&workspace));
    diagnostic::sort(&mut all);
    Checked {
        loaded,
        workspace,
        diagnostics: all,
    }
}

/// Load, lower and check files and directories.
pub fn check_paths(paths: &[std::path::PathBuf], options: &LoadOptions) -> Checked {
    finish(load::load_paths(paths, options))
}

/// Load, lower and check text held in memory.
pub fn check_text(name: &str, text: &str) -> Checked {
    finish(load::load_text(name, text))
}

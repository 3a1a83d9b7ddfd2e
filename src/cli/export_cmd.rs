//! `jixiao export`: the model as JSON, the interchange and embedding format.

use super::InputArgs;
use jixiao::diagnostic::render;
use serde::Serialize;

#[derive(Clone, Copy, clap::ValueEnum, PartialEq, Eq)]
enum ExportFormat {
    Json,
}

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    /// 导出格式
    #[arg(long, value_enum, default_value = "json", value_name = "格式")]
    format: ExportFormat,
}

/// The exported document: a version and the workspace.
#[derive(Serialize)]
struct Export<'a> {
    format: &'static str,
    version: u32,
    #[serde(flatten)]
    workspace: &'a jixiao::Workspace,
}

pub fn run(args: &Args) -> i32 {
    let options = match args.input.options() {
        Ok(o) => o,
        Err(e) => return super::usage_error(&e),
    };
    let checked = jixiao::check_paths(&args.input.paths, &options);
    if checked.has_errors() {
        let errors: Vec<_> = checked
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .cloned()
            .collect();
        eprint!(
            "{}",
            render::render_all(&errors, checked.sources(), render::RenderOptions::default())
        );
        eprintln!("输入有错误，未导出。");
        return if checked.loaded.io_failed { 2 } else { 1 };
    }
    let doc = Export {
        format: "jixiao-model",
        version: 1,
        workspace: &checked.workspace,
    };
    match serde_json::to_string_pretty(&doc) {
        Ok(s) => {
            outln!("{s}");
            0
        }
        Err(e) => super::usage_error(&e.to_string()),
    }
}

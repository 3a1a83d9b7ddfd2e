//! `jixiao check`.

use super::{Format, InputArgs};
use jixiao::diagnostic::{json, render, Counts};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    /// 输出格式
    #[arg(long, value_enum, default_value = "human", value_name = "格式")]
    format: Format,
    /// 把某一代码的发现当作错误（可重复）；写 warnings 表示所有警告
    #[arg(long, value_name = "代码")]
    deny: Vec<String>,
    /// 略去某一代码的发现（可重复；只能是警告或提示）
    #[arg(long, value_name = "代码")]
    allow: Vec<String>,
    #[command(flatten)]
    show: super::ShowArgs,
}

pub fn run(args: &Args) -> i32 {
    let options = match args.input.options() {
        Ok(o) => o,
        Err(e) => return super::usage_error(&e),
    };
    let policy = match jixiao::check::policy::Policy::parse(&args.deny, &args.allow) {
        Ok(p) => p,
        Err(e) => return super::usage_error(&e),
    };
    let mut checked = jixiao::check_report(&args.input.paths, &options);
    policy.apply(&mut checked.diagnostics);
    let diagnostics = &checked.diagnostics;
    let counts = Counts::of(diagnostics);
    match args.format {
        Format::Json => {
            let report = json::report(diagnostics, checked.sources());
            match serde_json::to_string_pretty(&report) {
                Ok(s) => outln!("{s}"),
                Err(e) => return super::usage_error(&e.to_string()),
            }
        }
        Format::Human => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            let _ = render::render_to(
                diagnostics,
                checked.sources(),
                super::render_options(),
                args.show.shown(),
                &mut out,
            );
            let _ = std::io::Write::flush(&mut out);
            drop(out);
            outln!(
                "检查了 {} 个文件、{} 个部门、{} 个项目、{} 项指标：{} 个错误，{} 个警告，{} 个提示。",
                checked.loaded.file_count(),
                checked.departments,
                checked.projects,
                checked.indicators,
                counts.errors,
                counts.warnings,
                counts.infos
            );
        }
    }
    let code = if checked.loaded.io_failed {
        2
    } else if counts.errors > 0 {
        1
    } else {
        0
    };
    // The process ends now: freeing the text and every diagnostic one by
    // one is time for nothing (BENCHMARKS.md). The OS takes the memory back
    // at exit.
    std::mem::forget(checked);
    code
}

//! `jixiao eval`: score year-end actuals against the declarations under a
//! rule set and print the 自评表.

use super::InputArgs;
use jixiao::diagnostic::Counts;
use jixiao::report::Format;
use std::io::Write as _;

#[derive(Clone, Copy, clap::ValueEnum, PartialEq, Eq)]
enum EvalFormat {
    /// 对齐的文字表格
    Table,
    /// Markdown 表格
    Markdown,
    /// JSON（含评分过程与诊断）
    Json,
    /// CSV（UTF-8，带 BOM，Excel 可直接打开）
    Csv,
}

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    actuals: super::ActualsArg,
    #[command(flatten)]
    rules: super::RulesArg,
    /// 输出格式
    #[arg(long, value_enum, default_value = "table", value_name = "格式")]
    format: EvalFormat,
    /// 列出每项得分的计算过程（规则、代入数值的公式、单位换算、结果）
    #[arg(long)]
    pub explain: bool,
    #[command(flatten)]
    show: super::ShowArgs,
}

pub fn run(args: &Args) -> i32 {
    let options = match args.input.options() {
        Ok(o) => o,
        Err(e) => return super::usage_error(&e),
    };
    let format = match args.format {
        EvalFormat::Table => Format::Table,
        EvalFormat::Markdown => Format::Markdown,
        EvalFormat::Json => Format::Json,
        EvalFormat::Csv => Format::Csv,
    };
    // The report is written as the projects are scored; the diagnostics
    // are known at the end and follow it (on stderr).
    let mut out = std::io::BufWriter::with_capacity(1 << 20, std::io::stdout());
    let run = jixiao::evaluate_to(
        &args.input.paths,
        args.actuals.file.as_deref(),
        args.rules.file.as_deref(),
        &options,
        format,
        args.explain,
        &mut out,
    );
    if run.reported && format == Format::Json {
        let _ = writeln!(out);
    }
    let _ = out.flush();
    drop(out);
    let counts = Counts::of(&run.diagnostics);
    if format != Format::Json && !run.diagnostics.is_empty() {
        args.show.to_stderr(&run.diagnostics, run.sources(), counts);
    }
    if !run.reported {
        if format == Format::Json {
            let report = jixiao::diagnostic::json::report(&run.diagnostics, run.sources());
            if let Ok(s) = serde_json::to_string_pretty(&report) {
                outln!("{s}");
            }
        } else {
            eprintln!("自评文件或规则集有错误，未能评分。");
        }
    }
    let code = if run.loaded.io_failed {
        2
    } else if counts.errors > 0 {
        1
    } else {
        0
    };
    // The process ends now: freeing every tree and diagnostic one by one
    // is work the OS does at exit anyway (as in `check`).
    std::mem::forget(run);
    code
}

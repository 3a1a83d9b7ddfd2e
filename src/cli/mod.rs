//! Command-line interface. Exit codes: 0 fine, 1 the input has errors,
//! 2 usage or I/O problems.

/// Print to standard output. A closed pipe (`jixiao check … | head`) ends
/// the output quietly instead of panicking as `print!` would.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout().lock(), $($arg)*);
    }};
}

/// [`out!`] with a newline.
macro_rules! outln {
    () => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock());
    }};
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

mod audit_cmd;
mod check_cmd;
mod diff_cmd;
mod diff_git;
mod encoding;
mod eval_cmd;
mod export_cmd;
mod fmt_cmd;
mod import_cmd;
mod import_dir;
mod lsp_cmd;
mod report_cmd;
mod usage;
// performance (issue 7)
mod gen_cmd;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "jixiao",
    version,
    about = "绩效：财政项目支出绩效目标的纯文本语言与自评规则引擎",
    long_about = None,
    disable_help_subcommand = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 检查申报文件：语法、单位、金额与指标（目录表示其下所有 .jx 文件）
    Check(check_cmd::Args),
    /// 导出模型（JSON），供其他系统读取
    Export(export_cmd::Args),
    /// 年终自评：按规则集给完成值评分，输出自评表
    Eval(eval_cmd::Args),
    /// 自评复核：重算已填的自评表，标出表上数字的不一致，并看出填表时用的是哪套规则
    Audit(audit_cmd::Args),
    /// 同 eval --explain：逐项列出得分的计算过程
    Explain(eval_cmd::Args),
    /// 按规范格式改写申报文件（缩进、运算符、数字、对齐），注释原样保留
    Fmt(fmt_cmd::Args),
    /// 比较两个版本的含义变化：项目、资金、指标（收紧/放宽）、说明；也可作 git 的 diff 驱动
    Diff(diff_cmd::Args),
    /// 导入往年的申报表（PDF 导出的文本或 Excel 工作簿），写成 jixiao 文本
    Import(import_cmd::Args),
    /// 写出报表：Excel 申报表/自评表（--xlsx）与带图表的自评报告网页（--html）
    Report(report_cmd::Args),
    /// 语言服务器（LSP，标准输入输出）：供编辑器显示诊断、格式化与大纲，见 docs/editors.md
    Lsp(lsp_cmd::Args),
    /// 生成测试用的申报数据（用于性能测试，见 BENCHMARKS.md）
    #[command(hide = true)]
    Gen(gen_cmd::Args),
}

/// Options shared by commands that read declarations.
#[derive(clap::Args, Clone)]
pub struct InputArgs {
    /// 文件或目录
    #[arg(required = true, value_name = "路径")]
    pub paths: Vec<PathBuf>,
    /// 工作区根目录：“引用”不能超出它（默认：含 .git 或 jixiao.toml 的上层目录）
    #[arg(long, value_name = "目录")]
    pub root: Option<PathBuf>,
    /// 按此编码读取文件，如 gbk（默认 UTF-8）
    #[arg(long, value_name = "编码")]
    pub encoding: Option<String>,
}

impl InputArgs {
    pub fn options(&self) -> Result<jixiao::LoadOptions, String> {
        let encoding = encoding::parse(self.encoding.as_deref())?;
        Ok(jixiao::LoadOptions {
            root: self.root.clone(),
            encoding,
            ..jixiao::LoadOptions::default()
        })
    }
}

/// How many findings people are shown (issue 16), for the commands that
/// may print a great many: `check`, `eval`, `explain`, `report`.
/// `--actuals`, for the commands that score a 自评 (`eval`, `audit`).
#[derive(clap::Args)]
pub struct ActualsArg {
    /// 自评文件（写有“自评”块的 .jx 文件）；不写时在所给的文件和目录中找唯一的自评块
    #[arg(long = "actuals", value_name = "文件")]
    pub file: Option<PathBuf>,
}

/// `--rules`, for the commands that score (`eval`, `audit`, `report`).
#[derive(clap::Args)]
pub struct RulesArg {
    /// 规则文件（写有“规则”块的 .jx 文件）；不写时用所给目录中的规则文件，没有时用内置的 central-2020
    #[arg(id = "rules_file", long = "rules", value_name = "文件")]
    pub file: Option<PathBuf>,
}

#[derive(clap::Args, Clone, Copy)]
pub struct ShowArgs {
    /// 列出全部发现（默认同一代码的发现只列出前 20 条，其余只计数；JSON 总是全部）
    #[arg(long)]
    all: bool,
}

impl ShowArgs {
    /// The diagnostics of `eval`/`report` for people on stderr (after the
    /// report), then their counts.
    pub fn to_stderr(
        self,
        diagnostics: &[jixiao::diagnostic::Diagnostic],
        sources: &jixiao::source::SourceMap,
        counts: jixiao::diagnostic::Counts,
    ) {
        use std::io::Write as _;
        let mut err = std::io::BufWriter::new(std::io::stderr().lock());
        let _ = jixiao::diagnostic::render::render_to(
            diagnostics,
            sources,
            render_options(),
            self.shown(),
            &mut err,
        );
        let _ = writeln!(
            err,
            "{} 个错误，{} 个警告，{} 个提示。",
            counts.errors, counts.warnings, counts.infos
        );
        let _ = err.flush();
    }
    pub fn shown(self) -> jixiao::diagnostic::render::Shown {
        use jixiao::diagnostic::render::Shown;
        if self.all {
            Shown::All
        } else {
            Shown::FirstOfEachCode
        }
    }
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}

/// The names of the commands a user may type, for usage messages.
fn command_names() -> Vec<String> {
    Cli::command()
        .get_subcommands()
        .filter(|c| !c.is_hide_set())
        .map(|c| c.get_name().to_string())
        .collect()
}

pub fn run() -> i32 {
    let args = usage::arguments();
    let cli = match Cli::command()
        .try_get_matches_from(&args)
        .and_then(|m| Cli::from_arg_matches(&m))
    {
        Ok(c) => c,
        Err(e) => return usage::report(&e, &args),
    };
    match cli.command {
        Command::Check(args) => check_cmd::run(&args),
        Command::Export(args) => export_cmd::run(&args),
        Command::Eval(args) => eval_cmd::run(&args),
        Command::Audit(args) => audit_cmd::run(&args),
        Command::Explain(mut args) => {
            args.explain = true;
            eval_cmd::run(&args)
        }
        Command::Fmt(args) => fmt_cmd::run(&args),
        Command::Lsp(args) => lsp_cmd::run(&args),
        Command::Diff(args) => diff_cmd::run(&args),
        Command::Import(args) => import_cmd::run(&args),
        Command::Report(args) => report_cmd::run(&args),
        Command::Gen(args) => gen_cmd::run(&args),
    }
}

/// Print a usage problem and return exit code 2.
pub fn usage_error(message: &str) -> i32 {
    eprintln!("错误：{message}");
    2
}

pub fn render_options() -> jixiao::diagnostic::render::RenderOptions {
    use std::io::IsTerminal;
    jixiao::diagnostic::render::RenderOptions {
        color: std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        width: None,
    }
}

//! `jixiao lsp`: the language server for editors (docs/editors.md).

#[derive(clap::Args)]
pub struct Args {
    /// 通过标准输入输出通信（默认即是；为兼容编辑器的惯用参数而设）
    #[arg(long)]
    stdio: bool,
}

pub fn run(_args: &Args) -> i32 {
    jixiao::lsp::run_stdio()
}

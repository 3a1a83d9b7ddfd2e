//! `jixiao report`: the files people hand in and look at — the official
//! workbook (`--xlsx`) and a self-contained HTML page with charts (`--html`).
//! With actuals (`--actuals`, or a file with a `自评` block among the inputs)
//! the reports are of the self-evaluation (自评表); without, the workbook is
//! the declaration (申报表).

use super::InputArgs;
use jixiao::diagnostic::{codes, render, Counts, Diagnostic};
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    /// 自评文件（写有“自评”块的 .jx 文件）；不写时在所给的文件和目录中找，找不到就输出申报表
    #[arg(long, value_name = "文件")]
    actuals: Option<PathBuf>,
    #[command(flatten)]
    rules: super::RulesArg,
    /// 写出 Excel 工作簿（.xlsx）：申报表或自评表，另有部门汇总表
    #[arg(long, value_name = "输出文件")]
    xlsx: Option<PathBuf>,
    /// 写出自评报告网页（单个 .html 文件，含图表，不联网）
    #[arg(long, value_name = "输出文件")]
    html: Option<PathBuf>,
    #[command(flatten)]
    show: super::ShowArgs,
}

/// Whether some root file holds a `自评` block.
fn has_actuals(loaded: &jixiao::Loaded) -> bool {
    use jixiao::syntax::ast::Item;
    loaded.roots.iter().any(|f| {
        loaded
            .tree(*f)
            .is_some_and(|t| t.items.iter().any(|i| matches!(i, Item::Actuals(_))))
    })
}

pub(super) fn write(path: &Path, bytes: &[u8], what: &str) -> bool {
    match jixiao::safe_write::write_file(path, bytes) {
        Ok(()) => {
            eprintln!("已写出{what}：{}（{} 字节）", path.display(), bytes.len());
            true
        }
        Err(e) => {
            eprintln!(
                "错误：无法写入 {}：{}",
                path.display(),
                jixiao::files::io_message(&e)
            );
            false
        }
    }
}

/// Refuse (exit 2, nothing written) an output that is one of the inputs —
/// a file named on the command line, found in a folder, included, or the
/// actuals or rules — or one path given to both --xlsx and --html.
fn refuse_overwrite(args: &Args, inputs: &[&Path]) -> Option<i32> {
    let outputs: Vec<(&str, &Path)> = [("--xlsx", &args.xlsx), ("--html", &args.html)]
        .into_iter()
        .filter_map(|(flag, p)| p.as_deref().map(|p| (flag, p)))
        .collect();
    refuse_outputs(
        &outputs,
        inputs,
        "给两种报告各起一个文件名，如 --xlsx 自评表.xlsx --html 自评报告.html",
        "请换一个输出文件名，如 申报表.xlsx、自评报告.html",
    )
}

/// [`refuse_overwrite`] for any command's outputs (flag, path), with the
/// help for two outputs that are one file and for an output that is an input.
pub(super) fn refuse_outputs(
    outputs: &[(&str, &Path)],
    inputs: &[&Path],
    same_help: &'static str,
    input_help: &'static str,
) -> Option<i32> {
    if let [(fa, a), (fb, b)] = outputs {
        if jixiao::files::place(a) == jixiao::files::place(b) || jixiao::files::same_file(a, b) {
            return Some(refuse(
                format!(
                    "{fa} 和 {fb} 给了同一个输出文件“{}”，后写的会覆盖先写的",
                    b.display()
                ),
                same_help,
            ));
        }
    }
    for (flag, out) in outputs {
        if let Some(input) = inputs.iter().find(|i| jixiao::files::same_file(out, i)) {
            return Some(refuse(
                format!(
                    "{flag} 的输出文件“{}”就是输入文件“{}”，写出会覆盖它",
                    out.display(),
                    input.display()
                ),
                input_help,
            ));
        }
    }
    None
}

fn refuse(message: String, help: &'static str) -> i32 {
    let d = Diagnostic::new(
        &codes::OUTPUT_IS_INPUT,
        format!("{message}；没有写出任何文件"),
    )
    .help(help);
    eprint!(
        "{}",
        render::render(&d, &Default::default(), super::render_options())
    );
    2
}

pub fn run(args: &Args) -> i32 {
    if args.xlsx.is_none() && args.html.is_none() {
        return super::usage_error(
            "没有指定输出：用 --xlsx 文件.xlsx 写出工作簿，或 --html 文件.html 写出网页报告",
        );
    }
    let options = match args.input.options() {
        Ok(o) => o,
        Err(e) => return super::usage_error(&e),
    };
    let named: Vec<&Path> = args
        .input
        .paths
        .iter()
        .chain(&args.actuals)
        .chain(&args.rules.file)
        .map(PathBuf::as_path)
        .collect();
    if let Some(code) = refuse_overwrite(args, &named) {
        return code;
    }
    let mut run = jixiao::evaluate_paths(
        &args.input.paths,
        args.actuals.as_deref(),
        args.rules.file.as_deref(),
        &options,
    );
    let declaration_only = args.actuals.is_none() && !has_actuals(&run.checked.loaded);
    if declaration_only {
        // No actuals anywhere: this is a declaration, not a failed evaluation.
        run.diagnostics.retain(|d| d.code != codes::NO_ACTUALS.code);
    }
    let counts = Counts::of(&run.diagnostics);
    if !run.diagnostics.is_empty() {
        args.show.to_stderr(&run.diagnostics, run.sources(), counts);
    }
    if run.checked.loaded.io_failed {
        return 2;
    }
    // Files found in folders and through includes are known only now.
    // (Read files have absolute paths; the built-in rules have a name only.)
    let read: Vec<&Path> = run
        .sources()
        .files()
        .map(|(_, f)| f.path.as_path())
        .filter(|p| p.is_absolute())
        .collect();
    if let Some(code) = refuse_overwrite(args, &read) {
        return code;
    }
    let mut ok = true;
    if declaration_only {
        if let Some(out) = &args.xlsx {
            match jixiao::report::xlsx::declaration(&run.checked.workspace) {
                Ok(bytes) => ok &= write(out, &bytes, "申报表工作簿"),
                Err(e) => {
                    eprintln!("错误：{e}");
                    ok = false;
                }
            }
        }
        if args.html.is_some() {
            eprintln!(
                "错误：网页报告是自评报告，需要自评数据：用 --actuals 指定写有“自评”块的文件"
            );
            return 2;
        }
    } else if let Some(ev) = &run.evaluation {
        if let Some(out) = &args.xlsx {
            match jixiao::report::xlsx::evaluation(ev, &run.checked.workspace) {
                Ok(bytes) => ok &= write(out, &bytes, "自评表工作簿"),
                Err(e) => {
                    eprintln!("错误：{e}");
                    ok = false;
                }
            }
        }
        if let Some(out) = &args.html {
            let page = jixiao::report::html::render(ev);
            ok &= write(out, page.as_bytes(), "自评报告网页");
        }
    } else {
        eprintln!("自评文件或规则集有错误，未能评分，没有写出报告。");
        return 1;
    }
    if !ok {
        2
    } else if counts.errors > 0 {
        1
    } else {
        0
    }
}

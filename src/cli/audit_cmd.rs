//! `jixiao audit`: for each 自评 with printed scores, how many of them each
//! shipped rule set reproduces (issue 19, first step).

use super::InputArgs;
use jixiao::diagnostic::Counts;
use unicode_width::UnicodeWidthStr;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    actuals: super::ActualsArg,
    #[command(flatten)]
    show: super::ShowArgs,
}

pub fn run(args: &Args) -> i32 {
    let options = match args.input.options() {
        Ok(o) => o,
        Err(e) => return super::usage_error(&e),
    };
    let run = jixiao::evaluate_paths(
        &args.input.paths,
        args.actuals.file.as_deref(),
        None,
        &options,
    );
    let Some(actuals) = &run.actuals else {
        let counts = Counts::of(&run.diagnostics);
        args.show.to_stderr(&run.diagnostics, run.sources(), counts);
        eprintln!("没有读到自评数据，无法复核。");
        return if run.checked.loaded.io_failed { 2 } else { 1 };
    };
    let explained = jixiao::audit::explain(&run.checked.workspace, actuals);
    if explained.is_empty() {
        outln!("自评中没有表上印的指标得分（“得分 …”），没有可复核的。");
        return 0;
    }
    outln!("表上印的指标得分，各规则集重现了几项：");
    outln!();
    for line in table(&explained) {
        outln!("{}", line.trim_end());
    }
    0
}

/// The table: 项目, 表内得分, then a column per rule set (`7/9`).
fn table(explained: &[jixiao::audit::Explained]) -> Vec<String> {
    let mut header = vec!["项目".to_string(), "表内得分".to_string()];
    if let Some(first) = explained.first() {
        header.extend(first.reproduced.iter().map(|(r, _)| r.clone()));
    }
    let mut rows = vec![header];
    for e in explained {
        let mut row = vec![e.project.clone(), format!("{} 项", e.printed)];
        row.extend(
            e.reproduced
                .iter()
                .map(|(_, n)| format!("{n}/{}", e.printed)),
        );
        rows.push(row);
    }
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.width())
                .max()
                .unwrap_or(0)
        })
        .collect();
    rows.iter()
        .map(|r| {
            r.iter()
                .zip(&widths)
                .map(|(s, w)| format!("{s}{}", " ".repeat(w.saturating_sub(s.width()))))
                .collect::<Vec<_>>()
                .join("  ")
        })
        .collect()
}

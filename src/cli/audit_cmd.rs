//! `jixiao audit 路径…` (自评复核, issue 19): every form among the paths
//! (a folder with a declaration and a `自评`, a file holding both, a
//! published form's text or workbook) recomputed and checked; each form's
//! findings shown as `check` shows them, then the summary of all forms.
//! Exit code 1 when a form has an error-level finding or could not be
//! read, 2 for usage and I/O problems.

use super::InputArgs;
use jixiao::audit::forms::{self, Forms, Source};
use jixiao::audit::run;
use jixiao::audit::summary::{summarize, Summary};
use jixiao::audit::{Explained, FormAudit};
use std::path::{Path, PathBuf};
use unicode_width::UnicodeWidthStr;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    actuals: super::ActualsArg,
    #[command(flatten)]
    rules: super::RulesArg,
    /// 输出格式：human（终端）、json、csv（每条发现一行）
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// 另写出 Excel 工作簿（.xlsx）：“汇总”和“发现”两张表
    #[arg(long, value_name = "输出文件")]
    xlsx: Option<PathBuf>,
    /// 另写出复核报告网页（单个 .html 文件：汇总表，每张表一节）
    #[arg(long, value_name = "输出文件")]
    html: Option<PathBuf>,
    #[command(flatten)]
    show: super::ShowArgs,
}

#[derive(Clone, Copy, clap::ValueEnum, PartialEq, Eq)]
enum Format {
    Human,
    Json,
    Csv,
}

pub fn run(args: &Args) -> i32 {
    let load = match args.input.options() {
        Ok(o) => o,
        Err(e) => return super::usage_error(&e),
    };
    let rules = match &args.rules.file {
        Some(p) => match std::fs::read_to_string(p) {
            Ok(text) => Some((p.clone(), text)),
            Err(e) => {
                return super::usage_error(&format!(
                    "无法读取规则文件“{}”：{}",
                    p.display(),
                    jixiao::files::io_message(&e)
                ))
            }
        },
        None => None,
    };
    let named: Vec<&Path> = args
        .input
        .paths
        .iter()
        .chain(&args.actuals.file)
        .chain(&args.rules.file)
        .map(PathBuf::as_path)
        .collect();
    if let Some(code) = refuse(args, &named) {
        return code;
    }
    let found = forms::discover(
        &args.input.paths,
        args.actuals.file.as_deref(),
        load.encoding,
    );
    let read = read_files(&found);
    if let Some(code) = refuse(args, &read.iter().map(PathBuf::as_path).collect::<Vec<_>>()) {
        return code;
    }
    for (p, why) in &found.unreadable {
        eprintln!("错误：无法读取“{}”：{why}", p.display());
    }
    if !found.stray.is_empty() {
        let names: Vec<String> = found
            .stray
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        eprintln!(
            "提示：以下文件不属于任何自评表（同一目录中没有写有“自评”块的文件），未复核：{}",
            names.join("、")
        );
    }
    if found.forms.is_empty() {
        eprintln!(
            "所给的路径中没有自评表：没有写有“自评”块的 .jx 文件，也没有 .txt、.xlsx 表格文件。"
        );
        return if found.unreadable.is_empty() { 1 } else { 2 };
    }
    let human = args.format == Format::Human;
    let options = run::Options {
        rules,
        load,
        render: human.then(|| (super::render_options(), args.show.shown())),
    };
    let audited = run::run(&found.forms, &options);
    let io_failed = audited.iter().any(|a| a.io_failed) || !found.unreadable.is_empty();
    let (audits, shown): (Vec<FormAudit>, Vec<String>) =
        audited.into_iter().map(|a| (a.audit, a.shown)).unzip();
    let summary = summarize(&audits);
    match args.format {
        Format::Human => terminal(&audits, &shown, &summary),
        Format::Json => json(&audits, &summary),
        Format::Csv => out!("{}", jixiao::report::audit::csv(&audits)),
    }
    if !write_files(args, &audits, &summary) || io_failed {
        2
    } else if audits.iter().any(FormAudit::has_errors) {
        1
    } else {
        0
    }
}

/// The `.jx` files of the forms, to refuse an output that is one of them.
fn read_files(found: &Forms) -> Vec<PathBuf> {
    found
        .forms
        .iter()
        .flat_map(|f| match &f.source {
            Source::Files { paths, actuals } => paths.iter().chain(actuals).cloned().collect(),
            Source::Import(p) => vec![p.clone()],
        })
        .collect()
}

fn refuse(args: &Args, inputs: &[&Path]) -> Option<i32> {
    let outputs: Vec<(&str, &Path)> = [("--xlsx", &args.xlsx), ("--html", &args.html)]
        .into_iter()
        .filter_map(|(flag, p)| p.as_deref().map(|p| (flag, p)))
        .collect();
    super::report_cmd::refuse_outputs(
        &outputs,
        inputs,
        "给两种输出各起一个文件名，如 --xlsx 复核.xlsx --html 复核.html",
        "请换一个输出文件名，如 复核.xlsx、复核.html",
    )
}

/// Write `--xlsx` and `--html`; false when one could not be written.
fn write_files(args: &Args, audits: &[FormAudit], summary: &Summary) -> bool {
    let mut ok = true;
    if let Some(out) = &args.xlsx {
        match jixiao::report::audit::xlsx::workbook(audits, summary) {
            Ok(bytes) => ok &= super::report_cmd::write(out, &bytes, "复核工作簿"),
            Err(e) => {
                eprintln!("错误：{e}");
                ok = false;
            }
        }
    }
    if let Some(out) = &args.html {
        let page = jixiao::report::audit::html::render(audits, summary);
        ok &= super::report_cmd::write(out, page.as_bytes(), "复核报告网页");
    }
    ok
}

/// Each form's findings, then for one form the explain table, for several
/// the summary table; then the totals.
fn terminal(audits: &[FormAudit], shown: &[String], summary: &Summary) {
    let several = audits.len() > 1;
    for (a, shown) in audits.iter().zip(shown).filter(|(_, s)| !s.is_empty()) {
        if several {
            outln!("━━ {} ━━", a.label);
        }
        out!("{shown}");
        outln!();
    }
    match audits {
        [one] if one.explained.is_empty() && one.has_errors() => {
            outln!("这张表有错误（见上），未能复核表上印的得分。");
        }
        [one] => explain_table(&one.explained),
        _ => {
            outln!("各表复核汇总（先列有错误的，再按分差从大到小）：");
            outln!();
            for line in aligned(&summary.cells()) {
                outln!("{}", line.trim_end());
            }
        }
    }
    outln!();
    outln!("{}", summary.totals_line());
}

/// How many printed scores each shipped rule set reproduces (one form).
fn explain_table(explained: &[Explained]) {
    let Some(first) = explained.first() else {
        outln!("自评中没有表上印的指标得分（“得分 …”），没有可复核的。");
        return;
    };
    outln!("表上印的指标得分，各规则集重现了几项：");
    outln!();
    let mut header = vec!["项目".to_string(), "表内得分".to_string()];
    header.extend(first.reproduced.iter().map(|(r, _)| r.clone()));
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
    for line in aligned(&rows) {
        outln!("{}", line.trim_end());
    }
}

/// Rows of cells as aligned text (two spaces between columns).
fn aligned(rows: &[Vec<String>]) -> Vec<String> {
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

/// `{"forms": [...], "summary": {...}}`; each form with its errors that
/// are not findings (`errors`: code and message).
fn json(audits: &[FormAudit], summary: &Summary) {
    let forms: Vec<serde_json::Value> = audits
        .iter()
        .map(|a| {
            let mut v = serde_json::to_value(a).unwrap_or(serde_json::Value::Null);
            let errors: Vec<serde_json::Value> = a
                .diagnostics
                .iter()
                .filter(|d| d.is_error() && !jixiao::audit::is_audit_code(d.code))
                .map(|d| serde_json::json!({"code": d.code, "message": d.message}))
                .collect();
            if let Some(o) = v.as_object_mut() {
                o.insert("errors".into(), errors.into());
            }
            v
        })
        .collect();
    let doc = serde_json::json!({ "forms": forms, "summary": summary });
    match serde_json::to_string_pretty(&doc) {
        Ok(s) => outln!("{s}"),
        Err(e) => eprintln!("错误：无法写出 JSON：{e}"),
    }
}

//! `jixiao gen` (hidden): write a generated workload for benchmarks.

use jixiao::gen::{self, Options};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// 项目总数
    #[arg(long, default_value_t = 1000)]
    projects: usize,
    /// 随机种子（同一种子生成同样的内容）
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// 部门数（每个部门一个文件；大于 1 时 -o 为目录）
    #[arg(long, default_value_t = 1)]
    departments: usize,
    /// 同时写出自评（实际完成值）：FILE.actuals.jx，或目录旁的 DIR.actuals/
    #[arg(long)]
    actuals: bool,
    /// 生成 N 张自评表（每个文件一张：申报一个项目及其自评，印出分值、得分、小计、合计、等级），写入 -o 目录
    #[arg(long, value_name = "N", conflicts_with_all = ["projects", "departments", "actuals"])]
    forms: Option<usize>,
    /// 与 --forms 同用：约 P% 的表各埋一处不一致，所埋的列在目录中的 planted.tsv
    #[arg(long, value_name = "P", default_value_t = 0, requires = "forms", value_parser = clap::value_parser!(u64).range(0..=100))]
    plant: u64,
    /// 输出文件（或目录）；省略时写到标准输出
    #[arg(short = 'o', long, value_name = "路径")]
    output: Option<PathBuf>,
}

pub fn run(args: &Args) -> i32 {
    if let Some(forms) = args.forms {
        let Some(dir) = &args.output else {
            return super::usage_error("--forms 须用 -o 指定输出目录");
        };
        let options = gen::form_files::FormsOptions {
            forms,
            plant: args.plant,
            seed: args.seed,
        };
        return match gen::form_files::write(dir, &options) {
            Ok(_) => 0,
            Err(e) => super::usage_error(&e),
        };
    }
    let options = Options {
        projects: args.projects,
        seed: args.seed,
        departments: args.departments.max(1),
    };
    let departments = gen::generate(&options);
    let write = |path: &PathBuf, text: &str| {
        std::fs::write(path, text).map_err(|e| {
            format!(
                "无法写入“{}”：{}",
                path.display(),
                jixiao::files::io_message(&e)
            )
        })
    };
    let result = match &args.output {
        None => {
            for d in &departments {
                out!("{}", gen::declaration(d));
                if args.actuals {
                    out!("{}", gen::actuals(d));
                }
            }
            Ok(())
        }
        Some(path) if options.departments == 1 => {
            let d = departments.first();
            let text = d.map(gen::declaration).unwrap_or_default();
            write(path, &text).and_then(|()| match (args.actuals, d) {
                (true, Some(d)) => write(&path.with_extension("actuals.jx"), &gen::actuals(d)),
                _ => Ok(()),
            })
        }
        Some(dir) => {
            // Actuals go beside the directory, so that checking it reads
            // declarations only.
            let actuals_dir = dir.with_extension("actuals");
            let create = |d: &PathBuf| {
                std::fs::create_dir_all(d).map_err(|e| {
                    format!(
                        "无法创建目录“{}”：{}",
                        d.display(),
                        jixiao::files::io_message(&e)
                    )
                })
            };
            create(dir)
                .and_then(|()| {
                    if args.actuals {
                        create(&actuals_dir)
                    } else {
                        Ok(())
                    }
                })
                .and_then(|()| {
                    departments.iter().enumerate().try_for_each(|(i, d)| {
                        let name = format!("dept-{i:04}.jx");
                        write(&dir.join(&name), &gen::declaration(d))?;
                        if args.actuals {
                            write(&actuals_dir.join(&name), &gen::actuals(d))?;
                        }
                        Ok(())
                    })
                })
        }
    };
    match result {
        Ok(()) => 0,
        Err(e) => super::usage_error(&e),
    }
}

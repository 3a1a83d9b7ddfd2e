//! Usage errors and help in Chinese. clap's words (“error: unexpected
//! argument”, “Usage:”, “Options:”, “Print help” …) are English; budget
//! officers read Chinese. Errors are worded here from clap's error kind and
//! context; help text, which clap lays out well, has its few English words
//! translated. Usage errors still exit with 2.

use clap::error::{ContextKind, ContextValue, Error, ErrorKind};
use std::ffi::OsString;

/// clap's English in help and usage text, and the Chinese for it.
const WORDS: [(&str, &str); 16] = [
    ("Usage: ", "用法："),
    ("Usage:", "用法："),
    ("Arguments:", "参数："),
    ("Options:", "选项："),
    ("Commands:", "命令："),
    (
        "Print this message or the help of the given subcommand(s)",
        "显示帮助",
    ),
    ("Print help", "显示帮助"),
    ("Print version", "显示版本"),
    (" (see more with '--help')", "（用 --help 查看详细说明）"),
    (" (see a summary with '-h')", "（用 -h 查看摘要）"),
    ("Possible values:", "可选值："),
    ("[default: ", "[默认："),
    ("[possible values: ", "[可选值："),
    ("[aliases: ", "[别名："),
    ("[OPTIONS]", "[选项]"),
    ("<COMMAND>", "<命令>"),
];

/// Help or usage text with clap's English words in Chinese.
fn chinese(text: &str) -> String {
    WORDS
        .iter()
        .fold(text.to_string(), |t, (en, zh)| t.replace(en, zh))
}

/// `jixiao help [命令]` as `jixiao [命令] --help`: clap's own help
/// subcommand is disabled (its description is English).
pub fn arguments() -> Vec<OsString> {
    let mut args: Vec<OsString> = std::env::args_os().collect();
    if args.get(1).is_some_and(|a| a == "help") {
        args.remove(1);
        args.push("--help".into());
    }
    args
}

/// Print what clap stopped at, in Chinese; the exit code (0 for help and
/// version, 2 for usage errors).
pub fn report(e: &Error, args: &[OsString]) -> i32 {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            outln!("{}", chinese(e.render().to_string().trim_end()));
            return 0;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            eprintln!("{}", chinese(e.render().to_string().trim_end()));
            return 2;
        }
        _ => {}
    }
    eprintln!("错误：{}", message(e));
    if let Some(ContextValue::StyledStr(usage)) = e.get(ContextKind::Usage) {
        eprintln!("\n{}", chinese(usage.to_string().trim()));
    }
    let names = super::command_names();
    let command = args
        .get(1)
        .and_then(|a| a.to_str())
        .filter(|a| names.iter().any(|n| n == a))
        .map_or(String::new(), |c| format!(" {c}"));
    eprintln!("\n运行“jixiao{command} --help”查看全部用法。");
    2
}

fn text(e: &Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(s) => Some(s.join("、")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(s) => Some(
            s.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("、"),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        ContextValue::Bool(b) => Some(b.to_string()),
        ContextValue::None => None,
        _ => None,
    }
}

/// The error in words.
fn message(e: &Error) -> String {
    let arg = text(e, ContextKind::InvalidArg).unwrap_or_default();
    let guess = |kind| text(e, kind).map_or(String::new(), |s| format!("；是不是想写“{s}”？"));
    match e.kind() {
        ErrorKind::UnknownArgument if arg.starts_with('-') => {
            format!("未知的选项 {arg}{}", guess(ContextKind::SuggestedArg))
        }
        ErrorKind::UnknownArgument => format!("多余的参数“{arg}”"),
        ErrorKind::InvalidSubcommand => {
            let found = text(e, ContextKind::InvalidSubcommand).unwrap_or_default();
            let hint = guess(ContextKind::SuggestedSubcommand);
            let hint = if hint.is_empty() {
                format!("；可用的命令：{}", super::command_names().join("、"))
            } else {
                hint
            };
            format!("未知的命令“{found}”{hint}")
        }
        ErrorKind::MissingSubcommand => {
            format!(
                "缺少命令；可用的命令：{}",
                super::command_names().join("、")
            )
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数：{arg}"),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let value = text(e, ContextKind::InvalidValue).unwrap_or_default();
            let valid = text(e, ContextKind::ValidValue)
                .filter(|v| !v.is_empty())
                .map_or(String::new(), |v| format!("；可用的值：{v}"));
            if value.is_empty() {
                format!("选项 {arg} 缺少取值{valid}")
            } else {
                format!("选项 {arg} 的值“{value}”无效{valid}")
            }
        }
        ErrorKind::ArgumentConflict => {
            let other = text(e, ContextKind::PriorArg).unwrap_or_default();
            format!("选项 {arg} 不能与 {other} 同时使用")
        }
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("选项 {arg} 的取值个数不对")
        }
        ErrorKind::NoEquals => format!("选项 {arg} 的取值要用“=”连接"),
        ErrorKind::InvalidUtf8 => "命令行参数中有无法识别的字符（不是 UTF-8）".into(),
        // clap's error kinds are non-exhaustive; any other one is still a
        // usage error, named by its argument where clap gives one.
        _ if !arg.is_empty() => format!("选项 {arg} 的用法不对"),
        _ => "命令行参数有误".into(),
    }
}

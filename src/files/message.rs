//! I/O errors in Chinese. `std::io::Error` displays in English ("No such
//! file or directory (os error 2)"); a user of jixiao reads only Chinese, so
//! every I/O error shown goes through [`io_message`].

use crate::diagnostic::{codes, Diagnostic};
use std::io::{self, ErrorKind};

/// An I/O error in words a user can act on. Unknown errors keep the system's
/// error number (for a technician), not its English text.
pub fn io_message(e: &io::Error) -> String {
    if let Some(p) = e.get_ref().and_then(|i| i.downcast_ref::<super::Problem>()) {
        return p.to_string();
    }
    if let Some(text) = e.raw_os_error().and_then(by_number) {
        return text.into();
    }
    let text = match e.kind() {
        ErrorKind::NotFound => "文件或目录不存在",
        ErrorKind::PermissionDenied => "没有访问权限",
        ErrorKind::AlreadyExists => "文件已经存在",
        ErrorKind::InvalidInput | ErrorKind::InvalidData => "数据无效",
        ErrorKind::UnexpectedEof => "文件提前结束（可能在读取期间被截短了）",
        ErrorKind::Interrupted => "操作被中断",
        ErrorKind::WriteZero => "无法写入更多数据",
        ErrorKind::TimedOut => "操作超时",
        ErrorKind::OutOfMemory => "内存不足",
        ErrorKind::Unsupported => "此系统不支持该操作",
        ErrorKind::BrokenPipe => "管道已关闭",
        _ => {
            return match e.raw_os_error() {
                Some(n) => format!("输入输出错误（系统错误码 {n}）"),
                None => "输入输出错误".into(),
            }
        }
    };
    text.into()
}

/// The diagnostic for a file that could not be read: JX-E001, or the
/// code of a [`super::Problem`] (not a regular file, too large, changed).
pub fn read_error(display: &str, e: &io::Error) -> Diagnostic {
    let code = super::Problem::of(e).map_or(&codes::IO_ERROR, |p| p.code());
    let d = Diagnostic::new(code, format!("无法读取“{display}”：{}", io_message(e)));
    match super::Problem::of(e) {
        Some(p) => d.help(p.help()),
        None => d,
    }
}

/// Errors known by their number (their `ErrorKind`s need a newer Rust than
/// the crate's minimum, or do not exist).
fn by_number(n: i32) -> Option<&'static str> {
    if cfg!(windows) {
        return match n {
            39 | 112 => Some("磁盘空间已满"),
            _ => None,
        };
    }
    if !cfg!(unix) {
        return None;
    }
    Some(match n {
        2 => "文件或目录不存在",
        5 => "设备读写错误（磁盘或网络存储可能有故障）",
        13 | 1 => "没有访问权限",
        20 => "路径中有一段不是目录",
        21 => "这是一个目录，不是文件",
        24 => "打开的文件太多",
        26 => "文件正在被执行，不能写入",
        27 => "文件太大",
        28 => "磁盘空间已满",
        30 => "文件系统是只读的",
        36 => "文件名太长",
        40 => "符号链接层数太多（可能是循环链接）",
        122 if cfg!(target_os = "linux") => "超出了磁盘配额",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_is_chinese() {
        for n in 1..150 {
            let m = io_message(&io::Error::from_raw_os_error(n));
            assert!(!m.chars().any(|c| c.is_ascii_alphabetic()), "{n}: {m}");
        }
        assert_eq!(
            io_message(&io::Error::from(ErrorKind::NotFound)),
            "文件或目录不存在"
        );
        assert_eq!(io_message(&io::Error::other("boom")), "输入输出错误");
    }
}

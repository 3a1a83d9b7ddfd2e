//! Reading an input file: only a regular file (a FIFO would block forever,
//! `/dev/zero` never ends), at most [`MAX_BYTES`], and whole — a file that
//! shrinks or grows while it is read is an error, not a crash or half a text.
//! The bytes are read into memory, never mapped: a mapped file truncated
//! underneath kills the process with SIGBUS (issue 15).

use crate::diagnostic::{codes, Code};
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// The most read from one file or from standard input: 1 GiB, four times
/// a province's 100,000 projects (263 MB) and within the 32-bit offsets of
/// spans.
pub const MAX_BYTES: u64 = 1 << 30;

/// Why a file was not read, beyond what the OS reports. Carried inside an
/// `io::Error` (`ErrorKind::InvalidInput`); [`Problem::of`] finds it again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// A FIFO, device, socket or folder: not a file to read.
    NotRegular(&'static str),
    /// Larger than [`MAX_BYTES`].
    TooLarge(u64),
    /// Its length changed while it was read.
    Changed,
}

impl Problem {
    /// The problem inside an I/O error, if it is one of ours.
    pub fn of(e: &io::Error) -> Option<Problem> {
        e.get_ref()
            .and_then(|i| i.downcast_ref::<Problem>())
            .copied()
    }
    /// The diagnostic code for it.
    pub fn code(self) -> &'static Code {
        match self {
            Problem::NotRegular(_) => &codes::NOT_REGULAR_FILE,
            Problem::TooLarge(_) => &codes::FILE_TOO_LARGE,
            Problem::Changed => &codes::FILE_CHANGED_WHILE_READ,
        }
    }
    /// What the user can do about it.
    pub fn help(self) -> &'static str {
        match self {
            Problem::NotRegular(_) => {
                "jixiao 只读取普通文件；管道、设备等请先把内容保存为 .jx 文件再读取"
            }
            Problem::TooLarge(_) => {
                "请把申报拆成几个文件（如每个部门一个），用“引用”或目录一起检查"
            }
            Problem::Changed => "文件正在被别的程序写入；等它写完后再运行一次",
        }
    }
    fn error(self) -> io::Error {
        io::Error::new(io::ErrorKind::InvalidInput, self)
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::NotRegular(what) => write!(f, "不是普通文件（是{what}）"),
            Problem::TooLarge(n) if *n > MAX_BYTES + 1 => {
                write!(f, "文件太大（{n} 字节，超过了 {MAX_BYTES} 字节的上限）")
            }
            Problem::TooLarge(_) => write!(f, "文件太大（超过了 {MAX_BYTES} 字节的上限）"),
            Problem::Changed => f.write_str("文件在读取期间被改动了（长度变了）"),
        }
    }
}

impl std::error::Error for Problem {}

/// What a non-regular file is, in words.
fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "命名管道";
        }
        if t.is_char_device() || t.is_block_device() {
            return "设备";
        }
        if t.is_socket() {
            return "套接字";
        }
    }
    if meta.is_dir() {
        "目录"
    } else {
        "特殊文件"
    }
}

/// Open `path` if it is a regular file (checked before opening, since
/// opening a FIFO blocks, and again on the open file). Returns the file and
/// its length.
pub fn open(path: &Path) -> io::Result<(File, u64)> {
    let before = std::fs::metadata(path)?;
    if !before.is_file() {
        return Err(Problem::NotRegular(kind_of(&before)).error());
    }
    let file = File::open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(Problem::NotRegular(kind_of(&meta)).error());
    }
    if meta.len() > MAX_BYTES {
        return Err(Problem::TooLarge(meta.len()).error());
    }
    Ok((file, meta.len()))
}

/// The whole content of the regular file `path`, read once.
pub fn read(path: &Path) -> io::Result<Vec<u8>> {
    let (file, len) = open(path)?;
    read_open(file, len)
}

/// Everything from a stream (standard input), at most [`MAX_BYTES`].
pub fn read_stream(stream: impl Read) -> io::Result<Vec<u8>> {
    read_bounded(stream, 0)
}

fn read_bounded(mut stream: impl Read, len: u64) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(usize::try_from(len.min(MAX_BYTES)).unwrap_or(0));
    (&mut stream).take(MAX_BYTES).read_to_end(&mut bytes)?;
    // One byte more, apart: read into the buffer, it would double it.
    if bytes.len() as u64 == MAX_BYTES && stream.read(&mut [0u8])? > 0 {
        return Err(Problem::TooLarge(MAX_BYTES + 1).error());
    }
    Ok(bytes)
}

/// The content of a file opened by [`open`], which had `len` bytes then.
pub fn read_open(file: File, len: u64) -> io::Result<Vec<u8>> {
    let bytes = read_bounded(file, len)?;
    let got = bytes.len() as u64;
    // A length of 0 is what some kernels' files (/proc, /sys) report.
    if got != len && len != 0 {
        return Err(Problem::Changed.error());
    }
    Ok(bytes)
}

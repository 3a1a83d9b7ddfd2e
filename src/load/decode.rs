//! Bytes → text: UTF-8 (with or without BOM, CRLF accepted); GBK, UTF-16 and
//! binary files are recognised and explained rather than misread.

use crate::diagnostic::{codes, Code, Diagnostic};
use crate::source::Span;
use crate::source::Text;

/// What a file's bytes turned out to be.
#[derive(Debug)]
pub enum Decoded {
    Text(String),
    Problem(Problem),
}

/// Why bytes could not be read as text.
#[derive(Debug)]
pub struct Problem {
    code: &'static Code,
    message: String,
    help: String,
}

impl Problem {
    pub fn into_diagnostic(self, at: Span) -> Diagnostic {
        Diagnostic::new(self.code, self.message)
            .label(at, "")
            .help(self.help)
    }
}

/// Line endings to `\n`, byte-order mark removed.
pub fn normalize(text: &str) -> String {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    }
}

/// Enough Chinese to say the text is Chinese: a keyword of the language,
/// or a few characters. One stray Latin-1 byte before an ASCII letter reads
/// as one GBK character, and that is no evidence of GBK.
fn chinese(s: &str) -> bool {
    const KEYWORDS: [&str; 8] = [
        "部门", "项目", "指标", "资金", "年度", "申报", "自评", "规则",
    ];
    KEYWORDS.iter().any(|k| s.contains(k))
        || s.chars()
            .filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
            .nth(7)
            .is_some()
}

/// Decode a file's bytes. `encoding` forces a legacy encoding (`--encoding`).
pub fn decode(bytes: &[u8], encoding: Option<&'static encoding_rs::Encoding>) -> Decoded {
    if bytes.is_empty() {
        return Decoded::Problem(Problem {
            code: &codes::EMPTY_FILE,
            message: "文件是空的（0 字节）".into(),
            help: "写入部门或项目的声明，或删除这个文件".into(),
        });
    }
    if let Some(enc) = encoding {
        let (text, _, had_errors) = enc.decode(bytes);
        if !had_errors {
            return Decoded::Text(normalize(&text));
        }
        return Decoded::Problem(Problem {
            code: &codes::NOT_UTF8,
            message: format!("文件不能按 {} 编码读取", enc.name()),
            help: "请确认文件的实际编码，或去掉 --encoding 按 UTF-8 读取".into(),
        });
    }
    let bom16 = if bytes.starts_with(&[0xFF, 0xFE]) {
        Some(encoding_rs::UTF_16LE)
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    };
    if let Some(enc) = bom16 {
        return utf16(enc, true);
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if body.is_empty() {
        return Decoded::Problem(Problem {
            code: &codes::EMPTY_FILE,
            message: "文件只有一个字节顺序标记（BOM），没有内容".into(),
            help: "写入部门或项目的声明，或删除这个文件".into(),
        });
    }
    let utf8 = std::str::from_utf8(body);
    if let Ok(text) = utf8 {
        if !looks_binary(body) {
            return Decoded::Text(normalize(text));
        }
    }
    // Not UTF-8 text: which encoding does it read best in?
    if let Some(enc) = looks_utf16(body) {
        return utf16(enc, false);
    }
    if looks_binary(body) {
        return binary();
    }
    let (gbk, _, errors) = encoding_rs::GB18030.decode(body);
    if !errors && chinese(&gbk) && plausible(&gbk) {
        return Decoded::Problem(Problem {
            code: &codes::NOT_UTF8_GBK,
            message: "文件是 GBK（GB2312/GB18030）编码，不是 jixiao 读取的 UTF-8；Windows 记事本以“ANSI”保存的文件就是这种编码".into(),
            help: "用 --encoding gbk 直接读取；或把文件转换为 UTF-8：用记事本“另存为”并把编码选为 UTF-8，或运行 iconv -f GBK -t UTF-8 原文件.jx > 新文件.jx".into(),
        });
    }
    let valid = utf8.err().map_or(0, |e| e.valid_up_to());
    Decoded::Problem(Problem {
        code: &codes::NOT_UTF8,
        message: not_utf8_at(body, valid, bytes.len() - body.len()),
        help: "请确认文件的编码，把它另存为 UTF-8；如果知道编码，可以用 --encoding 指定，如 --encoding gbk 或 --encoding latin1".into(),
    })
}

/// Where UTF-8 stops at `valid` (the first bad byte), in words: line,
/// column (in characters) and byte (counting a BOM of `bom` bytes), and
/// what the byte is.
fn not_utf8_at(body: &[u8], valid: usize, bom: usize) -> String {
    let good = body.get(..valid).unwrap_or(body);
    let good = std::str::from_utf8(good).unwrap_or("");
    let line = good.matches('\n').count() + 1;
    let column = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    let byte = body
        .get(valid)
        .map_or(String::new(), |b| format!("字节 0x{b:02X}"));
    format!(
        "文件不是有效的 UTF-8 文本：第 {line} 行第 {column} 列（第 {} 个字节）的{byte} 不是 UTF-8 的写法；文件可能是以 GBK、Latin-1（ISO-8859-1）等其他编码保存的",
        valid + bom + 1
    )
}

fn utf16(enc: &'static encoding_rs::Encoding, bom: bool) -> Decoded {
    let (label, iconv) = if enc == encoding_rs::UTF_16BE {
        ("utf-16be", "UTF-16BE")
    } else {
        ("utf-16le", "UTF-16LE")
    };
    let how = if bom {
        ""
    } else {
        "（没有字节顺序标记）"
    };
    Decoded::Problem(Problem {
        code: &codes::NOT_UTF8_UTF16,
        message: format!(
            "文件是 UTF-16 编码{how}，不是 jixiao 读取的 UTF-8；Windows 记事本以“Unicode”保存的文件就是这种编码"
        ),
        help: format!(
            "用 --encoding {label} 直接读取；或把文件转换为 UTF-8：用记事本“另存为”并把编码选为 UTF-8，或运行 iconv -f {iconv} -t UTF-8 原文件.jx > 新文件.jx"
        ),
    })
}

/// Does decoded text look like a declaration: Chinese, ASCII, blanks and
/// punctuation, hardly anything else?
fn plausible(text: &str) -> bool {
    let mut total = 0usize;
    let mut good = 0usize;
    for c in text.chars().take(4096) {
        total += 1;
        let ok = matches!(c,
            '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}'
            | ' '..='~' | '\n' | '\r' | '\t'
            | '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}' | '\u{2000}'..='\u{206F}'
            | '\u{2260}'..='\u{2267}' | '\u{00B7}' | '\u{00D7}' | '\u{00F7}' | '\u{FEFF}');
        if ok {
            good += 1;
        }
    }
    total > 0 && good * 100 >= total * 95
}

/// [`decode`] for bytes the caller owns: plain UTF-8 (no BOM, no `\r`, no
/// forced encoding) becomes the text without a copy, which matters for files
/// of hundreds of megabytes. Everything else goes through [`decode`].
pub fn decode_owned(bytes: Vec<u8>, encoding: Option<&'static encoding_rs::Encoding>) -> Decoded {
    if !plain(&bytes, encoding) {
        return decode(&bytes, encoding);
    }
    // A SIMD validator: std's took 0.17 s for 263 MB of Chinese text, on the
    // one thread that loads the file while the other waits (issue 7).
    if simdutf8::basic::from_utf8(&bytes).is_err() {
        return decode(&bytes, encoding);
    }
    // SAFETY: `simdutf8` has just validated exactly these bytes as UTF-8.
    #[allow(unsafe_code)]
    Decoded::Text(unsafe { String::from_utf8_unchecked(bytes) })
}

/// Bytes that are the text as they are if they are UTF-8: no BOM, no `\r`,
/// no forced encoding, not binary.
fn plain(bytes: &[u8], encoding: Option<&'static encoding_rs::Encoding>) -> bool {
    encoding.is_none()
        && !bytes.is_empty()
        && !bytes.starts_with(&[0xEF, 0xBB, 0xBF])
        && !bytes.starts_with(&[0xFF, 0xFE])
        && !bytes.starts_with(&[0xFE, 0xFF])
        && !looks_binary(bytes)
        && !bytes.contains(&b'\r')
}

/// Read a file to load (a regular file, whole; see [`crate::files::read`];
/// `-` is standard input, bounded the same way) and decode it as
/// [`decode_owned`] does. The outer error is the file's.
pub(crate) fn read_text(
    path: &std::path::Path,
    encoding: Option<&'static encoding_rs::Encoding>,
) -> std::io::Result<Result<Text, Problem>> {
    let bytes = if super::is_stdin(path) {
        crate::files::read_stream(std::io::stdin().lock())?
    } else {
        crate::files::read(path)?
    };
    Ok(match decode_owned(bytes, encoding) {
        Decoded::Text(t) => Ok(Text::from(t)),
        Decoded::Problem(p) => Err(p),
    })
}

fn binary() -> Decoded {
    Decoded::Problem(Problem {
        code: &codes::BINARY_FILE,
        message: "这不是文本文件（含有二进制数据）".into(),
        help: "jixiao 读取 UTF-8 编码的 .jx 文本文件；Excel、Word、PDF 文件请先导出为文本".into(),
    })
}

/// UTF-16 without a BOM: the bytes decode without error as UTF-16 (little
/// or big endian) into plausible text, and do not read as ASCII already.
/// Two ASCII letters make one CJK character in UTF-16, so an ASCII file with
/// one stray byte decodes “plausibly”; real UTF-16 has a NUL beside every
/// ASCII character, and Chinese in UTF-16 is far from all ASCII bytes.
fn looks_utf16(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if bytes.len() < 2 {
        return None;
    }
    let sample = bytes.get(..bytes.len().min(8192) & !1).unwrap_or(bytes);
    let nuls = sample.iter().filter(|b| **b == 0).count();
    let ascii = sample
        .iter()
        .filter(|b| matches!(**b, b' '..=b'~' | b'\n' | b'\r' | b'\t'))
        .count();
    if nuls * 8 < sample.len() && ascii * 10 >= sample.len() * 9 {
        return None;
    }
    [encoding_rs::UTF_16LE, encoding_rs::UTF_16BE]
        .into_iter()
        .find(|enc| {
            enc.decode_without_bom_handling_and_without_replacement(sample)
                .is_some_and(|t| plausible(&t))
        })
}

/// NUL bytes or many control characters.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = bytes.get(..bytes.len().min(8192)).unwrap_or(bytes);
    if sample.contains(&0) {
        return true;
    }
    let control = sample
        .iter()
        .filter(|b| **b < 0x20 && !matches!(**b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    control * 10 > sample.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(d: Decoded) -> &'static str {
        match d {
            Decoded::Text(_) => "text",
            Decoded::Problem(p) => p.code.code,
        }
    }

    #[test]
    fn recognises_encodings() {
        assert_eq!(code(decode(b"", None)), "JX-E002");
        assert_eq!(code(decode(b"\xEF\xBB\xBF", None)), "JX-E002");
        let (gbk, _, _) = encoding_rs::GBK.encode("部门 \"松江\" {}");
        assert_eq!(code(decode(&gbk, None)), "JX-E003");
        let utf16: Vec<u8> = "部门 {}"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(code(decode(&utf16, None)), "JX-E004");
        assert_eq!(
            code(decode(&[0, 0, 1, 2, 0, 0, 255, 3, 0, 0], None)),
            "JX-E005"
        );
        match decode(b"\xEF\xBB\xBFa\r\nb", None) {
            Decoded::Text(t) => assert_eq!(t, "a\nb"),
            Decoded::Problem(p) => panic!("{p:?}"),
        }
        assert_eq!(code(decode(&gbk, Some(encoding_rs::GBK))), "text");
    }
}

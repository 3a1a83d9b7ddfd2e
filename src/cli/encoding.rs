//! `--encoding`: the one option every command that reads files has, so that
//! the advice of JX-E003/JX-E004 (“用 --encoding gbk 直接读取”) holds for
//! each of them.

use encoding_rs::Encoding;

/// The encoding a label names (`gbk`, `utf-16le` …); `None` for none given.
pub fn parse(label: Option<&str>) -> Result<Option<&'static Encoding>, String> {
    let Some(label) = label else { return Ok(None) };
    Encoding::for_label(label.as_bytes())
        .map(Some)
        .ok_or_else(|| format!("不认识的编码“{label}”；可用的如 gbk、gb18030、utf-16le"))
}

/// `text` in `enc`, for writing back a file that was read in it (`original`
/// are its bytes: a UTF-16 byte-order mark is kept). `Err` names the
/// encoding when the text has a character it cannot write.
pub fn encode(enc: &'static Encoding, text: &str, original: &[u8]) -> Result<Vec<u8>, String> {
    let utf16 = |bom: [u8; 2], unit: fn(u16) -> [u8; 2]| {
        let mut out = Vec::with_capacity(text.len() * 2 + 2);
        if original.starts_with(&bom) {
            out.extend_from_slice(&bom);
        }
        out.extend(text.encode_utf16().flat_map(unit));
        out
    };
    if enc == encoding_rs::UTF_16LE {
        return Ok(utf16([0xFF, 0xFE], u16::to_le_bytes));
    }
    if enc == encoding_rs::UTF_16BE {
        return Ok(utf16([0xFE, 0xFF], u16::to_be_bytes));
    }
    let (bytes, _, unmappable) = enc.encode(text);
    if unmappable {
        return Err(format!(
            "格式化后的文字中有 {} 编码无法表示的字符",
            enc.name()
        ));
    }
    Ok(bytes.into_owned())
}

/// Does `original` (in `enc`) end its lines with CRLF?
pub fn crlf(enc: Option<&'static Encoding>, original: &[u8]) -> bool {
    let pattern: &[u8] = match enc {
        Some(e) if e == encoding_rs::UTF_16LE => b"\r\0\n\0",
        Some(e) if e == encoding_rs::UTF_16BE => b"\0\r\0\n",
        _ => b"\r\n",
    };
    original.windows(pattern.len()).any(|w| w == pattern)
}

//! Issue 15 “Trust first”: messages that sent the user the wrong way. Each
//! test asserts the advice the user now reads, and that the wrong advice is
//! gone.

use crate::cli::{dir_with, jixiao, jixiao_in, SMALL};

/// `SMALL` with its one indicator line replaced by `line`, checked.
fn check_line(line: &str) -> crate::cli::Run {
    let text = SMALL.replace("培训人数 ≥ 140 人", line);
    assert_ne!(text, SMALL);
    super::check_bytes(text.as_bytes(), &[])
}

// ───────────── 6. one Latin-1 byte in an ASCII file ─────────────

#[test]
fn one_latin1_byte_is_not_utf16() {
    // An ASCII file (a declaration's comments, say), 9.6 KB.
    let mut bytes = Vec::new();
    let mut line = 1;
    while bytes.len() < 9_600 {
        bytes.extend_from_slice(
            b"#thequickbrownfoxjumpsoverthelazydog_thequickbrownfoxjumpsoverthelazydog\n",
        );
        line += 1;
    }
    // `caf\xE9` in Latin-1, on the next line.
    bytes.extend_from_slice(b"#caf\xE9aulait\n");
    let at = bytes.len() - b"\xE9aulait\n".len() + 1;
    let r = super::check_bytes(&bytes, &[]);
    r.code(1)
        .has(&[
            "JX-E006",
            "UTF-8",
            &format!("第 {line} 行"),
            &format!("第 {at} 个字节"),
            "0xE9",
            "Latin-1",
            "GBK",
        ])
        .lacks(&["UTF-16", "JX-E004"]);
}

//! `fmt` is idempotent and sound: when it formats x, fmt(fmt(x)) == fmt(x),
//! and fmt(x) lowers to the same model (compared by meaning) as x.
#![no_main]
use libfuzzer_sys::fuzz_target;
#[path = "common.rs"]
mod common;
use jixiao::format::{format_text, normalize, FormatError};
use jixiao::source::FileId;

fn model(text: &str) -> jixiao::Workspace {
    let loaded = jixiao::load::load_text("fuzz.jx", text);
    let (mut ws, _) = jixiao::lower::lower(&loaded);
    normalize(&mut ws);
    ws
}

fuzz_target!(|data: &[u8]| {
    let Some(text) = common::text(data) else {
        return;
    };
    match format_text(FileId(0), &text) {
        Ok(once) => {
            let twice = match format_text(FileId(0), &once) {
                Ok(t) => t,
                Err(e) => panic!(
                    "fmt output does not format again: {e:?}\n--- input\n{text}\n--- fmt\n{once}"
                ),
            };
            assert_eq!(once, twice, "fmt is not idempotent\n--- input\n{text}");
            assert!(
                model(&text) == model(&once),
                "fmt changed the model\n--- input\n{text}\n--- fmt\n{once}"
            );
        }
        // Refusals are fine; an internal error is the formatter refusing to
        // lose meaning — report it, it is a formatter bug.
        Err(FormatError::Internal(d)) => {
            panic!(
                "fmt internal error {}: {}\n--- input\n{text}",
                d.code, d.message
            )
        }
        Err(FormatError::Syntax(_) | FormatError::Unsupported(_)) => {}
    }
});

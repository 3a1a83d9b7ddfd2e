//! Parse and lower arbitrary bytes; render what is reported.
#![no_main]
use libfuzzer_sys::fuzz_target;
#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some(text) = common::text(data) else {
        return;
    };
    let loaded = jixiao::load::load_text("fuzz.jx", &text);
    let (_ws, diags) = jixiao::lower::lower(&loaded);
    common::show(&loaded.diagnostics, &loaded.sources);
    common::show(&diags, &loaded.sources);
});

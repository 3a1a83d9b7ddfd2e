//! Load, lower and check arbitrary text (declarations, actuals and rule
//! sets all go through `check`); render the findings and export the model.
#![no_main]
use libfuzzer_sys::fuzz_target;
#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some(text) = common::text(data) else {
        return;
    };
    let checked = jixiao::check_text("fuzz.jx", &text);
    common::show(&checked.diagnostics, checked.sources());
    let _ = serde_json::to_string(&checked.workspace);
});

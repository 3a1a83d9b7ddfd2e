//! The hand-written fast parser against pest: wherever the fast path reads a
//! file's skeleton or a block (the input's own blocks, or the input itself
//! when it is `{ … }`), its tree, spans and comments must be pest's.
#![no_main]
use libfuzzer_sys::fuzz_target;
#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some(text) = common::text(data) else {
        return;
    };
    if let Err(difference) = jixiao::syntax::fast_path_differential(&text) {
        panic!("{difference}");
    }
});

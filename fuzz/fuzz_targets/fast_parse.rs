//! The hand-written parser against pest, both ways: it gives up on a block,
//! rule set or expression (the input's own, or the input itself when it is
//! `{ … }`, `规则 …` or an expression) exactly where pest finds an error,
//! and wherever it reads a file's skeleton, its tree, spans and comments
//! are those of pest's first pass.
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

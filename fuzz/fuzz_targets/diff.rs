//! Diff two arbitrary declarations (old \x01 new): diff(x, x) is empty,
//! diff(x, y) renders, and it is empty only if nothing of meaning differs.
#![no_main]
use libfuzzer_sys::fuzz_target;
#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some(text) = common::text(data) else {
        return;
    };
    let p = common::parts(&text, 2);
    let old = jixiao::check_text("old.jx", p[0]).workspace;
    let new = jixiao::check_text("new.jx", p[1]).workspace;
    assert!(
        jixiao::diff::diff(&old, &old).is_empty(),
        "diff(x, x) not empty\n{}",
        p[0]
    );
    let d = jixiao::diff::diff(&old, &new);
    let _ = jixiao::diff::render_human(&d);
    let _ = serde_json::to_string(&d);
    let back = jixiao::diff::diff(&new, &old);
    assert_eq!(
        d.is_empty(),
        back.is_empty(),
        "diff is not symmetric in emptiness"
    );
});

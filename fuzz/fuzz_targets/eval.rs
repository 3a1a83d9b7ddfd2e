//! Evaluate arbitrary actuals against a declaration under an arbitrary rule
//! set. Input: declaration \x01 actuals \x01 rules (an empty rule part
//! means the built-in one). Every score given is in [0, points]; every
//! rendering of the result works.
#![no_main]
use libfuzzer_sys::fuzz_target;
#[path = "common.rs"]
mod common;
use rust_decimal::Decimal;

fuzz_target!(|data: &[u8]| {
    let Some(text) = common::text(data) else {
        return;
    };
    let p = common::parts(&text, 3);
    let rules = if p[2].trim().is_empty() {
        None
    } else {
        Some(p[2])
    };
    let run = jixiao::evaluate_text(p[0], p[1], rules);
    common::show(&run.diagnostics, run.sources());
    let Some(ev) = &run.evaluation else { return };
    for pr in &ev.projects {
        for i in &pr.indicators {
            if let Some(s) = i.score {
                assert!(
                    s >= Decimal::ZERO && s <= i.points,
                    "indicator {} scored {s} of {}",
                    i.name,
                    i.points
                );
            }
        }
        if let Some(s) = pr.execution_score {
            assert!(s >= Decimal::ZERO && s <= pr.execution_points);
        }
    }
    let _ = jixiao::report::table(ev, true);
    let _ = jixiao::report::markdown(ev, true);
    let _ = jixiao::report::csv::render(ev);
    let _ = serde_json::to_string(ev);
});

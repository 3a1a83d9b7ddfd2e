//! Evaluate arbitrary actuals against a declaration under an arbitrary rule
//! set. Input: declaration \x01 actuals \x01 rules (an empty rule part
//! means the built-in one). Every score given is in [0, points]; every
//! rendering of the result works; the streamed evaluation (what `jixiao
//! eval` runs) writes the same report and finds the same diagnostics.
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
    let format = match data.len() % 4 {
        0 => jixiao::report::Format::Table,
        1 => jixiao::report::Format::Markdown,
        2 => jixiao::report::Format::Csv,
        _ => jixiao::report::Format::Json,
    };
    let explain = data.len() % 8 >= 4;
    let mut out = Vec::new();
    let streamed = jixiao::evaluate_text_to(p[0], p[1], rules, format, explain, &mut out);
    assert_eq!(streamed.diagnostics, run.diagnostics, "streamed diagnostics");
    assert_eq!(streamed.reported, run.evaluation.is_some(), "streamed or not");
    if let Some(ev) = &run.evaluation {
        let whole = match format {
            jixiao::report::Format::Table => jixiao::report::table(ev, explain),
            jixiao::report::Format::Markdown => jixiao::report::markdown(ev, explain),
            jixiao::report::Format::Csv => jixiao::report::csv::render(ev),
            jixiao::report::Format::Json => {
                jixiao::report::json(ev, &run.diagnostics, run.sources())
            }
        };
        assert!(out == whole.as_bytes(), "streamed report differs ({format:?})");
    }
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

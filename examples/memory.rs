//! Peak and current memory after each stage (Linux /proc), see BENCHMARKS.md.
//! cargo run --release --example memory -- FILE
fn status(what: &str) {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let get = |k: &str| {
        s.lines()
            .find(|l| l.starts_with(k))
            .map(|l| l.trim_start_matches(k).trim().to_string())
            .unwrap_or_default()
    };
    eprintln!(
        "{what:<28} rss {:>12}  peak {:>12}",
        get("VmRSS:"),
        get("VmHWM:")
    );
}

fn main() {
    let path = std::path::PathBuf::from(std::env::args().nth(1).expect("a file"));
    status("start");
    let loaded = jixiao::load::load_paths(&[path], &Default::default());
    status("loaded (text + trees)");
    let (ws, diags) = jixiao::lower::lower(&loaded);
    status("lowered (+ model)");
    let findings = jixiao::check::check(&ws);
    status("checked");
    eprintln!(
        "{} diagnostics",
        diags.len() + findings.len() + loaded.diagnostics.len()
    );
    drop(loaded);
    status("trees and text dropped");
    std::mem::forget(ws);
}

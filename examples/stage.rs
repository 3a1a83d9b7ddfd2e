//! Run one stage repeatedly for profiling: cargo run --release --example stage -- check 10000
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let stage = args.get(1).map(String::as_str).unwrap_or("check");
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(10_000);
    let text = jixiao::gen::declaration_text(n, 1);
    let loaded = jixiao::load::load_text("g.jx", &text);
    let (ws, _) = jixiao::lower::lower(&loaded);
    let t = std::time::Instant::now();
    let reps: u32 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(3);
    for _ in 0..reps {
        match stage {
            "parse" => drop(jixiao::load::load_text("g.jx", &text)),
            "lower" => drop(jixiao::lower::lower(&loaded)),
            _ => drop(jixiao::check::check(&ws)),
        }
    }
    eprintln!("{stage} {n}: {:?} per run", t.elapsed() / reps);
}

fn main() {
    let n: usize = std::env::args().nth(1).unwrap().parse().unwrap();
    let text = jixiao::gen::declaration_text(n, 1);
    let loaded = jixiao::load::load_text("g.jx", &text);
    for _ in 0..5 {
        let t = std::time::Instant::now();
        let (ws, _) = jixiao::lower::lower(&loaded);
        eprintln!("lower {n}: {:?}", t.elapsed());
        let t = std::time::Instant::now();
        drop(ws);
        eprintln!("drop: {:?}", t.elapsed());
    }
}

//! Peak and current memory after each stage (Linux /proc), see BENCHMARKS.md.
//! cargo run --release --example memory -- FILE [--model | --whole]
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// Counts live heap bytes, to tell what the program holds from what the
/// allocator keeps (RSS).
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
        PEAK.fetch_max(now, Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn status(what: &str) {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let get = |k: &str| {
        s.lines()
            .find(|l| l.starts_with(k))
            .map(|l| l.trim_start_matches(k).trim().to_string())
            .unwrap_or_default()
    };
    let mb = |b: usize| b as f64 / 1e6;
    eprintln!(
        "{what:<24} rss {:>11}  peak rss {:>11}  live heap {:>7.0} MB  peak heap {:>7.0} MB",
        get("VmRSS:"),
        get("VmHWM:"),
        mb(LIVE.load(Relaxed)),
        mb(PEAK.load(Relaxed))
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = std::path::PathBuf::from(args.first().expect("a file"));
    let flag = |f: &str| args.iter().any(|a| a == f);
    // `check` loads skeleton trees, parses each project body while lowering
    // it, checks the project and drops it. `--model` keeps the model, as
    // `eval` and `export` do; `--whole` also loads whole trees, as `fmt` does.
    let (whole, model) = (flag("--whole"), flag("--model") || flag("--whole"));
    let options = jixiao::LoadOptions {
        defer_bodies: !whole,
        ..Default::default()
    };
    status("start");
    let loaded = jixiao::load::load_paths(std::slice::from_ref(&path), &options);
    status(if whole {
        "loaded (text + trees)"
    } else {
        "loaded (text + skeleton)"
    });
    let count = if model {
        let (ws, diags) = jixiao::lower::lower(&loaded);
        status("lowered (+ model)");
        let findings = jixiao::check::check(&ws);
        status("checked");
        std::mem::forget(ws);
        diags.len() + findings.len()
    } else {
        // What `jixiao check` does: each project checked and dropped as it
        // is lowered (the files are read again, beside the load above).
        let report = jixiao::check_report(&[path], &options);
        status("loaded again, lowered and checked (check_report)");
        report
            .diagnostics
            .len()
            .saturating_sub(loaded.diagnostics.len())
    };
    eprintln!("{} diagnostics", count + loaded.diagnostics.len());
    drop(loaded);
    status("trees and text dropped");
}

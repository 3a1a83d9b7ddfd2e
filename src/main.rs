//! The `jixiao` command line: arguments, exit codes, choosing a renderer.

mod cli;

// A province's declarations are millions of small allocations (names, strings,
// quantities) made and freed on two threads; glibc's malloc spent a fifth of
// `check`'s time on them (BENCHMARKS.md). mimalloc is built from C by the
// `cc` crate, which the build already needs for pest's stack guard.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc commits its arenas eagerly, which made a seed-sized check peak
/// at 12 MB instead of 6: commit on demand. (The number is mimalloc's
/// `mi_option_arena_eager_commit`, the same in its v2 and v3 headers; the
/// crate does not name it.) Freed pages go back to the OS after 10 ms
/// (`mi_option_purge_delay`; this build's default keeps them longer, 40 MB
/// more at the peak of a 100,000-project eval). Purging at once made a
/// streamed `eval` fault and clear every chunk's pages again: 1.4 s of
/// kernel time on 100,000 projects for 2% less peak memory.
fn tune_allocator() {
    use libmimalloc_sys::{mi_option_set, mi_option_t};
    const ARENA_EAGER_COMMIT: mi_option_t = 4;
    const PURGE_DELAY: mi_option_t = 15;
    // SAFETY: called first thing in main, before any other thread exists
    // (mi_option_set is not thread safe); both options take plain integers.
    unsafe {
        mi_option_set(ARENA_EAGER_COMMIT, 0);
        mi_option_set(PURGE_DELAY, 10);
    }
}

fn main() {
    tune_allocator();
    std::process::exit(cli::run());
}

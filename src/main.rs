//! The `jixiao` command line: arguments, exit codes, choosing a renderer.

mod cli;

// A province's declarations are millions of small allocations (names, strings,
// quantities) made and freed on two threads; glibc's malloc spent a fifth of
// `check`'s time on them (BENCHMARKS.md). mimalloc is built from C by the
// `cc` crate, which the build already needs for pest's stack guard.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(cli::run());
}

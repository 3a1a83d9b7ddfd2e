//! The thread pool that parsing, lowering and checking share.
//!
//! Its own pool rather than rayon's global one: the threads get as much
//! stack as the main thread (deeply nested input is parsed on them, and
//! pest's depth guard measures the stack it runs on), and a program that
//! embeds the library keeps its global pool to itself.

use std::sync::OnceLock;

/// Stack for each worker: at least the main thread's usual 8 MiB.
const STACK: usize = 16 << 20;

/// `JIXIAO_THREADS`: how many threads to work on; `1` runs everything on the
/// calling thread (no pool, no side threads), as when no thread can be
/// started. Unset, empty or unreadable: one per core.
fn threads() -> Option<usize> {
    static THREADS: OnceLock<Option<usize>> = OnceLock::new();
    *THREADS.get_or_init(|| {
        std::env::var("JIXIAO_THREADS")
            .ok()
            .and_then(|v| v.trim().parse::<usize>().ok())
            .filter(|n| *n >= 1)
    })
}

/// The pool, built on first use; `None` if its threads could not be
/// started (too little memory for their stacks, too many threads), or if
/// `JIXIAO_THREADS=1`.
fn pool() -> Option<&'static rayon::ThreadPool> {
    static POOL: OnceLock<Option<rayon::ThreadPool>> = OnceLock::new();
    POOL.get_or_init(|| {
        let threads = threads();
        if threads == Some(1) {
            return None;
        }
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads.unwrap_or(0))
            .stack_size(STACK)
            .thread_name(|i| format!("jixiao-{i}"))
            .build()
            .ok()
    })
    .as_ref()
}

/// Run `parallel` on the pool (parallel iterators inside it use the pool;
/// inside a worker already, it runs right here). If the pool's threads could
/// not be started, run `sequential` instead, which must compute the same
/// thing: parallel iterators outside the pool would go to rayon's global
/// pool, which panics when it cannot start its threads either.
pub(crate) fn run<R: Send>(
    parallel: impl FnOnce() -> R + Send,
    sequential: impl FnOnce() -> R,
) -> R {
    match pool() {
        Some(pool) => pool.install(parallel),
        None => sequential(),
    }
}

/// [`run`] on an owned `input` that either way consumes.
pub(crate) fn run_on<T: Send, R: Send>(
    input: T,
    parallel: impl FnOnce(T) -> R + Send,
    sequential: impl FnOnce(T) -> R,
) -> R {
    match pool() {
        Some(pool) => pool.install(|| parallel(input)),
        None => sequential(input),
    }
}

/// Run `side` on a thread of its own while `here` runs on this one, and
/// return both results. If no thread can be started, run `here` and then
/// `side` on this thread (the two must not depend on each other).
pub(crate) fn beside<A: Send, B>(
    side: impl FnOnce() -> A + Send,
    here: impl FnOnce() -> B,
) -> (A, B) {
    let slot = std::sync::Mutex::new(Some(side));
    let take = || slot.lock().ok().and_then(|mut s| s.take());
    std::thread::scope(|s| {
        let spawned = if threads() == Some(1) {
            Err(())
        } else {
            std::thread::Builder::new()
                .spawn_scoped(s, || take().map(|side| side()))
                .map_err(drop)
        };
        let b = here();
        let a = match spawned.map(|h| h.join()) {
            Ok(Ok(Some(a))) => a,
            Ok(Err(panic)) => std::panic::resume_unwind(panic),
            // Not started (or, impossibly, started without its work): here.
            Ok(Ok(None)) | Err(_) => match take() {
                Some(side) => side(),
                // The thread returns what it takes, so the work is either
                // still in the slot or came back above.
                None => unreachable!("parallel::beside: the side work was lost"),
            },
        };
        (a, b)
    })
}

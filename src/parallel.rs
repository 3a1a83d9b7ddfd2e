//! The thread pool that parsing, lowering and checking share.
//!
//! Its own pool rather than rayon's global one: the threads get as much
//! stack as the main thread (deeply nested input is parsed on them, and
//! pest's depth guard measures the stack it runs on), and a program that
//! embeds the library keeps its global pool to itself.

use std::sync::OnceLock;

/// Stack for each worker: at least the main thread's usual 8 MiB.
const STACK: usize = 16 << 20;

/// Run `f` on the pool (parallel iterators inside it use the pool). Inside a
/// worker already, or if no thread could be started, `f` runs right here.
pub(crate) fn install<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    static POOL: OnceLock<Option<rayon::ThreadPool>> = OnceLock::new();
    let pool = POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .stack_size(STACK)
            .thread_name(|i| format!("jixiao-{i}"))
            .build()
            .ok()
    });
    match pool {
        Some(pool) => pool.install(f),
        None => f(),
    }
}

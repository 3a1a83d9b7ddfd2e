//! The `jixiao` command line: arguments, exit codes, choosing a renderer.

mod cli;

fn main() {
    std::process::exit(cli::run());
}

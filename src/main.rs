/// mimalloc: a build allocates and frees many small strings on every thread,
/// and glibc's allocator took about a fifth of a 10,000-letter build (45.8 s
/// with mimalloc against 56–59 s; BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    gdtx::cli::main()
}

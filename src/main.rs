/// mimalloc: a build allocates and frees many small strings on every thread,
/// and glibc's allocator took about a fifth of a 10,000-letter build (45.8 s
/// with mimalloc against 56–59 s; BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

extern "C" {
    /// mimalloc's run-time option setter (`mimalloc.h`); the crate's bindings
    /// do not name the option we set.
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
}

/// `mi_option_purge_delay` in `mimalloc.h` (v2 and v3).
const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;

fn main() -> std::process::ExitCode {
    // Keep freed memory for reuse instead of returning it to the system 10 ms
    // later: a build frees and allocates all the time, and each page handed
    // back and taken again is a fault that zeroes it (with transparent huge
    // pages, 2 MB at a time). At 10,000 letters this cut a build's page
    // faults from about 52,000 to 1,200, and its system time with them
    // (BENCHMARKS.md, session 15). Peak memory rose by about 30 MB.
    // SAFETY: a plain setter of an integer option, valid at any time.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    gdtx::cli::main()
}

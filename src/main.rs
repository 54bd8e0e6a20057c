fn main() -> std::process::ExitCode {
    gdtx::cli::main()
}

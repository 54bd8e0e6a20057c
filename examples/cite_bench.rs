//! Extractor throughput in MB/s over the five letters (repeated to ~8 MB).
//! Run: cargo run --release --example cite_bench. Prints; asserts nothing.
use std::time::Instant;

fn main() {
    let mut text = String::new();
    for e in walk("content") {
        text.push_str(&std::fs::read_to_string(e).expect("readable letter"));
    }
    let one = text.len();
    let mut big = String::with_capacity(8 << 20);
    while big.len() < 8 << 20 {
        big.push_str(&text);
    }
    let t = Instant::now();
    let n = gdtx::citations::extract(&big).len();
    let s = t.elapsed().as_secs_f64();
    let mb = big.len() as f64 / 1e6;
    println!(
        "{mb:.1} MB ({} copies of {one} bytes), {n} citations, {s:.3} s, {:.1} MB/s",
        big.len() / one,
        mb / s
    );
}

fn walk(dir: &str) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("content dir").flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(p.to_str().unwrap_or_default()));
        } else if p.extension().is_some_and(|x| x == "md") {
            out.push(p);
        }
    }
    out.sort();
    out
}

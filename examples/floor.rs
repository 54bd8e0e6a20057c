//! The benchmark floor: read every letter under a site's content/ and parse it
//! with pulldown-cmark alone (same options, same thread pool as gdtx), doing
//! nothing else. `gdtx build` is measured against this.
//!
//!     cargo run --release --example floor -- DIR

use rayon::prelude::*;

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| ".".into());
    let started = std::time::Instant::now();
    let paths: Vec<_> = walkdir::WalkDir::new(std::path::Path::new(&dir).join("content"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    let options = pulldown_cmark::Options::ENABLE_TABLES
        | pulldown_cmark::Options::ENABLE_FOOTNOTES
        | pulldown_cmark::Options::ENABLE_HEADING_ATTRIBUTES
        | pulldown_cmark::Options::ENABLE_STRIKETHROUGH;
    let (bytes, html): (usize, usize) = paths
        .par_iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            let mut out = String::new();
            pulldown_cmark::html::push_html(
                &mut out,
                pulldown_cmark::Parser::new_ext(&text, options),
            );
            (text.len(), out.len())
        })
        .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    println!(
        "floor: {} files, {} MB read, {} MB html in {} ms",
        paths.len(),
        bytes / 1_000_000,
        html / 1_000_000,
        started.elapsed().as_millis()
    );
}

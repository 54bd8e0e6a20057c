//! Times what `gdtx serve` does after a save, without a browser or a watcher:
//! one full build, then EDITS single-letter edits, each timed from the moment
//! the file is saved to the moment the changed files are written.
//!
//! ```sh
//! cp -r /dev/shm/c10k /dev/shm/c10k-inc     # the letters are edited in place
//! cargo run --release --example incremental_bench -- /dev/shm/c10k-inc /dev/shm/c10k-inc-out 20 [--verify]
//! ```
//!
//! Edits alternate between rewording an item of a task (the letter, its topic
//! pages, its year-over-year page, the search shards) and rewording a sentence
//! outside the tasks (the letter and the documents it cites). `--verify` then
//! builds the edited site afresh into a folder of its own and compares every
//! file with the served output.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use gdtx::incremental::Session;

/// The allocator of the `gdtx` binary, so the figures are those of `gdtx serve`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verify = args.iter().any(|a| a == "--verify");
    let args: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let (Some(root), Some(out)) = (args.first(), args.get(1)) else {
        eprintln!("usage: incremental_bench SITE_DIR OUT_DIR [EDITS] [--verify]");
        std::process::exit(2);
    };
    let edits: usize = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(20);
    let (root, out) = (PathBuf::from(root), PathBuf::from(out));

    let mut session = Session::new(&root, &out);
    let started = Instant::now();
    let report = session.rebuild(None).expect("the site cannot be read");
    assert!(report.ok, "{}", report.render(false));
    println!(
        "full build: {} letters, {} files in {} ms",
        report.letters,
        report.written,
        started.elapsed().as_millis()
    );

    let letters = letter_files(&root);
    let mut times: [Vec<Duration>; 2] = [Vec::new(), Vec::new()];
    for n in 0..edits {
        let kind = n % 2;
        let file = &letters[(n * 7919 + 13) % letters.len()];
        let text = std::fs::read_to_string(file).unwrap();
        let Some(edited) = edit(&text, kind, n) else {
            continue;
        };
        let started = Instant::now();
        std::fs::write(file, edited).unwrap();
        let report = session.rebuild(Some(std::slice::from_ref(file))).unwrap();
        let elapsed = started.elapsed();
        assert!(report.ok, "{}", report.render(false));
        println!(
            "edit {n:>3} ({}): {:>6.1} ms, {} pages, {} files written{} — {}",
            ["item", "text"][kind],
            elapsed.as_secs_f64() * 1000.0,
            report.pages,
            report.written,
            if report.full { " (FULL)" } else { "" },
            file.strip_prefix(&root).unwrap_or(file).display()
        );
        times[kind].push(elapsed);
    }
    for (kind, ts) in times.iter_mut().enumerate() {
        if ts.is_empty() {
            continue;
        }
        ts.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "{} edits: {} runs, median {:.1} ms, min {:.1} ms, max {:.1} ms",
            ["item", "text"][kind],
            ts.len(),
            ms(ts[ts.len() / 2]),
            ms(ts[0]),
            ms(ts[ts.len() - 1])
        );
    }

    if verify {
        let fresh = out.with_file_name(format!(
            "{}-fresh",
            out.file_name().unwrap().to_string_lossy()
        ));
        let report = gdtx::build::build(&root, Some(&fresh), false).unwrap();
        assert!(report.written);
        let (a, b) = (tree(&out), tree(&fresh));
        let differing: Vec<&String> = a
            .keys()
            .chain(b.keys())
            .filter(|k| a.get(*k) != b.get(*k))
            .collect();
        if differing.is_empty() {
            println!(
                "verify: the served output is byte-identical to a fresh build ({} files)",
                a.len()
            );
        } else {
            println!(
                "verify: {} files differ, e.g. {:?}",
                differing.len(),
                &differing[..differing.len().min(10)]
            );
            std::process::exit(1);
        }
    }
}

/// An edit of kind 0 (append words to the first list item of the body) or 1
/// (append words to the first paragraph of the body, before the tasks).
fn edit(text: &str, kind: usize, n: usize) -> Option<String> {
    let body = text.get(3..)?.find("\n+++\n")? + 8;
    let line_start = if kind == 0 {
        body + text[body..].find("\n1. ")? + 1
    } else {
        body + text[body..].find(|c: char| c.is_alphabetic())?
    };
    let line_end = line_start + text[line_start..].find('\n')?;
    let mut out = text.to_owned();
    out.insert_str(line_end, &format!(" (sửa lần {n})"));
    Some(out)
}

fn letter_files(root: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

fn tree(dir: &Path) -> std::collections::BTreeMap<String, u64> {
    use std::hash::{Hash, Hasher};
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            std::fs::read(e.path()).unwrap().hash(&mut h);
            (
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                h.finish(),
            )
        })
        .collect()
}

//! The search index of the real site answers the shared fixture
//! tests/fixtures/search/queries.json (the same file the `node --test` test of
//! static/search.js reads), and stays small.

use std::collections::BTreeMap;

use std::cell::RefCell;

use gdtx::search;

fn real_output() -> BTreeMap<String, Vec<u8>> {
    let loaded = gdtx::load::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
    gdtx::build::compile(&loaded).output.unwrap().files
}

/// Runs `q` like the browser does, returning the hits and the files it loaded.
fn run_loading(files: &BTreeMap<String, Vec<u8>>, q: &str) -> (Vec<search::Hit>, Vec<String>) {
    let loaded = RefCell::new(Vec::new());
    let load = |path: &str| -> Option<Vec<u8>> {
        loaded.borrow_mut().push(path.to_owned());
        files.get(path).cloned()
    };
    let hits = search::query(&load, q);
    (hits, loaded.into_inner())
}

fn run(files: &BTreeMap<String, Vec<u8>>, q: &str) -> Vec<search::Hit> {
    run_loading(files, q).0
}

#[test]
fn shared_fixture_queries() {
    let files = real_output();
    let fixture: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/search/queries.json"),
        )
        .unwrap(),
    )
    .unwrap();
    for case in fixture["queries"].as_array().unwrap() {
        let q = case["q"].as_str().unwrap();
        let hits = run(&files, q);
        let urls: Vec<String> = hits
            .iter()
            .map(|h| {
                if h.anchor.is_empty() {
                    h.url.clone()
                } else {
                    format!("{}#{}", h.url, h.anchor)
                }
            })
            .collect();
        eprintln!("{q:?} → {urls:?}");
        if let Some(first) = case.get("first").and_then(|v| v.as_str()) {
            assert_eq!(
                urls.first().map(String::as_str),
                Some(first),
                "{q}: {urls:?}"
            );
        }
        for want in case["includes"].as_array().into_iter().flatten() {
            let want = want.as_str().unwrap();
            assert!(
                urls.iter()
                    .any(|u| u == want || u.starts_with(&format!("{want}#"))),
                "{q}: {want} not in {urls:?}"
            );
        }
        for not in case["excludes"].as_array().into_iter().flatten() {
            let not = not.as_str().unwrap();
            assert!(
                !urls
                    .iter()
                    .any(|u| u == not || u.starts_with(&format!("{not}#"))),
                "{q}: {not} in {urls:?}"
            );
        }
        if let Some(n) = case.get("count").and_then(serde_json::Value::as_u64) {
            assert_eq!(urls.len() as u64, n, "{q}: {urls:?}");
        }
    }
}

#[test]
fn the_term_index_stays_small() {
    let files = real_output();
    let size = |prefix: &str| -> usize {
        files
            .iter()
            .filter(|(k, _)| k.starts_with(prefix))
            .map(|(_, v)| v.len())
            .sum()
    };
    let manifest = files[search::INDEX_PATH].len();
    let shards = size("tim-kiem/tu/");
    let chunks = size("tim-kiem/muc/");
    let pages = size("tim-kiem/trang/");
    eprintln!(
        "manifest {manifest} bytes, term shards {shards}, entries {chunks}, page texts {pages}"
    );
    assert!(manifest < 8 * 1024, "manifest {manifest} bytes");
    assert!(
        (manifest + shards + chunks) * 3 < pages,
        "the index must be much smaller than the texts"
    );
    for q in ["xoa mu chu", "bgddt 3759", "thong tu 33", "\"xoa mu chu\""] {
        let (_, loaded) = run_loading(&files, q);
        let bytes = |prefix: &str| -> usize {
            loaded
                .iter()
                .filter(|p| p.starts_with(prefix))
                .map(|p| files[p].len())
                .sum()
        };
        let (m, s) = (bytes(search::INDEX_PATH), bytes("tim-kiem/tu/"));
        eprintln!(
            "{q:?}: manifest + shards {} bytes, entries {}, texts {}",
            m + s,
            bytes("tim-kiem/muc/"),
            bytes("tim-kiem/trang/")
        );
        // Only the shards of the query's words, never the whole term index.
        assert!(s * 2 < shards, "{q}: {s} of {shards} shard bytes loaded");
        assert!(
            loaded
                .iter()
                .filter(|p| p.starts_with("tim-kiem/tu/"))
                .count()
                <= 3,
            "{q}: {loaded:?}"
        );
    }
}

#[test]
fn prefix_of_the_last_word_loads_one_shard() {
    let files = real_output();
    let (hits, loaded) = run_loading(&files, "xoa mu ch");
    assert!(!hits.is_empty());
    let (full, _) = run_loading(&files, "xoa mu chu");
    assert!(full.iter().all(|h| hits.iter().any(|g| g.doc == h.doc)));
    // "xo", "mu", "ch": one shard each.
    assert_eq!(
        loaded
            .iter()
            .filter(|p| p.starts_with("tim-kiem/tu/"))
            .count(),
        3,
        "{loaded:?}"
    );
}

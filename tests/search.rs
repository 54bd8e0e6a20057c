//! The search index of the real site answers the shared fixture
//! tests/fixtures/search/queries.json (the same file the `node --test` test of
//! static/search.js reads), and stays small.

use std::collections::BTreeMap;

use gdtx::search::{self, Index, PageText};

fn real_output() -> BTreeMap<String, Vec<u8>> {
    let loaded = gdtx::load::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
    gdtx::build::compile(&loaded).output.unwrap().files
}

fn run(files: &BTreeMap<String, Vec<u8>>, q: &str) -> Vec<search::Hit> {
    let index: Index = serde_json::from_slice(&files[search::INDEX_PATH]).unwrap();
    let page = |n: usize| -> Option<PageText> {
        files
            .get(&search::page_path(n))
            .map(|b| serde_json::from_slice(b).unwrap())
    };
    search::query(&index, &page, q)
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
    let index = files[search::INDEX_PATH].len();
    let pages: usize = files
        .iter()
        .filter(|(k, _)| k.starts_with("tim-kiem/trang/"))
        .map(|(_, v)| v.len())
        .sum();
    eprintln!("term index {index} bytes, page texts {pages} bytes");
    assert!(index < 64 * 1024, "term index {index} bytes");
    assert!(
        index * 3 < pages,
        "the index must be much smaller than the texts"
    );
}

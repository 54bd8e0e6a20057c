//! The Atom feed lists the letters newest first and the /data/ exports follow
//! docs/data.md (schema version, datasets, records).

fn real_output() -> std::collections::BTreeMap<String, Vec<u8>> {
    let loaded = gdtx::load::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
    gdtx::build::compile(&loaded).output.unwrap().files
}

#[test]
fn atom_feed_is_valid_and_newest_first() {
    let files = real_output();
    let feed = atom_syndication::Feed::read_from(files["atom.xml"].as_slice()).unwrap();
    assert_eq!(feed.entries().len(), 5);
    let dates: Vec<_> = feed.entries().iter().map(|e| *e.updated()).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "newest first");
    assert_eq!(feed.updated(), &dates[0]);
    for e in feed.entries() {
        assert!(e.id().starts_with("https://example.gov.vn/gdtx/"));
        assert_eq!(e.links()[0].href(), e.id());
    }
}

#[test]
fn data_exports_are_versioned_and_complete() {
    let files = real_output();
    let json = |p: &str| -> serde_json::Value { serde_json::from_slice(&files[p]).unwrap() };
    let index = json("data/index.json");
    assert_eq!(index["schema_version"], 1);
    for d in index["datasets"].as_array().unwrap() {
        let path = d["path"].as_str().unwrap();
        let data = json(path);
        assert_eq!(data["schema_version"], 1, "{path}");
        assert!(!data["items"].as_array().unwrap().is_empty(), "{path}");
    }
    let letters = json("data/letters.json");
    assert_eq!(letters["items"].as_array().unwrap().len(), 5);
    let deadlines = json("data/deadlines.json");
    let items = deadlines["items"].as_array().unwrap();
    assert!(items
        .iter()
        .any(|d| d["granularity"] == "month" && d["end"] == "2023-08-31"));
    assert!(items
        .iter()
        .any(|d| d["granularity"] == "range" && d["when"] == "2023-10-01/2023-10-07"));
    for d in items {
        let url = d["url"].as_str().unwrap();
        let page = format!("{}index.html", url.split('#').next().unwrap());
        assert!(files.contains_key(&page), "{url}");
        if let Some((_, anchor)) = url.split_once('#') {
            let html = String::from_utf8_lossy(&files[&page]);
            assert!(html.contains(&format!("id=\"{anchor}\"")), "{url}");
        }
    }
    let docs = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/data.md"),
    )
    .unwrap();
    for field in [
        "schema_version",
        "granularity",
        "ical_uid",
        "task_ids",
        "deadline_count",
    ] {
        assert!(docs.contains(field), "docs/data.md documents {field}");
    }
}

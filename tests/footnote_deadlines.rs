//! Dates written in footnotes are deadlines too: the Đông Triều plan gives its
//! report deadlines only in footnote 7, and they merge with its front matter.

mod common;

use common::*;

#[test]
fn footnote_deadlines_are_read_and_merged() {
    let site = real_site();
    let run = gdtx(site.path(), &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let data: serde_json::Value = serde_json::from_slice(
        &std::fs::read(site.path().join("public/data/deadlines.json")).unwrap(),
    )
    .unwrap();
    let text = data.to_string();
    let dong_trieu: Vec<&serde_json::Value> = data["items"]
        .as_array()
        .unwrap_or_else(|| panic!("{text}"))
        .iter()
        .filter(|d| {
            d["letter"]
                .as_str()
                .unwrap_or("")
                .starts_with("quang-ninh/")
        })
        .collect();
    assert_eq!(
        dong_trieu.len(),
        2,
        "one per deadline, not front matter + text: {dong_trieu:?}"
    );
    for d in dong_trieu {
        assert_eq!(d["source"], "both");
        assert!(d["url"].as_str().unwrap().ends_with("#fn-7"), "{d}");
    }
}

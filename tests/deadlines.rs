//! Deadlines of the real letters: front matter and text merged, granularity
//! kept, anchors pointing at the paragraph.

use gdtx::deadlines::{Origin, Period};

fn real_corpus() -> gdtx::corpus::Corpus {
    let loaded = gdtx::load::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
    gdtx::build::compile(&loaded).corpus
}

#[test]
fn dien_bien_deadlines_are_merged_and_keep_their_granularity() {
    let corpus = real_corpus();
    let letter = corpus
        .letters
        .iter()
        .find(|l| l.url.starts_with("dien-bien/"))
        .unwrap();
    let lines: Vec<String> = letter
        .deadlines
        .iter()
        .map(|d| {
            format!(
                "{} {} {:?} #{} {}",
                d.period.iso(),
                d.period.granularity(),
                d.origin,
                d.anchor.as_deref().unwrap_or("-"),
                d.what
            )
        })
        .collect();
    insta::assert_snapshot!(lines.join("\n"));
    let months = letter
        .deadlines
        .iter()
        .filter(|d| matches!(d.period, Period::Month { .. }))
        .count();
    assert_eq!(months, 10, "one item per timetable row");
    let both = letter
        .deadlines
        .iter()
        .filter(|d| d.origin == Origin::Both)
        .count();
    assert_eq!(
        both, 3,
        "the three front-matter deadlines are also in the text"
    );
}

#[path = "common/mod.rs"]
mod common;

#[test]
fn check_warns_on_impossible_and_out_of_year_text_deadlines() {
    let site = common::fixture_site();
    let letter = site.path().join("content/hai-phong/2024-2025/huong-dan.md");
    let mut text = std::fs::read_to_string(&letter).unwrap();
    let cut = text.find("[^1]:").unwrap();
    text.insert_str(
        cut,
        "Các đơn vị gửi báo cáo trước ngày 31/02/2025. Hồ sơ nộp trước ngày 15/9/2027.\n\n",
    );
    std::fs::write(&letter, text).unwrap();
    let run = common::gdtx(site.path(), &["check"]);
    assert_eq!(run.code, 0, "warnings only:\n{}", run.stderr);
    insta::assert_snapshot!(common::redact_timing(&run.stderr));
}

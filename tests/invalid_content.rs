//! Every invalid fixture in tests/fixtures/invalid makes `gdtx check` and
//! `gdtx build` exit 1 with a precise diagnostic; the exact output is a snapshot.
//! A fixture is a single letter (`NAME.md`, placed in content/hai-phong/2024-2025/
//! of the fixture site) or a folder laid over the fixture site.

mod common;

use common::*;

fn check_fixture(name: &str) -> String {
    let site = fixture_site();
    let md = fixtures().join("invalid").join(format!("{name}.md"));
    let dir = fixtures().join("invalid").join(name);
    if md.is_file() {
        std::fs::copy(
            &md,
            site.path()
                .join(format!("content/hai-phong/2024-2025/{name}.md")),
        )
        .unwrap();
    } else {
        assert!(dir.is_dir(), "no fixture {name}");
        copy_dir(&dir, site.path());
    }
    let check = gdtx(site.path(), &["check"]);
    assert_eq!(
        check.code, 1,
        "check of {name} should exit 1:\n{}",
        check.stderr
    );
    let build = gdtx(site.path(), &["build"]);
    assert_eq!(
        build.code, 1,
        "build of {name} should exit 1:\n{}",
        build.stderr
    );
    assert!(
        !site.path().join("public").exists(),
        "a failed first build must not write public/"
    );
    assert!(check.stderr.contains("error"), "{}", check.stderr);
    format!("exit code: {}\n{}", check.code, check.stderr)
}

macro_rules! invalid {
    ($($test:ident => $name:literal),* $(,)?) => {
        $(
            #[test]
            fn $test() {
                insta::assert_snapshot!($name, check_fixture($name));
            }
        )*
        const FIXTURES: &[&str] = &[$($name),*];
    };
}

invalid! {
    broken_toml => "broken-toml",
    wrong_type => "wrong-type",
    unknown_field => "unknown-field",
    date_31_02 => "date-31-02",
    school_year_2024_2026 => "school-year-2024-2026",
    unknown_province => "unknown-province",
    unknown_topic => "unknown-topic",
    missing_title => "missing-title",
    empty_file => "empty-file",
    unclosed_front_matter => "unclosed-front-matter",
    script_in_body => "script-in-body",
    yaml_front_matter => "yaml-front-matter",
    task_anchor_missing => "task-anchor-missing",
    unknown_kind => "unknown-kind",
    unknown_level => "unknown-level",
    fields_after_table => "fields-after-table",
    duplicate_heading_id => "duplicate-heading-id",
    javascript_link => "javascript-link",
    missing_issuer => "missing-issuer",
    bad_deadline_month => "bad-deadline-month",
    duplicate_key => "duplicate-key",
    not_at_first_line => "not-at-first-line",
    several_errors => "several-errors",
    phong_without_district => "phong-without-district",
    non_utf8 => "non-utf8",
    bom => "bom",
    crlf => "crlf",
    duplicate_slug => "duplicate-slug",
    site_toml_unknown_key => "site-toml-unknown-key",
    two_files => "two-files",
}

/// A fixture added to the folder but not to the list above would never run.
#[test]
fn every_fixture_is_listed() {
    let mut on_disk: Vec<String> = std::fs::read_dir(fixtures().join("invalid"))
        .unwrap()
        .map(|e| {
            e.unwrap()
                .file_name()
                .to_string_lossy()
                .trim_end_matches(".md")
                .to_owned()
        })
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = FIXTURES.iter().map(|s| s.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);
    assert!(listed.len() >= 20);
}

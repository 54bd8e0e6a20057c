//! `gdtx serve`'s incremental rebuilds: after each edit the output folder must be
//! byte for byte what a fresh full build of the edited site writes (every file
//! compared), whether the edit took the fast path or fell back to a full build;
//! an edit with an error leaves the folder as it was.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::*;
use gdtx::incremental::{Report, Session};

/// The site's output after a fresh full build (into a folder of its own).
fn fresh_build(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let out = tempfile::tempdir().unwrap();
    let report = gdtx::build::build(root, Some(out.path()), false).unwrap();
    assert!(report.written, "the fresh build failed");
    read_tree(out.path())
}

/// Panics with the first differences, so a failure says which pages.
fn assert_same_tree(got: &BTreeMap<String, Vec<u8>>, want: &BTreeMap<String, Vec<u8>>, what: &str) {
    let mut problems = Vec::new();
    for (path, bytes) in want {
        match got.get(path) {
            None => problems.push(format!("missing {path}")),
            Some(b) if b != bytes => problems.push(format!("differs {path}")),
            _ => {}
        }
    }
    for path in got.keys().filter(|p| !want.contains_key(*p)) {
        problems.push(format!("extra {path}"));
    }
    assert!(
        problems.is_empty(),
        "{what}: the incremental output is not the full build's ({} files): {:?}",
        problems.len(),
        &problems[..problems.len().min(20)]
    );
}

struct Served {
    site: tempfile::TempDir,
    out: PathBuf,
    session: Session,
}

impl Served {
    fn start(site: tempfile::TempDir) -> Served {
        let out = site.path().join("public");
        let mut session = Session::new(site.path(), &out);
        let report = session.rebuild(None).unwrap();
        assert!(report.ok && report.full, "{}", report.render(false));
        Served { site, out, session }
    }

    /// Rewrites `file` (relative to the site) with `edit` and rebuilds.
    fn edit(&mut self, file: &str, edit: impl Fn(&str) -> String) -> Report {
        let path = self.site.path().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        let edited = edit(&text);
        assert_ne!(text, edited, "the edit of {file} changed nothing");
        std::fs::write(&path, edited).unwrap();
        self.session.rebuild(Some(&[path])).unwrap()
    }

    /// Edits, rebuilds and compares with a fresh full build.
    fn check(&mut self, what: &str, file: &str, full: bool, edit: impl Fn(&str) -> String) {
        let report = self.edit(file, edit);
        assert!(report.ok, "{what}: {}", report.render(false));
        assert_eq!(report.full, full, "{what}: full build or not");
        assert_same_tree(&read_tree(&self.out), &fresh_build(self.site.path()), what);
    }
}

fn replace(from: &'static str, to: &'static str) -> impl Fn(&str) -> String {
    move |t: &str| {
        assert!(t.contains(from), "{from:?} is not in the letter");
        t.replacen(from, to, 1)
    }
}

const HAI_PHONG: &str = "content/hai-phong/2024-2025/so-gddt-huong-dan-gdtx.md";
const DIEN_BIEN: &str = "content/dien-bien/2023-2024/phong-gddt-huyen-dien-bien-huong-dan-gdtx.md";

#[test]
fn incremental_rebuilds_write_what_a_full_build_writes() {
    let mut s = Served::start(real_site());
    s.check(
        "body text",
        HAI_PHONG,
        false,
        replace(
            "6. Tăng cường công tác kiểm tra việc thực hiện các quy định về GDTX.",
            "6. Tăng cường công tác kiểm tra, giám sát việc thực hiện các quy định về GDTX.",
        ),
    );
    s.check(
        "a citation of a cited document added",
        HAI_PHONG,
        false,
        replace(
            "6. Tăng cường công tác kiểm tra, giám sát",
            "6. Theo Công văn số 3933/BGDĐT-GDTX ngày 30/7/2024 của Bộ Giáo dục và Đào tạo, tăng cường công tác kiểm tra, giám sát",
        ),
    );
    s.check(
        "a citation of a new document added",
        HAI_PHONG,
        false,
        replace(
            "8. Đẩy mạnh các phong trào thi đua",
            "8. Thực hiện Quyết định số 777/QĐ-UBND ngày 05/3/2024 của Ủy ban nhân dân thành phố Hải Phòng, đẩy mạnh các phong trào thi đua",
        ),
    );
    s.check(
        "the only citation of a document removed",
        HAI_PHONG,
        false,
        replace(
            "8. Thực hiện Quyết định số 777/QĐ-UBND ngày 05/3/2024 của Ủy ban nhân dân thành phố Hải Phòng, đẩy mạnh",
            "8. Đẩy mạnh",
        ),
    );
    s.check(
        "a citation removed",
        HAI_PHONG,
        false,
        replace(
            "6. Theo Công văn số 3933/BGDĐT-GDTX ngày 30/7/2024 của Bộ Giáo dục và Đào tạo, tăng cường",
            "6. Tăng cường",
        ),
    );
    s.check(
        "a deadline in the text changed",
        DIEN_BIEN,
        false,
        replace("Trước ngày 10/9/2023;", "Trước ngày 15/9/2023;"),
    );
    s.check(
        "a task's item text changed",
        HAI_PHONG,
        false,
        replace(
            "1. Đẩy mạnh các hoạt động xây dựng xã hội học tập (XHHT).",
            "1. Đẩy mạnh hơn nữa các hoạt động xây dựng xã hội học tập (XHHT).",
        ),
    );
    s.check(
        "an item added to a task",
        HAI_PHONG,
        false,
        replace(
            "\n8. Đẩy mạnh các phong trào thi đua",
            "\n9. Thực hiện tốt chế độ thông tin, báo cáo.\n\n8. Đẩy mạnh các phong trào thi đua",
        ),
    );
    s.check("the signer changed", DIEN_BIEN, false, |t: &str| {
        let from = t
            .lines()
            .find(|l| l.starts_with("name = ") && !l.contains("Phòng") && !l.contains("Giáo dục"))
            .unwrap();
        t.replacen(from, "name = \"Nguyễn Văn Mới\"", 1)
    });
    s.check(
        "the parent body and the subject line changed",
        HAI_PHONG,
        false,
        |t: &str| {
            t.replacen(
                "parent = \"UBND thành phố Hải Phòng\"",
                "parent = \"Ủy ban nhân dân thành phố Hải Phòng\"",
                1,
            )
            .replacen(
                "subject = \"V/v hướng dẫn",
                "subject = \"V/v về việc hướng dẫn",
                1,
            )
        },
    );
    s.check(
        "a legal basis added",
        HAI_PHONG,
        false,
        replace(
            "[[tasks]]",
            "[[legal_bases]]\ncite = \"Thông tư số 33/2021/TT-BGDĐT ngày 26/11/2021 của Bộ Giáo dục và Đào tạo\"\n\n[[tasks]]",
        ),
    );
    s.check(
        "the title (identity) changed: full build",
        HAI_PHONG,
        true,
        replace(
            "title = \"Hướng dẫn thực hiện nhiệm vụ năm học 2024-2025 đối với giáo dục thường xuyên\"",
            "title = \"Hướng dẫn thực hiện nhiệm vụ GDTX năm học 2024-2025\"",
        ),
    );
    s.check(
        "the date (identity) changed: full build",
        HAI_PHONG,
        true,
        replace("date = \"2024-08-19\"", "date = \"2024-08-20\""),
    );
    s.check(
        "the body again after the full build",
        DIEN_BIEN,
        false,
        replace("Trước ngày 15/9/2023;", "Trước ngày 16/9/2023;"),
    );
}

#[test]
fn an_issuer_across_years_and_the_school_year_of_a_letter() {
    let mut s = Served::start({
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&fixtures().join("compare"), dir.path());
        dir
    });
    let letter = "content/hai-phong/2024-2025/huong-dan.md";
    s.check(
        "an item of a letter in a year-over-year series",
        letter,
        false,
        |t: &str| {
            let line = t.lines().find(|l| l.starts_with("a) ")).unwrap();
            t.replacen(line, &format!("{line} Nội dung được bổ sung thêm."), 1)
        },
    );
    // Moving a letter to another school year moves its pages: a full build.
    let from = s
        .site
        .path()
        .join("content/hai-phong/2024-2025/huong-dan.md");
    let to_dir = s.site.path().join("content/hai-phong/2025-2026");
    std::fs::create_dir_all(&to_dir).unwrap();
    let text = std::fs::read_to_string(&from)
        .unwrap()
        .replace("2024-2025", "2025-2026");
    std::fs::write(to_dir.join("huong-dan.md"), text).unwrap();
    std::fs::remove_file(&from).unwrap();
    let report = s
        .session
        .rebuild(Some(&[from, to_dir.join("huong-dan.md")]))
        .unwrap();
    assert!(report.ok && report.full, "{}", report.render(false));
    assert_same_tree(
        &read_tree(&s.out),
        &fresh_build(s.site.path()),
        "moved to 2025-2026",
    );
}

#[test]
fn identity_changes_fall_back_to_a_full_build() {
    let mut s = Served::start(real_site());
    s.check(
        "the province changed",
        DIEN_BIEN,
        true,
        replace("province = \"Điện Biên\"", "province = \"Lai Châu\""),
    );
    s.check(
        "the school year changed",
        HAI_PHONG,
        true,
        replace("school_year = \"2024-2025\"", "school_year = \"2025-2026\""),
    );
    s.check(
        "then the body of the same letter",
        HAI_PHONG,
        false,
        replace(
            "6. Tăng cường công tác kiểm tra",
            "6. Tăng cường công tác thanh tra, kiểm tra",
        ),
    );
}

#[test]
fn an_edit_with_an_error_leaves_the_output_as_it_was() {
    let mut s = Served::start(real_site());
    let before = read_tree(&s.out);
    let report = s.edit(HAI_PHONG, |t| {
        t.replacen("date = \"2024-08-19\"", "date = \"31/02/2024\"", 1)
    });
    assert!(!report.ok);
    assert!(
        !report.full,
        "a broken letter is reported without a full build"
    );
    let shown = report.render(false);
    assert!(shown.contains("`date` is not a real date"), "{shown}");
    assert!(shown.contains(HAI_PHONG), "{shown}");
    assert_eq!(read_tree(&s.out), before, "the output folder was touched");
    // Another letter saved meanwhile: still not published while one is broken.
    let report = s.edit(
        DIEN_BIEN,
        replace("Trước ngày 10/9/2023;", "Trước ngày 11/9/2023;"),
    );
    assert!(!report.ok);
    assert_eq!(read_tree(&s.out), before, "the output folder was touched");
    // Fixed: both edits are published.
    s.check(
        "the fix",
        HAI_PHONG,
        false,
        replace("date = \"31/02/2024\"", "date = \"2024-08-19\""),
    );
    let page = std::fs::read_to_string(
        s.out
            .join("dien-bien/2023-2024/phong-gddt-huyen-dien-bien-huong-dan-gdtx/index.html"),
    )
    .unwrap();
    assert!(page.contains("11/9/2023"));
}

#[test]
fn a_word_of_a_new_search_shard_rewrites_that_shard_only() {
    let mut s = Served::start(real_site());
    let shards = |s: &Served| {
        read_tree(&s.out)
            .into_keys()
            .filter(|p| p.starts_with("tim-kiem/tu/"))
            .collect::<Vec<_>>()
    };
    let before = shards(&s);
    assert!(!before.contains(&"tim-kiem/tu/qz.json".to_owned()));
    let edit = replace(
        "6. Tăng cường công tác kiểm tra việc thực hiện",
        "6. Tăng cường công tác kiểm tra qzxv việc thực hiện",
    );
    let report = s.edit(HAI_PHONG, &edit);
    assert!(report.ok && !report.full, "{}", report.render(false));
    // The letter, its pages, the manifest, the new shard and a few more:
    // never every shard (they used to be numbered in key order).
    assert!(
        report.written < 20,
        "{} files written for one new word",
        report.written
    );
    let after = shards(&s);
    assert_eq!(after.len(), before.len() + 1);
    assert!(after.contains(&"tim-kiem/tu/qz.json".to_owned()));
    assert_same_tree(&read_tree(&s.out), &fresh_build(s.site.path()), "new shard");
    // Taking the word out again deletes the shard.
    let report = s.edit(HAI_PHONG, replace("kiểm tra qzxv việc", "kiểm tra việc"));
    assert!(report.ok && !report.full, "{}", report.render(false));
    assert_eq!(shards(&s), before);
    assert_same_tree(
        &read_tree(&s.out),
        &fresh_build(s.site.path()),
        "shard removed",
    );
}

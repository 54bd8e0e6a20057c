//! Integration tests that build whole sites into temporary folders with the real
//! binary: the fixture site (snapshots of chosen pages), the repository's own five
//! letters (navigation, offline, sub-path), determinism and the last good site.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::*;

const LETTER: &str = "public/hai-phong/2024-2025/huong-dan/index.html";

fn build(dir: &Path) -> Run {
    let run = gdtx(dir, &["build"]);
    assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
    run
}

#[test]
fn fixture_letter_page_snapshot() {
    let site = fixture_site();
    build(site.path());
    let html = std::fs::read_to_string(site.path().join(LETTER)).unwrap();
    insta::assert_snapshot!("fixture_letter_page", html);
}

#[test]
fn fixture_home_and_topic_snapshots() {
    let site = fixture_site();
    build(site.path());
    let home = std::fs::read_to_string(site.path().join("public/index.html")).unwrap();
    insta::assert_snapshot!("fixture_home_page", home);
    let topic = std::fs::read_to_string(site.path().join("public/chu-de/xay-dung-xhht/index.html"))
        .unwrap();
    insta::assert_snapshot!("fixture_topic_page", topic);
}

#[test]
fn letter_page_reads_as_the_official_document() {
    let site = fixture_site();
    build(site.path());
    let html = std::fs::read_to_string(site.path().join(LETTER)).unwrap();
    for expected in [
        "Số: 2501/SGDĐT-GDTX&amp;ĐH",
        "Hải Phòng, ngày 19 tháng 8 năm 2024",
        "V/v hướng dẫn thực hiện nhiệm vụ năm học 2024-2025",
        "Kính gửi:",
        "Nơi nhận:",
        "KT. GIÁM ĐỐC",
        "Đỗ Thị Hoa",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "<h3 id=\"ii-1\">",
        "id=\"fn-1\"",
        "href=\"#ii-1\"",
        "<time datetime=\"2024-09-10\">10/09/2024</time>",
        "lang=\"vi\"",
    ] {
        assert!(html.contains(expected), "missing {expected:?}");
    }
    assert!(!html.contains("&#x2f;"), "slashes must stay readable");
}

#[test]
fn the_real_letters_build_without_problems() {
    let site = real_site();
    let run = build(site.path());
    assert!(!run.stderr.contains("error:"), "{}", run.stderr);
    let check = gdtx(site.path(), &["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    let tree = read_tree(&site.path().join("public"));
    let letters: Vec<&String> = tree
        .keys()
        .filter(|k| {
            k.matches('/').count() == 3 && k.ends_with("/index.html") && !k.starts_with("chu-de/")
        })
        .collect();
    assert_eq!(letters.len(), 5, "{letters:?}");
}

/// Every relative link and asset on every page points to a file of the site, so
/// navigation works from any index and from a sub-path, and nothing is fetched
/// from elsewhere.
#[test]
fn every_link_resolves_and_nothing_is_external() {
    let site = real_site();
    build(site.path());
    let public = site.path().join("public");
    let tree = read_tree(&public);
    let files: BTreeSet<&str> = tree.keys().map(String::as_str).collect();
    let mut checked = 0;
    for (path, bytes) in tree
        .iter()
        .filter(|(p, _)| p.ends_with(".html") && *p != "404.html")
    {
        let html = String::from_utf8_lossy(bytes);
        let dir = Path::new(path).parent().unwrap().to_path_buf();
        for attr in ["href=\"", "src=\""] {
            for piece in html.split(attr).skip(1) {
                let target = &piece[..piece.find('"').unwrap()];
                if target.starts_with("https://example.gov.vn/") {
                    continue; // canonical link
                }
                assert!(
                    !target.starts_with("http") && !target.starts_with("//"),
                    "{path} loads {target}"
                );
                assert!(
                    !target.starts_with('/'),
                    "{path} has a root-relative link {target}; it breaks under a sub-path"
                );
                let (file, fragment) = target.split_once('#').unwrap_or((target, ""));
                let resolved = if file.is_empty() {
                    path.clone()
                } else {
                    let mut p = dir.join(file);
                    if file.ends_with('/') || file == "." || file.is_empty() {
                        p = p.join("index.html");
                    }
                    normalize(&p)
                };
                assert!(
                    files.contains(resolved.as_str()),
                    "{path}: broken link {target} → {resolved}"
                );
                if !fragment.is_empty() {
                    let page = String::from_utf8_lossy(&tree[&resolved]);
                    assert!(
                        page.contains(&format!("id=\"{fragment}\"")),
                        "{path}: {target} has no #{fragment}"
                    );
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 200, "only {checked} links checked");
}

fn normalize(p: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                parts.pop();
            }
            std::path::Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    parts.join("/")
}

#[test]
fn output_is_byte_identical_between_runs_and_thread_counts() {
    let site = real_site();
    let one = gdtx_env(
        site.path(),
        &["build", "--output", "one"],
        &[("RAYON_NUM_THREADS", "1")],
    );
    assert_eq!(one.code, 0, "{}", one.stderr);
    let two = gdtx_env(
        site.path(),
        &["build", "--output", "two"],
        &[("RAYON_NUM_THREADS", "2")],
    );
    assert_eq!(two.code, 0, "{}", two.stderr);
    let again = gdtx_env(
        site.path(),
        &["build", "--output", "three"],
        &[("RAYON_NUM_THREADS", "2")],
    );
    assert_eq!(again.code, 0);
    let a = read_tree(&site.path().join("one"));
    assert!(a.len() > 20);
    assert!(
        a == read_tree(&site.path().join("two")),
        "RAYON_NUM_THREADS=1 and 2 differ"
    );
    assert!(
        a == read_tree(&site.path().join("three")),
        "two runs differ"
    );
}

#[test]
fn a_failed_build_leaves_the_last_good_site() {
    let site = fixture_site();
    build(site.path());
    let before = read_tree(&site.path().join("public"));
    std::fs::write(
        site.path().join("content/hai-phong/2024-2025/broken.md"),
        "+++\ntitle = \"x\n+++\n",
    )
    .unwrap();
    let run = gdtx(site.path(), &["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("the last good site was left as it was"),
        "{}",
        run.stderr
    );
    assert!(
        before == read_tree(&site.path().join("public")),
        "public/ changed after a failed build"
    );
    let siblings: Vec<String> = std::fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !siblings.iter().any(|n| n.starts_with(".public")),
        "temporary folders left: {siblings:?}"
    );
}

#[test]
fn a_new_build_replaces_stale_pages() {
    let site = fixture_site();
    build(site.path());
    std::fs::write(site.path().join("public/stale.html"), "old").unwrap();
    build(site.path());
    assert!(!site.path().join("public/stale.html").exists());
}

#[test]
fn gdtx_new_writes_a_letter_that_checks() {
    let site = fixture_site();
    let run = gdtx(
        site.path(),
        &["new", "content/dien-bien/2025-2026/huong-dan.md"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text =
        std::fs::read_to_string(site.path().join("content/dien-bien/2025-2026/huong-dan.md"))
            .unwrap();
    assert!(text.contains("province = \"Điện Biên\""));
    let check = gdtx(site.path(), &["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    let again = gdtx(
        site.path(),
        &["new", "content/dien-bien/2025-2026/huong-dan.md"],
    );
    assert_eq!(again.code, 2, "must not overwrite");
}

#[test]
fn usage_and_environment_problems_exit_2() {
    let empty = tempfile::tempdir().unwrap();
    let run = gdtx(empty.path(), &["build"]);
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(
        "no_site_toml",
        run.stderr
            .replace(&empty.path().display().to_string(), "[dir]")
    );
    assert_eq!(gdtx(empty.path(), &["bulid"]).code, 2);
    assert_eq!(gdtx(empty.path(), &["--help"]).code, 0);
}

#[test]
fn bom_and_crlf_letters_are_accepted() {
    let site = fixture_site();
    let path = site.path().join("content/hai-phong/2024-2025/huong-dan.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(text.replace('\n', "\r\n").into_bytes());
    std::fs::write(&path, bytes).unwrap();
    build(site.path());
    let html = std::fs::read_to_string(site.path().join(LETTER)).unwrap();
    assert!(html.contains("2501/SGDĐT-GDTX"));
}

#[test]
fn raw_html_is_escaped_with_a_warning_unless_allowed() {
    let site = fixture_site();
    let path = site.path().join("content/hai-phong/2024-2025/huong-dan.md");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("(XHHT).", "(XHHT) <u>gạch chân</u>.");
    std::fs::write(&path, text).unwrap();
    let run = build(site.path());
    assert!(
        run.stderr.contains("warning: raw HTML is shown as text"),
        "{}",
        run.stderr
    );
    let html = std::fs::read_to_string(site.path().join(LETTER)).unwrap();
    assert!(html.contains("&lt;u&gt;gạch chân&lt;/u&gt;"));
    let strict = gdtx(site.path(), &["check", "--deny-warnings"]);
    assert_eq!(strict.code, 1);

    let config = std::fs::read_to_string(site.path().join("site.toml")).unwrap();
    std::fs::write(
        site.path().join("site.toml"),
        format!("allow_html = true\n{config}"),
    )
    .unwrap();
    let run = build(site.path());
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let html = std::fs::read_to_string(site.path().join(LETTER)).unwrap();
    assert!(html.contains("<u>gạch chân</u>"));
}

#[test]
fn a_theme_overrides_templates_by_name_and_extends_the_default() {
    let site = fixture_site();
    let dir = site.path().join("themes/default/templates");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("base.html"),
        "{% extends \"default/base.html\" %}{% block head %}<meta name=\"so\" content=\"Sở GDĐT Hải Phòng\">{% endblock %}",
    )
    .unwrap();
    std::fs::create_dir_all(site.path().join("themes/default/static")).unwrap();
    std::fs::write(
        site.path().join("themes/default/static/extra.css"),
        "body{}",
    )
    .unwrap();
    build(site.path());
    let html = std::fs::read_to_string(site.path().join(LETTER)).unwrap();
    assert!(html.contains("<meta name=\"so\" content=\"Sở GDĐT Hải Phòng\">"));
    assert!(
        html.contains("Đỗ Thị Hoa"),
        "the letter template still renders"
    );
    assert!(site.path().join("public/static/extra.css").exists());
    assert!(site.path().join("public/static/style.css").exists());
}

#[test]
fn a_broken_theme_template_is_reported_not_panicked() {
    let site = fixture_site();
    let dir = site.path().join("themes/default/templates");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("404.html"), "{% if %}").unwrap();
    let run = gdtx(site.path(), &["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("templates/404.html"), "{}", run.stderr);
}

#[test]
fn a_streamed_build_writes_exactly_the_site_compiled_in_memory() {
    let site = real_site();
    let run = gdtx(site.path(), &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let loaded = gdtx::load::load(site.path()).unwrap();
    let in_memory = gdtx::build::compile(&loaded).output.unwrap().files;
    let on_disk = read_tree(&site.path().join("public"));
    let paths =
        |m: &std::collections::BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(paths(&in_memory), paths(&on_disk));
    assert!(in_memory == on_disk, "a file differs between the two");
}

#[test]
fn deny_warnings_writes_nothing_when_there_are_warnings() {
    let site = real_site();
    build(site.path());
    let before = read_tree(&site.path().join("public"));
    // content/ has two warnings of its own (date typos kept as printed).
    let run = gdtx(site.path(), &["build", "--deny-warnings"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(before == read_tree(&site.path().join("public")));
    assert!(!site.path().join(".public.tmp").exists());
}

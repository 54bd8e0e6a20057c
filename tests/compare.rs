//! The comparison pages, built with the real binary: the fixture letters of
//! tests/fixtures/compare (one Sở over two school years with added, removed and
//! reworded items; three provinces in one year) and the five real letters.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::*;

fn compare_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixtures().join("compare"), dir.path());
    dir
}

fn build(dir: &Path) {
    let run = gdtx(dir, &["build"]);
    assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
}

fn page(dir: &Path, path: &str) -> String {
    std::fs::read_to_string(dir.join("public").join(path)).unwrap()
}

/// The text of each `<section class="cmp-group…">` of a topic page, tags removed.
fn groups(html: &str) -> Vec<String> {
    html.split("<section class=\"cmp-group")
        .skip(1)
        .map(|s| strip_tags(&s[s.find('>').unwrap() + 1..s.find("</section>").unwrap()]))
        .collect()
}

fn strip_tags(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn topic_page_groups_items_across_letters() {
    let site = compare_site();
    build(site.path());
    // The topic page shows the newest school year side by side (three letters);
    // the older year has its own page.
    let html = page(site.path(), "chu-de/xay-dung-xhht/index.html");
    let g = groups(&html);
    assert_eq!(g.len(), 5, "{g:#?}");
    // The plan of the Đề án: all three letters, reworded by Điện Biên and QN.
    assert!(g[0].starts_with("Có trong 3/3 văn bản"), "{}", g[0]);
    for who in ["Điện Biên", "Hải Phòng · Sở · 2024-2025", "Quảng Ninh"] {
        assert!(g[0].contains(who), "{who} missing from {}", g[0]);
    }
    assert!(!html.contains("Hải Phòng · Sở · 2023-2024</a>"));
    // The week of lifelong learning: Hải Phòng and Quảng Ninh.
    assert!(g[1].starts_with("Có trong 2/3 văn bản"), "{}", g[1]);
    assert!(g[1].contains("năm 2024"));
    // Local additions, one per letter.
    let local: Vec<&String> = g
        .iter()
        .filter(|s| s.starts_with("Bổ sung riêng"))
        .collect();
    assert_eq!(local.len(), 3, "{local:#?}");
    assert!(local
        .iter()
        .any(|s| s.contains("UNESCO") && s.contains("Hải Phòng · Sở · 2024-2025")));
    assert!(local
        .iter()
        .any(|s| s.contains("Gia đình học tập") && s.contains("Quảng Ninh")));
    assert!(local
        .iter()
        .any(|s| s.contains("tiếng dân tộc") && s.contains("Điện Biên")));
    // Word diffs against the first wording of the group.
    assert!(html.contains("<del>Triển</del><ins>Xây dựng và triển</ins>"));
    // Hải Phòng 2024-2025 leads the group; the others lack its last words.
    assert!(html.contains("thu hút đông đảo người dân tham gia.</del>"));
    // Each item links back to its paragraph.
    assert!(html.contains("href=\"../../hai-phong/2024-2025/huong-dan/#i-p3\""));
    // Bullets under "c)" belong to it.
    assert!(html.contains("Xây dựng hồ sơ đăng ký;"));
    // Links to every school year's page, and back.
    assert!(html.contains("href=\"../../chu-de/xay-dung-xhht/2023-2024/\""));
    let old = page(site.path(), "chu-de/xay-dung-xhht/2023-2024/index.html");
    assert!(old.contains("trung tâm học tập cộng đồng"));
    assert!(old.contains("href=\"../../../hai-phong/2023-2024/huong-dan/#"));
    assert!(old.contains("href=\"../../../chu-de/xay-dung-xhht/\""));
    assert!(!old.contains("Quảng Ninh"));
}

#[test]
fn topic_page_snapshot() {
    let site = compare_site();
    build(site.path());
    insta::assert_snapshot!(
        "compare_topic_page",
        page(site.path(), "chu-de/xay-dung-xhht/index.html")
    );
}

#[test]
fn year_over_year_shows_added_removed_and_reworded_items() {
    let site = compare_site();
    build(site.path());
    // The overview counts each step and links to its page.
    let overview = page(site.path(), "so-sanh/qua-cac-nam/so-hai-phong/index.html");
    let text = strip_tags(&overview);
    assert!(text.contains("Từ năm học 2023-2024 sang 2024-2025"));
    assert!(
        text.contains("1 mục thêm · 1 mục bỏ · 1 mục viết lại · 2 mục giữ nguyên"),
        "{text}"
    );
    assert!(overview.contains("href=\"../../../so-sanh/qua-cac-nam/so-hai-phong/2024-2025/\""));
    // The topic table: one cell per step, linking to the topic's section.
    let row = &overview[overview.find(">Xây dựng xã hội học tập</a></th>").unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(
        row.contains("so-hai-phong/2024-2025/#xay-dung-xhht"),
        "{row}"
    );
    assert!(strip_tags(row).contains("+1 −1 ~1"), "{row}");
    assert!(!overview.contains("UNESCO"), "items are on the step pages");
    // The step page holds the items.
    let html = page(
        site.path(),
        "so-sanh/qua-cac-nam/so-hai-phong/2024-2025/index.html",
    );
    let text = strip_tags(&html);
    assert!(
        text.contains("1 mục thêm · 1 mục bỏ · 1 mục viết lại · 2 mục giữ nguyên"),
        "{text}"
    );
    assert!(html.contains("href=\"../../../../so-sanh/qua-cac-nam/so-hai-phong/\""));
    assert!(html.contains("id=\"xay-dung-xhht\""));
    let xhht = &html[html.find("Xây dựng xã hội học tập</a></h3>").unwrap()..];
    let section = &xhht[..xhht.find("</section>").unwrap()];
    let added =
        &section[section.find("<h4>Thêm (1)</h4>").unwrap()..section.find("<h4>Bỏ").unwrap()];
    assert!(added.contains("UNESCO") && added.contains("#i-p3"));
    let removed =
        &section[section.find("<h4>Bỏ (1)</h4>").unwrap()..section.find("<h4>Viết lại").unwrap()];
    assert!(removed.contains("trung tâm học tập cộng đồng"));
    let reworded = &section[section.find("<h4>Viết lại (1)</h4>").unwrap()..];
    assert!(
        reworded.contains("<del>2023</del><ins>2024</ins>"),
        "{reworded}"
    );
    assert!(
        reworded.contains("<ins>, thu hút đông đảo người dân tham gia.</ins>")
            || reworded.contains("thu hút đông đảo")
    );
    // Letter pages of the series link to it; others do not.
    for year in ["2023-2024", "2024-2025"] {
        let letter = page(
            site.path(),
            &format!("hai-phong/{year}/huong-dan/index.html"),
        );
        assert!(letter.contains("href=\"../../../so-sanh/qua-cac-nam/so-hai-phong/\""));
        // The newer letter links straight to the step into its year.
        let step = "href=\"../../../so-sanh/qua-cac-nam/so-hai-phong/2024-2025/\"";
        assert_eq!(letter.contains(step), year == "2024-2025", "{year}");
    }
    let qn = page(site.path(), "quang-ninh/2024-2025/huong-dan/index.html");
    assert!(!qn.contains("qua-cac-nam"));
    // Only Hải Phòng has two school years.
    let matrix = page(site.path(), "so-sanh/index.html");
    assert_eq!(matrix.matches("so-sanh/qua-cac-nam/").count(), 1);
}

#[test]
fn matrix_groups_columns_and_says_when_a_cell_is_empty() {
    let site = compare_site();
    build(site.path());
    let html = page(site.path(), "so-sanh/index.html");
    // One school year per page: the newest here, with links to the others.
    assert!(html.contains(">Năm học 2024-2025</th>"));
    assert!(!html.contains(">Năm học 2023-2024</th>"));
    assert!(html.contains("href=\"../so-sanh/2023-2024/\""));
    let older = page(site.path(), "so-sanh/2023-2024/index.html");
    assert!(older.contains(">Năm học 2023-2024</th>"));
    assert!(older.contains("href=\"../../so-sanh/\""));
    // Cells of an older year link to that year's topic page.
    assert!(older.contains(
        "href=\"../../chu-de/xay-dung-xhht/2023-2024/#e-hai-phong-2023-2024-huong-dan-xhht\""
    ));
    let hp23 = page(site.path(), "chu-de/xay-dung-xhht/2023-2024/index.html");
    assert!(hp23.contains("id=\"e-hai-phong-2023-2024-huong-dan-xhht\""));
    // Provinces in alphabetical order.
    let dien_bien = html.find(">Điện Biên</th>").unwrap();
    let hai_phong = html.find(">Hải Phòng</th>").unwrap();
    let quang_ninh = html.find(">Quảng Ninh</th>").unwrap();
    assert!(dien_bien < hai_phong && hai_phong < quang_ninh);
    // Điện Biên has no task on literacy: its cell says so.
    assert!(html.contains(
        "data-province=\"dien-bien\" data-level=\"so\" class=\"empty-cell\">\n<span class=\"muted\">Không có</span>"
    ));
    // Cells link to the task's entry on the topic page.
    assert!(html.contains("href=\"../chu-de/xay-dung-xhht/#e-hai-phong-2024-2025-huong-dan-xhht\""));
    let hp = page(site.path(), "chu-de/xay-dung-xhht/index.html");
    assert!(hp.contains("id=\"e-hai-phong-2024-2025-huong-dan-xhht\""));
    // Filters: hidden without JavaScript, so the full table shows.
    assert!(html.contains("<form class=\"matrix-filters\" hidden"));
    assert!(html.contains("static/compare.js"));
    // The heat map, on this page and the home page.
    for h in [&html, &page(site.path(), "index.html")] {
        assert!(h.contains("<svg class=\"heatmap\""));
        assert!(h.contains("role=\"img\""));
        assert!(h.contains("<title id="));
        assert!(h.contains("<desc id="));
    }
}

/// Every task of every real letter appears exactly once in the matrix.
#[test]
fn real_letters_matrix_has_every_task_once() {
    let site = real_site();
    let run = gdtx(site.path(), &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // One matrix per school year: the newest at so-sanh/, the others below it.
    let mut html = String::new();
    for entry in std::fs::read_dir(site.path().join("public/so-sanh")).unwrap() {
        let p = entry.unwrap().path().join("index.html");
        if p.exists() && !p.to_string_lossy().contains("qua-cac-nam") {
            html.push_str(&std::fs::read_to_string(p).unwrap());
        }
    }
    html.push_str(&page(site.path(), "so-sanh/index.html"));
    let keys: Vec<&str> = html
        .split("data-task=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    let unique: BTreeSet<&str> = keys.iter().copied().collect();
    assert_eq!(unique.len(), keys.len(), "a task appears twice");
    let mut expected = BTreeSet::new();
    for entry in walkdir::WalkDir::new(site.path().join("content")).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "md") {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(site.path().join("content"))
            .unwrap();
        let url = rel.with_extension("").to_string_lossy().replace('\\', "/");
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for table in text.split("[[tasks]]").skip(1) {
            let id_line = table.lines().find(|l| l.starts_with("id = ")).unwrap();
            let id = id_line.trim_start_matches("id = ").trim_matches('"');
            expected.insert(format!("{url}/#{id}"));
        }
    }
    assert_eq!(expected.len(), 49);
    assert_eq!(unique, expected.iter().map(String::as_str).collect());
}

#[test]
fn compare_command_prints_the_figures() {
    let site = compare_site();
    let run = gdtx(site.path(), &["compare"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("shared by 4/4: Triển khai kế hoạch"),
        "{}",
        run.stdout
    );
    assert!(run
        .stdout
        .contains("Hải Phòng · Sở · 2024-2025: 3 item(s), 2 shared, 1 local addition(s)"));
    let one = gdtx(site.path(), &["compare", "--topic", "xoa-mu-chu-pho-cap"]);
    assert!(!one.stdout.contains("xay-dung-xhht"));
    let bad = gdtx(site.path(), &["compare", "--topic", "khong-co"]);
    assert_eq!(bad.code, 2);
}

#[test]
fn comparison_pages_are_the_same_whatever_the_thread_count() {
    let site = compare_site();
    let one = gdtx_env(
        site.path(),
        &["build", "--output", "one"],
        &[("RAYON_NUM_THREADS", "1")],
    );
    assert_eq!(one.code, 0);
    let four = gdtx_env(
        site.path(),
        &["build", "--output", "four"],
        &[("RAYON_NUM_THREADS", "4")],
    );
    assert_eq!(four.code, 0);
    let a = read_tree(&site.path().join("one"));
    let b = read_tree(&site.path().join("four"));
    assert!(a.contains_key("so-sanh/index.html"));
    assert_eq!(a, b);
}

/// On the real letters' topic pages, a letter's local additions are one box
/// (not one per item) that holds as many items as the shares table counts.
#[test]
fn real_letters_local_additions_are_one_box_per_letter() {
    let site = real_site();
    let run = gdtx(site.path(), &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut boxes = 0;
    let (mut mapped, mut unnumbered) = (0, 0);
    for entry in walkdir::WalkDir::new(site.path().join("public/chu-de")).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_name() != "index.html" {
            continue;
        }
        let html = std::fs::read_to_string(entry.path()).unwrap();
        let local: Vec<&str> = html
            .split("<section class=\"cmp-group local\" id=\"rieng-")
            .skip(1)
            .map(|s| &s[..s.find("</section>").unwrap()])
            .collect();
        // With a comparison on the page, each item listed by letter links to
        // the comparison row that holds it.
        let compared = html.contains("<section class=\"side-by-side\"");
        let maps = html.split("<ul class=\"items item-map\">").skip(1);
        let entry_items = maps
            .flat_map(|m| m[..m.find("</ul>").unwrap()].split("<li>").skip(1))
            .filter(|_| compared);
        for entry_item in entry_items {
            mapped += 1;
            // An unnumbered paragraph shows its opening words, not a sign.
            let words = entry_item.contains("class=\"item-words\"");
            assert!(
                words || entry_item.contains("class=\"item-link\""),
                "{entry_item}"
            );
            unnumbered += usize::from(words);
            let entry_item = &entry_item[..entry_item.find("</li>").unwrap()];
            let href = entry_item.split("href=\"").nth(1).unwrap();
            let href = &href[..href.find('"').unwrap()];
            let row = entry_item
                .split("class=\"in-group\" href=\"#")
                .nth(1)
                .map(|s| &s[..s.find('"').unwrap()])
                .unwrap_or_else(|| panic!("no comparison link for {href} in {entry:?}"));
            let section = html
                .split(&format!(" id=\"{row}\">"))
                .nth(1)
                .unwrap_or_else(|| panic!("no row {row} in {entry:?}"));
            let section = &section[..section.find("</section>").unwrap()];
            assert!(
                section.contains(&format!("href=\"{href}\"")),
                "{href} is not in row {row} of {entry:?}"
            );
        }
        let mut letters = BTreeSet::new();
        for b in &local {
            let label = b.split("</a>").next().unwrap();
            assert!(letters.insert(label), "two boxes for {label} in {entry:?}");
            let counted: usize = b
                .split("<span class=\"count\">")
                .nth(1)
                .and_then(|s| s.split(' ').next())
                .and_then(|n| n.parse().ok())
                .unwrap();
            assert_eq!(counted, b.matches("<li>").count(), "{entry:?}");
        }
        boxes += local.len();
        // "n mục bổ sung riêng" in the summary is what the boxes hold.
        if let Some(summary) = html
            .split(" mục bổ sung riêng")
            .next()
            .filter(|_| !local.is_empty())
        {
            let n: usize = summary.rsplit(' ').next().unwrap().parse().unwrap();
            let listed: usize = local.iter().map(|b| b.matches("<li>").count()).sum();
            assert_eq!(n, listed, "{entry:?}");
        }
    }
    assert!(boxes > 10, "the real letters have local additions: {boxes}");
    // Every item of every compared letter was checked, numbered or not.
    assert!(
        mapped > 100 && unnumbered > 0,
        "{mapped} items, {unnumbered} unnumbered"
    );
}

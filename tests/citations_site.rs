//! Citations in a built site and through `gdtx cite`: links in place, one page
//! per document, a letter of the site as the page of its own number, the
//! implementation chain, and the exact JSON Lines fields.

mod common;

use common::*;

const PHONG: &str = r#"+++
title = "Hướng dẫn nhiệm vụ GDTX của Phòng"
kind = "huong-dan"
number = "15/PGDĐT-GDTX"
date = "2024-09-05"
school_year = "2024-2025"

[issuer]
name = "Phòng Giáo dục và Đào tạo huyện An Lão"
level = "phong"
province = "Hải Phòng"
district = "Huyện An Lão"

[[legal_bases]]
cite = "Công văn số 2501/SGDĐT-GDTX&ĐH ngày 19/8/2024 của Sở Giáo dục và Đào tạo Hải Phòng"

[[tasks]]
id = "chung"
title = "Nhiệm vụ chung"
topic = "nhiem-vu-chung"
anchor = "i"
+++

Thực hiện Công văn số 2501/SGDĐT-GDTX&ĐH ngày 19/8/2024 của Sở Giáo dục và Đào tạo Hải Phòng;

## I. NHIỆM VỤ CHUNG {#i}

1. Triển khai Đề án 1373 theo Thông tư số 17/2022/TT-BTC ngày 08/3/2022 của Bộ Tài chính.
"#;

#[test]
fn citations_link_to_documents_and_to_letters_of_the_site() {
    let site = fixture_site();
    std::fs::create_dir_all(site.path().join("content/hai-phong/2024-2025")).unwrap();
    std::fs::write(
        site.path().join("content/hai-phong/2024-2025/an-lao.md"),
        PHONG,
    )
    .unwrap();
    let run = gdtx(site.path(), &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let phong = std::fs::read_to_string(
        site.path()
            .join("public/hai-phong/2024-2025/an-lao/index.html"),
    )
    .unwrap();
    // The Sở's letter is in the site: its number links to the letter itself.
    assert!(
        phong.contains("<a class=\"cite\" href=\"../../../hai-phong/2024-2025/huong-dan/\""),
        "no link to the Sở letter:\n{phong}"
    );
    // A document that is not in the site has its own page.
    assert!(phong.contains("href=\"../../../van-ban/thong-tu-17-2022-tt-btc/\""));
    assert!(
        phong.contains("href=\"../../../van-ban/quyet-dinh-1373-qd-ttg-2021/\""),
        "Đề án 1373 resolves through the registry"
    );
    // The chain: the Phòng letter carries out the Sở letter, and the other way round.
    assert!(phong.contains("Thực hiện văn bản:"));
    let so = std::fs::read_to_string(
        site.path()
            .join("public/hai-phong/2024-2025/huong-dan/index.html"),
    )
    .unwrap();
    assert!(
        so.contains("Được thực hiện bởi:") && so.contains("huyện An Lão"),
        "{so}"
    );
    assert!(!site
        .path()
        .join("public/van-ban/cong-van-2501-sgddt-gdtx-dh-2024-hai-phong")
        .exists());

    let doc = std::fs::read_to_string(
        site.path()
            .join("public/van-ban/thong-tu-17-2022-tt-btc/index.html"),
    )
    .unwrap();
    assert!(doc.contains("\"@type\":\"Legislation\""));
    assert!(
        doc.contains("href=\"../../hai-phong/2024-2025/an-lao/#i-p1\""),
        "mention links to its paragraph"
    );
    assert!(doc.contains("<mark>Thông tư số 17/2022/TT-BTC ngày 08/3/2022 của Bộ Tài chính</mark>"));
    let index = std::fs::read_to_string(site.path().join("public/van-ban/index.html")).unwrap();
    assert!(index.contains("<svg class=\"legal-map\""));
}

#[test]
fn same_number_of_different_issuers_stays_apart() {
    let site = fixture_site();
    let dir = site.path().join("content/hai-phong/2024-2025");
    let other = PHONG
        .replace(
            "Công văn số 2501/SGDĐT-GDTX&ĐH ngày 19/8/2024 của Sở Giáo dục và Đào tạo Hải Phòng",
            "Kế hoạch số 22/KH-UBND ngày 24/01/2022 của UBND huyện",
        )
        .replace(
            "Thực hiện Công văn",
            "Thực hiện Kế hoạch số 22/KH-UBND ngày 24/01/2022 của UBND huyện và Công văn",
        );
    std::fs::write(dir.join("an-lao.md"), other).unwrap();
    let dn = site.path().join("content/dien-bien/2024-2025");
    std::fs::create_dir_all(&dn).unwrap();
    std::fs::write(
        dn.join("dien-bien.md"),
        PHONG
            .replace("huyện An Lão", "huyện Điện Biên")
            .replace("Huyện An Lão", "Huyện Điện Biên")
            .replace("province = \"Hải Phòng\"", "province = \"Điện Biên\"")
            .replace(
                "Thực hiện Công văn",
                "Thực hiện Kế hoạch số 22/KH-UBND ngày 24/01/2022 của UBND huyện và Công văn",
            ),
    )
    .unwrap();
    let run = gdtx(site.path(), &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let docs: Vec<String> = std::fs::read_dir(site.path().join("public/van-ban"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("ke-hoach-22-"))
        .collect();
    assert_eq!(
        docs.len(),
        2,
        "two districts' Kế hoạch 22 are two documents: {docs:?}"
    );
}

#[test]
fn gdtx_cite_prints_exactly_the_documented_fields() {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("a.txt");
    std::fs::write(&txt, "Căn cứ Thông tư số 33/2021/TT-BGDĐT ngày 26/11/2021;\nthực hiện Kế hoạch số 4344/KH-UBND ngày 22/12/2021 của UBND Thành phố\nvà Đề án 1373.\n").unwrap();
    let run = gdtx(dir.path(), &["cite", "--place", "Hồ Chí Minh", "a.txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    let keys: Vec<&str> = lines[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected = [
        "file", "line", "col", "raw", "kind", "type", "number", "symbol", "year", "date", "issuer",
        "id", "title",
    ];
    expected.sort_unstable();
    assert_eq!(keys, expected);
    assert_eq!(lines[0]["type"], "thong-tu");
    assert_eq!(lines[0]["symbol"], "TT-BGDĐT");
    assert_eq!(lines[0]["year"], 2021);
    assert_eq!(lines[0]["date"], "2021-11-26");
    assert_eq!(lines[0]["line"], 1);
    assert_eq!(lines[0]["col"], 8);
    assert_eq!(lines[1]["id"], "ke-hoach-4344-kh-ubnd-2021-ho-chi-minh");
    assert_eq!(lines[1]["line"], 2);
    assert_eq!(lines[2]["kind"], "short");
    assert_eq!(lines[2]["id"], "quyet-dinh-1373-qd-ttg-2021");

    let table = gdtx(
        dir.path(),
        &[
            "cite",
            "--format",
            "table",
            "--place",
            "Hồ Chí Minh",
            "a.txt",
        ],
    );
    assert!(table.stdout.contains("3 citations"), "{}", table.stdout);
    let bad = gdtx(dir.path(), &["cite", "--place", "Hồ Chí Mihn", "a.txt"]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("did you mean \"Hồ Chí Minh\""),
        "{}",
        bad.stderr
    );
}

#[test]
fn the_real_letters_warn_of_their_date_typos() {
    let site = real_site();
    let run = gdtx(site.path(), &["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("thong-tu-22-2020-tt-bgddt is dated 06/08/2022 here"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("thong-tu-4-2014-tt-bgddt is dated 28/02/2018 here"),
        "{}",
        run.stderr
    );
}

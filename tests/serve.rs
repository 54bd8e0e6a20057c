//! `gdtx serve`: binds 127.0.0.1 only, serves the output folder and nothing
//! outside it, rebuilds on save, and keeps the last good site after a failed
//! rebuild. Bounded in time: every wait has a deadline.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

fn get(port: u16, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, text)
}

fn wait_for(what: &str, mut f: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if f() {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("timed out waiting for {what}");
}

/// `gdtx serve` on a free port in `site`: the child, its port (0 when it did
/// not report one in time) and its stderr lines.
fn spawn_serve(
    site: &std::path::Path,
) -> (std::process::Child, u16, std::sync::mpsc::Receiver<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gdtx"))
        .args(["serve", "--port", "0", "--color=never"])
        .current_dir(site)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut port = 0;
    let deadline = Instant::now() + Duration::from_secs(20);
    while port == 0 && Instant::now() < deadline {
        if let Ok(line) = rx.recv_timeout(Duration::from_millis(200)) {
            if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
                port = rest
                    .split(|c: char| !c.is_ascii_digit())
                    .next()
                    .and_then(|p| p.parse().ok())
                    .unwrap_or(0);
            }
        }
    }
    (child, port, rx)
}

/// A site.toml that does not parse at start: the site is served at `/`; once
/// it is fixed, the next build moves the site under its base path as well,
/// without a restart.
#[test]
fn serve_follows_the_base_path_of_a_site_toml_fixed_while_serving() {
    let site = fixture_site();
    let config = site.path().join("site.toml");
    let good = std::fs::read_to_string(&config).unwrap();
    assert!(
        good.contains("/gdtx/"),
        "the fixture is published under /gdtx/"
    );
    std::fs::write(&config, good.replacen("title", "title = ", 1)).unwrap();
    let (mut child, port, _rx) = spawn_serve(site.path());
    let result = std::panic::catch_unwind(|| {
        assert_ne!(port, 0, "serve did not report its address");
        let page = "/gdtx/hai-phong/2024-2025/huong-dan/";
        assert_eq!(get(port, page).0, 404, "no base path known yet");
        std::fs::write(&config, &good).unwrap();
        wait_for("the site under its base path", || {
            let (status, body) = get(port, page);
            status == 200 && body.contains("Đỗ Thị Hoa")
        });
        let (status, _) = get(port, "/hai-phong/2024-2025/huong-dan/");
        assert_eq!(status, 200, "still at the site root too");
    });
    let _ = child.kill();
    let _ = child.wait();
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
}

#[test]
fn serve_rebuilds_on_save_and_stays_inside_the_output() {
    let site = fixture_site();
    let (mut child, port, rx) = spawn_serve(site.path());
    let result = std::panic::catch_unwind(|| {
        assert_ne!(port, 0, "serve did not report its address");
        let page = "/hai-phong/2024-2025/huong-dan/";
        let (status, body) = get(port, page);
        assert_eq!(status, 200);
        assert!(body.contains("Đỗ Thị Hoa"));
        // Also where the site is published (site.toml's base_url path), so the
        // 404 page, which links from that path, is whole in preview.
        let (status, body) = get(port, &format!("/gdtx{page}"));
        assert_eq!(status, 200);
        assert!(body.contains("Đỗ Thị Hoa"));
        let (status, body) = get(port, "/gdtx/khong-co/trang-nay/");
        assert_eq!(status, 404);
        assert!(body.contains("Không tìm thấy trang"), "the site's 404 page");
        assert!(body.contains(r#"href="/gdtx/static/style.css"#), "{body}");
        let (status, css) = get(port, "/gdtx/static/style.css");
        assert_eq!(status, 200);
        assert!(
            css.contains("gdtx default theme"),
            "the stylesheet the 404 page links to"
        );
        // Redirects keep the reader under the base path.
        let location = |response: &str| {
            response.lines().find_map(|l| {
                l.to_ascii_lowercase()
                    .strip_prefix("location: ")
                    .map(str::to_owned)
            })
        };
        let (status, response) = get(port, "/gdtx");
        assert_eq!(status, 307);
        assert_eq!(location(&response).as_deref(), Some("/gdtx/"));
        let (status, response) = get(port, "/gdtx/hai-phong/2024-2025/huong-dan");
        assert_eq!(status, 307, "a folder without its slash");
        assert_eq!(
            location(&response).as_deref(),
            Some("/gdtx/hai-phong/2024-2025/huong-dan/")
        );
        let (status, _) = get(port, "/../site.toml");
        assert_eq!(status, 404, "must not serve outside the output folder");
        let (status, _) = get(port, "/%2e%2e/site.toml");
        assert_ne!(status, 200, "must not serve outside the output folder");

        let letter = site.path().join("content/hai-phong/2024-2025/huong-dan.md");
        let text = std::fs::read_to_string(&letter).unwrap();
        std::fs::write(&letter, text.replace("Đỗ Thị Hoa", "Nguyễn Văn Mới")).unwrap();
        wait_for("the rebuilt page", || {
            get(port, page).1.contains("Nguyễn Văn Mới")
        });

        let good = std::fs::read_to_string(&letter).unwrap();
        std::fs::write(&letter, "+++\ntitle = \"hỏng\n+++\n").unwrap();
        // The error is shown over the last good page, HTML-escaped.
        wait_for("the error banner", || {
            get(port, page).1.contains("gdtx-loi")
        });
        let (status, body) = get(port, page);
        assert_eq!(status, 200, "the last good site keeps being served");
        assert!(body.contains("Nguyễn Văn Mới"));
        assert!(body.contains("Lỗi khi dựng trang — trang đang hiển thị bản tốt gần nhất"));
        assert!(
            body.contains("huong-dan.md"),
            "the diagnostics name the file"
        );
        assert!(!body.contains("<pre>+++"), "the diagnostics are escaped");
        let banner = body.find("gdtx-loi").unwrap();
        assert!(
            banner < body.rfind("</body>").unwrap(),
            "the banner is inside the body"
        );
        let (_, css) = get(port, "/static/style.css");
        assert!(
            !css.contains("gdtx-loi"),
            "only HTML pages carry the banner"
        );

        // Fixed: the banner goes and the edit shows.
        std::fs::write(&letter, good.replace("Nguyễn Văn Mới", "Trần Văn Sửa")).unwrap();
        wait_for("the fixed page", || {
            let body = get(port, page).1;
            body.contains("Trần Văn Sửa") && !body.contains("gdtx-loi")
        });
        let lines: Vec<String> = rx.try_iter().collect();
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("rebuilt ") && l.contains(" files written) in ")),
            "the terminal reports each rebuild: {lines:?}"
        );
    });
    let _ = child.kill();
    let _ = child.wait();
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
}

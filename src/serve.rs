//! `gdtx serve`: build, serve the output folder on 127.0.0.1 only, rebuild when
//! a file changes (incrementally: see [`crate::incremental`]) and reload open
//! pages. A failed rebuild prints its diagnostics and keeps the last good site
//! on disk; open pages reload with the diagnostics in a banner over the last
//! good page, until the next good build.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;

use notify::RecursiveMode;
use notify_debouncer_full::new_debouncer;
use tower_http::services::{ServeDir, ServeFile};
use tower_livereload::LiveReloadLayer;

use crate::load::EnvError;

/// What a rebuild tells the server: whether the site was written, and when it
/// was not, the diagnostics as plain text (shown over every page).
pub struct Rebuilt {
    pub ok: bool,
    /// Files written: no reload when a good rebuild wrote nothing.
    pub written: usize,
    pub errors: String,
    /// The path of site.toml's `base_url` as the rebuild read it ("/gdtx/"),
    /// or `None` when site.toml could not be read.
    pub base_path: Option<String>,
}

/// The diagnostics of the last rebuild when it failed.
type Overlay = Arc<Mutex<Option<String>>>;

/// Where the published site lives ("/gdtx", no trailing slash; empty for the
/// site root), as the last build that read site.toml found it: a site.toml
/// fixed or edited while serving moves the site without a restart.
type Prefix = Arc<std::sync::RwLock<String>>;

/// "/gdtx/" → "/gdtx"; "/" or a path that is not absolute → "".
fn prefix_of(base_path: &str) -> String {
    match base_path.trim_end_matches('/') {
        p if p.starts_with('/') => p.to_owned(),
        _ => String::new(),
    }
}

/// Serves `out_dir` on 127.0.0.1:`port` and rebuilds `root` on change. `rebuild`
/// is the CLI's build-and-report step, given the changed paths; `errors` are
/// those of the first build, if it failed. The site is served at `/` and also
/// under `base_path` (the path of site.toml's `base_url`, e.g. "/gdtx/"), where
/// the published site lives, and follows it when a rebuild reads another; a
/// missing page gets the site's 404 page.
pub fn serve(
    root: &Path,
    out_dir: &Path,
    base_path: &str,
    port: u16,
    errors: Option<String>,
    mut rebuild: impl FnMut(&[PathBuf]) -> Rebuilt + Send + 'static,
) -> Result<(), EnvError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|error| EnvError::Io {
            path: out_dir.to_path_buf(),
            error,
        })?;
    let livereload = LiveReloadLayer::new();
    let reloader = livereload.reloader();

    let (tx, rx) = mpsc::channel();
    let mut debouncer = new_debouncer(Duration::from_millis(50), None, move |result| {
        let _ = tx.send(result);
    })
    .map_err(|e| EnvError::Io {
        path: root.to_path_buf(),
        error: std::io::Error::other(e),
    })?;
    for watched in watched_paths(root) {
        debouncer
            .watch(&watched, RecursiveMode::Recursive)
            .map_err(|e| EnvError::Io {
                path: watched.clone(),
                error: std::io::Error::other(e),
            })?;
    }
    let out_abs = std::path::absolute(out_dir).unwrap_or_else(|_| out_dir.to_path_buf());
    let overlay: Overlay = Arc::new(Mutex::new(errors));
    let shown = overlay.clone();
    let prefix: Prefix = Arc::new(std::sync::RwLock::new(prefix_of(base_path)));
    let moved = prefix.clone();
    std::thread::spawn(move || {
        let _keep = debouncer;
        while let Ok(result) = rx.recv() {
            let Ok(events) = result else { continue };
            // Ignore our own writes into the output folder and its swap siblings.
            // Reading files during a build raises access events: only changes count.
            let mut paths = changed_paths(&events, &out_abs);
            // Take what arrived meanwhile too, so one save is one rebuild.
            while let Ok(more) = rx.try_recv() {
                if let Ok(events) = more {
                    paths.extend(changed_paths(&events, &out_abs));
                }
            }
            if paths.is_empty() {
                continue;
            }
            paths.sort();
            paths.dedup();
            let rebuilt = rebuild(&paths);
            if let Some(now) = rebuilt.base_path.as_deref().map(prefix_of) {
                let mut current = moved.write().unwrap_or_else(|e| e.into_inner());
                if *current != now {
                    if !now.is_empty() {
                        eprintln!(
                            "the site is now also served under {now}/ (site.toml's base_url)"
                        );
                    }
                    *current = now;
                }
            }
            let was_failing = {
                let mut errors = shown.lock().unwrap_or_else(|e| e.into_inner());
                let was = errors.is_some();
                *errors = (!rebuilt.ok).then_some(rebuilt.errors);
                was
            };
            if !rebuilt.ok || rebuilt.written > 0 || was_failing {
                reloader.reload();
            }
        }
    });

    let dir = out_dir.to_path_buf();
    let site_files = |dir: &Path| {
        ServeDir::new(dir)
            .append_index_html_on_directories(true)
            .not_found_service(ServeFile::new(dir.join("404.html")))
    };
    let shown_prefix = prefix.read().unwrap_or_else(|e| e.into_inner()).clone();
    runtime.block_on(async move {
        let app = axum::Router::new()
            .fallback_service(site_files(&dir))
            .layer(axum::middleware::map_response_with_state(
                overlay,
                with_overlay,
            ))
            .layer(axum::middleware::from_fn_with_state(
                prefix,
                under_base_path,
            ))
            .layer(livereload);
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|error| EnvError::Io {
                path: PathBuf::from(format!("127.0.0.1:{port}")),
                error,
            })?;
        let bound = listener.local_addr().unwrap_or(addr);
        let also = if shown_prefix.is_empty() {
            String::new()
        } else {
            format!(", as published at http://{bound}{shown_prefix}/")
        };
        eprintln!(
            "serving {} at http://{bound}/{also} (Ctrl+C to stop)",
            dir.display()
        );
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|error| EnvError::Io {
                path: dir.clone(),
                error,
            })
    })
}

/// Paths changed by `events`, leaving out reads and our own writes into the
/// output folder and its swap siblings.
fn changed_paths(events: &[notify_debouncer_full::DebouncedEvent], out_abs: &Path) -> Vec<PathBuf> {
    events
        .iter()
        .filter(|e| !matches!(e.kind, notify::EventKind::Access(_)))
        .flat_map(|e| e.paths.iter())
        .filter(|p| !is_output(p, out_abs))
        .cloned()
        .collect()
}

/// Serves the site under the base path too (the current `prefix`, e.g.
/// "/gdtx"): a path under it reaches the file service with the prefix taken
/// off, the bare prefix redirects to the site's home under it, and the
/// redirects the file service makes (a folder asked for without its slash)
/// stay under it. Other paths are the site root's.
async fn under_base_path(
    axum::extract::State(prefix): axum::extract::State<Prefix>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::http::header::LOCATION;
    use axum::response::IntoResponse;
    let prefix = prefix.read().unwrap_or_else(|e| e.into_inner()).clone();
    if prefix.is_empty() {
        return next.run(request).await;
    }
    let path = request.uri().path();
    let query = request.uri().query().map(|q| format!("?{q}"));
    if path == prefix {
        let to = format!("{prefix}/{}", query.unwrap_or_default());
        return axum::response::Redirect::temporary(&to).into_response();
    }
    let inner = path
        .strip_prefix(prefix.as_str())
        .filter(|rest| rest.starts_with('/'))
        .map(|rest| format!("{rest}{}", query.unwrap_or_default()));
    let under = inner.is_some();
    let mut request = request;
    if let Some(uri) = inner.and_then(|to| to.parse::<axum::http::Uri>().ok()) {
        *request.uri_mut() = uri;
    }
    let mut response = next.run(request).await;
    if under && response.status().is_redirection() {
        let fixed = response
            .headers()
            .get(LOCATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|to| location_under(&prefix, to));
        if let Some(value) = fixed.and_then(|to| to.parse().ok()) {
            response.headers_mut().insert(LOCATION, value);
        }
    }
    response
}

/// A redirect target from the site root (`/tinh/`) moved under `prefix`
/// (`/gdtx/tinh/`); `None` when it is elsewhere or already there.
fn location_under(prefix: &str, to: &str) -> Option<String> {
    let already = to
        .strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'));
    (to.starts_with('/') && !to.starts_with("//") && !already).then(|| format!("{prefix}{to}"))
}

/// Puts the banner of the last failed rebuild into HTML pages.
async fn with_overlay(
    axum::extract::State(overlay): axum::extract::State<Overlay>,
    response: axum::response::Response,
) -> axum::response::Response {
    let errors = overlay.lock().unwrap_or_else(|e| e.into_inner()).clone();
    let Some(errors) = errors else {
        return response;
    };
    let is_html = response
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !is_html {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 << 20).await else {
        return axum::response::Response::from_parts(parts, axum::body::Body::empty());
    };
    let html = inject_overlay(&String::from_utf8_lossy(&bytes), &errors);
    parts.headers.remove(axum::http::header::CONTENT_LENGTH);
    axum::response::Response::from_parts(parts, axum::body::Body::from(html))
}

/// The page with a fixed banner showing `errors` (HTML-escaped) before
/// `</body>` (at the end when there is none).
pub fn inject_overlay(html: &str, errors: &str) -> String {
    let banner = format!(
        "<div id=\"gdtx-loi\" role=\"alert\" style=\"position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;margin:0;padding:1rem 1.25rem;background:#fff4f4;color:#1a1a1a;border-top:4px solid #b00020;box-shadow:0 -2px 12px rgba(0,0,0,.25);font:16px/1.4 system-ui,sans-serif\">\
<h2 style=\"margin:0 0 .5rem;font-size:1.1rem;color:#b00020\">Lỗi khi dựng trang — trang đang hiển thị bản tốt gần nhất</h2>\
<p style=\"margin:0 0 .5rem\">Sửa các lỗi dưới đây rồi lưu tệp: trang sẽ tự tải lại.</p>\
<pre style=\"margin:0;white-space:pre-wrap;font:13px/1.35 ui-monospace,monospace\">{}</pre></div>",
        crate::markdown::escape(errors)
    );
    match html.rfind("</body>") {
        Some(i) => format!("{}{banner}{}", &html[..i], &html[i..]),
        None => format!("{html}{banner}"),
    }
}

fn watched_paths(root: &Path) -> Vec<PathBuf> {
    ["content", "themes", "data", crate::config::CONFIG_FILE]
        .iter()
        .map(|p| root.join(p))
        .filter(|p| p.exists())
        .collect()
}

fn is_output(path: &Path, out_abs: &Path) -> bool {
    let Some(parent) = out_abs.parent() else {
        return false;
    };
    let name = out_abs
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.starts_with(out_abs)
        || path.starts_with(parent.join(format!(".{name}.tmp")))
        || path.starts_with(parent.join(format!(".{name}.old")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirects_from_the_site_root_move_under_the_base_path() {
        assert_eq!(
            location_under("/gdtx", "/tinh/").as_deref(),
            Some("/gdtx/tinh/")
        );
        assert_eq!(
            location_under("/gdtx", "/tinh/?a=1").as_deref(),
            Some("/gdtx/tinh/?a=1")
        );
        assert_eq!(location_under("/gdtx", "/gdtx/tinh/"), None);
        assert_eq!(location_under("/gdtx", "/gdtx"), None);
        // "/gdtxx/" is another folder of the site root, not under "/gdtx".
        assert_eq!(
            location_under("/gdtx", "/gdtxx/").as_deref(),
            Some("/gdtx/gdtxx/")
        );
        assert_eq!(location_under("/gdtx", "//example.com/"), None);
        assert_eq!(location_under("/gdtx", "https://example.com/"), None);
    }
}

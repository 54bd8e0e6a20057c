//! `gdtx serve`: build, serve the output folder on 127.0.0.1 only, rebuild when
//! a file changes and reload open pages. A failed rebuild prints its diagnostics
//! and keeps the last good site on disk and in the browser.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::RecursiveMode;
use notify_debouncer_full::new_debouncer;
use tower_http::services::ServeDir;
use tower_livereload::LiveReloadLayer;

use crate::load::EnvError;

/// Serves `out_dir` on 127.0.0.1:`port` and rebuilds `root` on change. `rebuild`
/// is the CLI's build-and-report step, returning whether the site was written.
pub fn serve(
    root: &Path,
    out_dir: &Path,
    port: u16,
    rebuild: impl Fn() -> bool + Send + 'static,
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
    let mut debouncer = new_debouncer(Duration::from_millis(150), None, move |result| {
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
    std::thread::spawn(move || {
        let _keep = debouncer;
        while let Ok(result) = rx.recv() {
            let Ok(events) = result else { continue };
            // Ignore our own writes into the output folder and its swap siblings.
            // Reading files during a build raises access events: only changes count.
            let relevant = events
                .iter()
                .filter(|e| !matches!(e.kind, notify::EventKind::Access(_)))
                .flat_map(|e| e.paths.iter())
                .any(|p| !is_output(p, &out_abs));
            if !relevant {
                continue;
            }
            // Drain what arrived meanwhile so one save is one rebuild.
            while rx.try_recv().is_ok() {}
            let started = Instant::now();
            if rebuild() {
                eprintln!("rebuilt in {} ms", started.elapsed().as_millis());
                reloader.reload();
            }
        }
    });

    let dir = out_dir.to_path_buf();
    runtime.block_on(async move {
        let app = axum::Router::new()
            .fallback_service(ServeDir::new(&dir).append_index_html_on_directories(true))
            .layer(livereload);
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|error| EnvError::Io {
                path: PathBuf::from(format!("127.0.0.1:{port}")),
                error,
            })?;
        let bound = listener.local_addr().unwrap_or(addr);
        eprintln!(
            "serving {} at http://{bound}/ (Ctrl+C to stop)",
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

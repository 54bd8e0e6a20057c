//! Write stage: the I/O edge that puts a rendered site on disk without ever
//! losing the last good one. Files go into a temporary folder next to the output
//! and the folder is swapped in only when every file was written.
//!
//! Rendering hands each file to a [`Sink`] as soon as it is made: a
//! [`SiteWriter`] writes it into the temporary folder right away (so a build never
//! holds the whole site in memory, and writing overlaps rendering), an
//! [`Output`] keeps it in memory (tests, `gdtx check`, the dev server's diffing).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::load::EnvError;

/// The rendered site: output-relative path (with `/`) → bytes. A BTreeMap so
/// writing and listing are always in the same order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Output {
    pub files: BTreeMap<String, Vec<u8>>,
}

/// Where rendered files go. Called from many threads at once, each path once.
pub trait Sink: Sync {
    fn put(&self, rel: &str, bytes: Vec<u8>) -> Result<(), EnvError>;
}

/// Collects into memory, in path order.
#[derive(Default)]
pub struct MemorySink(Mutex<Output>);

impl MemorySink {
    pub fn into_output(self) -> Output {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for MemorySink {
    fn put(&self, rel: &str, bytes: Vec<u8>) -> Result<(), EnvError> {
        let mut output = self.0.lock().unwrap_or_else(|e| e.into_inner());
        output.files.insert(rel.to_owned(), bytes);
        Ok(())
    }
}

/// Writes a site into `.<out>.tmp` beside the output folder as files arrive;
/// [`SiteWriter::commit`] swaps it in. Dropped uncommitted (a render error, a
/// content error found late, `--deny-warnings`), it removes the temporary
/// folder and the last good site stays as it was.
pub struct SiteWriter {
    out_dir: PathBuf,
    tmp: PathBuf,
    committed: bool,
}

impl SiteWriter {
    /// Clears stale swap folders and creates the temporary one.
    pub fn create(out_dir: &Path) -> Result<Self, EnvError> {
        let tmp = sibling(out_dir, "tmp");
        let old = sibling(out_dir, "old");
        if let Some(parent) = out_dir.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        for stale in [&tmp, &old] {
            if stale.exists() {
                std::fs::remove_dir_all(stale).map_err(io(stale))?;
            }
        }
        std::fs::create_dir_all(&tmp).map_err(io(&tmp))?;
        Ok(SiteWriter {
            out_dir: out_dir.to_path_buf(),
            tmp,
            committed: false,
        })
    }

    /// Puts the written site in place of the old one.
    pub fn commit(mut self) -> Result<(), EnvError> {
        self.committed = true;
        swap_in(&self.tmp, &self.out_dir)
    }
}

impl Sink for SiteWriter {
    fn put(&self, rel: &str, bytes: Vec<u8>) -> Result<(), EnvError> {
        let path = self.tmp.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io(dir))?;
        }
        std::fs::write(&path, bytes).map_err(io(&path))
    }
}

impl Drop for SiteWriter {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
    }
}

/// Renames `tmp` to `out_dir`, the old site out of the way first and put back
/// if the rename fails.
fn swap_in(tmp: &Path, out_dir: &Path) -> Result<(), EnvError> {
    let old = sibling(out_dir, "old");
    if out_dir.exists() {
        std::fs::rename(out_dir, &old).map_err(io(out_dir))?;
    }
    if let Err(e) = std::fs::rename(tmp, out_dir) {
        // Put the last good site back before reporting.
        let _ = std::fs::rename(&old, out_dir);
        let _ = std::fs::remove_dir_all(tmp);
        return Err(EnvError::Io {
            path: out_dir.to_path_buf(),
            error: e,
        });
    }
    if old.exists() {
        std::fs::remove_dir_all(&old).map_err(io(&old))?;
    }
    Ok(())
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> EnvError + '_ {
    move |error| EnvError::Io {
        path: path.to_path_buf(),
        error,
    }
}

/// Sibling paths used while swapping: `.public.tmp`, `.public.old`.
fn sibling(out_dir: &Path, suffix: &str) -> PathBuf {
    let name = out_dir
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    out_dir.with_file_name(format!(".{name}.{suffix}"))
}

/// Writes `output` to `out_dir` atomically (as far as the file system allows):
/// write everything into a sibling temp folder, then rename it into place.
pub fn write_site(output: &Output, out_dir: &Path) -> Result<(), EnvError> {
    let writer = SiteWriter::create(out_dir)?;
    for (rel, bytes) in &output.files {
        writer.put(rel, bytes.clone())?;
    }
    writer.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_then_replaces_the_whole_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let mut o = Output::default();
        o.files.insert("a/index.html".into(), b"one".to_vec());
        o.files.insert("stale.html".into(), b"x".to_vec());
        write_site(&o, &out).unwrap();
        assert_eq!(std::fs::read(out.join("a/index.html")).unwrap(), b"one");
        o.files.remove("stale.html");
        write_site(&o, &out).unwrap();
        assert!(!out.join("stale.html").exists());
        assert!(!dir.path().join(".public.tmp").exists());
        assert!(!dir.path().join(".public.old").exists());
    }

    #[test]
    fn an_uncommitted_writer_leaves_the_last_site_alone() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let mut o = Output::default();
        o.files.insert("index.html".into(), b"good".to_vec());
        write_site(&o, &out).unwrap();
        {
            let w = SiteWriter::create(&out).unwrap();
            w.put("index.html", b"half".to_vec()).unwrap();
            w.put("a/b.html", b"half".to_vec()).unwrap();
        }
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"good");
        assert!(!out.join("a").exists());
        assert!(!dir.path().join(".public.tmp").exists());
    }
}

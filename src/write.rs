//! Write stage: the I/O edge that puts a rendered site on disk without ever
//! losing the last good one. Files go into a temporary folder next to the output
//! and the folder is swapped in only when every file was written.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::load::EnvError;

/// The rendered site: output-relative path (with `/`) → bytes. A BTreeMap so
/// writing and listing are always in the same order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Output {
    pub files: BTreeMap<String, Vec<u8>>,
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
    let result = (|| {
        for (rel, bytes) in &output.files {
            let path = tmp.join(rel);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(io(dir))?;
            }
            std::fs::write(&path, bytes).map_err(io(&path))?;
        }
        Ok(())
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    if out_dir.exists() {
        std::fs::rename(out_dir, &old).map_err(io(out_dir))?;
    }
    if let Err(e) = std::fs::rename(&tmp, out_dir) {
        // Put the last good site back before reporting.
        let _ = std::fs::rename(&old, out_dir);
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
}

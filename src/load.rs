//! Load stage: the I/O edge that reads a site folder into values (site.toml,
//! letters, theme overrides, extra files), plus the pure decoding of a file's
//! bytes (UTF-8 check, BOM, CRLF, NFC) so that every later stage sees clean text.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::config::{SiteConfig, CONFIG_FILE};
use crate::diagnostics::Diagnostic;

pub const CONTENT_DIR: &str = "content";
pub const THEMES_DIR: &str = "themes";
/// A site's own known documents, added to the built-in registry.
pub const REGISTRY_FILE: &str = "data/documents.toml";

/// One letter file, decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFile {
    /// Path shown in diagnostics: relative to the site root, with `/`.
    pub path: String,
    /// Path components under content/, without the `.md` extension on the last.
    pub components: Vec<String>,
    /// NFC text with `\n` line endings and no BOM; shared with the parsed
    /// [`crate::letter::Letter`] (not copied: 337 MB at 10,000 letters).
    pub text: std::sync::Arc<str>,
}

/// A file under content/ that is not a letter (an attached PDF, an image):
/// copied to the output as it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Asset {
    pub rel: String,
    pub bytes: Vec<u8>,
}

/// A site theme's overrides read from themes/<name>/.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ThemeFiles {
    pub templates: BTreeMap<String, String>,
    pub statics: BTreeMap<String, Vec<u8>>,
}

/// Everything read from disk, ready for the pure stages.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub root: PathBuf,
    pub config: SiteConfig,
    pub config_text: String,
    pub sources: Vec<SourceFile>,
    pub assets: Vec<Asset>,
    pub theme: ThemeFiles,
    /// Problems found while reading (encoding); reported with the others.
    pub diagnostics: Vec<Diagnostic>,
    /// Texts of files that failed to decode, for rendering their diagnostics.
    pub raw_texts: BTreeMap<String, String>,
    /// The site's data/documents.toml, if it has one.
    pub registry_text: Option<String>,
}

/// A problem with the environment rather than the content: exit code 2.
#[derive(Debug)]
pub enum EnvError {
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    NotASite {
        root: PathBuf,
    },
    Config(Vec<Diagnostic>, String),
}

impl fmt::Display for EnvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EnvError::Io { path, error } => {
                write!(f, "cannot read or write {}: {error}", path.display())
            }
            EnvError::NotASite { root } => write!(
                f,
                "{} has no {CONFIG_FILE}: run gdtx inside a site folder or pass --root DIR",
                root.display()
            ),
            EnvError::Config(d, _) => write!(f, "{CONFIG_FILE} has {} problem(s)", d.len()),
        }
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> EnvError + '_ {
    move |error| EnvError::Io {
        path: path.to_path_buf(),
        error,
    }
}

/// Decodes a file's bytes: rejects invalid UTF-8 with the position of the first
/// bad byte, drops a BOM, turns CRLF into LF and composes to NFC. Returns the text
/// (lossy when invalid, so diagnostics can still show the line) and problems.
pub fn decode(path: &str, bytes: Vec<u8>) -> (String, Option<Diagnostic>) {
    let mut bytes = bytes;
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        // Taken as read, without a copy, unless it has CRLFs or is not NFC.
        Ok(s) if !s.contains('\r') => (crate::text::nfc_owned(s), None),
        Ok(s) => (crate::text::nfc_owned(s.replace("\r\n", "\n")), None),
        Err(e) => {
            let bytes = e.as_bytes();
            let lossy = String::from_utf8_lossy(bytes).replace("\r\n", "\n");
            let valid_prefix = String::from_utf8_lossy(&bytes[..e.utf8_error().valid_up_to()])
                .replace("\r\n", "\n");
            let at = valid_prefix.len();
            let bad = lossy[at..].chars().next().map_or(0, char::len_utf8);
            let d = Diagnostic::error(path, "the file is not UTF-8 text")
                .at(at..at + bad, "this byte is not UTF-8")
                .help("save the file as UTF-8 (in Word: Save As → Plain Text → Unicode (UTF-8); in Notepad: Encoding → UTF-8)");
            (lossy, Some(d))
        }
    }
}

/// Reads site.toml, content/ and themes/<theme>/ under `root`.
pub fn load(root: &Path) -> Result<Loaded, EnvError> {
    let config_path = root.join(CONFIG_FILE);
    if !config_path.is_file() {
        return Err(EnvError::NotASite {
            root: root.to_path_buf(),
        });
    }
    let config_bytes = std::fs::read(&config_path).map_err(io(&config_path))?;
    let (config_text, bad) = decode(CONFIG_FILE, config_bytes);
    if let Some(d) = bad {
        return Err(EnvError::Config(vec![d], config_text));
    }
    let config =
        SiteConfig::parse(&config_text).map_err(|d| EnvError::Config(d, config_text.clone()))?;

    let mut sources = Vec::new();
    let mut assets = Vec::new();
    let mut diagnostics = Vec::new();
    let mut raw_texts = BTreeMap::new();
    let content = root.join(CONTENT_DIR);
    if content.is_dir() {
        // Walk in sorted order, then read and decode in parallel: decoding (UTF-8
        // and NFC checks) dominates loading a large corpus.
        let mut entries = Vec::new();
        for entry in WalkDir::new(&content)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| !is_hidden(e.file_name()))
        {
            let entry = entry.map_err(|e| EnvError::Io {
                path: e.path().map_or_else(|| content.clone(), Path::to_path_buf),
                error: e.into(),
            })?;
            if entry.file_type().is_file() {
                entries.push(entry.into_path());
            }
        }
        let read: Vec<Result<Entry, EnvError>> = entries
            .par_iter()
            .map(|path| {
                let rel_path = path.strip_prefix(&content).unwrap_or(path);
                let parts: Vec<String> = rel_path
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                let bytes = std::fs::read(path).map_err(io(path))?;
                if path.extension().is_none_or(|e| e != "md") {
                    return Ok(Entry::Asset(Asset {
                        rel: parts.join("/"),
                        bytes,
                    }));
                }
                let display = format!("{CONTENT_DIR}/{}", parts.join("/"));
                let (text, bad) = decode(&display, bytes);
                let mut components = parts;
                if let Some(last) = components.last_mut() {
                    *last = last.trim_end_matches(".md").to_owned();
                }
                Ok(match bad {
                    Some(d) => Entry::Undecodable(display, text, d),
                    None => Entry::Letter(SourceFile {
                        path: display,
                        components,
                        text: text.into(),
                    }),
                })
            })
            .collect();
        for entry in read {
            match entry? {
                Entry::Letter(source) => sources.push(source),
                Entry::Asset(asset) => assets.push(asset),
                Entry::Undecodable(path, text, d) => {
                    diagnostics.push(d);
                    raw_texts.insert(path, text);
                }
            }
        }
    }

    let theme = load_theme(&root.join(THEMES_DIR).join(&config.theme))?;
    let registry_path = root.join(REGISTRY_FILE);
    let registry_text = if registry_path.is_file() {
        Some(std::fs::read_to_string(&registry_path).map_err(io(&registry_path))?)
    } else {
        None
    };
    Ok(Loaded {
        root: root.to_path_buf(),
        config,
        config_text,
        sources,
        assets,
        theme,
        diagnostics,
        raw_texts,
        registry_text,
    })
}

/// One file under content/, read and decoded.
enum Entry {
    Letter(SourceFile),
    Asset(Asset),
    Undecodable(String, String, Diagnostic),
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|n| n.starts_with('.') && n.len() > 1)
}

fn load_theme(dir: &Path) -> Result<ThemeFiles, EnvError> {
    let mut theme = ThemeFiles::default();
    for (sub, is_template) in [("templates", true), ("static", false)] {
        let base = dir.join(sub);
        if !base.is_dir() {
            continue;
        }
        for entry in WalkDir::new(&base).sort_by_file_name() {
            let entry = entry.map_err(|e| EnvError::Io {
                path: base.clone(),
                error: e.into(),
            })?;
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry
                .path()
                .strip_prefix(&base)
                .unwrap_or(entry.path())
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            let bytes = std::fs::read(entry.path()).map_err(io(entry.path()))?;
            if is_template {
                theme
                    .templates
                    .insert(rel, String::from_utf8_lossy(&bytes).into_owned());
            } else {
                theme.statics.insert(rel, bytes);
            }
        }
    }
    Ok(theme)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_strips_bom_and_crlf() {
        let (text, d) = decode(
            "a.md",
            b"\xEF\xBB\xBF+++\r\ntitle = \"x\"\r\n+++\r\n".to_vec(),
        );
        assert!(d.is_none());
        assert_eq!(text, "+++\ntitle = \"x\"\n+++\n");
    }

    #[test]
    fn decode_points_at_the_first_bad_byte() {
        let (text, d) = decode("a.md", b"+++\nti\xfftle\n".to_vec());
        let d = d.unwrap();
        assert_eq!(d.span, Some(6..9));
        assert_eq!(&text[6..9], "\u{fffd}");
    }

    #[test]
    fn decode_composes_nfc() {
        let nfd = "Gia\u{301}o";
        let (text, _) = decode("a.md", nfd.as_bytes().to_vec());
        assert_eq!(text, "Giáo");
    }
}

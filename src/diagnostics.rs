//! Problems found in users' content, collected across all files and printed like
//! rustc: `path:line:col`, the source line, a caret, and what to do.
//!
//! Stages never print or exit; they return [`Diagnostic`] values. The CLI renders
//! them at the edge, sorted by file and position so the output is deterministic.

use std::fmt::Write as _;
use std::ops::Range;

use annotate_snippets::{Level, Renderer, Snippet};

/// How bad a problem is. Errors make `gdtx check` and `gdtx build` exit 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path as shown to the user (relative to the site root).
    pub path: String,
    /// Byte range in the file's loaded text; `None` for whole-file problems.
    pub span: Option<Range<usize>>,
    /// What is wrong, in one line.
    pub message: String,
    /// Short label under the caret.
    pub label: String,
    /// What to do about it.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            span: None,
            message: message.into(),
            label: String::new(),
            help: None,
        }
    }

    pub fn warning(path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
        }
    }

    pub fn at(mut self, span: Range<usize>, label: impl Into<String>) -> Self {
        self.span = Some(span);
        self.label = label.into();
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Renders the diagnostic against the text it points into.
    pub fn render(&self, source: Option<&str>, color: bool) -> String {
        let level = match self.severity {
            Severity::Error => Level::Error,
            Severity::Warning => Level::Warning,
        };
        let (Some(span), Some(source)) = (self.span.clone(), source) else {
            return self.render_without_source();
        };
        let (excerpt, excerpt_start, first_line) = excerpt(source, &span);
        let local = (span.start - excerpt_start)
            ..(span.end - excerpt_start).max(span.start - excerpt_start);
        let origin = self.path.clone();
        let mut message = level.title(&self.message).snippet(
            Snippet::source(excerpt)
                .line_start(first_line)
                .origin(&origin)
                .fold(false)
                .annotation(level.span(local).label(&self.label)),
        );
        if let Some(help) = &self.help {
            message = message.footer(Level::Help.title(help));
        }
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        format!("{}\n", renderer.render(message))
    }

    fn render_without_source(&self) -> String {
        let mut out = String::new();
        let word = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let _ = writeln!(out, "{word}: {}", self.message);
        let _ = writeln!(out, " --> {}", self.path);
        if let Some(help) = &self.help {
            let _ = writeln!(out, "  = help: {help}");
        }
        out
    }
}

/// The whole lines around `span`, the byte offset where they start, and the
/// 1-based number of the first line. A span that ends in a line break is shown
/// on its own line only.
fn excerpt<'a>(source: &'a str, span: &Range<usize>) -> (&'a str, usize, usize) {
    let start = crate::text::floor_char_boundary(source, span.start.min(source.len()));
    let end = crate::text::floor_char_boundary(source, span.end.min(source.len())).max(start);
    let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
    let last = if end > start && source.as_bytes()[end - 1] == b'\n' {
        end - 1
    } else {
        end
    };
    let line_end = source[last..].find('\n').map_or(source.len(), |i| last + i);
    let first_line = source[..line_start].bytes().filter(|&b| b == b'\n').count() + 1;
    (&source[line_start..line_end], line_start, first_line)
}

/// Sorts diagnostics for deterministic output: by file, then position, then text.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (
            &a.path,
            a.span.as_ref().map(|s| s.start),
            a.severity,
            &a.message,
        )
            .cmp(&(
                &b.path,
                b.span.as_ref().map(|s| s.start),
                b.severity,
                &b.message,
            ))
    });
}

/// A one-line summary such as "2 lỗi, 1 cảnh báo" in English for the terminal.
pub fn summary(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_path_line_col_and_caret() {
        let src = "+++\ntitel = \"x\"\n+++\n";
        let d = Diagnostic::error("content/a.md", "unknown field `titel`")
            .at(4..9, "not a front-matter field")
            .help("did you mean `title`?");
        let out = d.render(Some(src), false);
        assert!(out.contains("content/a.md:2:1"), "{out}");
        assert!(out.contains("titel = \"x\""), "{out}");
        assert!(out.contains("^^^^^"), "{out}");
        assert!(out.contains("help: did you mean `title`?"), "{out}");
    }

    #[test]
    fn renders_whole_file_problems() {
        let d = Diagnostic::error("content/a.md", "the file is empty").help("write front matter");
        let out = d.render(None, false);
        assert_eq!(
            out,
            "error: the file is empty\n --> content/a.md\n  = help: write front matter\n"
        );
    }

    #[test]
    fn excerpt_is_whole_lines() {
        let src = "one\ntwo three\nfour";
        let (e, start, line) = excerpt(src, &(8..16));
        assert_eq!((e, start, line), ("two three\nfour", 4, 2));
    }
}

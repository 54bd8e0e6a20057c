//! The theme: templates and static files embedded in the binary (so `gdtx build`
//! works with no themes/ folder), overridden by name by a site's
//! `themes/<name>/templates/X.html` and `themes/<name>/static/X`. An override may
//! `{% extends "default/base.html" %}` to build on the embedded base.

use std::collections::BTreeMap;
use std::sync::Arc;

use minijinja::{AutoEscape, Environment, Error, Output, State, Value};

use crate::load::ThemeFiles;

macro_rules! embed {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/templates/", $name)))),*]
    };
}

/// The built-in templates, by name.
pub static EMBEDDED_TEMPLATES: &[(&str, &str)] = embed![
    "base.html",
    "macros.html",
    "index.html",
    "letter.html",
    "list.html",
    "links.html",
    "topic.html",
    "document.html",
    "documents.html",
    "compare.html",
    "year.html",
    "year_step.html",
    "404.html",
    "calendar.html",
    "search.html"
];

/// Templates the renderer asks for by name: all but the partials that others
/// extend or import.
pub fn template_names() -> impl Iterator<Item = &'static str> {
    EMBEDDED_TEMPLATES
        .iter()
        .map(|(name, _)| *name)
        .filter(|name| !matches!(*name, "base.html" | "macros.html"))
}

/// The built-in static files, by name under static/.
pub static EMBEDDED_STATIC: &[(&str, &[u8])] = &[
    (
        "style.css",
        include_bytes!("../../themes/default/static/style.css"),
    ),
    (
        "site.js",
        include_bytes!("../../themes/default/static/site.js"),
    ),
    (
        "search.js",
        include_bytes!("../../themes/default/static/search.js"),
    ),
    (
        "compare.js",
        include_bytes!("../../themes/default/static/compare.js"),
    ),
];

fn embedded(name: &str) -> Option<&'static str> {
    EMBEDDED_TEMPLATES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| *t)
}

/// A minijinja environment over the embedded theme plus `overrides`.
pub fn environment(overrides: &ThemeFiles) -> Environment<'static> {
    let mut env = Environment::new();
    let templates: Arc<BTreeMap<String, String>> = Arc::new(overrides.templates.clone());
    env.set_loader(move |name| {
        if let Some(rest) = name.strip_prefix("default/") {
            return Ok(embedded(rest).map(str::to_owned));
        }
        Ok(templates
            .get(name)
            .cloned()
            .or_else(|| embedded(name).map(str::to_owned)))
    });
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".html") || name.ends_with(".xml") {
            AutoEscape::Html
        } else {
            AutoEscape::None
        }
    });
    env.set_formatter(format_value);
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.add_filter("fold", |s: String| crate::text::fold(&s));
    env.add_filter("truncate", truncate);
    env.add_filter("diff_html", diff_html);
    env
}

/// A word diff as HTML: insertions in `<ins>`, deletions in `<del>`, text
/// escaped. A diff from the pages carries its HTML already (`diff.html`, and
/// `diff.brief` with long unchanged runs cut); the filter also takes a list of
/// `{op, text}` pieces, for themes that build their own.
fn diff_html(diff: &Value) -> Result<Value, Error> {
    if let Ok(html) = diff.get_attr("html") {
        if html.is_safe() {
            return Ok(html);
        }
    }
    let mut pieces = Vec::new();
    for piece in diff.try_iter()? {
        let (op, text) = (piece.get_attr("op")?, piece.get_attr("text")?);
        let op = match op.as_str() {
            Some("insert") => "insert",
            Some("delete") => "delete",
            _ => "equal",
        };
        let text = match text.as_str() {
            Some(t) => t.to_owned(),
            None if text.is_none() || text.is_undefined() => String::new(),
            None => text.to_string(),
        };
        pieces.push(crate::compare::similarity::Piece { op, text });
    }
    let html = crate::compare::similarity::diff_html(&pieces, None);
    Ok(Value::from_safe_string(html))
}

/// Shortens text to at most `max` characters, cutting at a word and adding "…".
fn truncate(s: String, max: Option<usize>) -> String {
    let max = max.unwrap_or(255);
    if s.chars().count() <= max {
        return s;
    }
    let end = s.char_indices().nth(max).map_or(s.len(), |(i, _)| i);
    let cut = &s[..end];
    let cut = cut.rfind(' ').map_or(cut, |i| &cut[..i]);
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

/// Like minijinja's escaping formatter, but `/` stays `/` so that legal numbers
/// such as 3759/BGDĐT-GDTX read (and search) as printed; none prints nothing.
fn format_value(out: &mut Output<'_>, state: &State<'_, '_>, value: &Value) -> Result<(), Error> {
    if value.is_none() || value.is_undefined() {
        return Ok(());
    }
    if value.is_safe() || state.auto_escape() != AutoEscape::Html {
        return write!(out, "{value}").map_err(Error::from);
    }
    let result = match value.as_str() {
        Some(s) => crate::markdown::escape_into(out, s),
        None => crate::markdown::escape_into(out, &value.to_string()),
    };
    result.map_err(Error::from)
}

/// Static files to publish: embedded ones, replaced or extended by the theme's.
pub fn static_files(overrides: &ThemeFiles) -> BTreeMap<String, Vec<u8>> {
    let mut files: BTreeMap<String, Vec<u8>> = EMBEDDED_STATIC
        .iter()
        .map(|(n, b)| ((*n).to_owned(), b.to_vec()))
        .collect();
    for (name, bytes) in &overrides.statics {
        files.insert(name.clone(), bytes.clone());
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slashes_are_not_escaped_but_markup_is() {
        let mut env = environment(&ThemeFiles::default());
        env.add_template("t.html", "{{ x }}|{{ n }}").unwrap();
        let out = env
            .get_template("t.html")
            .unwrap()
            .render(minijinja::context! { x => "3759/BGDĐT-GDTX <b>", n => () })
            .unwrap();
        assert_eq!(out, "3759/BGDĐT-GDTX &lt;b&gt;|");
    }

    /// `diff_html` prints a page's diff as its `html`, and a theme's own list
    /// of pieces the same way, escaped.
    #[test]
    fn diff_html_takes_a_diff_or_its_pieces() {
        use crate::compare::similarity::{word_diff, Diff};
        let mut env = environment(&ThemeFiles::default());
        env.add_template("t.html", "{{ d | diff_html }}|{{ d.pieces | diff_html }}")
            .unwrap();
        let diff = Diff::new(word_diff("Lớp <1>.", "Các lớp <1> mới."));
        let out = env
            .get_template("t.html")
            .unwrap()
            .render(minijinja::context! { d => &diff })
            .unwrap();
        let (from_diff, from_pieces) = out.split_once('|').unwrap();
        assert_eq!(from_diff, diff.html());
        assert_eq!(from_pieces, diff.html());
        assert!(
            from_diff.contains("&lt;1&gt;") && from_diff.contains("<ins>"),
            "{out}"
        );
    }

    #[test]
    fn overrides_replace_by_name_and_can_extend_the_default() {
        let mut files = ThemeFiles::default();
        files.templates.insert(
            "404.html".into(),
            "{% extends \"default/404.html\" %}{% block main %}riêng{% endblock %}".into(),
        );
        let env = environment(&files);
        let t = env.get_template("404.html").unwrap();
        assert!(t.name() == "404.html");
        let src = env.get_template("default/404.html").unwrap();
        assert_eq!(src.name(), "default/404.html");
    }
}

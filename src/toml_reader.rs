//! Reads TOML tables into typed values while collecting every problem as a
//! [`Diagnostic`] that points into the file: wrong types, missing fields, unknown
//! fields with a "did you mean". Used for site.toml and for letters' front matter,
//! so users never see a bare serde message.

use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::diagnostics::Diagnostic;
use crate::text::closest;

/// Parses a TOML document; syntax errors become diagnostics at `offset + span`.
pub fn parse<'i>(
    toml_src: &'i str,
    offset: usize,
    path: &str,
) -> Result<Spanned<DeTable<'i>>, Vec<Diagnostic>> {
    let (table, errors) = DeTable::parse_recoverable(toml_src);
    if errors.is_empty() {
        return Ok(table);
    }
    Err(errors
        .iter()
        .map(|e| {
            let span = e.span().unwrap_or(0..0);
            let span = (span.start + offset)..(span.end + offset);
            let message = e.message().trim().trim_end_matches('.').to_owned();
            Diagnostic::error(path, format!("invalid TOML: {message}"))
                .at(span, "here")
                .help(toml_help(&message))
        })
        .collect())
}

fn toml_help(message: &str) -> String {
    let m = message.to_lowercase();
    if m.contains("duplicate key") {
        "each field may appear once; delete or rename one of them".into()
    } else if m.contains("string") || m.contains("quote") {
        "text values go between double quotes on one line: title = \"Hướng dẫn …\"; for a quote inside, write \\\" or use “ ”".into()
    } else {
        "each line is `field = value`; text goes in double quotes, lists in [ ], see docs/front-matter.md".into()
    }
}

/// A human name for a TOML value's type, for "expected X, found Y".
fn type_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "text",
        DeValue::Integer(_) => "a number",
        DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "true/false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

/// A value read from TOML with its byte span in the whole file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    pub span: Range<usize>,
}

/// Reads the fields of one table. Every accessor records the key as known; `finish`
/// reports the keys nobody asked for.
pub struct TableReader<'t, 'i> {
    table: &'t DeTable<'i>,
    /// Span of the table itself (for "missing field" errors).
    span: Range<usize>,
    offset: usize,
    path: &'t str,
    /// Dotted prefix for messages: "issuer.", "tasks[2].".
    prefix: String,
    known: Vec<&'static str>,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'t, 'i> TableReader<'t, 'i> {
    pub fn new(
        table: &'t Spanned<DeTable<'i>>,
        offset: usize,
        path: &'t str,
        prefix: String,
    ) -> Self {
        let span = table.span();
        TableReader {
            table: table.get_ref(),
            span: (span.start + offset)..(span.end + offset),
            offset,
            path,
            prefix,
            known: Vec::new(),
            diagnostics: Vec::new(),
        }
    }

    fn shift(&self, span: Range<usize>) -> Range<usize> {
        (span.start + self.offset)..(span.end + self.offset)
    }

    /// The span of this table in the file.
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    fn get(&mut self, key: &'static str) -> Option<&'t Spanned<DeValue<'i>>> {
        self.known.push(key);
        self.table.get(key)
    }

    fn type_error(
        &mut self,
        key: &str,
        value: &Spanned<DeValue<'_>>,
        expected: &str,
        example: &str,
    ) {
        let span = self.shift(value.span());
        let found = type_name(value.get_ref());
        self.diagnostics.push(
            Diagnostic::error(
                self.path,
                format!("`{}{key}` must be {expected}, found {found}", self.prefix),
            )
            .at(span, format!("expected {expected}"))
            .help(format!("write it like this: {example}")),
        );
    }

    /// Reports a missing required field at the table's start.
    pub fn missing(&mut self, key: &str, example: &str) {
        let at = self.span.start..self.span.start;
        let what = if self.prefix.is_empty() {
            "the front matter".to_owned()
        } else {
            format!("`{}`", self.prefix.trim_end_matches('.'))
        };
        self.diagnostics.push(
            Diagnostic::error(self.path, format!("missing field `{}{key}`", self.prefix))
                .at(at, format!("{what} needs `{key}`"))
                .help(format!("add a line: {example}")),
        );
    }

    /// An optional text field.
    pub fn str(&mut self, key: &'static str) -> Option<Located<String>> {
        let value = self.get(key)?;
        match value.get_ref() {
            DeValue::String(s) => Some(Located {
                value: s.trim().to_owned(),
                span: self.shift(value.span()),
            }),
            _ => {
                self.type_error(
                    key,
                    value,
                    "text in double quotes",
                    &format!("{key} = \"…\""),
                );
                None
            }
        }
    }

    /// A required, non-empty text field.
    pub fn required_str(&mut self, key: &'static str, example: &str) -> Option<Located<String>> {
        let present = self.table.contains_key(key);
        match self.str(key) {
            Some(s) if s.value.is_empty() => {
                self.diagnostics.push(
                    Diagnostic::error(self.path, format!("`{}{key}` is empty", self.prefix))
                        .at(s.span, "empty text")
                        .help(format!("write a value: {example}")),
                );
                None
            }
            Some(s) => Some(s),
            None => {
                if !present {
                    self.missing(key, example);
                }
                None
            }
        }
    }

    /// A boolean field.
    pub fn bool(&mut self, key: &'static str) -> Option<Located<bool>> {
        let value = self.get(key)?;
        match value.get_ref() {
            DeValue::Boolean(b) => Some(Located {
                value: *b,
                span: self.shift(value.span()),
            }),
            _ => {
                self.type_error(key, value, "true or false", &format!("{key} = false"));
                None
            }
        }
    }

    /// A field holding a date: text ("2024-08-19", "19/8/2024") or a TOML date.
    /// Returns the raw text to be checked by the caller.
    pub fn date_text(&mut self, key: &'static str) -> Option<Located<String>> {
        let value = self.get(key)?;
        match value.get_ref() {
            DeValue::String(s) => Some(Located {
                value: s.trim().to_owned(),
                span: self.shift(value.span()),
            }),
            DeValue::Datetime(d) => Some(Located {
                value: d.to_string(),
                span: self.shift(value.span()),
            }),
            _ => {
                self.type_error(key, value, "a date", &format!("{key} = \"2024-08-19\""));
                None
            }
        }
    }

    /// A list of text; a single text is accepted as a list of one.
    pub fn str_list(&mut self, key: &'static str) -> Vec<Located<String>> {
        let Some(value) = self.get(key) else {
            return Vec::new();
        };
        match value.get_ref() {
            DeValue::String(s) => vec![Located {
                value: s.trim().to_owned(),
                span: self.shift(value.span()),
            }],
            DeValue::Array(items) => {
                let mut out = Vec::new();
                for item in items {
                    match item.get_ref() {
                        DeValue::String(s) => out.push(Located {
                            value: s.trim().to_owned(),
                            span: self.shift(item.span()),
                        }),
                        _ => self.type_error(
                            key,
                            item,
                            "text in double quotes",
                            &format!("{key} = [\"…\", \"…\"]"),
                        ),
                    }
                }
                out
            }
            _ => {
                self.type_error(
                    key,
                    value,
                    "a list of text",
                    &format!("{key} = [\"…\", \"…\"]"),
                );
                Vec::new()
            }
        }
    }

    /// A sub-table (`[issuer]`).
    pub fn table(&mut self, key: &'static str) -> Option<TableReader<'t, 'i>> {
        let value = self.get(key)?;
        match value.get_ref() {
            DeValue::Table(t) => {
                Some(self.child(t, value.span(), format!("{}{key}.", self.prefix)))
            }
            _ => {
                self.type_error(
                    key,
                    value,
                    "a table",
                    &format!("[{key}] on its own line, then its fields"),
                );
                None
            }
        }
    }

    /// An array of tables (`[[tasks]]`).
    pub fn tables(&mut self, key: &'static str) -> Vec<TableReader<'t, 'i>> {
        let Some(value) = self.get(key) else {
            return Vec::new();
        };
        match value.get_ref() {
            DeValue::Array(items) => {
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    match item.get_ref() {
                        DeValue::Table(t) => out.push(self.child(
                            t,
                            item.span(),
                            format!("{}{key}[{}].", self.prefix, i + 1),
                        )),
                        _ => self.type_error(
                            key,
                            item,
                            "a table",
                            &format!("[[{key}]] on its own line, then its fields"),
                        ),
                    }
                }
                out
            }
            _ => {
                self.type_error(
                    key,
                    value,
                    "a list of tables",
                    &format!("[[{key}]] on its own line, then its fields"),
                );
                Vec::new()
            }
        }
    }

    fn child(
        &self,
        table: &'t DeTable<'i>,
        span: Range<usize>,
        prefix: String,
    ) -> TableReader<'t, 'i> {
        TableReader {
            table,
            span: self.shift(span),
            offset: self.offset,
            path: self.path,
            prefix,
            known: Vec::new(),
            diagnostics: Vec::new(),
        }
    }

    /// Takes a child's diagnostics into this reader.
    pub fn absorb(&mut self, child: TableReader<'_, '_>) {
        self.diagnostics.extend(child.finish());
    }

    /// Reports unknown keys and returns all diagnostics.
    pub fn finish(mut self) -> Vec<Diagnostic> {
        for (key, _) in self.table.iter() {
            let name: &str = key.get_ref();
            if self.known.contains(&name) {
                continue;
            }
            let span = self.shift(key.span());
            let mut d =
                Diagnostic::error(self.path, format!("unknown field `{}{name}`", self.prefix))
                    .at(span, "not a known field");
            d = match closest(name, self.known.iter().copied()) {
                Some(s) => d.help(format!(
                    "did you mean `{s}`? (fields are listed in docs/front-matter.md)"
                )),
                None => d.help(format!(
                    "known fields here: {}",
                    self.known
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            };
            self.diagnostics.push(d);
        }
        self.diagnostics
    }
}

//! Parse stage: a letter's Markdown body → [`Body`]: the HTML, the outline
//! (headings with stable ids) and every block (paragraph, list item, table) with
//! an anchor, its plain text and its byte span in the file.
//!
//! Contract: pure; every event keeps its byte range (`into_offset_iter`), so
//! later stages can point a reader to `file:line` and to `#anchor`. Raw HTML is
//! escaped unless allowed; dangerous HTML is always an error.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};

use crate::diagnostics::Diagnostic;
use crate::text::slugify;

/// Section name used for blocks before the first heading (the preamble).
pub const PREAMBLE: &str = "mo-dau";

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
    /// Byte span of the heading line in the file.
    #[serde(skip)]
    pub span: Range<usize>,
    /// Whether the author wrote `{#id}` (stable) or it was made from the text.
    pub explicit_id: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    Paragraph,
    Item,
    Table,
}

/// A paragraph, list item or table with its anchor.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Block {
    pub id: String,
    pub kind: BlockKind,
    /// Id of the nearest heading above, or [`PREAMBLE`].
    pub section: String,
    /// For ordered list items, the printed number.
    pub number: Option<u64>,
    /// Nesting depth of list items (0 for top-level blocks).
    pub depth: usize,
    pub text: Text,
    #[serde(skip)]
    pub span: Range<usize>,
}

/// A block's plain text. Almost always it reads verbatim in the letter's file
/// (a one-line paragraph, an item after its marker), so it is kept as a range
/// of the file's shared text rather than as a copy: at 10,000 letters the
/// copies were 285 MB of the build's peak memory. Text that differs from the
/// file (joined lines, entities, table cells) owns its string.
#[derive(Clone)]
pub struct Text(Repr);

#[derive(Clone)]
enum Repr {
    Owned(Box<str>),
    Shared {
        file: Arc<str>,
        start: u32,
        end: u32,
    },
}

impl Text {
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Owned(s) => s,
            Repr::Shared { file, start, end } => &file[*start as usize..*end as usize],
        }
    }

    /// The same text, as a range of `file` when it occurs verbatim in
    /// `file[span]` near its start (after a list marker or indentation); spans
    /// of files over 4 GiB are left owned.
    fn shared_in(self, file: &Arc<str>, span: &Range<usize>) -> Text {
        /// Bytes of a block before its text: `   12. `, `- `, `> `, `| `.
        const LEAD: usize = 32;
        let Repr::Owned(owned) = &self.0 else {
            return self;
        };
        let (text, within) = (owned.as_bytes(), file.as_bytes().get(span.clone()));
        let (Some(&first), Some(within)) = (text.first(), within) else {
            return self;
        };
        // `text` is UTF-8 and starts with a lead byte, so bytes equal to it
        // start and end on character boundaries of `file`.
        let found = (0..within.len().min(LEAD))
            .find(|&at| within[at] == first && within[at..].starts_with(text))
            .map(|at| span.start + at);
        let range = found.and_then(|start| {
            let end = start + text.len();
            Some((u32::try_from(start).ok()?, u32::try_from(end).ok()?))
        });
        match range {
            Some((start, end)) => Text(Repr::Shared {
                file: Arc::clone(file),
                start,
                end,
            }),
            None => self,
        }
    }
}

impl Text {
    #[cfg(test)]
    fn is_shared(&self) -> bool {
        matches!(self.0, Repr::Shared { .. })
    }
}

impl Default for Text {
    fn default() -> Text {
        Text(Repr::Owned(Box::default()))
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text(Repr::Owned(s.into_boxed_str()))
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// The parsed body of one letter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Body {
    /// Empty when parsed with [`ParseOptions::skip_html`].
    pub html: String,
    pub headings: Vec<Heading>,
    pub blocks: Vec<Block>,
    pub footnotes: Vec<String>,
    /// Anchor (`fn-<label>`) and file span of each footnote definition.
    pub footnote_spans: Vec<(String, Range<usize>)>,
}

impl Body {
    /// Keeps each block text that reads verbatim in `file` (the letter's whole
    /// text, which block spans index) as a range of it; see [`Text`].
    pub fn share_texts(&mut self, file: &Arc<str>) {
        for b in &mut self.blocks {
            let text = std::mem::take(&mut b.text);
            b.text = text.shared_in(file, &b.span);
        }
    }

    pub fn heading(&self, id: &str) -> Option<&Heading> {
        self.headings.iter().find(|h| h.id == id)
    }

    /// Whether `id` names a heading or a block.
    pub fn has_anchor(&self, id: &str) -> bool {
        self.heading(id).is_some() || self.blocks.iter().any(|b| b.id == id)
    }
}

/// Options for [`parse`].
#[derive(Clone, Copy, Debug, Default)]
pub struct ParseOptions<'a> {
    pub allow_html: bool,
    /// Leave [`Body::html`] empty: a letter's HTML is made again when its page
    /// is rendered ([`crate::letter::Letter::body_html`]), so the corpus does not
    /// hold every letter's HTML (435 MB at 10,000 letters).
    pub skip_html: bool,
    /// Leave the blocks' texts as collected, not tidied: the pass that only
    /// makes a letter's HTML needs the blocks' anchors, not their words.
    pub skip_texts: bool,
    /// Spans of the file to turn into links (cited documents), sorted by start.
    pub links: &'a [Link],
}

/// A span of the file to show as a link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub span: Range<usize>,
    pub href: String,
    pub title: String,
    pub class: &'static str,
}

/// Tags that never come out of a letter, whatever site.toml says.
const DANGEROUS_TAGS: &[&str] = &[
    "script", "iframe", "object", "embed", "style", "form", "link", "meta", "base", "frame",
    "frameset", "applet",
];

fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_STRIKETHROUGH
}

/// Parses the body that starts at byte `offset` of the file at `path`.
pub fn parse(
    path: &str,
    body: &str,
    offset: usize,
    options: ParseOptions,
) -> (Body, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    // Merged text events, so a citation is never split across two of them.
    let events: Vec<(Event<'_>, Range<usize>)> = pulldown_cmark::TextMergeWithOffset::new(
        Parser::new_ext(body, parser_options()).into_offset_iter(),
    )
    .map(|(e, r)| (e, (r.start + offset)..(r.end + offset)))
    .collect();

    let headings = collect_headings(path, &events, &mut diagnostics);
    let mut out = Vec::with_capacity(events.len());
    let mut blocks = Vec::new();
    // Each block's text as it is collected (`blocks[i]` ↔ `texts[i]`).
    let mut texts: Vec<String> = Vec::new();
    let mut footnotes = Vec::new();
    let mut footnote_spans = Vec::new();
    let mut heading_index = 0;
    let mut section = PREAMBLE.to_owned();
    let mut counters: BTreeMap<String, usize> = BTreeMap::new();
    // Stack of open lists: next item number (None for bullets).
    let mut lists: Vec<Option<u64>> = Vec::new();
    // Index into `blocks` of each open block, to append its text.
    let mut open_blocks: Vec<usize> = Vec::new();
    let mut in_footnote = false;
    let mut in_heading = false;
    let mut in_link = false;
    let mut code_lang: Option<String> = None;
    let mut code_text = String::new();

    let mut new_block = |section: &str,
                         kind,
                         number,
                         depth,
                         span: Range<usize>,
                         blocks: &mut Vec<Block>,
                         texts: &mut Vec<String>| {
        let n = counters.entry(section.to_owned()).or_insert(0);
        *n += 1;
        blocks.push(Block {
            id: format!("{section}-p{n}"),
            kind,
            section: section.to_owned(),
            number,
            depth,
            text: Text::default(),
            span,
        });
        texts.push(String::new());
        blocks.len() - 1
    };

    for (event, span) in events {
        if code_lang.is_some() {
            match event {
                Event::Text(t) => code_text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let lang = code_lang.take().unwrap_or_default();
                    out.push(Event::Html(highlight(&code_text, &lang).into()));
                    code_text.clear();
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let h = &headings[heading_index];
                heading_index += 1;
                section = h.id.clone();
                in_heading = true;
                out.push(Event::Html(
                    format!("<{tag} id=\"{id}\">", tag = level_tag(level), id = h.id).into(),
                ));
            }
            Event::End(TagEnd::Heading(level)) => {
                in_heading = false;
                let h = &headings[heading_index - 1];
                out.push(Event::Html(
                    format!(
                        "<a class=\"anchor\" href=\"#{id}\" aria-label=\"Liên kết tới mục này\">#</a></{tag}>\n",
                        id = h.id,
                        tag = level_tag(level)
                    )
                    .into(),
                ));
            }
            Event::Start(Tag::Paragraph) if open_blocks.is_empty() && !in_footnote => {
                let i = new_block(
                    &section,
                    BlockKind::Paragraph,
                    None,
                    0,
                    span,
                    &mut blocks,
                    &mut texts,
                );
                out.push(Event::Html(format!("<p id=\"{}\">", blocks[i].id).into()));
                open_blocks.push(i);
            }
            Event::End(TagEnd::Paragraph)
                if !in_footnote
                    && open_blocks
                        .last()
                        .is_some_and(|&i| blocks[i].kind == BlockKind::Paragraph) =>
            {
                open_blocks.pop();
                out.push(Event::End(TagEnd::Paragraph));
            }
            Event::Start(Tag::List(start)) => {
                lists.push(start);
                out.push(Event::Start(Tag::List(start)));
            }
            Event::End(TagEnd::List(ordered)) => {
                lists.pop();
                out.push(Event::End(TagEnd::List(ordered)));
            }
            Event::Start(Tag::Item) if !in_footnote => {
                let number = lists.last_mut().and_then(|n| {
                    let current = *n;
                    if let Some(v) = n.as_mut() {
                        *v += 1;
                    }
                    current
                });
                let depth = lists.len().saturating_sub(1);
                let i = new_block(
                    &section,
                    BlockKind::Item,
                    number,
                    depth,
                    span,
                    &mut blocks,
                    &mut texts,
                );
                let value = number
                    .map(|n| format!(" value=\"{n}\""))
                    .unwrap_or_default();
                out.push(Event::Html(
                    format!("<li id=\"{}\"{value}>", blocks[i].id).into(),
                ));
                open_blocks.push(i);
            }
            Event::End(TagEnd::Item) if !in_footnote => {
                open_blocks.pop();
                out.push(Event::End(TagEnd::Item));
            }
            Event::Start(Tag::Table(alignments)) if !in_footnote => {
                let i = new_block(
                    &section,
                    BlockKind::Table,
                    None,
                    0,
                    span,
                    &mut blocks,
                    &mut texts,
                );
                out.push(Event::Html(
                    format!("<div class=\"table-wrap\" id=\"{}\">", blocks[i].id).into(),
                ));
                out.push(Event::Start(Tag::Table(alignments)));
                open_blocks.push(i);
            }
            Event::End(TagEnd::Table) if !in_footnote => {
                open_blocks.pop();
                out.push(Event::End(TagEnd::Table));
                out.push(Event::Html("</div>\n".into()));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                in_footnote = true;
                let id = slugify(&label);
                footnotes.push(label.to_string());
                footnote_spans.push((format!("fn-{id}"), span.clone()));
                out.push(Event::Html(
                    format!(
                        "<div class=\"footnote\" id=\"fn-{id}\"><a class=\"fn-back\" href=\"#fnref-{id}\" aria-label=\"Quay lại chỗ dẫn chú thích {label}\">{label}</a>",
                        label = escape(&label)
                    )
                    .into(),
                ));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                in_footnote = false;
                out.push(Event::Html("</div>\n".into()));
            }
            Event::FootnoteReference(label) => {
                let id = slugify(&label);
                out.push(Event::Html(
                    format!(
                        "<sup class=\"fn-ref\" id=\"fnref-{id}\"><a href=\"#fn-{id}\" aria-label=\"Chú thích {label}\">{label}</a></sup>",
                        label = escape(&label)
                    )
                    .into(),
                ));
                if let Some(&i) = open_blocks.last() {
                    let _ = write!(texts[i], "[^{label}]");
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                code_lang = Some(match kind {
                    CodeBlockKind::Fenced(lang) => lang.to_string(),
                    CodeBlockKind::Indented => String::new(),
                });
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                check_html(path, &html, span, options, &mut diagnostics);
                if options.allow_html && !is_dangerous(&html) {
                    out.push(Event::Html(html));
                } else {
                    out.push(Event::Text(html));
                }
            }
            Event::End(TagEnd::Link) => {
                in_link = false;
                out.push(Event::End(TagEnd::Link));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                in_link = true;
                if is_script_url(&dest_url) {
                    diagnostics.push(
                        Diagnostic::error(path, "a link runs a script")
                            .at(span, "`javascript:` link")
                            .help("links in letters must point to web pages or files: use an https:// address"),
                    );
                    out.push(Event::Start(Tag::Link {
                        link_type: LinkType::Inline,
                        dest_url: CowStr::Borrowed("#"),
                        title,
                        id,
                    }));
                } else {
                    out.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
            }
            Event::Text(t) => {
                if in_heading {
                    // Heading text is collected by `collect_headings`.
                } else if let Some(&i) = open_blocks.last() {
                    texts[i].push_str(&t);
                }
                let source = body
                    .get((span.start - offset)..(span.end - offset))
                    .unwrap_or("");
                if in_link || options.links.is_empty() {
                    out.push(Event::Text(t));
                } else {
                    link_text(t, source, &span, options.links, &mut out);
                }
            }
            Event::Code(t) => {
                if let Some(&i) = open_blocks.last() {
                    texts[i].push_str(&t);
                }
                out.push(Event::Code(t));
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(&i) = open_blocks.last() {
                    texts[i].push(' ');
                }
                out.push(event);
            }
            Event::End(TagEnd::TableCell) => {
                if let Some(&i) = open_blocks.last() {
                    texts[i].push_str(" | ");
                }
                out.push(event);
            }
            other => out.push(other),
        }
    }

    for (b, mut text) in blocks.iter_mut().zip(texts) {
        if !options.skip_texts {
            collapse_spaces(&mut text);
        }
        b.text = Text::from(text);
    }
    check_footnotes(path, body, offset, &footnotes, &mut diagnostics);

    let mut html = String::new();
    if !options.skip_html {
        html.reserve(body.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, out.into_iter());
    }
    (
        Body {
            html,
            headings,
            blocks,
            footnotes,
            footnote_spans,
        },
        diagnostics,
    )
}

/// Pushes `text` with the links that fall inside it. When the text is the source
/// as written, offsets map one to one; otherwise (escapes, entities) a link is
/// placed where its source text occurs.
fn link_text<'a>(
    text: CowStr<'a>,
    source: &str,
    span: &Range<usize>,
    links: &[Link],
    out: &mut Vec<Event<'a>>,
) {
    let first = links.partition_point(|l| l.span.end <= span.start);
    let inside = links[first..]
        .iter()
        .take_while(|l| l.span.start < span.end)
        .filter(|l| l.span.end <= span.end);
    let exact = source == &*text;
    let mut cursor = 0;
    for link in inside {
        let (start, end) = if exact {
            (link.span.start - span.start, link.span.end - span.start)
        } else {
            let raw = source
                .get((link.span.start - span.start)..(link.span.end - span.start))
                .unwrap_or("");
            match text
                .get(cursor..)
                .and_then(|rest| rest.find(raw))
                .filter(|_| !raw.is_empty())
            {
                Some(i) => (cursor + i, cursor + i + raw.len()),
                None => continue,
            }
        };
        if start < cursor || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        if start > cursor {
            out.push(Event::Text(text[cursor..start].to_owned().into()));
        }
        out.push(Event::Html(
            format!(
                "<a class=\"{}\" href=\"{}\" title=\"{}\">{}</a>",
                link.class,
                escape(&link.href),
                escape(&link.title),
                escape(&text[start..end])
            )
            .into(),
        ));
        cursor = end;
    }
    if cursor == 0 {
        out.push(Event::Text(text));
    } else if cursor < text.len() {
        out.push(Event::Text(text[cursor..].to_owned().into()));
    }
}

fn level_tag(level: HeadingLevel) -> &'static str {
    match level {
        HeadingLevel::H1 => "h2",
        HeadingLevel::H2 => "h2",
        HeadingLevel::H3 => "h3",
        HeadingLevel::H4 => "h4",
        HeadingLevel::H5 => "h5",
        HeadingLevel::H6 => "h6",
    }
}

/// First pass: every heading with its id (explicit `{#id}` or slug of its text),
/// reporting duplicate ids.
fn collect_headings(
    path: &str,
    events: &[(Event<'_>, Range<usize>)],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Heading> {
    let mut headings: Vec<Heading> = Vec::new();
    let mut current: Option<Heading> = None;
    for (event, span) in events {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                current = Some(Heading {
                    level: *level as u8,
                    id: id.as_deref().unwrap_or_default().to_owned(),
                    text: String::new(),
                    span: span.clone(),
                    explicit_id: id.is_some(),
                });
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = current.as_mut() {
                    h.text.push_str(t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(mut h) = current.take() {
                    collapse_spaces(&mut h.text);
                    if !h.explicit_id {
                        let base = match slugify(&h.text) {
                            s if s.is_empty() => "muc".to_owned(),
                            s => s,
                        };
                        let mut id = base.clone();
                        let mut n = 1;
                        while headings.iter().any(|x| x.id == id) {
                            n += 1;
                            id = format!("{base}-{n}");
                        }
                        h.id = id;
                    } else if slugify(&h.id) != h.id
                        && !h
                            .id
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
                    {
                        diagnostics.push(
                            Diagnostic::error(
                                path,
                                format!("heading id `{}` is not a plain anchor", h.id),
                            )
                            .at(h.span.clone(), "used in links as #id")
                            .help(format!("write {{#{}}}", slugify(&h.id))),
                        );
                    } else if let Some(first) = headings.iter().find(|x| x.id == h.id) {
                        diagnostics.push(
                            Diagnostic::error(path, format!("heading id `{}` is used twice", h.id))
                                .at(h.span.clone(), "second heading with this id")
                                .help(format!(
                                    "ids make stable links; give this heading another id (the first is \"{}\")",
                                    first.text
                                )),
                        );
                    }
                    headings.push(h);
                }
            }
            _ => {}
        }
    }
    headings
}

fn check_html(
    path: &str,
    html: &str,
    span: Range<usize>,
    options: ParseOptions,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if is_dangerous(html) {
        diagnostics.push(
            Diagnostic::error(path, "the letter contains HTML that could run code or change the page")
                .at(span, "not allowed in a letter")
                .help("remove it: letters are text; scripts, frames, styles and forms are never published"),
        );
    } else if !options.allow_html
        && html.trim_start().starts_with('<')
        && !html.trim_start().starts_with("<!--")
    {
        diagnostics.push(
            Diagnostic::warning(path, "raw HTML is shown as text")
                .at(span, "written as HTML")
                .help("write it in Markdown (lists with -, tables with |), or set allow_html = true in site.toml"),
        );
    }
}

fn is_dangerous(html: &str) -> bool {
    let lower = html.to_ascii_lowercase();
    let tag_name_at = |i: usize| -> &str {
        let rest = &lower[i..];
        let rest = rest.strip_prefix('/').unwrap_or(rest);
        let end = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        &rest[..end]
    };
    let dangerous_tag = lower
        .match_indices('<')
        .any(|(i, _)| DANGEROUS_TAGS.contains(&tag_name_at(i + 1)));
    let event_handler = lower.contains('<')
        && lower
            .split(|c: char| c.is_whitespace() || c == '/')
            .any(|w| {
                w.starts_with("on")
                    && w.contains('=')
                    && w[2..].split('=').next().is_some_and(|n| {
                        !n.is_empty() && n.chars().all(|c| c.is_ascii_alphabetic())
                    })
            });
    dangerous_tag || event_handler || lower.contains("javascript:")
}

fn is_script_url(url: &str) -> bool {
    let u: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    u.starts_with("javascript:") || u.starts_with("vbscript:") || u.starts_with("data:text/html")
}

/// Footnotes referenced but never defined, or defined but never referenced.
fn check_footnotes(
    path: &str,
    body: &str,
    offset: usize,
    defined: &[String],
    diagnostics: &mut Vec<Diagnostic>,
) {
    // pulldown-cmark leaves an undefined `[^x]` as plain text; find those.
    let mut search = 0;
    while let Some(i) = body[search..].find("[^") {
        let start = search + i;
        let Some(len) = body[start + 2..].find(']') else {
            break;
        };
        let label = &body[start + 2..start + 2 + len];
        let is_definition = body[start + 2 + len + 1..].starts_with(':');
        if !label.is_empty()
            && !label.contains(char::is_whitespace)
            && !is_definition
            && !defined.iter().any(|d| d == label)
        {
            diagnostics.push(
                Diagnostic::warning(path, format!("footnote [^{label}] is never defined"))
                    .at(
                        (offset + start)..(offset + start + len + 3),
                        "no `[^label]: text` for this",
                    )
                    .help(format!(
                        "add a line `[^{label}]: the footnote text` at the end of the letter"
                    )),
            );
        }
        search = start + 2;
    }
}

/// Trims `s` and makes every run of whitespace one space, in place when it is
/// already so (most blocks: the check is one pass, with no allocation).
fn collapse_spaces(s: &mut String) {
    if is_tidy(s) {
        return;
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    *s = out;
}

/// The byte length of the whitespace character (Unicode White_Space, as
/// `char::is_whitespace`) that starts at byte `i`, if one does. Decided on
/// bytes: most text is ASCII and precomposed Vietnamese (lead byte 0xE1), and
/// decoding every character to ask is what made this slow.
fn whitespace_len(bytes: &[u8], i: usize) -> Option<usize> {
    let next = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
    match bytes[i] {
        b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => Some(1),
        // U+0085, U+00A0
        0xc2 if matches!(next(1), 0x85 | 0xa0) => Some(2),
        // U+1680
        0xe1 if next(1) == 0x9a && next(2) == 0x80 => Some(3),
        // U+2000–U+200A, U+2028, U+2029, U+202F; U+205F
        0xe2 if next(1) == 0x80 && matches!(next(2), 0x80..=0x8a | 0xa8 | 0xa9 | 0xaf) => Some(3),
        0xe2 if next(1) == 0x81 && next(2) == 0x9f => Some(3),
        // U+3000
        0xe3 if next(1) == 0x80 && next(2) == 0x80 => Some(3),
        _ => None,
    }
}

/// Whether `s` is already as [`collapse_spaces`] leaves it: no whitespace at
/// either end and only single ASCII spaces inside. One pass over the bytes
/// with no branch that text makes unpredictable: double spaces and ASCII
/// control whitespace are accumulated, and only the rare bytes that may start
/// (or, 0x9A, sit inside) a non-ASCII space are looked at closely.
fn is_tidy(s: &str) -> bool {
    let bytes = s.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return true;
    };
    if first == b' ' || last == b' ' {
        return false;
    }
    let mut untidy = false;
    let mut previous = 0u8;
    for (i, &b) in bytes.iter().enumerate() {
        untidy |= (b == b' ') & (previous == b' ');
        untidy |= b.wrapping_sub(b'\t') < 5; // \t \n \v \f \r
        previous = b;
        if matches!(b, 0xc2 | 0xe2 | 0xe3 | 0x9a) {
            let space = if b == 0x9a {
                // U+1680 is E1 9A 80.
                i > 0 && whitespace_len(bytes, i - 1).is_some()
            } else {
                whitespace_len(bytes, i).is_some()
            };
            if space {
                return false;
            }
        }
    }
    !untidy
}

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    let _ = escape_into(&mut out, s); // writing to a String cannot fail
    out
}

/// [`escape`] appending to `out`: copies the runs between special characters
/// whole (pages are mostly text with no markup in it).
pub fn escape_into(out: &mut impl std::fmt::Write, s: &str) -> std::fmt::Result {
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.write_str(&s[start..i])?;
        out.write_str(entity)?;
        start = i + 1;
    }
    out.write_str(&s[start..])
}

/// Highlights a fenced code block with syntect's CSS classes (the theme styles
/// them), so no inline colours and no per-page stylesheet.
fn highlight(code: &str, lang: &str) -> String {
    use syntect::html::{ClassStyle, ClassedHTMLGenerator};
    use syntect::parsing::SyntaxSet;
    use syntect::util::LinesWithEndings;
    static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();
    let syntaxes = SYNTAXES.get_or_init(SyntaxSet::load_defaults_newlines);
    let syntax = (!lang.is_empty())
        .then(|| syntaxes.find_syntax_by_token(lang))
        .flatten();
    let Some(syntax) = syntax else {
        return format!("<pre><code>{}</code></pre>\n", escape(code));
    };
    let mut gen = ClassedHTMLGenerator::new_with_class_style(
        syntax,
        syntaxes,
        ClassStyle::SpacedPrefixed { prefix: "hl-" },
    );
    for line in LinesWithEndings::from(code) {
        if gen
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            return format!("<pre><code>{}</code></pre>\n", escape(code));
        }
    }
    format!(
        "<pre class=\"code\"><code data-lang=\"{}\">{}</code></pre>\n",
        escape(lang),
        gen.finalize()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_collapse_as_split_whitespace_would() {
        for text in [
            "",
            " ",
            "a",
            "a b",
            " a b",
            "a b ",
            "a  b",
            "a\nb",
            "a\u{a0}b",
            "\tđầu  và\n cuối ",
            "ữ\u{3000}ừ",
            "a\u{2028}",
            "\u{1680}á",
            "ế\u{85}b",
            "Điều\u{202f}3 · ủy ban",
        ] {
            let mut s = text.to_owned();
            collapse_spaces(&mut s);
            assert_eq!(
                s,
                text.split_whitespace().collect::<Vec<_>>().join(" "),
                "{text:?}"
            );
        }
    }

    #[test]
    fn whitespace_on_bytes_is_char_is_whitespace_for_every_char() {
        let mut buf = [0u8; 4];
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            let expected = c.is_whitespace().then_some(bytes.len());
            assert_eq!(whitespace_len(bytes, 0), expected, "{c:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn collapsed_spaces_are_single_spaces_between_words(
            text in "[a ếữ\t\n\u{b}\u{c}\r\u{a0}\u{85}\u{1680}\u{180e}\u{2000}-\u{200b}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}\u{1ea0}\u{a1}]{0,24}"
        ) {
            let mut s = text.clone();
            collapse_spaces(&mut s);
            let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(is_tidy(&text), text == expected);
            proptest::prop_assert_eq!(s, expected);
        }
    }

    fn p(body: &str) -> (Body, Vec<Diagnostic>) {
        parse("a.md", body, 0, ParseOptions::default())
    }

    #[test]
    fn headings_keep_explicit_ids_and_get_generated_ones() {
        let (b, d) = p("## A. NHIỆM VỤ CHUNG {#a}\n\n### Đẩy mạnh XHHT\n\ntext\n");
        assert!(d.is_empty());
        assert_eq!(b.headings[0].id, "a");
        assert_eq!(b.headings[0].text, "A. NHIỆM VỤ CHUNG");
        assert_eq!(b.headings[1].id, "day-manh-xhht");
        assert!(b.html.contains("<h2 id=\"a\">A. NHIỆM VỤ CHUNG"));
    }

    #[test]
    fn blocks_get_section_anchors_and_numbers() {
        let (b, _) = p("Căn cứ.\n\n## I. X {#i}\n\n1. một\n2. hai\n\nđoạn\n");
        let ids: Vec<_> = b.blocks.iter().map(|b| b.id.as_str()).collect();
        assert_eq!(ids, ["mo-dau-p1", "i-p1", "i-p2", "i-p3"]);
        assert_eq!(b.blocks[2].number, Some(2));
        assert_eq!(b.blocks[2].text, "hai");
        assert!(b.html.contains("<li id=\"i-p2\" value=\"2\">"));
        assert!(b.html.contains("<p id=\"mo-dau-p1\">"));
    }

    #[test]
    fn ordered_lists_keep_their_printed_start() {
        let (b, _) = p("7. bảy\n8. tám\n");
        assert_eq!(b.blocks[0].number, Some(7));
        assert_eq!(b.blocks[1].number, Some(8));
    }

    #[test]
    fn spans_are_file_offsets() {
        let body = "x\n\nđoạn hai\n";
        let (b, _) = parse("a.md", body, 100, ParseOptions::default());
        assert_eq!(b.blocks[1].span.start, 103);
    }

    #[test]
    fn raw_html_is_escaped_with_a_warning() {
        let (b, d) = p("a <b>bold</b> c\n");
        assert!(b.html.contains("&lt;b&gt;bold&lt;/b&gt;"));
        assert_eq!(d.len(), 2);
        assert!(!d[0].is_error());
    }

    #[test]
    fn scripts_are_errors_even_when_html_is_allowed() {
        let (b, d) = parse(
            "a.md",
            "<script>alert(1)</script>\n",
            0,
            ParseOptions {
                allow_html: true,
                ..Default::default()
            },
        );
        assert!(d.iter().any(Diagnostic::is_error));
        assert!(!b.html.contains("<script>"));
        let (_, d) = parse(
            "a.md",
            "<img src=x onerror=alert(1)>\n",
            0,
            ParseOptions {
                allow_html: true,
                ..Default::default()
            },
        );
        assert!(d.iter().any(Diagnostic::is_error));
        let (b, d) = p("[x](javascript:alert(1))\n");
        assert!(d.iter().any(Diagnostic::is_error));
        assert!(!b.html.contains("javascript:"));
    }

    #[test]
    fn allowed_html_passes_through() {
        let (b, d) = parse(
            "a.md",
            "a <b>bold</b>\n",
            0,
            ParseOptions {
                allow_html: true,
                ..Default::default()
            },
        );
        assert!(d.is_empty());
        assert!(b.html.contains("<b>bold</b>"));
    }

    #[test]
    fn footnotes_get_prefixed_ids() {
        let (b, d) = p("Đề án 1373[^1].\n\n[^1]: Quyết định số 1373/QĐ-TTg.\n");
        assert!(d.is_empty(), "{d:?}");
        assert!(b.html.contains("id=\"fnref-1\""));
        assert!(b.html.contains("id=\"fn-1\""));
        assert_eq!(b.footnotes, ["1"]);
        let (_, d) = p("x[^9].\n");
        assert_eq!(d[0].message, "footnote [^9] is never defined");
    }

    #[test]
    fn duplicate_heading_ids_are_errors() {
        let (_, d) = p("## A {#a}\n\n## B {#a}\n");
        assert_eq!(d[0].message, "heading id `a` is used twice");
    }

    #[test]
    fn links_are_placed_on_their_spans() {
        let body = "Căn cứ Công văn số 3759/BGDĐT-GDTX ngày 28/7/2023 và *Thông tư 33*.\n";
        let start = body.find("Công văn").unwrap();
        let end = body.find(" ngày").unwrap();
        let t = body.find("Thông tư 33").unwrap();
        let links = [
            Link {
                span: (100 + start)..(100 + end),
                href: "@doc:cv".into(),
                title: "CV".into(),
                class: "cite",
            },
            Link {
                span: (100 + t)..(100 + t + "Thông tư 33".len()),
                href: "@doc:tt".into(),
                title: "TT".into(),
                class: "cite",
            },
        ];
        let (b, _) = parse(
            "a.md",
            body,
            100,
            ParseOptions {
                allow_html: false,
                links: &links,
                ..Default::default()
            },
        );
        assert!(b.html.contains("Căn cứ <a class=\"cite\" href=\"@doc:cv\" title=\"CV\">Công văn số 3759/BGDĐT-GDTX</a> ngày"), "{}", b.html);
        assert!(
            b.html.contains(
                "<em><a class=\"cite\" href=\"@doc:tt\" title=\"TT\">Thông tư 33</a></em>"
            ),
            "{}",
            b.html
        );
        assert_eq!(
            b.blocks[0].text,
            "Căn cứ Công văn số 3759/BGDĐT-GDTX ngày 28/7/2023 và Thông tư 33."
        );
    }

    #[test]
    fn block_texts_that_read_verbatim_in_the_file_are_shared_with_it() {
        let file: Arc<str> = "Căn cứ Thông tư 8/2023.\n\n1. Hai dòng\n   nối lại\n\n2. Một dòng &amp; ba\n\n- Mục ba\n".into();
        let (mut b, _) = p(&file);
        b.share_texts(&file);
        let texts: Vec<(&str, bool)> = b
            .blocks
            .iter()
            .map(|b| (b.text.as_str(), b.text.is_shared()))
            .collect();
        assert_eq!(
            texts,
            [
                ("Căn cứ Thông tư 8/2023.", true),
                ("Hai dòng nối lại", false),
                ("Một dòng & ba", false),
                ("Mục ba", true),
            ]
        );
        // Shared or owned, a text compares and serialises as its words.
        assert_eq!(
            b.blocks[0].text,
            Text::from("Căn cứ Thông tư 8/2023.".to_owned())
        );
        assert_eq!(
            serde_json::to_string(&b.blocks[3].text).unwrap(),
            "\"Mục ba\""
        );
    }

    #[test]
    fn nested_items_keep_their_own_text() {
        let (b, _) = p("1. Ba\n   - ba-một\n2. Bốn\n");
        let texts: Vec<(&str, usize)> = b
            .blocks
            .iter()
            .map(|b| (b.text.as_str(), b.depth))
            .collect();
        assert_eq!(texts, [("Ba", 0), ("ba-một", 1), ("Bốn", 0)]);
    }

    #[test]
    fn tables_are_blocks() {
        let (b, _) = p("| Tháng | Việc |\n|---|---|\n| 8/2023 | - Tổ chức |\n");
        assert_eq!(b.blocks[0].kind, BlockKind::Table);
        assert!(b.html.contains("<table>"));
        assert!(b.blocks[0].text.contains("8/2023"));
    }
}

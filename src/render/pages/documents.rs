//! Cited documents: one page per document (`van-ban/<id>/`) with who cites it,
//! where and in which words; the index of documents; and the legal-basis map.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::corpus::{Corpus, Document};
use crate::letter::Letter;
use crate::render::views::{short_date, LetterSummary};
use crate::render::{home_crumb, Ctx, Page, Plan};

/// URL of a document relative to the site root: the letter's own page when the
/// document is a letter of the site.
pub fn document_url(corpus: &Corpus, id: &str) -> String {
    match corpus.documents.get(id).and_then(|d| d.letter) {
        Some(li) => corpus.letters[li].url.clone(),
        None => format!("van-ban/{id}/"),
    }
}

/// Replaces the citation placeholders of a letter body with relative links.
pub fn link_body(html: &str, corpus: &Corpus, root: &str) -> String {
    let marker = format!("href=\"{}", crate::letter::DOC_HREF_PREFIX);
    let mut out = String::with_capacity(html.len() + html.len() / 20);
    let mut rest = html;
    while let Some(i) = rest.find(&marker) {
        out.push_str(&rest[..i]);
        let after = &rest[i + marker.len()..];
        let end = after.find('"').unwrap_or(after.len());
        out.push_str("href=\"");
        out.push_str(root);
        out.push_str(&document_url(corpus, &after[..end]));
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// A document in lists.
#[derive(Serialize)]
pub struct DocumentSummary<'a> {
    pub id: &'a str,
    pub url: String,
    pub label: String,
    pub code: Option<String>,
    pub type_label: &'static str,
    pub title: Option<&'a str>,
    pub issuer: Option<&'a str>,
    pub date: Option<String>,
    pub iso_date: Option<String>,
    pub letter_count: usize,
    pub mention_count: usize,
    pub in_site: bool,
}

impl<'a> DocumentSummary<'a> {
    pub fn new(corpus: &Corpus, d: &'a Document) -> Self {
        DocumentSummary {
            id: &d.id,
            url: document_url(corpus, &d.id),
            label: d.label(),
            code: d.code(),
            type_label: d.doc_type.map_or("Văn bản", |t| t.label()),
            title: d.title.as_deref(),
            issuer: d.issuer.as_deref(),
            date: d.date.map(short_date),
            iso_date: d.date.map(|x| x.to_string()),
            letter_count: d.letter_count,
            mention_count: d.mentions.len(),
            in_site: d.letter.is_some(),
        }
    }
}

/// One mention: the sentence around it, split so the citation can be marked.
#[derive(Serialize)]
pub struct MentionView {
    pub before: String,
    pub raw: String,
    pub after: String,
    pub anchor: String,
    pub legal_basis: bool,
}

#[derive(Serialize)]
pub struct CitingLetter<'a> {
    pub letter: LetterSummary<'a>,
    pub mentions: Vec<MentionView>,
}

#[derive(Serialize)]
pub struct DocumentPage<'a> {
    pub doc: DocumentSummary<'a>,
    pub symbol: Option<&'a str>,
    pub official_url: Option<&'a str>,
    pub letter_url: Option<&'a str>,
    pub variants: Vec<&'a str>,
    /// Other dates it was cited with (dd/mm/yyyy), when they differ.
    pub conflicting_dates: Vec<String>,
    pub citing: Vec<CitingLetter<'a>>,
    /// Past [`FULL_CITING`] letters, the rest counted by province.
    pub more: Vec<crate::render::views::CountLink>,
    pub more_count: usize,
    pub json_ld: String,
}

/// Citing letters shown with their sentences on a document page; a document
/// cited nationwide lists the rest by province, so pages stay small at scale.
pub const FULL_CITING: usize = 40;

#[derive(Serialize)]
pub struct TypeGroup<'a> {
    pub id: String,
    pub title: &'static str,
    pub count: usize,
    /// Documents of this type by issuer (issuers in alphabetical order, each
    /// issuer's documents most cited first).
    pub issuers: Vec<IssuerGroup<'a>>,
}

#[derive(Serialize)]
pub struct IssuerGroup<'a> {
    pub name: String,
    pub documents: Vec<DocumentSummary<'a>>,
}

#[derive(Serialize)]
pub struct DocumentsIndex<'a> {
    pub most_cited: Vec<DocumentSummary<'a>>,
    pub groups: Vec<TypeGroup<'a>>,
    pub count: usize,
    pub map_svg: String,
}

pub fn plan(ctx: &Ctx<'_>, plan: &mut Plan) {
    let corpus = ctx.corpus;
    let crumbs = vec![
        home_crumb(),
        ("van-ban/".to_owned(), "Văn bản được dẫn".to_owned()),
    ];
    let documents: Vec<&Document> = corpus
        .documents
        .values()
        .filter(|d| d.letter.is_none() && ctx.wants(|s| s.documents.contains(&d.id)))
        .collect();
    let pages = documents.into_par_iter().map(|d| {
        let view = document_page(corpus, d);
        Page::new(
            format!("van-ban/{}/index.html", d.id),
            "document.html",
            d.label(),
            view,
        )
        .crumbs(crumbs.clone())
    });
    plan.stream(pages);
    if !ctx.wants(|s| s.documents_index) {
        return;
    }

    let mut all: Vec<&Document> = corpus.cited_documents().collect();
    all.sort_by(|a, b| {
        b.letter_count
            .cmp(&a.letter_count)
            .then(b.mentions.len().cmp(&a.mentions.len()))
            .then(a.id.cmp(&b.id))
    });
    let mut groups: BTreeMap<(usize, &'static str), Vec<DocumentSummary<'_>>> = BTreeMap::new();
    for d in &all {
        let (rank, title) = d.doc_type.map_or((usize::MAX, "Văn bản khác"), |t| {
            (
                crate::citations::DocType::ALL
                    .iter()
                    .position(|x| *x == t)
                    .unwrap_or(usize::MAX),
                t.label(),
            )
        });
        groups
            .entry((rank, title))
            .or_default()
            .push(DocumentSummary::new(corpus, d));
    }
    let view = DocumentsIndex {
        most_cited: all
            .iter()
            .take(15)
            .map(|d| DocumentSummary::new(corpus, d))
            .collect(),
        count: all.len(),
        groups: groups
            .into_iter()
            .map(|((_, title), documents)| {
                let count = documents.len();
                let mut by_issuer: BTreeMap<String, (String, Vec<DocumentSummary<'_>>)> =
                    BTreeMap::new();
                for d in documents {
                    let name = d.issuer.unwrap_or("Không rõ cơ quan ban hành").to_owned();
                    by_issuer
                        .entry(crate::text::fold(&name))
                        .or_insert_with(|| (name, Vec::new()))
                        .1
                        .push(d);
                }
                TypeGroup {
                    id: crate::text::slugify(title),
                    title,
                    count,
                    issuers: by_issuer
                        .into_values()
                        .map(|(name, documents)| IssuerGroup { name, documents })
                        .collect(),
                }
            })
            .collect(),
        map_svg: legal_basis_map(corpus),
    };
    plan.pages.push(
        Page::new(
            "van-ban/index.html".into(),
            "documents.html",
            "Văn bản được dẫn",
            view,
        )
        .crumbs(vec![home_crumb()]),
    );
}

fn document_page<'a>(corpus: &'a Corpus, d: &'a Document) -> DocumentPage<'a> {
    let mut citing: Vec<CitingLetter<'a>> = Vec::new();
    let mut more: BTreeMap<String, (String, usize)> = BTreeMap::new();
    let mut more_count = 0;
    let mut last_letter = usize::MAX;
    for m in &d.mentions {
        let letter = &corpus.letters[m.letter];
        let new_letter = m.letter != last_letter;
        last_letter = m.letter;
        if citing.len() >= FULL_CITING
            && (new_letter || citing.last().is_none_or(|c| c.letter.url != letter.url))
        {
            if new_letter {
                let (slug, name) = letter.province_key();
                more.entry(slug).or_insert_with(|| (name, 0)).1 += 1;
                more_count += 1;
            }
            continue;
        }
        let mention = mention_view(letter, m.citation);
        match citing.last_mut() {
            Some(last) if last.letter.url == letter.url => last.mentions.push(mention),
            _ => citing.push(CitingLetter {
                letter: LetterSummary::new(letter),
                mentions: vec![mention],
            }),
        }
    }
    let conflicting_dates = if d.dates.len() > 1 {
        d.dates.iter().copied().map(short_date).collect()
    } else {
        d.date
            .and_then(|best| d.dates.iter().find(|x| **x != best))
            .map(|x| vec![short_date(d.date.unwrap_or(*x)), short_date(*x)])
            .unwrap_or_default()
    };
    DocumentPage {
        doc: DocumentSummary::new(corpus, d),
        symbol: d.symbol.as_deref(),
        official_url: d.url.as_deref(),
        letter_url: d.letter.map(|li| corpus.letters[li].url.as_str()),
        variants: d.variants.iter().map(String::as_str).collect(),
        conflicting_dates,
        citing,
        more: more
            .into_iter()
            .map(|(slug, (name, count))| crate::render::views::CountLink {
                url: format!("{slug}/"),
                name,
                count,
            })
            .collect(),
        more_count,
        json_ld: json_ld(d),
    }
}

/// The sentence around a citation, from the letter's source text.
fn mention_view(letter: &Letter, index: usize) -> MentionView {
    let c = &letter.citations[index];
    let text = &letter.text;
    let span = c.citation.span.clone();
    if c.legal_basis {
        return MentionView {
            before: "Căn cứ: ".into(),
            raw: clean(&text[span.clone()]),
            after: String::new(),
            anchor: c.anchor.clone(),
            legal_basis: true,
        };
    }
    let block = letter
        .body
        .blocks
        .iter()
        .filter(|b| b.span.contains(&span.start))
        .max_by_key(|b| b.span.start)
        .map_or(span.clone(), |b| b.span.clone());
    let start = sentence_start(&text[block.start..span.start]) + block.start;
    let end = span.end + sentence_end(&text[span.end..block.end.max(span.end)]);
    let before = if start == block.start {
        strip_marker(&text[start..span.start])
    } else {
        &text[start..span.start]
    };
    let cut_mid_sentence =
        start > block.start && !(text[..start].ends_with(". ") || text[..start].ends_with("; "));
    let ellipsis = if cut_mid_sentence { "…" } else { "" };
    MentionView {
        before: format!("{ellipsis}{}", clean(before)),
        raw: clean(&text[span.clone()]),
        after: clean(&text[span.end..end]),
        anchor: c.anchor.clone(),
        legal_basis: false,
    }
}

/// Byte offset in `before` where the sentence containing its end starts, at most
/// about 240 characters back.
fn sentence_start(before: &str) -> usize {
    let cut = before
        .rfind(". ")
        .or_else(|| before.rfind("; "))
        .map_or(0, |i| i + 2);
    let mut start = cut;
    while before.len() - start > 240 {
        start = before[start..]
            .find(' ')
            .map_or(before.len(), |i| start + i + 1);
    }
    start
}

fn sentence_end(after: &str) -> usize {
    let end = after.find(['.', ';', '\n']).map_or(after.len(), |i| i + 1);
    let mut end = end.min(after.len());
    while end > 240 {
        end = after[..end].rfind(' ').unwrap_or(0);
    }
    end
}

/// Source text as a reader sees it: no Markdown markers, footnote labels or ids;
/// spaces at either end are kept (as one) so the pieces join back up.
fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("[^") {
        out.push_str(&rest[..i]);
        rest = rest[i..].find(']').map_or("", |j| &rest[i + j + 1..]);
    }
    out.push_str(rest);
    let out = out.replace(['*', '_'], "");
    let words = out.split_whitespace().collect::<Vec<_>>().join(" ");
    let lead = if s.starts_with(char::is_whitespace) && !words.is_empty() {
        " "
    } else {
        ""
    };
    let trail = if s.ends_with(char::is_whitespace) && !words.is_empty() {
        " "
    } else {
        ""
    };
    format!("{lead}{words}{trail}")
}

/// Drops a list or heading marker at the start of a block ("1. ", "- ", "## ").
fn strip_marker(s: &str) -> &str {
    let t = s.trim_start();
    let t = t.trim_start_matches('#').trim_start();
    if let Some(rest) = t.strip_prefix("- ").or_else(|| t.strip_prefix("+ ")) {
        return rest;
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        if let Some(rest) = t[digits..]
            .strip_prefix(". ")
            .or_else(|| t[digits..].strip_prefix(") "))
        {
            return rest;
        }
    }
    t
}

/// schema.org `Legislation` for search engines; `</` is escaped for the script tag.
fn json_ld(d: &Document) -> String {
    let mut v = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": d.title.clone().unwrap_or_else(|| d.label()),
        "inLanguage": "vi",
    });
    if let Some(code) = d.code() {
        v["legislationIdentifier"] = code.into();
    }
    if let Some(t) = d.doc_type {
        v["legislationType"] = t.label().into();
    }
    if let Some(date) = d.date {
        v["legislationDate"] = date.to_string().into();
    }
    if let Some(i) = &d.issuer {
        v["legislationPassedBy"] =
            serde_json::json!({"@type": "GovernmentOrganization", "name": i});
    }
    if let Some(u) = &d.url {
        v["url"] = u.clone().into();
    }
    serde_json::to_string(&v)
        .unwrap_or_default()
        .replace("</", "<\\/")
}

/// The legal-basis map: letters (or, past 40 letters, provinces) on the left,
/// the most cited documents on the right, a line for each citation. Plain SVG
/// with links and text, so it works without scripts and prints.
pub fn legal_basis_map(corpus: &Corpus) -> String {
    const MAX_DOCS: usize = 60;
    const ROW: usize = 22;
    let by_province = corpus.letters.len() > 40;
    // Left nodes: (label, url, letters).
    let mut left: Vec<(String, String, Vec<usize>)> = Vec::new();
    if by_province {
        let mut map: BTreeMap<String, (String, Vec<usize>)> = BTreeMap::new();
        for (i, l) in corpus.letters.iter().enumerate() {
            let (slug, name) = l.province_key();
            map.entry(slug)
                .or_insert_with(|| (name, Vec::new()))
                .1
                .push(i);
        }
        left = map
            .into_iter()
            .map(|(slug, (name, ls))| (format!("{name} ({})", ls.len()), format!("{slug}/"), ls))
            .collect();
    } else {
        for (i, l) in corpus.letters.iter().enumerate() {
            let who = l
                .front
                .issuer
                .district
                .clone()
                .or_else(|| l.front.issuer.province.map(|p| p.name.to_owned()))
                .unwrap_or_default();
            left.push((
                format!(
                    "{} · {} ({})",
                    crate::render::views::level_label(l.front.issuer.level),
                    who,
                    l.front.school_year.id()
                ),
                l.url.clone(),
                vec![i],
            ));
        }
    }
    let mut docs: Vec<&Document> = corpus
        .documents
        .values()
        .filter(|d| d.letter_count > 0)
        .collect();
    docs.sort_by(|a, b| b.letter_count.cmp(&a.letter_count).then(a.id.cmp(&b.id)));
    docs.truncate(MAX_DOCS);
    let rows = left.len().max(docs.len()).max(1);
    let (width, height) = (900, rows * ROW + 40);
    let y = |i: usize, n: usize| 30 + i * (rows * ROW) / n.max(1) + ROW / 2;
    let mut svg = format!(
        "<svg class=\"legal-map\" viewBox=\"0 0 {width} {height}\" width=\"100%\" role=\"group\" aria-labelledby=\"map-title map-desc\" xmlns=\"http://www.w3.org/2000/svg\">\
<title id=\"map-title\">Bản đồ căn cứ pháp lý</title>\
<desc id=\"map-desc\">{} {} bên trái, {} văn bản được dẫn nhiều nhất bên phải; mỗi đường là một lần viện dẫn.</desc>\
<text x=\"10\" y=\"18\" class=\"map-head\">{}</text><text x=\"{}\" y=\"18\" class=\"map-head\" text-anchor=\"end\">Văn bản được dẫn</text>",
        left.len(),
        if by_province { "tỉnh, thành phố" } else { "văn bản hướng dẫn" },
        docs.len(),
        if by_province { "Tỉnh, thành phố" } else { "Văn bản hướng dẫn" },
        width - 10
    );
    let doc_index: BTreeMap<&str, usize> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    svg.push_str("<g class=\"map-edges\">");
    for (li, (_, _, letters)) in left.iter().enumerate() {
        let mut targets: BTreeMap<usize, usize> = BTreeMap::new();
        for &l in letters {
            for c in &corpus.letters[l].citations {
                if let Some(&di) = c.resolved.id.as_deref().and_then(|id| doc_index.get(id)) {
                    *targets.entry(di).or_default() += 1;
                }
            }
        }
        for (di, n) in targets {
            let (y1, y2) = (y(li, left.len()), y(di, docs.len()));
            svg.push_str(&format!(
                "<path d=\"M330 {y1} C 450 {y1}, 450 {y2}, 570 {y2}\" stroke-width=\"{:.1}\"/>",
                (n as f32).sqrt().min(4.0)
            ));
        }
    }
    svg.push_str("</g>");
    for (i, (label, url, _)) in left.iter().enumerate() {
        svg.push_str(&format!(
            "<a href=\"@root@{}\"><circle cx=\"330\" cy=\"{y}\" r=\"4\"/><text x=\"320\" y=\"{y}\" dy=\"4\" text-anchor=\"end\">{}</text></a>",
            crate::markdown::escape(url),
            crate::markdown::escape(&truncate(label, 48)),
            y = y(i, left.len())
        ));
    }
    for (i, d) in docs.iter().enumerate() {
        svg.push_str(&format!(
            "<a href=\"@root@{}\"><circle cx=\"570\" cy=\"{y}\" r=\"4\"/><text x=\"580\" y=\"{y}\" dy=\"4\">{} ({})</text></a>",
            crate::markdown::escape(&document_url(corpus, &d.id)),
            crate::markdown::escape(&truncate(&d.label(), 40)),
            d.letter_count,
            y = y(i, docs.len())
        ));
    }
    svg.push_str("</svg>");
    svg
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        format!("{}…", s.chars().take(max - 1).collect::<String>())
    }
}

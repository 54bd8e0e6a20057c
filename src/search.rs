//! Search stage: a static, offline, diacritic-insensitive index that the
//! browser queries with `static/search.js` (no server).
//!
//! Contract: pure and deterministic. Two kinds of file:
//!
//! - `tim-kiem/index.json`, loaded first and kept small: the entries (kind, URL,
//!   title, one line of context) and, for every folded term, a flat posting list
//!   `[entry, weight, entry, weight, …]`;
//! - `tim-kiem/trang/<n>.json`, one per entry: its text as anchored blocks,
//!   fetched only for candidates (phrase checks and snippets).
//!
//! Text is folded by [`crate::text::fold`] (NFD, combining marks dropped, đ/Đ →
//! d, lower case) and split on anything that is not a letter or a digit; the JS
//! does exactly the same, and both run [`query`]'s algorithm against the shared
//! fixture tests/fixtures/search/queries.json. An entry kind is a string, so the
//! cited documents of the citations branch become one more kind ("document")
//! without a format change.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::config::SiteConfig;
use crate::corpus::Corpus;
use crate::text::fold;

/// Bumped when the index format changes.
pub const VERSION: u32 = 1;
pub const INDEX_PATH: &str = "tim-kiem/index.json";

/// Path of entry `n`'s text.
pub fn page_path(n: usize) -> String {
    format!("tim-kiem/trang/{n}.json")
}

/// Something a reader can land on.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Entry {
    /// "letter", "topic" (and "document" once citations land).
    #[serde(rename = "k")]
    pub kind: String,
    /// URL relative to the site root.
    #[serde(rename = "u")]
    pub url: String,
    #[serde(rename = "t")]
    pub title: String,
    /// One line of context: issuer, number, school year.
    #[serde(rename = "m")]
    pub meta: String,
}

/// An entry's text: (anchor, text) blocks; anchor "" is the entry's top.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct PageText {
    #[serde(rename = "u")]
    pub url: String,
    #[serde(rename = "b")]
    pub blocks: Vec<(String, String)>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Index {
    #[serde(rename = "v")]
    pub version: u32,
    pub docs: Vec<Entry>,
    pub terms: BTreeMap<String, Vec<u32>>,
}

/// Folded tokens of `s`: runs of letters and digits.
pub fn tokens(s: &str) -> Vec<String> {
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Every searchable entry with its text: letters (title, number, issuer, legal
/// bases, headings, blocks), then topics (name, keywords, task titles).
pub fn entries(corpus: &Corpus, config: &SiteConfig) -> Vec<(Entry, PageText)> {
    let mut out = Vec::new();
    for l in &corpus.letters {
        let f = &l.front;
        let mut meta = vec![f.issuer.name.clone()];
        if let Some(n) = &f.number {
            meta.push(format!("Số {n}"));
        }
        meta.push(format!("Năm học {}", f.school_year.id()));
        let mut blocks = vec![(String::new(), f.title.clone())];
        blocks.push((String::new(), meta.join(" · ")));
        if let Some(s) = &f.subject {
            blocks.push((String::new(), s.clone()));
        }
        for b in &f.legal_bases {
            blocks.push((String::new(), b.cite.value.clone()));
        }
        let mut body: Vec<(usize, &str, &str)> = l
            .body
            .headings
            .iter()
            .map(|h| (h.span.start, h.id.as_str(), h.text.as_str()))
            .chain(
                l.body
                    .blocks
                    .iter()
                    .map(|b| (b.span.start, b.id.as_str(), b.text.as_str())),
            )
            .collect();
        body.sort_by_key(|x| x.0);
        blocks.extend(
            body.into_iter()
                .map(|(_, a, t)| (a.to_owned(), t.to_owned())),
        );
        out.push((
            Entry {
                kind: "letter".into(),
                url: l.url.clone(),
                title: f.title.clone(),
                meta: meta.join(" · "),
            },
            PageText {
                url: l.url.clone(),
                blocks,
            },
        ));
    }
    for d in corpus
        .documents
        .values()
        .filter(|d| d.letter.is_none() && d.letter_count > 0)
    {
        let url = format!("van-ban/{}/", d.id);
        let label = d.label();
        let mut meta = vec![d.doc_type.map_or("Văn bản", |t| t.label()).to_owned()];
        meta.extend(d.issuer.clone());
        if let Some(date) = d.date {
            meta.push(format!(
                "{:02}/{:02}/{}",
                date.day(),
                date.month(),
                date.year()
            ));
        }
        meta.push(format!("được dẫn trong {} văn bản", d.letter_count));
        let mut blocks = vec![(String::new(), label.clone())];
        if let Some(t) = &d.title {
            blocks.push((String::new(), t.clone()));
        }
        // The short forms readers type: "Thông tư 33", "Công văn 3759".
        if let (Some(t), Some(n)) = (d.doc_type, &d.number) {
            blocks.push((String::new(), format!("{} {n}", t.label())));
        }
        blocks.extend(d.variants.iter().map(|v| (String::new(), v.clone())));
        out.push((
            Entry {
                kind: "document".into(),
                url: url.clone(),
                title: d
                    .title
                    .as_ref()
                    .map_or_else(|| label.clone(), |t| format!("{label}: {t}")),
                meta: meta.join(" · "),
            },
            PageText { url, blocks },
        ));
    }
    for (topic, tasks) in corpus.by_topic(config) {
        let url = format!("chu-de/{}/", topic.id);
        let mut blocks = vec![(String::new(), topic.name.clone())];
        if !topic.keywords.is_empty() {
            blocks.push((String::new(), topic.keywords.join(", ")));
        }
        for t in &tasks {
            blocks.push((
                String::new(),
                format!("{} – {}", t.task.title, t.letter.front.issuer.name),
            ));
        }
        out.push((
            Entry {
                kind: "topic".into(),
                url: url.clone(),
                title: topic.name.clone(),
                meta: format!("Chủ đề · {} nhiệm vụ", tasks.len()),
            },
            PageText { url, blocks },
        ));
    }
    out
}

/// Builds the index and per-entry files: output path → bytes.
pub fn build(entries: &[(Entry, PageText)]) -> BTreeMap<String, Vec<u8>> {
    // Weight of a term in an entry: 20 per use in the title, 10 in the context
    // line, 1 per use in the text up to 15 (a long letter does not drown a
    // short page that is about the term).
    // Count terms per entry in parallel, then merge in entry order so postings
    // come out sorted by entry without a second sort.
    let counted: Vec<Vec<(String, [u32; 3])>> = entries
        .par_iter()
        .map(|(entry, page)| {
            // Borrowed keys while counting; one allocation per distinct term.
            let folded: Vec<(String, usize)> = std::iter::once((fold(&entry.title), 0))
                .chain(std::iter::once((fold(&entry.meta), 1)))
                .chain(page.blocks.iter().map(|(_, text)| (fold(text), 2)))
                .collect();
            let mut counts: std::collections::HashMap<&str, [u32; 3]> =
                std::collections::HashMap::new();
            for (text, field) in &folded {
                for t in text
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|t| !t.is_empty())
                {
                    counts.entry(t).or_default()[*field] += 1;
                }
            }
            let mut sorted: Vec<(String, [u32; 3])> =
                counts.into_iter().map(|(t, c)| (t.to_owned(), c)).collect();
            sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            sorted
        })
        .collect();
    let mut terms: BTreeMap<String, Vec<(u32, [u32; 3])>> = BTreeMap::new();
    for (n, counts) in counted.into_iter().enumerate() {
        for (t, c) in counts {
            terms.entry(t).or_default().push((n as u32, c));
        }
    }
    let weight = |c: [u32; 3]| (20 * c[0] + 10 * c[1] + c[2].min(15)).min(1000);
    let index = Index {
        version: VERSION,
        docs: entries.iter().map(|(e, _)| e.clone()).collect(),
        terms: terms
            .into_iter()
            .map(|(t, postings)| {
                let list = postings
                    .into_iter()
                    .flat_map(|(d, c)| [d, weight(c)])
                    .collect();
                (t, list)
            })
            .collect(),
    };
    let mut files = BTreeMap::new();
    files.insert(
        INDEX_PATH.to_owned(),
        serde_json::to_vec(&index).unwrap_or_default(),
    );
    let pages: Vec<(String, Vec<u8>)> = entries
        .par_iter()
        .enumerate()
        .map(|(n, (_, page))| (page_path(n), serde_json::to_vec(page).unwrap_or_default()))
        .collect();
    files.extend(pages);
    files
}

/// A query: loose words and "quoted phrases".
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub words: Vec<String>,
    pub phrases: Vec<Vec<String>>,
}

pub fn parse_query(q: &str) -> Query {
    let mut query = Query::default();
    let mut loose = String::new();
    let mut rest = q;
    while let Some(i) = rest.find(['"', '“', '”']) {
        loose.push_str(&rest[..i]);
        loose.push(' ');
        let after = &rest[i + rest[i..].chars().next().map_or(1, char::len_utf8)..];
        match after.find(['"', '“', '”']) {
            Some(j) => {
                let phrase = tokens(&after[..j]);
                if !phrase.is_empty() {
                    query.phrases.push(phrase);
                }
                rest = &after[j + after[j..].chars().next().map_or(1, char::len_utf8)..];
            }
            None => {
                rest = after;
            }
        }
    }
    loose.push_str(rest);
    query.words = tokens(&loose);
    query
}

/// One result: the entry, the block to land on, the score.
#[derive(Debug, PartialEq, Eq)]
pub struct Hit {
    pub doc: usize,
    pub url: String,
    pub anchor: String,
    pub score: u32,
}

/// The reference implementation of the browser's search (static/search.js):
/// every term must match (the last loose word also as a prefix), phrases must
/// appear as consecutive tokens in one block, ranked by summed weight then
/// entry order.
pub fn query(index: &Index, page: &dyn Fn(usize) -> Option<PageText>, q: &str) -> Vec<Hit> {
    let query = parse_query(q);
    let mut all: Vec<String> = query.words.clone();
    for p in &query.phrases {
        all.extend(p.iter().cloned());
    }
    let mut seen = Vec::new();
    all.retain(|t| {
        let new = !seen.contains(t);
        seen.push(t.clone());
        new
    });
    if all.is_empty() {
        return Vec::new();
    }
    let last_word = query.words.last().cloned();
    let mut scores: Option<BTreeMap<usize, u32>> = None;
    for t in &all {
        let mut postings: BTreeMap<usize, u32> = BTreeMap::new();
        if let Some(list) = index.terms.get(t) {
            for pair in list.chunks(2) {
                *postings.entry(pair[0] as usize).or_insert(0) += pair[1];
            }
        } else if Some(t) == last_word.as_ref() && t.chars().count() >= 2 {
            for (term, list) in index.terms.range(t.clone()..) {
                if !term.starts_with(t.as_str()) {
                    break;
                }
                for pair in list.chunks(2) {
                    *postings.entry(pair[0] as usize).or_insert(0) += pair[1];
                }
            }
        }
        scores = Some(match scores {
            None => postings,
            Some(prev) => prev
                .into_iter()
                .filter_map(|(d, s)| postings.get(&d).map(|w| (d, s + w)))
                .collect(),
        });
    }
    let mut ranked: Vec<(usize, u32)> = scores.unwrap_or_default().into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut hits = Vec::new();
    for (doc, score) in ranked.into_iter().take(50) {
        let Some(text) = page(doc) else { continue };
        let normalised: Vec<String> = text
            .blocks
            .iter()
            .map(|(_, t)| format!(" {} ", tokens(t).join(" ")))
            .collect();
        let phrase_ok = query.phrases.iter().all(|p| {
            let needle = format!(" {} ", p.join(" "));
            normalised.iter().any(|b| b.contains(&needle))
        });
        if !phrase_ok {
            continue;
        }
        let anchor = best_block(&text, &normalised, &query, &all);
        hits.push(Hit {
            doc,
            url: index.docs[doc].url.clone(),
            anchor,
            score,
        });
    }
    hits
}

/// The block to land on: the first with every phrase and the most query terms,
/// an anchored block (a paragraph) before an unanchored one (title, bases).
fn best_block(text: &PageText, normalised: &[String], query: &Query, all: &[String]) -> String {
    let mut best = (0usize, String::new());
    for ((anchor, _), b) in text.blocks.iter().zip(normalised) {
        let phrases = query
            .phrases
            .iter()
            .filter(|p| b.contains(&format!(" {} ", p.join(" "))))
            .count();
        let terms = all.iter().filter(|t| b.contains(&format!(" {t} "))).count();
        let score = (phrases * 100 + terms) * 2 + usize::from(!anchor.is_empty());
        if phrases == query.phrases.len() && terms > 0 && score > best.0 {
            best = (score, anchor.clone());
        }
    }
    best.1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_fold_and_split() {
        assert_eq!(
            tokens("Công văn 3759/BGDĐT-GDTX"),
            ["cong", "van", "3759", "bgddt", "gdtx"]
        );
        assert_eq!(tokens("Xóa mù chữ"), ["xoa", "mu", "chu"]);
    }

    #[test]
    fn queries_split_phrases_from_words() {
        let q = parse_query("bgddt \"xoa mu chu\" 3759 “học tập”");
        assert_eq!(q.words, ["bgddt", "3759"]);
        assert_eq!(q.phrases, [vec!["xoa", "mu", "chu"], vec!["hoc", "tap"]]);
    }
}

//! Search stage: a static, offline, diacritic-insensitive index that the
//! browser queries with `static/search.js` (no server).
//!
//! Contract: pure and deterministic. The index is sharded so that a query
//! loads only what it needs:
//!
//! - `tim-kiem/index.json`, the manifest, loaded first and tiny: format version,
//!   entry count, entries per chunk, the term-shard prefix length and the sorted
//!   list of shard keys ([`Manifest`]);
//! - `tim-kiem/tu/<key>.json`, the term shard of a key of the manifest
//!   ([`shard_path`]):
//!   for every folded term whose first [`PREFIX`] characters are that key, a
//!   posting list `[entry, weight, entry, weight, …]` with each entry number
//!   stored as the difference from the previous one. A query loads the shards
//!   of its terms; the last loose word, also matched as a prefix of at least
//!   [`PREFIX`] characters, still falls in exactly one shard;
//! - `tim-kiem/muc/<k>.json`, entries `k·chunk … (k+1)·chunk − 1` (kind, URL,
//!   title, one line of context), fetched only for the results;
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
pub const VERSION: u32 = 3;
/// The manifest, loaded first.
pub const INDEX_PATH: &str = "tim-kiem/index.json";
/// Characters of a folded term that pick its shard.
pub const PREFIX: usize = 2;
/// Entries per entries chunk.
pub const CHUNK: usize = 32;

/// Path of entry `n`'s text.
pub fn page_path(n: usize) -> String {
    format!("tim-kiem/trang/{n}.json")
}

/// Path of the term shard of `key`: named by the key itself ("tim-kiem/tu/xo.json"),
/// so a new key adds one file and renames none (an edit in `gdtx serve` then
/// rewrites one shard, not all). A key of other characters than `a-z0-9` is
/// written as `_` and the hex of its UTF-8 bytes ("ωμ" → "_cf89cebc").
pub fn shard_path(key: &str) -> String {
    if key
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        format!("tim-kiem/tu/{key}.json")
    } else {
        let hex: String = key.bytes().map(|b| format!("{b:02x}")).collect();
        format!("tim-kiem/tu/_{hex}.json")
    }
}

/// Path of entries chunk `k`.
pub fn chunk_path(k: usize) -> String {
    format!("tim-kiem/muc/{k}.json")
}

/// The shard key of a folded term: its first [`PREFIX`] characters.
pub fn shard_key(term: &str) -> &str {
    term.char_indices()
        .nth(PREFIX)
        .map_or(term, |(i, _)| &term[..i])
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

/// `tim-kiem/index.json`.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Manifest {
    #[serde(rename = "v")]
    pub version: u32,
    /// Number of entries.
    #[serde(rename = "n")]
    pub entries: usize,
    /// Entries per chunk file.
    #[serde(rename = "c")]
    pub chunk: usize,
    /// Characters of a term that make its shard key.
    #[serde(rename = "p")]
    pub prefix: usize,
    /// Shard keys, sorted; the shard of a key is at [`shard_path`]`(key)`.
    #[serde(rename = "s")]
    pub shards: Vec<String>,
}

/// A term shard: folded term → delta-coded `[entry, weight, …]`.
pub type Shard = BTreeMap<String, Vec<u32>>;

/// Folded tokens of `s`: runs of letters and digits.
pub fn tokens(s: &str) -> Vec<String> {
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Every searchable entry with its text: letters (title, number, issuer, legal
/// bases, headings, blocks), then cited documents, then topics (name, keywords,
/// task titles). Entry `n` is the `n`-th of this list.
pub fn entries(corpus: &Corpus, config: &SiteConfig) -> Vec<(Entry, PageText)> {
    par_entries(corpus, config).collect()
}

/// [`entries`], made in parallel and in the same order, for a caller that
/// handles each and keeps none of their texts.
pub fn par_entries<'a>(
    corpus: &'a Corpus,
    config: &'a SiteConfig,
) -> impl IndexedParallelIterator<Item = (Entry, PageText)> + 'a {
    let documents: Vec<&crate::corpus::Document> =
        corpus.documents.values().filter(|d| has_entry(d)).collect();
    corpus
        .letters
        .par_iter()
        .map(letter_entry)
        .chain(documents.into_par_iter().map(document_page))
        .chain(topic_entries(corpus, config))
}

/// The topics' entries (after the documents').
fn topic_entries(corpus: &Corpus, config: &SiteConfig) -> Vec<(Entry, PageText)> {
    let mut out = Vec::new();
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
                meta: format!("{} nhiệm vụ", tasks.len()),
            },
            PageText { url, blocks },
        ));
    }
    out
}

/// A letter's entry (the first `corpus.letters.len()` entries, in corpus order).
pub fn letter_entry(l: &crate::letter::Letter) -> (Entry, PageText) {
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
    (
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
    )
}

/// Whether a cited document has an entry: it has a page of its own and is cited.
pub fn has_entry(d: &crate::corpus::Document) -> bool {
    d.letter.is_none() && d.letter_count > 0
}

/// A cited document's entry (after the letters', in id order), if it has one.
pub fn document_entry(d: &crate::corpus::Document) -> Option<(Entry, PageText)> {
    has_entry(d).then(|| document_page(d))
}

/// The entry of a document that [`has_entry`].
fn document_page(d: &crate::corpus::Document) -> (Entry, PageText) {
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
    (
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
    )
}

/// The file of an entry's text (at [`page_path`]).
pub fn page_bytes(page: &PageText) -> Vec<u8> {
    serde_json::to_vec(page).unwrap_or_default()
}

/// Builds the index and per-entry files: output path → bytes.
pub fn build(entries: &[(Entry, PageText)]) -> BTreeMap<String, Vec<u8>> {
    Index::new(entries).files(entries)
}

/// The weight of every term of an entry, by term. Weight of a term in an
/// entry: 20 per use in the title, 10 in the context line, 1 per use in the
/// text up to 15 (a long letter does not drown a short page that is about the
/// term).
pub fn entry_terms(entry: &Entry, page: &PageText) -> Vec<(String, u32)> {
    // Each field folded once into one buffer; borrowed keys while counting, one
    // allocation per distinct term.
    let mut text = String::new();
    for (_, block) in &page.blocks {
        crate::text::fold_into(&mut text, block);
        text.push(' ');
    }
    let folded = [fold(&entry.title), fold(&entry.meta), text];
    let mut counts: rustc_hash::FxHashMap<&str, [u32; 3]> = Default::default();
    for (field, text) in folded.iter().enumerate() {
        for t in text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|t| !t.is_empty())
        {
            counts.entry(t).or_default()[field] += 1;
        }
    }
    let weight = |c: [u32; 3]| (20 * c[0] + 10 * c[1] + c[2].min(15)).min(1000);
    let mut sorted: Vec<(String, u32)> = counts
        .into_iter()
        .map(|(t, c)| (t.to_owned(), weight(c)))
        .collect();
    sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    sorted
}

/// The term index in memory: shard key → term → postings `(entry, weight)`
/// sorted by entry. `gdtx serve` keeps it so that a changed entry rewrites
/// only the shards of the terms whose weight changed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Index {
    entries: Vec<Entry>,
    shards: BTreeMap<String, BTreeMap<String, Vec<(u32, u32)>>>,
}

/// What [`Index::update`] changed: files to write and files that no longer
/// exist (term shards past the new last one).
#[derive(Debug, Default)]
pub struct Update {
    pub files: BTreeMap<String, Vec<u8>>,
    pub removed: Vec<String>,
}

impl Index {
    pub fn new(entries: &[(Entry, PageText)]) -> Index {
        // Count terms per entry in parallel, then merge in entry order so
        // postings come out sorted by entry without a second sort.
        let counted: Vec<(Entry, Vec<(String, u32)>)> = entries
            .par_iter()
            .map(|(entry, page)| (entry.clone(), entry_terms(entry, page)))
            .collect();
        Index::from_terms(counted)
    }

    /// The index of entries whose terms are counted ([`entry_terms`]), in entry
    /// order.
    pub fn from_terms(counted: Vec<(Entry, Vec<(String, u32)>)>) -> Index {
        let mut entries = Vec::with_capacity(counted.len());
        let mut shards: BTreeMap<String, BTreeMap<String, Vec<(u32, u32)>>> = BTreeMap::new();
        for (n, (entry, terms)) in counted.into_iter().enumerate() {
            entries.push(entry);
            for (t, w) in terms {
                let key = shard_key(&t);
                let shard = match shards.get_mut(key) {
                    Some(s) => s,
                    None => shards.entry(key.to_owned()).or_default(),
                };
                shard.entry(t).or_default().push((n as u32, w));
            }
        }
        Index { entries, shards }
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn manifest(&self) -> Vec<u8> {
        let manifest = Manifest {
            version: VERSION,
            entries: self.entries.len(),
            chunk: CHUNK,
            prefix: PREFIX,
            shards: self.shards.keys().cloned().collect(),
        };
        serde_json::to_vec(&manifest).unwrap_or_default()
    }

    fn shard_bytes(terms: &BTreeMap<String, Vec<(u32, u32)>>) -> Vec<u8> {
        let shard: Shard = terms
            .iter()
            .map(|(t, postings)| {
                let mut prev = 0;
                let list = postings
                    .iter()
                    .flat_map(|&(d, w)| {
                        let delta = d - prev;
                        prev = d;
                        [delta, w]
                    })
                    .collect();
                (t.clone(), list)
            })
            .collect();
        serde_json::to_vec(&shard).unwrap_or_default()
    }

    fn chunk_bytes(&self, k: usize) -> Vec<u8> {
        let end = ((k + 1) * CHUNK).min(self.entries.len());
        let list: Vec<&Entry> = self.entries[k * CHUNK..end].iter().collect();
        serde_json::to_vec(&list).unwrap_or_default()
    }

    /// Every file of the index; `entries` are the ones it was built from.
    pub fn files(&self, entries: &[(Entry, PageText)]) -> BTreeMap<String, Vec<u8>> {
        let pages = entries
            .par_iter()
            .enumerate()
            .map(|(n, (_, page))| (page_path(n), page_bytes(page)));
        self.par_files().chain(pages).collect()
    }

    /// The index's own files (manifest, term shards, entry chunks; not the
    /// entries' texts), made in parallel one by one, so a caller can write each
    /// as it comes instead of holding them all.
    pub fn par_files(&self) -> impl ParallelIterator<Item = (String, Vec<u8>)> + '_ {
        let manifest = rayon::iter::once((INDEX_PATH.to_owned(), self.manifest()));
        let shards = self
            .shards
            .par_iter()
            .map(|(key, terms)| (shard_path(key), Self::shard_bytes(terms)));
        let chunks = (0..self.entries.len().div_ceil(CHUNK))
            .into_par_iter()
            .map(|k| (chunk_path(k), self.chunk_bytes(k)));
        manifest.chain(shards).chain(chunks)
    }

    /// Replaces entries `n` (same numbering: the number of entries does not
    /// change) given their old and new contents, and returns the files that
    /// changed: the changed shards (and the manifest, and the shards to delete,
    /// when a shard appeared or vanished), the chunks of changed entries and the
    /// changed entries' texts.
    pub fn update(&mut self, changes: &[(usize, &EntryText, &EntryText)]) -> Update {
        let keys_before: Vec<String> = self.shards.keys().cloned().collect();
        let mut dirty: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
        let mut keys_changed = false;
        let mut out = Update::default();
        for &(n, old, new) in changes {
            let old_terms: BTreeMap<String, u32> =
                entry_terms(&old.0, &old.1).into_iter().collect();
            let new_terms: BTreeMap<String, u32> =
                entry_terms(&new.0, &new.1).into_iter().collect();
            let all: std::collections::BTreeSet<&String> =
                old_terms.keys().chain(new_terms.keys()).collect();
            for t in all {
                let (o, w) = (old_terms.get(t), new_terms.get(t));
                if o == w {
                    continue;
                }
                let key = shard_key(t).to_owned();
                if !self.shards.contains_key(&key) {
                    keys_changed = true;
                }
                let shard = self.shards.entry(key.clone()).or_default();
                let postings = shard.entry(t.clone()).or_default();
                let at = postings.binary_search_by_key(&(n as u32), |p| p.0);
                match (at, w) {
                    (Ok(i), Some(&w)) => postings[i].1 = w,
                    (Ok(i), None) => {
                        postings.remove(i);
                    }
                    (Err(i), Some(&w)) => postings.insert(i, (n as u32, w)),
                    (Err(_), None) => {}
                }
                if postings.is_empty() {
                    shard.remove(t);
                }
                if shard.is_empty() {
                    self.shards.remove(&key);
                    keys_changed = true;
                }
                dirty.insert(key);
            }
            if let Some(e) = self.entries.get_mut(n) {
                if *e != new.0 {
                    e.clone_from(&new.0);
                    out.files.insert(chunk_path(n / CHUNK), Vec::new());
                }
            }
            out.files.insert(page_path(n), page_bytes(&new.1));
        }
        let chunks: Vec<String> = out
            .files
            .keys()
            .filter(|p| p.starts_with("tim-kiem/muc/"))
            .cloned()
            .collect();
        for path in chunks {
            let k: usize = path
                .trim_start_matches("tim-kiem/muc/")
                .trim_end_matches(".json")
                .parse()
                .unwrap_or(0);
            out.files.insert(path, self.chunk_bytes(k));
        }
        for (key, terms) in &self.shards {
            if dirty.contains(key) {
                out.files.insert(shard_path(key), Self::shard_bytes(terms));
            }
        }
        if keys_changed {
            out.files.insert(INDEX_PATH.to_owned(), self.manifest());
            out.removed = keys_before
                .iter()
                .filter(|k| !self.shards.contains_key(*k))
                .map(|k| shard_path(k))
                .collect();
        }
        out
    }
}

/// An entry with its text, as [`entries`] lists them.
pub type EntryText = (Entry, PageText);

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

/// Reads the site's files for [`query`]: a path relative to the site root →
/// its bytes (`None` if missing).
pub type Load<'a> = &'a dyn Fn(&str) -> Option<Vec<u8>>;

fn load_json<T: serde::de::DeserializeOwned>(load: Load<'_>, path: &str) -> Option<T> {
    load(path).and_then(|b| serde_json::from_slice(&b).ok())
}

/// Adds a delta-coded posting list to `into`.
fn add_postings(into: &mut BTreeMap<usize, u32>, list: &[u32]) {
    let mut doc = 0usize;
    for pair in list.chunks(2) {
        doc += pair[0] as usize;
        if let Some(w) = pair.get(1) {
            *into.entry(doc).or_insert(0) += w;
        }
    }
}

/// The reference implementation of the browser's search (static/search.js),
/// loading files the same way: the manifest, then the shards of the query's
/// terms, then the texts of the (at most 50) best candidates and the entries
/// chunks of the results. Every term must match (the last loose word also as a
/// prefix of at least [`PREFIX`] characters), phrases must appear as
/// consecutive tokens in one block, ranked by summed weight then entry order.
pub fn query(load: Load<'_>, q: &str) -> Vec<Hit> {
    let Some(manifest) = load_json::<Manifest>(load, INDEX_PATH) else {
        return Vec::new();
    };
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
    let mut shards: BTreeMap<String, Shard> = BTreeMap::new();
    let mut scores: Option<BTreeMap<usize, u32>> = None;
    for t in &all {
        let key = shard_key(t);
        if !shards.contains_key(key) {
            let shard = manifest
                .shards
                .binary_search_by(|k| k.as_str().cmp(key))
                .ok()
                .and_then(|_| load_json::<Shard>(load, &shard_path(key)))
                .unwrap_or_default();
            shards.insert(key.to_owned(), shard);
        }
        let shard = &shards[key];
        let mut postings: BTreeMap<usize, u32> = BTreeMap::new();
        if let Some(list) = shard.get(t) {
            add_postings(&mut postings, list);
        } else if Some(t) == last_word.as_ref() && t.chars().count() >= PREFIX {
            for (term, list) in shard.range(t.clone()..) {
                if !term.starts_with(t.as_str()) {
                    break;
                }
                add_postings(&mut postings, list);
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
    let mut chunks: BTreeMap<usize, Vec<Entry>> = BTreeMap::new();
    let mut hits = Vec::new();
    for (doc, score) in ranked.into_iter().take(50) {
        let Some(text) = load_json::<PageText>(load, &page_path(doc)) else {
            continue;
        };
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
        let k = doc / manifest.chunk.max(1);
        let chunk = chunks
            .entry(k)
            .or_insert_with(|| load_json(load, &chunk_path(k)).unwrap_or_default());
        let Some(entry) = chunk.get(doc % manifest.chunk.max(1)) else {
            continue;
        };
        hits.push(Hit {
            doc,
            url: entry.url.clone(),
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
    fn shard_files_are_named_by_their_key() {
        assert_eq!(shard_path("xo"), "tim-kiem/tu/xo.json");
        assert_eq!(shard_path("37"), "tim-kiem/tu/37.json");
        assert_eq!(shard_path("ωμ"), "tim-kiem/tu/_cf89cebc.json");
        assert_eq!(shard_path("A."), "tim-kiem/tu/_412e.json");
    }

    #[test]
    fn shard_keys_are_the_first_characters() {
        assert_eq!(shard_key("xoa"), "xo");
        assert_eq!(shard_key("3759"), "37");
        assert_eq!(shard_key("a"), "a");
        assert_eq!(shard_key("ωμέγα"), "ωμ");
    }

    #[test]
    fn sharded_index_answers_like_one_index() {
        let entry = |u: &str, t: &str, body: &str| {
            (
                Entry {
                    kind: "letter".into(),
                    url: u.into(),
                    title: t.into(),
                    meta: String::new(),
                },
                PageText {
                    url: u.into(),
                    blocks: vec![(String::new(), t.into()), ("p1".into(), body.into())],
                },
            )
        };
        let mut entries: Vec<_> = (0..70)
            .map(|i| entry(&format!("x/{i}/"), "Kế hoạch", &format!("Năm {i} học tập")))
            .collect();
        entries.push(entry("xmc/", "Xóa mù chữ", "Lớp xóa mù chữ cho người dân"));
        let files = build(&entries);
        let manifest: Manifest = serde_json::from_slice(&files[INDEX_PATH]).unwrap();
        assert_eq!((manifest.entries, manifest.chunk), (71, CHUNK));
        let load = |p: &str| files.get(p).cloned();
        let hits = query(&load, "xoa mu ch");
        assert_eq!(hits.len(), 1);
        assert_eq!((hits[0].doc, hits[0].url.as_str()), (70, "xmc/"));
        assert_eq!(hits[0].anchor, "p1");
        let hits = query(&load, "\"hoc tap\" nam 69");
        assert_eq!(hits.iter().map(|h| h.doc).collect::<Vec<_>>(), [69]);
        assert!(query(&load, "\"tap hoc\"").is_empty());
        // Delta-coded postings: entry 69's "69" posting decodes right.
        let shard: Shard = serde_json::from_slice(
            &files[&shard_path(
                &manifest.shards[manifest.shards.binary_search(&"69".to_owned()).unwrap()],
            )],
        )
        .unwrap();
        assert_eq!(shard["69"], [69, 1]);
    }

    #[test]
    fn an_updated_index_writes_what_a_new_one_would() {
        let entry = |u: &str, body: &str| {
            (
                Entry {
                    kind: "letter".into(),
                    url: u.into(),
                    title: "Kế hoạch".into(),
                    meta: String::new(),
                },
                PageText {
                    url: u.into(),
                    blocks: vec![("p1".into(), body.into())],
                },
            )
        };
        let mut entries: Vec<_> = (0..40)
            .map(|i| entry(&format!("x/{i}/"), &format!("Năm {i} học tập")))
            .collect();
        let mut index = Index::new(&entries);
        let mut on_disk = index.files(&entries);
        // Same shards, a new shard ("zz…"), then a vanished one.
        for body in ["Năm 3 học tập tốt", "Năm 3 zzz", "Năm 3"] {
            let old = entries[3].clone();
            entries[3] = entry("x/3/", body);
            let update = index.update(&[(3, &old, &entries[3])]);
            on_disk.extend(update.files);
            for p in update.removed {
                on_disk.remove(&p);
            }
            assert_eq!(on_disk, build(&entries), "after {body:?}");
            assert_eq!(index, Index::new(&entries));
        }
    }

    #[test]
    fn queries_split_phrases_from_words() {
        let q = parse_query("bgddt \"xoa mu chu\" 3759 “học tập”");
        assert_eq!(q.words, ["bgddt", "3759"]);
        assert_eq!(q.phrases, [vec!["xoa", "mu", "chu"], vec!["hoc", "tap"]]);
    }
}

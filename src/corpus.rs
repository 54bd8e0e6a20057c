//! Corpus stage: the cross-linked model of all letters. Takes parsed letters,
//! rejects collisions (two files, one URL), orders them newest first, and offers
//! the groupings every index page needs. Pure and deterministic (BTreeMaps).

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;

use crate::citations::{DocType, Registry};

use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::front_matter::{Level, Task};
use crate::letter::Letter;
use crate::markdown::Block;

#[derive(Debug, Default)]
pub struct Corpus {
    /// Newest first; ties broken by URL so the order never depends on threads.
    pub letters: Vec<Letter>,
    /// Every cited document by canonical id.
    pub documents: BTreeMap<String, Document>,
    /// Warnings about a document (dates that disagree across letters), by
    /// document id: [`Corpus::replace`] redoes those of the documents it touches.
    pub warnings: BTreeMap<String, Vec<Diagnostic>>,
}

/// What [`Corpus::replace`] took out: the letters replaced, by index, and the
/// documents they cited (before or after) as they were.
#[derive(Debug, Default)]
pub struct Replaced {
    pub letters: Vec<(usize, Letter)>,
    pub documents: BTreeMap<String, Document>,
}

/// Where a document is cited: `letters[letter].citations[citation]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    pub letter: usize,
    pub citation: usize,
}

/// A cited document: what is known of it and who cites it, where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    pub id: String,
    pub doc_type: Option<DocType>,
    pub number: Option<String>,
    pub symbol: Option<String>,
    pub year: Option<i32>,
    /// The date of the registry, else the date most letters give.
    pub date: Option<Date>,
    /// Every date it was cited with, when they differ.
    pub dates: BTreeSet<Date>,
    pub issuer: Option<String>,
    pub title: Option<String>,
    /// Link to the official text, from the registry.
    pub url: Option<String>,
    /// Spellings seen, whitespace collapsed.
    pub variants: BTreeSet<String>,
    pub mentions: Vec<Mention>,
    /// Number of distinct letters citing it.
    pub letter_count: usize,
    /// The letter of this site that is this document.
    pub letter: Option<usize>,
}

impl Document {
    /// Whether some letter cites it (it is then listed at /van-ban/).
    pub fn is_cited(&self) -> bool {
        self.letter_count > 0
    }

    /// The number and symbol as usually written: "33/2021/TT-BGDĐT", "05-CT/TW",
    /// "3759/BGDĐT-GDTX", or the bare number.
    pub fn code(&self) -> Option<String> {
        let n = self.number.as_ref()?;
        Some(match (&self.symbol, self.year) {
            (Some(s), _) if s.contains('/') => format!("{n}-{s}"),
            (Some(s), Some(y)) => format!("{n}/{y}/{s}"),
            (Some(s), None) => format!("{n}/{s}"),
            (None, _) => n.clone(),
        })
    }

    /// "Thông tư số 33/2021/TT-BGDĐT", "Đề án 1373".
    pub fn label(&self) -> String {
        let ty = self.doc_type.map_or("Văn bản", DocType::label);
        match self.code() {
            Some(code) => format!("{ty} số {code}"),
            None => self.title.clone().unwrap_or_else(|| ty.to_owned()),
        }
    }
}

/// A task of one letter with the body blocks it owns.
#[derive(Debug)]
pub struct TaskEntry<'a> {
    pub letter: &'a Letter,
    pub task: &'a Task,
    pub blocks: Vec<&'a Block>,
    /// The blocks as numbered items (see [`task_items`]).
    pub items: Vec<Item<'a>>,
}

impl Corpus {
    /// The documents some letter cites (those listed at /van-ban/), by id.
    pub fn cited_documents(&self) -> impl Iterator<Item = &Document> {
        self.documents.values().filter(|d| d.is_cited())
    }

    pub fn build(mut letters: Vec<Letter>, registry: &Registry) -> (Corpus, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        letters.sort_by(|a, b| a.path.cmp(&b.path));
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        let mut kept = Vec::with_capacity(letters.len());
        for letter in letters {
            if let Some(first) = seen.get(&letter.url) {
                diagnostics.push(
                    Diagnostic::error(&letter.path, format!("two letters would be published at {}", letter.url))
                        .help(format!(
                            "{first} has the same address; rename one of the files or give it another `slug` in its front matter"
                        )),
                );
                continue;
            }
            seen.insert(letter.url.clone(), letter.path.clone());
            kept.push(letter);
        }
        kept.sort_by(|a, b| {
            b.sort_date()
                .cmp(&a.sort_date())
                .then_with(|| a.url.cmp(&b.url))
        });
        let (documents, warnings) = documents(&kept, registry);
        diagnostics.extend(warnings.values().flatten().cloned());
        (
            Corpus {
                letters: kept,
                documents,
                warnings,
            },
            diagnostics,
        )
    }

    /// Puts `letters` (index, new letter) in place of the letters at those
    /// indices and redoes the documents they cite, before or after: the same
    /// corpus [`Corpus::build`] would make, provided each new letter sorts where
    /// the old one did and keeps its URL (see `incremental::Identity`).
    pub fn replace(&mut self, letters: Vec<(usize, Letter)>, registry: &Registry) -> Replaced {
        let mut replaced = Replaced::default();
        let mut ids: BTreeSet<String> = BTreeSet::new();
        let changed: BTreeSet<usize> = letters.iter().map(|(i, _)| *i).collect();
        for (i, letter) in letters {
            let old = std::mem::replace(&mut self.letters[i], letter);
            for c in old.citations.iter().chain(&self.letters[i].citations) {
                ids.extend(c.resolved.id.clone());
            }
            replaced.letters.push((i, old));
        }
        for id in ids {
            // The same citations of it (only moved): only the mentions move.
            let same = |(i, old): &(usize, Letter)| {
                cited_as(old, &id).eq(cited_as(&self.letters[*i], &id))
            };
            if !self.warnings.contains_key(&id) && replaced.letters.iter().all(same) {
                if let Some(doc) = self.documents.get_mut(&id) {
                    replaced.documents.insert(id.clone(), doc.clone());
                    let mut moved = changed.iter().flat_map(|&li| {
                        self.letters[li]
                            .citations
                            .iter()
                            .enumerate()
                            .filter(|(_, c)| c.resolved.id.as_deref() == Some(id.as_str()))
                            .map(move |(ci, _)| Mention {
                                letter: li,
                                citation: ci,
                            })
                    });
                    for m in doc
                        .mentions
                        .iter_mut()
                        .filter(|m| changed.contains(&m.letter))
                    {
                        if let Some(new) = moved.next() {
                            *m = new;
                        }
                    }
                    continue;
                }
            }
            let old = self.documents.remove(&id);
            let mut mentions: Vec<Mention> = old
                .iter()
                .flat_map(|d| &d.mentions)
                .filter(|m| !changed.contains(&m.letter))
                .copied()
                .collect();
            for &li in &changed {
                for (ci, c) in self.letters[li].citations.iter().enumerate() {
                    if c.resolved.id.as_deref() == Some(id.as_str()) {
                        mentions.push(Mention {
                            letter: li,
                            citation: ci,
                        });
                    }
                }
            }
            mentions.sort_by_key(|m| (m.letter, m.citation));
            let mut doc = new_document(&id, registry);
            for m in mentions {
                add_mention(&mut doc, &self.letters, m);
            }
            let warnings = finish(&mut doc, &self.letters);
            let own = old.as_ref().and_then(|d| d.letter);
            if let Some(li) = own {
                mark_letter(&mut doc, li, &self.letters[li]);
            }
            if warnings.is_empty() {
                self.warnings.remove(&id);
            } else {
                self.warnings.insert(id.clone(), warnings);
            }
            if !doc.mentions.is_empty() || own.is_some() {
                self.documents.insert(id.clone(), doc);
            }
            if let Some(old) = old {
                replaced.documents.insert(id, old);
            }
        }
        replaced
    }

    /// Letters by province slug, with the province's display name.
    pub fn by_province(&self) -> BTreeMap<String, (&'static str, Vec<&Letter>)> {
        let mut map: BTreeMap<String, (&'static str, Vec<&Letter>)> = BTreeMap::new();
        for l in &self.letters {
            if let Some(p) = l.front.issuer.province {
                map.entry(p.slug())
                    .or_insert_with(|| (p.name, Vec::new()))
                    .1
                    .push(l);
            }
        }
        map
    }

    /// Letters by school year, newest year first.
    pub fn by_school_year(&self) -> Vec<(String, Vec<&Letter>)> {
        let mut map: BTreeMap<String, Vec<&Letter>> = BTreeMap::new();
        for l in &self.letters {
            map.entry(l.front.school_year.id()).or_default().push(l);
        }
        map.into_iter().rev().collect()
    }

    pub fn by_level(&self) -> BTreeMap<Level, Vec<&Letter>> {
        let mut map: BTreeMap<Level, Vec<&Letter>> = BTreeMap::new();
        for l in &self.letters {
            map.entry(l.front.issuer.level).or_default().push(l);
        }
        map
    }

    /// For each topic of site.toml (in its order), the tasks tagged with it.
    pub fn by_topic<'a>(
        &'a self,
        config: &'a SiteConfig,
    ) -> Vec<(&'a crate::config::Topic, Vec<TaskEntry<'a>>)> {
        config
            .topics
            .iter()
            .map(|topic| {
                let entries = self
                    .letters
                    .iter()
                    .flat_map(|l| l.front.tasks.iter().map(move |t| (l, t)))
                    .filter(|(_, t)| t.topic == topic.id)
                    .map(|(letter, task)| TaskEntry {
                        letter,
                        task,
                        blocks: task_blocks(letter, &task.anchor.value),
                        items: task_items(letter, &task.anchor.value),
                    })
                    .collect();
                (topic, entries)
            })
            .collect()
    }
}

/// Gathers every resolved citation into documents, marks the letters of the site
/// that are themselves cited, and warns of dates that disagree across letters
/// (the per-letter check already compares with the registry), by document.
fn documents(
    letters: &[Letter],
    registry: &Registry,
) -> (
    BTreeMap<String, Document>,
    BTreeMap<String, Vec<Diagnostic>>,
) {
    let mut docs: BTreeMap<String, Document> = BTreeMap::new();
    for (li, letter) in letters.iter().enumerate() {
        for (ci, c) in letter.citations.iter().enumerate() {
            let Some(id) = &c.resolved.id else { continue };
            let doc = docs
                .entry(id.clone())
                .or_insert_with(|| new_document(id, registry));
            add_mention(
                doc,
                letters,
                Mention {
                    letter: li,
                    citation: ci,
                },
            );
        }
    }
    let mut warnings = BTreeMap::new();
    for doc in docs.values_mut() {
        let ws = finish(doc, letters);
        if !ws.is_empty() {
            warnings.insert(doc.id.clone(), ws);
        }
    }
    for (li, letter) in letters.iter().enumerate() {
        if let Some(id) = letter_document_id(letter) {
            let doc = docs
                .entry(id.clone())
                .or_insert_with(|| new_document(&id, registry));
            mark_letter(doc, li, letter);
        }
    }
    (docs, warnings)
}

/// What a document takes from a letter's citations of it, in order.
fn cited_as<'a>(letter: &'a Letter, id: &'a str) -> impl Iterator<Item = impl PartialEq + 'a> + 'a {
    letter
        .citations
        .iter()
        .filter(move |c| c.resolved.id.as_deref() == Some(id))
        .map(|c| {
            let c = &c.citation;
            (
                &c.raw, c.kind, c.doc_type, &c.number, &c.symbol, c.year, &c.issuer, c.date,
            )
        })
}

/// Adds one mention (in letter then citation order) to its document.
fn add_mention(doc: &mut Document, letters: &[Letter], m: Mention) {
    let cit = &letters[m.letter].citations[m.citation].citation;
    if cit.kind == crate::citations::CitationKind::Full {
        doc.doc_type = doc.doc_type.or(cit.doc_type);
        doc.number = doc.number.take().or_else(|| cit.number.clone());
        doc.symbol = doc.symbol.take().or_else(|| cit.symbol.clone());
        doc.year = doc.year.or(cit.year);
        doc.issuer = doc.issuer.take().or_else(|| cit.issuer.clone());
    }
    doc.doc_type = doc.doc_type.or(cit.doc_type);
    if let Some(d) = cit.date {
        doc.dates.insert(d);
    }
    doc.variants
        .insert(cit.raw.split_whitespace().collect::<Vec<_>>().join(" "));
    doc.mentions.push(m);
}

/// Counts a document's letters and settles its date once every mention is in;
/// returns the warnings about dates that disagree.
fn finish(doc: &mut Document, letters: &[Letter]) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let mut letters_citing: Vec<usize> = doc.mentions.iter().map(|m| m.letter).collect();
    letters_citing.dedup();
    doc.letter_count = letters_citing.len();
    if doc.date.is_none() {
        // The date most mentions give; ties go to the earliest.
        let mut counts: BTreeMap<Date, usize> = BTreeMap::new();
        for m in &doc.mentions {
            if let Some(d) = letters[m.letter].citations[m.citation].citation.date {
                *counts.entry(d).or_default() += 1;
            }
        }
        doc.date = counts
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(d, _)| *d);
        if counts.len() > 1 {
            let shown = |d: &Date| crate::text::short_date(*d);
            for m in &doc.mentions {
                let c = &letters[m.letter].citations[m.citation].citation;
                if let (Some(d), Some(best)) = (c.date, doc.date) {
                    if d != best {
                        diagnostics.push(
                            Diagnostic::warning(&letters[m.letter].path, format!("{} is dated {} here, but {} in other letters", doc.id, shown(&d), shown(&best)))
                                .at(c.span.clone(), "date conflict")
                                .help("check the date against the original document; one of the letters has a typo"),
                        );
                    }
                }
            }
        }
    }
    diagnostics
}

/// Marks a document as the letter `li` of the site.
fn mark_letter(doc: &mut Document, li: usize, letter: &Letter) {
    doc.letter = Some(li);
    doc.title = doc
        .title
        .take()
        .or_else(|| Some(letter.front.title.clone()));
    if doc.number.is_none() {
        doc.doc_type = Some(DocType::CongVan);
        doc.issuer = Some(letter.front.issuer.name.clone());
        doc.date = letter.front.date;
    }
}

fn new_document(id: &str, registry: &Registry) -> Document {
    let entry = registry.get(id);
    let c = entry.map(|e| &e.citation);
    Document {
        id: id.to_owned(),
        doc_type: c.and_then(|c| c.doc_type),
        number: c.and_then(|c| c.number.clone()),
        symbol: c.and_then(|c| c.symbol.clone()),
        year: c.and_then(|c| c.year),
        date: c.and_then(|c| c.date),
        dates: BTreeSet::new(),
        issuer: c.and_then(|c| c.issuer.clone()),
        title: entry.and_then(|e| e.title.clone()),
        url: entry.and_then(|e| e.url.clone()),
        variants: BTreeSet::new(),
        mentions: Vec::new(),
        letter_count: 0,
        letter: None,
    }
}

/// The canonical id a letter of the site has as a cited document, from its own
/// number, date and issuer ("Văn bản số 2501/SGDĐT-GDTX&ĐH ngày 19/8/2024").
pub fn letter_document_id(letter: &Letter) -> Option<String> {
    let f = &letter.front;
    let number = f.number.as_ref()?;
    let date = f
        .date
        .map(|d| format!(" ngày {}/{}/{}", d.day(), d.month(), d.year()))
        .unwrap_or_default();
    let cite = format!("Văn bản số {number}{date} của {}", f.issuer.name);
    let mut c = crate::citations::extract(&cite)
        .into_iter()
        .find(|c| c.kind == crate::citations::CitationKind::Full)?;
    crate::citations::registry::infer_place(&mut c, &crate::extract::context(f));
    crate::citations::canonical_id(&c)
}

/// The blocks a task owns: those under its heading and its sub-headings, up to
/// the next heading of the same or a higher level, leaving out sub-sections that
/// another task of the same letter anchors (so every block belongs to at most
/// one task: "B. NHIỆM VỤ CỤ THỂ" does not swallow "B.I", "B.II" … when those are
/// tasks of their own).
pub fn task_blocks<'a>(letter: &'a Letter, anchor: &str) -> Vec<&'a Block> {
    let headings = &letter.body.headings;
    let Some(start) = headings.iter().position(|h| h.id == anchor) else {
        return Vec::new();
    };
    let level = headings[start].level;
    let is_task = |id: &str| letter.front.tasks.iter().any(|t| t.anchor.value == id);
    let mut sections = vec![headings[start].id.as_str()];
    // Level of a sub-heading owned by another task, while inside it.
    let mut skipping: Option<u8> = None;
    for h in &headings[start + 1..] {
        if h.level <= level {
            break;
        }
        if skipping.is_some_and(|l| h.level <= l) {
            skipping = None;
        }
        if skipping.is_none() && is_task(&h.id) {
            skipping = Some(h.level);
        }
        if skipping.is_none() {
            sections.push(h.id.as_str());
        }
    }
    // A section's blocks are consecutive: look the section up once per run.
    let mut run: Option<(&str, bool)> = None;
    letter
        .body
        .blocks
        .iter()
        .filter(|b| match run {
            Some((section, inside)) if section == b.section => inside,
            _ => {
                let inside = sections.contains(&b.section.as_str());
                run = Some((&b.section, inside));
                inside
            }
        })
        .collect()
}

/// One numbered item of a task ("1.", "a)", a paragraph or a table) with the
/// bullets and sub-items under it folded in.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Item<'a> {
    /// Anchor of the item's first block (its paragraph in the letter).
    pub id: &'a str,
    /// The printed marker: "1.", "a)", "đ)", or "" for a plain paragraph.
    pub marker: String,
    /// The item's own text without its marker.
    pub text: &'a str,
    /// Bullets and sub-items under it, in order.
    pub details: Vec<&'a str>,
}

impl Item<'_> {
    /// The whole text (own text and details), for comparison.
    pub fn full_text(&self) -> String {
        let mut s = self.text.to_owned();
        for d in &self.details {
            s.push(' ');
            s.push_str(d);
        }
        s
    }
}

/// Splits a leading "a)", "đ)", "1.", "1.2." or "2)" marker off a paragraph.
pub fn split_marker(text: &str) -> Option<(&str, &str)> {
    // A marker is digits and dots, or one letter (at most 4 bytes) and its
    // bracket: past that, a byte of anything else means there is none.
    let end = text
        .bytes()
        .enumerate()
        .find(|&(i, b)| b == b' ' || (i > 4 && !matches!(b, b'0'..=b'9' | b'.' | b')')))
        .filter(|&(_, b)| b == b' ')?
        .0;
    let (head, rest) = (&text[..end], text[end + 1..].trim_start());
    let body = head.strip_suffix(')').or_else(|| head.strip_suffix('.'))?;
    let lettered =
        body.chars().count() == 1 && body.chars().all(|c| c.is_alphabetic() && c.is_lowercase());
    let numbered = !body.is_empty()
        && body
            .split('.')
            .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()));
    (lettered || numbered).then_some((head, rest))
}

/// The items of a task: each ordered list item at the top of the task, each
/// "a)" / plain paragraph and each table starts an item; bullets and nested list
/// items join the item above them.
pub fn task_items<'a>(letter: &'a Letter, anchor: &str) -> Vec<Item<'a>> {
    use crate::markdown::BlockKind;
    let mut items: Vec<Item<'a>> = Vec::new();
    let mut section: Option<&str> = None;
    for b in task_blocks(letter, anchor) {
        let new_section = section != Some(b.section.as_str());
        section = Some(b.section.as_str());
        let is_detail = b.kind == BlockKind::Item && (b.depth > 0 || b.number.is_none());
        if is_detail && !new_section {
            if let Some(last) = items.last_mut() {
                last.details.push(&b.text);
                continue;
            }
        }
        let (marker, text) = match (b.kind, b.number) {
            (BlockKind::Item, Some(n)) => (format!("{n}."), b.text.as_str()),
            (BlockKind::Paragraph, _) => match split_marker(&b.text) {
                Some((m, t)) => (m.to_owned(), t),
                None => (String::new(), b.text.as_str()),
            },
            _ => (String::new(), b.text.as_str()),
        };
        items.push(Item {
            id: &b.id,
            marker,
            text,
            details: Vec::new(),
        });
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::SourceFile;

    fn letter(body: &str, tasks: &[(&str, &str)]) -> Letter {
        let config =
            SiteConfig::parse("title = \"T\"\n[[topics]]\nid = \"x\"\nname = \"X\"\n").unwrap();
        let mut text = String::from("+++\ntitle = \"T\"\nkind = \"huong-dan\"\nschool_year = \"2024-2025\"\n[issuer]\nname = \"Sở\"\nlevel = \"so\"\nprovince = \"Hải Phòng\"\n");
        for (id, anchor) in tasks {
            text.push_str(&format!(
                "[[tasks]]\nid = \"{id}\"\ntitle = \"{id}\"\ntopic = \"x\"\nanchor = \"{anchor}\"\n"
            ));
        }
        text.push_str("+++\n");
        text.push_str(body);
        let source = SourceFile {
            path: "content/hai-phong/2024-2025/a.md".into(),
            components: vec!["hai-phong".into(), "2024-2025".into(), "a".into()],
            text: text.into(),
        };
        let (l, d) = Letter::parse(&source, &config, &crate::citations::Registry::default());
        l.unwrap_or_else(|| panic!("{d:?}"))
    }

    #[test]
    fn items_fold_in_their_bullets_and_sub_items() {
        let l = letter(
            "## I. X {#i}\n\na) Một:\n\n- gạch một;\n- gạch hai.\n\nb) Hai.\n\n1. Ba\n   1. ba-một\n2. Bốn\n\nĐoạn thường.\n",
            &[("a", "i")],
        );
        let items = task_items(&l, "i");
        let shown: Vec<(&str, &str, usize)> = items
            .iter()
            .map(|i| (i.marker.as_str(), i.text, i.details.len()))
            .collect();
        assert_eq!(
            shown,
            [
                ("a)", "Một:", 2),
                ("b)", "Hai.", 0),
                ("1.", "Ba", 1),
                ("2.", "Bốn", 0),
                ("", "Đoạn thường.", 0)
            ]
        );
        assert_eq!(items[0].full_text(), "Một: gạch một; gạch hai.");
        assert_eq!(items[0].id, "i-p1");
    }

    #[test]
    fn a_task_does_not_own_the_sub_sections_of_other_tasks() {
        let body = "## B. CỤ THỂ {#b}\n\nMở đầu B.\n\n### I. Một {#b-i}\n\n1. Của b-i\n\n### II. Hai {#b-ii}\n\n1. Của b-ii\n";
        let l = letter(body, &[("b", "b"), ("bi", "b-i")]);
        let texts = |a: &str| -> Vec<String> {
            task_items(&l, a)
                .iter()
                .map(|i| i.text.to_owned())
                .collect()
        };
        assert_eq!(texts("b"), ["Mở đầu B.", "Của b-ii"]);
        assert_eq!(texts("b-i"), ["Của b-i"]);
    }

    #[test]
    fn markers_are_split_off() {
        assert_eq!(split_marker("a) Triển khai"), Some(("a)", "Triển khai")));
        assert_eq!(split_marker("đ) Tổ chức"), Some(("đ)", "Tổ chức")));
        assert_eq!(split_marker("1.2. Tổ chức"), Some(("1.2.", "Tổ chức")));
        assert_eq!(split_marker("Căn cứ Công văn"), None);
        assert_eq!(split_marker("Ab) x"), None);
        assert_eq!(split_marker("2024. x"), None);
        assert_eq!(split_marker("1.2.3.10.11. x"), Some(("1.2.3.10.11.", "x")));
    }

    proptest::proptest! {
        /// The early stop on a byte no marker holds changes no answer: the
        /// same as splitting at the first space and checking the head.
        #[test]
        fn markers_split_as_at_the_first_space(text in "[0-9.)aAđĐx ]{0,14}") {
            let reference = text.find(' ').and_then(|end| {
                let (head, rest) = (&text[..end], text[end + 1..].trim_start());
                let body = head.strip_suffix(')').or_else(|| head.strip_suffix('.'))?;
                let lettered = body.chars().count() == 1
                    && body.chars().all(|c| c.is_alphabetic() && c.is_lowercase());
                let numbered = !body.is_empty()
                    && body.split('.').all(|p| {
                        !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit())
                    });
                (lettered || numbered).then_some((head, rest))
            });
            proptest::prop_assert_eq!(split_marker(&text), reference);
        }
    }
}

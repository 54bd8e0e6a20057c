//! Resolve stage. Contract: a [`Registry`] is the set of known documents (the
//! built-in `data/documents.toml`, a site's own list, the letters themselves),
//! and a [`Resolver`] gives every citation of a letter its canonical id:
//!
//! - full citations by [`identity`]; one that lacks its year borrows it from an
//!   earlier full citation of the same number and symbol in the letter, else
//!   from the registry;
//! - short references ("Thông tư 33", "Chỉ thị 14") from earlier full citations
//!   in the same letter, else from the registry; more than one candidate is
//!   reported as ambiguous and never guessed;
//! - named references through registry aliases.
//!
//! Local citations without a place get the letter's place (`inferred`). A
//! document seen with two dates is one document plus a [`DateConflict`].

use std::collections::{BTreeMap, BTreeSet, HashMap};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::identity::{identity, is_local, number_key, place_key, series, symbol_key};
use super::parse::name_key;
use super::{extract, Citation, CitationKind, Context, DocType, Level, Place};

/// One known document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DocEntry {
    pub id: String,
    /// The citation as written in the registry.
    pub cite: String,
    pub citation: Citation,
    pub title: Option<String>,
    pub url: Option<String>,
    pub aliases: Vec<String>,
    /// Site path of a letter in content/ that *is* this document.
    pub letter: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    document: Vec<RawEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    cite: String,
    title: Option<String>,
    url: Option<String>,
    province: Option<String>,
    district: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
}

/// Known documents, indexed for resolution.
#[derive(Clone, Debug, Default)]
pub struct Registry {
    entries: Vec<DocEntry>,
    by_id: HashMap<String, usize>,
    short: HashMap<(DocType, String), BTreeSet<String>>,
    by_symbol: HashMap<(String, String), BTreeSet<String>>,
    names: HashMap<String, BTreeSet<String>>,
}

impl Registry {
    /// The documents shipped with gdtx.
    pub fn builtin() -> Registry {
        Registry::parse(include_str!("../../data/documents.toml"))
            .expect("data/documents.toml is valid (tested)")
    }

    /// Parses a registry file: `[[document]]` tables with `cite`, optional
    /// `title`, `url`, `province`, `district` (for local issuers) and `aliases`.
    pub fn parse(toml_text: &str) -> Result<Registry, String> {
        let raw: RawFile = toml::from_str(toml_text).map_err(|e| e.to_string())?;
        let mut reg = Registry::default();
        for e in raw.document {
            let ctx = Context {
                province: e.province,
                district: e.district,
            };
            let id = reg.add(&e.cite, &ctx, e.title, e.url, e.aliases, None)?;
            let _ = id;
        }
        Ok(reg)
    }

    /// Adds one document given as a full citation; returns its id. A later
    /// entry with the same id adds its aliases and fills missing fields.
    pub fn add(
        &mut self,
        cite: &str,
        ctx: &Context,
        title: Option<String>,
        url: Option<String>,
        aliases: Vec<String>,
        letter: Option<String>,
    ) -> Result<String, String> {
        let mut c = extract(cite)
            .into_iter()
            .find(|c| c.kind == CitationKind::Full)
            .ok_or_else(|| format!("not a full citation: {cite:?}"))?;
        infer_place(&mut c, ctx);
        let ident = identity(&c).ok_or_else(|| format!("no identity: {cite:?}"))?;
        if ident.missing_place {
            return Err(format!("{cite:?}: a local document needs `province`"));
        }
        let id = ident.id;
        let ty = c.doc_type.unwrap_or(DocType::VanBan);
        let num = number_key(c.number.as_deref().unwrap_or_default());
        self.short
            .entry((ty, num.clone()))
            .or_default()
            .insert(id.clone());
        if let Some(s) = series(&c) {
            self.short
                .entry((s, num.clone()))
                .or_default()
                .insert(id.clone());
        }
        let sym = symbol_key(c.symbol.as_deref().unwrap_or_default());
        self.by_symbol
            .entry((num, sym))
            .or_default()
            .insert(id.clone());
        for a in &aliases {
            self.add_alias(a, &id);
        }
        match self.by_id.get(&id) {
            Some(&k) => {
                let e = &mut self.entries[k];
                e.title = e.title.take().or(title);
                e.url = e.url.take().or(url);
                e.letter = e.letter.take().or(letter);
                e.aliases.extend(aliases);
            }
            None => {
                self.by_id.insert(id.clone(), self.entries.len());
                self.entries.push(DocEntry {
                    id: id.clone(),
                    cite: cite.to_owned(),
                    citation: c,
                    title,
                    url,
                    aliases,
                    letter,
                });
            }
        }
        Ok(id)
    }

    fn add_alias(&mut self, alias: &str, id: &str) {
        self.names
            .entry(name_key(alias))
            .or_default()
            .insert(id.to_owned());
        if let Some(c) = extract(alias)
            .into_iter()
            .find(|c| c.kind == CitationKind::Short)
        {
            if let (Some(t), Some(n)) = (c.doc_type, &c.number) {
                self.short
                    .entry((t, number_key(n)))
                    .or_default()
                    .insert(id.to_owned());
            }
        }
    }

    /// Registers a letter in content/ as the page of its own number.
    pub fn add_letter(
        &mut self,
        cite: &str,
        ctx: &Context,
        title: Option<String>,
        path: &str,
    ) -> Result<String, String> {
        self.add(cite, ctx, title, None, Vec::new(), Some(path.to_owned()))
    }

    /// Adds every document of `other`; on equal ids, `other` adds aliases and
    /// fills missing fields.
    pub fn merge(&mut self, other: Registry) {
        for e in other.entries {
            let ctx = Context {
                province: e.citation.place.as_ref().and_then(|p| p.province.clone()),
                district: e.citation.place.as_ref().and_then(|p| p.district.clone()),
            };
            // Re-adding cannot fail: the entry was valid in `other`.
            let _ = self.add(&e.cite, &ctx, e.title, e.url, e.aliases, e.letter);
        }
    }

    pub fn get(&self, id: &str) -> Option<&DocEntry> {
        self.by_id.get(id).map(|&k| &self.entries[k])
    }

    pub fn entries(&self) -> &[DocEntry] {
        &self.entries
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Whether a registry document may be meant by a citation in a letter at
    /// `ctx`: local documents only from the same province.
    fn visible(&self, id: &str, ctx: &Context) -> bool {
        let Some(e) = self.get(id) else { return false };
        if !is_local(&e.citation) {
            return true;
        }
        let prov = e
            .citation
            .place
            .as_ref()
            .and_then(|p| p.province.as_deref());
        match (prov, ctx.province.as_deref()) {
            (Some(a), Some(b)) => crate::text::fold(a) == crate::text::fold(b),
            _ => false,
        }
    }
}

/// The outcome for one citation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Resolved {
    /// Canonical id; `None` when unresolved or ambiguous.
    pub id: Option<String>,
    pub title: Option<String>,
    /// More than one document fits; see `candidates`.
    pub ambiguous: bool,
    pub candidates: Vec<String>,
    /// The id is complete (year and, for local issuers, place known).
    pub complete: bool,
    /// Another date this document was seen with, if it differs from this one.
    #[serde(serialize_with = "super::ser::opt_date")]
    pub date_conflict: Option<Date>,
}

/// A document cited with more than one date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DateConflict {
    pub id: String,
    #[serde(serialize_with = "super::ser::dates")]
    pub dates: Vec<Date>,
}

/// Resolves citations letter by letter against a registry, remembering dates
/// across letters for conflict reports.
#[derive(Debug)]
pub struct Resolver<'r> {
    registry: &'r Registry,
    dates: BTreeMap<String, BTreeSet<Date>>,
}

/// Fills a local citation's missing place from the letter (marked inferred).
pub fn infer_place(c: &mut Citation, ctx: &Context) {
    if c.kind != CitationKind::Full || !is_local(c) {
        return;
    }
    let p = c.place.get_or_insert_with(Place::default);
    let ctx_is_city = ctx
        .province
        .as_deref()
        .and_then(crate::provinces::find)
        .is_some_and(|p| p.city);
    if p.level.is_none() {
        let bare_city = c
            .issuer
            .as_deref()
            .is_some_and(|i| i.ends_with("thành phố"));
        p.level = Some(if bare_city && !ctx_is_city {
            Level::District
        } else {
            Level::Province
        });
    }
    if p.province.is_none() && ctx.province.is_some() {
        p.province = ctx.province.clone();
        p.inferred = true;
    }
    if p.level == Some(Level::District) && p.district.is_none() {
        if let Some(d) = &ctx.district {
            p.district = Some(lower_level_word(d));
            p.inferred = true;
        }
    }
    if let Some(d) = p.district.take() {
        p.district = Some(lower_level_word(&d));
    }
}

/// "Huyện Điện Biên" → "huyện Điện Biên", so both spellings share a slug and a label.
fn lower_level_word(d: &str) -> String {
    let mut cs = d.trim().chars();
    match cs.next() {
        Some(f) => f.to_lowercase().chain(cs).collect(),
        None => String::new(),
    }
}

impl<'r> Resolver<'r> {
    pub fn new(registry: &'r Registry) -> Self {
        Resolver {
            registry,
            dates: BTreeMap::new(),
        }
    }

    /// Resolves one letter's citations (in document order). May complete a
    /// citation in place: inferred place, or a glued footnote digit removed
    /// from a short reference's number and span.
    pub fn resolve_letter(&mut self, citations: &mut [Citation], ctx: &Context) -> Vec<Resolved> {
        // (type, number key) → ids of earlier full citations; (number, symbol) → ids.
        let mut seen_short: HashMap<(DocType, String), BTreeSet<String>> = HashMap::new();
        let mut seen_sym: HashMap<(String, String, Option<String>), BTreeSet<String>> =
            HashMap::new();
        let mut out = Vec::with_capacity(citations.len());
        for c in citations.iter_mut() {
            infer_place(c, ctx);
            let mut r = Resolved::default();
            match c.kind {
                CitationKind::Full => {
                    let Some(ident) = identity(c) else {
                        out.push(r);
                        continue;
                    };
                    let num = number_key(c.number.as_deref().unwrap_or_default());
                    let sym = symbol_key(c.symbol.as_deref().unwrap_or_default());
                    let place = place_key(c);
                    if ident.has_year {
                        r.id = Some(ident.id.clone());
                        r.complete = !ident.missing_place;
                    } else {
                        let mut cands = seen_sym
                            .get(&(num.clone(), sym.clone(), place.clone()))
                            .cloned()
                            .unwrap_or_default();
                        if cands.is_empty() {
                            cands = self
                                .registry
                                .by_symbol
                                .get(&(num.clone(), sym.clone()))
                                .map(|s| {
                                    s.iter()
                                        .filter(|id| self.registry.visible(id, ctx))
                                        .cloned()
                                        .collect()
                                })
                                .unwrap_or_default();
                        }
                        self.pick(&mut r, cands, Some(ident.id.clone()));
                    }
                    if let (Some(id), true) = (&r.id, r.complete) {
                        seen_sym
                            .entry((num.clone(), sym, place))
                            .or_default()
                            .insert(id.clone());
                    }
                    if let Some(id) = &r.id {
                        for t in [c.doc_type, series(c)].into_iter().flatten() {
                            seen_short
                                .entry((t, num.clone()))
                                .or_default()
                                .insert(id.clone());
                        }
                    }
                }
                CitationKind::Short => {
                    let (Some(ty), Some(number)) = (c.doc_type, c.number.clone()) else {
                        out.push(r);
                        continue;
                    };
                    let lookup = |n: &str| -> BTreeSet<String> {
                        let key = (ty, number_key(n));
                        let local = seen_short.get(&key).cloned().unwrap_or_default();
                        if !local.is_empty() {
                            return local;
                        }
                        self.registry
                            .short
                            .get(&key)
                            .map(|s| {
                                s.iter()
                                    .filter(|id| self.registry.visible(id, ctx))
                                    .cloned()
                                    .collect()
                            })
                            .unwrap_or_default()
                    };
                    let mut cands = lookup(&number);
                    // "Đề án 13731": the known number 1373 plus a footnote marker.
                    if cands.is_empty()
                        && number.len() >= 3
                        && number.bytes().all(|b| b.is_ascii_digit())
                    {
                        let cut = &number[..number.len() - 1];
                        let alt = lookup(cut);
                        if alt.len() == 1 {
                            c.number = Some(cut.to_owned());
                            c.span.end = c.span.start
                                + c.raw.rfind(cut).map_or(c.raw.len(), |k| k + cut.len());
                            c.raw.truncate(c.span.end - c.span.start);
                            cands = alt;
                        }
                    }
                    self.pick(&mut r, cands, None);
                }
                CitationKind::Named => {
                    let key = name_key(&format!(
                        "{} {}",
                        c.doc_type.map_or("", DocType::label),
                        c.name.as_deref().unwrap_or_default()
                    ));
                    let cands = self
                        .registry
                        .names
                        .get(&key)
                        .map(|s| {
                            s.iter()
                                .filter(|id| self.registry.visible(id, ctx))
                                .cloned()
                                .collect()
                        })
                        .unwrap_or_default();
                    self.pick(&mut r, cands, None);
                }
            }
            if let Some(id) = &r.id {
                let entry = self.registry.get(id);
                r.title = entry.and_then(|e| e.title.clone());
                if let Some(d) = c.date {
                    let known = self.dates.entry(id.clone()).or_default();
                    if let Some(e) = entry.and_then(|e| e.citation.date) {
                        known.insert(e);
                    }
                    r.date_conflict = known.iter().copied().find(|k| *k != d);
                    known.insert(d);
                    if r.date_conflict.is_none() {
                        if let Some(y) = c.year.filter(|y| *y != i32::from(d.year())) {
                            // "22/2020/TT-BGDĐT ngày 06/8/2022": the date's year is wrong.
                            r.date_conflict = Date::new(i16::try_from(y).unwrap_or(1), 1, 1).ok();
                        }
                    }
                }
            }
            out.push(r);
        }
        out
    }

    fn pick(&self, r: &mut Resolved, cands: BTreeSet<String>, fallback: Option<String>) {
        match cands.len() {
            0 => r.id = fallback,
            1 => {
                r.id = cands.into_iter().next();
                r.complete = true;
            }
            _ => {
                r.ambiguous = true;
                r.candidates = cands.into_iter().collect();
            }
        }
    }

    /// Documents seen with more than one date so far (for `gdtx check`).
    pub fn date_conflicts(&self) -> Vec<DateConflict> {
        self.dates
            .iter()
            .filter(|(_, d)| d.len() > 1)
            .map(|(id, d)| DateConflict {
                id: id.clone(),
                dates: d.iter().copied().collect(),
            })
            .collect()
    }
}

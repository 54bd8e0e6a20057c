//! Text similarity for comparing items across letters: folded-syllable n-grams
//! (one and two syllables), tf-idf weights, cosine similarity, leader grouping
//! with bounded candidates, and word diffs.
//!
//! # Complexity
//!
//! [`group`] takes `D` documents (the items of one topic). Vectorising is
//! `O(total syllables)`. Each document is then compared only with the leaders of
//! the groups whose text holds one of the document's [`SIGNATURE`] rarest terms
//! (an inverted index over the leaders' terms; a rare term shared is what makes
//! two items similar), postings scanned at most [`POSTINGS_SCANNED`] deep per
//! term, and at most [`CANDIDATES`] leaders, those sharing most of the
//! signature, get a cosine. The whole pass is
//! `O(D · (SIGNATURE · POSTINGS_SCANNED + CANDIDATES · L))` for items of `L`
//! terms: linear in the number of items, never quadratic. Ten thousand copies of
//! the same sentence end in one group after ten thousand cheap comparisons.
//! [`similar_pairs`] (one issuer's items of two school years) uses the same
//! candidate search once its sides pass [`EXACT_PAIRS`] pairs.
//!
//! Pure and deterministic: term ids follow first appearance, ties are broken by
//! index, and no hash map is iterated.

use rustc_hash::FxHashMap as HashMap;

/// Cosine similarity at or above which two items "say the same thing". Tested in
/// `tests` below and in tests/compare.rs: a reworded item of a Phòng against the
/// Sở's wording scores 0.55–0.95; different items of one topic score below 0.35.
pub const THRESHOLD: f32 = 0.5;

/// Number of highest-weighted (rarest) terms of a document used to find
/// candidate groups.
pub const SIGNATURE: usize = 10;
/// Postings of one term scanned when finding candidates (the newest ones).
pub const POSTINGS_SCANNED: usize = 128;
/// Candidate leaders compared with a full cosine.
pub const CANDIDATES: usize = 32;

/// Folded syllables of a text: "Xóa mù chữ (XMC)." → ["xoa", "mu", "chu", "xmc"].
pub fn syllables(text: &str) -> Vec<String> {
    words_of(&crate::text::fold(text))
        .map(str::to_owned)
        .collect()
}

/// The words of a folded text: runs of letters and digits.
fn words_of(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Terms of a text: every syllable and every pair of adjacent syllables.
pub fn terms(text: &str) -> Vec<String> {
    let s = syllables(text);
    let mut out = s.clone();
    out.extend(s.windows(2).map(|w| format!("{} {}", w[0], w[1])));
    out
}

/// A sparse, L2-normalised tf-idf vector: (term id, weight), sorted by term id.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Vector(pub Vec<(u32, f32)>);

impl Vector {
    pub fn cosine(&self, other: &Vector) -> f32 {
        let (a, b) = (&self.0, &other.0);
        let (mut i, mut j, mut dot) = (0, 0, 0.0f32);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    dot += a[i].1 * b[j].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        dot
    }

    /// Term ids by falling weight (ties by id), at most `n`.
    fn signature(&self, n: usize) -> Vec<u32> {
        let by_weight = |x: &(u32, f32), y: &(u32, f32)| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0));
        let mut terms = self.0.clone();
        // The order is total, so selecting the first `n` then sorting them
        // gives what sorting everything would, in less work.
        if terms.len() > n {
            terms.select_nth_unstable_by(n, by_weight);
            terms.truncate(n);
        }
        terms.sort_by(by_weight);
        terms.into_iter().map(|(t, _)| t).collect()
    }
}

/// One vector spread over a table indexed by term id, so its cosine with many
/// others costs one look-up per term of theirs instead of a merge of two sorted
/// lists (whose branches the processor cannot predict). The sum runs over the
/// other vector's terms in id order, as [`Vector::cosine`] does over the shared
/// ones (the terms not shared add exact zeros), so scores are bit for bit the
/// same.
#[derive(Default)]
struct Spread {
    weights: Vec<f32>,
}

impl Spread {
    fn load(&mut self, v: &Vector) {
        if let Some(&(last, _)) = v.0.last() {
            if last as usize >= self.weights.len() {
                self.weights.resize(last as usize + 1, 0.0);
            }
        }
        for &(t, w) in &v.0 {
            self.weights[t as usize] = w;
        }
    }

    /// Cosine of the loaded vector with `other`.
    fn cosine(&self, other: &Vector) -> f32 {
        other
            .0
            .iter()
            .map(|&(t, w)| self.weights.get(t as usize).map_or(0.0, |&l| l * w))
            .fold(0.0, |dot, x| dot + x)
    }

    fn unload(&mut self, v: &Vector) {
        for &(t, _) in &v.0 {
            self.weights[t as usize] = 0.0;
        }
    }
}

/// Interns folded syllables as ids, so that texts compared many times (one
/// issuer's items, matched against the year before and the year after) are
/// folded and split once.
#[derive(Default)]
pub struct Syllables {
    ids: HashMap<String, u32>,
    folded: String,
}

impl Syllables {
    /// The syllable ids of `text`, in order. Two texts have the same ids exactly
    /// when [`same_words`] holds for them.
    pub fn of(&mut self, text: &str) -> Vec<u32> {
        self.folded.clear();
        crate::text::fold_into(&mut self.folded, text);
        let ids = &mut self.ids;
        words_of(&self.folded)
            .map(|w| match ids.get(w) {
                Some(&id) => id,
                None => {
                    let id = ids.len() as u32;
                    ids.insert(w.to_owned(), id);
                    id
                }
            })
            .collect()
    }
}

/// tf-idf vectors of `texts`, with document frequencies taken over `texts`
/// (so a phrase every letter repeats weighs little, a rare one a lot).
pub fn vectorize<S: AsRef<str>>(texts: &[S]) -> Vec<Vector> {
    let mut counter = TextCounter::default();
    let docs: Vec<usize> = texts.iter().map(|t| counter.count(t.as_ref())).collect();
    counter.vectors(&docs, &mut Weights::default())
}

/// [`vectorize`] of texts already split by one [`Syllables`].
pub fn vectorize_ids<D: AsRef<[u32]>>(docs: &[D]) -> Vec<Vector> {
    let mut terms = Terms::default();
    let counted: Vec<TermCounts> = docs.iter().map(|d| terms.count(d.as_ref())).collect();
    Weights::default().vectors(&counted)
}

/// Splits and counts texts compared with each other, each distinct text once:
/// letters copy each other's wording (a Phòng the Sở's, a letter last year's),
/// and the copies need no folding, splitting or counting of their own. Ids
/// follow first appearance, and a copy adds none, so the vectors are those of
/// counting every text.
#[derive(Default)]
pub struct TextCounter {
    syllables: Syllables,
    terms: Terms,
    known: HashMap<Box<str>, usize>,
    /// Per distinct text: its syllable ids and its term counts.
    pub texts: Vec<(Vec<u32>, TermCounts)>,
}

impl TextCounter {
    /// The index in [`TextCounter::texts`] of `text`'s syllables and terms.
    pub fn count(&mut self, text: &str) -> usize {
        if let Some(&k) = self.known.get(text) {
            return k;
        }
        let syllables = self.syllables.of(text);
        let terms = self.terms.count(&syllables);
        let k = self.texts.len();
        self.texts.push((syllables, terms));
        self.known.insert(text.into(), k);
        k
    }

    /// The vectors of documents given as indices from [`TextCounter::count`],
    /// weighed together (a copy counts in the document frequencies as often as
    /// it occurs).
    pub fn vectors(&self, docs: &[usize], weights: &mut Weights) -> Vec<Vector> {
        weights.learn(docs.iter().map(|&k| self.texts[k].1.as_slice()));
        // A copy's vector is its first occurrence's.
        let mut first: HashMap<usize, usize> = HashMap::default();
        let mut vectors: Vec<Vector> = Vec::with_capacity(docs.len());
        for (d, &k) in docs.iter().enumerate() {
            let v = match first.get(&k) {
                Some(&e) => vectors[e].clone(),
                None => {
                    first.insert(k, d);
                    weights.weigh(&self.texts[k].1)
                }
            };
            vectors.push(v);
        }
        weights.forget();
        vectors
    }
}

/// A document's terms as (term id, count), sorted by id.
pub type TermCounts = Vec<(u32, u32)>;

/// Interns terms (a syllable, or a pair of adjacent syllables) as ids, in order
/// of first appearance. One `Terms` serves all the texts that are compared
/// with each other, so each text is counted once however often it is weighed.
#[derive(Default)]
pub struct Terms {
    ids: HashMap<(u32, u32), u32>,
}

impl Terms {
    /// The terms of a text given as syllable ids, with their counts.
    pub fn count(&mut self, syllables: &[u32]) -> TermCounts {
        // A term is (syllable, next syllable or NONE): bigrams cost no allocation.
        const NONE: u32 = u32::MAX;
        let pairs = syllables
            .iter()
            .map(|&a| (a, NONE))
            .chain(syllables.windows(2).map(|w| (w[0], w[1])));
        let mut tids: Vec<u32> = pairs
            .map(|p| {
                let next = self.ids.len() as u32;
                *self.ids.entry(p).or_insert(next)
            })
            .collect();
        tids.sort_unstable();
        let mut counts: TermCounts = Vec::with_capacity(tids.len());
        for id in tids {
            match counts.last_mut() {
                Some((last, n)) if *last == id => *n += 1,
                _ => counts.push((id, 1)),
            }
        }
        counts
    }
}

/// Turns term counts into tf-idf vectors, document frequencies taken over the
/// documents weighed together. Its tables are indexed by term id and reset
/// after each call through the terms seen, so weighing two small sides of a
/// large series does not clear a table the size of the series.
#[derive(Default)]
pub struct Weights {
    df: Vec<u32>,
    idf: Vec<f32>,
    seen: Vec<u32>,
}

impl Weights {
    pub fn vectors(&mut self, docs: &[impl AsRef<[(u32, u32)]>]) -> Vec<Vector> {
        self.learn(docs.iter().map(AsRef::as_ref));
        let vectors = docs.iter().map(|c| self.weigh(c.as_ref())).collect();
        self.forget();
        vectors
    }

    /// Document frequencies and idf of the documents weighed together.
    fn learn<'c>(&mut self, docs: impl Iterator<Item = &'c [(u32, u32)]>) {
        let mut n = 0usize;
        for counts in docs {
            n += 1;
            for &(id, _) in counts {
                let id = id as usize;
                if id >= self.df.len() {
                    self.df.resize(id + 1, 0);
                    self.idf.resize(id + 1, 0.0);
                }
                if self.df[id] == 0 {
                    self.seen.push(id as u32);
                }
                self.df[id] += 1;
            }
        }
        // One logarithm per distinct term, not per occurrence.
        let n = n.max(1) as f32;
        for &id in &self.seen {
            self.idf[id as usize] = (1.0 + n / self.df[id as usize] as f32).ln();
        }
    }

    /// The vector of one document, after [`Weights::learn`].
    fn weigh(&self, counts: &[(u32, u32)]) -> Vector {
        let mut v: Vec<(u32, f32)> = counts
            .iter()
            .map(|&(id, tf)| {
                let tf = if tf == 1 { 1.0 } else { 1.0 + (tf as f32).ln() };
                (id, tf * self.idf[id as usize])
            })
            .collect();
        let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            for (_, w) in &mut v {
                *w /= norm;
            }
        }
        Vector(v)
    }

    /// Resets the tables through the terms seen.
    fn forget(&mut self) {
        for &id in &self.seen {
            self.df[id as usize] = 0;
        }
        self.seen.clear();
    }
}

/// Cosine similarity of two texts taken alone (idf over the pair).
pub fn similarity(a: &str, b: &str) -> f32 {
    let v = vectorize(&[a, b]);
    v[0].cosine(&v[1])
}

/// Finds, for one document, the indexed documents sharing most of its
/// [`SIGNATURE`] terms. Counts are kept in a table reset through `touched`
/// (no hashing, no clearing of the whole table).
#[derive(Default)]
struct Candidates {
    counts: Vec<u32>,
    touched: Vec<u32>,
}

impl Candidates {
    /// At most [`CANDIDATES`] ids of `index` (term → ids holding it), most
    /// shared terms first, ties by id; each term's postings are scanned at most
    /// [`POSTINGS_SCANNED`] deep (the newest).
    fn most_shared(&mut self, index: &HashMap<u32, Vec<u32>>, signature: &[u32]) -> Vec<u32> {
        for t in signature {
            let Some(postings) = index.get(t) else {
                continue;
            };
            let from = postings.len().saturating_sub(POSTINGS_SCANNED);
            for &id in &postings[from..] {
                let id = id as usize;
                if id >= self.counts.len() {
                    self.counts.resize(id + 1, 0);
                }
                if self.counts[id] == 0 {
                    self.touched.push(id as u32);
                }
                self.counts[id] += 1;
            }
        }
        let mut found: Vec<(u32, u32)> = self
            .touched
            .iter()
            .map(|&id| (id, self.counts[id as usize]))
            .collect();
        for &id in &self.touched {
            self.counts[id as usize] = 0;
        }
        self.touched.clear();
        found.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        found.truncate(CANDIDATES);
        found.into_iter().map(|(id, _)| id).collect()
    }
}

/// A document to group: its text and who wrote it (one letter). A group holds at
/// most one document of each owner.
#[derive(Clone, Copy, Debug)]
pub struct Doc<'t> {
    pub owner: usize,
    pub text: &'t str,
}

/// A group of documents that say the same thing: indices into the input, the
/// leader (the first document of the group, the reference for diffs) first,
/// with each member's cosine to the leader.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub members: Vec<usize>,
    pub scores: Vec<f32>,
}

/// Groups documents in input order: each joins the most similar group leader
/// (cosine ≥ [`THRESHOLD`]) that has no document of the same owner yet, or
/// leads a new group. Put the reference texts (the Bộ's, then the Sở's) first.
/// See the module documentation for the bounds on the work done.
pub fn group(docs: &[Doc<'_>]) -> Vec<Group> {
    let mut texts = TextCounter::default();
    let of: Vec<usize> = docs.iter().map(|d| texts.count(d.text)).collect();
    let vectors = texts.vectors(&of, &mut Weights::default());
    // A copy's signature is its first occurrence's.
    let mut signatures: Vec<Option<Vec<u32>>> = vec![None; texts.texts.len()];
    let mut groups: Vec<Group> = Vec::new();
    let mut owners: Vec<Vec<usize>> = Vec::new();
    // term id → groups whose leader has the term.
    let mut index: HashMap<u32, Vec<u32>> = HashMap::default();
    let mut counter = Candidates::default();
    let mut spread = Spread::default();
    for (d, doc) in docs.iter().enumerate() {
        spread.load(&vectors[d]);
        let signature = signatures[of[d]].get_or_insert_with(|| vectors[d].signature(SIGNATURE));
        let best = counter
            .most_shared(&index, signature)
            .into_iter()
            .map(|g| g as usize)
            .filter(|&g| !owners[g].contains(&doc.owner))
            .map(|g| (g, spread.cosine(&vectors[groups[g].members[0]])))
            .filter(|&(_, s)| s >= THRESHOLD)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        spread.unload(&vectors[d]);
        match best {
            Some((g, score)) => {
                groups[g].members.push(d);
                groups[g].scores.push(score);
                owners[g].push(doc.owner);
            }
            None => {
                let g = groups.len() as u32;
                for &(t, _) in &vectors[d].0 {
                    index.entry(t).or_default().push(g);
                }
                groups.push(Group {
                    members: vec![d],
                    scores: vec![1.0],
                });
                owners.push(vec![doc.owner]);
            }
        }
    }
    groups
}

/// Pairs of documents at most compared exactly (every `before` with every
/// `after`); larger sides go through the candidate search of [`similar_pairs`].
pub const EXACT_PAIRS: usize = 4096;

/// Every pair (cosine, index in `before`, index in `after`) with a cosine at or
/// above [`THRESHOLD`], for matching one issuer's items of two school years.
///
/// Exact when `before.len() · after.len() ≤` [`EXACT_PAIRS`] (one letter a year:
/// the usual case). Beyond that (a Sở that issued many letters in both years),
/// each `after` document is compared only with the `before` documents that share
/// most of its [`SIGNATURE`] rarest terms, at most [`CANDIDATES`] of them: linear
/// in the number of documents, as [`group`] is.
pub fn similar_pairs(before: &[Vector], after: &[Vector]) -> Vec<(f32, usize, usize)> {
    let mut pairs = Vec::new();
    let mut spread = Spread::default();
    if before.len() * after.len() <= EXACT_PAIRS {
        for (i, b) in before.iter().enumerate() {
            spread.load(b);
            for (j, a) in after.iter().enumerate() {
                let s = spread.cosine(a);
                if s >= THRESHOLD {
                    pairs.push((s, i, j));
                }
            }
            spread.unload(b);
        }
        return pairs;
    }
    // term id → `before` documents holding it.
    let mut index: HashMap<u32, Vec<u32>> = HashMap::default();
    for (i, v) in before.iter().enumerate() {
        for &(t, _) in &v.0 {
            index.entry(t).or_default().push(i as u32);
        }
    }
    let mut counter = Candidates::default();
    for (j, a) in after.iter().enumerate() {
        let mut candidates = counter.most_shared(&index, &a.signature(SIGNATURE));
        candidates.sort_unstable();
        spread.load(a);
        for i in candidates {
            let s = spread.cosine(&before[i as usize]);
            if s >= THRESHOLD {
                pairs.push((s, i as usize, j));
            }
        }
        spread.unload(a);
    }
    pairs
}

/// One piece of a word diff.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Piece {
    /// "equal", "delete" (only in the reference) or "insert" (only in this text).
    pub op: &'static str,
    pub text: String,
}

/// A word diff, shared: the same two wordings meet on many pages (a topic's
/// page of each school year, an issuer's year steps), and [`DiffCache`] hands
/// the one diff to all of them, with its HTML made once.
#[derive(Clone, Debug)]
pub struct Diff(std::sync::Arc<DiffData>);

#[derive(Debug)]
struct DiffData {
    pieces: Vec<Piece>,
    /// The whole text, changes in `<ins>`/`<del>` (see [`Diff::html`]); made
    /// when first asked for, as the default theme shows only brief diffs.
    html: std::sync::OnceLock<minijinja::Value>,
    /// Only the changes and the words around them (see [`Diff::brief_html`]).
    brief: minijinja::Value,
}

impl DiffData {
    fn html(&self) -> &minijinja::Value {
        self.html
            .get_or_init(|| minijinja::Value::from_safe_string(diff_html(&self.pieces, None)))
    }
}

/// What templates see: `html` and `brief` (safe HTML strings) and `pieces`
/// (`{op, text}`), each made when a template first asks for it.
impl minijinja::value::Object for DiffData {
    fn get_value(self: &std::sync::Arc<Self>, key: &minijinja::Value) -> Option<minijinja::Value> {
        match key.as_str()? {
            "html" => Some(self.html().clone()),
            "brief" => Some(self.brief.clone()),
            "pieces" => Some(minijinja::Value::from_serialize(&self.pieces)),
            _ => None,
        }
    }

    fn enumerate(self: &std::sync::Arc<Self>) -> minijinja::value::Enumerator {
        minijinja::value::Enumerator::Str(&["html", "brief", "pieces"])
    }
}

impl Diff {
    pub fn new(pieces: Vec<Piece>) -> Self {
        let brief = minijinja::Value::from_safe_string(diff_html(&pieces, Some(BRIEF_CONTEXT)));
        Diff(std::sync::Arc::new(DiffData {
            pieces,
            html: std::sync::OnceLock::new(),
            brief,
        }))
    }

    /// The whole text, insertions in `<ins>`, deletions in `<del>`, escaped.
    pub fn html(&self) -> &str {
        self.0.html().as_str().unwrap_or_default()
    }

    /// Like [`Diff::html`], but a run of unchanged words longer than twice
    /// [`BRIEF_CONTEXT`] words is cut to its ends around "…": a reader who
    /// has the first wording above sees only what differs, in context.
    pub fn brief_html(&self) -> &str {
        self.0.brief.as_str().unwrap_or_default()
    }
}

impl PartialEq for Diff {
    fn eq(&self, other: &Self) -> bool {
        self.0.pieces == other.0.pieces
    }
}

impl Eq for Diff {}

impl std::ops::Deref for Diff {
    type Target = [Piece];
    fn deref(&self) -> &[Piece] {
        &self.0.pieces
    }
}

/// For templates, the object of [`DiffData`] (`html`, `brief`, `pieces`),
/// shared by every page that shows the diff; elsewhere the pieces.
impl serde::Serialize for Diff {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if !minijinja::value::serializing_for_value() {
            return self.0.pieces.serialize(serializer);
        }
        minijinja::Value::from_dyn_object(self.0.clone()).serialize(serializer)
    }
}

/// Unchanged words kept on each side of a change in [`Diff::brief_html`].
pub const BRIEF_CONTEXT: usize = 8;

/// The pieces as HTML; with `context`, unchanged runs are cut to that many
/// words next to each change (see [`Diff::brief_html`]).
pub fn diff_html(pieces: &[Piece], context: Option<usize>) -> String {
    let mut html = String::new();
    let last = pieces.len().saturating_sub(1);
    for (i, piece) in pieces.iter().enumerate() {
        let (open, close) = match piece.op {
            "insert" => ("<ins>", "</ins>"),
            "delete" => ("<del>", "</del>"),
            _ => ("", ""),
        };
        html.push_str(open);
        match context {
            Some(keep) if piece.op == "equal" => {
                push_context(&mut html, &piece.text, keep, i > 0, i < last)
            }
            _ => escape_html(&mut html, &piece.text),
        }
        html.push_str(close);
    }
    html
}

/// An unchanged run, cut to `keep` words after the change before it (when
/// `after_change`) and `keep` words before the change after it.
fn push_context(
    html: &mut String,
    text: &str,
    keep: usize,
    after_change: bool,
    before_change: bool,
) {
    let words: Vec<&str> = text.split_inclusive(char::is_whitespace).collect();
    let head = if after_change { keep } else { 0 };
    let tail = if before_change { keep } else { 0 };
    // Cut only when it saves more than a few words.
    if words.len() < head + tail + 6 {
        return escape_html(html, text);
    }
    let start: usize = words[..head].iter().map(|w| w.len()).sum();
    let end = text.len()
        - words[words.len() - tail..]
            .iter()
            .map(|w| w.len())
            .sum::<usize>();
    escape_html(html, &text[..start]);
    html.push_str("<span class=\"gap\" title=\"Lược bớt đoạn giống nhau\">…</span>");
    if tail > 0 {
        html.push(' ');
    }
    escape_html(html, &text[end..]);
}

fn escape_html(html: &mut String, text: &str) {
    // Writing into a String cannot fail.
    let _ = crate::markdown::escape_into(html, text);
}

/// The word diffs made during one build, by their two texts, so that each
/// pair is diffed once however many pages show it (Myers is most of what a
/// topic page costs). Safe to share between threads: shards by the pair's
/// hash, each behind its own lock; a diff is made outside the lock, so two
/// threads may both make one, and they are the same.
pub struct DiffCache {
    shards: Vec<std::sync::Mutex<DiffShard>>,
}

/// Per hash of a pair: the pairs with that hash and their diffs.
type DiffShard = HashMap<u64, Vec<(Box<str>, Box<str>, Diff)>>;

impl Default for DiffCache {
    fn default() -> Self {
        DiffCache {
            shards: (0..64).map(|_| Default::default()).collect(),
        }
    }
}

impl DiffCache {
    /// [`word_diff`] from `reference` to `text`, made once per pair.
    pub fn word_diff(&self, reference: &str, text: &str) -> Diff {
        use std::hash::BuildHasher;
        let hash = rustc_hash::FxBuildHasher.hash_one((reference, text));
        let shard = &self.shards[(hash >> 58) as usize % self.shards.len()];
        let lock = || shard.lock().unwrap_or_else(|p| p.into_inner());
        let known = lock().get(&hash).and_then(|pairs| {
            pairs
                .iter()
                .find(|(r, t, _)| **r == *reference && **t == *text)
                .map(|(_, _, d)| d.clone())
        });
        if let Some(diff) = known {
            return diff;
        }
        let diff = Diff::new(word_diff(reference, text));
        let mut shard = lock();
        let pairs = shard.entry(hash).or_default();
        if !pairs
            .iter()
            .any(|(r, t, _)| **r == *reference && **t == *text)
        {
            pairs.push((reference.into(), text.into(), diff.clone()));
        }
        diff
    }
}

/// Word diff from `reference` to `text` (the `similar` crate, Myers on words).
/// A run of changed words reads as one deletion then one insertion: spaces
/// between changed words are kept inside the run, the space after a run is
/// shown as "equal".
///
/// Myers runs on interned word ids, whitespace left out (each word carries the
/// whitespace after it along for display): it compares integers, not strings,
/// and half as many of them as a diff of words and spaces would, so it takes a
/// quarter of the steps (Myers is `O(N·D)`).
pub fn word_diff(reference: &str, text: &str) -> Vec<Piece> {
    let mut pieces: Vec<Piece> = Vec::new();
    let (mut del, mut ins) = (String::new(), String::new());
    for (tag, value) in word_changes(reference, text) {
        match tag {
            Tag::Delete => del.push_str(value),
            Tag::Insert => ins.push_str(value),
            Tag::Equal => {
                end_run(&mut pieces, &mut del, &mut ins);
                push_equal(&mut pieces, value);
            }
        }
    }
    end_run(&mut pieces, &mut del, &mut ins);
    pieces
}

fn push_equal(pieces: &mut Vec<Piece>, value: &str) {
    if value.is_empty() {
        return;
    }
    match pieces.last_mut() {
        Some(last) if last.op == "equal" => last.text.push_str(value),
        _ => pieces.push(Piece {
            op: "equal",
            text: value.to_owned(),
        }),
    }
}

/// Ends a run of changed words: its deletion, its insertion, then the space
/// after it as equal text (the insertion's, which the reader sees in place).
fn end_run(pieces: &mut Vec<Piece>, del: &mut String, ins: &mut String) {
    if del.is_empty() && ins.is_empty() {
        return;
    }
    let shown = if ins.is_empty() { &*del } else { &*ins };
    let space = shown[shown.trim_end().len()..].to_owned();
    for (op, run) in [("delete", del), ("insert", ins)] {
        run.truncate(run.trim_end().len());
        if !run.trim_start().is_empty() {
            pieces.push(Piece {
                op,
                text: std::mem::take(run),
            });
        }
        run.clear();
    }
    push_equal(pieces, &space);
}

/// The word changes from `reference` to `text`, in order: each token is a word
/// with the whitespace after it (see [`diff_tokens`]).
fn word_changes<'t>(reference: &'t str, text: &'t str) -> Vec<(Tag, &'t str)> {
    use similar::{capture_diff_slices, Algorithm, DiffOp};
    let (old, new) = (diff_tokens(reference), diff_tokens(text));
    let mut ids: HashMap<&str, u32> = HashMap::default();
    let mut intern = |tokens: &[(&'t str, &'t str)]| -> Vec<u32> {
        tokens
            .iter()
            .map(|(word, _)| {
                let next = ids.len() as u32;
                *ids.entry(word).or_insert(next)
            })
            .collect()
    };
    let (old_ids, new_ids) = (intern(&old), intern(&new));
    let mut changes = Vec::with_capacity(old.len().max(new.len()));
    let push = |changes: &mut Vec<_>, tag: Tag, tokens: &[(&'t str, &'t str)]| {
        changes.extend(tokens.iter().map(|(_, t)| (tag, *t)))
    };
    for op in capture_diff_slices(Algorithm::Myers, &old_ids, &new_ids) {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                // As the text has it, unless only the reference has a space
                // after the word (the text's last word, with more after it in
                // the reference).
                let pairs = old[old_index..old_index + len]
                    .iter()
                    .zip(&new[new_index..new_index + len]);
                changes.extend(pairs.map(|(o, n)| {
                    let spaced = |t: &(&str, &'t str)| t.1.len() > t.0.len();
                    (Tag::Equal, if spaced(n) || !spaced(o) { n.1 } else { o.1 })
                }));
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => push(
                &mut changes,
                Tag::Delete,
                &old[old_index..old_index + old_len],
            ),
            DiffOp::Insert {
                new_index, new_len, ..
            } => push(
                &mut changes,
                Tag::Insert,
                &new[new_index..new_index + new_len],
            ),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                push(
                    &mut changes,
                    Tag::Delete,
                    &old[old_index..old_index + old_len],
                );
                push(
                    &mut changes,
                    Tag::Insert,
                    &new[new_index..new_index + new_len],
                );
            }
        }
    }
    changes
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tag {
    Equal,
    Delete,
    Insert,
}

/// The words of a text (runs of non-whitespace), each as (word, word and the
/// whitespace after it). Whitespace before the first word is a token with an
/// empty word, so the tokens put together are the text.
fn diff_tokens(text: &str) -> Vec<(&str, &str)> {
    let mut tokens = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let after = &rest[word_end..];
        let space = after.len() - after.trim_start().len();
        let end = word_end + space;
        tokens.push((&rest[..word_end], &rest[..end]));
        rest = &rest[end..];
    }
    tokens
}

/// Whether two texts are the same once folded and with punctuation and spacing
/// ignored.
pub fn same_words(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (fa, fb) = (crate::text::fold(a), crate::text::fold(b));
    words_of(&fa).eq(words_of(&fb))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SO: &str = "Đẩy mạnh các hoạt động xây dựng xã hội học tập (XHHT), tăng cường sự phối hợp thực hiện Đề án xây dựng XHHT giai đoạn 2021-2030.";
    const PHONG: &str = "Tiếp tục đẩy mạnh các hoạt động xây dựng xã hội học tập, tăng cường phối hợp thực hiện Đề án xây dựng XHHT giai đoạn 2021-2030 trên địa bàn quận.";
    const OTHER: &str =
        "Tổ chức bồi dưỡng, tập huấn cho đội ngũ giáo viên dạy xóa mù chữ và báo cáo viên.";

    /// A brief diff keeps every change and the words next to it, and cuts a
    /// long unchanged run to its ends; the full diff keeps every word.
    #[test]
    fn brief_diff_cuts_long_unchanged_runs_only() {
        let common = "thực hiện kế hoạch xây dựng xã hội học tập giai đoạn 2021-2030 trên địa bàn tỉnh theo chỉ đạo của Ủy ban nhân dân";
        let a = format!("Triển khai {common} và báo cáo kết quả.");
        let b = format!("Xây dựng và triển khai {common} và báo cáo định kỳ.");
        let diff = Diff::new(word_diff(&a, &b));
        let (full, brief) = (diff.html(), diff.brief_html());
        assert!(!full.contains('…') && full.contains(common), "{full}");
        assert!(brief.contains("<ins>Xây dựng và triển</ins>"), "{brief}");
        assert!(brief.contains("<ins>định kỳ.</ins>"), "{brief}");
        assert_eq!(brief.matches("class=\"gap\"").count(), 1, "{brief}");
        assert!(!brief.contains("xã hội học tập giai đoạn"), "{brief}");
        // A short run is not cut.
        let short = Diff::new(word_diff("Tổ chức lớp học.", "Tổ chức các lớp học."));
        assert!(!short.brief_html().contains('…'));
    }
    /// Templates see a diff as `html`, `brief` and `pieces`, the full HTML
    /// made only when asked for; serialised elsewhere, it is its pieces.
    #[test]
    fn templates_see_html_brief_and_pieces() {
        let diff = Diff::new(word_diff("Tổ chức lớp học.", "Tổ chức các lớp học."));
        assert!(diff.0.html.get().is_none(), "made before it was asked for");
        let mut env = minijinja::Environment::new();
        env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
        let ctx = minijinja::context! { d => &diff };
        let render = |src: &str| env.render_str(src, &ctx).unwrap();
        assert_eq!(render("{{ d.brief }}"), "Tổ chức <ins>các</ins> lớp học.");
        assert!(diff.0.html.get().is_none(), "made for a brief diff");
        assert_eq!(render("{{ d.html }}"), diff.html());
        assert_eq!(
            render("{% for p in d.pieces %}{{ p.op }} {% endfor %}"),
            "equal insert equal "
        );
        let json = serde_json::to_value(&diff).unwrap();
        assert_eq!(json[1]["text"], "các");
    }

    const OTHER2: &str =
        "Kiểm tra việc thực hiện quy chế tuyển sinh và hồ sơ học viên tại các trung tâm.";

    #[test]
    fn terms_are_folded_syllables_and_pairs() {
        assert_eq!(
            terms("Xóa mù chữ."),
            ["xoa", "mu", "chu", "xoa mu", "mu chu"]
        );
    }

    #[test]
    fn reworded_items_pass_the_threshold_and_different_ones_do_not() {
        let texts = [SO, PHONG, OTHER, OTHER2];
        let v = vectorize(&texts);
        let same = v[0].cosine(&v[1]);
        assert!(same >= THRESHOLD, "reworded: {same}");
        for (a, b) in [(0, 2), (0, 3), (1, 2), (2, 3)] {
            let s = v[a].cosine(&v[b]);
            assert!(s < 0.35, "{a}/{b}: {s}");
        }
        assert!((v[0].cosine(&v[0]) - 1.0).abs() < 1e-5);
    }

    #[test]
    fn grouping_keeps_one_item_per_owner_and_leaders_first() {
        let docs = [
            Doc { owner: 0, text: SO },
            Doc {
                owner: 0,
                text: OTHER,
            },
            Doc {
                owner: 1,
                text: PHONG,
            },
            Doc { owner: 1, text: SO },
            Doc {
                owner: 2,
                text: OTHER2,
            },
            Doc {
                owner: 2,
                text: OTHER,
            },
        ];
        let groups = group(&docs);
        let members: Vec<Vec<usize>> = groups.iter().map(|g| g.members.clone()).collect();
        // Owner 1 has the Sở's sentence twice: its exact copy joins the Sở's
        // group, its loose rewording (below the threshold with these six texts)
        // stays alone; owner 2's copy of OTHER joins owner 0's.
        assert_eq!(members, vec![vec![0, 3], vec![1, 5], vec![2], vec![4]]);
        assert!((groups[0].scores[1] - 1.0).abs() < 1e-5);
        assert!((groups[1].scores[1] - 1.0).abs() < 1e-5);
    }

    /// Sentences that share common words but each its own rare ones.
    fn sentence(k: usize, variant: bool) -> String {
        const RARE: [&str; 12] = [
            "xóa", "mù", "chữ", "nghề", "tin", "học", "ngoại", "ngữ", "kỹ", "năng", "sống", "số",
        ];
        let mut s = String::from("Tiếp tục thực hiện tốt các nhiệm vụ về");
        for d in [k % 12, (k / 12) % 12, (k / 144) % 12] {
            s.push(' ');
            s.push_str(RARE[d]);
        }
        s.push_str(&format!(" mã {k} năm học"));
        if variant {
            s.push_str(" trên địa bàn");
        }
        s
    }

    #[test]
    fn similar_pairs_beyond_the_exact_bound_find_the_same_matches() {
        let n = 90; // 90 · 90 > EXACT_PAIRS
        assert!(n * n > EXACT_PAIRS);
        let mut texts: Vec<String> = (0..n).map(|k| sentence(k, false)).collect();
        // The next year's items: reworded, in another order.
        texts.extend((0..n).map(|k| sentence((k * 7) % n, true)));
        let vectors = vectorize(&texts);
        let (before, after) = vectors.split_at(n);
        let pruned = similar_pairs(before, after);
        for (j, after_j) in after.iter().enumerate() {
            let i = (j * 7) % n;
            // The best `before` of each `after` (its own sentence) is found…
            let best_exact = (0..n)
                .map(|b| (before[b].cosine(after_j), b))
                .max_by(|x, y| x.0.total_cmp(&y.0))
                .unwrap();
            assert_eq!(best_exact.1, i);
            assert!(
                pruned.iter().any(|&(_, b, a)| a == j && b == i),
                "pair {i} → {j} missed"
            );
        }
        // …and no pair below the threshold is reported.
        assert!(pruned.iter().all(|p| p.0 >= THRESHOLD));
        // Small sides are scored exactly: every pair at or above the threshold.
        let small = similar_pairs(&before[..10], &after[..10]);
        let exact = (0..10)
            .flat_map(|b| (0..10).map(move |a| (b, a)))
            .filter(|&(b, a)| before[b].cosine(&after[a]) >= THRESHOLD)
            .count();
        assert_eq!(small.len(), exact);
    }

    #[test]
    fn same_syllables_are_same_words() {
        let mut syllables = Syllables::default();
        let pairs = [
            ("Xóa mù chữ.", "xóa  mù chữ", true),
            ("Đề án 1", "de an 1", true),
            ("xóa mù chữ", "xóa mù chữ cho", false),
            ("tin học", "học tin", false),
        ];
        for (a, b, same) in pairs {
            assert_eq!(same_words(a, b), same, "{a} / {b}");
            assert_eq!(syllables.of(a) == syllables.of(b), same, "{a} / {b}");
        }
    }

    #[test]
    fn the_diff_cache_makes_each_pair_once_and_gives_word_diff() {
        let cache = DiffCache::default();
        let (a, b) = (
            "Tổ chức lớp xóa mù chữ",
            "Tổ chức các lớp xóa mù chữ mức độ 2",
        );
        let first = cache.word_diff(a, b);
        assert_eq!(*first, *word_diff(a, b));
        // The same pair again is the same diff, not a new one.
        assert!(std::sync::Arc::ptr_eq(&first.0, &cache.word_diff(a, b).0));
        // The other way round is another pair.
        assert_eq!(*cache.word_diff(b, a), *word_diff(b, a));
        assert_ne!(*cache.word_diff(b, a), *first);
    }

    #[test]
    fn word_diff_marks_insertions_and_deletions() {
        let d = word_diff(
            "tổ chức tập huấn cho giáo viên",
            "tổ chức bồi dưỡng cho giáo viên",
        );
        let ops: Vec<(&str, &str)> = d.iter().map(|p| (p.op, p.text.as_str())).collect();
        assert_eq!(
            ops,
            [
                ("equal", "tổ chức "),
                ("delete", "tập huấn"),
                ("insert", "bồi dưỡng"),
                ("equal", " cho giáo viên")
            ]
        );
        assert!(same_words("Xóa mù chữ.", "xóa  mù chữ"));
    }

    /// The words of the reference (`keep` = "delete") or of the text
    /// (`keep` = "insert") put back together from a diff.
    fn side(pieces: &[Piece], keep: &str) -> Vec<String> {
        let joined: String = pieces
            .iter()
            .filter(|p| p.op == "equal" || p.op == keep)
            .map(|p| p.text.as_str())
            .collect();
        joined.split_whitespace().map(str::to_owned).collect()
    }

    /// Length of the longest common subsequence of two word lists (the words a
    /// minimal diff keeps as equal).
    fn lcs(a: &[&str], b: &[&str]) -> usize {
        let mut row = vec![0usize; b.len() + 1];
        for x in a {
            let mut diag = 0;
            for (j, y) in b.iter().enumerate() {
                let up = row[j + 1];
                row[j + 1] = if x == y { diag + 1 } else { up.max(row[j]) };
                diag = up;
            }
        }
        row[b.len()]
    }

    /// A diff gives back both texts' words, keeps as many words equal as can
    /// be (Myers is minimal), and never shows a run of spaces as a change.
    fn check_diff(a: &str, b: &str) {
        let pieces = word_diff(a, b);
        let words = |s: &str| s.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(side(&pieces, "delete"), words(a), "{a:?} → {b:?}");
        assert_eq!(side(&pieces, "insert"), words(b), "{a:?} → {b:?}");
        let equal: usize = pieces
            .iter()
            .filter(|p| p.op == "equal")
            .map(|p| p.text.split_whitespace().count())
            .sum();
        let (wa, wb): (Vec<&str>, Vec<&str>) = (
            a.split_whitespace().collect(),
            b.split_whitespace().collect(),
        );
        assert_eq!(equal, lcs(&wa, &wb), "{a:?} → {b:?}: {pieces:?}");
        for p in pieces.iter().filter(|p| p.op != "equal") {
            assert!(
                !p.text.trim().is_empty() && p.text.trim_end() == p.text,
                "{p:?}"
            );
        }
        for w in pieces.windows(2) {
            assert!(!(w[0].op == "equal" && w[1].op == "equal"), "{pieces:?}");
        }
    }

    #[test]
    fn word_diffs_give_back_both_texts_with_fewest_changes() {
        let table = [
            (SO, PHONG),
            ("", "một hai"),
            ("một hai", ""),
            ("  đầu  và cuối  ", "đầu và  cuối"),
            ("a b a b a b", "b a b a"),
            (
                "Công văn số 3759/BGDĐT-GDTX\nngày 5/8/2025",
                "Công văn 3759/BGDĐT-GDTX ngày 05/8/2025",
            ),
        ];
        for (a, b) in table {
            check_diff(a, b);
        }
    }

    proptest::proptest! {
        #[test]
        fn a_spread_vector_scores_bit_for_bit_as_the_merge(
            a in "[abcdđ ]{0,60}", b in "[abcdđ ]{0,60}", c in "[abcdđ ]{0,60}"
        ) {
            let v = vectorize(&[&a, &b, &c]);
            let mut spread = Spread::default();
            for x in &v {
                spread.load(x);
                for y in &v {
                    proptest::prop_assert_eq!(spread.cosine(y).to_bits(), x.cosine(y).to_bits());
                }
                spread.unload(x);
            }
            proptest::prop_assert!(spread.weights.iter().all(|&w| w == 0.0));
        }

        #[test]
        fn copies_counted_once_weigh_as_if_counted_each(
            texts in proptest::collection::vec("[ab đ]{0,12}", 1..8), copies in proptest::collection::vec(0usize..8, 0..8)
        ) {
            // Texts with copies among them (drawn from the texts before).
            let mut all: Vec<&str> = texts.iter().map(String::as_str).collect();
            for k in copies {
                all.push(all[k % all.len()]);
            }
            let mut syllables = Syllables::default();
            let each: Vec<Vec<u32>> = all.iter().map(|t| syllables.of(t)).collect();
            let counted_each = vectorize_ids(&each);
            let counted_once = vectorize(&all);
            proptest::prop_assert_eq!(counted_once.len(), counted_each.len());
            for (a, b) in counted_once.iter().zip(&counted_each) {
                let bits = |v: &Vector| v.0.iter().map(|&(t, w)| (t, w.to_bits())).collect::<Vec<_>>();
                proptest::prop_assert_eq!(bits(a), bits(b));
            }
        }

        #[test]
        fn word_diffs_hold_on_any_text(a in "[ab đ\n]{0,40}", b in "[ab đ\n]{0,40}") {
            check_diff(&a, &b);
        }
    }

    #[test]
    fn grouping_is_linear_on_many_copies() {
        let places = ["quận", "huyện", "thị xã", "thành phố", "xã"];
        let texts: Vec<String> = (0..3000)
            .map(|i| format!("{SO} Trên địa bàn {}.", places[i % places.len()]))
            .collect();
        let docs: Vec<Doc<'_>> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Doc { owner: i, text: t })
            .collect();
        let groups = group(&docs);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].members.len(), 3000);
    }

    /// 10,000 letters × 8 items under one topic (80,000 items): 300 wordings
    /// shared by many letters with local rewordings, plus one local item per
    /// letter. `cargo test --release -- --ignored scale --nocapture` prints the
    /// time.
    #[test]
    #[ignore]
    fn scale_ten_thousand_letters() {
        let mut seed: u64 = 42;
        let mut next = move || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        };
        let vocab: Vec<String> = (0..3000).map(|i| format!("tu{i}")).collect();
        let base: Vec<Vec<usize>> = (0..300)
            .map(|_| (0..25).map(|_| next() % vocab.len()).collect())
            .collect();
        let mut texts = Vec::new();
        let mut owners = Vec::new();
        for letter in 0..10_000 {
            for _ in 0..7 {
                let mut words = base[next() % base.len()].clone();
                for _ in 0..3 {
                    let at = next() % words.len();
                    words[at] = next() % vocab.len();
                }
                texts.push(
                    words
                        .iter()
                        .map(|&w| vocab[w].as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                );
                owners.push(letter);
            }
            texts.push(
                (0..20)
                    .map(|_| vocab[next() % vocab.len()].as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            owners.push(letter);
        }
        let docs: Vec<Doc<'_>> = owners
            .iter()
            .zip(&texts)
            .map(|(&owner, text)| Doc { owner, text })
            .collect();
        let started = std::time::Instant::now();
        let v = vectorize(&texts);
        println!("vectorize: {} ms", started.elapsed().as_millis());
        drop(v);
        let started = std::time::Instant::now();
        let groups = group(&docs);
        let elapsed = started.elapsed();
        let shared = groups.iter().filter(|g| g.members.len() >= 2).count();
        println!(
            "{} items of 10000 letters: {} groups ({} shared) in {} ms",
            docs.len(),
            groups.len(),
            shared,
            elapsed.as_millis()
        );
        assert!(shared >= 300);
    }
}

//! Extract stage for one letter: the citations in its front-matter legal bases
//! and its body, with spans into the file, resolved against the registry
//! (short and named references, place inferred from the issuer), and each tied
//! to the paragraph it stands in.
//!
//! Contract: pure; per letter, so letters are extracted in parallel. Problems
//! (ambiguous short references, a date that disagrees with the registry or with
//! the symbol's year) are warnings at the citation's span.

use crate::citations::{self, Citation, CitationKind, Context, Registry, Resolved, Resolver};
use crate::diagnostics::Diagnostic;
use crate::front_matter::{FrontMatter, Split};
use crate::markdown::Body;

/// Anchor of the legal-bases panel on a letter page: citations from the front
/// matter link there.
pub const LEGAL_BASES_ANCHOR: &str = "can-cu";

/// One citation in a letter, resolved and placed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LetterCitation {
    pub citation: Citation,
    pub resolved: Resolved,
    /// Id of the paragraph (or [`LEGAL_BASES_ANCHOR`]) where it stands.
    pub anchor: String,
    /// Whether it is one of the front matter's legal bases.
    pub legal_basis: bool,
}

/// The citing letter's place, as the resolver wants it.
pub fn context(front: &FrontMatter) -> Context {
    Context {
        province: front.issuer.province.map(|p| p.name.to_owned()),
        district: front.issuer.district.clone(),
    }
}

/// Finds every citation of a letter: first the legal bases of the front matter
/// (read from the file inside their quotes, so spans are exact), then the body.
pub fn find(text: &str, split: &Split<'_>, front: &FrontMatter) -> Vec<Citation> {
    let mut out = Vec::new();
    for basis in &front.legal_bases {
        let span = &basis.cite.span;
        // A basic string without escapes: the value is the text between the quotes.
        let inner = (span.start + 1)..span.end.saturating_sub(1);
        let offset = inner.start;
        let Some(raw) = text.get(inner) else { continue };
        for mut c in citations::extract(raw) {
            c.span = (c.span.start + offset)..(c.span.end + offset);
            out.push(c);
        }
    }
    for mut c in citations::extract(split.body) {
        c.span = (c.span.start + split.body_offset)..(c.span.end + split.body_offset);
        out.push(c);
    }
    out
}

/// Resolves a letter's citations (ids, titles) and reports ambiguity and date
/// conflicts. Anchors are filled in by [`place`] once the body is parsed.
pub fn resolve(
    path: &str,
    mut found: Vec<Citation>,
    front: &FrontMatter,
    body_offset: usize,
    registry: &Registry,
) -> (Vec<LetterCitation>, Vec<Diagnostic>) {
    let ctx = context(front);
    let resolved = Resolver::new(registry).resolve_letter(&mut found, &ctx);
    let mut diagnostics = Vec::new();
    let mut out = Vec::with_capacity(found.len());
    for (citation, resolved) in found.into_iter().zip(resolved) {
        if resolved.ambiguous {
            diagnostics.push(
                Diagnostic::warning(
                    path,
                    format!("“{}” could mean several documents", citation.raw),
                )
                .at(citation.span.clone(), "ambiguous reference")
                .help(format!(
                    "write the full number and symbol; candidates: {}",
                    resolved.candidates.join(", ")
                )),
            );
        }
        // Warn where this date is the odd one out: it differs from the registry's
        // date, or from the year in the document's own number; with neither to
        // go by, wherever two dates meet.
        let known = resolved
            .id
            .as_deref()
            .and_then(|id| registry.get(id))
            .and_then(|e| e.citation.date);
        let odd_one_out = match (known, citation.date, citation.year) {
            (Some(k), Some(d), _) => k != d,
            (None, Some(d), Some(y)) => i32::from(d.year()) != y,
            _ => true,
        };
        if let (Some(conflict), Some(date), Some(id), true) = (
            resolved.date_conflict,
            citation.date,
            &resolved.id,
            odd_one_out,
        ) {
            let shown = crate::text::short_date;
            let other = if conflict.month() == 1
                && conflict.day() == 1
                && citation.year == Some(i32::from(conflict.year()))
            {
                format!("its number says {}", conflict.year())
            } else {
                format!("it is dated {} elsewhere", shown(conflict))
            };
            diagnostics.push(
                Diagnostic::warning(
                    path,
                    format!("{id} is dated {} here, but {other}", shown(date)),
                )
                .at(citation.span.clone(), "date conflict")
                .help("check the date against the original document; one of the two is a typo"),
            );
        }
        let legal_basis = citation.span.start < body_offset;
        out.push(LetterCitation {
            citation,
            resolved,
            anchor: LEGAL_BASES_ANCHOR.to_owned(),
            legal_basis,
        });
    }
    (out, diagnostics)
}

/// Ties each body citation to the paragraph it stands in.
pub fn place(citations: &mut [LetterCitation], body: &Body) {
    for c in citations.iter_mut().filter(|c| !c.legal_basis) {
        c.anchor = block_anchor(body, c.citation.span.start);
    }
}

/// The footnote, innermost block (paragraph, list item, table) or heading that
/// contains `offset`; else the letter's text as a whole.
fn block_anchor(body: &Body, offset: usize) -> String {
    if let Some((id, _)) = body
        .footnote_spans
        .iter()
        .find(|(_, s)| s.contains(&offset))
    {
        return id.clone();
    }
    let block = body
        .blocks
        .iter()
        .filter(|b| b.span.contains(&offset))
        .max_by_key(|b| b.span.start);
    if let Some(b) = block {
        return b.id.clone();
    }
    body.headings
        .iter()
        .find(|h| h.span.contains(&offset))
        .map_or_else(|| BODY_ANCHOR.to_owned(), |h| h.id.clone())
}

/// Id of the letter's main content (base.html's `<main>`).
pub const BODY_ANCHOR: &str = "noi-dung";

/// Whether a citation is worth a link in the text: it has an id and is not a
/// bare name we could not pin down.
pub fn linkable(c: &LetterCitation) -> bool {
    c.resolved.id.is_some() && (c.citation.kind != CitationKind::Named || c.resolved.complete)
}

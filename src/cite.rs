//! `gdtx cite`: citations of letters (.md, whose issuer gives the place) or plain
//! text (.txt, place from `--place`) as JSON Lines or a table. Used by people,
//! scripts and the accuracy measurements; ids are the site's document ids.

use std::fmt::Write as _;
use std::path::Path;

use toml::de::DeValue;

use crate::citations::{extract, Citation, CiteRecord, Context, Registry, Resolver};

/// Output format of `gdtx cite`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Table,
}

/// A file's citations in document order, and the place used to resolve them.
pub fn file_citations(
    text: &str,
    is_letter: bool,
    place: Option<&Context>,
) -> (Vec<Citation>, Context) {
    let mut ctx = place.cloned().unwrap_or_default();
    if !is_letter {
        return (extract(text), ctx);
    }
    let Ok(split) = crate::front_matter::split("", text) else {
        return (extract(text), ctx);
    };
    let mut out = Vec::new();
    if let Ok(doc) = toml::de::DeTable::parse(split.toml) {
        let table = doc.get_ref();
        if place.is_none() {
            if let Some(DeValue::Table(issuer)) = table.get("issuer").map(|v| v.get_ref()) {
                let field = |k: &str| match issuer.get(k).map(|v| v.get_ref()) {
                    Some(DeValue::String(s)) => Some(s.to_string()),
                    _ => None,
                };
                ctx.province = field("province");
                ctx.district = field("district");
            }
        }
        if let Some(DeValue::Array(bases)) = table.get("legal_bases").map(|v| v.get_ref()) {
            for basis in bases {
                let DeValue::Table(t) = basis.get_ref() else {
                    continue;
                };
                let Some(cite) = t.get("cite") else { continue };
                let span = cite.span();
                let inner = (split.toml_offset + span.start + 1)
                    ..(split.toml_offset + span.end).saturating_sub(1);
                let Some(raw) = text.get(inner.clone()) else {
                    continue;
                };
                for mut c in extract(raw) {
                    c.span = (c.span.start + inner.start)..(c.span.end + inner.start);
                    out.push(c);
                }
            }
        }
    }
    for mut c in extract(split.body) {
        c.span = (c.span.start + split.body_offset)..(c.span.end + split.body_offset);
        out.push(c);
    }
    (out, ctx)
}

/// Parses `--place "PROVINCE[/DISTRICT]"`; the province must be one of Vietnam's.
pub fn parse_place(place: &str) -> Result<Context, String> {
    let (province, district) = match place.split_once('/') {
        Some((p, d)) => (p.trim(), Some(d.trim().to_owned())),
        None => (place.trim(), None),
    };
    match crate::provinces::find(province) {
        Some(p) => Ok(Context {
            province: Some(p.name.to_owned()),
            district: district.filter(|d| !d.is_empty()),
        }),
        None => Err(match crate::provinces::suggest(province) {
            Some(s) => format!("unknown province \"{province}\" in --place; did you mean \"{s}\"?"),
            None => format!("unknown province \"{province}\" in --place; write it as in \"Hải Phòng/Huyện An Lão\""),
        }),
    }
}

/// Runs `gdtx cite` over `files`; returns the text to print.
pub fn run(
    files: &[std::path::PathBuf],
    place: Option<&Context>,
    format: Format,
    registry: &Registry,
) -> Result<String, String> {
    let mut resolver = Resolver::new(registry);
    let mut records = Vec::new();
    for file in files {
        let bytes =
            std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        let shown = file.display().to_string();
        let (text, bad) = crate::load::decode(&shown, bytes);
        if bad.is_some() {
            return Err(format!("{shown} is not UTF-8 text; save it as UTF-8"));
        }
        let is_letter = file.extension().is_some_and(|e| e == "md");
        let (mut citations, ctx) = file_citations(&text, is_letter, place);
        let resolved = resolver.resolve_letter(&mut citations, &ctx);
        for (c, r) in citations.iter().zip(&resolved) {
            records.push(CiteRecord::new(&shown, &text, c, r));
        }
    }
    Ok(match format {
        Format::Json => records.iter().fold(String::new(), |mut out, r| {
            let _ = writeln!(out, "{}", serde_json::to_string(r).unwrap_or_default());
            out
        }),
        Format::Table => table(&records),
    })
}

fn table(records: &[CiteRecord]) -> String {
    let rows: Vec<[String; 6]> = records
        .iter()
        .map(|r| {
            [
                format!(
                    "{}:{}:{}",
                    Path::new(&r.file)
                        .file_name()
                        .map_or(r.file.clone(), |n| n.to_string_lossy().into_owned()),
                    r.line,
                    r.col
                ),
                format!("{:?}", r.kind).to_lowercase(),
                r.doc_type.unwrap_or("-").to_owned(),
                match (&r.number, &r.symbol) {
                    (Some(n), Some(s)) => format!("{n} {s}"),
                    (Some(n), None) => n.clone(),
                    _ => "-".into(),
                },
                r.date.clone().unwrap_or_else(|| "-".into()),
                r.id.clone().unwrap_or_else(|| "(unresolved)".into()),
            ]
        })
        .collect();
    let header = ["where", "kind", "type", "number", "date", "id"].map(str::to_owned);
    let widths: Vec<usize> = (0..6)
        .map(|i| {
            rows.iter()
                .chain(std::iter::once(&header))
                .map(|r| r[i].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in std::iter::once(&header).chain(rows.iter()) {
        let line: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        let _ = writeln!(out, "{}", line.join("  ").trim_end());
    }
    let _ = writeln!(out, "{} citations", records.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_take_their_place_from_the_issuer_and_skip_comments() {
        let text = "+++\n# Công văn số 1/BGDĐT-GDTX trong chú thích\ntitle = \"x\"\n[issuer]\nprovince = \"Điện Biên\"\ndistrict = \"Huyện Điện Biên\"\n[[legal_bases]]\ncite = \"Quyết định số 1225/QĐ-UBND ngày 04/8/2023 của UBND huyện\"\n+++\n\nThực hiện Công văn số 3759/BGDĐT-GDTX ngày 28/7/2023.\n";
        let (cits, ctx) = file_citations(text, true, None);
        assert_eq!(ctx.province.as_deref(), Some("Điện Biên"));
        assert_eq!(cits.len(), 2);
        assert_eq!(&text[cits[0].span.clone()], cits[0].raw);
        assert!(cits[0].raw.starts_with("Quyết định số 1225"));
        assert!(cits[1].raw.starts_with("Công văn số 3759"));
    }

    #[test]
    fn place_must_be_a_province() {
        assert_eq!(
            parse_place("Hải Phòng/Huyện An Lão")
                .unwrap()
                .district
                .as_deref(),
            Some("Huyện An Lão")
        );
        assert!(parse_place("Hai Phongg").unwrap_err().contains("Hải Phòng"));
    }
}

//! Deadlines stage: every dated item of a letter, from its front matter and from
//! its text, with its granularity kept and duplicates merged.
//!
//! Contract: pure (letter parts in, deadlines and diagnostics out) and
//! deterministic. The text scanner recognises the phrases letters really use:
//! "Trước ngày 10/9/2023", "trước 20/12/2022", "từ ngày 01/10 đến 07/10/2023",
//! "(ngày 05/9/2023)", "chậm nhất ngày …", and the rows of a timetable appendix
//! whose first cell is "Tháng 8/2023" (a month-granularity item) or "Năm 2024".
//! A date without a year takes it from the school year (August–December → the
//! first year, January–July → the second). Dates that cite other documents
//! ("Quyết định số … ngày 04/8/2023") are not deadlines and are left alone.
//!
//! Each deadline keeps the anchor of the block it was found in, so pages link
//! to the paragraph. A text deadline with the same period as a front-matter
//! deadline of the same section is one deadline: the front matter's wording
//! wins, the text gives the precise anchor. Text deadlines that are impossible
//! dates or fall outside the letter's school year are warnings with a span.

use std::ops::Range;

use jiff::civil::Date;

use crate::diagnostics::Diagnostic;
use crate::front_matter::{FrontMatter, SchoolYear, When};
use crate::markdown::{Block, Body};

/// When a deadline falls, at the granularity the letter gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    Day(Date),
    /// First and last day, both included.
    Range(Date, Date),
    Month {
        year: i16,
        month: i8,
    },
    Year(i16),
}

impl Period {
    /// First day of the period (for sorting and month grouping).
    pub fn start(self) -> Date {
        match self {
            Period::Day(d) | Period::Range(d, _) => d,
            Period::Month { year, month } => Date::new(year, month, 1).unwrap_or_default(),
            Period::Year(y) => Date::new(y, 1, 1).unwrap_or_default(),
        }
    }

    /// The day after the period ends (iCalendar's exclusive DTEND).
    pub fn end_exclusive(self) -> Date {
        let last = match self {
            Period::Day(d) | Period::Range(_, d) => d,
            Period::Month { year, month } => Date::new(year, month, 1)
                .map(|d| d.last_of_month())
                .unwrap_or_default(),
            Period::Year(y) => Date::new(y, 12, 31).unwrap_or_default(),
        };
        last.tomorrow().unwrap_or(last)
    }

    /// "day", "range", "month" or "year".
    pub fn granularity(self) -> &'static str {
        match self {
            Period::Day(_) => "day",
            Period::Range(..) => "range",
            Period::Month { .. } => "month",
            Period::Year(_) => "year",
        }
    }

    /// Vietnamese label: "10/09/2023", "01/10/2023 – 07/10/2023", "tháng 8/2023",
    /// "năm 2024".
    pub fn label(self) -> String {
        let d = crate::text::short_date;
        match self {
            Period::Day(x) => d(x),
            Period::Range(a, b) => format!("{} – {}", d(a), d(b)),
            Period::Month { year, month } => format!("tháng {month}/{year}"),
            Period::Year(y) => format!("năm {y}"),
        }
    }

    /// ISO 8601: "2023-09-10", "2023-10-01/2023-10-07", "2023-08", "2024".
    pub fn iso(self) -> String {
        match self {
            Period::Day(x) => x.to_string(),
            Period::Range(a, b) => format!("{a}/{b}"),
            Period::Month { year, month } => format!("{year}-{month:02}"),
            Period::Year(y) => format!("{y:04}"),
        }
    }

    fn from_front(when: When, until: Option<Date>) -> Period {
        match (when, until) {
            (When::Day(d), Some(u)) if u > d => Period::Range(d, u),
            (When::Day(d), _) => Period::Day(d),
            (When::Month { year, month }, _) => Period::Month { year, month },
        }
    }
}

/// Where a deadline was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    FrontMatter,
    Text,
    /// Both: a front-matter deadline also written in the text.
    Both,
}

/// One deadline of a letter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deadline {
    pub period: Period,
    /// What is due (front matter's `what`, or the clause around the phrase).
    pub what: String,
    pub who: Option<String>,
    /// Id of the block (or heading) it belongs to; `None` only for a front-matter
    /// deadline without `anchor`.
    pub anchor: Option<String>,
    /// The phrase as printed ("Trước ngày 10/9/2023"), for text deadlines.
    pub phrase: Option<String>,
    pub origin: Origin,
    /// Byte span in the file (the phrase, or the `[[deadlines]]` table).
    pub span: Range<usize>,
}

/// A dated phrase found by [`find`]: the period (or why the date is not real)
/// and the phrase's byte range in the scanned text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub period: Result<Period, String>,
    pub range: Range<usize>,
    /// Month or year rows of a timetable carry their own text (the row's other
    /// cells); phrases in running text take the clause around them.
    pub row_text: Option<String>,
}

/// Finds the deadline phrases of one piece of Markdown source (a paragraph,
/// list item or table). `year` fills in dates written without a year.
pub fn find(text: &str, year: SchoolYear) -> Vec<Found> {
    // Every phrase holds a date or a month written in digits: most blocks have
    // none and need no scan.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let lc = lower_same_len(text);
    let mut out = Vec::new();
    // Phrases are tried only where one can start (an ASCII byte, so always a
    // char boundary).
    let bytes = lc.as_bytes();
    let mut pos = 0;
    while let Some(skip) = bytes[pos..].iter().position(|b| PHRASE_STARTS.contains(b)) {
        let at = pos + skip;
        match phrase_at(&lc, at, year) {
            Some(found) => {
                pos = found.range.end;
                out.push(found);
            }
            None => pos = at + 1,
        }
    }
    // Timetable rows: "| Tháng 8/2023 | … |".
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let lead = line.len() - trimmed.len();
        if let Some(cells) = trimmed.strip_prefix('|') {
            let mut cells = cells.split('|');
            if let (Some(first), rest) = (cells.next(), cells) {
                let first_start = line_start + lead + 1;
                let cell = first.trim();
                let cell_start = first_start + (first.len() - first.trim_start().len());
                if let Some(period) = row_period(cell, year) {
                    let row: Vec<&str> = rest.map(str::trim).filter(|c| !c.is_empty()).collect();
                    out.push(Found {
                        period,
                        range: cell_start..cell_start + cell.len(),
                        row_text: Some(
                            clean(&row.join(" "))
                                .trim_start_matches(['-', ' '])
                                .to_owned(),
                        ),
                    });
                }
            }
        }
        line_start += line.len();
    }
    out.sort_by_key(|f| f.range.start);
    out
}

/// Lower-cases `s` char by char, keeping a char as is when its lower case has
/// another UTF-8 length, so byte offsets stay valid in both strings.
fn lower_same_len(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let table = lower_table();
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if let Some(&l) = table.get(c as usize - 0x80) {
            out.push(l);
        } else {
            out.push(lower_char_same_len(c));
        }
    }
    out
}

/// The lower case of `c` when it is one character of the same length, else `c`.
fn lower_char_same_len(c: char) -> char {
    let mut l = c.to_lowercase();
    match (l.next(), l.next()) {
        (Some(x), None) if x.len_utf8() == c.len_utf8() => x,
        _ => c,
    }
}

/// [`lower_char_same_len`] of every character from U+0080 to U+1FFF (Latin and
/// the precomposed Vietnamese letters), computed once: a look-up per letter
/// instead of a search of the case tables.
fn lower_table() -> &'static [char] {
    static TABLE: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0x80..0x2000u32)
            .map(|u| char::from_u32(u).map_or('\u{FFFD}', lower_char_same_len))
            .collect()
    })
}

/// The first bytes of every phrase [`phrase_at`] reads ([`FROM`], [`DATED`]
/// and [`BEFORE`]); a test keeps them in step.
const PHRASE_STARTS: &[u8] = b"t(ch";
/// "từ ngày 1/9 đến ngày 5/9": a period.
const FROM: &str = "từ ngày ";
/// "(ngày 5/9)": a day.
const DATED: &str = "(ngày ";

/// Words that introduce a deadline date, longest first.
const BEFORE: &[&str] = &[
    "chậm nhất là ngày ",
    "chậm nhất ngày ",
    "chậm nhất là ",
    "chậm nhất ",
    "hạn chót là ngày ",
    "hạn chót ngày ",
    "hạn chót: ",
    "hạn chót ",
    "trước ngày ",
    "trước ",
];

fn phrase_at(lc: &str, pos: usize, year: SchoolYear) -> Option<Found> {
    let rest = &lc[pos..];
    // Only at a word start.
    if lc[..pos]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
    {
        return None;
    }
    if let Some(after) = rest.strip_prefix(FROM) {
        let a_start = pos + (rest.len() - after.len());
        let (a, a_len) = date_at(after)?;
        let mut p = a_start + a_len;
        let tail = &lc[p..];
        let sep = tail.trim_start();
        let sep = sep
            .strip_prefix("đến")
            .or_else(|| sep.strip_prefix('-'))
            .or_else(|| sep.strip_prefix('–'))?;
        let sep = sep.trim_start();
        let sep = sep.strip_prefix("ngày ").unwrap_or(sep);
        p = lc.len() - sep.len();
        let (b, b_len) = date_at(sep)?;
        let end = p + b_len;
        let period = resolve_range(a, b, year);
        return Some(Found {
            period,
            range: pos..end,
            row_text: None,
        });
    }
    if let Some(after) = rest.strip_prefix(DATED) {
        let (d, len) = date_at(after)?;
        let p = pos + DATED.len() + len;
        if !lc[p..].starts_with(')') {
            return None;
        }
        return Some(Found {
            period: resolve_day(d, year),
            range: pos..p + 1,
            row_text: None,
        });
    }
    for word in BEFORE {
        if let Some(after) = rest.strip_prefix(word) {
            let (d, len) = date_at(after)?;
            return Some(Found {
                period: resolve_day(d, year),
                range: pos..pos + word.len() + len,
                row_text: None,
            });
        }
    }
    None
}

/// A date as written: day, month and maybe year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Written {
    day: u32,
    month: u32,
    year: Option<i32>,
}

/// Reads "10/9/2023", "10/9", "10.9.2023" or "10 tháng 9 năm 2023" at the start
/// of `s` (lower case); returns it and its byte length.
fn date_at(s: &str) -> Option<(Written, usize)> {
    let (day, mut p) = number(s, 2)?;
    let rest = &s[p..];
    let (month, year) = if let Some(r) = rest.strip_prefix(" tháng ") {
        p += " tháng ".len();
        let (month, n) = number(r, 2)?;
        p += n;
        let year = s[p..].strip_prefix(" năm ").and_then(|r| number(r, 4));
        let year = year.filter(|(_, n)| *n == 4).map(|(y, n)| {
            p += " năm ".len() + n;
            y as i32
        });
        (month, year)
    } else {
        let sep = rest.chars().next().filter(|c| *c == '/' || *c == '.')?;
        p += 1;
        let (month, n) = number(&s[p..], 2)?;
        p += n;
        let year = s[p..]
            .strip_prefix(sep)
            .and_then(|r| number(r, 4))
            .filter(|(_, n)| *n == 4)
            .map(|(y, n)| {
                p += 1 + n;
                y as i32
            });
        (month, year)
    };
    // "10/9/20233" or "10/9/2023/x" is something else (a number or a code).
    if s[p..]
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || c == '/')
    {
        return None;
    }
    Some((Written { day, month, year }, p))
}

/// Up to `max` ASCII digits at the start of `s`.
fn number(s: &str, max: usize) -> Option<(u32, usize)> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || n > max {
        return None;
    }
    s[..n].parse().ok().map(|v| (v, n))
}

/// The calendar year of a month of a school year.
fn year_of(month: u32, year: SchoolYear) -> i32 {
    if month >= 8 {
        i32::from(year.start)
    } else {
        i32::from(year.start) + 1
    }
}

fn real_date(w: Written, year: SchoolYear) -> Result<Date, String> {
    let y = w.year.unwrap_or_else(|| year_of(w.month, year));
    let shown = match w.year {
        Some(_) => format!("{}/{}/{y}", w.day, w.month),
        None => format!("{}/{}", w.day, w.month),
    };
    if !(1..=12).contains(&w.month) {
        return Err(format!(
            "`{shown}` has month {}; months run from 1 to 12",
            w.month
        ));
    }
    let (Ok(y16), Ok(m), Ok(d)) = (i16::try_from(y), i8::try_from(w.month), i8::try_from(w.day))
    else {
        return Err(format!("`{shown}` is not a date"));
    };
    Date::new(y16, m, d).map_err(|_| {
        let days = Date::new(y16, m, 1).map_or(31, |f| f.days_in_month());
        format!("`{shown}` is not a real date: month {m} of {y} has {days} days")
    })
}

fn resolve_day(w: Written, year: SchoolYear) -> Result<Period, String> {
    real_date(w, year).map(Period::Day)
}

fn resolve_range(a: Written, b: Written, year: SchoolYear) -> Result<Period, String> {
    let end = real_date(b, year)?;
    let a = match (a.year, b.year) {
        // "từ ngày 01/10 đến 07/10/2023": the start takes the end's year (or the
        // year before when the months wrap, as in 20/12 → 05/01/2024).
        (None, Some(y)) => Written {
            year: Some(if a.month > b.month { y - 1 } else { y }),
            ..a
        },
        _ => a,
    };
    let start = real_date(a, year)?;
    if start > end {
        return Err(format!(
            "the period starts on {} after it ends on {}",
            start.strftime("%d/%m/%Y"),
            end.strftime("%d/%m/%Y")
        ));
    }
    Ok(Period::Range(start, end))
}

/// "Tháng 8/2023", "Tháng 01/2024", "Tháng 8", "Năm 2024" (lower or upper case,
/// with `**` emphasis) → the row's period.
fn row_period(cell: &str, year: SchoolYear) -> Option<Result<Period, String>> {
    let cell = lower_same_len(cell.trim_matches(['*', '_', ' ']));
    if let Some(rest) = cell.strip_prefix("tháng ") {
        let (month, n) = number(rest, 2)?;
        let tail = &rest[n..];
        let y = if tail.is_empty() {
            year_of(month, year)
        } else {
            let (y, m) = tail.strip_prefix('/').and_then(|t| number(t, 4))?;
            if m != 4 || m != tail.len() - 1 {
                return None;
            }
            y as i32
        };
        if !(1..=12).contains(&month) {
            return Some(Err(format!(
                "`{cell}` has month {month}; months run from 1 to 12"
            )));
        }
        return Some(Ok(Period::Month {
            year: i16::try_from(y).ok()?,
            month: month as i8,
        }));
    }
    if let Some(rest) = cell.strip_prefix("năm ") {
        let (y, n) = number(rest, 4)?;
        if n == 4 && n == rest.len() {
            return Some(Ok(Period::Year(i16::try_from(y).ok()?)));
        }
    }
    None
}

/// Plain text of a Markdown fragment: emphasis marks dropped, spaces collapsed.
fn clean(s: &str) -> String {
    let s: String = s.chars().filter(|c| !matches!(c, '*' | '`')).collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What a phrase is about: the clause around it (between list dashes, `;`,
/// sentence ends and cell bars), without the phrase itself.
fn clause(source: &str, range: &Range<usize>) -> String {
    let before = &source[..range.start];
    let start = [". ", "; ", " - ", "|", "\n"]
        .iter()
        .filter_map(|sep| before.rfind(sep).map(|i| i + sep.len()))
        .max()
        .unwrap_or(0);
    let after = &source[range.end..];
    let end = [". ", ";", " - ", "|", "\n", ".\n"]
        .iter()
        .filter_map(|sep| after.find(sep))
        .min()
        .unwrap_or(after.len());
    let trim = |s: &str| {
        clean(s)
            .trim_matches(|c: char| {
                c.is_whitespace() || matches!(c, ':' | ',' | ';' | '-' | '–' | '(' | ')' | '.')
            })
            .to_owned()
    };
    let head = trim(before[start..].trim_start_matches(['-', '+', ' ']));
    let tail = trim(&after[..end]);
    let text = if head.is_empty() { tail } else { head };
    let text = text
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ')
        .to_owned();
    shorten(&text, 200)
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let cut: String = s.chars().take(max).collect();
    let cut = cut.rfind(' ').map_or(cut.as_str(), |i| &cut[..i]);
    format!("{cut}…")
}

/// Every deadline of one letter, front matter and text merged, in date order.
/// `text` is the whole file (block spans index into it).
/// Footnotes as blocks, so dates written in them are read too: anchored at the
/// footnote, in the section of the paragraph that refers to it (so a footnote date
/// merges with a front-matter deadline of that section).
fn footnote_blocks(body: &Body) -> Vec<Block> {
    body.footnotes
        .iter()
        .zip(&body.footnote_spans)
        .map(|(label, (id, span))| {
            let marker = format!("[^{label}]");
            let section = body
                .blocks
                .iter()
                .find(|b| b.text.contains(&marker))
                .map_or_else(|| id.clone(), |b| b.section.clone());
            Block {
                id: id.clone(),
                kind: crate::markdown::BlockKind::Paragraph,
                section,
                number: None,
                depth: 0,
                text: crate::markdown::Text::default(),
                span: span.clone(),
            }
        })
        .collect()
}

pub fn extract(
    path: &str,
    front: &FrontMatter,
    body: &Body,
    text: &str,
) -> (Vec<Deadline>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut out: Vec<Deadline> = front
        .deadlines
        .iter()
        .map(|d| Deadline {
            period: Period::from_front(d.when, d.until),
            what: d.what.clone(),
            who: d.who.clone(),
            anchor: d.anchor.as_ref().map(|a| a.value.clone()),
            phrase: None,
            origin: Origin::FrontMatter,
            span: d.span.clone(),
        })
        .collect();
    let front_count = out.len();

    // Phrases by position; a phrase inside nested list items belongs to the
    // innermost block.
    let footnotes = footnote_blocks(body);
    let mut seen: Vec<(usize, &Block, Found)> = Vec::new();
    for block in body.blocks.iter().chain(&footnotes) {
        let Some(source) = text.get(block.span.clone()) else {
            continue;
        };
        for found in find(source, front.school_year) {
            let start = block.span.start + found.range.start;
            match seen.iter_mut().find(|(s, _, _)| *s == start) {
                Some(entry) if entry.1.span.len() > block.span.len() => {
                    *entry = (start, block, found)
                }
                Some(_) => {}
                None => seen.push((start, block, found)),
            }
        }
    }
    seen.sort_by_key(|(s, _, _)| *s);

    let (first, last) = front.school_year.bounds();
    for (start, block, found) in seen {
        let source = &text[block.span.clone()];
        let span = start..block.span.start + found.range.end;
        let phrase = clean(&source[found.range.clone()]);
        let period = match found.period {
            Ok(p) => p,
            Err(why) => {
                diagnostics.push(
                    Diagnostic::warning(path, format!("deadline \"{phrase}\" is not a real date"))
                        .at(span, why)
                        .help("fix the date as printed in the original letter; if the original has this typo, leave it: the item is left out of the calendar"),
                );
                continue;
            }
        };
        let what = match &found.row_text {
            Some(row) => shorten(row, 300),
            None => clause(source, &found.range),
        };
        // One deadline written in both places: keep the front matter's wording.
        let same = out[..front_count].iter_mut().find(|d| {
            d.period == period
                && d.origin == Origin::FrontMatter
                && d.anchor
                    .as_deref()
                    .is_none_or(|a| a == block.id || a == block.section)
        });
        if let Some(d) = same {
            d.origin = Origin::Both;
            d.anchor = Some(block.id.clone());
            d.phrase = Some(phrase);
            continue;
        }
        if period.start() < first || period.start() > last {
            diagnostics.push(
                Diagnostic::warning(
                    path,
                    format!(
                        "deadline {} is outside school year {}",
                        period.label(),
                        front.school_year.id()
                    ),
                )
                .at(span.clone(), "check the year")
                .help("a typo in the year is common; if the date is right, ignore this warning"),
            );
        }
        let dup = out[front_count..]
            .iter()
            .any(|d| d.period == period && crate::text::fold(&d.what) == crate::text::fold(&what));
        if dup {
            continue;
        }
        out.push(Deadline {
            period,
            what,
            who: None,
            anchor: Some(block.id.clone()),
            phrase: Some(phrase),
            origin: Origin::Text,
            span,
        });
    }
    let order = |d: &Deadline| {
        let block = d
            .anchor
            .as_deref()
            .and_then(|a| body.blocks.iter().position(|b| b.id == a))
            .unwrap_or(usize::MAX);
        (d.period.start(), block, d.span.start)
    };
    out.sort_by_key(order);
    (out, diagnostics)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_phrase_starts_with_a_byte_the_scan_stops_at() {
        for phrase in super::BEFORE.iter().chain([&super::FROM, &super::DATED]) {
            assert!(
                super::PHRASE_STARTS.contains(&phrase.as_bytes()[0]),
                "{phrase}"
            );
        }
    }

    use super::*;

    fn day(y: i16, m: i8, d: i8) -> Period {
        Period::Day(Date::new(y, m, d).unwrap())
    }

    const Y2023: SchoolYear = SchoolYear { start: 2023 };

    /// Real phrases from content/*.md and what they must give.
    #[test]
    fn real_phrases() {
        let r = |a: (i16, i8, i8), b: (i16, i8, i8)| {
            Period::Range(
                Date::new(a.0, a.1, a.2).unwrap(),
                Date::new(b.0, b.1, b.2).unwrap(),
            )
        };
        let table: &[(&str, SchoolYear, &str, Period)] = &[
            (
                "- Báo cáo thống kê đầu năm học: Trước ngày 10/9/2023;",
                Y2023,
                "Trước ngày 10/9/2023",
                day(2023, 9, 10),
            ),
            (
                "- Báo cáo thống kê học kì 1: Trước ngày 10/01/2024;",
                Y2023,
                "Trước ngày 10/01/2024",
                day(2024, 1, 10),
            ),
            (
                "Báo cáo sơ kết học kỳ 1: trước 20/12/2022; Báo cáo tổng kết",
                SchoolYear { start: 2022 },
                "trước 20/12/2022",
                day(2022, 12, 20),
            ),
            (
                "- Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2023 (từ ngày 01/10 đến 07/10/2023).",
                Y2023,
                "từ ngày 01/10 đến 07/10/2023",
                r((2023, 10, 1), (2023, 10, 7)),
            ),
            (
                "- Khai giảng năm học mới 2023- 2024 (ngày 05/9/2023).",
                Y2023,
                "(ngày 05/9/2023)",
                day(2023, 9, 5),
            ),
            (
                "Gửi về Phòng chậm nhất ngày 15 tháng 9 năm 2023.",
                Y2023,
                "chậm nhất ngày 15 tháng 9 năm 2023",
                day(2023, 9, 15),
            ),
            (
                "Nộp hồ sơ trước ngày 25/8.",
                Y2023,
                "trước ngày 25/8",
                day(2023, 8, 25),
            ),
            (
                "Nộp báo cáo trước ngày 25/5.",
                Y2023,
                "trước ngày 25/5",
                day(2024, 5, 25),
            ),
            (
                "| Tháng 8/2023 | - Tổ chức bồi dưỡng chính trị hè 2023 |",
                Y2023,
                "Tháng 8/2023",
                Period::Month {
                    year: 2023,
                    month: 8,
                },
            ),
            (
                "| Tháng 01/2024 | - Sơ kết học kỳ I |",
                Y2023,
                "Tháng 01/2024",
                Period::Month {
                    year: 2024,
                    month: 1,
                },
            ),
            (
                "| Năm 2024 | - Tổng kết |",
                Y2023,
                "Năm 2024",
                Period::Year(2024),
            ),
        ];
        for (text, year, phrase, period) in table {
            let found = find(text, *year);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert_eq!(&text[found[0].range.clone()], *phrase, "{text}");
            assert_eq!(found[0].period.as_ref().unwrap(), period, "{text}");
        }
    }

    #[test]
    fn citation_dates_are_not_deadlines() {
        for text in [
            "Căn cứ Quyết định số 1225/QĐ-UBND, ngày 04/8/2023 của UBND huyện",
            "Kỷ niệm 41 năm ngày Nhà giáo Việt Nam (20/11/1982 - 20/11/2023).",
            "giảm 1/2 số tiết cho giáo viên",
            "Thông tư số 33/2021/TT-BGDĐT ngày 26/11/2021",
            "trước 2023",
        ] {
            assert_eq!(find(text, Y2023), vec![], "{text}");
        }
    }

    #[test]
    fn impossible_dates_say_why() {
        let found = find("Nộp trước ngày 31/02/2024.", Y2023);
        assert_eq!(
            found[0].period.as_ref().unwrap_err(),
            "`31/2/2024` is not a real date: month 2 of 2024 has 29 days"
        );
        let found = find("từ ngày 10/10 đến 01/10/2023", Y2023);
        assert!(found[0]
            .period
            .as_ref()
            .unwrap_err()
            .contains("after it ends"));
    }

    #[test]
    fn ranges_wrap_the_year() {
        let found = find("từ ngày 20/12 đến 05/01/2024", Y2023);
        assert_eq!(
            found[0].period,
            Ok(Period::Range(
                Date::new(2023, 12, 20).unwrap(),
                Date::new(2024, 1, 5).unwrap()
            ))
        );
    }

    #[test]
    fn clauses_name_what_is_due() {
        let s = "- Báo cáo thống kê đầu năm học: Trước ngày 10/9/2023;";
        let f = &find(s, Y2023)[0];
        assert_eq!(clause(s, &f.range), "Báo cáo thống kê đầu năm học");
        let s = "- Khai giảng năm học mới 2023- 2024 (ngày 05/9/2023). - Hướng dẫn";
        let f = &find(s, Y2023)[0];
        assert_eq!(clause(s, &f.range), "Khai giảng năm học mới 2023- 2024");
        let s = "Trước ngày 10/9/2023, các trường gửi báo cáo.";
        let f = &find(s, Y2023)[0];
        assert_eq!(clause(s, &f.range), "các trường gửi báo cáo");
    }

    #[test]
    fn periods_end_the_next_day() {
        assert_eq!(day(2023, 9, 10).end_exclusive().to_string(), "2023-09-11");
        let m = Period::Month {
            year: 2023,
            month: 12,
        };
        assert_eq!(m.end_exclusive().to_string(), "2024-01-01");
        assert_eq!(m.label(), "tháng 12/2023");
        assert_eq!(m.iso(), "2023-12");
    }
}

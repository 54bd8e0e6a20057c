//! Vietnamese text helpers shared by every stage: NFC normalisation on load, and
//! the one folding used for slugs and search, so that "xoa mu chu" finds
//! "xóa mù chữ" and "bgddt" finds "BGDĐT".

use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

/// Canonical composition (NFC). Letters typed on different keyboards mix NFC and
/// NFD; everything downstream compares NFC strings.
pub fn nfc(s: &str) -> String {
    if unicode_normalization::is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes {
        s.to_owned()
    } else {
        s.nfc().collect()
    }
}

/// Folds one string for matching: NFD, drop combining marks, đ/Đ → d, lowercase.
/// The JavaScript search uses the same steps.
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        match c {
            'đ' | 'Đ' | 'Ð' | 'ð' => out.push('d'),
            c if is_combining_mark(c) => {}
            c => {
                // The base of the full canonical decomposition: what NFD then
                // stripping the marks leaves.
                let mut base = None;
                unicode_normalization::char::decompose_canonical(c, |d| {
                    base.get_or_insert(d);
                });
                out.extend(base.unwrap_or(c).to_lowercase());
            }
        }
    }
    out
}

/// A URL slug: folded, ASCII letters and digits, words joined by `-`.
pub fn slugify(s: &str) -> String {
    let folded = deunicode::deunicode(&fold(s));
    let mut slug = String::with_capacity(folded.len());
    let mut pending_dash = false;
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c.to_ascii_lowercase());
        } else {
            pending_dash = true;
        }
    }
    slug
}

/// A date as Vietnamese documents print it: "19/08/2024".
pub fn short_date(d: jiff::civil::Date) -> String {
    format!("{:02}/{:02}/{}", d.day(), d.month(), d.year())
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = text[line_start..offset].chars().count() + 1;
    (line, col)
}

/// The largest char boundary at or before `i`.
pub fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Closest candidate to `input` by folded edit distance, if it is close enough to
/// be a plausible typo ("did you mean").
pub fn closest<'a, I>(input: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let folded = fold(input);
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&folded, &fold(c)), c))
        .filter(|(d, c)| *d <= (folded.chars().count().max(c.chars().count()) / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_strips_marks_and_maps_d() {
        assert_eq!(fold("Xóa mù chữ"), "xoa mu chu");
        assert_eq!(fold("BGDĐT"), "bgddt");
        assert_eq!(fold("ĐẮK LẮK"), "dak lak");
        // Latin capital eth, a look-alike of Đ that OCR and old fonts produce.
        assert_eq!(fold("BGDÐT"), "bgddt");
    }

    #[test]
    fn nfc_composes_decomposed_input() {
        let nfd: String = "Giáo dục".nfd().collect();
        assert_ne!(nfd, "Giáo dục");
        assert_eq!(nfc(&nfd), "Giáo dục");
    }

    #[test]
    fn slugs_are_ascii_and_stable() {
        assert_eq!(slugify("Hải Phòng"), "hai-phong");
        assert_eq!(slugify("  Thành phố Hồ Chí Minh "), "thanh-pho-ho-chi-minh");
        assert_eq!(slugify("3759/BGDĐT-GDTX"), "3759-bgddt-gdtx");
        assert_eq!(slugify("GDTX&ĐH"), "gdtx-dh");
    }

    #[test]
    fn line_col_counts_characters() {
        let t = "ab\nđồng x";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, 3), (2, 1));
        let x = t.find('x').unwrap();
        assert_eq!(line_col(t, x), (2, 6));
    }

    #[test]
    fn closest_suggests_typos_only() {
        let c = ["title", "kind", "school_year"];
        assert_eq!(closest("titel", c), Some("title"));
        assert_eq!(closest("schol_year", c), Some("school_year"));
        assert_eq!(closest("zzzzzzzz", c), None);
    }
}

//! Vietnamese text helpers shared by every stage: NFC normalisation on load, and
//! the one folding used for slugs and search, so that "xoa mu chu" finds
//! "xóa mù chữ" and "bgddt" finds "BGDĐT".

use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

/// Canonical composition (NFC). Letters typed on different keyboards mix NFC and
/// NFD; everything downstream compares NFC strings.
pub fn nfc(s: &str) -> String {
    if is_nfc(s) {
        s.to_owned()
    } else {
        s.nfc().collect()
    }
}

/// [`nfc`] of a string already owned: kept as it is when it is NFC (almost
/// always), so loading a letter does not copy it.
pub fn nfc_owned(s: String) -> String {
    if is_nfc(&s) {
        s
    } else {
        s.nfc().collect()
    }
}

/// Whether `s` is NFC by the quick check. Almost every letter is made of
/// starters (combining class 0) that may occur in NFC, which settles it:
/// characters below U+0300 and in Latin Extended Additional (U+1E00–U+1EFF,
/// the precomposed Vietnamese vowels) are such starters and are skipped on
/// bytes, others are looked up one by one, and the first mark or character
/// that may compose sends the whole text to the full quick check.
fn is_nfc(s: &str) -> bool {
    use unicode_normalization::char::canonical_combining_class;
    use unicode_normalization::{is_nfc_quick, IsNormalized};
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            ..0xcc => i += 1,
            // E1 B8 80 – E1 BB BF: U+1E00 – U+1EFF.
            0xe1 if matches!(b.get(i + 1), Some(0xb8..=0xbb)) => i += 3,
            _ => {
                let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else {
                    break;
                };
                if canonical_combining_class(c) != 0
                    || is_nfc_quick(std::iter::once(c)) != IsNormalized::Yes
                {
                    return is_nfc_quick(s.chars()) == IsNormalized::Yes;
                }
                i += c.len_utf8();
            }
        }
    }
    true
}

/// Folds one string for matching: NFD, drop combining marks, đ/Đ → d, lowercase.
/// The JavaScript search uses the same steps.
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    fold_into(&mut out, s);
    out
}

/// [`fold`] appending to `out`, so hot loops can reuse one buffer.
pub fn fold_into(out: &mut String, s: &str) {
    let table = fold_table();
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if let Some(&f) = table.get(c as usize - 0x80) {
            match f {
                // A combining mark: dropped.
                0 => {}
                MANY => fold_char(c, out),
                f => out.push(char::from_u32(f).unwrap_or(c)),
            }
        } else {
            fold_char(c, out);
        }
    }
}

/// The folding of every character from U+0080 below [`FOLD_TABLE_END`] (Latin,
/// combining marks, Vietnamese precomposed letters), computed once, so folding
/// is a table look-up per character instead of a decomposition. Entries that
/// fold to several characters are [`MANY`]; they and everything above the
/// table take [`fold_char`].
fn fold_table() -> &'static [u32] {
    static TABLE: std::sync::OnceLock<Vec<u32>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0x80..FOLD_TABLE_END)
            .map(|u| {
                let Some(c) = char::from_u32(u) else {
                    return u;
                };
                let mut folded = String::new();
                fold_char(c, &mut folded);
                let mut chars = folded.chars();
                match (chars.next(), chars.next()) {
                    (None, _) => 0,
                    (Some(f), None) => f as u32,
                    (Some(_), Some(_)) => MANY,
                }
            })
            .collect()
    })
}

const FOLD_TABLE_END: u32 = 0x2000;
/// A table entry for a character that folds to several characters.
const MANY: u32 = u32::MAX;

/// The slow, exact folding of one character.
fn fold_char(c: char, out: &mut String) {
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
    fn the_quick_nfc_check_agrees_with_normalisation() {
        use unicode_normalization::UnicodeNormalization;
        for s in [
            "",
            "Xóa mù chữ",
            "ĐẨY MẠNH “ỨNG DỤNG” – 2024…",
            "a\u{301}",
            "\u{1e9b}\u{323}",
            "Ω",
            "\u{2000}",
            "ự",
            "\u{1100}\u{1161}",
        ] {
            assert_eq!(nfc(s), s.nfc().collect::<String>(), "{s:?}");
        }
        assert!(is_nfc("Kính gửi: Phòng Giáo dục và Đào tạo – “các huyện”"));
        assert!(!is_nfc("a\u{301}"));
        // Every character skipped on bytes is a starter that is its own NFC.
        for u in (0..0x300).chain(0x1e00..0x1f00) {
            let c = char::from_u32(u).unwrap();
            let s = c.to_string();
            assert_eq!(s.nfc().collect::<String>(), s, "U+{u:04X}");
            assert_eq!(
                unicode_normalization::char::canonical_combining_class(c),
                0,
                "U+{u:04X}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn nfc_is_normalisation(s in "[aeoô ̣̀́̃̉\u{1100}\u{1161}\u{2000}\u{212b}–“ếữ]{0,12}") {
            use unicode_normalization::UnicodeNormalization;
            proptest::prop_assert_eq!(nfc(&s), s.nfc().collect::<String>());
        }
    }

    #[test]
    fn fold_strips_marks_and_maps_d() {
        assert_eq!(fold("Xóa mù chữ"), "xoa mu chu");
        assert_eq!(fold("BGDĐT"), "bgddt");
        assert_eq!(fold("ĐẮK LẮK"), "dak lak");
        // Latin capital eth, a look-alike of Đ that OCR and old fonts produce.
        assert_eq!(fold("BGDÐT"), "bgddt");
    }

    #[test]
    fn the_fold_table_agrees_with_the_exact_folding_everywhere() {
        for u in 0x80..0x3000u32 {
            let Some(c) = char::from_u32(u) else { continue };
            let mut exact = String::new();
            fold_char(c, &mut exact);
            let mut fast = String::new();
            fold_into(&mut fast, &c.to_string());
            assert_eq!(fast, exact, "U+{u:04X}");
        }
        let nfd: String = "Xóa mù chữ".nfd().collect();
        assert_eq!(fold(&nfd), "xoa mu chu");
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

//! Clean stage. Contract: [`clean`] returns one entry per *visible* character of
//! the input (combining marks and zero-width characters are folded into the
//! preceding entry), each with its byte range in the original text, so any range
//! of entries maps back to an exact source span on char boundaries.
//!
//! The folded character keeps its case but loses diacritics (Đ→D, ế→e), and
//! look-alikes are unified: Latin Ð and African Ɖ → Đ, Cyrillic letters → Latin,
//! every dash → '-', every slash → '/', every quote → '"', every space → ' '.
//! Matching then works the same on clean, NFD, OCR-stripped and PDF text.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

#[derive(Debug, Default)]
pub(crate) struct Cleaned {
    /// Folded character, case kept.
    pub chars: Vec<char>,
    /// Whether the original character was a D with stroke (Đ, đ, Ð, Ɖ).
    pub stroked_d: Vec<bool>,
    /// Byte offset where each entry starts. An entry ends where the next one
    /// starts (invisible characters belong to the entry before them), the last
    /// one at `len`.
    pub starts: Vec<usize>,
    /// Byte length of the cleaned text.
    pub len: usize,
}

impl Cleaned {
    pub fn byte_range(&self, from: usize, to: usize) -> std::ops::Range<usize> {
        if from >= to || to > self.chars.len() {
            return 0..0;
        }
        let end = if to < self.chars.len() {
            self.starts[to]
        } else {
            self.len
        };
        self.starts[from]..end
    }
}

/// Cyrillic and Greek letters that OCR and copy-paste put in place of Latin ones.
fn homoglyph(c: char) -> char {
    match c {
        'А' | 'Α' => 'A',
        'В' | 'Β' => 'B',
        'С' => 'C',
        'Е' | 'Ε' => 'E',
        'Н' | 'Η' => 'H',
        'І' | 'Ι' => 'I',
        'К' | 'Κ' => 'K',
        'М' | 'Μ' => 'M',
        'О' | 'Ο' => 'O',
        'Р' | 'Ρ' => 'P',
        'Т' | 'Τ' => 'T',
        'Х' | 'Χ' => 'X',
        'У' => 'Y',
        'а' => 'a',
        'с' => 'c',
        'е' => 'e',
        'о' => 'o',
        'р' => 'p',
        'х' => 'x',
        'у' => 'y',
        'і' => 'i',
        'Ð' | 'Ɖ' | 'Đ' => 'D',
        'ð' | 'ɖ' | 'đ' => 'd',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' => '-',
        '\u{2044}' | '\u{2215}' | '\u{FF0F}' => '/',
        '“' | '”' | '„' | '«' | '»' | '″' => '"',
        '‘' | '’' => '\'',
        '\u{FF06}' => '&',
        _ => c,
    }
}

fn base_char(c: char) -> char {
    let mut first = None;
    decompose_canonical(c, |d| {
        if first.is_none() {
            first = Some(d);
        }
    });
    first.unwrap_or(c)
}

fn is_invisible(c: char) -> bool {
    is_combining_mark(c)
        || matches!(
            c,
            '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
        )
}

pub(crate) fn clean(text: &str) -> Cleaned {
    let mut out = Cleaned::default();
    clean_into(&mut out, text);
    out
}

/// [`clean`] into a reused [`Cleaned`]: a letter's cleaned stream is thirteen
/// bytes per character, and fresh memory for each letter costs page faults.
pub(crate) fn clean_into(out: &mut Cleaned, text: &str) {
    out.chars.clear();
    out.stroked_d.clear();
    out.starts.clear();
    out.chars.reserve(text.len());
    out.stroked_d.reserve(text.len());
    out.starts.reserve(text.len());
    out.len = text.len();
    for (i, c) in text.char_indices() {
        if c.is_ascii() {
            // ASCII is never invisible nor a homoglyph; only spaces change.
            out.chars.push(if c.is_whitespace() { ' ' } else { c });
            out.stroked_d.push(false);
            out.starts.push(i);
            continue;
        }
        if is_invisible(c) && !out.starts.is_empty() {
            // Joins the entry before: its end is the next entry's start.
            continue;
        }
        let h = homoglyph(c);
        let stroked = matches!(c, 'Đ' | 'đ' | 'Ð' | 'ð' | 'Ɖ' | 'ɖ');
        let f = if c.is_whitespace() {
            ' '
        } else if h.is_ascii() {
            h
        } else {
            base_char(h)
        };
        out.chars.push(f);
        out.stroked_d.push(stroked);
        out.starts.push(i);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_but_keeps_spans() {
        let t = "Số 2501/SGDÐT–GDTX";
        let c = clean(t);
        let s: String = c.chars.iter().collect();
        assert_eq!(s, "So 2501/SGDDT-GDTX");
        assert!(c.stroked_d[11]);
        let r = c.byte_range(0, 2);
        assert_eq!(&t[r], "Số");
    }

    #[test]
    fn decomposed_marks_join_their_base() {
        let t = "so\u{0302}\u{0301} 1";
        let c = clean(t);
        assert_eq!(c.chars.len(), 4);
        assert_eq!(&t[c.byte_range(0, 2)], "so\u{0302}\u{0301}");
    }

    #[test]
    fn cyrillic_lookalikes_become_latin() {
        let c = clean("ТТ-ВGDĐT");
        let s: String = c.chars.iter().collect();
        assert_eq!(s, "TT-BGDDT");
    }
}

//! Tokenize stage. Contract: [`tokenize`] turns the cleaned stream into words
//! (maximal runs of letters and digits) and single punctuation characters,
//! skipping spaces but remembering whether a token followed one. Token positions
//! index the cleaned stream, so every token maps to an exact source span.

use std::fmt;
use std::ops::Deref;

use super::clean::Cleaned;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    Punct,
}

/// Bytes a token's text holds without a heap allocation.
const INLINE: usize = 22;

/// A token's text: inline when short (almost always), so tokenizing does not
/// allocate per token.
#[derive(Clone)]
pub(crate) enum Str {
    Inline(u8, [u8; INLINE]),
    Heap(Box<str>),
}

impl Str {
    fn from_chars(chars: &[char]) -> Str {
        let mut buf = [0u8; INLINE];
        let mut n = 0;
        for &ch in chars {
            let l = ch.len_utf8();
            if n + l > INLINE {
                return Str::Heap(chars.iter().collect::<String>().into_boxed_str());
            }
            ch.encode_utf8(&mut buf[n..n + l]);
            n += l;
        }
        Str::Inline(n as u8, buf)
    }

    /// Lower case, exactly as `str::to_lowercase`.
    fn to_lower(&self) -> Str {
        match self {
            Str::Inline(n, buf) if buf[..usize::from(*n)].is_ascii() => {
                let mut b = *buf;
                b.make_ascii_lowercase();
                Str::Inline(*n, b)
            }
            _ => Str::from(self.as_str().to_lowercase()),
        }
    }

    /// The UTF-8 bytes, without the check `as_str` makes.
    pub fn bytes_of(&self) -> &[u8] {
        match self {
            Str::Inline(n, buf) => &buf[..usize::from(*n)],
            Str::Heap(s) => s.as_bytes(),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            // Built only from whole chars in `from_chars`/`to_lower`/`from`.
            Str::Inline(n, buf) => std::str::from_utf8(&buf[..usize::from(*n)]).unwrap_or(""),
            Str::Heap(s) => s,
        }
    }
}

impl From<String> for Str {
    fn from(s: String) -> Str {
        if s.len() <= INLINE {
            let mut buf = [0u8; INLINE];
            buf[..s.len()].copy_from_slice(s.as_bytes());
            Str::Inline(s.len() as u8, buf)
        } else {
            Str::Heap(s.into_boxed_str())
        }
    }
}

impl Deref for Str {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for Str {
    fn eq(&self, other: &Str) -> bool {
        self.bytes_of() == other.bytes_of()
    }
}

impl Eq for Str {}

impl fmt::Debug for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Token {
    pub kind: Kind,
    /// Folded text, case kept.
    pub text: Str,
    /// Folded text, lower case: what matching compares.
    pub lower: Str,
    /// Position range in the cleaned stream.
    pub start: usize,
    pub end: usize,
    pub space_before: bool,
}

impl Token {
    pub fn is(&self, s: &str) -> bool {
        self.lower.bytes_of() == s.as_bytes()
    }
    pub fn is_punct(&self, c: char) -> bool {
        let mut b = [0u8; 4];
        self.kind == Kind::Punct
            && self
                .text
                .bytes_of()
                .starts_with(c.encode_utf8(&mut b).as_bytes())
    }
    pub fn is_digits(&self) -> bool {
        self.kind == Kind::Word && self.text.bytes_of().iter().all(u8::is_ascii_digit)
    }
    pub fn starts_upper(&self) -> bool {
        match self.text.bytes_of().first() {
            Some(&b) if b.is_ascii() => b.is_ascii_uppercase(),
            _ => self.text.chars().next().is_some_and(char::is_uppercase),
        }
    }
}

pub(crate) fn tokenize(c: &Cleaned) -> Vec<Token> {
    let mut tokens = Vec::new();
    tokenize_into(&mut tokens, c);
    tokens
}

/// [`tokenize`] into a reused vector (see [`super::clean::clean_into`]).
pub(crate) fn tokenize_into(tokens: &mut Vec<Token>, c: &Cleaned) {
    tokens.clear();
    tokens.reserve(c.chars.len() / 4);
    let mut i = 0;
    let mut space = true;
    let n = c.chars.len();
    while i < n {
        let ch = c.chars[i];
        if ch == ' ' {
            space = true;
            i += 1;
            continue;
        }
        let start = i;
        let kind = if ch.is_alphanumeric() {
            while i < n && c.chars[i].is_alphanumeric() {
                i += 1;
            }
            Kind::Word
        } else {
            i += 1;
            Kind::Punct
        };
        let text = Str::from_chars(&c.chars[start..i]);
        let lower = text.to_lower();
        tokens.push(Token {
            kind,
            text,
            lower,
            start,
            end: i,
            space_before: space,
        });
        space = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_and_heap_text_lower_like_std() {
        for s in [
            "Thông",
            "BGDĐT",
            "ΣΑΣ",
            "AbcdefghijklmnopqrstuvwxyZ",
            "İx",
            "x",
        ] {
            let chars: Vec<char> = s.chars().collect();
            let t = Str::from_chars(&chars);
            assert_eq!(t.as_str(), s);
            assert_eq!(t.to_lower().as_str(), s.to_lowercase());
        }
    }
}

//! Tokenize stage. Contract: [`tokenize`] turns the cleaned stream into words
//! (maximal runs of letters and digits) and single punctuation characters,
//! skipping spaces but remembering whether a token followed one. Token positions
//! index the cleaned stream, so every token maps to an exact source span.

use super::clean::Cleaned;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    Punct,
}

#[derive(Clone, Debug)]
pub(crate) struct Token {
    pub kind: Kind,
    /// Folded text, case kept.
    pub text: String,
    /// Folded text, lower case: what matching compares.
    pub lower: String,
    /// Position range in the cleaned stream.
    pub start: usize,
    pub end: usize,
    pub space_before: bool,
}

impl Token {
    pub fn is(&self, s: &str) -> bool {
        self.lower == s
    }
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct && self.text.starts_with(c)
    }
    pub fn is_digits(&self) -> bool {
        self.kind == Kind::Word && self.text.bytes().all(|b| b.is_ascii_digit())
    }
    pub fn starts_upper(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
}

pub(crate) fn tokenize(c: &Cleaned) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(c.chars.len() / 4);
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
        let text: String = c.chars[start..i].iter().collect();
        let lower = text.to_lowercase();
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
    tokens
}

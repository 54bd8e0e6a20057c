//! gdtx compiles a folder of Vietnamese continuing-education (GDTX) guidance
//! letters into a cross-linked static website.
//!
//! The modules read as the pipeline:
//!
//! 1. [`load`]: read site.toml, content/ and theme overrides (I/O edge); decode
//!    text (UTF-8, BOM, CRLF, NFC).
//! 2. [`front_matter`] and [`markdown`] (together [`letter`]): split and validate
//!    the TOML front matter, parse the Markdown body with stable anchors.
//! 3. [`citations`]: extract cited documents (in progress).
//!    [`deadlines`]: dated items from front matter and text, merged.
//! 4. [`corpus`]: the cross-linked model of all letters; [`compare`]: topics
//!    across letters (groups of similar items, year over year, the matrix).
//!    [`search`]: the static search index the browser queries.
//! 5. [`render`]: minijinja templates over borrowed views → pages in memory.
//! 6. [`write`]: swap the new site into place (I/O edge).
//!
//! [`build`] strings them together; [`cli`] is the command line;
//! [`incremental`] keeps a built site in memory for `gdtx serve` and rebuilds
//! only what an edit changes.

// Diagnostics travel in `Err` on cold paths only; boxing them buys nothing.
#![allow(clippy::result_large_err)]

pub mod build;
pub mod citations;
pub mod cite;
pub mod cli;
pub mod compare;
pub mod config;
pub mod corpus;
pub mod deadlines;
pub mod diagnostics;
pub mod extract;
pub mod front_matter;
pub mod incremental;
pub mod letter;
pub mod load;
pub mod markdown;
pub mod provinces;
pub mod render;
pub mod search;
pub mod serve;
pub mod text;
pub mod toml_reader;
pub mod write;

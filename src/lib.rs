pub mod config;
pub mod diagnostics;
pub mod front_matter;
pub mod provinces;
pub mod text;
pub mod toml_reader;
pub mod markdown;
pub mod citations;

//! Extract stage for citations: see the citations branch. Placeholder until the
//! extractor lands.

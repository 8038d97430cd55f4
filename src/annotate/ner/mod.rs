//! The trained statistical entity tagger (being built; see issue 3).

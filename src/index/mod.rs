//! Source sentences → a searchable inverted index (BM25 over analysed terms).

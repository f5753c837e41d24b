"""Text: paragraphs and sentences (:mod:`~analysis.text.segmentation`), THE tokenizer of every stage
and language, stop words (:mod:`~analysis.text.tokens`), regular-expression helpers
(:mod:`~analysis.text.patterns`)."""

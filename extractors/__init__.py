"""Extraction, a stage: page text and metadata (trafilatura), then people, counts of people and dates (spaCy).

May import: ``gazetteer`` (the vocabulary and known people it reads) and ``records`` (it makes
``Article``s and ``PageFacts``). Never ``crawler``, ``resolution``, ``warehouse`` or ``flows``:
the people it finds are resolved to ids by the ``resolution`` stage, which ``flows`` calls next.
"""

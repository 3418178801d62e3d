"""The bottom layer: plain records passed between stages, and safe reading of data and settings files.

May import: nothing of ours (only the standard library and PyYAML). Every other package may import it.

- ``records.pages``: what the crawler fetched and archived (``FetchResult``, ``FetchFailure``, ``FeedState``,
  ``RawPage``) and the extracted ``Article``;
- ``records.facts``: what the extractors found (``Mention``, ``CountFact``, ``DateFact``, ``EventFact``),
  resolved ``Person``s and everything of one page (``PageFacts``), each fact with character offsets into
  the article text;
- ``records.datafiles``: YAML and TOML files read as the hostile input they may be.
"""

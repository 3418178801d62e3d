"""Crawling, a stage: sources files, discovery (feeds, sitemaps), polite and guarded fetching, canonical URLs.

May import: ``records`` only (it makes ``FetchResult``, ``FetchFailure`` and ``FeedState`` records).
Plain library code: no Prefect, no NLP, no storage; ``flows`` archives what it fetches.
"""

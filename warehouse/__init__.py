"""Storage: the DuckDB warehouse, its migrations and views, loading, crawl state and analysts' queries.

May import: ``records`` only. It stores finished values (canonical URL, fingerprint, extractor
version come with each page) and never imports the stages that make them, nor spaCy or Prefect;
where it needs a computation (recomputing old fingerprints) the caller passes the function in.
"""

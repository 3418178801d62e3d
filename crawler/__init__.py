"""Discovery and polite fetching of news pages: plain library code, no Prefect."""

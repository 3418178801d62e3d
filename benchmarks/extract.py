"""Benchmark the fact-extraction stage: words per second of the default spaCy pipeline.

    python -m benchmarks.extract [--words 500000] [--batch-size 32] [--repeat 5]

Text: the bundled sample site's articles (our own writing), repeated until the
corpus holds ``--words`` words, as separate documents. Prints the whole
pipeline's words/s (tokenizer, sentencizer, people, counts, dates, events) and each
component's own words/s and share of the time, measured in one run on one core.
Events are timed on their own: ``find_events`` over the sentences, people, counts and
dates an untimed pass found, as the events component receives them.
"""

from __future__ import annotations

import argparse
import os
import time
from datetime import date

from extractors.counts import find_counts
from extractors.dates import find_dates
from extractors.events import find_events
from extractors.people import find_mentions
from extractors.pipeline import build_nlp, sentence_bounds
from newsfacts.demo_site import load_articles


def corpus(words: int) -> list[tuple[str, date]]:
    """Sample-site article bodies with their publication dates, repeated to ``words`` words."""
    base = [(a.body_text, date.fromisoformat(str(a.published)[:10])) for a in load_articles()]
    out, n = [], 0
    while n < words:
        for text, published in base:
            out.append((text, published))
            n += len(text.split())
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--words", type=int, default=500_000)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--repeat", type=int, default=1, help="time each component this many times, keep the best")
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    docs = corpus(args.words)
    words = sum(len(t.split()) for t, _ in docs)
    nlp = build_nlp()
    nlp("warm-up: tables and matchers are built once per process, outside the timing")

    t0 = time.perf_counter()
    tokenized = [nlp.make_doc(t) for t, _ in docs]
    t_tok = time.perf_counter() - t0

    sentencizer = nlp.get_pipe("sentencizer")
    t0 = time.perf_counter()
    for d in tokenized:
        sentencizer(d)
    t_sent = time.perf_counter() - t0

    def best(run) -> float:
        """Best of ``--repeat`` timings: the machine is shared, the minimum is the least disturbed."""
        times = []
        for _ in range(max(1, args.repeat)):
            t0 = time.perf_counter()
            run()
            times.append(time.perf_counter() - t0)
        return min(times)

    parts = {
        "people": best(lambda: [find_mentions(d) for d in tokenized]),
        "counts": best(lambda: [find_counts(text) for text, _ in docs]),
        "dates": best(lambda: [find_dates(text, published) for text, published in docs]),
    }
    # what the events component is given, found once outside the timing
    found = [(text, *sentence_bounds(d), find_mentions(d), find_counts(text), find_dates(text, published), published)
             for d, (text, published) in zip(tokenized, docs, strict=True)]
    parts["events"] = best(lambda: [find_events(*args) for args in found])

    def texts():
        for text, published in docs:
            d = nlp.make_doc(text)
            d._.published = published
            yield d

    t0 = time.perf_counter()
    n_docs = sum(1 for _ in nlp.pipe(texts(), batch_size=args.batch_size))
    t_all = time.perf_counter() - t0

    stages = {"tokenizer": t_tok, "sentencizer": t_sent, **parts}
    total_parts = sum(stages.values())
    print(f"corpus: {n_docs} documents, {words:,} words (sample-site articles, repeated)")
    print(f"{'stage':<12} {'seconds':>8} {'words/s':>12} {'share':>7}")
    for name, secs in stages.items():
        print(f"{name:<12} {secs:8.2f} {words / secs:12,.0f} {secs / total_parts:7.1%}")
    print(f"{'pipeline':<12} {t_all:8.2f} {words / t_all:12,.0f}")
    facts = sum(v for k, v in parts.items() if k != "events")
    print(f"{'facts (3)':<12} {facts:8.2f} {words / facts:12,.0f}   people + counts + dates, "
          f"{facts / words * 1e6:.2f} ms per 1,000 words")
    print(f"RESULT extract_words_per_s={words / t_all:.0f} docs={n_docs} words={words}")


if __name__ == "__main__":
    main()

"""Near-duplicate text detection with a 64-bit simhash (Charikar 2002).

Written here (about twenty lines, no dependency) rather than pulled in: the
same wire story republished by a second site differs in a byline, a dateline
or a sentence of chrome, so an exact content hash misses it, while the
simhashes of the two texts differ in only a few bits. Features are word
2-shingles (bigrams) of the case-folded text, hashed with blake2b: on the
sample site they separate copies from other articles better than single words
(too coarse) or 3-shingles (too sensitive to a changed byline).
"""

from __future__ import annotations

import hashlib
import re

import numpy as np

BITS = 64
#: at most this many differing bits counts as the same story. Manku et al. use 3 for billions of web
#: pages; news copies differ more (byline, dateline, a wire credit). On the sample site a copy with a
#: new byline, dateline and credit is 0-5 bits away, while different articles on the same subject are
#: 21 bits or more apart, so 8 leaves a margin on both sides.
NEAR_DUPLICATE_BITS = 8
#: texts shorter than this many words are not compared: too few shingles for a stable fingerprint
MIN_WORDS = 50
_WORD = re.compile(r"\w+")
_SHIFTS = np.arange(BITS, dtype=np.uint64)
_POWERS = np.left_shift(np.uint64(1), _SHIFTS)


def simhash(text: str, shingle: int = 2) -> int:
    """64-bit fingerprint of ``text``; near-identical texts get fingerprints a few bits apart.

    Each shingle's blake2b hash votes +1/-1 on each of the 64 bits; a bit is set where the +1 votes are the
    majority. The votes are summed by NumPy over all shingles at once (a per-bit Python loop cost ~10 ms
    for a 1,000-word article).
    """
    words = _WORD.findall(text.casefold())
    grams = [" ".join(words[i:i + shingle]) for i in range(max(1, len(words) - shingle + 1))]
    blake2b = hashlib.blake2b
    digests = b"".join([blake2b(g.encode("utf-8"), digest_size=8).digest() for g in grams])
    hashes = np.frombuffer(digests, dtype=">u8").astype(np.uint64)
    ones = ((hashes[:, None] >> _SHIFTS) & np.uint64(1)).sum(axis=0, dtype=np.int64)
    return int(np.dot((2 * ones > len(grams)).astype(np.uint64), _POWERS))


def distance(a: int, b: int) -> int:
    """Number of differing bits."""
    return (a ^ b).bit_count()


def comparable(text: str) -> bool:
    """Long enough for its simhash to mean something."""
    return len(_WORD.findall(text)) >= MIN_WORDS


def near_duplicate(a: int, b: int, max_bits: int = NEAR_DUPLICATE_BITS) -> bool:
    """True when two fingerprints differ in at most ``max_bits`` bits."""
    return distance(a, b) <= max_bits

"""Near-duplicate text detection with a 64-bit simhash (Charikar 2002).

Written here (a few lines of NumPy, no dependency) rather than pulled in: the
same wire story republished by a second site differs in a byline, a dateline
or a sentence of chrome, so an exact content hash misses it, while the
simhashes of the two texts differ in only a few bits. Features are word
2-shingles (bigrams) of the case-folded text: on the sample site they separate
copies from other articles better than single words (too coarse) or 3-shingles
(too sensitive to a changed byline).

A bigram's 64-bit hash mixes the blake2b hashes of its two words (MurmurHash3's
finaliser, in NumPy over the whole text at once); word hashes are cached per
process, since news text reuses its words. Hashing every bigram string with
blake2b instead cost ~3 ms a 1,000-word article, more than the rest of the load.
``METHOD`` names this scheme; the warehouse stores it beside each fingerprint
and recomputes fingerprints made by another one.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np

BITS = 64
#: the fingerprint scheme; stored with each fingerprint, so a warehouse can tell old ones apart
METHOD = "bigram-mix64-v2"
#: at most this many differing bits counts as the same story. Manku et al. use 3 for billions of web
#: pages; news copies differ more (byline, dateline, a wire credit). On the sample site a copy with a
#: new byline, dateline and credit is 0-5 bits away, while different articles on the same subject are
#: 21 bits or more apart, so 8 leaves a margin on both sides.
NEAR_DUPLICATE_BITS = 8
#: texts shorter than this many words are not compared: too few shingles for a stable fingerprint
MIN_WORDS = 50
_WORD = re.compile(r"\w+")
_WORD_HASHES: dict[str, int] = {}  # word → blake2b-64; cleared when it grows past _CACHE_MAX
_CACHE_MAX = 1 << 18
_K1, _K2, _K3 = np.uint64(0x9E3779B97F4A7C15), np.uint64(0xFF51AFD7ED558CCD), np.uint64(0xC4CEB9FE1A85EC53)


def _word_hashes(words: list[str]) -> np.ndarray:
    cache = _WORD_HASHES
    if len(cache) > _CACHE_MAX:
        cache.clear()
    blake2b = hashlib.blake2b
    for w in set(words).difference(cache):
        cache[w] = int.from_bytes(blake2b(w.encode("utf-8"), digest_size=8).digest(), "little")
    return np.fromiter(map(cache.__getitem__, words), dtype=np.uint64, count=len(words))


def _fmix(x: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finaliser: every input bit flips each output bit with probability ~1/2."""
    x ^= x >> np.uint64(33)
    x *= _K2
    x ^= x >> np.uint64(33)
    x *= _K3
    x ^= x >> np.uint64(33)
    return x


def _fingerprint(words: list[str]) -> int:
    hw = _word_hashes(words or [""])
    if len(hw) > 1:  # bigram (a, b): order matters, so b is rotated before the mix
        b = hw[1:]
        hw = hw[:-1] * _K1 ^ ((b << np.uint64(31)) | (b >> np.uint64(33)))
    grams = _fmix(hw)
    ones = np.unpackbits(grams.astype("<u8").view(np.uint8), bitorder="little").reshape(-1, BITS).sum(
        axis=0, dtype=np.int64)
    majority = np.packbits(2 * ones > len(grams), bitorder="little")
    return int.from_bytes(majority.tobytes(), "little")


def simhash(text: str) -> int:
    """64-bit fingerprint of ``text``; near-identical texts get fingerprints a few bits apart.

    Each bigram's hash votes +1/-1 on each of the 64 bits; a bit is set where the +1 votes are the majority.
    """
    return _fingerprint(_WORD.findall(text.casefold()))


def fingerprint(text: str) -> int | None:
    """``simhash(text)`` for a text long enough to compare (``MIN_WORDS``), else None."""
    words = _WORD.findall(text.casefold())
    return _fingerprint(words) if len(words) >= MIN_WORDS else None


def distance(a: int, b: int) -> int:
    """Number of differing bits."""
    return (a ^ b).bit_count()


def comparable(text: str) -> bool:
    """Long enough for its simhash to mean something."""
    return len(_WORD.findall(text)) >= MIN_WORDS


def near_duplicate(a: int, b: int, max_bits: int = NEAR_DUPLICATE_BITS) -> bool:
    """True when two fingerprints differ in at most ``max_bits`` bits."""
    return distance(a, b) <= max_bits

"""A 64-bit simhash of an article's text (Charikar 2002), to find syndicated copies.

Written here (a few lines of NumPy, no dependency) rather than pulled in: the
same wire story republished by a second site differs in a byline, a dateline
or a sentence of chrome, so an exact content hash misses it, while the
simhashes of the two texts differ in only a few bits. Features are word
2-shingles (bigrams) of the lower-cased words: on the sample site they separate
copies from other articles better than single words (too coarse) or 3-shingles
(too sensitive to a changed byline).

The words are the spaCy tokens the extraction pipeline already made, read as
the 64-bit hashes of their lower-case forms (``LOWER``, spaCy's MurmurHash),
punctuation and spaces left out; a bigram's hash mixes its two words' hashes
with MurmurHash3's finaliser, in NumPy over the whole text at once. Hashing
each bigram's string with blake2b after a regex pass over the text instead
cost ~3 ms a 1,000-word article, more than the rest of the load. ``METHOD``
names this scheme (``records.fingerprints``: features and hashing; a tokenizer change that moves token
boundaries must change it too); the warehouse stores it beside each
fingerprint, and fingerprints made by another scheme are recomputed by the extract flow.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import IS_PUNCT, IS_SPACE, LOWER
from spacy.tokens import Doc

from extractors.columns import columns
from records.fingerprints import BITS

#: texts shorter than this many words are not compared: too few shingles for a stable fingerprint
MIN_WORDS = 50
_K1, _K2, _K3 = np.uint64(0x9E3779B97F4A7C15), np.uint64(0xFF51AFD7ED558CCD), np.uint64(0xC4CEB9FE1A85EC53)


def word_hashes(doc: Doc) -> np.ndarray:
    """The 64-bit hashes of the doc's words, lower-cased, in order (punctuation and spaces left out)."""
    arr = columns(doc, (LOWER, IS_PUNCT, IS_SPACE))
    return arr[(arr[:, 1] == 0) & (arr[:, 2] == 0), 0]


def _fmix(x: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finaliser: every input bit flips each output bit with probability ~1/2."""
    x ^= x >> np.uint64(33)
    x *= _K2
    x ^= x >> np.uint64(33)
    x *= _K3
    x ^= x >> np.uint64(33)
    return x


def simhash_of(words: np.ndarray) -> int:
    """The simhash of a text given its words' 64-bit hashes: each bigram's hash votes on each bit."""
    hw = np.asarray(words, dtype=np.uint64)
    if len(hw) > 1:  # bigram (a, b): order matters, so b is rotated before the mix
        b = hw[1:]
        hw = hw[:-1] * _K1 ^ ((b << np.uint64(31)) | (b >> np.uint64(33)))
    elif not len(hw):
        return 0
    grams = _fmix(hw.copy())
    ones = np.unpackbits(grams.astype("<u8").view(np.uint8), bitorder="little").reshape(-1, BITS).sum(
        axis=0, dtype=np.int64)
    majority = np.packbits(2 * ones > len(grams), bitorder="little")
    return int.from_bytes(majority.tobytes(), "little")


def doc_fingerprint(doc: Doc) -> int | None:
    """The simhash of a tokenized text long enough to compare (``MIN_WORDS``), else None."""
    words = word_hashes(doc)
    return simhash_of(words) if len(words) >= MIN_WORDS else None

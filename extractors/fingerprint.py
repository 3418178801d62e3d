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
names this scheme (features and hashing; a tokenizer change that moves token
boundaries must change it too); the warehouse stores it beside each
fingerprint and recomputes fingerprints made by another scheme.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import IS_PUNCT, IS_SPACE, LOWER
from spacy.tokens import Doc

BITS = 64
#: the fingerprint scheme; stored with each fingerprint, so a warehouse can tell old ones apart
METHOD = "spacy-lower-bigrams-v2"
#: at most this many differing bits counts as the same story. Manku et al. use 3 for billions of web
#: pages; news copies differ more (byline, dateline, a wire credit). On the sample site a copy with a
#: new byline, dateline and credit is 0-7 bits away (this scheme; 0-5 with the first one), while
#: different articles on the same subject are 18 bits or more apart (21), so 8 sits between the two.
NEAR_DUPLICATE_BITS = 8
#: texts shorter than this many words are not compared: too few shingles for a stable fingerprint
MIN_WORDS = 50
_K1, _K2, _K3 = np.uint64(0x9E3779B97F4A7C15), np.uint64(0xFF51AFD7ED558CCD), np.uint64(0xC4CEB9FE1A85EC53)


def word_hashes(doc: Doc) -> np.ndarray:
    """The 64-bit hashes of the doc's words, lower-cased, in order (punctuation and spaces left out)."""
    arr = doc.to_array([LOWER, IS_PUNCT, IS_SPACE])
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


def _make_doc(text: str) -> Doc:
    from extractors.pipeline import build_nlp  # the pipeline imports this module

    return build_nlp().make_doc(text)


def fingerprint(text: str) -> int | None:
    """``doc_fingerprint`` of ``text`` tokenized by the extraction pipeline's tokenizer."""
    return doc_fingerprint(_make_doc(text))


def simhash(text: str) -> int:
    """64-bit fingerprint of ``text``, however short; near-identical texts get fingerprints a few bits apart."""
    return simhash_of(word_hashes(_make_doc(text)))


def comparable(text: str) -> bool:
    """Long enough for its simhash to mean something."""
    return len(word_hashes(_make_doc(text))) >= MIN_WORDS


def distance(a: int, b: int) -> int:
    """Number of differing bits."""
    return (a ^ b).bit_count()


def near_duplicate(a: int, b: int, max_bits: int = NEAR_DUPLICATE_BITS) -> bool:
    """True when two fingerprints differ in at most ``max_bits`` bits."""
    return distance(a, b) <= max_bits

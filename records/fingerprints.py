"""The content-fingerprint scheme that the extractor making fingerprints and the warehouse comparing them share.

A 64-bit simhash of an article's word bigrams (``extractors.fingerprint`` computes it). The warehouse
stores ``METHOD`` beside each fingerprint, compares only fingerprints of the current method, and has
older ones recomputed from the stored text by a maintenance step (``flows.extract``), never as a
side effect of opening the file.
"""

BITS = 64
#: the fingerprint scheme; stored with each fingerprint, so a warehouse can tell old ones apart
METHOD = "spacy-lower-bigrams-v2"
#: at most this many differing bits counts as the same story. Manku et al. use 3 for billions of web
#: pages; news copies differ more (byline, dateline, a wire credit). On the sample site a copy with a
#: new byline, dateline and credit is 0-7 bits away (this scheme; 0-5 with the first one), while
#: different articles on the same subject are 18 bits or more apart (21), so 8 sits between the two.
NEAR_DUPLICATE_BITS = 8

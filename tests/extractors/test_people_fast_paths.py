"""The people detector's fast paths equal the plain ways they stand for.

Each test keeps the plain way (what ``extractors/people.py`` did before the fast path) and checks the fast path
gives the same on the seed texts, generated news pages and random texts built to hit the path's edge cases.
"""

from __future__ import annotations

import random
from functools import lru_cache
from pathlib import Path

import pytest

from extractors import people
from extractors.pipeline import build_nlp

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seeds"

# pieces that make and break capitalised runs, organisation nouns and appositions
_PIECES = ("the", "The", "charity", "group", "NGO", "channel", ",", ", a", ", the", ", an", "opposition", "outlet",
           "said", "of", "for", "de", "la", "-", "Anti-Corruption", "Charter-97", "Foro", "Memoria", "Center",
           "Civil", "Liberties", "Maria", "Kalesnikava", "Harbor", "Light", "Justicia", "Viva", "(", ")", "[", "]",
           ".", "\n", "Anna", "Veter", "A.", "O'Brien", "al", "el-Rahman", "von", "der", "Leyen", "President",
           "journalist", "Vesna", "Zvonok", "'s", "party", "member", "head", "Telegram", "Later", "X", "ABC", "97")


def _random_texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        words = [rng.choice(_PIECES) for _ in range(rng.randint(1, 80))]
        out.append("".join(w + rng.choice((" ", " ", " ", "", "\n")) for w in words))
    return out


_RUNS = ("Center for Civil Liberties", "Foro de la Memoria", "Anti-Corruption Foundation", "Charter-97", "Viasna",
         "Justicia Viva", "Harbor Light", "Center for Civil", "Foro de Memoria-Viva", "Dom-al Zed", "Ales Bialiatski",
         "One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve", "Alpha-beta Gamma for Delta of Eta")
_BEFORE = ("the charity", "the NGO", "The group", "a", "and", "In", "Later", "the Telegram channel")
_AFTER = (", a charity,", ", an opposition outlet.", ", the group said.", " said.", ", a party member,", ", who",
          "-based", " (Living Justice) counted.", ", the", ", a", ".")


def _template_texts(n: int, seed: int) -> list[str]:
    """A run of capitalised words with inner connectors and hyphens, an organisation noun before or an
    apposition after it, two or three times a text."""
    rng = random.Random(seed)
    return [" ".join(f"{rng.choice(_BEFORE)} {rng.choice(_RUNS)}{rng.choice(_AFTER)}" for _ in range(rng.randint(1, 3)))
            for _ in range(n)]


@lru_cache(maxsize=1)
def _texts() -> tuple[str, ...]:
    """Seed texts, generated news pages (the benchmark's) and random texts."""
    from benchmarks.pages import page
    from extractors.text import extract_article

    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts += [extract_article(page(i, seed), url=f"https://example.com/{seed}/{i}").text
              for seed in (1, 7) for i in range(25)]
    return tuple(texts + _random_texts(400, seed=11) + _template_texts(400, seed=12))


@lru_cache(maxsize=1)
def _nlp():
    return build_nlp()


def _docs():
    nlp = _nlp()
    for text in _texts():
        yield people._Doc(nlp.get_pipe("sentencizer")(nlp.make_doc(text)))


# ------------------------------------------------------------ organisations named on the page

def _plain_introduced_runs(d, tb, taken) -> list[list[int]]:
    """Every run of the page's scan, kept when an organisation noun comes before or after it."""
    out = []
    resume = 0
    for i in d.caps:
        if i < resume or taken[i]:
            continue
        run = people._org_run(d, taken, i)
        resume = run[-1] + 1
        if people._org_noun_before(d, tb, i) or people._org_noun_after(d, tb, run[-1] + 1):
            out.append(run)
    return out


def test_introduced_runs_are_the_plain_scans():
    tb = people._tables()
    kept = 0
    for d in _docs():
        taken = [False] * len(d.words)
        plain = _plain_introduced_runs(d, tb, taken)
        assert people._introduced_runs(d, tb, taken) == plain, d.text
        kept += len(plain)
    assert kept > 100  # the texts do introduce bodies


@pytest.mark.parametrize("seed", range(3))
def test_introduced_runs_with_taken_tokens(seed):
    """Taken tokens cut runs short: the fast path must cut them as the scan does."""
    tb = people._tables()
    rng = random.Random(seed)
    for d in _docs():
        taken = [rng.random() < 0.1 for _ in d.words]
        assert people._introduced_runs(d, tb, taken) == _plain_introduced_runs(d, tb, taken), d.text


# ------------------------------------------------------------ discovery runs

def _plain_discover(d, tb, taken, found) -> None:
    """``people._discover`` asking every helper at every token, as it once did."""
    n = len(d.words)
    resume = 0
    for i in d.caps:
        if i < resume or taken[i] or not d.name[i]:
            continue
        run = [i]
        j = i
        while people._hyphen_joins(d, taken, j):
            run += [j + 1, j + 2]
            j += 2
        while j + 1 < n and d.space[j] and d.text[d.end(j)] == " " and not taken[j + 1]:
            nxt = j + 1
            if d.name[nxt] or (d.initial[nxt] and nxt + 1 < n and d.name[nxt + 1]):
                run.append(nxt)
                j = nxt
            elif (k := people._particles_before_name(d, taken, nxt)):
                run += list(range(nxt, nxt + k))
                j = nxt + k - 1
            elif people._article_joins(d, taken, nxt):
                run += [nxt, nxt + 1, nxt + 2]
                j = nxt + 2
            else:
                break
            while people._hyphen_joins(d, taken, j):
                run += [j + 1, j + 2]
                j += 2
        resume = run[-1] + 1
        people._segment_run(d, tb, run, taken, found)


_NAME_PIECES = ("Pieter", "van", "der", "Berg", "Maria", "dos", "Santos", "Omar", "Abd", "el-Rahman", "al", "-",
                "Sudani", "Jean-Luc", "Al-Sudani", "A.", "J.", "said", ",", "a", "former", "minister", "de", "la",
                "Anatol", "Kotau", "(", ")", "President", "journalist", "Ursula", "von", "Leyen", "el", "El")


@pytest.mark.parametrize("seed", range(2))
def test_discovered_runs_are_the_plain_scans(seed):
    tb = people._tables()
    rng = random.Random(seed)
    nlp = _nlp()
    extra = ["".join(rng.choice(_NAME_PIECES) + rng.choice((" ", " ", "")) for _ in range(rng.randint(1, 40)))
             for _ in range(400)]
    docs = list(_docs()) + [people._Doc(nlp.get_pipe("sentencizer")(nlp.make_doc(t))) for t in extra]
    kept = 0
    for d in docs:
        taken = [False] * len(d.words)
        found: list = []
        people._page_organisations(d, tb, taken)
        people._match_known(d, tb, taken, found)
        plain_taken, plain_found = list(taken), list(found)
        people._discover(d, tb, taken, found)
        _plain_discover(d, tb, plain_taken, plain_found)
        assert (taken, found) == (plain_taken, plain_found), d.text
        kept += len(found)
    assert kept > 1000


# ------------------------------------------------------------ token offsets and spaces

def test_a_space_flag_is_a_space_in_the_text_and_offsets_are_spacys():
    """``_Doc.space`` stands for "followed by a space", once also tested on the text; the offsets ``_Doc`` reads
    from NumPy are the tokens' own."""
    nlp = _nlp()
    for text in _texts() + ("A\u00a0B  C\tD \nE\u2009F ", " x", "x "):
        doc = nlp.get_pipe("sentencizer")(nlp.make_doc(text))
        d = people._Doc(doc)
        assert d.space == [bool(t.whitespace_) for t in doc]
        for t in doc:
            assert (d.start(t.i), d.end(t.i)) == (t.idx, t.idx + len(t.text))
            assert type(d.start(t.i)) is int and type(d.end(t.i)) is int
            if d.space[t.i]:
                assert d.text[d.end(t.i)] == " ", text


def test_phrase_keys_are_slices_of_the_key_columns():
    """Phrases are looked up as ``d.keys[a:b]`` / ``d.lowers[a:b]``, once built token by token: the columns must
    be tuples, so a slice is the tuple of each token's key (the lexicon tables' keys are tuples)."""
    for d in list(_docs())[:60]:
        assert type(d.keys) is tuple and type(d.lowers) is tuple
        n = len(d.words)
        for a in range(0, n, 7):
            for b in range(a, min(n, a + 6) + 1):
                assert d.keys[a:b] == tuple(d.keys[j] for j in range(a, b))
                assert d.lowers[a:b] == tuple(d.lowers[j] for j in range(a, b))


# ------------------------------------------------------------ gazetteer pass

def _plain_match_known(d, tb, taken, found) -> None:
    """``people._match_known`` building each key tuple token by token and asking every token's phonetic key."""
    n = len(d.words)
    resume = 0
    for i in d.caps:
        if i < resume or taken[i]:
            continue
        k = d.keys[i]
        np_len = 0
        for length in tb.nonperson_first.get(k, ()):
            if i + length <= n and tuple(d.keys[j] for j in range(i, i + length)) in tb.nonperson:
                np_len = length
                break
        known_start = k in tb.person_first or people._phon(k) in tb.person_first
        span = people._name_span(d, i, tb.max_person + 2) if d.name[i] and known_start else []
        best = None
        for end in range(len(span), 0, -1):
            idx = [j for j in span[:end] if not d.initial[j] and d.words[j] != "-"]
            if d.initial[span[end - 1]] or d.words[span[end - 1]] == "-" or (
                    end < len(span) and d.words[span[end]] == "-"):
                continue
            keys = tuple(d.keys[j] for j in idx)
            ids = tb.people.get(keys)
            if ids is None and (len(keys) > 1 or len(keys[0]) >= 5):
                ids = tb.people_phon.get(tuple(people._phon(k) for k in keys))
            if ids is None and len(idx) >= 3 and people._PATRONYMIC.search(keys[1]):
                ids = tb.people.get((keys[0], *keys[2:]))
            if ids:
                best = (end, span[end - 1], ids)
                break
        if best is not None and best[0] == 1:
            if people._blocked_single(d, tb, i) and not people._cued(d, tb, i):
                best = None
            elif i + 1 < n and d.name[i + 1] and d.keys[i + 1] in tb.heads:
                best = None
        if best is not None and (best[0] > np_len or (best[0] == np_len and best[0] >= 2)):
            first, last, ids = i, best[1], best[2]
            first, ids = people._with_given_name(d, tb, taken, first, last, ids)
            found.append((first, last + 1, ids, False))
            for j in range(first, last + 1):
                taken[j] = True
            resume = last + 1
            continue
        if np_len:
            for j in range(i, i + np_len):
                taken[j] = True
            resume = i + np_len


def test_known_matches_are_the_plain_pass():
    tb = people._tables()
    kept = 0
    for d in _docs():
        taken = [False] * len(d.words)
        people._page_organisations(d, tb, taken)
        plain_taken, found, plain_found = list(taken), [], []
        people._match_known(d, tb, taken, found)
        _plain_match_known(d, tb, plain_taken, plain_found)
        assert (taken, found) == (plain_taken, plain_found), d.text
        kept += len(found)
    assert kept > 500

"""Parse person-name spellings and decide whether two of them name one person.

A spelling is split into given name, initials, patronymic and surname (handling
``SURNAME, Given Patronymic``, an upper-case surname anywhere, Russian
``Surname Given Patronymic`` order and middle initials). The surname becomes a
phonetic *stem key* with its gender ending normalised (-aya/-ska → -ski,
-ova/-ava/-owa → -ov, -ina → -in), so husband and wife share a stem and differ
in gender. :func:`compare` applies the rules: given-name classes must agree
(Viktar ≠ Eduard), genders must agree (given name first, then patronymic, then
surname form), patronymics must not contradict, surnames must agree on their
keys (exact, a foreign case ending, or a rapidfuzz ratio above a bar that is
higher when no given name backs the match).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, fields
from functools import lru_cache

from rapidfuzz.distance import OSA, Indel, JaroWinkler

from gazetteer.load import GivenName, load_given_names
from gazetteer.name_rules import ending_pattern, load_name_rules
from gazetteer.romanisations import Romanisation, load_romanisations
from gazetteer.settings import resolution_settings
from gazetteer.translit import fold, phonetic_key

_SETTINGS = resolution_settings()
#: decision bars (ratios in (0, 1] on phonetic keys), from ``[resolution]`` in ``gazetteer/data/settings.toml``
#: (documented there): both given names agree / unknown given names / surname-only pairs / full name vs
#: surname-only / below it a pair is clearly different, not reported as uncertain
FULL_SURNAME_MIN = _SETTINGS.full_surname_min
GIVEN_FUZZY_MIN = _SETTINGS.given_fuzzy_min
SURNAME_ONLY_MIN = _SETTINGS.surname_only_min
MIXED_MIN = _SETTINGS.mixed_min
GREY_LOW = _SETTINGS.grey_low
#: the highest score :func:`compare` gives two full names it rejects on their given names, genders or
#: patronymics (0.3 or 0.4 times the surname similarity, else capped here)
REJECTED_MAX = 0.6


@dataclass(frozen=True, slots=True)
class ParsedName:
    """One spelling taken apart; keys are folded ASCII or phonetic keys."""

    raw: str
    given: str
    given_classes: frozenset[str]
    given_gender: str
    initials: str
    patronymic: str
    patr_classes: frozenset[str]
    patr_gender: str
    surname: str
    stem: str
    case_stems: tuple[str, ...]
    surname_gender: str
    alt_stems: tuple[str, ...] = ()   # stem keys under other romanisations' readings (French ou/ch, Swedish tj)
    part_stems: tuple[str, ...] = ()  # stem keys of each part of a double surname ("Sharenda-Panasiuk")
    title_gender: str = ""            # from an honorific before the name ("Lady", "Mr")

    @property
    def gender(self) -> str:
        """'m'/'f' from the given name, else the patronymic, else an honorific, else the surname form."""
        return self.given_gender or self.patr_gender or self.title_gender or self.surname_gender

    @property
    def has_given(self) -> bool:
        return bool(self.given)

    @property
    def given_id(self) -> str:
        """The given-name class (sorted, joined) or ``k:`` + phonetic key when unknown; '' for none."""
        if self.given_classes:
            return "+".join(sorted(self.given_classes))
        if self.given:
            return "k:" + phonetic_key(self.given)
        return ""

    @property
    def completeness(self) -> int:
        return (2 * bool(self.given)) + bool(self.patronymic) + len(self.initials) + bool(self.surname)


def _slot_builder(cls: type) -> Callable[..., object]:
    """A constructor of frozen slots dataclass ``cls`` (every field given, no ``__post_init__``) that stores each
    field through its slot's descriptor: the generated ``__init__`` goes through ``object.__setattr__`` per field,
    ~1.5 µs a :class:`ParsedName` (a tenth of parsing one), this ~0.6 µs. Same instance, still frozen."""
    names = [f.name for f in fields(cls)]
    namespace: dict[str, object] = {"_new": object.__new__, "_cls": cls}
    namespace.update({f"_set_{n}": cls.__dict__[n].__set__ for n in names})
    body = "".join(f"    _set_{n}(self, {n})\n" for n in names)
    exec(f"def build(*, {', '.join(names)}):\n    self = _new(_cls)\n{body}    return self\n", namespace)
    return namespace["build"]  # type: ignore[return-value]


_parsed_name = _slot_builder(ParsedName)


class GivenIndex:
    """Given-name lexicon: folded form → class, phonetic key → classes, class → initials."""

    def __init__(self, given: dict[str, GivenName] | None = None) -> None:
        self.by_form = given if given is not None else load_given_names()
        self.by_key: dict[str, set[str]] = {}
        self.initials: dict[str, set[str]] = {}
        self.gender: dict[str, str] = {}
        self._gender_of: dict[frozenset[str], str] = {}
        for form, g in self.by_form.items():
            if " " in form:
                continue
            if not g.exact:  # a diminutive is known as written only
                self.by_key.setdefault(phonetic_key(form), set()).add(g.cls)
            self.initials.setdefault(g.cls, set()).add(form[:1])
            self.gender[g.cls] = g.gender

    def classes(self, folded: str) -> frozenset[str]:
        """Classes of a folded given-name form: exact form first, else by phonetic key."""
        g = self.by_form.get(folded)
        if g is not None:
            return frozenset((g.cls,))
        return frozenset(self.by_key.get(phonetic_key(folded), ()))

    def gender_of(self, classes: frozenset[str]) -> str:
        """The gender of the given-name classes, '' when none or several; kept per set of classes (few)."""
        got = self._gender_of.get(classes)
        if got is None:
            genders = {self.gender[c] for c in classes} - {"u"}
            got = self._gender_of[classes] = genders.pop() if len(genders) == 1 else ""
        return got

    def is_given(self, folded: str) -> bool:
        return folded in self.by_form


@lru_cache(maxsize=1)
def default_index() -> GivenIndex:
    """The shipped given-name lexicon, built once."""
    return GivenIndex()


def _by_last_letter(rules: tuple[tuple[str, str], ...]) -> dict[str, tuple[tuple[str, str], ...]]:
    """Suffix rules grouped by their last letter, each group in the rules' order: a word is tried only
    against the suffixes it could end with."""
    out: dict[str, list[tuple[str, str]]] = {}
    for suf, rep in rules:
        out.setdefault(suf[-1], []).append((suf, rep))
    return {k: tuple(v) for k, v in out.items()}


@dataclass(frozen=True, slots=True)
class _Vocab:
    """The name rules of ``gazetteer/data/name_rules.yaml`` in the shapes the parser looks them up in."""

    particles: frozenset[str]
    joined: frozenset[str]           # articles hyphen-joined to a name part ("el-Masri")
    given_compound: frozenset[str]   # first words of two-word given names ("Abdel Karim")
    patr_m: tuple[str, ...]          # longest first
    patr_f: tuple[str, ...]          # longest first
    patr_shape: re.Pattern[str]
    fem_by_last: dict[str, tuple[tuple[str, str], ...]]
    masc_by_last: dict[str, tuple[tuple[str, str], ...]]
    cases: tuple[tuple[str, str], ...]
    oblique_surname: tuple[tuple[str, str], ...]  # longest first
    oblique_endings: tuple[str, ...]
    oblique_nominative: tuple[str, ...]
    oblique_given: tuple[tuple[str, str], ...]
    word_systems: tuple[Romanisation, ...]  # romanisations read word by word
    word_marks: re.Pattern[str]             # any word system's marks: a word without is read by none
    raw_letters: frozenset[str]             # the letters of the systems' raw rewrites
    name_systems: tuple[Romanisation, ...]  # romanisations a whole name is written in
    name_marks: re.Pattern[str]             # any name system's marks: a name without is written in none
    honorifics: frozenset[str]              # titles before a name, and the male ones
    honorifics_male: frozenset[str]
    patr_root_endings: tuple[str, ...]      # tried on a father's name the lexicon lacks ("grigor" + "i")


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    """Built once from the name rules (clear with :func:`clear_caches` after pointing the gazetteer elsewhere)."""
    r = load_name_rules()
    systems = load_romanisations()
    return _Vocab(
        particles=r.particles,
        joined=r.particles_joined,
        given_compound=r.particles_given_compound,
        patr_m=tuple(sorted(r.patronymic_male, key=len, reverse=True)),
        patr_f=tuple(sorted(r.patronymic_female, key=len, reverse=True)),
        patr_shape=ending_pattern(r.patronymic_shape),
        fem_by_last=_by_last_letter(r.surname_feminine),
        masc_by_last=_by_last_letter(r.surname_masculine),
        cases=r.case_endings,
        oblique_surname=tuple(sorted(r.oblique_surname, key=lambda p: len(p[0]), reverse=True)),
        oblique_endings=tuple(e for e, _ in r.oblique_surname),
        oblique_nominative=r.oblique_nominative,
        oblique_given=r.oblique_given,
        word_systems=tuple(s for s in systems if s.scope == "word"),
        word_marks=re.compile("|".join(f"(?:{s.marks.pattern})" for s in systems if s.scope == "word") or "(?!)"),
        raw_letters=frozenset(c for s in systems for a, _ in s.raw for c in a),
        name_systems=tuple(s for s in systems if s.scope == "name"),
        name_marks=re.compile("|".join(f"(?:{s.marks.pattern})" for s in systems if s.scope == "name") or "(?!)"),
        honorifics=r.honorifics,
        honorifics_male=r.honorifics_male,
        patr_root_endings=r.patronymic_root_endings,
    )


def clear_caches() -> None:
    """Forget the loaded name rules and parsed spellings: the next parse reads ``name_rules.yaml`` again."""
    load_name_rules.cache_clear()
    load_romanisations.cache_clear()
    _vocab.cache_clear()
    _surname_part.cache_clear()
    parse.cache_clear()


def _surname_forms(s: str) -> tuple[str, str]:
    """Folded surname → (masculine-normalised form, gender 'm'|'f'|'')."""
    if not s:
        return s, ""
    v = _vocab()
    if len(s) >= 5:
        for suf, rep in v.fem_by_last.get(s[-1], ()):
            if s.endswith(suf) and len(s) - len(suf) >= 2:
                return s[: -len(suf)] + rep, "f"
    for suf, rep in v.masc_by_last.get(s[-1], ()):
        if s.endswith(suf) and len(s) - len(suf) >= 2:
            return s[: -len(suf)] + rep, "m"
    return s, ""


def _patronymic_root(p: str) -> tuple[str, str]:
    """Folded patronymic → (father's given-name root, gender)."""
    v = _vocab()
    for suf in v.patr_m:
        if p.endswith(suf):
            return p[: -len(suf)], "m"
    for suf in v.patr_f:
        if p.endswith(suf):
            return p[: -len(suf)], "f"
    return p, ""


def _readings(folded: str, name_systems: tuple[Romanisation, ...]) -> list[str]:
    """Other readings of a folded word: by each system the word shows, and by the systems its name is
    written in (``name_systems``); the word itself is not one."""
    out: list[str] = []
    v = _vocab()
    word = v.word_systems if v.word_marks.search(folded) else ()
    for s in (*name_systems, *(s for s in word if s.shows(folded))):
        r = s.read(folded)
        if r != folded and r not in out:
            out.append(r)
    return out


def _oblique_gender(surname: str) -> str | None:
    """The gender a surname in an oblique case shows ('m', 'f' or 'u'), or None when it is not one."""
    v = _vocab()
    if not surname.endswith(v.oblique_endings) or surname.endswith(v.oblique_nominative):
        return None
    for ending, gender in v.oblique_surname:
        if surname.endswith(ending) and len(surname) - len(ending) >= 3:
            return gender
    return None


def _nominative_given(given: str, gender: str, index: GivenIndex) -> tuple[str, frozenset[str]] | None:
    """A given name in the oblique case of its surname, back in the nominative: the first ending rewrite that
    gives a known given name of ``gender`` ('u': either), or None."""
    for ending, nominative in _vocab().oblique_given:
        if given.endswith(ending) and len(given) - len(ending) >= 3:
            g = given[: -len(ending)] + nominative
            classes = index.classes(g)
            if classes and gender in ("u", index.gender_of(classes)):
                return g, classes
    return None


def _unjoined(token: str, joined: frozenset[str]) -> str:
    """A surname word without a hyphen-joined article before it ("el-Masri" -> "Masri")."""
    head, dash, tail = token.partition("-")
    return tail if dash and tail and fold(head) in joined else token


def _is_caps(token: str) -> bool:
    """Three letters or more, all upper case. ``str.isupper`` is false for a token with a lower-case letter or
    with no cased letter, neither of which this is: most tokens are ruled out in C."""
    if not token.isupper():
        return False
    letters = list(filter(str.isalpha, token))
    return len(letters) > 2 and all(map(str.isupper, letters))


def _is_initial(folded: str, token: str) -> bool:
    return len(folded) == 1 or (len(folded) <= 2 and token.endswith(".") and folded.isalpha())


_QUOTES = re.compile(r"[()\"“”«»]")
_POSSESSIVE = re.compile(r"(?<=\w)['’ʼ]s?$")


#: (surname, its gender, the gender of its oblique case or None, stem key, case stems, other readings' stems,
#: double surname's part stems)
SurnamePart = tuple[str, str, str | None, str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]


@lru_cache(maxsize=32_768)
def _surname_part(surname_tokens: tuple[str, ...], systems: tuple[int, ...], full_given: bool) -> SurnamePart:
    """The surname keys of a spelling (:func:`parse`): a function of the surname as written, the romanisations the
    whole name is written in (``systems``: their positions in the name systems) and whether a given name (not an
    initial) comes with it. News names many people of few surnames (3,838 surnames in 24,612 full names of 2,000
    generated pages): each is worked out once."""
    v = _vocab()
    written_in = tuple(v.name_systems[i] for i in systems)
    # particles (von der) stay out of the key so "Leyen" matches "von der Leyen"
    core = [t for t in surname_tokens if fold(t) not in v.particles] or surname_tokens
    # a hyphen-joined article is no part of the key: "el-Masri", "al-Masri" and "Masri" are one surname
    core = [_unjoined(t, v.joined) for t in core]
    surname = "".join(fold(t).replace(" ", "") for t in core)
    masc, sgender = _surname_forms(surname)
    oblique = _oblique_gender(surname) if surname and full_given else None
    stem = phonetic_key(masc)
    cases = []
    nominative_surname = ""
    for suf, rep in v.cases:
        if surname.endswith(suf) and len(surname) - len(suf) >= 3:
            alt, _ = _surname_forms(surname[: -len(suf)] + rep)
            k = phonetic_key(alt)
            if k != stem and k not in cases:
                cases.append(k)
                nominative_surname = nominative_surname or surname[: -len(suf)] + rep
    if oblique in ("m", "f") and nominative_surname:
        # a surname only an oblique case has: its nominative is the surname, the written form one more key
        k = phonetic_key(_surname_forms(nominative_surname)[0])
        cases = [stem, *(c for c in cases if c != k)]
        surname, stem = nominative_surname, k
    alts = []
    readings = _readings(surname, written_in)
    raw_text = " ".join(core)
    for s in (*v.word_systems, *v.name_systems) if v.raw_letters.intersection(raw_text) else ():
        if s.raw:
            raw = s.raw_read(raw_text)
            if raw is not None:
                readings.append("".join(fold(t).replace(" ", "") for t in raw.split()))
    for reading in readings:
        k = phonetic_key(_surname_forms(reading)[0])
        if k != stem and k not in alts:
            alts.append(k)
    parts = [fold(t).replace(" ", "") for t in " ".join(core).split("-") if fold(t).strip()]
    part_stems = tuple(phonetic_key(_surname_forms(x)[0]) for x in parts) if len(parts) >= 2 else ()
    return surname, sgender, oblique, stem, tuple(cases), tuple(alts), part_stems


#: a parsed spelling is ~1 KB: at 300,000 the cache alone grew a long crawl's memory by hundreds of MB
@lru_cache(maxsize=32_768)
def parse(name: str, index: GivenIndex | None = None) -> ParsedName:
    """Take a spelling apart: given, initials, patronymic, surname and their keys."""
    index = index or default_index()
    text = " ".join(name.split())  # str.split and the regex's \s read the same white space (no-break space too)
    text = _QUOTES.sub(" ", text).strip()
    if "'" in text or "’" in text or "ʼ" in text:  # the only marks _POSSESSIVE ends with
        text = _POSSESSIVE.sub("", text)  # English possessive: Lukashenko's
    title_gender = ""
    v = _vocab()
    while True:  # honorifics before a name: stripped from it, they give its gender ("Lady Starmer")
        head, _, tail = text.partition(" ")
        if not tail:
            break
        h = fold(head)
        if h not in v.honorifics:
            break
        title_gender = title_gender or ("m" if h in v.honorifics_male else "f")
        text = tail.strip()
    surname_tokens: list[str] = []
    rest: list[str] = []
    if "," in text:
        head, _, tail = text.partition(",")
        surname_tokens, rest = head.split(), tail.replace(",", " ").split()
    else:
        tokens = text.split()
        # str.isupper in C first: most names have no upper-case word, and _is_caps needs one
        caps = [i for i, t in enumerate(tokens) if _is_caps(t)] if any(map(str.isupper, tokens)) else []
        if len(tokens) >= 2 and len(caps) == 1 and len(caps) < len(tokens):
            surname_tokens = [tokens[caps[0]]]
            rest = tokens[: caps[0]] + tokens[caps[0] + 1:]
        elif len(tokens) >= 2:
            folded = [fold(t).replace(" ", "") for t in tokens]
            first_given = index.is_given(folded[0])
            last_patr = len(tokens) >= 3 and bool(v.patr_shape.search(folded[-1]))
            if not first_given and (index.is_given(folded[1]) and (last_patr or len(tokens) == 2)):
                surname_tokens, rest = [tokens[0]], tokens[1:]
            else:
                # particles (von der Leyen) belong to the surname
                cut = len(tokens) - 1
                while cut > 1 and fold(tokens[cut - 1]) in v.particles:
                    cut -= 1
                surname_tokens, rest = tokens[cut:], tokens[:cut]
        else:
            surname_tokens = tokens
    given = ""
    initials = ""
    patronymic = ""
    folded_name = fold(text)
    systems = tuple(i for i, s in enumerate(v.name_systems) if s.shows(folded_name)) \
        if v.name_marks.search(folded_name) else ()  # a system shows only by its marks
    written_in = tuple(v.name_systems[i] for i in systems)
    for i, tok in enumerate(rest):
        f = fold(tok).replace(" ", "")
        if not f:
            continue
        if _is_initial(f, tok):
            initials += f[0] if given or i else ""
            if not given and not i:
                given = f[0]
        elif not given:
            given = f
        elif given in v.given_compound and not patronymic and not initials:
            given += f  # "Abdel Karim" is "Abdel-Karim"
        elif not patronymic and (v.patr_shape.search(f) or any(
                v.patr_shape.search(r) for r in _readings(f, written_in))):
            # a patronymic in another romanisation ("Mikalajevitj") is kept in its reading that has the shape
            patronymic = f if v.patr_shape.search(f) else next(
                r for r in _readings(f, written_in) if v.patr_shape.search(r))
        elif not patronymic and f[:1]:
            initials += f[0]  # a middle name: keep its initial only
    surname, sgender, oblique, stem, cases, alts, part_stems = _surname_part(
        tuple(surname_tokens), systems, len(given) > 1)
    gclasses = index.classes(given) if len(given) > 1 else frozenset()
    if oblique:
        # a name in an oblique case: its given name is too ("Aleksandra Milinkiewicza" is Aleksander's)
        nominative = _nominative_given(given, oblique, index)
        if nominative:
            given, gclasses = nominative
        if oblique != "u":
            sgender = oblique
    elif len(given) > 1 and not gclasses and cases and sgender != "f":
        # a given name known only without a case ending, before a surname that may carry one
        # ("Andrzeja Poczobuta"): read in the same case
        nominative = _nominative_given(given, "u", index)
        if nominative:
            given, gclasses = nominative
    for reading in _readings(given, written_in) if len(given) > 1 and not gclasses else ():
        gclasses = index.classes(reading)
        if gclasses:
            break
    proot, pgender = _patronymic_root(patronymic) if patronymic else ("", "")
    pclasses = index.classes(proot) if proot else frozenset()
    for end in v.patr_root_endings if proot and not pclasses else ():
        pclasses = index.classes(proot + end)
        if pclasses:
            break
    return _parsed_name(raw=name, given=given, given_classes=gclasses, given_gender=index.gender_of(gclasses),
                        initials=initials, patronymic=patronymic, patr_classes=pclasses, patr_gender=pgender,
                        surname=surname, stem=stem, case_stems=cases, surname_gender=sgender,
                        alt_stems=alts, part_stems=part_stems, title_gender=title_gender)


@dataclass(frozen=True, slots=True)
class Match:
    """A decision on two spellings: ``same``, a ``score`` in [0, 1] and the rule that decided."""

    same: bool
    score: float
    reason: str


def surname_similarity(a: ParsedName, b: ParsedName, lift: bool = True) -> tuple[float, str]:
    """Similarity of two surnames: 1 for equal stem keys, 0.93 for a foreign case ending, else fuzzy.

    Each side is also read under another romanisation (``alt_stems``: French ou/ch) and
    the best reading counts. ``lift`` lets Jaro-Winkler raise a close score on long
    keys; surname-only comparisons turn it off (Statkevich ≠ Stankevich).
    """
    if not a.stem or not b.stem:
        return 0.0, "no surname"
    if a.stem == b.stem:
        return 1.0, "same surname key"
    if a.stem in b.case_stems or b.stem in a.case_stems:
        return 0.93, "case ending"
    if (a.alt_stems or b.alt_stems) and set((a.stem, *a.alt_stems)) & set((b.stem, *b.alt_stems)):
        # (without other readings the sets are the two stems, unequal here)
        return 0.95, "same surname key (other romanisation)"
    # OSA (not Indel): an extra letter on a short key ("makai"/"makaic") must not look like a typo, but a
    # swap of two neighbouring letters ("Prataseivch") is one edit
    key = OSA.normalized_similarity(a.stem, b.stem)
    folded = OSA.normalized_similarity(a.surname, b.surname)
    score = max(key, folded)
    if lift and score >= 0.8 and min(len(a.stem), len(b.stem)) >= 7:
        # Jaro-Winkler over-rewards shared prefixes: only let it lift a close score on long keys
        score = max(score, min(JaroWinkler.similarity(a.stem, b.stem), score + 0.03))
    return score, "fuzzy surname"


def _one_typo(a: str, b: str) -> bool:
    """Folded surnames one dropped, added or swapped letter apart (no substitution), both 5+ letters."""
    if min(len(a), len(b)) < 5 or a == b:
        return False
    if abs(len(a) - len(b)) == 1:
        return Indel.distance(a, b) == 1
    return len(a) == len(b) and sorted(a) == sorted(b) and OSA.distance(a, b) == 1


def _double_surname_part(a: ParsedName, b: ParsedName) -> bool:
    """One surname is a part of the other's double surname ("Sharenda" in "Sharenda-Panasiuk")."""
    return (len(a.part_stems) >= 2 and b.stem in a.part_stems and not b.part_stems) or \
        (len(b.part_stems) >= 2 and a.stem in b.part_stems and not a.part_stems)


def given_similarity(a: ParsedName, b: ParsedName, index: GivenIndex | None = None) -> tuple[float, str]:
    """Similarity of two given names (classes, initials, fuzzy keys); 1.0 when either is missing."""
    if not a.given or not b.given:
        return 1.0, "no given name"
    if len(a.given) == 1 or len(b.given) == 1:
        index = index or default_index()
        full, init = (b, a) if len(a.given) == 1 else (a, b)
        if len(full.given) == 1:
            return (1.0, "initials") if full.given == init.given else (0.0, "initials differ")
        letters = {full.given[0]} | {x for c in full.given_classes for x in index.initials.get(c, ())}
        return (0.9, "initial") if init.given in letters else (0.0, "initial differs")
    if a.given_classes and b.given_classes:
        if a.given_classes & b.given_classes:
            return 1.0, "same given-name class"
        return 0.0, "different given names"
    return Indel.normalized_similarity(phonetic_key(a.given), phonetic_key(b.given)), "fuzzy given name"


def patronymics_conflict(a: ParsedName, b: ParsedName) -> bool:
    """Both spellings give a patronymic and their fathers' given names are of different classes
    ("Ivan Petrovich" is not "Ivan Sergeyevich"): never the same person, whatever else agrees."""
    return bool(a.patr_classes and b.patr_classes and not (a.patr_classes & b.patr_classes))


def given_rules_reject(a: ParsedName, b: ParsedName, index: GivenIndex | None = None) -> bool:
    """Whether :func:`compare` rejects two full names on their given names, genders or patronymics alone.

    Such a pair scores at most ``REJECTED_MAX``: when that is below ``GREY_LOW`` it is neither the same person
    nor uncertain, whatever the surnames. Cheaper than :func:`compare` (no surname scoring), so callers screen
    the many pairs of unrelated people with it; it reads the same fields by the same rules.
    """
    if not (a.given and b.given) or REJECTED_MAX >= GREY_LOW:
        return False
    ga = a.given_gender or a.patr_gender
    gb = b.given_gender or b.patr_gender
    if ga and gb and ga != gb:
        return True
    if not (a.given_classes & b.given_classes) and a.gender and b.gender and a.gender != b.gender:
        return True
    if patronymics_conflict(a, b):
        return True
    return given_similarity(a, b, index)[0] < GIVEN_FUZZY_MIN


def compare(a: ParsedName, b: ParsedName, index: GivenIndex | None = None) -> Match:
    """Decide whether two parsed spellings name one person, by general rules only (no gazetteer)."""
    if a.given and b.given:  # has_given without a call
        s, s_reason = surname_similarity(a, b)
        g, g_reason = given_similarity(a, b, index)
        if g == 0.0:
            return Match(False, round(0.3 * s, 3), g_reason)
        ga = a.given_gender or a.patr_gender
        gb = b.given_gender or b.patr_gender
        if ga and gb and ga != gb:
            return Match(False, round(0.3 * s, 3), "different genders")
        if not (a.given_classes & b.given_classes):
            # no shared class: fall back on surname forms for gender
            if a.gender and b.gender and a.gender != b.gender:
                return Match(False, round(0.3 * s, 3), "different genders")
        if patronymics_conflict(a, b):
            return Match(False, round(0.4 * s, 3), "different patronymics")
        if s < FULL_SURNAME_MIN and a.given_classes & b.given_classes:
            # with one given-name class on both sides: a one-letter typo or half of a double surname
            if _one_typo(a.surname, b.surname):
                s, s_reason = FULL_SURNAME_MIN, "surname typo (one letter dropped, added or swapped)"
            elif _double_surname_part(a, b):
                s, s_reason = 0.9, "part of a double surname"
        score = round(0.6 * s + 0.4 * g, 3)
        if g < GIVEN_FUZZY_MIN:
            return Match(False, min(score, REJECTED_MAX), g_reason)
        return Match(s >= FULL_SURNAME_MIN, score, s_reason)
    # at least one side has no given name: the surname (and its gender) decides, without prefix lift
    s, s_reason = surname_similarity(a, b, lift=False)
    if a.gender and b.gender and a.gender != b.gender:
        return Match(False, round(0.3 * s, 3), "different genders")
    bar = SURNAME_ONLY_MIN if not (a.has_given or b.has_given) else MIXED_MIN
    score = round(s * (0.95 if not (a.has_given or b.has_given) else 0.9), 3)
    same = s >= bar
    if same and s_reason == "fuzzy surname" and not (a.has_given or b.has_given):
        # two bare surnames that are not one key: only a dropped, added or swapped letter is a typo;
        # a changed letter makes another surname (Statkevich ≠ Stankevich, Kolesnik ≠ Kolesnikov)
        same = _one_typo(a.surname, b.surname) or _one_typo(a.stem, b.stem)
    return Match(same, score, s_reason + " (surname only)")

"""Generate realistic news pages for the benchmarks, one at a time (never a whole corpus in memory).

    from benchmarks.pages import write_pages
    paths = write_pages(directory, 2000)      # page_000000.html ... (a generator: written as consumed)

Each page is an article of 500–1,500 words in heavy boilerplate: a navigation bar
of section links, a cookie banner, inline scripts and JSON-LD, a related-stories
list, a newsletter box, a most-read list and a footer of links, as publishers'
pages have.

The article text is our own writing, generated afresh for each article so that,
as in a real news corpus, no two articles share most of their text: at 20,000
pages next to no article has another within the warehouse's near-duplicate
distance (8 bits of simhash; ``tests/benchmarks/test_pages.py`` checks 300).
Each article has:

* its own cast: a few gazetteer people (``gazetteer.load.load_people``, by the part
  their role gives them: prisoner, official, opposition, foreign) named in their
  different spellings (romanisations, Łacinka, Cyrillic, surname-only repeats), and
  invented prisoners, relatives and lawyers whose names are built from given names
  and surname syllables (with a Russian-style variant), each with an age, a job, a
  home town, a sentence, an article of the criminal code and a reason for arrest;
* its own places (towns, cities abroad, streets, villages, a penal colony named in
  several ways), organisations and outlets (real ones and invented ones), its own
  numbers ("more than 1,100 political prisoners", "14 people", "dozens of") and
  dates, relative and absolute ("last Tuesday", "two weeks ago", "on 3 March",
  "in May 2024", "March 3, 2024"), around its publication date;
* its own wordings: each concept (released/freed/set free, crackdown/repression,
  the phrase for political prisoners ...) is bound to a few of its wordings, as a
  writer's habits or a house style are.

Sentences are assembled at each use from a grammar of clauses: about 215 clause
templates (releases, trials, prison conditions, families, diplomacy, statistics,
exile, reactions, background) with alternative wordings, free combinations of
subject, verb and object fragments, openers and attributions, and invented quotes;
some paragraphs are the lists such stories carry (named prisoners with age, job,
town and sentence; one case's dated steps; counts by region). Paragraphs of the
bundled sample site (``newsfacts/demo_site/articles``) appear only now and then
(about one paragraph in 20, at most two an article). Pages are deterministic in
(seed, index).
"""

from __future__ import annotations

import html
import json
import random
import re
from collections.abc import Iterator
from datetime import date, timedelta
from functools import cache, lru_cache
from pathlib import Path

from benchmarks.chrome import LINK_WORDS, ad_slot, app_state, footer_columns, masthead, menu_drawer, rail, share_bar
from benchmarks.chrome import critical_css as chrome_css
from gazetteer.load import load_people
from newsfacts.demo_site import load_articles

SITE = "https://bench.newsfacts.test"
#: page wrappings: real publishers' markup (``benchmarks.chrome``), or only this module's lighter boilerplate
CHROMES = ("publisher", "light")
SECTIONS = ("World", "Europe", "Belarus", "Politics", "Human rights", "Business", "Opinion", "Culture", "Sport")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")

# ---------------------------------------------------------------- invented people
# Given names as (Belarusian romanisation, Russian romanisation, ...): a person keeps one, now and then the other.
GIVEN_M = (
    ("Aliaksandr", "Alexander"), ("Siarhei", "Sergei"), ("Dzmitry", "Dmitry"), ("Uladzimir", "Vladimir"),
    ("Andrei", "Andrey"), ("Aliaksei", "Alexei"), ("Mikalai", "Nikolai"), ("Yauhen", "Yevgeny"), ("Ihar", "Igor"),
    ("Aleh", "Oleg"), ("Pavel", "Paval"), ("Maksim", "Maxim"), ("Raman", "Roman"), ("Artsiom", "Artyom"),
    ("Yury", "Yuri"), ("Viktar", "Viktor"), ("Vasil", "Vasily"), ("Dzianis", "Denis"), ("Kanstantsin", "Konstantin"),
    ("Mikhail", "Mikhas"), ("Ivan", "Ivan"), ("Anton", "Anton"), ("Leanid", "Leonid"), ("Ryhor", "Grigory"),
    ("Stanislau", "Stanislav"), ("Valiantsin", "Valentin"), ("Vital", "Vitaly"), ("Yahor", "Yegor"),
    ("Kiryl", "Kirill"), ("Illia", "Ilya"), ("Anatol", "Anatoly"), ("Hleb", "Gleb"), ("Piotr", "Pyotr"),
    ("Vadzim", "Vadim"), ("Mikita", "Nikita"), ("Yaraslau", "Yaroslav"), ("Arseni", "Arseny"), ("Bahdan", "Bogdan"),
)
GIVEN_F = (
    ("Volha", "Olga"), ("Tatsiana", "Tatiana"), ("Natallia", "Natalia"), ("Sviatlana", "Svetlana"), ("Hanna", "Anna"),
    ("Maryia", "Maria"), ("Katsiaryna", "Ekaterina"), ("Iryna", "Irina"), ("Alena", "Elena"), ("Yulia", "Yuliya"),
    ("Nastassia", "Anastasia"), ("Darya", "Daria"), ("Palina", "Polina"), ("Liudmila", "Lyudmila"),
    ("Halina", "Galina"), ("Valiantsina", "Valentina"), ("Ksenia", "Kseniya"), ("Larysa", "Larisa"),
    ("Nadzeya", "Nadezhda"), ("Viktoryia", "Viktoria"), ("Alesia", "Olesya"), ("Veranika", "Veronika"),
    ("Yana", "Yana"), ("Lizaveta", "Elizaveta"), ("Aksana", "Oksana"), ("Zhanna", "Zhanna"), ("Tamara", "Tamara"),
    ("Marharyta", "Margarita"), ("Maryna", "Marina"), ("Kristsina", "Kristina"), ("Yaraslava", "Yaroslava"),
)
# Surnames are root + middle + ending; endings as (male BY, female BY, male RU, female RU).
ROOTS = (
    "Karp", "Hrab", "Liask", "Zhur", "Marts", "Sav", "Dubr", "Kaval", "Shyl", "Pras", "Vyshn", "Bial", "Krap",
    "Tsvirk", "Hal", "Rudz", "Smal", "Zaits", "Miron", "Kruk", "Lob", "Pal", "Stsep", "Vas", "Hur", "Sak", "Ter",
    "Kuzm", "Bahd", "Drozd", "Lahv", "Zhyl", "Mats", "Nest", "Plat", "Sych", "Tkach", "Fed", "Khmel", "Yas", "Kup",
    "Rab", "Lys", "Bors", "Dziak", "Zhdan", "Kazl", "Lukyan", "Maroz", "Navum", "Pashk", "Radz", "Trus", "Ulas",
    "Charn", "Shap", "Yurk", "Zub", "Klim", "Hlad", "Babr", "Kudr", "Stral", "Dav", "Hrush", "Slab", "Bud", "Kvas",
    "Sidar", "Tamash", "Yakub", "Zakh", "Haur", "Belk", "Kost", "Shum", "Prakop", "Arl", "Yerm", "Vial", "Mal",
)
MIDDLES = ("", "", "", "", "an", "ul", "ach", "il", "ov", "ush", "ar", "en")
ENDINGS = (
    ("enka", "enka", "enko", "enko"), ("evich", "evich", "evich", "evich"), ("avich", "avich", "ovich", "ovich"),
    ("chyk", "chyk", "chik", "chik"), ("uk", "uk", "uk", "uk"), ("ski", "skaya", "sky", "skaya"),
    ("au", "ava", "ov", "ova"), ("in", "ina", "in", "ina"), ("onak", "onak", "onok", "onok"),
    ("ets", "ets", "ets", "ets"), ("ouski", "ouskaya", "ovsky", "ovskaya"), ("yk", "yk", "ik", "ik"),
    ("eu", "eva", "ev", "eva"),
)
JOBS = (
    "teacher", "engineer", "factory worker", "programmer", "nurse", "doctor", "pensioner", "student",
    "lorry driver", "accountant", "musician", "photographer", "bus driver", "librarian", "electrician",
    "shop assistant", "farmer", "architect", "history teacher", "surgeon", "bookseller", "chemist",
    "tram driver", "welder", "hairdresser", "translator", "web designer", "paramedic", "mechanic", "carpenter",
    "football coach", "economist", "sociologist", "former police officer", "railway worker", "potash miner",
    "tractor driver", "dentist", "kindergarten teacher", "university lecturer", "IT manager", "baker",
    "theatre director", "plumber", "radio engineer", "school headmaster", "veterinarian", "tour guide",
    "software tester", "bank clerk", "cook", "jeweller", "cameraman", "sports journalist", "blogger",
)
RELATIONS = (("wife", "husband"), ("mother", "father"), ("sister", "brother"), ("daughter", "son"))
#: what the prisoner is to a relative (male, female): a wife's husband, a mother's son or daughter ...
_KIN = {"wife": ("husband", "wife"), "husband": ("husband", "wife"), "mother": ("son", "daughter"),
        "father": ("son", "daughter"), "sister": ("brother", "sister"), "brother": ("brother", "sister"),
        "daughter": ("father", "mother"), "son": ("father", "mother")}
REASONS = (
    "donating 20 roubles to a strike fund", "leaving a comment under a news video", "taking part in a march in 2020",
    "sending photos of a military convoy to a news channel", "subscribing to a banned Telegram channel",
    "reposting a caricature of officials", "laying flowers at a street memorial", "wearing white and red socks",
    "running a neighbourhood chat", "joining a strike at {his} factory", "giving an interview to a foreign outlet",
    "filming the arrest of a neighbour", "helping to count votes in 2020", "translating an opposition leaflet",
    "hanging a banned flag from a balcony", "writing letters to other prisoners", "collecting money for fines",
    "singing at an unauthorised rally", "criticising the war in Ukraine online", "an old post on social media",
    "organising a yard concert", "printing stickers with a slogan", "helping protesters to find lawyers",
    "calling a judge a liar in a comment", "sharing a list of police officers", "selling badges with a slogan",
)
OFFENCES = (
    ("Article 342", "organising or taking part in actions that grossly violate public order"),
    ("Article 361-1", "creating or joining an extremist formation"),
    ("Article 361-4", "assisting extremist activity"),
    ("Article 130", "inciting hatred"),
    ("Article 368", "insulting the president"),
    ("Article 369", "insulting a public official"),
    ("Article 361", "calls for action against national security"),
    ("Article 293", "mass riots"),
    ("Article 361-2", "financing extremist activity"),
    ("Article 356", "treason"),
    ("Article 370", "desecrating state symbols"),
)
ILLNESSES = ("diabetes", "a heart condition", "asthma", "high blood pressure", "a stomach ulcer", "kidney disease",
             "chronic back pain", "an untreated tumour", "tuberculosis", "failing eyesight", "epilepsy")

# ---------------------------------------------------------------- places, organisations
TOWNS = (
    "Minsk", "Hrodna", "Brest", "Homel", "Mahiliou", "Vitsebsk", "Babruisk", "Baranavichy", "Barysau", "Pinsk",
    "Orsha", "Mazyr", "Salihorsk", "Lida", "Polatsk", "Navapolatsk", "Maladzechna", "Zhlobin", "Svetlahorsk",
    "Rechytsa", "Slutsk", "Zhodzina", "Kobryn", "Slonim", "Vaukavysk", "Kalinkavichy", "Smarhon", "Ashmiany",
    "Pastavy", "Hlybokae", "Navahrudak", "Shklou", "Horki", "Krychau", "Asipovichy", "Ivatsevichy", "Luninets",
    "Stolin", "Bykhau", "Rahachou", "Dobrush", "Lepel", "Braslau", "Vileika", "Stoubtsy", "Valozhyn", "Kapyl",
)
STREETS = ("Kalinouski", "Surhanau", "Pushkin", "Partyzanski", "Kirau", "Sadovaya", "Pershamaiskaya", "Chkalau",
           "Shkolnaya", "Savetskaya", "Zaslauskaya", "Rakauskaya", "Bahdanovich", "Kupala", "Kolas", "Lesnaya",
           "Vakzalnaya", "Mira", "Peramohi", "Zavodskaya", "Brestskaya", "Haharyn", "Marozava", "Charnyshevski")
VILLAGE_ENDS = ("ichy", "auka", "ishki", "ava", "ki", "ina", "ouka", "ino", "tsy", "shchyna")
ABROAD = ("Vilnius", "Warsaw", "Riga", "Berlin", "Brussels", "Kyiv", "Bialystok", "Prague", "Geneva", "Strasbourg",
          "Tallinn", "Krakow", "Gdansk", "Kaunas", "Stockholm", "Helsinki", "Paris", "London", "Vienna", "Washington")
RIGHTS = ("Viasna", "the Viasna human rights centre", "the Belarusian Association of Journalists", "Dissidentby")
OUTLETS = ("Zerkalo", "Nasha Niva", "Belsat", "Radio Svaboda", "Reuters", "the Associated Press", "AFP")
ORG_WORDS = ("Free", "Open", "Civic", "Solidarity", "Nioman", "Northern", "White Stork", "Spring", "Common",
             "Border", "Kalina", "Dawn", "Lighthouse", "Bridge", "Horizon", "Linden")
ORG_HEADS = ("Foundation", "Network", "Centre", "Fund", "Group", "Union", "Watch", "Association", "Committee")
OUTLET_HEADS = ("Herald", "Gazette", "Post", "Weekly", "Tribune", "Review", "Journal", "Daily")
BODIES = ("the European Union", "the US State Department", "the OSCE", "the UN Human Rights Council",
          "Lithuania's foreign ministry", "the Polish government", "the European Parliament", "the Council of Europe",
          "the UN special rapporteur on Belarus", "the German foreign office", "the International Committee of the "
          "Red Cross", "the Vatican", "the Latvian government", "the British Foreign Office")
AUTHORITIES = ("the Belarusian authorities", "the interior ministry", "the KGB", "the prosecutor's office",
               "the presidential administration", "the pardon commission", "officials in Minsk",
               "the prison service", "the state security committee", "the justice ministry")
STATE_MEDIA = ("state media", "the state news agency BelTA", "state television", "a pro-government Telegram channel",
               "the presidential press service", "the newspaper Belarus Segodnya")
FOREIGNERS = ("foreign nationals", "Lithuanians", "Poles", "Latvians", "Ukrainians", "Americans", "Estonians",
              "Germans", "Swedes", "Japanese nationals", "dual nationals", "Russian citizens")
GROUPS = ("activists", "protesters", "journalists", "students", "pensioners", "teachers", "doctors", "lawyers",
          "workers", "volunteers", "bloggers", "musicians", "priests", "women", "men", "opposition supporters",
          "trade union leaders", "human rights defenders", "election observers", "IT workers", "railway workers")
HOLIDAYS = ("Independence Day", "National Unity Day", "the New Year", "Victory Day", "the Day of the People's "
            "Unity", "Easter", "Orthodox Christmas")

# Concepts: each article binds each to a few of these wordings (its own usage, as a writer's or a house style's)
# and uses those; "prisoners" (the most frequent) gets more so that no one phrase dominates an article.
LEX = {
    "freed": ("released", "freed", "set free", "let go", "released from custody", "pardoned and released",
              "freed from prison", "allowed to leave prison", "released early"),
    "freeda": ("freed", "released", "newly released", "newly freed", "recently freed", "pardoned", "former"),
    "release": ("release", "handover", "transfer", "prisoner release", "latest release", "liberation",
                "prisoner transfer", "group release"),
    "prisoners": ("political prisoners", "political detainees", "prisoners of conscience", "jailed opponents",
                  "political inmates", "detained dissidents", "jailed critics", "imprisoned activists",
                  "government critics in prison", "people jailed for political reasons", "opposition prisoners",
                  "jailed dissidents", "political convicts", "prisoners held for their views"),
    "crackdown": ("crackdown", "repression", "campaign of arrests", "purge", "wave of prosecutions",
                  "persecution of dissent", "clampdown", "campaign of reprisals", "wave of repression"),
    "said": ("said", "told reporters", "said in a statement", "told journalists", "stated", "noted", "wrote",
             "added", "explained", "told this newspaper", "said by phone"),
    "says": ("says", "said", "reports", "estimates", "has said", "calculates", "reckons"),
    "protests": ("the 2020 protests", "the protests of 2020", "the disputed 2020 election", "the post-election "
                 "protests", "the August 2020 demonstrations", "the mass protests five years ago",
                 "the rallies against the 2020 vote count", "the summer of 2020", "the street protests of 2020"),
    "colonyw": ("penal colony", "prison colony", "correctional colony", "labour colony", "prison camp"),
    "pardon": ("pardon", "clemency", "amnesty", "pardon decree", "presidential pardon"),
    "regime": ("the Lukashenka government", "the authorities in Minsk", "the Belarusian government", "Minsk",
               "the regime", "the Belarusian leadership", "Lukashenka's administration", "the government in Minsk"),
    "opposition": ("the opposition", "the democratic forces", "the exiled opposition", "opposition groups",
                   "the opposition in exile", "the democratic movement", "exiled opposition leaders"),
    "sanctions": ("sanctions", "restrictions", "penalties", "economic measures", "Western sanctions",
                  "trade restrictions", "punitive measures"),
    "talks": ("talks", "negotiations", "contacts", "discussions", "back-channel talks", "bargaining",
              "diplomatic contacts"),
    "relatives": ("relatives", "family members", "families", "loved ones", "wives and mothers", "kin"),
    "lawyer": ("lawyer", "defence lawyer", "attorney", "legal counsel", "advocate"),
    "letters": ("letters", "messages", "mail", "correspondence", "parcels and letters", "post", "news"),
    "detention": ("detention", "custody", "prison", "confinement", "jail", "the colony", "captivity"),
    "verdict": ("verdict", "ruling", "sentence", "judgment", "decision"),
    "trial": ("trial", "hearing", "court case", "closed trial", "prosecution", "proceedings"),
    "border": ("the Lithuanian border", "the border with Lithuania", "the Polish border", "the frontier",
               "the border with Latvia", "the EU border", "a border post"),
    "conn": ("However", "Still", "Even so", "At the same time", "Meanwhile", "Nonetheless", "In practice",
             "Then again", "For all that", "In the meantime", "Even then"),
    "rightsw": ("rights groups", "human rights organisations", "monitors", "rights defenders", "campaigners",
                "advocacy groups", "rights activists", "civil society groups"),
    "cell": ("a punishment cell", "an isolation cell", "solitary confinement", "a disciplinary cell",
             "a punishment block", "a cell on his own"),
    "arrested": ("arrested", "detained", "taken into custody", "picked up by police", "seized", "held"),
    "convicted": ("convicted", "found guilty"),
    "important": ("important", "significant", "notable", "welcome", "symbolic", "meaningful", "overdue"),
    "quietly": ("quietly", "without announcement", "unexpectedly", "with little notice", "abruptly", "suddenly"),
    "harsh": ("harsh", "grim", "brutal", "severe", "punishing", "difficult", "degrading"),
    "exiled": ("exiled", "forced abroad", "deported", "expelled", "sent abroad", "forced to leave"),
    "statement": ("statement", "post on Telegram", "press release", "brief statement", "video message"),
    "officials": ("officials", "authorities", "government officials", "the authorities", "state officials",
                  "Belarusian officials", "the government"),
    "deal": ("deal", "arrangement", "agreement", "understanding", "bargain", "exchange"),
}

# ---------------------------------------------------------------- grammar
# Clause templates (no final stop), lower-case where the start is a common word. "[a|b]" picks one wording per use.
# Fields are filled by _Story:
# people  X invented prisoner, PR gazetteer prisoner (or X), OF official, OP opposition figure, FO foreign figure,
#         RU a Russian official, REL a relative (relof: "the wife of ..."), L a lawyer,
#         he/his/him pronouns of the last person named,
#         S the surname of the last person named, age job job_a home yrs yrs2 served art offence reason illness,
#         kin (the given name of a relative's prisoner), rself (what the speaking relative is);
# counts  n a count phrase ("at least 12", "dozens of"), nn a bare number, bigq the article's total of political
#         prisoners, huge tens of thousands, peak, k a small number, kg, minutes, pages, money;
# dates   d a date phrase, D the same capitalised, my "May 2024", yr a past year;
# places  town town2 city colony checkpoint street village; organisations rg outlet body auth state judge;
#         foreigners group holiday evidence and the LEX concepts above.
CLAUSES = {
    "release": (
        "{X} was among {n} {prisoners} {freed} {d}",
        "{auth} {freed} {n} {prisoners} {d}, [among them|including|one of them] {X}",
        "the {nn} {prisoners} {freed} {d} were [driven by bus|taken in a convoy|flown|escorted by guards] to "
        "{border} and [handed to|handed over to|received by|met by] {body} [officials|representatives|staff]",
        "{X} [learned|was told|found out] that {he} was to be {freed} only [hours|minutes|a day] before "
        "[the convoy|a prison bus|guards] left {colony}",
        "[the group|those] {freed} {d} [included|was made up of|comprised] {n} {foreigners} and {n} {group}",
        "{OF} signed [the|a batch of|several] [pardon|clemency] [decrees|papers|orders] {d}, [according to|said] "
        "{state}",
        "{nn} [of those|people] {freed} had been {convicted} of {offence}",
        "{X} had served {served} when the {pardon} [came|was granted|arrived]",
        "none of [the|these] {nn} {prisoners} {freed} {d} had [asked for|requested|applied for] any {pardon}",
        "[this|{OF}'s latest] {release} was the {ordinal} [of its kind|such release|in a series] since {yr}",
        "{X} was put on a [bus|minibus|prison van] with {n} other {prisoners} and told nothing about "
        "[where it was going|the destination|what would happen]",
        "[most|many|almost all] {freed} {d} were taken [straight|directly] to {border} without their "
        "[passports|documents|belongings]",
        "{X}, who was {freed} {d}, said {he} had lost {kg} kilograms in {detention}",
        "{officials} did not [say|explain] why {X} [had been included in the list|made the list|was chosen] while "
        "{PR} remained in {detention}",
        "a further {nn} {prisoners} were {freed} {d} under an amnesty [announced|declared|timed] for {holiday}",
        "{X} was allowed to stay in Belarus after {his} {release}, unlike most people {freed} with {him}",
        "[the|this] handover took place at {checkpoint} {d}, with {body} [officials|diplomats|observers] present",
        "{X} spent {k} months in {cell} before [the|this] {release}, by {his} own count",
        "{n} {prisoners} who had been expected to be {freed} {d} were [left off|missing from] [a final|that] list",
        "{PR} was not among those {freed}, to [the surprise|the dismay|{X}'s disappointment] [of|among] {relatives} "
        "who had waited [at the border|in {city}|for hours]",
        "[this|the latest] {release} brings [the number|the count of those|the total] {freed} since {yr} to "
        "[more than|over|about] {nn}",
        "{X} was {quietly} {freed} {d} and reached {city} the [next morning|same night|following day]",
        "[the|those] {freeda} {group} were met in {city} by [diplomats|doctors|volunteers], [reporters|officials] "
        "and a [crowd|small group] of {relatives}",
        "{n} people {freed} {d} had been held on charges [linked to|connected with|stemming from] {protests}",
        "{X} walked out of {colony} {d} carrying {his} [letters|belongings|books] in a [plastic bag|cardboard box|"
        "sack]",
        "[a|the] list of [those|people] {freed} was drawn up in {talks} that lasted {k} months",
        "{PR} was {quietly} {freed} {d} after {k} years in {detention}",
        "{auth} confirmed [the|this] {release} of {n} {prisoners} only after they had crossed {border}",
        "{n} {group} were among those {freed}, [the youngest|the oldest] of them {age} years old",
        "{X} and {n} others were {freed} on condition that they [leave|left] [the country|Belarus]",
        "[a|the] convoy carrying {freeda} {prisoners} left {town} before dawn {d}",
        "[witnesses|reporters at the scene|people waiting at the crossing] said {freeda} {prisoners} "
        "[looked exhausted|were thin and pale|carried almost nothing]",
        "{X} had [expected|been promised] to be {freed} in {my}, but [the|that] date passed without news",
        "at {checkpoint}, {body} [staff|officials] handed out phones so that {freeda} [prisoners|detainees] could "
        "call {relatives}",
        "{X} was [the only|one of {few}] {freeda} [women|men|pensioners|journalists] in [the|that] group",
        "[guards|officers] woke {X} at [four|five] in the morning and told {him} to pack",
        "{X}'s name [appeared|was] on a list [read out|circulated] by {state} {d}",
        "[nobody|no one] told {relatives} of {X} [about|in advance of] {his} {release}",
    ),
    "trial": (
        "a court in {town} sentenced {X} to {yrs} years in a {colonyw} {d}",
        "{X} was {convicted} under {art}, which [punishes|covers|criminalises] {offence}",
        "{X}'s {trial} took place behind closed doors and lasted {k} days",
        "[the|a] judge gave {X} {yrs} years; prosecutors had [asked for|sought|demanded] {yrs2}",
        "{X} was {arrested} {d} after {reason}",
        "{n} {group} stood trial together in {town} {d}, accused of {offence}",
        "[the|a] court found {X} guilty of {offence} and fined {him} {money}",
        "[the|a] lawyer who [represented|defended] {X} [was later disbarred|later lost {his} licence|"
        "has since left Belarus]",
        "{X} pleaded not guilty and told [the|a] court that {reason} was not a crime",
        "in {town}, {n} people were tried in absentia {d}, most of them [living abroad|now in exile|in Poland or "
        "Lithuania]",
        "judge {judge} read out [the|a] {verdict} in {minutes} minutes and took no questions",
        "{X}'s {trial} was [closed to the public|held behind closed doors] [because|since] it [involved|concerned] "
        "[state secrets|classified material]",
        "at least {nn} people have been {convicted} under {art} since {yr}",
        "{X} was added to [the|a] state list of \"extremists\" {d}",
        "[the|a] case against {X} rested on {evidence}",
        "{X} was tried together with {n} other {group}",
        "prosecutors relied on testimony from {n} police officers who did not appear in court",
        "{X} was {arrested} at {his} flat on {street} in {home} {d} and has been in {detention} ever since",
        "investigators seized {X}'s [laptop and phone|computers|diaries and phone] and questioned {his} "
        "[neighbours|colleagues|former classmates]",
        "{n} {group} were {convicted} {d} of {offence} by a court in {town}",
        "{X}'s {trial} opened in {town} {d} and ended [that same|the same] [afternoon|evening|week]",
        "{X} received {yrs} years for {reason}",
        "[an|the] appeal court in {town} upheld {X}'s {verdict} {d}",
        "{X}'s second case was opened while {he} was already serving {his} first sentence",
        "{X}'s term was extended by {k} years {d} under a new charge of {offence}",
        "{X} spent {k} months in a pre-trial detention centre in {town} before [the|{his}] {trial}",
        "{X} was {arrested} again {d}, weeks after completing a sentence for {reason}",
        "[an|the] indictment against {X} ran to {pages} pages, {his} {lawyer} told {outlet}",
        "in court, {X} [stood|sat] in a metal cage and [smiled at|waved to|nodded to] {relatives} [in|from] "
        "[a|the] gallery",
        "prosecutor {judge} [described|called] {X} [as a danger to public order|a threat to national security]",
        "{X} was detained in {village}, a village near {town}, where {he} had been [staying|hiding|living] with "
        "friends",
        "{X}'s [first|only] hearing was held by video link from {colony}",
        "[a|the] court in {town} ordered [the confiscation of|officials to seize] {X}'s [car|flat|savings] {d}",
        "{X} [refused|declined] to [testify|answer questions] and [asked for|requested] a [Belarusian-language|"
        "sign-language] interpreter",
        "[two|three] witnesses [withdrew|retracted] their statements [during|at] {X}'s {trial}",
        "judge {judge} [rejected|dismissed] [every|each] defence motion in {X}'s case",
    ),
    "conditions": (
        "{X} has been held in {colony} since {my}",
        "{relatives} say {X} has received no {letters} for {k} months",
        "{X} was placed in {cell} {k} times [last year|in {yr}|since {my}]",
        "[the administration of {colony} has|staff at {colony} have] refused to pass on medicine sent by {X}'s "
        "family",
        "{X} suffers from {illness} and has lost weight, [according to|say] people who saw {him} {d}",
        "visits to {X} have been [cancelled|suspended|refused] since {my}",
        "inmates convicted over {protests} wear yellow tags that mark them out for {harsh} treatment",
        "{X} is allowed one phone call a month, and it is [often|usually] cut short",
        "{X}'s {lawyer} was last allowed to see {him} {d}",
        "in {colony}, {X} works in a [sewing workshop|woodwork shop|furniture workshop] for a few roubles a month",
        "cells in {colony} are [cold|freezing|damp] in winter and [crowded|overcrowded], former inmates say",
        "{n} {prisoners} are thought to be held incommunicado",
        "no one has heard from {PR} since {my}",
        "{X} went on hunger strike for {k} days to protest against [a|the] ban on {letters}",
        "conditions for {prisoners} have grown more {harsh} since {yr}, former inmates say",
        "{X} was moved from {colony} to a prison in {town2} without explanation {d}",
        "[a|the] prison doctor told {X} that {his} {illness} was not serious enough to treat",
        "{X} was kept in a cell with {nn} other inmates and a single window",
        "parcels for {X} are often returned with a note saying [a|the] [limit|quota] has been reached",
        "{X} has been denied [a Bible|books], [a dictionary|paper] and warm clothes, {his} {relatives} say",
        "at least {nn} {prisoners} have died in custody since {yr}, {rightsw} say",
        "{X} lost {kg} kilograms in {his} first year [inside|behind bars|in {colony}]",
        "guards in {colony} [switch on|turn on] [lights|lamps] at night to stop inmates sleeping",
        "{X} was transferred to a stricter regime {d} for what {colony} called repeated violations",
        "{X} shares a barrack with {nn} men, [most|several|a few] of them convicted over {protests}",
        "letters to {X} from {city} [stopped arriving|were returned unopened] in {my}",
        "{X} has been [made to|forced to] clean [toilets|the yard|barracks] as a punishment, former cellmates say",
        "lights in {X}'s cell [stay on|are never switched off] and [its|the] window does not open",
        "former inmates of {colony} describe [forced labour|cold cells|constant searches] and [little food|"
        "no medical care]",
        "{X} [can|may] buy food in [the|a] prison shop [only|just] once a month",
        "{X} [was denied|did not get] a visit on {his} birthday in {my}",
        "{X}'s [eyesight|hearing|back] has [deteriorated|worsened] [badly|sharply] in {detention}",
    ),
    "family": (
        "{REL}, {relof}, has not been allowed to visit since {my}",
        "{REL}, {relof}, learned [of|about] {X}'s {release} from a phone call at {k} [a.m.|o'clock one morning]",
        "{REL} sells [vegetables|honey|knitted socks] at a market in {home} to pay for parcels and legal fees",
        "{REL}, {relof}, left Belarus {d} after police searched [the family's|{his}] flat",
        "{REL} keeps a calendar [by|on] [a kitchen wall|{his} fridge door] and crosses off each day",
        "{REL}, {relof}, drove {k} hours to [a|the] {colonyw} {d} and was turned away at [the|its] gate",
        "{REL} has written {nn} letters since {my}; only a handful were answered",
        "{REL}, {relof}, was questioned by [the KGB|investigators] {d} about [the family's|{his}] contacts abroad",
        "{REL} found out about [the|a] {verdict} from a news website",
        "[the|{his}] children, {REL} said, have stopped asking when their parent will come home",
        "{REL} queued outside [the|a] prison in {town} {d} with a bag of food",
        "{REL}, {relof}, was fined {money} for talking to foreign journalists",
        "{REL} has not told {his} elderly parents how long [the|that] sentence is",
        "{REL} [lost|had to leave] {his} job as {job_a} after [the|that] {trial}",
        "{REL} now lives in {city} with [two|three] children and [works night shifts|cleans offices]",
        "every [second|third] month {REL} [travels|takes a train] to {town} in [the|a faint] hope of a visit",
        "{REL} [saved|kept] every [drawing|letter|postcard] {kin} sent from {colony}",
        "{REL} has been summoned [twice|three times] to a police station in {home} since {my}",
    ),
    "diplomacy": (
        "{FO} met {OF} in Minsk {d}, [the first such meeting in years|a rare high-level contact]",
        "{body} said {sanctions} on potash would remain in place",
        "Washington eased {sanctions} on [the state airline|national carrier] Belavia after [the|this] {release} {d}",
        "diplomats in {city} said [a next stage|another round] of {talks} could involve {n} {prisoners}",
        "{OF} described [the|this] {release} as a humanitarian gesture, {state} reported",
        "{OP} urged {body} not to reward Minsk before all {prisoners} were {freed}",
        "[European governments|EU capitals] have been wary of {talks}, fearing that each {release} makes new "
        "arrests profitable",
        "[the|this] {deal} was negotiated over {k} months through intermediaries in {city}",
        "{FO} said after [the|their] meeting that {regime} was ready for further steps",
        "{body} has called [the|this] {release} {important} but insufficient",
        "officials in {city} confirmed that {nn} [of those|people] {freed} were {foreigners}",
        "Lithuania reopened {k} border crossings {d} as part of the {deal}, officials said",
        "{talks} were conducted largely in secret, and {body} was informed only {d}",
        "{OF} has said Minsk wants recognition, not just [the|an end to] lifting of {sanctions}",
        "{FO} thanked {OF} publicly {d}, a gesture criticised by {opposition}",
        "a delegation from {body} arrived in Minsk {d} to discuss {bigq} {prisoners} [still held|who remain inside]",
        "{regime} has used each {release} to press for easing of {sanctions} on [fertiliser|potash|aircraft "
        "parts]",
        "{body} said [this|{OF}'s] {release} did not change its [view|assessment] of human rights in Belarus",
        "an envoy [flew|travelled] to Minsk {d} with a list of {nn} names",
        "[the|this] {deal} [reportedly|apparently] included [spare parts for aircraft|potash transit|a return of "
        "diplomats]",
        "[Lithuanian|Polish|Latvian] officials [complained|said] they learned of [the|this] {release} [only|just] "
        "hours before the buses arrived",
        "{FO} [posted|wrote] a [photo|message] from Minsk {d}, [thanking|praising] {OF}",
        "{RU} [discussed|raised] {talks} with {OF} [by phone|in Moscow] {d}",
        "{RU} said Moscow [did not object|had no objection] to the {deal} with Washington",
    ),
    "stats": (
        "{rg} counts {bigq} {prisoners} in Belarus",
        "since {protests}, more than {huge} people have been detained for political reasons",
        "about {nn} new political cases are opened every week, {rg} estimates",
        "{rg} recognised {nn} more people as {prisoners} {d}",
        "among those still held are {n} journalists, {n} lawyers and {few} priests",
        "women make up roughly one in ten {prisoners}, {rg} [says|estimates]",
        "some {nn} people have been sentenced in absentia since {yr}",
        "{rg} lists {bigq} people it considers {prisoners}, down from a peak of about {peak}",
        "[the|this] number of {prisoners} has barely changed, because new arrests [offset|outpace|cancel out] "
        "[the|any] releases",
        "in {my} alone, {rg} recorded {n} politically motivated arrests",
        "at least {nn} {group} are serving sentences for their views",
        "{rg} says {nn} {prisoners} are over [60|65|70]",
        "{bigq} people remain behind bars for political reasons, {rg} {says}",
        "more than {nn} {prisoners} have been {freed} since {yr}, yet [the|their] total has fallen only slowly",
        "{n} {prisoners} are serving terms longer than [ten|twelve|fifteen] years",
        "of {bigq} {prisoners}, {nn} are held in {colony}",
        "{rg}'s database now [holds|lists] {bigq} names, each with a date of arrest",
        "in {town} region alone, {n} people have been convicted in political cases since {yr}",
        "in {my}, {rg} recognised {nn} new {prisoners}, [more than|almost as many as] were {freed} that month",
        "[roughly|about] {nn} [of those|people] {freed} since {yr} had [completed|served] [most|nearly all] of "
        "their terms",
    ),
    "exile": (
        "{X} now lives in {city}, where {he} works as {job_a}",
        "[most|many] of those {freed} were {exiled} and cannot return without risking arrest",
        "{X} left Belarus {d} with a single bag and no passport",
        "{OP} has lived in {city} since {yr}",
        "{n} {freeda} {prisoners} have applied for asylum in {city}",
        "in {city}, volunteers found flats and warm clothes for {n} {freeda} {prisoners}",
        "{X} says {he} misses {home} more than anything else",
        "{freeda} {prisoners} were given temporary documents by {body}",
        "{X} was {exiled} {d} and has not been able to reach {his} {relatives} since",
        "exiles in {city} have set up a fund to help those {freed} pay for medical care",
        "{X} arrived in {city} {d} and spent [the|that] first night at a shelter run by volunteers",
        "tens of thousands of Belarusians have left [the|their] country since {protests}",
        "{X} has started learning [Lithuanian|Polish|German] and hopes to work as {job_a} again",
        "{X} rents a room on {street} in {city} and [volunteers|helps out] at a [charity|community centre]",
        "{X} [plans|hopes] to [bring|reunite with] {his} {relatives} in {city} [by|before] {holiday}",
    ),
    "reaction": (
        "{OP} called [the|this] {release} a small step and said {bigq} people were still in {detention}",
        "{OP} said {he} had spoken by phone to {nn} [of those|people] {freed}",
        "{rg} welcomed [the|this] {release} but said new arrests had continued {d}",
        "{OP} warned that {regime} was trading people like goods",
        "{relatives} of [prisoners|those held|inmates] gathered in {city} {d} to demand more releases",
        "{OF} dismissed [the|such] criticism as foreign interference",
        "{rightsw} said [the|this] {release} did nothing to end [the|a] {crackdown}",
        "{opposition} asked for a full list of [names|prisoners|inmates] {d}",
        "{OP} thanked {FO} and said [the|their] work was not finished",
        "{state} did not mention [the|this] {release} until {d}",
        "{PR}'s supporters marked [the|an] anniversary of {his} {arrest} in {city} {d}",
        "{rightsw} described [the|this] {release} as {important}, but said it came at a price",
        "{OP} said {opposition} would keep lobbying for {bigq} remaining {prisoners}",
        "{outlet} reported {d} that {nn} more names were being discussed",
        "a vigil for {prisoners} [still inside|not yet freed] was held on {street} in {city} {d}",
        "[supporters|friends] of {X} [hung|put up] [posters|ribbons] in {city} {d}",
    ),
    "background": (
        "[the|this] {crackdown} began after {protests}, when hundreds of thousands took to [the|their] streets",
        "{OF} has denied that Belarus holds any {prisoners}",
        "{X} was first detained during {protests} and released after {k} days",
        "Belarus has been ruled by Alexander Lukashenko since 1994",
        "[the|this] {crackdown} reached almost every independent newsroom and civic group [nationwide|in Belarus]",
        "{rg} was declared an extremist organisation, and several of its staff are in {detention}",
        "dozens of {group} fled abroad in {yr} after searches at their homes",
        "independent outlets such as {outlet} have been banned and their readers threatened with fines",
        "the Ryanair diversion in May 2021 brought [the|a] first broad [round of|wave of] European {sanctions}",
        "[the|this] {crackdown} intensified after Belarus allowed Russian troops to use its territory in {yr}",
        "{PR} became a symbol of {protests} and of [the|a] {crackdown} that followed",
        "since {yr}, {officials} have labelled hundreds of groups and media outlets \"extremist\"",
        "thousands of people were detained [within days of|in a week after] {protests}",
        "trials in absentia of [those|people] who left [the|their] country began in {yr}",
        "in {home}, where {X} grew up, [neighbours|former colleagues] [still remember|talk about] {his} {arrest}",
        "[before|until] {protests}, {X} had [never|not once] [been to a protest|joined a rally|signed a petition]",
    ),
}
# Free combination of subject, verb and object fragments for general sentences: critics ask, officials deflect.
SUBJECTS = ("{rg}", "{OP}", "diplomats in {city}", "{body}", "{relatives} of [those still held|prisoners|the jailed]",
            "[defence lawyers|lawyers for the accused|the defendants' lawyers|lawyers in {town}]",
            "[former inmates|ex-prisoners|former cellmates of {X}]", "{rightsw}", "{FO}", "{opposition}",
            "a group of {freeda} {prisoners}", "church leaders in {town}", "exiled journalists in {city}",
            "activists in {city}", "[MEPs|European lawmakers|a group of MEPs]", "volunteers in {city}",
            "editors at {outlet}", "{L}", "students in {city}", "a coalition of exile groups",
            "doctors who treated {X}", "a [German|Dutch|Swedish|Czech] [MP|senator|minister]",
            "[two|three|several] former political prisoners", "Belarusians living in {city}", "{X}'s {lawyer}",
            "{REL}", "[a petition|an open letter] signed by {huge} people", "a [lawmaker|deputy] from {city}")
VERBS = ("called for", "pressed for", "campaigned for", "demanded", "asked for", "lobbied for", "argued for",
         "pushed for", "renewed calls for", "raised the question of", "drew attention to", "wrote about",
         "appealed for", "kept pressing for", "made the case for", "collected signatures for",
         "spoke out in favour of", "urged governments to support", "held a vigil to demand", "published an appeal for",
         "[repeatedly|publicly|again] called for", "[set up|launched] a campaign for", "insisted on",
         "sent an open letter requesting", "[staged|held] a picket [demanding|calling for]", "[proposed|suggested]",
         "[still|now] hopes for", "[petitioned|wrote to] {body} [about|over]", "[quietly|privately] sought")
OBJECTS = ("freedom for [all remaining|every remaining|all] {prisoners}",
           "an independent inquiry into deaths in custody",
           "[confiscated passports to be returned|passports for those {exiled}]", "a full list of those still held",
           "Red Cross access to {colony}", "an end to trials in absentia",
           "medical care for {prisoners} with {illness}", "a new round of {sanctions}",
           "[a retrial|an appeal|a fresh look at] {PR}'s case", "talks with {regime}", "help for families in {town}",
           "better treatment of {prisoners} in {colony}", "a halt to arrests of {group}",
           "[reopening|a reopening of] {checkpoint}", "visas for {freeda} {prisoners} and their families",
           "news of {n} {prisoners} whose whereabouts are unknown", "protection for independent media",
           "guarantees for {relatives} who remain in Belarus", "a pardon for {PR}",
           "details of [any|the] {deal} with Washington", "monitoring of trials in {town}",
           "prosecution of guards [at|from] {colony}", "a register of political cases",
           "letters to reach {prisoners} [again|in full|unopened]", "a meeting with {OF}",
           "an amnesty before {holiday}",
           "transparency [about|over] {talks} with Minsk", "a fund for {freeda} {prisoners}",
           "travel bans on {group} to be lifted", "[free|independent] medical checks for everyone {freed}",
           "{X}'s [savings|flat|car] to be returned", "[scholarships|jobs|housing] for {freeda} {prisoners}",
           "{X}'s release", "[visits|phone calls] for [inmates|prisoners] in {colony}",
           "{yrs} more names [to be added to|on] [any|a new] list", "an investigation into {X}'s treatment",
           "[the release|freedom] of {n} {group} [held|still held] in {colony}", "help for {n} {freeda} {prisoners}",
           "[an amnesty|clemency] for {n} [elderly|sick|seriously ill] {prisoners}", "visas for {n} {relatives}",
           "[hospital care|treatment] for {n} {prisoners} on hunger strike", "news of {n} {foreigners} [held|jailed] "
           "in Belarus")
OFFICIAL_SUBJECTS = ("{OF}", "{auth}", "{state}", "[a spokesman|a spokeswoman|a representative] for {auth}",
                     "[the pardon commission|the commission on pardons]", "[a court|a judge] in {town}",
                     "[the head|the governor|the deputy head] of {colony}", "a deputy interior minister")
OFFICIAL_VERBS = ("dismissed", "played down", "rejected", "denied", "said nothing about", "refused to comment on",
                  "ridiculed", "brushed aside", "called for calm over", "gave no explanation for",
                  "[flatly|angrily|curtly] rejected", "declined to discuss", "[mocked|scoffed at]", "ignored")
OFFICIAL_OBJECTS = ("reports of ill-treatment in {colony}", "figures published by {rg}", "claims that {PR} is ill",
                    "criticism from {body}", "calls for a full amnesty", "{OP}'s latest appeal",
                    "questions about [any|the] {deal}", "{X}'s hunger strike", "{X}'s transfer to {town2}",
                    "arrests of {n} {group} {d}", "reports that {nn} more names were on [a|the] list",
                    "a letter from {relatives} of [those still held|prisoners]", "a UN [report|rapporteur's findings]",
                    "[accounts|complaints] from former inmates of {colony}",
                    "[reports of|questions about] [an inmate's death|a death] in {town2}", "{rg}'s count of {bigq}",
                    "[protests|pickets] [outside|near] [embassies|consulates] in {city}",
                    "[claims|reports] that {n} {prisoners} were [ill|in hospital]",
                    "the [detention|arrest] of {n} {foreigners} {d}")
OPENERS = ("{conn},", "{conn},", "{conn},", "{conn},", "In {town},", "[According to|Citing] {rg},", "Separately,",
           "For now,", "In {city},", "[According to|As reported by] {outlet},", "As things stand,", "Officially,",
           "By most accounts,", "[Quietly|Behind the scenes],", "[Notably|Tellingly],", "[As|Just as] in earlier "
           "cases,", "In {home},", "[Sources|People] [familiar with|involved in|briefed "
           "on] {talks} say", "[Unusually|Predictably|Inevitably],",
           "As far as {relatives} know,")
#: openers for clauses in the past tense that name no date of their own
DATE_OPENERS = ("{D},", "{D},", "{D},", "{D},", "{D},", "In {my},", "[On|That] same day,", "Earlier,",
                "Later that [week|month],", "[A day|Two days|A week|Ten days] later,", "[Shortly|Soon|Not long] "
                "afterwards,", "That [morning|evening|night],", "[Back|Already] in {my},", "As early as {my},")
TAILS = (", according to {rg}", ", {rg} {said}", ", {outlet} reported", ", {relatives} {said}",
         ", [a source|two sources|one person] [familiar with|involved in|briefed on] {talks} said",
         ", {state} reported", ", {L} told {outlet}", ", [as reported by|according to] {outlet}", ", {rightsw} {said}",
         ", officials [confirmed|acknowledged]", ", [court records|documents seen by {outlet}] show",
         ", [two|three|several] people [familiar with the case|who know the family] said",
         ", [a friend|a former cellmate|a neighbour|a colleague] [recalled|said]", ", {X}'s {lawyer} said",
         ", {REL} [said|recalled]", ", {OP} [wrote|said] on [Telegram|X|Facebook]", ", {state} claimed",
         " — or so {officials} [said|claimed]")
# Quotes by speaker; a quote is one to three of these.
QUOTES = {
    "relative": (
        "We found out from the news, not from the [prison|colony|court]",
        "The last letter from {kin} was [two lines|a few lines|half a page] long",
        "Every parcel we send is a guess, because nobody tells us what arrives",
        "The children still set a place for {kin} at the table", "I just want to hear {kin}'s voice [again|once]",
        "They told us to write a petition for a pardon, and {kin} refused",
        "We counted {k} months without a single letter",
        "When the phone rang at night I thought it was bad news",
        "I am not a politician, I am a {rself}", "The lawyer is the only person who has seen {kin} this year",
        "Nobody at the colony will say whether {kin} got the medicine",
        "We have learned to live from one visit to the next", "I keep {kin}'s [coat|boots|guitar] by the door",
        "It is hard to explain to a child why {kin} is not coming home",
        "We were told the list was closed and {kin}'s name was not on it",
        "I read every letter ten times, looking for what {kin} could not write",
        "We did nothing wrong, and still we live like criminals",
        "{kin} [asked|wrote] [about the garden|about the dog|about the neighbours], never about the prison",
        "In {k} years I have seen {kin} [twice|three times|once], through glass",
    ),
    "freed": (
        "I did not know I was being released until they put me on the bus",
        "For the first days I could not sleep without the light on",
        "They gave us our passports at the border, some of them already cancelled",
        "I left {nn} [men|women|people] behind in that colony",
        "The hardest part was the silence, months without letters",
        "I want to go home, but home is the one place I cannot go",
        "Nobody asked me whether I wanted to leave",
        "Inside, you learn to count everything: days, letters, cigarettes",
        "I signed nothing and asked for nothing",
        "My first call was to my [mother|wife|daughter|brother], and [she|he] did not believe it was me",
        "There are people in there who have not seen a lawyer for a year",
        "I was freed, but my case was not closed",
        "We heard about the talks on the prison radio, and nobody believed it",
        "The guards told us to smile for the cameras", "I still wake up at six, when the siren used to sound",
        "The first thing I bought was [an orange|a newspaper|a phone card]",
        "In {colony} we had {k} minutes a day outside",
    ),
    "lawyer": (
        "The verdict was written before the trial began", "Under {art}, almost any comment can become a crime",
        "We have no access to the case files, so we cannot say what the evidence was",
        "Each release is followed by new arrests, so the total barely moves",
        "Dozens of the people we represent are in poor health",
        "These were not trials in any normal sense of the word",
        "The pardon requires a confession, and many refuse to write one",
        "Our list grows every week, even as people are released",
        "Lawyers who take these cases risk losing their licences",
        "Families often learn about a transfer weeks after it happens",
        "Every name on our list has a date of arrest and a date of release, and most of the second column is empty",
        "The court heard [no witnesses|one witness] for the defence",
    ),
    "opposition": (
        "Every person freed is a victory, but the prisons are still full",
        "We will not trade silence for releases", "The regime sells people and then arrests new ones",
        "Sanctions must stay until the last political prisoner is free",
        "Our task is to bring everyone home, not just the famous names",
        "Belarusians are held hostage in their own country",
        "The world must not forget those who remain behind bars",
        "Each of these people has a family that has waited for years",
        "We are grateful to our partners, and we ask them not to stop now",
        "For every person released, [two|three] more are [arrested|detained]",
    ),
    "official": (
        "The president has shown mercy to those who asked for it",
        "There are no political prisoners in Belarus, only people who broke the law",
        "This decision was humanitarian and was taken in the interests of the state",
        "Those released repented, and the state forgave them",
        "We are open to dialogue with anyone who respects our sovereignty",
        "Foreign pressure will not change our laws",
        "Belarus does not bargain with people, it shows goodwill",
    ),
    "diplomat": (
        "We welcome every release, but our position has not changed",
        "This was a humanitarian step and we are ready to keep talking",
        "We need to see an end to new arrests before we talk about easing anything",
        "The families have waited long enough",
        "We will judge Minsk by what it does, not by what it says",
        "Quiet diplomacy works slowly, but today it worked",
    ),
}
PROFILE = (
    "{X}, {age}, {job_a} from {home}, was {arrested} in {my} for {reason}",
    "{X} is {age} and worked as {job_a} in {home} until {his} arrest in {my}",
    "one of them, {X}, {job_a} from {home}, had been in {detention} since {my}",
    "{X} was {age} when police came for {him} at {his} flat on {street} in {home} {d}",
    "{X} had worked for {k} years as {job_a} in {home} before {his} arrest",
    "{X}, a {age}-year-old {job} from {home}, was {convicted} of {offence} in {my}",
    "the case of {X}, {job_a} from {home}, drew attention in {my}",
    "{X}, {job_a} from {home}, was given {yrs} years for {reason}",
    "among them is {X}, {age}, who worked as {job_a} in {home}",
    "{X} [grew up|was born] in {village} near {home} and [trained|worked] as {job_a}",
    "[Friends|Colleagues|Neighbours] describe {X}, {age}, as a quiet {job} who [rarely|never] talked about politics",
    "{X}, {job_a}, was one of {nn} {group} [detained|arrested] in {home} [that week|that month|in {my}]",
)
HEADLINES = (
    "{S} among {nn} political prisoners freed by Belarus",
    "Belarus frees {nn} prisoners as {talks} with Washington continue",
    "Court in {town} jails {nn} {group} over {protests}",
    "Families of jailed Belarusians wait for news from {colony}",
    "{S}: freed after {k} years, and sent abroad",
    "Rights group counts {bigq} political prisoners in Belarus",
    "In {city}, freed Belarusians start again with nothing",
    "\"{kq}\": the relatives of Belarus's political prisoners",
    "Minsk releases {nn} more prisoners; opposition says crackdown goes on",
    "{S} sentenced to {yrs} years in {town}",
    "Inside {colony}: what former inmates describe",
    "Belarus pardons {nn} people ahead of {holiday}",
)
ORDINALS = ("second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")
_NUM_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten",
              11: "eleven", 12: "twelve", 14: "fourteen", 15: "fifteen", 16: "sixteen", 18: "eighteen", 20: "twenty"}
_QUALIFIERS = ("at least", "more than", "about", "nearly", "up to", "some", "over", "almost", "around", "fewer than")
_RELATIVE_DATES = ("two weeks ago", "three days ago", "a week ago", "ten days ago", "last week", "last month",
                   "earlier this month", "earlier this year", "last year", "a year ago", "two months ago",
                   "yesterday", "four days ago", "last weekend", "three weeks ago", "a month ago")


@lru_cache(maxsize=1)
def _material() -> tuple[tuple[tuple[str, ...], ...], tuple[str, ...]]:
    """Spellings of each gazetteer person (with at least two words), and every sample-site paragraph."""
    people = tuple(tuple(s for s in p.spellings if len(s.split()) >= 2) or (p.name,) for p in load_people())
    paragraphs = tuple(para.strip() for a in load_articles() for para in a.body_text.split("\n") if para.strip())
    return people, paragraphs


@lru_cache(maxsize=1)
def _gazetteer_groups() -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    """Gazetteer people as (spellings, gender) by the part they play in a story, read from their role."""
    people, _ = _material()
    groups: dict[str, list] = {"prisoner": [], "official": [], "opposition": [], "foreign": [], "russia": []}
    foreign = ("United States", "US ", "Poland", "Lithuania", "Ukraine", "France", "Germany", "EU ", "European",
               "congressman")
    for person, spellings in zip(load_people(), people, strict=True):
        role = person.role or ""
        if ("son of" in role or "wife of" in role) and "Alexander Lukashenko" in role:
            continue  # the president's family: not a part a story here gives them
        if "prisoner" in role or "detained" in role:
            kind = "prisoner"
        elif any(w in role for w in foreign):
            kind = "foreign"
        elif "Russia" in role or "Kremlin" in role:
            kind = "russia"
        elif "of Belarus" in role or "Lukashenko" in role or "KGB" in role or "Commission" in role:
            kind = "official"
        else:
            kind = "opposition"
        groups[kind].append((spellings, person.gender or "m"))
    return {k: tuple(v) for k, v in groups.items()}


def _one(rng: random.Random, seq):
    """``rng.choice(seq)``, faster (``choice`` draws random bits in a loop; one float will do here)."""
    return seq[int(rng.random() * len(seq))]


def _int(rng: random.Random, lo: int, hi: int) -> int:
    """``rng.randrange(lo, hi)``, faster."""
    return lo + int(rng.random() * (hi - lo))


def _a(noun: str) -> str:
    """``noun`` with its indefinite article."""
    vowel = noun[0] in "aeioAEIO" or (noun[0] in "uU" and not noun.startswith(("uni", "use", "usu")))
    return ("an " if vowel else "a ") + noun


class _Person:
    """One person of an article's cast and how the article writes the name."""

    __slots__ = ("spellings", "primary", "gender", "given", "age", "job", "home", "yrs", "art", "offence", "reason",
                 "illness", "relation", "kin", "mentioned")

    def __init__(self, spellings: tuple[str, ...], primary: str, gender: str):
        self.spellings, self.primary, self.gender = spellings, primary, gender
        self.given = primary.split()[0]
        self.mentioned = 0
        self.relation = self.kin = None


class _Story(dict):
    """One article's cast, places, numbers and wordings; ``format_map`` fills clause fields from it (per use)."""

    def __init__(self, rng: random.Random, published: date):
        super().__init__()
        self.rng, self.published = rng, published
        groups = _gazetteer_groups()
        self.lex: dict[str, list[str]] = {}
        self.decks: dict[str, list] = {}
        self.towns = rng.sample(TOWNS, 4)
        self.cities = rng.sample(ABROAD, 2)
        num, where = _int(rng, 1, 23), _one(rng, TOWNS)
        self.colonies = (f"penal colony No. {num} in {where}", f"colony No. {num}", f"the {where} colony",
                         f"the colony in {where}", f"IK-{num}", f"the prison camp at {where}", f"{where}'s colony",
                         f"the {where} prison camp", f"IK-{num} in {where}")
        self.colony_used = False
        self.streets = [f"{s} Street" for s in rng.sample(STREETS, 2)]
        self.villages = [_one(rng, ROOTS) + _one(rng, ("", "ul", "an", "ov")) + _one(rng, VILLAGE_ENDS)
                         for _ in range(2)]
        self.checkpoint = _one(rng, (f"a checkpoint near {self.towns[1]}", "the Lithuanian border",
                                      f"a border crossing near {_one(rng, ('Benyakoni', 'Kamenny Log', 'Kotlovka'))}",
                                      "a crossing on the Polish border", "a remote stretch of the Latvian border"))
        kind = _one(rng, ("Legal Aid", "Prisoner Support", "Solidarity", "Rights"))
        own_rg = f"the {_one(rng, ORG_WORDS)} {kind} {_one(rng, ORG_HEADS)}"
        self.rgs = (_one(rng, RIGHTS), own_rg)
        own_outlet = f"the {_one(rng, ORG_WORDS)} {_one(rng, OUTLET_HEADS)}"
        self.outlets = (_one(rng, OUTLETS), own_outlet)
        self.bodies = rng.sample(BODIES, 3)
        self.total = _int(rng, 1050, 1480)
        self.gaz = {k: [self._gazetteer(s, g) for s, g in rng.sample(v, min(len(v), n))]
                    for (k, v), n in zip(groups.items(), (2, 1, 1, 1, 1), strict=True)}
        self.invented = [self._invent() for _ in range(_int(rng, 3, 6))]
        self.relatives = [self._relative(p) for p in self.invented[:_int(rng, 1, 4)]]
        self.lawyers = [self._invent(role=True) for _ in range(_int(rng, 1, 3))]
        self.cur: _Person = self.invented[0]
        self.day_first = rng.random() < 0.6
        self.focus: _Person | None = None
        self.rel: _Person | None = None

    # -- cast
    def _gazetteer(self, spellings: tuple[str, ...], gender: str) -> _Person:
        return _Person(spellings, _one(self.rng, spellings), gender)

    def _invent(self, role: bool = False) -> _Person:
        rng = self.rng
        gender = _one(rng, "mf")
        given = _one(rng, GIVEN_M if gender == "m" else GIVEN_F)
        root, mid, end = _one(rng, ROOTS), _one(rng, MIDDLES), _one(rng, ENDINGS)
        if root.endswith(("a", "e", "i", "u", "y")) or (mid and end[0][0] in "aeiouy"):
            mid = ""
        i = 0 if gender == "m" else 1
        by = root + mid + end[i]
        ru = ("G" + root[1:] if root[0] == "H" else root) + mid.replace("ul", "ol") + end[i + 2]
        spellings = (f"{given[0]} {by}", f"{given[1]} {ru}")
        p = _Person(spellings, spellings[0], gender)
        p.age = _int(rng, 19, 75) if not role else _int(rng, 30, 66)
        p.job = _one(rng, JOBS)
        p.home = _one(rng, self.towns) if rng.random() < 0.67 else _one(rng, TOWNS)
        p.yrs = _int(rng, 2, 16)
        p.art, p.offence = _one(rng, OFFENCES)
        p.reason = _one(rng, REASONS)
        p.illness = _one(rng, ILLNESSES)
        return p

    def _relative(self, prisoner: _Person) -> _Person:
        rng = self.rng
        pair = _one(rng, RELATIONS)
        gender = _one(rng, "mf")
        given = _one(rng, [g for g in (GIVEN_M if gender == "m" else GIVEN_F) if g[0] != prisoner.given])
        sur = prisoner.spellings[0].split()[-1]
        for (m_by, f_by, _, _) in ENDINGS:  # a wife or daughter takes the female form of the surname
            if gender == "f" and sur.endswith(m_by) and m_by != f_by:
                sur = sur[: -len(m_by)] + f_by
                break
            if gender == "m" and sur.endswith(f_by) and m_by != f_by:
                sur = sur[: -len(f_by)] + m_by
                break
        p = _Person((f"{given[0]} {sur}", f"{given[1]} {sur}"), f"{given[0]} {sur}", gender)
        p.relation = pair[0] if gender == "f" else pair[1]
        p.kin = prisoner
        p.home = prisoner.home
        return p

    def _name(self, p: _Person, set_cur: bool = True) -> str:
        """The name of ``p`` as this mention writes it: full at first, then often the surname, at times another
        spelling."""
        rng = self.rng
        if set_cur:
            self.cur = p
        p.mentioned += 1
        if p.mentioned == 1:  # now and then with another spelling in brackets, as papers do
            others = [s for s in p.spellings if s != p.primary]
            return f"{p.primary} ({_one(rng, others)})" if others and rng.random() < 0.12 else p.primary
        r = rng.random()
        if r < 0.45:
            return p.primary.split()[-1]
        if r < 0.8:
            return p.primary
        return _one(rng, p.spellings)

    def _pick(self, kind: str) -> _Person:
        people = self.gaz[kind]
        return people[0] if len(people) == 1 or self.rng.random() < 0.7 else _one(self.rng, people)

    def _X(self) -> str:
        if self.focus is not None:
            return self._name(self.focus)
        others = [p for p in self.invented if p is not self.cur] or self.invented
        return self._name(_one(self.rng, others))

    def _PR(self) -> str:
        if self.rng.random() < 0.4:
            return self._X()
        return self._name(self._pick("prisoner"))

    def _FO(self) -> str:
        if self.rng.random() < 0.3:
            return _one(self.rng, ("a senior US envoy", "a Lithuanian diplomat", "a European Union official",
                                    "a Polish deputy foreign minister"))
        return self._name(self._pick("foreign"))

    def _L(self) -> str:
        p = _one(self.rng, self.lawyers)
        word = _one(self.rng, ("lawyer", "rights defender", "lawyer", "legal adviser"))
        return f"{word} {self._name(p)}" if p.mentioned == 0 else self._name(p)

    def _REL(self) -> str:
        if self.rel is None or self.rng.random() < 0.3:
            self.rel = _one(self.rng, self.relatives)
        return self._name(self.rel)

    def _relof(self) -> str:
        rel = self.rel or self.relatives[0]
        kin = rel.kin
        if self.rng.random() < 0.5:
            kin.mentioned += 1
            return f"the {rel.relation} of {kin.primary if self.rng.random() < 0.8 else kin.spellings[1]}"
        where = _one(self.rng, ("is still in prison", "is held in a colony", "is serving a sentence",
                                 "has been in detention for years"))
        return f"whose {_KIN[rel.relation][kin.gender == 'f']} {kin.given} {where}"

    def _colony(self) -> str:
        if not self.colony_used:
            self.colony_used = True
            return self.colonies[0]
        return _one(self.rng, self.colonies)

    def _attr(self, name: str):
        """An attribute (age, job, sentence ...) of the last person named; gazetteer people and relatives have
        none, so theirs are the article's first invented prisoner's."""
        value = getattr(self.cur, name, None)
        return getattr(self.invented[0], name) if value is None else value

    def _job_a(self) -> str:
        return _a(self._attr("job"))

    def _served(self) -> str:
        total = self._attr("yrs")
        done = _int(self.rng, 1, total) if total > 1 else 1
        return f"{self._num(done)} years of a {self._num(total)}-year sentence"

    def _evidence(self) -> str:
        return _one(self.rng, ("a comment left in a Telegram chat", f"photographs found on {self['his']} phone",
                                "a bank transfer of a few roubles", "the statement of an anonymous witness",
                                "a video filmed by police in 2020", "screenshots of an old social media account"))

    # -- numbers and dates
    def _num(self, n: int) -> str:
        return _NUM_WORDS[n] if n in _NUM_WORDS and self.rng.random() < 0.5 else str(n)

    def _n(self) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.06:
            return _one(rng, ("dozens of", "hundreds of", "scores of"))
        n = _one(rng, (2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 16, 17, 18, 20, 23, 25, 26, 30, 31, 35, 40, 42,
                        50, 52, 60, 75, 80, 100, 120, 150, 200, 250))
        if r < 0.12:
            return f"between {n} and {n + _one(rng, (2, 3, 5, 10))}"
        text = self._num(n)
        if r < 0.5:
            return f"{_one(rng, _QUALIFIERS)} {text}"
        return text

    def _bigq(self) -> str:
        rng = self.rng
        t = self.total + _int(rng, -15, 16)
        r = rng.random()
        if r < 0.35:
            return f"{t:,}"
        rounded = (t // 50) * 50
        return f"{_one(rng, ('more than', 'over', 'about', 'some', 'nearly', 'around'))} {rounded:,}"

    def _d(self, first: bool = False) -> str:
        rng, published = self.rng, self.published
        r = rng.random()
        if r < 0.16:
            s = f"last {_one(rng, WEEKDAYS)}"
        elif r < 0.28:
            s = f"on {_one(rng, WEEKDAYS)}"
        elif r < 0.44:
            s = _one(rng, _RELATIVE_DATES)
        else:
            d = published - timedelta(days=_int(rng, 1, 500))
            if r < 0.58:
                s = f"on {d.day} {MONTHS[d.month - 1]}"
            elif r < 0.66:
                s = f"on {MONTHS[d.month - 1]} {d.day}"
            elif r < 0.84:
                s = f"in {MONTHS[d.month - 1]} {d.year}"
            elif r < 0.92:
                s = f"on {d.day} {MONTHS[d.month - 1]} {d.year}"
            else:
                s = f"in early {MONTHS[d.month - 1]}" if d.day < 11 else f"in late {MONTHS[d.month - 1]} {d.year}"
        return s[0].upper() + s[1:] if first else s

    def date_format(self, d: date) -> str:
        """An absolute date in the article's own style ("3 March 2024" or "March 3, 2024")."""
        month = MONTHS[d.month - 1]
        return f"{d.day} {month} {d.year}" if self.day_first else f"{month} {d.day}, {d.year}"

    def _my(self) -> str:
        d = self.published - timedelta(days=_int(self.rng, 30, 1600))
        return f"{MONTHS[d.month - 1]} {d.year}"

    def _yr(self) -> str:
        return str(_int(self.rng, 2020, self.published.year + 1))

    # -- wording
    def _choice(self, key: str, forms: tuple[str, ...]) -> str:
        """One of the article's own few wordings of ``key`` (now and then any other)."""
        own = self.lex.get(key)
        if own is None:
            own = self.lex[key] = [_one(self.rng, forms) for _ in range(4 if key == "prisoners" else 3)]
        return _one(self.rng, own) if self.rng.random() < 0.9 else _one(self.rng, forms)

    def __missing__(self, key: str) -> str:
        field = _FIELDS.get(key)
        return field(self) if field is not None else self._choice(key, LEX[key])

    def deal(self, kind: str, pool: tuple[str, ...]) -> str:
        """The next template of ``pool`` for this article: each is used once before any repeats."""
        deck = self.decks.get(kind)
        if not deck:
            deck = self.decks[kind] = list(pool)
        return deck.pop(int(self.rng.random() * len(deck)))


# Fields of the clause templates: functions of the story, evaluated at each use.
_FIELDS = {
    "X": _Story._X, "PR": _Story._PR, "OF": lambda self: self._name(self._pick("official")),
    "OP": lambda self: self._name(self._pick("opposition")), "RU": lambda self: self._name(self._pick("russia")),
    "FO": _Story._FO, "L": _Story._L, "REL": _Story._REL,
    "relof": _Story._relof, "kin": lambda self: self.rel.kin.given if self.rel else self.cur.given,
    "rself": lambda self: self.rel.relation if self.rel else "mother",
    "he": lambda self: "he" if self.cur.gender == "m" else "she", "He": lambda self: self["he"].capitalize(),
    "his": lambda self: "his" if self.cur.gender == "m" else "her", "His": lambda self: self["his"].capitalize(),
    "him": lambda self: "him" if self.cur.gender == "m" else "her",
    "S": lambda self: self.cur.primary.split()[-1], "age": lambda self: str(self._attr("age")),
    "job": lambda self: self._attr("job"), "job_a": _Story._job_a, "home": lambda self: self._attr("home"),
    "yrs": lambda self: str(self._attr("yrs")), "yrs2": lambda self: str(self._attr("yrs") + _int(self.rng, 1, 4)),
    "served": _Story._served, "art": lambda self: self._attr("art"), "offence": lambda self: self._attr("offence"),
    "reason": lambda self: self._attr("reason").format(his=self["his"]),
    "illness": lambda self: self._attr("illness"),
    "n": _Story._n, "nn": lambda self: self._num(_one(self.rng, (3, 5, 7, 9, 12, 14, 16, 18, 23, 31, 44, 52))),
    "few": lambda self: _one(self.rng, ("two", "three", "four", "five")),
    "bigq": _Story._bigq, "huge": lambda self: f"{_int(self.rng, 30, 70)},000",
    "peak": lambda self: f"{_int(self.rng, 1450, 1600):,}", "k": lambda self: self._num(_int(self.rng, 2, 13)),
    "kg": lambda self: str(_int(self.rng, 6, 30)), "minutes": lambda self: str(_int(self.rng, 5, 40)),
    "pages": lambda self: f"{_int(self.rng, 3, 90) * 10:,}",
    "money": lambda self: f"{_int(self.rng, 2, 60) * 100:,} roubles",
    "d": _Story._d, "D": lambda self: self._d(first=True), "my": _Story._my, "yr": _Story._yr,
    "town": lambda self: _one(self.rng, self.towns[:3]), "town2": lambda self: self.towns[3],
    "city": lambda self: _one(self.rng, self.cities), "colony": _Story._colony,
    "street": lambda self: _one(self.rng, self.streets), "village": lambda self: _one(self.rng, self.villages),
    "judge": lambda self: self._name(self._invent(role=True), set_cur=False),
    "checkpoint": lambda self: self.checkpoint, "rg": lambda self: _one(self.rng, self.rgs),
    "outlet": lambda self: _one(self.rng, self.outlets), "body": lambda self: _one(self.rng, self.bodies),
    "auth": lambda self: self._choice("auth", AUTHORITIES), "state": lambda self: self._choice("state", STATE_MEDIA),
    "foreigners": lambda self: self._choice("foreigners", FOREIGNERS),
    "group": lambda self: self._choice("group", GROUPS),
    "holiday": lambda self: self._choice("holiday", HOLIDAYS), "ordinal": lambda self: _one(self.rng, ORDINALS),
    "evidence": _Story._evidence, "arrest": lambda self: _one(self.rng, ("arrest", "detention", "trial")),
    "kq": lambda self: _one(self.rng, ("We wait", "Every letter counts", "Not on the list", "Still no news")),
}


_POSSESSIVE = re.compile(r"( \([^()]*\))'s|(?<=[a-z])s's\b")


@cache
def _parts(template: str) -> tuple[str | tuple[str, ...], ...]:
    """``template`` split into fixed text and the alternatives of each "[a|b|c]"."""
    return tuple(tuple(p.split("|")) if i % 2 else p for i, p in enumerate(re.split(r"\[([^\[\]]*)\]", template)))


def _fill(st: _Story, template: str) -> str:
    """``template`` with one wording of each "[a|b]" and every field filled."""
    parts = _parts(template)
    if len(parts) == 1:
        text = parts[0]
    else:
        rand = st.rng.random
        text = "".join([p if i % 2 == 0 else p[int(rand() * len(p))] for i, p in enumerate(parts)])
    text = text.format_map(st)
    if "'s" in text:  # "Journalists's" is "Journalists'"; "X (Y)'s" is "X's"
        text = _POSSESSIVE.sub(lambda m: "'s" if m.group(1) else "s'", text)
    return text


def _cap(s: str) -> str:
    """``s`` with its first letter (after an opening quote mark) in upper case."""
    i = 1 if s[:1] == '"' else 0
    return s[:i] + s[i].upper() + s[i + 1:] if len(s) > i else s


#: a clause that names its own time ("since", "{protests}" ...) or is in the present tense takes no date opener
_DATED = re.compile(r"\{(?:d|D|my|yr|protests)\}|since|ago|\b(?:19|20)\d\d\b|" + "|".join(MONTHS))
_PRESENT = re.compile(r"\b(?:has|have|is|are|say|says|counts|lists|remain|estimates|makes|wear|works|misses|keeps|"
                      r"sells|suffers|lives|hopes|now|still|switch|turn|shares|describe|can|may|travels|takes|rents|"
                      r"cannot)\b")


_ATTRIBUTED = re.compile(r"\b(?:said|says|say|told|reported|according|estimates|noted|stated)\b|\"", re.IGNORECASE)


@cache
def _takes_date(template: str) -> bool:
    """True for a clause in the past tense that names no date: "{D}, ..." can open it."""
    return not _DATED.search(template) and not _PRESENT.search(template)


def _clause(st: _Story, kind: str) -> str:
    """One sentence: a clause of ``kind`` (a CLAUSES key, or "general"), at times with an opener or attribution."""
    rng = st.rng
    if kind == "general":  # subject + verb + object, each filled on its own
        grammar = (OFFICIAL_SUBJECTS, OFFICIAL_VERBS, OFFICIAL_OBJECTS) if rng.random() < 0.3 else \
            (SUBJECTS, VERBS, OBJECTS)
        fragments = [_one(rng, pool) for pool in grammar]
        text = " ".join([_fill(st, f) for f in fragments])
        core = fragments[2]
    else:
        core = st.deal(kind, CLAUSES[kind])
        text = _fill(st, core)
    r = rng.random()
    if r < 0.3 and _takes_date(core):
        text = f"{_fill(st, st.deal('date openers', DATE_OPENERS))} {text}"
    elif r < 0.45:
        text = f"{_fill(st, st.deal('openers', OPENERS))} {text}"
    if rng.random() < 0.18 and not _ATTRIBUTED.search(text):
        text += _fill(st, st.deal("tails", TAILS))
    return _cap(text) + "."


def _quote(st: _Story, speaker: str) -> str:
    """An invented quote and its attribution; ``speaker`` is a QUOTES key."""
    rng = st.rng
    appos = ""
    if speaker == "relative":
        who = st["REL"]
        if rng.random() < 0.5:
            appos = st["relof"]
    elif speaker == "freed":
        who = st["X"]
    elif speaker == "lawyer":
        who = st["L"]
    elif speaker == "opposition":
        who = st["OP"]
    elif speaker == "official":
        who = st["OF"] if rng.random() < 0.6 else _one(rng, ("a spokesman for the interior ministry",
                                                                "a pro-government commentator",
                                                                "the head of the pardon commission"))
    else:
        who = st["FO"]
    parts = [_cap(_fill(st, st.deal("q" + speaker, QUOTES[speaker]))) for _ in range(_one(rng, (1, 1, 2, 2, 3)))]
    body = ". ".join(parts)
    said = st["said"] if rng.random() < 0.5 else "said"
    r = rng.random()
    if r < 0.45:
        return f'"{body}," {who}{", " + appos + "," if appos else ""} {said}.'
    if r < 0.7:
        return f'"{body}," said {who}{", " + appos if appos else ""}.'
    who = f"{who}, {appos}," if appos else who
    return f'{_cap(who)} {said}: "{body}."'


ROSTER_INTROS = (
    "Among those {freed} {d} [were|are]", "The {freeda} {prisoners} [included|include]",
    "[The list|A list] [published|obtained|seen] by {outlet} [names|includes]",
    "{rg} [identified|named] [several|some] of them:", "Those still [held|inside|behind bars] include",
    "Others on {rg}'s list [are|include]",
    "[Also convicted|Also sentenced] [in {town}|{d}] were", "[Names|People] on the [list|latest list] include",
    "The {nn} {freeda} {prisoners} [included|include]", "Among the {nn} {group} [convicted|sentenced] in {town} {d} "
    "[were|are]", "[Of|Among] the {nn} people {freed} {d}, {rg} [named|identified]")
REGIONS = ("Minsk", "Minsk region", "Brest region", "Hrodna region", "Homel region", "Mahiliou region",
           "Vitsebsk region")
_SPEAKERS = ("relative", "freed", "lawyer", "opposition", "official", "diplomat")
_KINDS = ("release", "trial", "conditions", "family", "diplomacy", "stats", "exile", "reaction", "background",
          "general", "profile", "quote", "roster", "timeline", "regions")


def _roster(st: _Story) -> str:
    """A list of named people with age, job, home town and sentence: new names, as news lists of prisoners have."""
    rng = st.rng
    entries = []
    for _ in range(_int(rng, 3, 7)):
        p = st._invent()
        job = _a(p.job)
        detail = _one(rng, (f"{p.age}, {job} from {p.home}", f"{p.age}, from {p.home}", f"{job} from {p.home}",
                             f"{p.age}, {job}", f"{job} in {p.home}"))
        tail = _one(rng, ("", "", "", f", sentenced to {p.yrs} years", f", held since {st._my()}",
                           f" ({p.yrs} years under {p.art})", f", convicted of {p.offence}", f", {p.yrs} years"))
        entries.append(f"{p.primary}, {detail}{tail}")
    return f"{_cap(_fill(st, _one(rng, ROSTER_INTROS)))} {'; '.join(entries[:-1])}; and {entries[-1]}."


def _timeline(st: _Story) -> str:
    """One prisoner's case as dated steps: arrest, charge, verdict, appeal or transfer."""
    rng, pub = st.rng, st.published
    p = _one(rng, st.invented)
    name = st._name(p)
    d1 = pub - timedelta(days=_int(rng, 500, 1700))
    d2 = d1 + timedelta(days=_int(rng, 3, 60))
    d3 = d2 + timedelta(days=_int(rng, 40, 240))
    d4 = d3 + timedelta(days=_int(rng, 30, 300))
    f = st.date_format
    he, his = st["he"], st["his"]
    first = _one(rng, (
        f"{name} was detained on {f(d1)}, charged under {p.art} on {f(d2)} and sentenced on {f(d3)} to {p.yrs} years",
        f"{name}'s case moved quickly: arrest on {f(d1)}, charges on {f(d2)}, a {p.yrs}-year sentence on {f(d3)}",
        f"Police came for {name} on {f(d1)}; {he} was charged on {f(d2)} and convicted on {f(d3)}",
        f"{name} spent the night of {f(d1)} in a police station and has not been free since; the verdict came on "
        f"{f(d3)}"))
    second = _one(rng, (
        f"An appeal was rejected on {f(d4)}", f"On {f(d4)} {he} was moved to {st['colony']}",
        f"{_cap(his)} appeal failed on {f(d4)}",
        f"The {st['release']} came on {f(d4)}, {(d4 - d1).days // 30} months after {his} arrest" if d4 < pub
        else f"{_cap(his)} family last saw {st['him']} on {f(d3)}",
        f"Since {f(d4)}, {st['relatives']} have had no news"))
    return f"{_cap(first)}. {second}."


def _regions(st: _Story) -> str:
    """Counts of political prisoners by region: numbers of the article's own."""
    rng = st.rng
    names = rng.sample(REGIONS, _int(rng, 3, 6))
    counts = sorted((_int(rng, 15, st.total // 3) for _ in names), reverse=True)
    first = f"{counts[0]} {st['prisoners']} in {names[0]}"
    rest = [f"{c} {_one(rng, ('in', 'in', 'people in', 'prisoners in', 'detainees in'))} {r}"
            for c, r in zip(counts[1:], names[1:], strict=True)]
    lead = _fill(st, _one(rng, ("By region, {rg} counts", "{rg}'s regional figures show", "Broken down by region, "
                                                                                            "there are")))
    text = f"{_cap(lead)} {first}, {', '.join(rest[:-1])} and {rest[-1]}."
    if rng.random() < 0.5:
        text += f" Another {_int(rng, 10, 90)} are held in {st['colony']}."
    return text


def _paragraph(st: _Story, kind: str) -> str:
    """A paragraph of ``kind`` (one of ``_KINDS``): two to five sentences, or a list, with quotes now and then."""
    rng = st.rng
    st.focus = None
    if kind in ("roster", "timeline", "regions"):
        text = {"roster": _roster, "timeline": _timeline, "regions": _regions}[kind](st)
        if rng.random() < 0.5:
            text += " " + _clause(st, _one(rng, ("release", "trial", "stats", "general")))
        return text
    sentences: list[str] = []
    if kind == "profile":
        st.focus = _one(rng, st.invented)
        sentences.append(_cap(_fill(st, st.deal("profile", PROFILE))) + ".")
        for _ in range(_int(rng, 1, 4)):
            sentences.append(_clause(st, _one(rng, ("trial", "conditions", "trial", "exile"))))
        if rng.random() < 0.3:
            sentences.append(_quote(st, "freed"))
    elif kind == "quote":
        speaker = _one(rng, _SPEAKERS)
        sentences.append(_clause(st, _one(rng, ("reaction", "general", "release"))))
        sentences.append(_quote(st, speaker))
        if rng.random() < 0.4:
            sentences.append(_clause(st, "general"))
    elif kind == "family":
        st.rel = _one(rng, st.relatives)
        for _ in range(_int(rng, 1, 3)):
            sentences.append(_clause(st, "family"))
        sentences.append(_quote(st, "relative"))
    else:
        for _ in range(_int(rng, 2, 5)):
            sentences.append(_clause(st, kind if rng.random() < 0.75 else "general"))
        if rng.random() < 0.15:
            sentences.append(_quote(st, _one(rng, _SPEAKERS)))
    st.focus = None
    return " ".join(sentences)


def article(rng: random.Random, published: date) -> tuple[str, list[str]]:
    """A title and 500–1,500 words of paragraphs."""
    _, samples = _material()
    st = _Story(rng, published)
    weights = [rng.random() + 0.2 for _ in _KINDS]
    target = _int(rng, 560, 1400)
    out = [" ".join(_clause(st, _one(rng, ("release", "release", "trial", "stats"))) for _ in range(2))]
    words = len(out[0].split())
    n_samples = 0
    while words < target:
        if n_samples < 2 and rng.random() < 0.06:
            para = _one(rng, samples)
            n_samples += 1
        else:
            kind = rng.choices(_KINDS, weights)[0]
            if kind == "regions":  # one breakdown by region is plenty
                weights[_KINDS.index(kind)] = 0
            para = _paragraph(st, kind)
        n = len(para.split())
        if words + n > 1450:  # within 1,500 words (and, as target < 1,400, already well over 500)
            break
        out.append(para)
        words += n
    st.cur = st.invented[0]
    st.invented[0].mentioned = max(st.invented[0].mentioned, 1)
    title = _cap(_fill(st, _one(rng, HEADLINES)))[:110]
    return title, out


def _teasers(rng: random.Random, n: int) -> str:
    """Story cards: headline, one-line summary, image, time: what fills the side and foot of a news page."""
    _, paragraphs = _material()
    cards = []
    for _ in range(n):
        text = rng.choice(paragraphs).split(". ")
        slug = f"{rng.choice(SECTIONS).lower().replace(' ', '-')}/{rng.randrange(10**6):06d}"
        cards.append(f'<div class="card"><a href="{SITE}/{slug}"><img src="{SITE}/img/{slug}.jpg" alt="" '
                     f'loading="lazy" width="320" height="180"><h3>{html.escape(text[0][:90])}</h3></a>'
                     f'<p class="summary">{html.escape(text[-1][:160])}</p><span class="time">'
                     f'{rng.randrange(1, 23)} hours ago</span></div>')
    return "\n".join(cards)


def _state(rng: random.Random) -> str:
    """An inline JSON app state, as script-rendered news sites ship in every page."""
    items = [{"id": rng.randrange(10**9), "slot": f"slot-{i}", "sizes": [[300, 250], [728, 90]],
              "targeting": {"section": rng.choice(SECTIONS), "kw": ["belarus", "prisoners", "politics"]},
              "lazy": True} for i in range(40)]
    return json.dumps({"props": {"ads": items, "flags": {f"feature_{i}": i % 3 == 0 for i in range(80)}}})


def _links(rng: random.Random, n: int, prefix: str) -> str:
    items = []
    for _ in range(n):
        slug = f"{rng.choice(SECTIONS).lower().replace(' ', '-')}/{rng.randrange(10**6):06d}"
        text = " ".join(rng.choice(LINK_WORDS) for _ in range(rng.randrange(3, 8))).capitalize()
        items.append(f'<li class="{prefix}-item"><a href="{SITE}/{slug}">{html.escape(text)}</a></li>')
    return "\n".join(items)


_SCRIPT = ("window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag('js',new Date());"
           "gtag('config','G-BENCH');(function(w,d,s){var f=d.getElementsByTagName(s)[0],j=d.createElement(s);"
           "j.async=true;j.src='https://ads.example.test/tag.js?id='+Math.random();f.parentNode.insertBefore(j,f)})"
           "(window,document,'script');var cfg={consent:{necessary:true,analytics:false,ads:false},"
           "slots:['top','mid','side','bottom'],lazy:true,refresh:30};")


def page(index: int, seed: int = 7, chrome: str = "publisher") -> str:
    """The HTML of page ``index``: deterministic in (seed, index, chrome).

    ``chrome``: ``"publisher"`` wraps the article in the markup real publishers' pages carry
    (``benchmarks.chrome``); ``"light"`` leaves only this module's own lighter boilerplate. The article is the
    same under both (the chrome draws from a random stream of its own).
    """
    if chrome not in CHROMES:
        raise ValueError(f"chrome must be one of {CHROMES}, not {chrome!r}")
    rng = random.Random(seed * 1_000_003 + index)
    published = date(2024, 1, 1) + timedelta(days=rng.randrange(700))
    title, paragraphs = article(rng, published)
    section = rng.choice(SECTIONS)
    url = f"{SITE}/{section.lower().replace(' ', '-')}/{published.isoformat()}-story-{index:06d}"
    author = rng.choice(("Tomas Rudnik", "Anna Kowalczyk", "Maria Lind", "Jonas Petraitis", "Ruth Adler"))
    esc = html.escape
    body = "\n".join(f"<p>{esc(p)}</p>" for p in paragraphs)
    nav = "\n".join(f'<li><a href="{SITE}/{s.lower().replace(" ", "-")}">{s}</a></li>' for s in SECTIONS)
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
                     "datePublished": f"{published.isoformat()}T09:00:00Z",
                     "author": {"@type": "Person", "name": author},
                     "publisher": {"@type": "Organization", "name": "Bench Daily"}}).replace("</", "<\\/")
    heavy = chrome == "publisher"
    crng = random.Random(seed * 2_000_003 + index)  # the chrome's own stream: the article stays the same

    def block(make, *args) -> str:
        return make(crng, *args) if heavy else ""

    css = f"<style>{chrome_css(crng)}</style>" if heavy else ""
    next_data = (f'<script id="__NEXT_DATA__" type="application/json">'
                 f'{app_state(crng, title, paragraphs, SITE, SECTIONS)}</script>' if heavy else "")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{esc(title)} | Bench Daily</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="{esc(paragraphs[0][:150])}">
<meta property="og:type" content="article"><meta property="og:title" content="{esc(title)}">
<meta property="og:site_name" content="Bench Daily"><meta property="og:url" content="{url}">
<meta property="article:published_time" content="{published.isoformat()}T09:00:00+00:00">
<meta name="author" content="{author}">
<link rel="canonical" href="{url}">
<link rel="stylesheet" href="{SITE}/static/main.css">
<script type="application/ld+json">{ld}</script>
<script>{_SCRIPT * 3}</script>
<style>.nav{{display:flex}}.related li{{margin:0 0 4px}}.cookie{{position:fixed;bottom:0}}</style>
{css}
</head><body>
<div class="cookie" id="consent"><p>We use cookies to improve your experience and to show you relevant
advertising. By continuing to browse you agree to our use of cookies.</p><button>Accept</button>
<button>Manage settings</button></div>
<header>{block(masthead, SITE)}<a class="logo" href="{SITE}/">Bench Daily</a>
<nav class="nav"><ul>{nav}</ul>
<div class="mega-menu"><ul>{_links(rng, 90, "menu")}</ul></div></nav>{block(menu_drawer, SITE, SECTIONS)}
<form action="{SITE}/search"><input name="q" placeholder="Search"><button>Search</button></form>
<div class="ticker"><ul>{_links(rng, 8, "ticker")}</ul></div></header>
{block(ad_slot, "top")}
<main><div class="breadcrumb"><a href="{SITE}/">Home</a> › <a href="{SITE}/{section.lower()}">{section}</a></div>
<article>
<h1>{esc(title)}</h1>
<div class="byline">By <span class="author">{author}</span>
<time datetime="{published.isoformat()}T09:00:00Z">{published.day} {MONTHS[published.month - 1]} {published.year}</time>
</div>
<div class="share"><a href="#">Share on X</a> <a href="#">Share on Facebook</a> <a href="#">Email</a></div>
{share_bar(SITE, url) if heavy else ""}
<div class="article-body">
{body}
</div>
<div class="tags"><a href="{SITE}/tag/belarus">Belarus</a> <a href="{SITE}/tag/prisoners">Political prisoners</a></div>
</article>
<aside class="related"><h2>Related stories</h2><ul>{_links(rng, 12, "related")}</ul>
<div class="cards">{_teasers(rng, 10)}</div>{block(ad_slot, "side")}</aside>
<aside class="newsletter"><h2>Newsletter</h2><p>Get the morning briefing in your inbox every weekday.
Sign up now and never miss a story.</p><form><input name="email"><button>Subscribe</button></form></aside>
<aside class="most-read"><h2>Most read</h2><ol>{_links(rng, 10, "most-read")}</ol></aside>
<section class="more"><h2>More from {section}</h2><div class="cards">{_teasers(rng, 12)}</div></section>
{block(rail, SITE, SECTIONS, "More on this story", 6)}{block(ad_slot, "mid")}
{block(rail, SITE, SECTIONS, "Around the world", 6)}{block(rail, SITE, SECTIONS, "Watch", 4)}
<script>{_SCRIPT * 2}</script>
</main>
{block(ad_slot, "bottom")}
<footer><ul>{_links(rng, 24, "footer")}</ul>{block(footer_columns, SITE)}
<p>© 2025 Bench Daily. All rights reserved. Terms of use · Privacy policy · Cookie policy · Contact us ·
Advertise with us · Careers</p></footer>
<script id="__STATE__" type="application/json">{_state(rng)}</script>
{next_data}
<script src="{SITE}/static/app.js" async></script>
</body></html>
"""


def write_pages(directory: str | Path, n: int, seed: int = 7, chrome: str = "publisher") -> Iterator[Path]:
    """Write pages 0..n-1 into ``directory`` as ``page_NNNNNN.html``, yielding each path as it is written."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        path = directory / f"page_{i:06d}.html"
        path.write_text(page(i, seed, chrome), encoding="utf-8")
        yield path


def page_paths(directory: str | Path) -> Iterator[Path]:
    """The pages written in ``directory``, in order (a sorted directory listing of names, not of contents)."""
    yield from sorted(Path(directory).glob("page_*.html"))

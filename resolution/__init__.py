"""Name resolution, a stage of its own: which spellings name the same person, within and across articles.

May import: ``gazetteer`` (the data it reads: known people, given names, name rules, transliteration)
and ``records`` (mentions in, people out). Never ``extractors``, ``crawler``, ``warehouse`` or ``flows``.

- ``resolution.names``: one spelling taken apart and two compared by general rules;
- ``resolution.resolve``: the ``Resolver`` that clusters mentions into people with stable ids.
"""

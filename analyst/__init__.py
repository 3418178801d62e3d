"""What analysts look at: a person found by any spelling, a static report with charts, a local web app.

A plain library over the warehouse (read-only connections, ``warehouse.db.connect_analyst``) and the name
resolver (``resolution``): it knows nothing of Prefect. ``store`` reads the warehouse, ``lookup`` finds people
by spelling, ``charts`` draws SVG, ``pages`` turns both into what each page shows, ``site`` writes the static
report and ``web`` serves the same pages live.

May import: ``resolution`` (the name rules), ``warehouse`` (connections, review decisions), ``gazetteer`` and
``records``; never Prefect, spaCy or trafilatura (an analyst's page never runs the pipeline).
"""

"""Extraction: the extractors (pipeline components, one job each) and the base they share.

The extractors register their components when imported; :mod:`kg.pipeline`
imports the modules of its ``COMPONENT_MODULES``.  Importing this package
imports nothing else, so the base layer can be used alone:

* :mod:`~kg.extract.text`: tokens, jieba's dictionary, character classes, clauses;
* :mod:`~kg.extract.mentions`: adding mentions, what overlaps a span;
* :mod:`~kg.extract.names`: where a name begins;
* :mod:`~kg.extract.divisions`: the administrative-division table;
* :mod:`~kg.extract.company_names`, :mod:`~kg.extract.person_names`,
  :mod:`~kg.extract.title_chains`: what names and titles look like;
* :mod:`~kg.extract.organs`: whose organ a bare organ name is;
* :mod:`~kg.extract.money`: amounts of money;
* :mod:`~kg.extract.lac_model`: the statistical tagger.

Two components run their rules from modules of their own:
``relations`` (:mod:`~kg.extract.investors`, :mod:`~kg.extract.locations`)
and ``values`` (:mod:`~kg.extract.investments`, :mod:`~kg.extract.dates`).
No component module imports another.  The word lists are in
``kg/lexicon/`` (:mod:`kg.lexicons`).
"""

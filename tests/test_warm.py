"""kg.warm: a process that imported it loads no model while it extracts (the fork server's use)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# after `import kg.warm`: extract seed articles, count the model loads that extraction caused
PROBE = """
import json, sys
import kg.warm
from kg.article import extract_text
from kg.extract import perceptron
from kg.extract.lac_model import lac_model
before = (perceptron.load.cache_info().misses, lac_model.cache_info().misses)
for path in sys.argv[1:]:
    extract_text(open(path, encoding="utf-8").read(), name=path)
after = (perceptron.load.cache_info().misses, lac_model.cache_info().misses)
print(json.dumps({"before": before, "after": after}))
"""


@pytest.mark.slow
def test_warm_loads_every_model_extraction_uses():
    seeds = sorted(str(p) for p in (ROOT / "seeds").glob("*.txt"))[:6]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("KG_MODELS", None)
    out = subprocess.run([sys.executable, "-c", PROBE, *seeds], env=env, capture_output=True,
                         text=True, timeout=300, check=True)
    loads = json.loads(out.stdout.splitlines()[-1])
    assert loads["before"][1] == 1  # LAC loaded by the import
    assert loads["after"] == loads["before"]  # the learned models too: nothing loaded later

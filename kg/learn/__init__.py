"""Training the learned components from the gold annotations in the repository.

Not imported by the pipeline: the pipeline reads the trained model files that
ship in ``kg/models/``.  ``python -m kg.learn.train`` rebuilds them.
"""

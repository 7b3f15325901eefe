"""The report itself, in pure Python: money, the schema, report data and the checks.

Nothing in this package may import a third-party module (enforced by tests/test_layers.py).
"""

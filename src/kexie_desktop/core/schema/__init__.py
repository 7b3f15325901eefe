"""The in-memory model of a report outline: sections, fields, tables and relations.

Outlines themselves are data (``resources/templates/*.toml``), read by ``core.template``.
"""

from kexie_desktop.core.schema.model import (
    ColumnBoundRelation,
    ColumnSumRelation,
    Comparison,
    Field,
    Item,
    ListCountRelation,
    RatioRelation,
    Relation,
    ReportSchema,
    RowCountRelation,
    RowSumRelation,
    Section,
    SumRelation,
    Table,
    Term,
)

__all__ = [
    "ColumnBoundRelation",
    "ColumnSumRelation",
    "Comparison",
    "Field",
    "Item",
    "ListCountRelation",
    "RatioRelation",
    "Relation",
    "ReportSchema",
    "RowCountRelation",
    "RowSumRelation",
    "Section",
    "SumRelation",
    "Table",
    "Term",
]

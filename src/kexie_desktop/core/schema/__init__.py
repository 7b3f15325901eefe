"""The report schema: the one declaration of every section, field, table and relation."""

from kexie_desktop.core.schema.basics import BASICS, STAFF_RELATIONS
from kexie_desktop.core.schema.general_budget import GENERAL_BUDGET, GENERAL_BUDGET_RELATIONS
from kexie_desktop.core.schema.header import HEADER, TITLE_SUFFIX
from kexie_desktop.core.schema.model import (
    ColumnBoundRelation,
    ColumnSumRelation,
    Comparison,
    Field,
    Item,
    Relation,
    ReportSchema,
    RowCountRelation,
    RowSumRelation,
    Section,
    SumRelation,
    Table,
)
from kexie_desktop.core.schema.other_budgets import NONE_TEXT, OTHER_BUDGETS
from kexie_desktop.core.schema.performance import CLOSING_SECTIONS, PERFORMANCE

SCHEMA = ReportSchema(
    sections=(HEADER, BASICS, GENERAL_BUDGET, *OTHER_BUDGETS, PERFORMANCE, *CLOSING_SECTIONS),
    relations=(*STAFF_RELATIONS, *GENERAL_BUDGET_RELATIONS),
)

__all__ = [
    "NONE_TEXT",
    "SCHEMA",
    "TITLE_SUFFIX",
    "ColumnBoundRelation",
    "ColumnSumRelation",
    "Comparison",
    "Field",
    "Item",
    "Relation",
    "ReportSchema",
    "RowCountRelation",
    "RowSumRelation",
    "Section",
    "SumRelation",
    "Table",
]

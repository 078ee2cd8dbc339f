"""The store's name for the record format, which lives in ``app.rows`` so head office shares it."""

from app.rows import (
    ENTITIES,
    ENTITY_OF_CLASS,
    NOT_COLUMNS,
    entity_of,
    from_row,
    rules_from_json,
    rules_to_json,
    table_of,
    to_row,
    to_value,
)

__all__ = ["ENTITIES", "ENTITY_OF_CLASS", "NOT_COLUMNS", "entity_of", "from_row", "rules_from_json",
           "rules_to_json", "table_of", "to_row", "to_value"]

"""Member lists as chairs really keep them: CSV and Excel files, read into Members.

Plain Python (no Qt, no SQL). Importing is two steps, so the chair can check the columns and the
problems before anything is saved:

    table = read_table(path)                         # ImportFileError: one sentence for the chair
    result = preview(table, existing=held_members)   # columns guessed unless a mapping is given
    save(result.members)                             # the importable, non-duplicate rows
    print(summary(result, imported=len(result.members)))

Interface:
    Table(headers, rows, encoding, delimiter)       what was read; rows are (line, cells)
    read_table(path) -> Table
    FIELD_LABELS: dict[str, str]                     field name -> label for a mapping screen
    guess_mapping(headers) -> dict[str, int]         field name -> column index
    Problem(line, message, kind)                     str() gives "line 7: ..."
    ImportRow(line, member, problems, duplicate)     member is None when the row has no name
    Preview(table, mapping, rows, ignored_columns)   .importable .members .duplicates .problems
    preview(table, mapping=None, existing=()) -> Preview
    summary(preview, imported, dry_run=False) -> str
    duplicate_key(member) -> str                     the store uses it to spot duplicates too

Line numbers are the row numbers the chair sees in Excel: the heading row is usually line 1,
so the first member is on line 2. Cells are text, ``date`` (only from Excel cells) or None.
Problem kinds: "missing name", "one name", "date", "role", "consent", "duplicate".

The package: ``files`` reads CSV and Excel into a ``Table`` (``values``), ``columns`` matches headings to
fields, ``cells`` cleans each cell, ``dates`` reads dates as chairs write them, and ``preview`` turns rows
into members with the chair's report.
"""

from app.imports.columns import guess_mapping
from app.imports.files import read_table
from app.imports.preview import duplicate_key, preview, summary
from app.imports.values import FIELD_LABELS, Cell, ImportRow, Preview, Problem, Table

__all__ = ["FIELD_LABELS", "Cell", "ImportRow", "Preview", "Problem", "Table", "duplicate_key", "guess_mapping",
           "preview", "read_table", "summary"]

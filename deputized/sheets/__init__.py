"""Reading ICE's 287(g) workbooks into typed rows.

Pure Python: no Django, no database. `read_workbook` is the entry point; `filenames` reads what
ICE's file names say (date, slot, re-issue marker).
"""

from deputized.sheets.errors import NotAnIceList, SheetError, UnreadableWorkbook
from deputized.sheets.reader import read_workbook
from deputized.sheets.types import ListKind, ParsedRow, ParsedSheet, SupportModel

__all__ = [
    "ListKind",
    "NotAnIceList",
    "ParsedRow",
    "ParsedSheet",
    "SheetError",
    "SupportModel",
    "UnreadableWorkbook",
    "read_workbook",
]

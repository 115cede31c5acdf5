"""Why a file could not be read. Each message names the problem in words a curator can act on."""


class SheetError(Exception):
    """A file that is not a readable ICE 287(g) list."""


class UnreadableWorkbook(SheetError):
    """Not an xlsx workbook at all, or a corrupt or truncated one."""


class NotAnIceList(SheetError):
    """A readable workbook whose first sheet is not one of ICE's 287(g) lists."""

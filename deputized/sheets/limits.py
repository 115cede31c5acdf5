"""How big a workbook may be before the reader refuses it unread.

Every limit is a wide margin over what ICE has actually published. Measured on the 472 real files
(451 snapshots and 21 wayback conversions, 2025-03-06 to 2026-04-30):

| measure                                  | real maximum | limit      | margin |
|------------------------------------------|--------------|------------|--------|
| file size                                | 221 KB       | 16 MB      | 70x    |
| parts in the zip                         | 23           | 500        | 20x    |
| one part, uncompressed (sheet1.xml)      | 809 KB       | 16 MB      | 20x    |
| all parts, uncompressed                  | 1.43 MB      | 32 MB      | 22x    |
| compression ratio of one part            | 12.5         | 100        | 8x     |
| last row holding a cell                  | 1,781        | 40,000     | 22x    |
| last column holding a cell               | 13 (M)       | 64 (BL)    | 5x     |

A zip bomb declares gigabytes in a megabyte; a sheet with one cell at XFD1048576 would make any
reader that fills the rectangle up to it (calamine does) allocate 17 billion cells. The row and
column limits together bound that rectangle to 2.56 million cells, which calamine and the reader
hold in well under 300 MB.
"""

from __future__ import annotations

MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_PARTS = 500
MAX_PART_BYTES = 16 * 1024 * 1024
MAX_TOTAL_BYTES = 32 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
# Below this size a part cannot do harm whatever its ratio (a few zeros compress 1000 to 1).
RATIO_CHECKED_FROM_BYTES = 64 * 1024
MAX_ROWS = 40_000
MAX_COLUMNS = 64

"""Draw the site's favicons (deputized/web/static/web/favicon.svg and favicon.ico) from one
design: a white "D" on the site's accent blue. Run once after changing the design; the files are
committed. Pure Python (the ICO holds one 32x32 PNG), so no imaging library is needed."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

STATIC = Path(__file__).resolve().parents[1] / "deputized" / "web" / "static" / "web"
BLUE = (0x0B, 0x4F, 0x8A)
WHITE = (0xFF, 0xFF, 0xFF)
SIZE = 32

# The D on a 32-unit square: a bar from (8,6) to (8,26), a bowl centred at (15,16).
SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
<rect width="32" height="32" rx="6" fill="#0b4f8a"/>
<path d="M8 6h7a10 10 0 0 1 0 20H8z M12 10v12h3a6 6 0 0 0 0-12z" fill="#fff" fill-rule="evenodd"/>
</svg>
"""


def _inside_d(x: float, y: float) -> bool:
    def shape(x0: float, r: float, top: float, bottom: float) -> bool:
        if not top <= y <= bottom:
            return False
        if x < x0:
            return False
        if x <= 15:
            return True
        return (x - 15) ** 2 + (y - 16) ** 2 <= r**2

    return shape(8, 10, 6, 26) and not shape(12, 6, 10, 22)


def _inside_square(x: float, y: float, radius: float = 6) -> bool:
    cx = min(max(x, radius), SIZE - radius)
    cy = min(max(y, radius), SIZE - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius**2


def _png() -> bytes:
    rows = []
    for py in range(SIZE):
        row = bytearray([0])  # filter: none
        for px in range(SIZE):
            x, y = px + 0.5, py + 0.5
            if not _inside_square(x, y):
                row += bytes((0, 0, 0, 0))
            else:
                row += bytes((*(WHITE if _inside_d(x, y) else BLUE), 255))
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + chunk(b"IEND", b"")
    )


def _ico(png: bytes) -> bytes:
    directory = struct.pack("<HHH", 0, 1, 1)
    entry = struct.pack("<BBBBHHII", SIZE, SIZE, 0, 0, 1, 32, len(png), 6 + 16)
    return directory + entry + png


def main() -> None:
    (STATIC / "favicon.svg").write_text(SVG, encoding="utf-8")
    (STATIC / "favicon.ico").write_bytes(_ico(_png()))


if __name__ == "__main__":
    main()

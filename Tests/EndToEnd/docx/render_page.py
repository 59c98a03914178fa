"""Renders one page of a PDF as a small grey PNG with a thin frame, for the README.

    python render_page.py REPORT.pdf OUT.png [PAGE] [DPI]

pdftoppm (poppler-utils) draws the page in grey; the PNG is written here with 16 grey levels,
which keeps a page at 60 dpi near 30 KB, and a one-pixel frame so the page's edge shows on a
white background. Needs only the standard library.
"""

import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path


def render(pdf, out, page=1, dpi=60):
    with tempfile.TemporaryDirectory() as work:
        stem = Path(work) / "page"
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-f", str(page), "-l", str(page), "-singlefile",
                        str(pdf), str(stem)], check=True)
        width, height, pixels = read_pgm(stem.with_suffix(".pgm").read_bytes())
    frame = 0x9
    rows = bytearray()
    for y in range(height):
        levels = [pixels[y * width + x] >> 4 for x in range(width)]
        if y in (0, height - 1):
            levels = [frame] * width
        levels[0] = levels[-1] = frame
        levels.append(0)  # pad to whole bytes
        rows.append(0)  # filter: none
        rows.extend((levels[i] << 4) | levels[i + 1] for i in range(0, width, 2))
    Path(out).write_bytes(b"\x89PNG\r\n\x1a\n"
                          + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 4, 0, 0, 0, 0))
                          + chunk(b"IDAT", zlib.compress(bytes(rows), 9))
                          + chunk(b"IEND", b""))


def read_pgm(data):
    """Width, height and 8-bit pixels of a binary PGM (P5) as pdftoppm writes it."""
    magic, size, maximum, pixels = data.split(b"\n", 3)
    assert magic == b"P5" and maximum == b"255", "expected an 8-bit binary PGM"
    width, height = map(int, size.split())
    return width, height, pixels[: width * height]


def chunk(kind, payload):
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


if __name__ == "__main__":
    arguments = sys.argv[1:]
    render(arguments[0], arguments[1], *(int(a) for a in arguments[2:4]))

#!/usr/bin/env python3
"""Describe a PNG screenshot, to check that it shows a page and not a blank.

    png_check.py FILE [#rrggbb ...]

Decodes the PNG with the standard library (zlib; 8-bit greyscale, RGB or
RGBA, not interlaced, as Chromium writes them) and prints one line:

    png: WIDTHxHEIGHT, N colours, P% of pixels differ from the background
    (the most common colour), colours found: #rrggbb ...

listing which of the given colours occur (exactly). Exits 0 when it could
read the file, 1 when it is not such a PNG.
"""
import collections
import struct
import sys
import zlib


def decode(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    pos, idat, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    width, height, depth, colour, _, _, interlace = header
    channels = {0: 1, 2: 3, 6: 4}.get(colour)
    if depth != 8 or channels is None or interlace:
        raise ValueError(f"unsupported PNG: depth {depth}, colour type {colour}, interlace {interlace}")
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    rows, previous, at = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[at], bytearray(raw[at + 1:at + 1 + stride])
        at += 1 + stride
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = previous[i]
            c = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + a) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + b) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                predictor = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + predictor) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, channels, rows


def main():
    if len(sys.argv) < 2:
        print("usage: png_check.py FILE [#rrggbb ...]", file=sys.stderr)
        return 2
    try:
        width, height, channels, rows = decode(sys.argv[1])
    except (OSError, ValueError, TypeError, zlib.error) as error:
        print(f"png: {sys.argv[1]}: {error}")
        return 1
    counts = collections.Counter()
    for row in rows:
        for x in range(0, len(row), channels):
            pixel = row[x:x + 3] if channels >= 3 else bytes([row[x]] * 3)
            counts[pixel] += 1
    total = width * height
    background, most = counts.most_common(1)[0]
    differ = 100.0 * (total - most) / total if total else 0.0
    wanted = [c.lower() for c in sys.argv[2:]]
    found = [c for c in wanted if bytes.fromhex(c.lstrip("#")) in counts]
    print(f"png: {width}x{height}, {len(counts)} colours, {differ:.1f}% of pixels differ from "
          f"the background #{background.hex()}, colours found: {' '.join(found) or '(none)'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

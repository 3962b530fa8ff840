#!/usr/bin/python3
"""The load and the measurements of bench/soak (which starts slated and runs this).

    soak_load.py --url http://127.0.0.1:PORT --pid PID --token TOKEN \
                 --minutes M --out DIR [--pollers 200] [--commit C]

For M minutes:
  - POLLERS keep-alive clients poll the status and Statuspage documents, the
    calendar feeds and the page, each about once a second, some with
    If-None-Match and some asking for gzip or brotli; each reconnects every
    100 requests, so connections open and close all the time;
  - one writer makes a write every second: it creates a blackout, and deletes
    it the next second, so every write invalidates the cached documents while
    the data stays the same size (growth in memory is then slated's, not the
    data's);
  - slated gets SIGHUP every minute (it re-reads its tokens and templates);
  - every 10 seconds a sample: slated's resident memory, open descriptors and
    threads (from /proc), the p99 latency of the reads of those 10 seconds,
    the requests and the errors.

An error is any answer but 200 or 304 to a read, and 201 or 200 to a write, a
request that fails or takes more than 5 seconds, or slated gone.

Writes DIR/samples.csv, DIR/soak.svg (the chart) and DIR/summary.md (the
table and the verdict), prints the summary, and exits 0 when the target
holds: after the first five minutes (a third of the run when it is shorter)
resident memory and descriptors stay within 10 % of their value then, and
there is no error at all; 1 when it does not. Standard library only.
"""

import argparse
import asyncio
import csv
import datetime
import json
import math
import os
import platform
import random
import signal
import sys
import time

READS = [
    ("/v1/status", None),
    ("/v1/status", "gzip"),
    ("/v1/status", "br"),
    ("/api/v2/summary.json", None),
    ("/api/v2/status.json", "gzip"),
    ("/api/v2/scheduled-maintenances/upcoming.json", None),
    ("/calendars/US.ics", None),
    ("/calendars/EU.ics", "gzip"),
    ("/calendars/all.ics", "gzip, br"),
    ("/", "gzip"),
]
REQUEST_TIMEOUT = 5.0
SAMPLE_SECONDS = 10
RECONNECT_EVERY = 100


class Window:
    """What happened between two samples."""

    def __init__(self):
        self.latencies = []
        self.requests = 0
        self.errors = 0
        self.writes = 0

    def p99_ms(self):
        if not self.latencies:
            return 0.0
        ordered = sorted(self.latencies)
        return ordered[max(0, math.ceil(0.99 * len(ordered)) - 1)] * 1000.0


class Soak:
    def __init__(self, args):
        self.args = args
        url = args.url.removeprefix("http://").rstrip("/")
        self.host, port = url.rsplit(":", 1)
        self.port = int(port)
        self.window = Window()
        self.samples = []
        self.error_examples = []
        self.total_errors = 0
        self.total_requests = 0
        self.total_writes = 0
        self.sighups = 0
        self.stop_at = 0.0

    def error(self, what):
        self.window.errors += 1
        self.total_errors += 1
        if len(self.error_examples) < 20:
            stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%H:%M:%S")
            self.error_examples.append(f"{stamp} {what}")

    async def request(self, reader, writer, method, path, headers, body=b""):
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
        lines += [f"{k}: {v}" for k, v in headers.items()]
        if body or method in ("POST", "PUT"):
            lines.append(f"Content-Length: {len(body)}")
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        await writer.drain()
        status_line = await reader.readline()
        if not status_line:
            raise ConnectionError("connection closed before an answer")
        status = int(status_line.split()[1])
        answer = {}
        while True:
            line = await reader.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            answer[name.strip().lower()] = value.strip()
        if answer.get("transfer-encoding", "").lower() == "chunked":
            data = b""
            while True:
                size = int((await reader.readline()).split(b";")[0], 16)
                if size == 0:
                    await reader.readline()
                    break
                data += await reader.readexactly(size)
                await reader.readline()
        else:
            length = int(answer.get("content-length", "0"))
            data = await reader.readexactly(length) if length and method != "HEAD" else b""
        return status, answer, data

    async def connect(self):
        return await asyncio.wait_for(
            asyncio.open_connection(self.host, self.port), REQUEST_TIMEOUT
        )

    async def poller(self, number):
        rng = random.Random(number)
        tags = {}
        reader = writer = None
        made = 0
        await asyncio.sleep(rng.uniform(0, 1))
        while time.monotonic() < self.stop_at:
            path, coding = rng.choice(READS)
            headers = {}
            if coding:
                headers["Accept-Encoding"] = coding
            if (path, coding) in tags and rng.random() < 0.5:
                headers["If-None-Match"] = tags[(path, coding)]
            started = time.monotonic()
            try:
                if writer is None:
                    reader, writer = await self.connect()
                status, answer, _ = await asyncio.wait_for(
                    self.request(reader, writer, "GET", path, headers), REQUEST_TIMEOUT
                )
                self.window.latencies.append(time.monotonic() - started)
                if status not in (200, 304):
                    self.error(f"GET {path}: {status}")
                if "etag" in answer:
                    tags[(path, coding)] = answer["etag"]
                if answer.get("connection", "").lower() == "close":
                    writer.close()
                    writer = None
            except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ValueError) as e:
                self.error(f"GET {path}: {type(e).__name__} {e}")
                if writer is not None:
                    writer.close()
                writer = None
            self.window.requests += 1
            self.total_requests += 1
            made += 1
            if made % RECONNECT_EVERY == 0 and writer is not None:
                writer.close()
                writer = None
            await asyncio.sleep(rng.uniform(0.5, 1.5))
        if writer is not None:
            writer.close()

    async def writes(self):
        headers = {
            "Authorization": f"Bearer {self.args.token}",
            "Content-Type": "application/json",
        }
        reader = writer = None
        blackout = None
        next_at = time.monotonic()
        while time.monotonic() < self.stop_at:
            next_at += 1.0
            try:
                if writer is None:
                    reader, writer = await self.connect()
                if blackout is None:
                    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
                    start = now + datetime.timedelta(days=60)
                    body = json.dumps(
                        {
                            "regions": ["US"],
                            "start": start.isoformat().replace("+00:00", "Z"),
                            "end": (start + datetime.timedelta(hours=2)).isoformat().replace("+00:00", "Z"),
                            "reason": "soak",
                        }
                    ).encode()
                    status, _, data = await asyncio.wait_for(
                        self.request(reader, writer, "POST", "/v1/blackouts", headers, body),
                        REQUEST_TIMEOUT,
                    )
                    if status == 201:
                        blackout = json.loads(data)["blackout"]["id"]
                    else:
                        self.error(f"POST /v1/blackouts: {status} {data[:200]!r}")
                else:
                    status, _, data = await asyncio.wait_for(
                        self.request(reader, writer, "DELETE", f"/v1/blackouts/{blackout}", headers),
                        REQUEST_TIMEOUT,
                    )
                    if status != 200:
                        self.error(f"DELETE /v1/blackouts/{blackout}: {status} {data[:200]!r}")
                    blackout = None
                self.window.writes += 1
                self.total_writes += 1
            except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ValueError, KeyError) as e:
                self.error(f"write: {type(e).__name__} {e}")
                if writer is not None:
                    writer.close()
                writer = None
            await asyncio.sleep(max(0.0, next_at - time.monotonic()))
        if writer is not None:
            writer.close()

    async def reloads(self):
        while True:
            await asyncio.sleep(60)
            if time.monotonic() >= self.stop_at:
                return
            try:
                os.kill(self.args.pid, signal.SIGHUP)
                self.sighups += 1
            except ProcessLookupError:
                self.error("slated is gone (SIGHUP)")
                return

    def read_process(self):
        pid = self.args.pid
        rss_kib = threads = None
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    rss_kib = int(line.split()[1])
                elif line.startswith("Threads:"):
                    threads = int(line.split()[1])
        descriptors = len(os.listdir(f"/proc/{pid}/fd"))
        return rss_kib, descriptors, threads

    async def sampler(self, began):
        next_at = began
        while True:
            next_at += SAMPLE_SECONDS
            await asyncio.sleep(max(0.0, next_at - time.monotonic()))
            window, self.window = self.window, Window()
            try:
                rss_kib, descriptors, threads = self.read_process()
            except (FileNotFoundError, ProcessLookupError):
                self.error("slated is gone")
                self.stop_at = 0
                return
            sample = {
                "seconds": round(time.monotonic() - began),
                "rss_mib": round(rss_kib / 1024.0, 2),
                "descriptors": descriptors,
                "threads": threads,
                "p99_ms": round(window.p99_ms(), 2),
                "requests": window.requests,
                "writes": window.writes,
                "errors": window.errors,
            }
            self.samples.append(sample)
            print(
                "soak: {seconds:5d} s  rss {rss_mib:7.2f} MiB  fds {descriptors:4d}  threads {threads:3d}"
                "  p99 {p99_ms:7.2f} ms  requests {requests:6d}  writes {writes:3d}  errors {errors}".format(**sample),
                flush=True,
            )
            if time.monotonic() >= self.stop_at:
                return

    async def run(self):
        began = time.monotonic()
        self.stop_at = began + self.args.minutes * 60
        tasks = [asyncio.create_task(self.poller(n)) for n in range(self.args.pollers)]
        tasks.append(asyncio.create_task(self.writes()))
        sighup = asyncio.create_task(self.reloads())
        await self.sampler(began)
        sighup.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


def verdict(samples, minutes, errors):
    """The target: flat memory and descriptors after the warm-up, no error."""
    warm_up = min(300, minutes * 60 / 3)
    after = [s for s in samples if s["seconds"] >= warm_up]
    if len(after) < 2:
        return warm_up, None, ["too few samples after the warm-up to judge"]
    base = after[0]
    findings = []
    growth = {}
    for key, label in (("rss_mib", "resident memory"), ("descriptors", "open descriptors")):
        peak = max(s[key] for s in after)
        growth[key] = (peak - base[key]) / base[key] * 100.0
        if growth[key] >= 10.0:
            findings.append(f"{label} grew {growth[key]:.1f} % after the warm-up ({base[key]} to {peak})")
    if errors:
        findings.append(f"{errors} errors")
    return warm_up, growth, findings


def chart(samples, warm_up, path, title):
    """An SVG chart: one panel per measure against minutes."""
    panels = [
        ("rss_mib", "resident memory (MiB)", True),
        ("descriptors", "open descriptors", True),
        ("threads", "threads", False),
        ("p99_ms", "p99 latency of reads (ms)", False),
        ("errors", "errors per 10 s", False),
    ]
    width, left, right, panel_h, gap, top = 900, 70, 20, 110, 40, 40
    height = top + len(panels) * (panel_h + gap)
    end = max(s["seconds"] for s in samples) or 1
    plot_w = width - left - right
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<text x="{left}" y="22" font-size="15">{title}</text>',
    ]
    after = [s for s in samples if s["seconds"] >= warm_up]
    for index, (key, label, limited) in enumerate(panels):
        y0 = top + index * (panel_h + gap) + 16
        values = [s[key] for s in samples]
        low = 0.0
        high = max(values) or 1.0
        limit = None
        if limited and after:
            limit = after[0][key] * 1.10
            high = max(high, limit)
        high *= 1.05

        def x(seconds):
            return left + plot_w * seconds / end

        def y(value):
            return y0 + panel_h - panel_h * (value - low) / (high - low)

        out.append(f'<text x="{left}" y="{y0 - 4}">{label}</text>')
        out.append(
            f'<rect x="{left}" y="{y0}" width="{plot_w}" height="{panel_h}" fill="none" stroke="#999"/>'
        )
        out.append(f'<text x="{left - 6}" y="{y0 + 10}" text-anchor="end">{high:.0f}</text>')
        out.append(f'<text x="{left - 6}" y="{y0 + panel_h}" text-anchor="end">0</text>')
        wx = x(warm_up)
        out.append(
            f'<line x1="{wx:.1f}" y1="{y0}" x2="{wx:.1f}" y2="{y0 + panel_h}" stroke="#bbb" stroke-dasharray="4 3"/>'
        )
        if limit is not None:
            out.append(
                f'<line x1="{left}" y1="{y(limit):.1f}" x2="{left + plot_w}" y2="{y(limit):.1f}" '
                f'stroke="#c33" stroke-dasharray="6 3"/>'
            )
            out.append(
                f'<text x="{left + plot_w - 4}" y="{y(limit) - 4:.1f}" text-anchor="end" fill="#c33">'
                f"+10 % of the value after the warm-up</text>"
            )
        points = " ".join(f"{x(s['seconds']):.1f},{y(s[key]):.1f}" for s in samples)
        out.append(f'<polyline points="{points}" fill="none" stroke="#1f5fbf" stroke-width="1.5"/>')
        for minute in range(0, int(end // 60) + 1, max(1, int(end // 60) // 6 or 1)):
            out.append(
                f'<text x="{x(minute * 60):.1f}" y="{y0 + panel_h + 14}" text-anchor="middle">{minute} min</text>'
            )
    out.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--minutes", type=float, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--pollers", type=int, default=200)
    parser.add_argument("--commit", default="unknown")
    args = parser.parse_args()
    if args.minutes <= 0:
        parser.error("--minutes must be more than 0")
    os.makedirs(args.out, exist_ok=True)

    soak = Soak(args)
    asyncio.run(soak.run())
    samples = soak.samples
    if not samples:
        print("soak: no sample taken", file=sys.stderr)
        return 1

    with open(os.path.join(args.out, "samples.csv"), "w", newline="") as f:
        out = csv.DictWriter(f, fieldnames=list(samples[0].keys()))
        out.writeheader()
        out.writerows(samples)

    warm_up, growth, findings = verdict(samples, args.minutes, soak.total_errors)
    title = f"slated soak, {args.minutes:g} min, {args.pollers} pollers, commit {args.commit}"
    chart(samples, warm_up, os.path.join(args.out, "soak.svg"), title)

    first, last = samples[0], samples[-1]
    base = next(s for s in samples if s["seconds"] >= warm_up) if growth is not None else first
    lines = [
        f"# {title}",
        "",
        f"Machine: {machine()}; {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d}.",
        f"Requests {soak.total_requests}, writes {soak.total_writes}, SIGHUPs {soak.sighups}, "
        f"errors {soak.total_errors}.",
        "",
        "| | first sample | after the warm-up | last | peak after the warm-up | growth |",
        "|---|---|---|---|---|---|",
    ]
    after = [s for s in samples if s["seconds"] >= warm_up] or samples
    for key, label in (
        ("rss_mib", "RSS (MiB)"),
        ("descriptors", "descriptors"),
        ("threads", "threads"),
        ("p99_ms", "p99 (ms)"),
    ):
        peak = max(s[key] for s in after)
        change = f"{(peak - base[key]) / base[key] * 100.0:+.1f} %" if base[key] else "-"
        lines.append(f"| {label} | {first[key]} | {base[key]} | {last[key]} | {peak} | {change} |")
    lines.append("")
    if findings:
        lines.append("Target NOT met: " + "; ".join(findings) + ".")
    else:
        lines.append("Target met: memory and descriptors within 10 % after the warm-up, no error.")
    if soak.error_examples:
        lines.append("")
        lines.append("First errors:")
        lines += [f"- {e}" for e in soak.error_examples]
    text = "\n".join(lines) + "\n"
    with open(os.path.join(args.out, "summary.md"), "w") as f:
        f.write(text)
    print(text)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())

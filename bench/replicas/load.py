#!/usr/bin/python3
"""The load of bench/replicas/run: bookings and write visibility.

  load.py book --url URL [--url URL2 ...] --token T --clients N --seconds S
  load.py lag --url A --url B --token T --count N

Standard library only. Each client is a thread with one keep-alive
connection; with several URLs the clients are dealt out to them in turn.
Prints one JSON object on standard output; problems go to standard error.

book: N clients POST /v1/maintenances for S seconds, every booking valid
and none in conflict with another: each takes the next free 30-minute slot
inside a window of one region, the windows listed by the daemon itself
(GET /v1/windows) from a fixed instant years ahead (--from), the regions in
turn. Only 201s count, with the time from sending the request to reading
the whole answer; any other status is counted as an error.

lag: COUNT times, POST /v1/blackouts on one replica, then poll
GET /v1/blackouts/ID on the other every --poll-pause seconds until it
answers 200 rather than 404; the lag is from reading the 201 to reading
that 200. The two replicas take turns writing.
"""

import argparse
import datetime
import http.client
import json
import statistics
import sys
import threading
import time
import urllib.parse

SLOT = datetime.timedelta(minutes=30)
# GET /v1/windows answers ranges of at most 3653 days.
RANGE = datetime.timedelta(days=3650)


def parse_instant(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def format_instant(instant):
    return instant.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class Client:
    """One keep-alive connection; reconnects if the server closed it."""

    def __init__(self, url, token=None):
        parsed = urllib.parse.urlsplit(url)
        self.host = parsed.hostname
        self.port = parsed.port or 80
        self.token = token
        self.connection = None

    def request(self, method, path, body=None):
        headers = {}
        if body is not None:
            body = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if self.token and method != "GET":
            headers["Authorization"] = "Bearer " + self.token
        for attempt in (0, 1):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                data = response.read()
                if response.getheader("Connection", "").lower() == "close":
                    self.connection.close()
                    self.connection = None
                return response.status, data
            except (ConnectionError, http.client.HTTPException):
                # A keep-alive connection the server had closed: once more
                # on a new one (only a GET, or a POST that never got out,
                # is safe to repeat; the server closes idle connections only).
                self.connection.close()
                self.connection = None
                if attempt:
                    raise
        raise AssertionError("unreachable")


def percentile(values, fraction):
    """The nearest-rank percentile of `values` (sorted here)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, int(-(-fraction * len(ordered) // 1)))
    return ordered[min(rank, len(ordered)) - 1]


def slots(url, start, needed):
    """At least `needed` bookings as (region, start, end), the regions in
    turn, each region's slots in order and never overlapping."""
    client = Client(url)
    status, data = client.request("GET", "/v1/regions")
    if status != 200:
        sys.exit(f"load.py: GET /v1/regions answered {status}: {data[:200]!r}")
    regions = [region["id"] for region in json.loads(data)["regions"]]
    per_region = {region: [] for region in regions}
    begin = start
    while sum(len(v) for v in per_region.values()) < needed:
        end = begin + RANGE
        for region in regions:
            query = urllib.parse.urlencode(
                {"region": region, "from": format_instant(begin), "to": format_instant(end)})
            status, data = client.request("GET", "/v1/windows?" + query)
            if status != 200:
                sys.exit(f"load.py: GET /v1/windows?{query} answered {status}: {data[:200]!r}")
            for window in json.loads(data)["windows"]:
                slot = max(parse_instant(window["start"]), begin)
                window_end = min(parse_instant(window["end"]), end)
                # An occurrence that straddles `begin` or `end` is cut there:
                # each slot lies in one chunk, so no two overlap.
                while slot + SLOT <= window_end:
                    per_region[region].append((slot, slot + SLOT))
                    slot += SLOT
        begin = end
    made = []
    lists = [iter(per_region[region]) for region in regions]
    while len(made) < needed:
        for region, remaining in zip(regions, lists):
            slot = next(remaining, None)
            if slot is not None:
                made.append((region, format_instant(slot[0]), format_instant(slot[1])))
    return made[:needed]


def book(args):
    start = parse_instant(args.start)
    booking_slots = slots(args.url[0], start, args.max_bookings)
    lock = threading.Lock()
    state = {"next": 0}
    latencies = [[] for _ in range(args.clients)]
    # When each booking was answered, from the start: the rate in each half
    # of the run shows whether it falls as the bookings pile up.
    answered = [[] for _ in range(args.clients)]
    errors = [0] * args.clients
    first_error = []
    clock = {}

    def start_clock():
        clock["began"] = time.monotonic()
        clock["deadline"] = clock["began"] + args.seconds

    # Released together, once every client has connected; the clock starts
    # then.
    ready = threading.Barrier(args.clients, action=start_clock)

    def take():
        with lock:
            index = state["next"]
            if index >= len(booking_slots):
                return None
            state["next"] = index + 1
            return index

    def client_thread(number):
        client = Client(args.url[number % len(args.url)], args.token)
        client.request("GET", "/healthz")  # connect before the clock starts
        ready.wait()
        while time.monotonic() < clock["deadline"]:
            index = take()
            if index is None:
                break
            region, slot_start, slot_end = booking_slots[index]
            body = {"title": f"bench {index}", "regions": [region],
                    "start": slot_start, "end": slot_end}
            sent = time.monotonic()
            status, data = client.request("POST", "/v1/maintenances", body)
            took = time.monotonic() - sent
            if status == 201:
                latencies[number].append(took)
                answered[number].append(sent + took - clock["began"])
            else:
                errors[number] += 1
                with lock:
                    if not first_error:
                        first_error.append(f"{status} {data[:300]!r} for {body}")

    threads = [threading.Thread(target=client_thread, args=(i,)) for i in range(args.clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - clock["began"]
    all_latencies = [value for values in latencies for value in values]
    halfway = elapsed / 2
    first_half = sum(1 for values in answered for at in values if at < halfway)
    if first_error:
        print(f"load.py: first refused booking: {first_error[0]}", file=sys.stderr)
    exhausted = state["next"] >= len(booking_slots)
    if exhausted:
        print(f"load.py: all {len(booking_slots)} slots were booked before the time was up",
              file=sys.stderr)
    print(json.dumps({
        "clients": args.clients,
        "booked": len(all_latencies),
        "errors": sum(errors),
        "seconds": round(elapsed, 3),
        "per_second": round(len(all_latencies) / elapsed, 1),
        "first_half_per_second": round(first_half / halfway, 1),
        "second_half_per_second": round((len(all_latencies) - first_half) / halfway, 1),
        "p50_ms": round(percentile(all_latencies, 0.50) * 1000, 2),
        "p99_ms": round(percentile(all_latencies, 0.99) * 1000, 2),
        "max_ms": round(max(all_latencies, default=float("nan")) * 1000, 2),
        "slots_ran_out": exhausted,
    }))


def lag(args):
    if len(args.url) != 2:
        sys.exit("load.py lag: give two --url, the two replicas")
    clients = [Client(url, args.token) for url in args.url]
    start = parse_instant(args.start)
    lags = []
    polls = []
    for sample in range(args.count):
        writer = clients[sample % 2]
        reader = clients[1 - sample % 2]
        day = start + datetime.timedelta(days=2 * sample)
        body = {"regions": ["US"], "start": format_instant(day),
                "end": format_instant(day + datetime.timedelta(days=1)),
                "reason": f"bench lag {sample}"}
        status, data = writer.request("POST", "/v1/blackouts", body)
        written = time.monotonic()
        if status != 201:
            sys.exit(f"load.py: POST /v1/blackouts answered {status}: {data[:300]!r}")
        # The blackout itself, 404 until the reader has it: a small answer
        # whatever the number of blackouts, so each poll takes as long.
        path = f"/v1/blackouts/{json.loads(data)['blackout']['id']}"
        tries = 0
        while True:
            tries += 1
            status, data = reader.request("GET", path)
            if status == 200:
                break
            if status != 404:
                sys.exit(f"load.py: GET {path} answered {status}: {data[:200]!r}")
            if time.monotonic() - written > args.give_up:
                sys.exit(f"load.py: blackout {sample} not visible on the other replica "
                         f"after {args.give_up} s")
            time.sleep(args.poll_pause)
        lags.append(time.monotonic() - written)
        polls.append(tries)
        time.sleep(args.pause)
    print(json.dumps({
        "writes": len(lags),
        "min_ms": round(min(lags) * 1000, 2),
        "p50_ms": round(percentile(lags, 0.50) * 1000, 2),
        "p99_ms": round(percentile(lags, 0.99) * 1000, 2),
        "max_ms": round(max(lags) * 1000, 2),
        "mean_ms": round(statistics.fmean(lags) * 1000, 2),
        "polls_median": statistics.median(polls),
        "seen_at_first_poll": sum(1 for tries in polls if tries == 1),
        # The three slowest as [write number, ms]: is the tail the first
        # write, or any?
        "slowest": sorted([[i, round(v * 1000, 1)] for i, v in enumerate(lags)],
                          key=lambda pair: -pair[1])[:3],
    }))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    booking = sub.add_parser("book")
    booking.add_argument("--url", action="append", required=True)
    booking.add_argument("--token", required=True)
    booking.add_argument("--clients", type=int, default=1)
    booking.add_argument("--seconds", type=float, default=10)
    booking.add_argument("--from", dest="start", default="2030-01-07T00:00:00Z")
    booking.add_argument("--max-bookings", type=int, default=40000)
    booking.set_defaults(run=book)
    lagging = sub.add_parser("lag")
    lagging.add_argument("--url", action="append", required=True)
    lagging.add_argument("--token", required=True)
    lagging.add_argument("--count", type=int, default=50)
    lagging.add_argument("--from", dest="start", default="2031-01-01T00:00:00Z")
    lagging.add_argument("--pause", type=float, default=0.02)
    # A poll without a pause takes a CPU from the replica that must catch
    # up: on 2 CPUs it made the tail of the lag 5-10x longer.
    lagging.add_argument("--poll-pause", type=float, default=0.001)
    lagging.add_argument("--give-up", type=float, default=30)
    lagging.set_defaults(run=lag)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()

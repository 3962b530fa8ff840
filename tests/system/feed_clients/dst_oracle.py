#!/usr/bin/python3
"""Compute the UTC occurrences of weekly wall-clock windows by the rules of
docs/domain.md ("Time: the rules the whole daemon follows"), independently
of slated, with Python's zoneinfo and the system's tz database:

  2. a window rule is wall-clock: its local start and end on each day, in
     its zone, whatever the offset that day;
  3. a local time that does not exist (spring-forward gap) moves forward by
     the gap; a local time that occurs twice (fall-back fold) is the earlier
     instant.

    dst_oracle.py WINDOWS.json FROM TO

WINDOWS.json is a list of {"uid", "zone", "weekday" (ISO: 1 Monday .. 7
Sunday), "start" and "end" ("HH:MM:SS"; an end not after the start is on
the next day)}. FROM and TO are Unix times; every occurrence that overlaps
[FROM, TO) is printed, as {"occurrences": [{"uid", "start", "end",
"start_kind", "end_kind"}]}, times as Unix seconds, kinds "unique", "gap" or
"fold" for how the local time maps onto UTC.

The gap and the fold are found without PEP 495's fold attribute: a local
time is tried with the zone's offsets two days before and two days after
it (no zone here changes twice within four days), and a candidate counts only
if the zone reads it back as that local time.
"""

import datetime
import json
import sys
import zoneinfo

UTC = datetime.timezone.utc
DAY = datetime.timedelta(days=1)


def offset_at(zone, instant):
    return instant.replace(tzinfo=UTC).astimezone(zone).utcoffset()


def local_at(zone, instant):
    return instant.replace(tzinfo=UTC).astimezone(zone).replace(tzinfo=None)


def resolve(zone, local):
    """Return (naive UTC datetime, kind) for naive wall-clock `local`."""
    # Read as UTC, local -/+ 2 days lies more than a day before/after the
    # instant(s) `local` names in any zone (offsets are within -12..+14 h).
    before = offset_at(zone, local - 2 * DAY)
    after = offset_at(zone, local + 2 * DAY)
    candidates = sorted({local - before, local - after})
    real = [utc for utc in candidates if local_at(zone, utc) == local]
    if not real:
        # In the gap: forward by the gap, i.e. read with the offset from
        # before the change (02:30 on a 02:00->03:00 day is 03:30).
        if after <= before:
            raise SystemExit(f"dst_oracle: {local} in {zone.key} exists on no clock")
        utc = local - before
        if local_at(zone, utc) != local + (after - before):
            raise SystemExit(f"dst_oracle: {local} in {zone.key}: not moved by the gap")
        return utc, "gap"
    if len(real) == 2:
        return real[0], "fold"  # the earlier instant
    return real[0], "unique"


def seconds(naive_utc):
    return int(naive_utc.replace(tzinfo=UTC).timestamp())


def parse_time(text):
    hours, minutes, secs = (int(part) for part in text.split(":"))
    return datetime.time(hours, minutes, secs)


def main():
    if len(sys.argv) != 4:
        raise SystemExit("usage: dst_oracle.py WINDOWS.json FROM TO")
    with open(sys.argv[1], encoding="utf-8") as spec:
        windows = json.load(spec)
    start_at = int(sys.argv[2])
    stop_at = int(sys.argv[3])
    first_day = datetime.datetime.fromtimestamp(start_at, UTC).date() - 2 * DAY
    last_day = datetime.datetime.fromtimestamp(stop_at, UTC).date() + 2 * DAY
    out = []
    for window in windows:
        zone = zoneinfo.ZoneInfo(window["zone"])
        start_time = parse_time(window["start"])
        end_time = parse_time(window["end"])
        day = first_day
        while day <= last_day:
            if day.isoweekday() == window["weekday"]:
                local_start = datetime.datetime.combine(day, start_time)
                end_day = day if end_time > start_time else day + DAY
                local_end = datetime.datetime.combine(end_day, end_time)
                start, start_kind = resolve(zone, local_start)
                end, end_kind = resolve(zone, local_end)
                if seconds(end) > start_at and seconds(start) < stop_at:
                    out.append(
                        {
                            "uid": window["uid"],
                            "day": day.isoformat(),
                            "start": seconds(start),
                            "end": seconds(end),
                            "start_kind": start_kind,
                            "end_kind": end_kind,
                        }
                    )
            day += DAY
    json.dump({"occurrences": out}, sys.stdout)
    sys.stdout.write("\n")


main()

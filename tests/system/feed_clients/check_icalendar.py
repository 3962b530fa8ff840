#!/usr/bin/python3
"""Read an iCalendar feed as Python programs do, with Debian's
python3-icalendar and python3-recurring-ical-events, and print what they see
as one JSON object.

    check_icalendar.py FEED.ics FROM TO

FROM and TO are Unix times; every occurrence that overlaps [FROM, TO) is
listed, recurring events expanded by recurring_ical_events. Run it with
/usr/bin/python3, which sees Debian's packages.

Output: {"calendar": {"method", "name", "refresh_interval", "published_ttl",
"timezones"}, "events": [{"uid", "start", "end", "status", "summary",
"description", "sequence", "categories"}]}, times as Unix seconds.
"""

import datetime
import json
import sys

import icalendar
import recurring_ical_events


def text(component, name):
    value = component.get(name)
    return None if value is None else str(value)


def seconds(value):
    if not isinstance(value, datetime.datetime):
        raise SystemExit(f"check_icalendar: {value!r} is a date, not a date-time")
    if value.tzinfo is None:
        raise SystemExit(f"check_icalendar: {value!r} is floating (no zone)")
    return int(value.timestamp())


def main():
    if len(sys.argv) != 4:
        raise SystemExit("usage: check_icalendar.py FEED.ics FROM TO")
    with open(sys.argv[1], "rb") as feed:
        calendar = icalendar.Calendar.from_ical(feed.read())
    utc = datetime.timezone.utc
    start = datetime.datetime.fromtimestamp(int(sys.argv[2]), utc)
    stop = datetime.datetime.fromtimestamp(int(sys.argv[3]), utc)

    refresh = calendar.get("REFRESH-INTERVAL")
    out = {
        "calendar": {
            "method": text(calendar, "METHOD"),
            "name": text(calendar, "X-WR-CALNAME"),
            "refresh_interval": None if refresh is None else refresh.to_ical().decode(),
            "published_ttl": text(calendar, "X-PUBLISHED-TTL"),
            "timezones": [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")],
        },
        "events": [],
    }
    for event in recurring_ical_events.of(calendar).between(start, stop):
        event_start = seconds(event.decoded("DTSTART"))
        event_end = seconds(event.decoded("DTEND"))
        if event_end <= int(sys.argv[2]) or event_start >= int(sys.argv[3]):
            continue
        categories = event.get("CATEGORIES")
        out["events"].append(
            {
                "uid": text(event, "UID"),
                "start": event_start,
                "end": event_end,
                "status": text(event, "STATUS"),
                "summary": text(event, "SUMMARY"),
                "description": text(event, "DESCRIPTION"),
                "sequence": int(event["SEQUENCE"]) if "SEQUENCE" in event else None,
                "categories": None if categories is None else categories.to_ical().decode(),
            }
        )
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")


main()

// Read an iCalendar feed as JavaScript programs do, with ical.js (Mozilla's
// parser, from npm: see package.json), and print what it sees as one JSON
// object.
//
//   node check_icaljs.mjs FEED.ics FROM TO
//
// FROM and TO are Unix times; every occurrence that overlaps [FROM, TO) is
// listed, recurring events expanded by ical.js's iterator. Times with a
// TZID are resolved by ical.js from the feed's own VTIMEZONE, as it does.
// The output has the shape check_icalendar.py prints.

import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

const [path, fromText, toText] = process.argv.slice(2);
if (path === undefined || toText === undefined) {
  console.error('usage: node check_icaljs.mjs FEED.ics FROM TO');
  process.exit(2);
}
const from = Number(fromText);
const to = Number(toText);

const calendar = new ICAL.Component(ICAL.parse(readFileSync(path, 'utf8')));
const value = (component, name) => {
  const property = component.getFirstProperty(name);
  if (property === null) {
    return null;
  }
  const first = property.getFirstValue();
  return first === null ? null : first.toString();
};

const out = {
  calendar: {
    method: value(calendar, 'method'),
    name: value(calendar, 'x-wr-calname'),
    refresh_interval: value(calendar, 'refresh-interval'),
    published_ttl: value(calendar, 'x-published-ttl'),
    timezones: calendar.getAllSubcomponents('vtimezone').map((zone) => value(zone, 'tzid')),
  },
  events: [],
};

const seconds = (time) => {
  if (time.isDate) {
    throw new Error(`${time.toString()} is a date, not a date-time`);
  }
  if (time.zone === ICAL.Timezone.localTimezone || time.zone === undefined) {
    throw new Error(`${time.toString()} is floating (no zone)`);
  }
  return time.toUnixTime();
};

for (const component of calendar.getAllSubcomponents('vevent')) {
  const event = new ICAL.Event(component);
  const categories = component.getFirstProperty('categories');
  const details = {
    uid: event.uid,
    status: value(component, 'status'),
    summary: event.summary ?? null,
    description: event.description ?? null,
    sequence: component.hasProperty('sequence') ? event.sequence : null,
    categories: categories === null ? null : categories.getValues().join(','),
  };
  const add = (start, end) => {
    const startSeconds = seconds(start);
    const endSeconds = seconds(end);
    if (endSeconds > from && startSeconds < to) {
      out.events.push({ ...details, start: startSeconds, end: endSeconds });
    }
    return startSeconds;
  };
  if (event.isRecurring()) {
    const iterator = event.iterator();
    for (let next = iterator.next(); next; next = iterator.next()) {
      const occurrence = event.getOccurrenceDetails(next);
      if (add(occurrence.startDate, occurrence.endDate) >= to) {
        break;
      }
    }
  } else {
    add(event.startDate, event.endDate);
  }
}
console.log(JSON.stringify(out));

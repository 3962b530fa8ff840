#!/usr/bin/env python3
"""A Statuspage v2 client, written from Atlassian's documentation and the
captures in docs/reference/statuspage-v2.md, pointed at slated.

    statuspage_client.py BASE_URL

Reads /api/v2/summary.json and the five other documents the way widgets and
aggregators do (urllib, json, ISO 8601 timestamps with offsets), checks every
field the reference lists, with its type and enumeration, and that the
documents agree with each other; then prints what a widget would show.
Exits 0 when everything reads, 1 listing each problem otherwise.
"""
import datetime
import json
import re
import sys
import urllib.request

INDICATORS = {"none", "minor", "major", "critical", "maintenance"}
COMPONENT_STATUSES = {"operational", "degraded_performance", "partial_outage",
                      "major_outage", "under_maintenance"}
INCIDENT_STATUSES = {"investigating", "identified", "monitoring", "resolved", "postmortem"}
MAINTENANCE_STATUSES = {"scheduled", "in_progress", "verifying", "completed"}
IMPACTS = {"none", "minor", "major", "critical", "maintenance"}

problems = []


def problem(where, text):
    problems.append(f"{where}: {text}")


def fetch(base, path):
    request = urllib.request.Request(base + path, headers={"Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        if response.status != 200:
            problem(path, f"status {response.status}")
        content_type = response.headers.get("Content-Type", "")
        if not content_type.startswith("application/json"):
            problem(path, f"Content-Type {content_type!r}")
        return json.loads(response.read().decode("utf-8"))


def timestamp(where, value, nullable=False):
    if value is None and nullable:
        return None
    if not isinstance(value, str):
        problem(where, f"expected a timestamp, got {value!r}")
        return None
    try:
        parsed = datetime.datetime.fromisoformat(value)
    except ValueError:
        problem(where, f"not ISO 8601: {value!r}")
        return None
    if parsed.tzinfo is None:
        problem(where, f"no UTC offset: {value!r}")
    return parsed


def typed(where, value, kind, nullable=False):
    if value is None and nullable:
        return
    if kind is int and isinstance(value, bool):
        problem(where, f"expected {kind.__name__}, got {value!r}")
    elif not isinstance(value, kind):
        problem(where, f"expected {kind.__name__}, got {value!r}")


def fields(where, obj, names):
    if not isinstance(obj, dict):
        problem(where, f"expected an object, got {obj!r}")
        return False
    for name in names:
        if name not in obj:
            problem(where, f"missing field '{name}'")
    return True


def enum(where, value, allowed):
    if value not in allowed:
        problem(where, f"{value!r} is not one of {sorted(allowed)}")


def check_page(where, page):
    if fields(where, page, ["id", "name", "url", "time_zone", "updated_at"]):
        typed(where + ".id", page["id"], str)
        typed(where + ".name", page["name"], str)
        typed(where + ".url", page["url"], str)
        typed(where + ".time_zone", page["time_zone"], str)
        timestamp(where + ".updated_at", page["updated_at"])


def check_status(where, status):
    if fields(where, status, ["indicator", "description"]):
        enum(where + ".indicator", status["indicator"], INDICATORS)
        typed(where + ".description", status["description"], str)


def check_component(where, component, page_id):
    names = ["id", "name", "status", "created_at", "updated_at", "position", "description",
             "showcase", "start_date", "group_id", "page_id", "group", "only_show_if_degraded"]
    if not fields(where, component, names):
        return
    typed(where + ".id", component["id"], str)
    typed(where + ".name", component["name"], str)
    enum(where + ".status", component["status"], COMPONENT_STATUSES)
    timestamp(where + ".created_at", component["created_at"])
    timestamp(where + ".updated_at", component["updated_at"])
    typed(where + ".position", component["position"], int)
    typed(where + ".description", component["description"], str, nullable=True)
    typed(where + ".showcase", component["showcase"], bool)
    typed(where + ".start_date", component["start_date"], str, nullable=True)
    typed(where + ".group_id", component["group_id"], str, nullable=True)
    typed(where + ".group", component["group"], bool)
    typed(where + ".only_show_if_degraded", component["only_show_if_degraded"], bool)
    if component["page_id"] != page_id:
        problem(where, f"page_id {component['page_id']!r} is not the page's {page_id!r}")
    if component.get("group") and not isinstance(component.get("components"), list):
        problem(where, "a group component without 'components'")


def check_update(where, update, incident_id, statuses):
    names = ["id", "status", "body", "incident_id", "created_at", "updated_at", "display_at",
             "affected_components", "deliver_notifications", "custom_tweet", "tweet_id"]
    if not fields(where, update, names):
        return
    typed(where + ".id", update["id"], str)
    enum(where + ".status", update["status"], statuses)
    typed(where + ".body", update["body"], str)
    if update["incident_id"] != incident_id:
        problem(where, "incident_id is not its incident's id")
    for name in ("created_at", "updated_at", "display_at"):
        timestamp(f"{where}.{name}", update[name])
    affected = update["affected_components"]
    if affected is not None:
        typed(where + ".affected_components", affected, list)
        for i, item in enumerate(affected if isinstance(affected, list) else []):
            at = f"{where}.affected_components[{i}]"
            if fields(at, item, ["code", "name", "old_status", "new_status"]):
                enum(at + ".old_status", item["old_status"], COMPONENT_STATUSES)
                enum(at + ".new_status", item["new_status"], COMPONENT_STATUSES)
    typed(where + ".deliver_notifications", update["deliver_notifications"], bool)
    typed(where + ".custom_tweet", update["custom_tweet"], str, nullable=True)
    typed(where + ".tweet_id", update["tweet_id"], str, nullable=True)


def check_incident(where, incident, page_id, maintenance):
    names = ["id", "name", "status", "created_at", "updated_at", "monitoring_at", "resolved_at",
             "impact", "shortlink", "started_at", "page_id", "incident_updates", "components"]
    if maintenance:
        names += ["scheduled_for", "scheduled_until"]
    if not fields(where, incident, names):
        return
    statuses = MAINTENANCE_STATUSES if maintenance else INCIDENT_STATUSES
    typed(where + ".id", incident["id"], str)
    typed(where + ".name", incident["name"], str)
    enum(where + ".status", incident["status"], statuses)
    enum(where + ".impact", incident["impact"], IMPACTS)
    for name in ("created_at", "updated_at", "started_at"):
        timestamp(f"{where}.{name}", incident[name])
    for name in ("monitoring_at", "resolved_at"):
        timestamp(f"{where}.{name}", incident[name], nullable=True)
    typed(where + ".shortlink", incident["shortlink"], str)
    if incident["page_id"] != page_id:
        problem(where, "page_id is not the page's id")
    updates = incident["incident_updates"]
    typed(where + ".incident_updates", updates, list)
    if isinstance(updates, list) and not updates:
        problem(where, "no incident_updates")
    for i, update in enumerate(updates if isinstance(updates, list) else []):
        check_update(f"{where}.incident_updates[{i}]", update, incident["id"], statuses)
    for i, component in enumerate(incident["components"]):
        check_component(f"{where}.components[{i}]", component, page_id)
    if maintenance:
        start = timestamp(where + ".scheduled_for", incident["scheduled_for"])
        end = timestamp(where + ".scheduled_until", incident["scheduled_until"])
        if start and end and end <= start:
            problem(where, "scheduled_until is not after scheduled_for")


def main():
    if len(sys.argv) != 2:
        print("usage: statuspage_client.py BASE_URL", file=sys.stderr)
        return 2
    base = sys.argv[1].rstrip("/")

    summary = fetch(base, "/api/v2/summary.json")
    if not fields("summary", summary, ["page", "components", "incidents",
                                       "scheduled_maintenances", "status"]):
        print("\n".join(problems))
        return 1
    check_page("summary.page", summary["page"])
    page_id = summary["page"].get("id")
    check_status("summary.status", summary["status"])
    ids = set()
    for i, component in enumerate(summary["components"]):
        check_component(f"summary.components[{i}]", component, page_id)
        ids.add(component.get("id"))
    for i, component in enumerate(summary["components"]):
        for child in component.get("components") or []:
            if child not in ids:
                problem(f"summary.components[{i}]", f"lists unknown component {child!r}")
        if component.get("group_id") is not None and component["group_id"] not in ids:
            problem(f"summary.components[{i}]", "group_id names no component")
    for i, incident in enumerate(summary["incidents"]):
        check_incident(f"summary.incidents[{i}]", incident, page_id, False)
        if incident.get("status") in ("resolved", "postmortem"):
            problem(f"summary.incidents[{i}]", "a resolved incident in the summary")
    for i, maintenance in enumerate(summary["scheduled_maintenances"]):
        check_incident(f"summary.scheduled_maintenances[{i}]", maintenance, page_id, True)
        if maintenance.get("status") == "completed":
            problem(f"summary.scheduled_maintenances[{i}]", "a completed one in the summary")

    # The other documents: the same page, the same facts, each its filter.
    status = fetch(base, "/api/v2/status.json")
    check_page("status.page", status.get("page"))
    check_status("status.status", status.get("status"))
    if status.get("status") != summary["status"]:
        problem("status.json", "status differs from the summary's")
    components = fetch(base, "/api/v2/components.json")
    if components.get("components") != summary["components"]:
        problem("components.json", "components differ from the summary's")
    unresolved = fetch(base, "/api/v2/incidents/unresolved.json")
    if unresolved.get("incidents") != summary["incidents"]:
        problem("incidents/unresolved.json", "incidents differ from the summary's")
    upcoming = fetch(base, "/api/v2/scheduled-maintenances/upcoming.json")
    active = fetch(base, "/api/v2/scheduled-maintenances/active.json")
    for name, document, allowed in (("upcoming", upcoming, {"scheduled"}),
                                    ("active", active, {"in_progress", "verifying"})):
        for i, maintenance in enumerate(document.get("scheduled_maintenances", [])):
            check_incident(f"{name}[{i}]", maintenance, page_id, True)
            enum(f"{name}[{i}].status", maintenance.get("status"), allowed)
    both = {m["id"] for m in upcoming.get("scheduled_maintenances", [])} | \
        {m["id"] for m in active.get("scheduled_maintenances", [])}
    if both != {m.get("id") for m in summary["scheduled_maintenances"]}:
        problem("scheduled-maintenances", "upcoming + active is not the summary's list")
    for document in (status, components, unresolved, upcoming, active):
        if document.get("page") != summary["page"]:
            problem("page", "differs between documents")

    if problems:
        print("\n".join(problems))
        print(f"statuspage_client: {len(problems)} problems")
        return 1
    # What a widget shows.
    print(f"page: {summary['page']['name']} ({summary['page']['time_zone']})")
    print(f"status: {summary['status']['indicator']}: {summary['status']['description']}")
    for component in summary["components"]:
        print(f"component: {component['name']}: {component['status']}")
    for incident in summary["incidents"]:
        print(f"incident: {incident['name']}: {incident['status']} ({incident['impact']})")
    for maintenance in summary["scheduled_maintenances"]:
        print(f"maintenance: {maintenance['name']}: {maintenance['status']} "
              f"{maintenance['scheduled_for']} - {maintenance['scheduled_until']}")
    print("statuspage_client: 0 problems")
    return 0


if __name__ == "__main__":
    sys.exit(main())

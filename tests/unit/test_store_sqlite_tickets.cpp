#include <slate/store/store.hpp>

#include <support/store_backends.hpp>
#include <support/time_literals.hpp>

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

using slate::domain::Ticket;
using slate::domain::TicketEvent;
using slate::domain::TicketEventType;
using slate::store::StoreError;
using slate::store::TicketAlertRecord;
using slate::store::Transaction;
using slate::test::utc;

namespace {

Ticket sample_ticket(const std::string& ref) {
  Ticket ticket;
  ticket.ref = ref;
  ticket.title = "Calls drop after 30 s";
  ticket.severity = "P2";
  ticket.plan = "standard";
  ticket.opened_at = utc("2026-04-14T09:00:00Z");
  ticket.events.push_back({TicketEventType::responded, utc("2026-04-14T09:20:00Z"), "", "called"});
  return ticket;
}

std::vector<Ticket> load(slate::store::Store& store) {
  std::vector<Ticket> out;
  store.read("load tickets", [&](Transaction& t) { out = t.tickets().load(); });
  return out;
}

} // namespace

TEST_SUITE_BEGIN("store");

TEST_CASE_TEMPLATE("store::TicketStore keeps tickets and their events in the order they arrived",
                   Backend, SLATE_STORE_BACKENDS) {
  Backend backend;
  {
    auto store = backend.open();
    store->write("insert", [](Transaction& t) {
      t.tickets().insert(sample_ticket("INC-1"));
      t.tickets().insert(sample_ticket("INC-2"));
    });
    // A late event, before the one already stored: kept as it arrived.
    store->write("add events", [](Transaction& t) {
      t.tickets().add_event(
          "INC-1", {TicketEventType::paused, utc("2026-04-14T09:10:00Z"), "", "awaiting customer"});
      t.tickets().add_event(
          "INC-1", {TicketEventType::severity_changed, utc("2026-04-14T09:30:00Z"), "P1", ""});
    });
  }
  // Reopened, as after a restart.
  auto store = backend.open();
  const auto tickets = load(*store);
  REQUIRE(tickets.size() == 2);
  CHECK(tickets[0].ref == "INC-1");
  CHECK(tickets[1].ref == "INC-2");
  CHECK(tickets[0].title == "Calls drop after 30 s");
  CHECK(tickets[0].severity == "P2");
  CHECK(tickets[0].plan == "standard");
  CHECK(tickets[0].opened_at == utc("2026-04-14T09:00:00Z"));
  REQUIRE(tickets[0].events.size() == 3);
  CHECK(tickets[0].events[0].type == TicketEventType::responded);
  CHECK(tickets[0].events[0].note == "called");
  CHECK(tickets[0].events[1].type == TicketEventType::paused);
  CHECK(tickets[0].events[1].at == utc("2026-04-14T09:10:00Z"));
  CHECK(tickets[0].events[1].note == "awaiting customer");
  CHECK(tickets[0].events[2].type == TicketEventType::severity_changed);
  CHECK(tickets[0].events[2].severity == "P1");
  CHECK(tickets[1].events.size() == 1);
}

TEST_CASE_TEMPLATE("store::TicketStore refuses a second ticket with the same ref, changing nothing",
                   Backend, SLATE_STORE_BACKENDS) {
  Backend backend;
  auto store = backend.open();
  store->write("insert", [](Transaction& t) { t.tickets().insert(sample_ticket("INC-1")); });
  CHECK_THROWS_AS(store->write("insert again",
                               [](Transaction& t) {
                                 t.tickets().insert(sample_ticket("INC-3"));
                                 t.tickets().insert(sample_ticket("INC-1"));
                               }),
                  StoreError);
  const auto tickets = load(*store);
  REQUIRE(tickets.size() == 1);
  CHECK(tickets[0].events.size() == 1);
}

TEST_CASE_TEMPLATE("store::TicketStore refuses an event for a ticket it does not have", Backend,
                   SLATE_STORE_BACKENDS) {
  Backend backend;
  auto store = backend.open();
  CHECK_THROWS_AS(store->write("add an event",
                               [](Transaction& t) {
                                 t.tickets().add_event("INC-9",
                                                       {TicketEventType::updated,
                                                        utc("2026-04-14T09:10:00Z"), "", ""});
                               }),
                  StoreError);
  CHECK(load(*store).empty());
}

TEST_CASE_TEMPLATE("store::TicketStore records each alert once, across a reopening", Backend,
                   SLATE_STORE_BACKENDS) {
  Backend backend;
  const TicketAlertRecord warning{"ticket/INC-1/response/P2/1776157200/warning", "INC-1", "warning",
                                  utc("2026-04-14T09:45:00Z"), utc("2026-04-14T09:45:01Z")};
  {
    auto store = backend.open();
    bool first = false;
    bool second = true;
    store->write("record", [&](Transaction& t) { first = t.tickets().record_alert(warning); });
    store->write("record", [&](Transaction& t) { second = t.tickets().record_alert(warning); });
    CHECK(first);
    CHECK_FALSE(second);
  }
  auto store = backend.open();
  std::vector<std::string> ids;
  bool again = true;
  store->write("record", [&](Transaction& t) {
    again = t.tickets().record_alert(warning);
    ids = t.tickets().alert_ids();
  });
  CHECK_FALSE(again);
  CHECK(ids == std::vector<std::string>{warning.alert_id});
}

TEST_CASE_TEMPLATE("store::TicketStore forgets an alert whose transaction rolled back", Backend,
                   SLATE_STORE_BACKENDS) {
  Backend backend;
  auto store = backend.open();
  const TicketAlertRecord breach{"ticket/INC-1/response/P2/1776157200/breach", "INC-1", "breach",
                                 utc("2026-04-14T10:00:01Z"), utc("2026-04-14T10:00:01Z")};
  CHECK_THROWS(store->write("record and fail", [&](Transaction& t) {
    t.tickets().record_alert(breach);
    throw std::runtime_error("the outbox row could not be written");
  }));
  std::vector<std::string> ids;
  store->read("ids", [&](Transaction& t) { ids = t.tickets().alert_ids(); });
  CHECK(ids.empty());
}

TEST_SUITE_END();

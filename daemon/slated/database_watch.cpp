#include <slated/database_watch.hpp>

#include <slated/log.hpp>

#include <string>

namespace slate::daemon {
namespace {

// A Store that reports how each transaction went to a DatabaseWatch.
class ObservedStore final : public store::Store {
public:
  ObservedStore(store::Store& store, DatabaseWatch& watch) : m_store(store), m_watch(watch) {}

  void write(std::string_view what, const std::function<void(store::Transaction&)>& work) override {
    observed([&] { m_store.write(what, work); });
  }

  void read(std::string_view what, const std::function<void(store::Transaction&)>& work) override {
    observed([&] { m_store.read(what, work); });
  }

  int schema_version() override {
    int version = 0;
    observed([&] { version = m_store.schema_version(); });
    return version;
  }

  std::unique_ptr<store::StateListener> listen_for_changes() override {
    return m_store.listen_for_changes();
  }

private:
  template <class Work> void observed(const Work& work) {
    try {
      work();
    } catch (const store::StoreUnavailable& error) {
      m_watch.lost(error.what());
      throw;
    } catch (const store::StoreError&) {
      // The server answered (it refused a statement): it is reachable.
      m_watch.answered();
      throw;
    }
    m_watch.answered();
  }

  store::Store& m_store;
  DatabaseWatch& m_watch;
};

} // namespace

std::unique_ptr<store::Store> DatabaseWatch::observe(store::Store& store) {
  return std::make_unique<ObservedStore>(store, *this);
}

formats::DatabaseState DatabaseWatch::state() const {
  if (m_reachable.load()) {
    return {};
  }
  const auto away = Clock::now() - Clock::time_point(Clock::duration(m_lost_at.load()));
  return {false, std::chrono::duration_cast<std::chrono::seconds>(away).count()};
}

void DatabaseWatch::answered() {
  if (m_reachable.exchange(true)) {
    return;
  }
  const auto away = Clock::now() - Clock::time_point(Clock::duration(m_lost_at.load()));
  SLATED_LOG(LogLevel::notice,
             "the database answers again after " +
                 std::to_string(std::chrono::duration_cast<std::chrono::seconds>(away).count()) +
                 " s: writes are taken and reads follow it again");
}

void DatabaseWatch::lost(std::string_view why) {
  // The time first, so that a reader who sees the flag sees it too.
  if (!m_reachable.load()) {
    return;
  }
  m_lost_at = Clock::now().time_since_epoch().count();
  if (!m_reachable.exchange(false)) {
    return;
  }
  SLATED_LOG(LogLevel::warning,
             "the database cannot be reached: reads answer from the last snapshot (marked "
             "stale), writes are answered 503 and /readyz is 503 until it is back: " +
                 std::string(why));
}

} // namespace slate::daemon

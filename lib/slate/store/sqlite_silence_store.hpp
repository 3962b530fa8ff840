#pragma once

#include <slate/store/silence_store.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

namespace slate::store::sqlite {

// SilenceStore on the tables `maintenance_silences` and `silence_changes`.
class SqliteSilenceStore final : public SilenceStore {
public:
  explicit SqliteSilenceStore(SQLite::Database& db) : m_db(db) {}

  std::vector<StoredSilence> load() override;
  void queue(const StoredSilence& silence, domain::Instant at) override;
  std::optional<SilenceChange> next_pending() override;
  void record_done(std::int64_t change_id, int attempts, const StoredSilence& silence,
                   domain::Instant at) override;
  void record_failure(std::int64_t change_id, int attempts, const std::string& error, bool give_up,
                      domain::Instant at) override;
  SilenceChangeCounts counts() override;

private:
  SQLite::Database& m_db;
};

} // namespace slate::store::sqlite

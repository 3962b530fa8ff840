#pragma once

#include <slate/store/silence_store.hpp>

#include <slate/store/pg_connection.hpp>

namespace slate::store::pg {

// SilenceStore on the tables `maintenance_silences` and `silence_changes`.
class PgSilenceStore final : public SilenceStore {
public:
  explicit PgSilenceStore(PgConnection& db) : m_db(db) {}

  std::vector<StoredSilence> load() override;
  void queue(const StoredSilence& silence, domain::Instant at) override;
  std::optional<SilenceChange> next_pending() override;
  void record_done(std::int64_t change_id, int attempts, const StoredSilence& silence,
                   domain::Instant at) override;
  void record_failure(std::int64_t change_id, int attempts, const std::string& error, bool give_up,
                      domain::Instant at) override;
  SilenceChangeCounts counts() override;

private:
  PgConnection& m_db;
};

} // namespace slate::store::pg

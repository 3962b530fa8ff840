#include <slate/store/store.hpp>

namespace slate::store {

bool is_postgresql_uri(std::string_view db) {
  return db.starts_with("postgresql://") || db.starts_with("postgres://");
}

std::unique_ptr<Store> open_store(const std::string& db) {
  if (is_postgresql_uri(db)) {
    return open_postgresql_store(db);
  }
  return open_sqlite_store(db);
}

} // namespace slate::store

// The system's SQLite (Debian/Ubuntu: libsqlite3-dev; macOS: part of the SDK), used through its
// public C API by the store's SQLite driver.
#include <sqlite3.h>

// Turns off SQLite's memory statistics (a mutex around every allocation); call before the first
// connection opens. (`sqlite3_config` is variadic, which Swift cannot call.)
static inline int street_manager_sqlite3_disable_memstatus(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

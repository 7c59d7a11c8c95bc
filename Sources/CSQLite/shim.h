// The system's SQLite (Debian/Ubuntu: libsqlite3-dev; macOS: part of the SDK), used through its
// public C API by the store's SQLite driver.
#include <sqlite3.h>

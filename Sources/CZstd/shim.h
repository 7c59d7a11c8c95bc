// The system's Zstandard library (Debian/Ubuntu: libzstd-dev; macOS: brew's zstd), which
// compresses the stored chunks of CSV exports (docs/decisions.md, D-EXPORTS).
#include <zstd.h>

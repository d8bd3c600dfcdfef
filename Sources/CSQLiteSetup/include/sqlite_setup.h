#ifndef LITKB_SQLITE_SETUP_H
#define LITKB_SQLITE_SETUP_H

/// Configures the SQLite library for litkb's use, before any connection opens: every connection
/// is owned by one serial queue (GRDB's DatabaseQueue), so SQLite's per-call connection mutexes
/// and its global memory statistics (a mutex around every allocation) are pure cost. File names
/// may be URIs (`file:…?immutable=1`, for a read-only WAL database nobody can write). Returns
/// SQLITE_OK, or SQLITE_MISUSE when the library was already initialised (then nothing changes).
/// `sqlite3_config` is variadic, which Swift cannot call: hence this C function.
int litkb_sqlite_configure_single_owner_connections(void);

#endif

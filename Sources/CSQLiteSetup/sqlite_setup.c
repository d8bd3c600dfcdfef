#include <sqlite3.h>
#include "sqlite_setup.h"

int litkb_sqlite_configure_single_owner_connections(void) {
    int result = sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    if (result != SQLITE_OK) return result;
    result = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    if (result != SQLITE_OK) return result;
    return sqlite3_config(SQLITE_CONFIG_URI, 1);
}

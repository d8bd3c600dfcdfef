#ifndef LITKB_CZLIB_SHIM_H
#define LITKB_CZLIB_SHIM_H

#include <zlib.h>

// inflateInit2 is a macro (it passes the library's version and the stream's size), which Swift
// cannot call: a function around it.
static inline int litkb_inflate_init_raw(z_streamp stream) {
    return inflateInit2(stream, -MAX_WBITS);
}

#endif

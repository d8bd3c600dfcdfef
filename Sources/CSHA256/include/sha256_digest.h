#ifndef LITKB_SHA256_DIGEST_H
#define LITKB_SHA256_DIGEST_H

#include <stddef.h>

/// A SHA-256 computation in progress: OpenSSL's EVP digest context, opaque so that Swift never
/// sees OpenSSL's headers or macros.
typedef struct litkb_sha256 litkb_sha256;

/// A new computation, or NULL when OpenSSL cannot provide SHA-256 (out of memory, no provider).
litkb_sha256 *litkb_sha256_new(void);

/// Feeds `count` bytes at `bytes`. Returns 1 on success, 0 on failure.
int litkb_sha256_update(litkb_sha256 *sha, const void *bytes, size_t count);

/// Writes the 32-byte digest to `digest`. Returns 1 on success, 0 on failure. No update may follow.
int litkb_sha256_final(litkb_sha256 *sha, unsigned char digest[32]);

/// Frees the computation; NULL is ignored.
void litkb_sha256_free(litkb_sha256 *sha);

#endif

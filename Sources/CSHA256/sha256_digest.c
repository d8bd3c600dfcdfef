#include "sha256_digest.h"

#ifdef __APPLE__
// macOS has no OpenSSL headers; CommonCrypto is its system library, hardware-accelerated too.
#include <CommonCrypto/CommonDigest.h>
#include <stdlib.h>

struct litkb_sha256 { CC_SHA256_CTX context; };

litkb_sha256 *litkb_sha256_new(void) {
    litkb_sha256 *sha = malloc(sizeof *sha);
    if (sha != NULL) CC_SHA256_Init(&sha->context);
    return sha;
}

int litkb_sha256_update(litkb_sha256 *sha, const void *bytes, size_t count) {
    const unsigned char *next = bytes;
    while (count > 0) {  // CC_LONG is 32 bits
        CC_LONG part = count > 0x40000000 ? 0x40000000 : (CC_LONG)count;
        CC_SHA256_Update(&sha->context, next, part);
        next += part;
        count -= part;
    }
    return 1;
}

int litkb_sha256_final(litkb_sha256 *sha, unsigned char digest[32]) {
    return CC_SHA256_Final(digest, &sha->context);
}

void litkb_sha256_free(litkb_sha256 *sha) {
    free(sha);
}

#else
#include <openssl/evp.h>

litkb_sha256 *litkb_sha256_new(void) {
    EVP_MD_CTX *context = EVP_MD_CTX_new();
    if (context == NULL) return NULL;
    if (EVP_DigestInit_ex(context, EVP_sha256(), NULL) != 1) {
        EVP_MD_CTX_free(context);
        return NULL;
    }
    return (litkb_sha256 *)context;
}

int litkb_sha256_update(litkb_sha256 *sha, const void *bytes, size_t count) {
    return EVP_DigestUpdate((EVP_MD_CTX *)sha, bytes, count);
}

int litkb_sha256_final(litkb_sha256 *sha, unsigned char digest[32]) {
    unsigned int length = 0;
    return EVP_DigestFinal_ex((EVP_MD_CTX *)sha, digest, &length) == 1 && length == 32;
}

void litkb_sha256_free(litkb_sha256 *sha) {
    EVP_MD_CTX_free((EVP_MD_CTX *)sha);
}
#endif

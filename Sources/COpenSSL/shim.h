#ifndef POTEMKIN_COPENSSL_SHIM_H
#define POTEMKIN_COPENSSL_SHIM_H

// OpenSSL 3 through its non-deprecated APIs only (EVP digests, HMAC(), EVP_MAC).
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/crypto.h>

#endif

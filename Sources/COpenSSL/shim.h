#ifndef POTEMKIN_COPENSSL_SHIM_H
#define POTEMKIN_COPENSSL_SHIM_H

// OpenSSL 3 through its non-deprecated APIs only (EVP digests, HMAC(), EVP_MAC).
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/crypto.h>
#include <openssl/core_names.h>
#include <openssl/params.h>

/// An HMAC-SHA256 context with its digest set and no key yet, to be duplicated per MAC.
/// Fetching the algorithms once avoids OpenSSL 3's per-call implicit fetch. NULL on failure.
static inline EVP_MAC_CTX *potemkin_hmac_sha256_template(void) {
  EVP_MAC *mac = EVP_MAC_fetch(NULL, OSSL_MAC_NAME_HMAC, NULL);
  if (mac == NULL) return NULL;
  EVP_MAC_CTX *ctx = EVP_MAC_CTX_new(mac);
  EVP_MAC_free(mac);  // the context keeps its own reference
  if (ctx == NULL) return NULL;
  OSSL_PARAM params[2];
  params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, (char *)"SHA256", 0);
  params[1] = OSSL_PARAM_construct_end();
  if (EVP_MAC_CTX_set_params(ctx, params) != 1) {
    EVP_MAC_CTX_free(ctx);
    return NULL;
  }
  return ctx;
}

/// HMAC-SHA256 of `data` under `key` into `out` (32 bytes), from a template made by
/// potemkin_hmac_sha256_template. Returns 1 on success.
static inline int potemkin_hmac_sha256(const EVP_MAC_CTX *template_ctx, const unsigned char *key, size_t key_length,
                                       const unsigned char *data, size_t data_length, unsigned char *out) {
  static const unsigned char empty = 0;
  EVP_MAC_CTX *ctx = EVP_MAC_CTX_dup(template_ctx);
  if (ctx == NULL) return 0;
  size_t out_length = 0;
  int ok = EVP_MAC_init(ctx, key != NULL ? key : &empty, key_length, NULL) == 1
      && EVP_MAC_update(ctx, data != NULL ? data : &empty, data_length) == 1
      && EVP_MAC_final(ctx, out, &out_length, 32) == 1 && out_length == 32;
  EVP_MAC_CTX_free(ctx);
  return ok;
}

#endif

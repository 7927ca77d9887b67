/* Low-level SHA-256 (SHA256_Init...) is deprecated in OpenSSL 3 but is the allocation-free path for
   short keyed hashes (HMACSHA256); keep its declarations free of deprecation warnings. */
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
#include <openssl/sha.h>
#include <openssl/md5.h>
#include <openssl/err.h>
#include <openssl/core_names.h>
#include <openssl/params.h>

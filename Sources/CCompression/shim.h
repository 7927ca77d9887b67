#include <zlib.h>
#include <brotli/decode.h>
#include <zstd.h>

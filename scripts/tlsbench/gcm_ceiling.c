/*
 * The ceiling for TLS record decryption: a bare OpenSSL AES-GCM decrypt loop over the same record
 * sizes and byte count as a workload (the --records file of make_tls_workload.py: per record, the key
 * length in bytes, then the plaintext length as u32 little-endian).
 *
 *   gcm_ceiling RECORDS_FILE
 *
 * Records are sealed (untimed) in batches of 4096 (up to 64 MiB, beyond the caches) with EVP_Encrypt*,
 * then each batch is decrypted and every tag verified with EVP_DecryptInit_ex (new IV, key set once per
 * key length) / EVP_DecryptUpdate (13 bytes of AAD, then the ciphertext) / EVP_DecryptFinal_ex, timed
 * with this thread's CPU clock (CLOCK_THREAD_CPUTIME_ID: preemption on a shared machine is not counted).
 * A tag failure aborts. Prints one line: "records N bytes B seconds S gbps G" (decrypted plaintext bytes,
 * seconds spent decrypting, Gbit/s on one core).
 *
 * Build: gcc -O2 -o gcm_ceiling gcm_ceiling.c -lcrypto
 */
#include <openssl/evp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: gcm_ceiling RECORDS_FILE\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    static unsigned char plain[16384 + 256], out[16384 + 256];
    for (size_t i = 0; i < sizeof plain; i++) plain[i] = (unsigned char)(i * 31 + 7);
    unsigned char key[32], iv[12] = {0}, aad[13] = {0};
    for (int i = 0; i < 32; i++) key[i] = (unsigned char)(i * 17 + 3);

    EVP_CIPHER_CTX *enc[2], *dec[2];
    const EVP_CIPHER *ciphers[2] = {EVP_aes_128_gcm(), EVP_aes_256_gcm()};
    for (int k = 0; k < 2; k++) {
        enc[k] = EVP_CIPHER_CTX_new();
        dec[k] = EVP_CIPHER_CTX_new();
        if (!EVP_EncryptInit_ex(enc[k], ciphers[k], NULL, key, iv) || !EVP_DecryptInit_ex(dec[k], ciphers[k], NULL, key, iv)) {
            fprintf(stderr, "gcm_ceiling: cipher init failed\n");
            return 1;
        }
    }

    /* Seal a batch (untimed), then decrypt the whole batch timed with this thread's CPU clock, so that
       time spent preempted on a shared machine is not counted (consenttap is measured in CPU time too). */
    enum { BATCH = 4096 };
    static unsigned char sealed[BATCH][16384 + 16];
    static uint32_t lens[BATCH];
    static unsigned char keys[BATCH], tags[BATCH][16];
    unsigned char entry[5];
    uint64_t records = 0, bytes = 0;
    double seconds = 0;
    int eof = 0;
    while (!eof) {
        int count = 0;
        while (count < BATCH) {
            if (fread(entry, 1, 5, f) != 5) {
                eof = 1;
                break;
            }
            uint32_t len = (uint32_t)entry[1] | (uint32_t)entry[2] << 8 | (uint32_t)entry[3] << 16 | (uint32_t)entry[4] << 24;
            if (len > 16384 + 16) {
                fprintf(stderr, "gcm_ceiling: record %llu too long (%u)\n", (unsigned long long)(records + count), len);
                return 1;
            }
            int k = entry[0] == 32 ? 1 : 0, n = 0;
            uint64_t seq = records + count;
            memcpy(iv + 4, &seq, 8);
            memcpy(aad, &seq, 8);
            aad[8] = 23, aad[9] = 3, aad[10] = 3, aad[11] = (unsigned char)(len >> 8), aad[12] = (unsigned char)len;
            if (!EVP_EncryptInit_ex(enc[k], NULL, NULL, NULL, iv) || !EVP_EncryptUpdate(enc[k], NULL, &n, aad, 13)
                || !EVP_EncryptUpdate(enc[k], sealed[count], &n, plain, (int)len) || !EVP_EncryptFinal_ex(enc[k], sealed[count] + n, &n)
                || !EVP_CIPHER_CTX_ctrl(enc[k], EVP_CTRL_GCM_GET_TAG, 16, tags[count])) {
                fprintf(stderr, "gcm_ceiling: seal failed\n");
                return 1;
            }
            lens[count] = len;
            keys[count] = (unsigned char)k;
            count++;
        }
        int failed = 0;
        double t0 = now();
        for (int i = 0; i < count; i++) {
            int k = keys[i], n = 0;
            uint32_t len = lens[i];
            uint64_t seq = records + i;
            memcpy(iv + 4, &seq, 8);
            memcpy(aad, &seq, 8);
            aad[8] = 23, aad[9] = 3, aad[10] = 3, aad[11] = (unsigned char)(len >> 8), aad[12] = (unsigned char)len;
            failed |= !(EVP_DecryptInit_ex(dec[k], NULL, NULL, NULL, iv) && EVP_DecryptUpdate(dec[k], NULL, &n, aad, 13)
                        && EVP_DecryptUpdate(dec[k], out, &n, sealed[i], (int)len)
                        && EVP_CIPHER_CTX_ctrl(dec[k], EVP_CTRL_GCM_SET_TAG, 16, tags[i])
                        && EVP_DecryptFinal_ex(dec[k], out + n, &n) > 0);
            bytes += len;
        }
        seconds += now() - t0;
        if (failed || (count && memcmp(out, plain, lens[count - 1]) != 0)) {
            fprintf(stderr, "gcm_ceiling: a record of the batch at %llu failed to decrypt\n", (unsigned long long)records);
            return 1;
        }
        records += (uint64_t)count;
    }
    fclose(f);
    printf("records %llu bytes %llu seconds %.6f gbps %.3f\n", (unsigned long long)records, (unsigned long long)bytes, seconds,
           seconds > 0 ? (double)bytes * 8 / seconds / 1e9 : 0.0);
    return 0;
}

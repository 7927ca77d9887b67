import COpenSSL

/// Owns one libcrypto `EVP_CIPHER_CTX` keyed once (decrypt or encrypt); each call only sets the nonce.
///
/// Contract: inputs are borrowed for the call; output goes to the caller's buffer, which must already
/// hold at least `ciphertext.count` bytes (+16 when sealing). Returns false on any libcrypto failure,
/// including a wrong authentication tag.
final class CipherContext {
    private let context: OpaquePointer
    private let bulk: BulkCipher

    init?(bulk: BulkCipher, key: [UInt8], encrypt: Bool = false) {
        guard let context = EVP_CIPHER_CTX_new() else { return nil }
        self.context = context
        self.bulk = bulk
        let cipher: OpaquePointer? = switch bulk {
        case .aes128GCM: EVP_aes_128_gcm()
        case .aes256GCM: EVP_aes_256_gcm()
        case .chacha20Poly1305: EVP_chacha20_poly1305()
        case .aes128CBC: EVP_aes_128_cbc()
        case .aes256CBC: EVP_aes_256_cbc()
        }
        let ok: Bool = key.withUnsafeBufferPointer { k in
            if encrypt {
                guard EVP_EncryptInit_ex(context, cipher, nil, nil, nil) == 1 else { return false }
            } else {
                guard EVP_DecryptInit_ex(context, cipher, nil, nil, nil) == 1 else { return false }
            }
            if bulk.isAEAD {
                guard EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_AEAD_SET_IVLEN, 12, nil) == 1 else { return false }
            } else {
                EVP_CIPHER_CTX_set_padding(context, 0)
            }
            return encrypt ? EVP_EncryptInit_ex(context, nil, nil, k.baseAddress, nil) == 1
                : EVP_DecryptInit_ex(context, nil, nil, k.baseAddress, nil) == 1
        }
        guard ok else {
            EVP_CIPHER_CTX_free(context)
            return nil
        }
    }

    deinit { EVP_CIPHER_CTX_free(context) }

    /// AEAD open: verifies `tag` over `aad` and `ciphertext`, writes the plaintext to `out[0...]`.
    func openAEAD(nonce: UnsafeRawBufferPointer, aad: UnsafeRawBufferPointer, ciphertext: UnsafeRawBufferPointer,
                  tag: UnsafeRawBufferPointer, into out: inout [UInt8]) -> Bool {
        guard tag.count == 16, nonce.count == 12, out.count >= ciphertext.count else { return false }
        return out.withUnsafeMutableBytes { o -> Bool in
            let op = o.baseAddress!.assumingMemoryBound(to: UInt8.self)
            var n: Int32 = 0
            guard EVP_DecryptInit_ex(context, nil, nil, nil, nonce.baseAddress!.assumingMemoryBound(to: UInt8.self)) == 1,
                  EVP_DecryptUpdate(context, nil, &n, aad.baseAddress!.assumingMemoryBound(to: UInt8.self), Int32(aad.count)) == 1
            else { return false }
            if ciphertext.count > 0 {
                guard EVP_DecryptUpdate(context, op, &n, ciphertext.baseAddress!.assumingMemoryBound(to: UInt8.self),
                                        Int32(ciphertext.count)) == 1 else { return false }
            } else {
                n = 0
            }
            // libcrypto only reads the tag here; the cast drops const for the ctrl signature.
            guard EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_AEAD_SET_TAG, 16, UnsafeMutableRawPointer(mutating: tag.baseAddress!)) == 1
            else { return false }
            var tail: Int32 = 0
            return EVP_DecryptFinal_ex(context, op.advanced(by: Int(n)), &tail) == 1
        }
    }

    /// CBC decrypt without padding removal; `ciphertext.count` must be a multiple of 16.
    func openCBC(iv: UnsafeRawBufferPointer, ciphertext: UnsafeRawBufferPointer, into out: inout [UInt8]) -> Bool {
        guard ciphertext.count % 16 == 0, out.count >= ciphertext.count else { return false }
        return out.withUnsafeMutableBytes { o -> Bool in
            let op = o.baseAddress!.assumingMemoryBound(to: UInt8.self)
            var n: Int32 = 0
            guard EVP_DecryptInit_ex(context, nil, nil, nil, iv.baseAddress!.assumingMemoryBound(to: UInt8.self)) == 1 else { return false }
            if ciphertext.count == 0 { return true }
            return EVP_DecryptUpdate(context, op, &n, ciphertext.baseAddress!.assumingMemoryBound(to: UInt8.self),
                                     Int32(ciphertext.count)) == 1 && Int(n) == ciphertext.count
        }
    }

    /// AEAD seal (tests and benchmarks): returns ciphertext || 16-byte tag.
    func sealAEAD(nonce: [UInt8], aad: [UInt8], plaintext: [UInt8]) -> [UInt8]? {
        var out = [UInt8](repeating: 0, count: plaintext.count + 16)
        let ok = out.withUnsafeMutableBytes { o -> Bool in
            let op = o.baseAddress!.assumingMemoryBound(to: UInt8.self)
            var n: Int32 = 0
            guard nonce.withUnsafeBufferPointer({ EVP_EncryptInit_ex(context, nil, nil, nil, $0.baseAddress) }) == 1,
                  aad.withUnsafeBufferPointer({ EVP_EncryptUpdate(context, nil, &n, $0.baseAddress, Int32($0.count)) }) == 1,
                  plaintext.withUnsafeBufferPointer({ EVP_EncryptUpdate(context, op, &n, $0.baseAddress, Int32($0.count)) }) == 1
            else { return false }
            var tail: Int32 = 0
            guard EVP_EncryptFinal_ex(context, op.advanced(by: Int(n)), &tail) == 1 else { return false }
            return EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_AEAD_GET_TAG, 16, o.baseAddress! + plaintext.count) == 1
        }
        return ok ? out : nil
    }

    /// CBC encrypt (tests): `plaintext.count` must be a multiple of 16 (caller pads).
    func sealCBC(iv: [UInt8], plaintext: [UInt8]) -> [UInt8]? {
        guard plaintext.count % 16 == 0 else { return nil }
        var out = [UInt8](repeating: 0, count: plaintext.count)
        let ok = out.withUnsafeMutableBytes { o -> Bool in
            var n: Int32 = 0
            guard iv.withUnsafeBufferPointer({ EVP_EncryptInit_ex(context, nil, nil, nil, $0.baseAddress) }) == 1 else { return false }
            return plaintext.withUnsafeBufferPointer({
                EVP_EncryptUpdate(context, o.baseAddress!.assumingMemoryBound(to: UInt8.self), &n, $0.baseAddress, Int32($0.count))
            }) == 1
        }
        return ok ? out : nil
    }
}

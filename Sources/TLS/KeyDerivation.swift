import COpenSSL

/// Hash functions used by TLS key derivation and record MACs.
package enum TLSHash: Sendable, Hashable {
    case sha1, sha256, sha384

    /// Output length in bytes.
    package var length: Int {
        switch self {
        case .sha1: 20
        case .sha256: 32
        case .sha384: 48
        }
    }

    /// Input block length in bytes (the HMAC key pad).
    var blockLength: Int { self == .sha384 ? 128 : 64 }
}

/// Key derivation functions of TLS 1.2 (RFC 5246 §5 PRF) and TLS 1.3 (RFC 8446 §7.1 HKDF-Expand-Label).
///
/// HMAC (RFC 2104) and digests run on libcrypto's low-level hash functions: EVP's one-shot `HMAC` and
/// `EVP_Digest` look their algorithms up by name on every call in OpenSSL 3, which made installing a
/// connection's keys cost a tenth of decrypting it.
///
/// Contract: inputs are small owned byte arrays (secrets, labels, hashes); outputs are fresh arrays of
/// exactly the requested length. These run once per key change, never per record.
package enum KeyDerivation {
    /// HMAC(key, data) with `hash`.
    package static func hmac(_ hash: TLSHash, key: [UInt8], data: [UInt8]) -> [UInt8] {
        var padded = key.count > hash.blockLength ? digest(hash, key) : key
        padded += repeatElement(0, count: hash.blockLength - padded.count)
        let inner = digest(hash, padded.map { $0 ^ 0x36 }, data)
        return digest(hash, padded.map { $0 ^ 0x5C }, inner)
    }

    /// Plain digest of `data` (transcript hashes, JA4).
    package static func digest(_ hash: TLSHash, _ data: [UInt8]) -> [UInt8] { digest(hash, data, []) }

    /// The digest of `first` followed by `second`, without joining them.
    private static func digest(_ hash: TLSHash, _ first: [UInt8], _ second: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: hash.length)
        first.withUnsafeBytes { a in
            second.withUnsafeBytes { b in
                out.withUnsafeMutableBufferPointer { o in
                    var ok: Int32
                    switch hash {
                    case .sha1:
                        var ctx = SHA_CTX()
                        ok = SHA1_Init(&ctx) & SHA1_Update(&ctx, a.baseAddress, a.count) & SHA1_Update(&ctx, b.baseAddress, b.count)
                            & SHA1_Final(o.baseAddress, &ctx)
                    case .sha256:
                        var ctx = SHA256_CTX()
                        ok = SHA256_Init(&ctx) & SHA256_Update(&ctx, a.baseAddress, a.count)
                            & SHA256_Update(&ctx, b.baseAddress, b.count) & SHA256_Final(o.baseAddress, &ctx)
                    case .sha384:
                        var ctx = SHA512_CTX()
                        ok = SHA384_Init(&ctx) & SHA384_Update(&ctx, a.baseAddress, a.count)
                            & SHA384_Update(&ctx, b.baseAddress, b.count) & SHA384_Final(o.baseAddress, &ctx)
                    }
                    precondition(ok == 1, "\(hash) digest failed")
                }
            }
        }
        return out
    }

    /// HKDF-Extract (RFC 5869 §2.2): HMAC(salt, ikm); an empty salt means `hash.length` zero bytes.
    package static func hkdfExtract(_ hash: TLSHash, salt: [UInt8], ikm: [UInt8]) -> [UInt8] {
        hmac(hash, key: salt.isEmpty ? [UInt8](repeating: 0, count: hash.length) : salt, data: ikm)
    }

    /// HKDF-Expand (RFC 5869 §2.3). `length` must be at most 255 * hash length.
    package static func hkdfExpand(_ hash: TLSHash, prk: [UInt8], info: [UInt8], length: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(length)
        var previous: [UInt8] = []
        var counter: UInt8 = 1
        while out.count < length {
            previous = hmac(hash, key: prk, data: previous + info + [counter])
            out += previous
            counter &+= 1
        }
        return Array(out.prefix(length))
    }

    /// HKDF-Expand-Label (RFC 8446 §7.1): the label gets the "tls13 " prefix.
    package static func hkdfExpandLabel(_ hash: TLSHash, secret: [UInt8], label: String, context: [UInt8],
                                        length: Int) -> [UInt8] {
        let fullLabel = Array("tls13 ".utf8) + Array(label.utf8)
        var info: [UInt8] = [UInt8(length >> 8), UInt8(length & 0xff), UInt8(fullLabel.count)]
        info += fullLabel
        info.append(UInt8(context.count))
        info += context
        return hkdfExpand(hash, prk: secret, info: info, length: length)
    }

    /// Derive-Secret (RFC 8446 §7.1) given the transcript hash of the messages.
    package static func deriveSecret(_ hash: TLSHash, secret: [UInt8], label: String,
                                     transcriptHash: [UInt8]) -> [UInt8] {
        hkdfExpandLabel(hash, secret: secret, label: label, context: transcriptHash, length: hash.length)
    }

    /// The TLS 1.2 PRF (RFC 5246 §5): P_hash(secret, label + seed).
    package static func tls12PRF(_ hash: TLSHash, secret: [UInt8], label: String, seed: [UInt8],
                                 length: Int) -> [UInt8] {
        let labelSeed = Array(label.utf8) + seed
        var out: [UInt8] = []
        out.reserveCapacity(length + hash.length)
        var a = labelSeed
        while out.count < length {
            a = hmac(hash, key: secret, data: a)
            out += hmac(hash, key: secret, data: a + labelSeed)
        }
        return Array(out.prefix(length))
    }
}

/// Protects records the way a TLS endpoint would: the inverse of `RecordCipher`, for building test
/// vectors and benchmark flows (the observer itself never encrypts).
///
/// Contract: same keys and framings as `RecordCipher`; `seal` returns a whole record (5-byte header
/// included). CBC IVs are derived from the sequence number so output is deterministic.
package struct RecordSealer {
    private let context: CipherContext
    private let framing: RecordCipher.Framing
    private let iv: [UInt8]
    private let macKey: [UInt8]
    package private(set) var sequence: UInt64 = 0

    package init?(bulk: BulkCipher, framing: RecordCipher.Framing, key: [UInt8], iv: [UInt8], macKey: [UInt8] = []) {
        guard key.count == bulk.keyLength, let context = CipherContext(bulk: bulk, key: key, encrypt: true) else { return nil }
        self.context = context
        self.framing = framing
        self.iv = iv
        self.macKey = macKey
    }

    /// Seals `plaintext` of content `type` into the next record. TLS 1.3 puts `type` inside and 23 outside.
    package mutating func seal(type: UInt8, version: UInt16 = 0x0303, plaintext: [UInt8]) -> [UInt8] {
        let seq = sequence
        sequence &+= 1
        var seqBytes = [UInt8](repeating: 0, count: 8)
        for i in 0..<8 { seqBytes[i] = UInt8(truncatingIfNeeded: seq >> (56 - 8 * UInt64(i))) }
        func header(_ t: UInt8, _ length: Int) -> [UInt8] {
            [t, UInt8(version >> 8), UInt8(version & 0xff), UInt8(length >> 8), UInt8(length & 0xff)]
        }
        func xorNonce() -> [UInt8] {
            var nonce = iv
            for i in 0..<8 { nonce[4 + i] ^= seqBytes[i] }
            return nonce
        }
        let aad12 = seqBytes + [type, UInt8(version >> 8), UInt8(version & 0xff),
                                UInt8(plaintext.count >> 8), UInt8(plaintext.count & 0xff)]
        switch framing {
        case .tls13:
            let inner = plaintext + [type]
            let h = header(23, inner.count + 16)
            return h + (context.sealAEAD(nonce: xorNonce(), aad: h, plaintext: inner) ?? [])
        case .tls12ExplicitNonce:
            let sealed = context.sealAEAD(nonce: iv + seqBytes, aad: aad12, plaintext: plaintext) ?? []
            return header(type, 8 + sealed.count) + seqBytes + sealed
        case .tls12XorNonce:
            let sealed = context.sealAEAD(nonce: xorNonce(), aad: aad12, plaintext: plaintext) ?? []
            return header(type, sealed.count) + sealed
        case .tls12CBC(let mac, let encryptThenMAC):
            let recordIV = Array(KeyDerivation.digest(.sha256, seqBytes).prefix(16))
            func pad(_ data: [UInt8]) -> [UInt8] {
                let p = 15 - data.count % 16
                return data + [UInt8](repeating: UInt8(p), count: p + 1)
            }
            if encryptThenMAC {
                let sealed = recordIV + (context.sealCBC(iv: recordIV, plaintext: pad(plaintext)) ?? [])
                let aad = seqBytes + [type, UInt8(version >> 8), UInt8(version & 0xff),
                                      UInt8(sealed.count >> 8), UInt8(sealed.count & 0xff)]
                let tag = KeyDerivation.hmac(mac, key: macKey, data: aad + sealed)
                return header(type, sealed.count + tag.count) + sealed + tag
            }
            let tag = KeyDerivation.hmac(mac, key: macKey, data: aad12 + plaintext)
            let sealed = recordIV + (context.sealCBC(iv: recordIV, plaintext: pad(plaintext + tag)) ?? [])
            return header(type, sealed.count) + sealed
        }
    }
}

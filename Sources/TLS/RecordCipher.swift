import COpenSSL

/// Record protection of one direction in one key epoch: opens (decrypts and authenticates) records in
/// order, keeping the implicit sequence number (RFC 8446 §5.3, RFC 5246 §6.2.3).
///
/// Contract: `open` borrows the fragment for the call only and writes plaintext into the caller's
/// reusable buffer, growing it when needed (at most one record, 2^14 + 2048 bytes). Every record that
/// fails authentication, padding or length checks is reported, never passed on. The libcrypto context
/// is created once per epoch (key schedule done once); each record only sets the nonce.
package struct RecordCipher {
    /// How records are framed around the bulk cipher.
    package enum Framing: Sendable, Hashable {
        /// TLS 1.3 AEAD: nonce = iv XOR seq, AAD = record header, inner content type at the end.
        case tls13
        /// TLS 1.2 AEAD with an 8-byte explicit nonce after a 4-byte implicit salt (AES-GCM, RFC 5288).
        case tls12ExplicitNonce
        /// TLS 1.2 ChaCha20-Poly1305 (RFC 7905): nonce = iv XOR seq, no explicit part.
        case tls12XorNonce
        /// TLS 1.2 CBC with HMAC, MAC-then-encrypt or encrypt-then-MAC (RFC 7366).
        case tls12CBC(mac: TLSHash, encryptThenMAC: Bool)
    }

    /// What opening one record gave.
    package enum Outcome: Equatable {
        /// Plaintext is `buffer[0..<length]`; `contentType` is the inner type (TLS 1.3) or the outer one.
        case opened(contentType: UInt8, length: Int)
        /// Tag, MAC or padding check failed: the record is not authentic under these keys.
        case authenticationFailed
        /// Too short for the framing, or TLS 1.3 inner plaintext without a content type.
        case malformed
    }

    private let context: CipherContext
    private let framing: Framing
    private let iv: [UInt8]
    private let macKey: [UInt8]
    /// Sequence number of the next record (starts at 0 for each epoch).
    package private(set) var sequence: UInt64 = 0

    /// Sets up a direction's keys. `iv` is 12 bytes (TLS 1.3, ChaCha20), 4 bytes (TLS 1.2 GCM salt) or
    /// empty (CBC). Returns nil when libcrypto rejects the key or the lengths do not fit the cipher.
    package init?(bulk: BulkCipher, framing: Framing, key: [UInt8], iv: [UInt8], macKey: [UInt8] = []) {
        guard key.count == bulk.keyLength, let context = CipherContext(bulk: bulk, key: key) else { return nil }
        switch framing {
        case .tls13, .tls12XorNonce: guard iv.count == 12, bulk.isAEAD else { return nil }
        case .tls12ExplicitNonce: guard iv.count == 4, bulk.isAEAD, bulk != .chacha20Poly1305 else { return nil }
        case .tls12CBC(let mac, _): guard !bulk.isAEAD, macKey.count == mac.length else { return nil }
        }
        self.context = context
        self.framing = framing
        self.iv = iv
        self.macKey = macKey
    }

    /// Opens the next record of this direction. `type` and `version` come from its 5-byte header.
    /// The sequence number advances only when the record opens.
    package mutating func open(type: UInt8, version: UInt16, fragment: UnsafeRawBufferPointer,
                               into buffer: inout [UInt8]) -> Outcome {
        let seq = sequence
        let outcome = open(seq: seq, type: type, version: version, fragment: fragment, into: &buffer)
        if case .opened = outcome { sequence &+= 1 }
        return outcome
    }

    /// Skips one record's sequence number (a record known lost or not meant for these keys).
    package mutating func skipRecord() { sequence &+= 1 }

    /// Continues at `sequence` (after records were lost: see `TLSConnection` resynchronisation).
    package mutating func resume(at sequence: UInt64) { self.sequence = sequence }

    private func open(seq: UInt64, type: UInt8, version: UInt16, fragment: UnsafeRawBufferPointer,
                      into buffer: inout [UInt8]) -> Outcome {
        if buffer.count < fragment.count {
            // Not zeroed: decryption writes every byte that is read back (the plaintext's length).
            let size = max(fragment.count, 1 << 14) + 2048
            buffer = [UInt8](unsafeUninitializedCapacity: size) { _, count in count = size }
        }
        switch framing {
        case .tls13:
            guard fragment.count > 16 else { return .malformed }
            let length = fragment.count - 16
            let ok = withNonceAndAAD(seq: seq, explicit: nil) { nonce, aad in
                // AAD = the record header (RFC 8446 §5.2).
                aad[0] = type
                aad[1] = UInt8(version >> 8)
                aad[2] = UInt8(version & 0xff)
                aad[3] = UInt8(fragment.count >> 8)
                aad[4] = UInt8(fragment.count & 0xff)
                return context.openAEAD(nonce: UnsafeRawBufferPointer(nonce), aad: UnsafeRawBufferPointer(rebasing: aad[0..<5]),
                                        ciphertext: UnsafeRawBufferPointer(rebasing: fragment[0..<length]),
                                        tag: UnsafeRawBufferPointer(rebasing: fragment[length...]), into: &buffer)
            }
            guard ok else { return .authenticationFailed }
            var end = length
            while end > 0, buffer[end - 1] == 0 { end -= 1 }
            guard end > 0 else { return .malformed }
            return .opened(contentType: buffer[end - 1], length: end - 1)
        case .tls12ExplicitNonce, .tls12XorNonce:
            let explicit = framing == .tls12ExplicitNonce
            guard fragment.count >= (explicit ? 8 : 0) + 16 else { return .malformed }
            let start = explicit ? 8 : 0
            let length = fragment.count - start - 16
            let ok = withNonceAndAAD(seq: seq, explicit: explicit ? UnsafeRawBufferPointer(rebasing: fragment[0..<8]) : nil) { nonce, aad in
                fillTLS12AAD(aad, seq: seq, type: type, version: version, length: length)
                return context.openAEAD(nonce: UnsafeRawBufferPointer(nonce), aad: UnsafeRawBufferPointer(aad),
                                        ciphertext: UnsafeRawBufferPointer(rebasing: fragment[start..<(start + length)]),
                                        tag: UnsafeRawBufferPointer(rebasing: fragment[(start + length)...]), into: &buffer)
            }
            guard ok else { return .authenticationFailed }
            return .opened(contentType: type, length: length)
        case .tls12CBC(let mac, let encryptThenMAC):
            return openCBC(seq: seq, type: type, version: version, fragment: fragment, mac: mac,
                           encryptThenMAC: encryptThenMAC, into: &buffer)
        }
    }

    private func openCBC(seq: UInt64, type: UInt8, version: UInt16, fragment: UnsafeRawBufferPointer, mac: TLSHash,
                         encryptThenMAC: Bool, into buffer: inout [UInt8]) -> Outcome {
        let block = 16
        if encryptThenMAC {
            // IV || ciphertext || MAC(seq | header | IV || ciphertext)   (RFC 7366 §3)
            guard fragment.count >= 2 * block + mac.length else { return .malformed }
            let sealedLength = fragment.count - mac.length
            guard (sealedLength - block) % block == 0 else { return .malformed }
            let sealed = UnsafeRawBufferPointer(rebasing: fragment[0..<sealedLength])
            let expected = KeyDerivation.hmac(mac, key: macKey,
                                              data: tls12AAD(seq: seq, type: type, version: version, length: sealedLength) + Array(sealed))
            guard expected.elementsEqual(UnsafeRawBufferPointer(rebasing: fragment[sealedLength...])) else {
                return .authenticationFailed
            }
            guard context.openCBC(iv: UnsafeRawBufferPointer(rebasing: sealed[0..<block]),
                                  ciphertext: UnsafeRawBufferPointer(rebasing: sealed[block...]), into: &buffer),
                  let length = stripPadding(buffer, count: sealedLength - block)
            else { return .authenticationFailed }
            return .opened(contentType: type, length: length)
        }
        // IV || E(content || MAC(seq | header | content) || padding)   (RFC 5246 §6.2.3.2)
        guard fragment.count >= 2 * block, fragment.count % block == 0 else { return .malformed }
        guard context.openCBC(iv: UnsafeRawBufferPointer(rebasing: fragment[0..<block]),
                              ciphertext: UnsafeRawBufferPointer(rebasing: fragment[block...]), into: &buffer),
              let unpadded = stripPadding(buffer, count: fragment.count - block), unpadded >= mac.length
        else { return .authenticationFailed }
        let length = unpadded - mac.length
        let content = Array(buffer[0..<length])
        let expected = KeyDerivation.hmac(mac, key: macKey,
                                          data: tls12AAD(seq: seq, type: type, version: version, length: length) + content)
        guard expected.elementsEqual(buffer[length..<unpadded]) else { return .authenticationFailed }
        return .opened(contentType: type, length: length)
    }

    /// Length without the CBC padding (each of the last `p + 1` bytes equals `p`), nil if invalid.
    private func stripPadding(_ buffer: [UInt8], count: Int) -> Int? {
        guard count > 0 else { return nil }
        let pad = Int(buffer[count - 1])
        guard pad + 1 <= count else { return nil }
        for i in (count - 1 - pad)..<count where buffer[i] != UInt8(pad) { return nil }
        return count - 1 - pad
    }

    /// Runs `body` with a 12-byte nonce (iv XOR seq, or the 4-byte salt and an explicit 8-byte part) and
    /// a 13-byte AAD area, both on the stack: no allocation per record.
    private func withNonceAndAAD(seq: UInt64, explicit: UnsafeRawBufferPointer?,
                                 _ body: (UnsafeMutableRawBufferPointer, UnsafeMutableRawBufferPointer) -> Bool) -> Bool {
        withUnsafeTemporaryAllocation(byteCount: 25, alignment: 8) { scratch in
            let nonce = UnsafeMutableRawBufferPointer(rebasing: scratch[0..<12])
            let aad = UnsafeMutableRawBufferPointer(rebasing: scratch[12..<25])
            if let explicit {
                for i in 0..<4 { nonce[i] = iv[i] }
                for i in 0..<8 { nonce[4 + i] = explicit[i] }
            } else {
                for i in 0..<12 { nonce[i] = iv[i] }
                for i in 0..<8 { nonce[4 + i] ^= UInt8(truncatingIfNeeded: seq >> (56 - 8 * UInt64(i))) }
            }
            return body(nonce, aad)
        }
    }

    private func fillTLS12AAD(_ aad: UnsafeMutableRawBufferPointer, seq: UInt64, type: UInt8, version: UInt16, length: Int) {
        for i in 0..<8 { aad[i] = UInt8(truncatingIfNeeded: seq >> (56 - 8 * UInt64(i))) }
        aad[8] = type
        aad[9] = UInt8(version >> 8)
        aad[10] = UInt8(version & 0xff)
        aad[11] = UInt8(length >> 8)
        aad[12] = UInt8(length & 0xff)
    }

    private func tls12AAD(seq: UInt64, type: UInt8, version: UInt16, length: Int) -> [UInt8] {
        var aad = [UInt8](repeating: 0, count: 13)
        for i in 0..<8 { aad[i] = UInt8(truncatingIfNeeded: seq >> (56 - 8 * UInt64(i))) }
        aad[8] = type
        aad[9] = UInt8(version >> 8)
        aad[10] = UInt8(version & 0xff)
        aad[11] = UInt8(length >> 8)
        aad[12] = UInt8(length & 0xff)
        return aad
    }
}

import COpenSSL

/// HMAC-SHA-256 (RFC 2104) under one fixed key, with the key's inner and outer pads digested once
/// at init: each `mac` then costs two short SHA-256 runs on a copied context, no key set-up and no
/// allocation, which matters when every finding of every forward is hashed. Immutable after init
/// and safe to share between threads (each call works on its own copy of the prepared contexts).
package final class HMACSHA256: Sendable {
    private let inner: SHA256_CTX
    private let outer: SHA256_CTX

    /// `key` is copied; keys longer than the SHA-256 block (64 bytes) are hashed first (RFC 2104).
    package init(key: [UInt8]) {
        var block = key.count > 64 ? HMACSHA256.sha256(key) : key
        block += [UInt8](repeating: 0, count: 64 - block.count)
        inner = HMACSHA256.prepared(block.map { $0 ^ 0x36 })
        outer = HMACSHA256.prepared(block.map { $0 ^ 0x5C })
    }

    /// The 32-byte MAC of `message`.
    package func mac<C: Collection>(_ message: C) -> [UInt8] where C.Element == UInt8 {
        var out = [UInt8](repeating: 0, count: 32)
        out.withUnsafeMutableBufferPointer { mac(message, into: $0.baseAddress!) }
        return out
    }

    /// The MAC of `message`, kept as a value (no array, no text until it is written out).
    package func digest(_ message: UnsafeRawBufferPointer) -> SHA256Digest {
        var d = SHA256Digest()
        withUnsafeMutableBytes(of: &d.bytes) { mac(message, into: $0.baseAddress!.assumingMemoryBound(to: UInt8.self)) }
        return d
    }

    /// The MAC of the UTF-8 bytes of `text` as lower-case hex, `hexDigits` long (at most 64).
    package func hex(_ text: String, hexDigits: Int = 64) -> String {
        var text = text
        return text.withUTF8 { hex(UnsafeRawBufferPointer($0), hexDigits: hexDigits) }
    }

    /// The MAC of the concatenation of `parts` as lower-case hex, `hexDigits` long (at most 64):
    /// one string, no intermediate copy of the message or of the digest.
    package func hex(_ parts: UnsafeRawBufferPointer..., hexDigits: Int = 64) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { digest in
            var ctx = inner
            var ok: Int32 = 1
            for p in parts { ok &= SHA256_Update(&ctx, p.baseAddress, p.count) }
            finish(&ctx, ok, into: digest.baseAddress!)
            return SHA256Hex.hex(UnsafeBufferPointer(digest), digits: max(hexDigits, 0))
        }
    }

    private func mac<C: Collection>(_ message: C, into out: UnsafeMutablePointer<UInt8>) where C.Element == UInt8 {
        var ctx = inner
        let fed: Int32? = message.withContiguousStorageIfAvailable { SHA256_Update(&ctx, $0.baseAddress, $0.count) }
        let ok = fed ?? Array(message).withUnsafeBytes { SHA256_Update(&ctx, $0.baseAddress, $0.count) }
        finish(&ctx, ok, into: out)
    }

    /// Completes the inner hash in `ctx` and runs the outer one: the MAC goes to `out` (32 bytes).
    private func finish(_ ctx: inout SHA256_CTX, _ fed: Int32, into out: UnsafeMutablePointer<UInt8>) {
        var ok = fed & SHA256_Final(out, &ctx)
        ctx = outer
        ok &= SHA256_Update(&ctx, out, 32)
        ok &= SHA256_Final(out, &ctx)
        precondition(ok == 1, "HMAC-SHA-256 failed")
    }

    private static func prepared(_ pad: [UInt8]) -> SHA256_CTX {
        var ctx = SHA256_CTX()
        let ok = SHA256_Init(&ctx) & pad.withUnsafeBytes { SHA256_Update(&ctx, $0.baseAddress, 64) }
        precondition(ok == 1, "SHA-256 set-up failed")
        return ctx
    }

    private static func sha256(_ bytes: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        bytes.withUnsafeBytes { b in
            out.withUnsafeMutableBufferPointer { _ = SHA256(b.baseAddress?.assumingMemoryBound(to: UInt8.self), b.count, $0.baseAddress) }
        }
        return out
    }
}

/// A SHA-256 or HMAC-SHA-256 result held inline (32 bytes, no allocation); `hex` renders it.
package struct SHA256Digest: Sendable, Hashable {
    package var bytes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    package init() {}

    /// Lower-case hex, 64 digits.
    package var hex: String {
        String(unsafeUninitializedCapacity: 64) { out in
            writeHex(to: out.baseAddress!)
            return 64
        }
    }

    /// Writes the 64 lower-case hex digits at `out` (room for 64 bytes).
    package func writeHex(to out: UnsafeMutablePointer<UInt8>) {
        let digits: StaticString = "0123456789abcdef"
        let t = digits.utf8Start
        withUnsafeBytes(of: bytes) { d in
            for i in 0..<32 {
                out[2 * i] = t[Int(d[i] >> 4)]
                out[2 * i + 1] = t[Int(d[i] & 15)]
            }
        }
    }

    package static func == (a: SHA256Digest, b: SHA256Digest) -> Bool {
        a.bytes.0 == b.bytes.0 && a.bytes.1 == b.bytes.1 && a.bytes.2 == b.bytes.2 && a.bytes.3 == b.bytes.3
    }

    package func hash(into h: inout Hasher) {
        h.combine(bytes.0); h.combine(bytes.1); h.combine(bytes.2); h.combine(bytes.3)
    }
}

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

    /// The MAC of the UTF-8 bytes of `text` as lower-case hex, `hexDigits` long (at most 64).
    package func hex(_ text: String, hexDigits: Int = 64) -> String {
        let digits = SHA256Hex.hex(mac(text.utf8))
        return hexDigits >= 64 ? digits : String(digits.prefix(max(hexDigits, 0)))
    }

    private func mac<C: Collection>(_ message: C, into out: UnsafeMutablePointer<UInt8>) where C.Element == UInt8 {
        var ctx = inner
        let fed: Int32? = message.withContiguousStorageIfAvailable { SHA256_Update(&ctx, $0.baseAddress, $0.count) }
        var ok = fed ?? Array(message).withUnsafeBytes { SHA256_Update(&ctx, $0.baseAddress, $0.count) }
        ok &= SHA256_Final(out, &ctx)
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

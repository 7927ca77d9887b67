import COpenSSL

/// HMAC-SHA-256 (RFC 2104) under one fixed key, with the key's inner and outer pads digested once
/// at init: each `mac` then costs two short SHA-256 runs instead of a key set-up, which matters when
/// every finding of every forward is hashed. Immutable after init and safe to share between threads
/// (each call works on its own digest context copied from the prepared ones).
package final class HMACSHA256: @unchecked Sendable {
    private let inner: OpaquePointer
    private let outer: OpaquePointer

    /// `key` is copied; keys longer than the SHA-256 block (64 bytes) are hashed first (RFC 2104).
    package init(key: [UInt8]) {
        var block = key.count > 64 ? HMACSHA256.sha256(key) : key
        block += [UInt8](repeating: 0, count: 64 - block.count)
        inner = HMACSHA256.prepared(block.map { $0 ^ 0x36 })
        outer = HMACSHA256.prepared(block.map { $0 ^ 0x5C })
    }

    deinit {
        EVP_MD_CTX_free(inner)
        EVP_MD_CTX_free(outer)
    }

    /// The 32-byte MAC of `message`.
    package func mac<C: Collection>(_ message: C) -> [UInt8] where C.Element == UInt8 {
        var out = [UInt8](repeating: 0, count: 32)
        let ctx = EVP_MD_CTX_new()!
        defer { EVP_MD_CTX_free(ctx) }
        var length: UInt32 = 0
        var ok = EVP_MD_CTX_copy_ex(ctx, inner)
        let fed: Int32? = message.withContiguousStorageIfAvailable { EVP_DigestUpdate(ctx, $0.baseAddress, $0.count) }
        ok &= fed ?? Array(message).withUnsafeBytes { EVP_DigestUpdate(ctx, $0.baseAddress, $0.count) }
        ok &= out.withUnsafeMutableBufferPointer { EVP_DigestFinal_ex(ctx, $0.baseAddress, &length) }
        ok &= EVP_MD_CTX_copy_ex(ctx, outer)
        ok &= out.withUnsafeMutableBufferPointer { o in
            EVP_DigestUpdate(ctx, o.baseAddress, 32) & EVP_DigestFinal_ex(ctx, o.baseAddress, &length)
        }
        precondition(ok == 1 && length == 32, "HMAC-SHA-256 failed")
        return out
    }

    /// The MAC of the UTF-8 bytes of `text` as lower-case hex, `hexDigits` long (at most 64).
    package func hex(_ text: String, hexDigits: Int = 64) -> String {
        var text = text
        let mac = text.withUTF8 { self.mac($0) }
        return HMACSHA256.hex(mac, digits: hexDigits)
    }

    static func hex(_ bytes: [UInt8], digits: Int) -> String {
        let table: StaticString = "0123456789abcdef"
        let n = min(digits, bytes.count * 2)
        return String(unsafeUninitializedCapacity: n) { out in
            table.withUTF8Buffer { t in
                for i in 0..<n {
                    let b = bytes[i >> 1]
                    out[i] = t[Int(i & 1 == 0 ? b >> 4 : b & 15)]
                }
            }
            return n
        }
    }

    private static func prepared(_ pad: [UInt8]) -> OpaquePointer {
        let ctx = EVP_MD_CTX_new()!
        let ok = EVP_DigestInit_ex(ctx, EVP_sha256(), nil) & pad.withUnsafeBytes { EVP_DigestUpdate(ctx, $0.baseAddress, 64) }
        precondition(ok == 1, "SHA-256 set-up failed")
        return ctx
    }

    private static func sha256(_ bytes: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let ok = bytes.withUnsafeBytes { b in
            out.withUnsafeMutableBufferPointer { EVP_Digest(b.baseAddress, b.count, $0.baseAddress, &length, EVP_sha256(), nil) }
        }
        precondition(ok == 1 && length == 32, "SHA-256 failed")
        return out
    }
}

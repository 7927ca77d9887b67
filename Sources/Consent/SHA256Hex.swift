import COpenSSL

/// SHA-256 (libcrypto EVP) rendered as lower-case hex.
enum SHA256Hex {
    static func digest(_ text: String) -> String {
        var input = Array(text.utf8)
        var out = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let ok = input.withUnsafeMutableBytes { inBuf in
            out.withUnsafeMutableBytes { outBuf in
                EVP_Digest(inBuf.baseAddress, inBuf.count, outBuf.baseAddress?.assumingMemoryBound(to: UInt8.self),
                           &length, EVP_sha256(), nil)
            }
        }
        precondition(ok == 1 && length == 32, "EVP_Digest(SHA-256) failed")
        return hex(out)
    }

    /// HMAC-SHA-256 (libcrypto one-shot `HMAC`) as lower-case hex (RFC 2104 / RFC 4231).
    static func hmac(key: [UInt8], _ text: String) -> String {
        var out = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let data = Array(text.utf8)
        let keyBytes = key.isEmpty ? [UInt8(0)] : key   // a valid pointer even for an empty key
        let ok = keyBytes.withUnsafeBytes { k in
            data.withUnsafeBytes { d in
                out.withUnsafeMutableBytes { o in
                    HMAC(EVP_sha256(), k.baseAddress, Int32(key.count), d.baseAddress?.assumingMemoryBound(to: UInt8.self),
                         d.count, o.baseAddress?.assumingMemoryBound(to: UInt8.self), &length)
                }
            }
        }
        precondition(ok != nil && length == 32, "HMAC-SHA-256 failed")
        return hex(out)
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var s = [UInt8]()
        s.reserveCapacity(bytes.count * 2)
        for b in bytes {
            s.append(digits[Int(b >> 4)])
            s.append(digits[Int(b & 15)])
        }
        return String(decoding: s, as: UTF8.self)
    }

    /// True for exactly 64 hex digits (either case).
    static func isHash(_ text: String) -> Bool {
        let u = text.utf8
        return u.count == 64 && u.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) }
    }
}

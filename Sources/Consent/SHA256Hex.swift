import COpenSSL

/// SHA-256 (libcrypto) rendered as lower-case hex.
enum SHA256Hex {
    static func digest(_ text: String) -> String {
        var text = text
        var out = [UInt8](repeating: 0, count: 32)
        text.withUTF8 { input in
            out.withUnsafeMutableBufferPointer { _ = SHA256(input.baseAddress, input.count, $0.baseAddress) }
        }
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

/// Base64 (RFC 4648 section 4) and base64url (section 5) decoding, padding optional,
/// no whitespace. Returns nil on any other byte or an impossible length.
package enum Base64 {
    private static let table: [UInt8] = {
        var t = [UInt8](repeating: 255, count: 256)
        for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8.enumerated() { t[Int(c)] = UInt8(i) }
        t[Int(UInt8(ascii: "+"))] = 62; t[Int(UInt8(ascii: "-"))] = 62
        t[Int(UInt8(ascii: "/"))] = 63; t[Int(UInt8(ascii: "_"))] = 63
        return t
    }()

    /// The first byte that `decode` would give, from the first two characters alone (nil when they
    /// are not base64): a cheap test before decoding a value that may not be base64 at all.
    package static func firstDecodedByte<C: Collection>(_ b: C) -> UInt8? where C.Element == UInt8 {
        var i = b.startIndex
        guard i != b.endIndex else { return nil }
        let v0 = table[Int(b[i])]
        i = b.index(after: i)
        guard i != b.endIndex else { return nil }
        let v1 = table[Int(b[i])]
        guard v0 != 255, v1 != 255 else { return nil }
        return v0 << 2 | v1 >> 4
    }

    package static func decode<C: BidirectionalCollection>(_ b: C) -> [UInt8]? where C.Element == UInt8 {
        var body = b[...]
        while body.last == UInt8(ascii: "=") { body = body.dropLast() }
        guard b.count - body.count <= 2, body.count % 4 != 1 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(body.count * 3 / 4)
        var acc: UInt32 = 0, bits = 0
        for c in body {
            let v = table[Int(c)]
            if v == 255 { return nil }
            acc = acc << 6 | UInt32(v)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: acc >> UInt32(bits)))
            }
        }
        return out
    }
}

extension Base64 {
    /// RFC 4648 §4 encoding (standard alphabet, padded).
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    package static func encode(_ bytes: [UInt8]) -> String {
        var out = [UInt8]()
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i + 2 < bytes.count {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            out.append(alphabet[Int(n >> 18 & 63)]); out.append(alphabet[Int(n >> 12 & 63)])
            out.append(alphabet[Int(n >> 6 & 63)]); out.append(alphabet[Int(n & 63)])
            i += 3
        }
        let rest = bytes.count - i
        if rest > 0 {
            let n = UInt32(bytes[i]) << 16 | (rest == 2 ? UInt32(bytes[i + 1]) << 8 : 0)
            out.append(alphabet[Int(n >> 18 & 63)]); out.append(alphabet[Int(n >> 12 & 63)])
            out.append(rest == 2 ? alphabet[Int(n >> 6 & 63)] : UInt8(ascii: "="))
            out.append(UInt8(ascii: "="))
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// An IPv4 or IPv6 address, stored inline (no allocation).
public enum IPAddress: Hashable, Sendable {
    /// IPv4 in host order (`0x7f000001` is 127.0.0.1).
    case v4(UInt32)
    /// IPv6 as two big-endian halves in host order: `high` holds bytes 0..<8.
    case v6(high: UInt64, low: UInt64)

    /// Reads 4 or 16 bytes in network order.
    @inlinable public init?(bytes: UnsafeRawBufferPointer) {
        switch bytes.count {
        case 4: self = .v4(bytes.loadBigEndianUInt32(at: 0))
        case 16: self = .v6(high: bytes.loadBigEndianUInt64(at: 0), low: bytes.loadBigEndianUInt64(at: 8))
        default: return nil
        }
    }

    @inlinable @inline(__always) public static func == (a: IPAddress, b: IPAddress) -> Bool {
        switch (a, b) {
        case (.v4(let x), .v4(let y)): return x == y
        case (.v6(let xh, let xl), .v6(let yh, let yl)): return xh == yh && xl == yl
        case (.v4, .v6), (.v6, .v4): return false
        }
    }

    @inlinable public var isIPv6: Bool { if case .v6 = self { return true } else { return false } }

    /// Parses dotted-quad IPv4 or RFC 4291 / RFC 5952 IPv6 text (with `::` and embedded IPv4).
    public init?(_ text: String) {
        if text.contains(":") {
            guard let v = IPAddress.parseIPv6(Substring(text)) else { return nil }
            self = v
        } else {
            guard let v = IPAddress.parseIPv4(Substring(text)) else { return nil }
            self = .v4(v)
        }
    }

    private static func parseIPv4(_ s: Substring) -> UInt32? {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var v: UInt32 = 0
        for p in parts {
            guard !p.isEmpty, p.count <= 3, p.allSatisfy({ $0.isASCII && $0.isNumber }), let n = UInt32(p), n <= 255 else { return nil }
            v = v << 8 | n
        }
        return v
    }

    private static func parseIPv6(_ s: Substring) -> IPAddress? {
        var groups: [UInt16] = []
        var tail: [UInt16] = []
        var seenDouble = false
        var halves: [String] = []
        if let r = s.firstRange(of: "::") {
            halves = [String(s[s.startIndex..<r.lowerBound]), String(s[r.upperBound...])]
            if halves[1].contains("::") { return nil }
        } else { halves = [String(s)] }
        guard halves.count <= 2 else { return nil }
        func parseGroups(_ part: String, into out: inout [UInt16]) -> Bool {
            if part.isEmpty { return true }
            let items = part.split(separator: ":", omittingEmptySubsequences: false)
            for (i, item) in items.enumerated() {
                if i == items.count - 1, item.contains(".") {
                    guard let v4 = parseIPv4(item) else { return false }
                    out.append(UInt16(v4 >> 16)); out.append(UInt16(v4 & 0xffff))
                } else {
                    guard !item.isEmpty, item.count <= 4, let g = UInt16(item, radix: 16) else { return false }
                    out.append(g)
                }
            }
            return true
        }
        guard parseGroups(halves[0], into: &groups) else { return nil }
        if halves.count == 2 {
            seenDouble = true
            guard parseGroups(halves[1], into: &tail) else { return nil }
        }
        let total = groups.count + tail.count
        if seenDouble { guard total <= 7 else { return nil } } else { guard total == 8 else { return nil } }
        let all = groups + Array(repeating: 0, count: 8 - total) + tail
        var high: UInt64 = 0, low: UInt64 = 0
        for i in 0..<4 { high = high << 16 | UInt64(all[i]) }
        for i in 4..<8 { low = low << 16 | UInt64(all[i]) }
        return .v6(high: high, low: low)
    }
}

extension IPAddress: CustomStringConvertible {
    /// Dotted quad for IPv4; RFC 5952 canonical text for IPv6 (lowercase, longest zero run as `::`).
    public var description: String {
        let text = ByteBuffer(capacity: 48)
        appendDescription(to: text)
        return text.text
    }
}

/// A transport endpoint: address and port.
public struct Endpoint: Hashable, Sendable {
    public var address: IPAddress
    public var port: UInt16
    @inlinable public init(address: IPAddress, port: UInt16) { self.address = address; self.port = port }
    @inlinable @inline(__always) public static func == (a: Endpoint, b: Endpoint) -> Bool { a.port == b.port && a.address == b.address }
}

extension IPAddress {
    /// Appends `description` as ASCII bytes, without building a `String` (RFC 5952 text for IPv6).
    @inlinable
    public func appendDescription(to out: ByteBuffer) {
        switch self {
        case .v4(let v):
            out.appendDecimal(UInt64(v >> 24))
            out.append(UInt8(ascii: "."))
            out.appendDecimal(UInt64(v >> 16 & 0xff))
            out.append(UInt8(ascii: "."))
            out.appendDecimal(UInt64(v >> 8 & 0xff))
            out.append(UInt8(ascii: "."))
            out.appendDecimal(UInt64(v & 0xff))
        case .v6(let high, let low):
            // IPv4-mapped ::ffff:a.b.c.d
            if high == 0, low >> 32 == 0xffff {
                out.append("::ffff:")
                IPAddress.v4(UInt32(truncatingIfNeeded: low)).appendDescription(to: out)
                return
            }
            func group(_ i: Int) -> UInt16 {
                UInt16(truncatingIfNeeded: (i < 4 ? high : low) >> UInt64(48 - 16 * (i & 3)))
            }
            // RFC 5952 §4.2: the longest run of two or more zero groups (the first of equals) becomes "::".
            var bestStart = -1, bestLength = 0, i = 0
            while i < 8 {
                guard group(i) == 0 else { i += 1; continue }
                var j = i
                while j < 8, group(j) == 0 { j += 1 }
                if j - i > bestLength, j - i >= 2 { bestStart = i; bestLength = j - i }
                i = j
            }
            let hex: StaticString = "0123456789abcdef"
            var wrote = false, endsWithColon = false
            i = 0
            while i < 8 {
                if i == bestStart {
                    out.append(UInt8(ascii: ":")); out.append(UInt8(ascii: ":"))
                    wrote = true; endsWithColon = true
                    i += bestLength
                    continue
                }
                if wrote, !endsWithColon { out.append(UInt8(ascii: ":")) }
                let g = group(i)
                var shift = 12
                while shift > 0, g >> UInt16(shift) == 0 { shift -= 4 }  // no leading zeros
                while shift >= 0 {
                    out.append(hex.utf8Start[Int(g >> UInt16(shift) & 0xF)])
                    shift -= 4
                }
                wrote = true; endsWithColon = false
                i += 1
            }
        }
    }
}

extension Endpoint {
    /// Appends `description` (`ip:port`, `[ip]:port`) as ASCII bytes.
    @inlinable
    public func appendDescription(to out: ByteBuffer) {
        let v6 = address.isIPv6
        if v6 { out.append(UInt8(ascii: "[")) }
        address.appendDescription(to: out)
        if v6 { out.append(UInt8(ascii: "]")) }
        out.append(UInt8(ascii: ":"))
        out.appendDecimal(UInt64(port))
    }
}

extension Endpoint: CustomStringConvertible {
    /// `ip:port`, IPv6 as `[ip]:port`.
    public var description: String {
        let text = ByteBuffer(capacity: 48)
        appendDescription(to: text)
        return text.text
    }
}

import Primitives

/// Byte-level helpers shared by the validators: ASCII classes and small parsers over `[UInt8]`.
/// Nothing here allocates per byte; parsers return nil on anything unexpected.
package enum ByteClass {
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    @inline(__always) static func isUpper(_ b: UInt8) -> Bool { b >= 65 && b <= 90 }
    @inline(__always) static func isLower(_ b: UInt8) -> Bool { b >= 97 && b <= 122 }
    @inline(__always) static func isAlpha(_ b: UInt8) -> Bool { isUpper(b) || isLower(b) }
    @inline(__always) package static func isAlnum(_ b: UInt8) -> Bool { isAlpha(b) || isDigit(b) }
    @inline(__always) static func isHex(_ b: UInt8) -> Bool {
        isDigit(b) || (b >= 97 && b <= 102) || (b >= 65 && b <= 70)
    }
    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }
    @inline(__always) static func lower(_ b: UInt8) -> UInt8 { b.asciiLowercased }

    /// The bytes without leading and trailing ASCII whitespace.
    static func trimmed(_ b: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var s = b.startIndex, e = b.endIndex
        while s < e, isSpace(b[s]) { s += 1 }
        while e > s, isSpace(b[e - 1]) { e -= 1 }
        return b[s..<e]
    }

    /// Value of an all-digit run, or nil (also nil when longer than 18 digits).
    static func number<C: Collection>(_ b: C) -> Int? where C.Element == UInt8 {
        if b.isEmpty || b.count > 18 { return nil }
        var n = 0
        for x in b {
            guard isDigit(x) else { return nil }
            n = n * 10 + Int(x - 48)
        }
        return n
    }

    /// Percent-decodes `%XX` sequences (and `+` stays as is); nil when there is no `%`.
    static func percentDecoded(_ b: ArraySlice<UInt8>) -> [UInt8]? {
        guard b.contains(UInt8(ascii: "%")) else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = b.startIndex
        while i < b.endIndex {
            if b[i] == UInt8(ascii: "%"), i + 2 < b.endIndex, let h = hexValue(b[i + 1]), let l = hexValue(b[i + 2]) {
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return out
    }

    static func hexValue(_ b: UInt8) -> UInt8? {
        if isDigit(b) { return b - 48 }
        if b >= 97 && b <= 102 { return b - 87 }
        if b >= 65 && b <= 70 { return b - 55 }
        return nil
    }

    /// Case-insensitive ASCII prefix test (`p` is an ASCII literal).
    static func hasPrefix(_ b: ArraySlice<UInt8>, _ p: StaticString) -> Bool {
        let n = p.utf8CodeUnitCount
        guard b.count >= n else { return false }
        let pu = p.utf8Start
        var i = b.startIndex
        for k in 0..<n {
            guard lower(b[i]) == lower(pu[k]) else { return false }
            i += 1
        }
        return true
    }

    /// Case-insensitive ASCII substring test (`p` is a non-empty ASCII literal).
    package static func contains(_ b: ArraySlice<UInt8>, _ p: StaticString) -> Bool {
        let n = p.utf8CodeUnitCount, pu = p.utf8Start
        guard n > 0, b.count >= n else { return false }
        let first = lower(pu[0])
        var i = b.startIndex
        outer: while i + n <= b.endIndex {
            if lower(b[i]) == first {
                for k in 1..<max(n, 1) where lower(b[i + k]) != lower(pu[k]) { i += 1; continue outer }
                return true
            }
            i += 1
        }
        return false
    }
}

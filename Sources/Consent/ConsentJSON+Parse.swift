/// A strict RFC 8259 JSON reader producing `ConsentJSON`.
///
/// Limits: nesting depth `maxDepth` (64); the caller bounds the input size. Duplicate object keys:
/// the last one wins. Errors are `ConsentDecodeError(.malformed)` with the byte offset.
extension ConsentJSON {
    static let maxDepth = 64

    package static func parse(_ text: String) throws(ConsentDecodeError) -> ConsentJSON {
        var p = JSONReader(bytes: Array(text.utf8))
        p.skipSpace()
        let v = try p.value(depth: 0)
        p.skipSpace()
        guard p.i == p.bytes.count else { throw p.fail("end of input") }
        return v
    }
}

private struct JSONReader {
    let bytes: [UInt8]
    var i = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    func fail(_ expected: String) -> ConsentDecodeError {
        let found = i < bytes.count ? "'\(UnicodeScalar(bytes[i]))'" : "end of input"
        return ConsentDecodeError(.malformed, "JSON: expected \(expected) at offset \(i), found \(found)", offset: i)
    }

    mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
    }

    mutating func literal(_ word: String, _ v: ConsentJSON) throws(ConsentDecodeError) -> ConsentJSON {
        let w = Array(word.utf8)
        guard i + w.count <= bytes.count, Array(bytes[i..<(i + w.count)]) == w else { throw fail(word) }
        i += w.count
        return v
    }

    mutating func value(depth: Int) throws(ConsentDecodeError) -> ConsentJSON {
        guard depth < ConsentJSON.maxDepth else {
            throw ConsentDecodeError(.malformed, "JSON: nesting deeper than \(ConsentJSON.maxDepth)", offset: i)
        }
        guard i < bytes.count else { throw fail("a value") }
        switch bytes[i] {
        case UInt8(ascii: "{"):
            i += 1
            var o: [String: ConsentJSON] = [:]
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(o) }
            while true {
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("a string key") }
                let key = try string()
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("':'") }
                i += 1
                skipSpace()
                o[key] = try value(depth: depth + 1)
                skipSpace()
                guard i < bytes.count else { throw fail("',' or '}'") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(o) }
                throw fail("',' or '}'")
            }
        case UInt8(ascii: "["):
            i += 1
            var a: [ConsentJSON] = []
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(a) }
            while true {
                skipSpace()
                a.append(try value(depth: depth + 1))
                skipSpace()
                guard i < bytes.count else { throw fail("',' or ']'") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(a) }
                throw fail("',' or ']'")
            }
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw fail("a value")
        }
    }

    mutating func number() throws(ConsentDecodeError) -> ConsentJSON {
        let start = i
        func digits(_ r: inout JSONReader) -> Int {
            let s = r.i
            while r.i < r.bytes.count, r.bytes[r.i] >= 0x30, r.bytes[r.i] <= 0x39 { r.i += 1 }
            return r.i - s
        }
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        let intStart = i
        guard digits(&self) > 0 else { throw fail("a digit") }
        guard !(bytes[intStart] == 0x30 && i - intStart > 1) else {
            throw ConsentDecodeError(.malformed, "JSON: leading zero at offset \(intStart)", offset: intStart)
        }
        var integral = true
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            integral = false
            guard digits(&self) > 0 else { throw fail("a digit") }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            integral = false
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard digits(&self) > 0 else { throw fail("a digit") }
        }
        let text = String(decoding: bytes[start..<i], as: UTF8.self)
        if integral, let v = Int(text) { return .int(v) }
        guard let d = Double(text) else { throw fail("a number") }
        return .double(d)
    }

    mutating func hex4() throws(ConsentDecodeError) -> UInt32 {
        guard i + 4 <= bytes.count else { throw fail("4 hex digits") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[i]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: throw fail("a hex digit")
            }
            v = v << 4 | d
            i += 1
        }
        return v
    }

    mutating func string() throws(ConsentDecodeError) -> String {
        i += 1   // opening quote
        var out: [UInt8] = []
        while true {
            guard i < bytes.count else { throw fail("closing '\"'") }
            let c = bytes[i]
            switch c {
            case UInt8(ascii: "\""):
                i += 1
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                i += 1
                guard i < bytes.count else { throw fail("an escape") }
                let e = bytes[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar), i + 6 <= bytes.count, bytes[i] == UInt8(ascii: "\\"),
                       bytes[i + 1] == UInt8(ascii: "u") {
                        i += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw fail("a low surrogate") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    let u = UnicodeScalar(scalar) ?? "\u{FFFD}"
                    out.append(contentsOf: Array(String(Character(u)).utf8))
                default:
                    i -= 1
                    throw fail("a valid escape")
                }
            default:
                guard c >= 0x20 else { throw fail("no control character in a string") }
                out.append(c)
                i += 1
            }
        }
    }
}

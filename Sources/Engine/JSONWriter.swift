import Primitives

/// Appends compact JSON to a byte buffer, keys in the order written (stable output for golden tests).
///
/// Strings are escaped per RFC 8259 §7; invalid UTF-8 never reaches here because values are Swift `String`s.
package struct JSONWriter {
    package private(set) var bytes: [UInt8] = []
    /// Open containers; whether the innermost one needs a comma before its next value (`current`),
    /// and the same flag of each enclosing one (`outer`, innermost last).
    private var depth = 0
    private var current = false
    private var outer: [Bool] = []

    package init() { bytes.reserveCapacity(1024) }

    package mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        depth = 0
        current = false
        outer.removeAll(keepingCapacity: true)
    }

    package mutating func beginObject() { separate(); bytes.append(UInt8(ascii: "{")); push() }
    package mutating func endObject() { pop(); bytes.append(UInt8(ascii: "}")) }
    package mutating func beginArray() { separate(); bytes.append(UInt8(ascii: "[")); push() }
    package mutating func endArray() { pop(); bytes.append(UInt8(ascii: "]")) }

    package mutating func key(_ name: String) {
        separate()
        appendQuoted(name)
        bytes.append(UInt8(ascii: ":"))
        if depth > 0 { current = false }
    }

    /// A key given as a literal that needs no escaping (ASCII letters, digits, `_`, `-`): written
    /// as is, without scanning it (the keys of fixed schemas on hot paths).
    package mutating func key(literal name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        if depth > 0 { current = false }
    }

    package mutating func string(_ value: String) { separate(); appendQuoted(value) }
    /// The same as `string(String(decoding: bytes, as: UTF8.self))`: ASCII bytes are written as they
    /// are, other text goes through that decoding (invalid UTF-8 replaced) first.
    package mutating func string(utf8 bytes: UnsafeRawBufferPointer) {
        separate()
        if Self.isASCII(bytes) {
            appendQuoted(bytes.assumingMemoryBound(to: UInt8.self))
        } else {
            appendQuoted(String(decoding: bytes, as: UTF8.self))
        }
    }
    package mutating func optionalString(_ value: String?) { if let value { string(value) } else { null() } }
    package mutating func int(_ value: Int) { separate(); bytes.appendDecimal(value) }
    package mutating func optionalInt(_ value: Int?) { if let value { int(value) } else { null() } }
    package mutating func double(_ value: Double) {
        separate()
        if value.isFinite { bytes.append(contentsOf: String(value).utf8) } else { bytes.append(contentsOf: "null".utf8) }
    }
    package mutating func bool(_ value: Bool) { separate(); appendASCII(value ? "true" : "false") }
    package mutating func null() { separate(); appendASCII("null") }
    /// Inserts already-serialised JSON (from a trusted serialiser) as one value.
    package mutating func raw(_ json: String) { separate(); bytes.append(contentsOf: json.utf8) }

    package mutating func field(_ name: String, _ value: String?) { key(name); optionalString(value) }
    package mutating func field(_ name: String, _ value: Int?) { key(name); optionalInt(value) }
    package mutating func field(_ name: String, _ value: Bool) { key(name); bool(value) }
    /// The timestamp as a string in `Timestamp.rfc3339` form (written without building the string).
    package mutating func field(_ name: String, _ value: Timestamp) {
        key(name)
        timestamp(value)
    }
    /// A timestamp value in `Timestamp.rfc3339` form.
    package mutating func timestamp(_ value: Timestamp) { quotedASCII { value.appendRFC3339(to: &$0) } }
    /// The endpoint as a string in `Endpoint.description` form (`ip:port`, `[ip]:port`).
    package mutating func field(_ name: String, _ value: Endpoint) {
        key(name)
        endpoint(value)
    }
    /// An endpoint value in `Endpoint.description` form.
    package mutating func endpoint(_ value: Endpoint) { quotedASCII { value.appendDescription(to: &$0) } }

    /// A string value whose text `write` appends as bytes that need no escaping (digits, punctuation).
    private mutating func quotedASCII(_ write: (inout [UInt8]) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        write(&bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendASCII(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private mutating func push() {
        if depth > 0 { outer.append(current) }
        depth += 1
        current = false
    }

    /// Closes the innermost container (a close without an open traps, as before).
    private mutating func pop() {
        precondition(depth > 0, "JSONWriter: end without a matching begin")
        depth -= 1
        if depth > 0 { current = outer.removeLast() }
    }

    private mutating func separate() {
        guard depth > 0 else { return }
        if current { bytes.append(UInt8(ascii: ",")) }
        current = true
    }

    private mutating func appendQuoted(_ s: String) {
        // Borrowed in place when the string is contiguous (native strings are): no copy, no retain.
        if s.utf8.withContiguousStorageIfAvailable({ appendQuoted($0) }) != nil { return }
        var s = s
        s.withUTF8 { appendQuoted($0) }
    }

    /// Writes valid UTF-8 as a JSON string: runs that need no escaping are copied in one go. The
    /// first byte that needs escaping is found eight bytes at a time (most values have none).
    private mutating func appendQuoted(_ utf8: UnsafeBufferPointer<UInt8>) {
        let clean = Self.cleanPrefixLength(utf8)
        bytes.append(UInt8(ascii: "\""))
        if clean == utf8.count {
            bytes.append(contentsOf: utf8)
            bytes.append(UInt8(ascii: "\""))
            return
        }
        var runStart = 0
        for i in clean..<utf8.count {
            let b = utf8[i]
            guard Self.needsEscape(b) else { continue }
            if runStart < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
            appendEscaped(b)
            runStart = i + 1
        }
        if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        bytes.append(UInt8(ascii: "\""))
    }

    @inline(__always)
    private static func needsEscape(_ b: UInt8) -> Bool {
        b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b == 0x7F
    }

    /// The number of leading bytes that need no escaping: whole 8-byte words are tested with the
    /// classic "has a byte less than / equal to" bit tricks, which are exact for whether any byte
    /// matches; the word that matches (and the tail) is then checked byte by byte.
    private static func cleanPrefixLength(_ utf8: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = utf8.baseAddress else { return 0 }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var i = 0
        while i + 8 <= utf8.count {
            let x = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            let control = (x &- 0x20 &* ones) & ~x & highs
            let q = x ^ (0x22 &* ones), s = x ^ (0x5C &* ones), d = x ^ (0x7F &* ones)
            let special = ((q &- ones) & ~q | (s &- ones) & ~s | (d &- ones) & ~d) & highs
            if control | special != 0 { break }
            i += 8
        }
        while i < utf8.count, !needsEscape(utf8[i]) { i += 1 }
        return i
    }

    private static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        for b in bytes where b >= 0x80 { return false }
        return true
    }

    private mutating func appendEscaped(_ b: UInt8) {
        switch b {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\")); bytes.append(b)
        case 0x0A: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "t"))
        default:
            let hex: StaticString = "0123456789abcdef"
            bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                      hex.utf8Start[Int(b >> 4)], hex.utf8Start[Int(b & 0xF)]])
        }
    }
}

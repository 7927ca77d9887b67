import Primitives
import Consent

/// Appends compact JSON to a byte buffer, keys in the order written (stable output for golden tests).
///
/// Strings are escaped per RFC 8259 §7; invalid UTF-8 never reaches here because values are Swift `String`s
/// (byte values go through `string(utf8:)`, which decodes them as `String` would).
///
/// Cost: the bytes live in one growable buffer written through a pointer, so a value costs one
/// capacity check, not an array append per byte with its uniqueness check. A copied writer gets its
/// own buffer at its next write (value semantics, checked once per value written).
package struct JSONWriter {
    private var out = ByteBuffer(capacity: 1024)
    /// Open containers; whether the innermost one needs a comma before its next value (`current`),
    /// and the same flag of each enclosing one (`outer`, innermost last).
    private var depth = 0
    private var current = false
    private var outer: [Bool] = []

    package init() {}

    /// The JSON written so far (a copy).
    package var bytes: [UInt8] { out.bytes }

    /// Runs `body` on the JSON written so far, without copying it.
    package func withBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R { out.withBytes { body(UnsafeRawBufferPointer($0)) } }

    package mutating func reset() {
        unique()
        out.count = 0
        depth = 0
        current = false
        outer.removeAll(keepingCapacity: true)
    }

    /// Gives this writer its own buffer when a copy shares it (called once per value written).
    @inline(__always)
    private mutating func unique() {
        if !isKnownUniquelyReferenced(&out) { out = out.copy() }
    }

    package mutating func beginObject() { unique(); separate(); out.append(UInt8(ascii: "{")); push() }
    package mutating func endObject() { unique(); pop(); out.append(UInt8(ascii: "}")) }
    package mutating func beginArray() { unique(); separate(); out.append(UInt8(ascii: "[")); push() }
    package mutating func endArray() { unique(); pop(); out.append(UInt8(ascii: "]")) }

    package mutating func key(_ name: String) {
        unique()
        separate()
        appendQuoted(name)
        out.append(UInt8(ascii: ":"))
        if depth > 0 { current = false }
    }

    /// A key given as a literal that needs no escaping (ASCII letters, digits, `_`, `-`): written
    /// as is, without scanning it (the keys of fixed schemas on hot paths).
    package mutating func key(literal name: StaticString) {
        unique()
        separate()
        out.append(UInt8(ascii: "\""))
        out.append(name)
        out.append(UInt8(ascii: "\""))
        out.append(UInt8(ascii: ":"))
        if depth > 0 { current = false }
    }

    package mutating func string(_ value: String) { unique(); separate(); appendQuoted(value) }
    /// The same as `string(String(decoding: bytes, as: UTF8.self))`: ASCII bytes are written as they
    /// are, other text goes through that decoding (invalid UTF-8 replaced) first.
    package mutating func string(utf8 bytes: UnsafeRawBufferPointer) {
        unique()
        separate()
        appendString(utf8: bytes)
    }

    /// The array `[first, second]` of two `string(utf8:)` values (a header field), written in one go.
    package mutating func stringPair(utf8 first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer) {
        unique()
        separate()
        out.append(UInt8(ascii: "["))
        appendString(utf8: first)
        out.append(UInt8(ascii: ","))
        appendString(utf8: second)
        out.append(UInt8(ascii: "]"))
    }

    private mutating func appendString(utf8 bytes: UnsafeRawBufferPointer) {
        let utf8 = bytes.assumingMemoryBound(to: UInt8.self)
        // One pass finds both the first byte to escape and any non-ASCII byte (then the text is decoded).
        let (clean, ascii) = Self.cleanASCIIPrefix(utf8)
        if clean == utf8.count, ascii {
            appendQuotedClean(utf8)
        } else if ascii, Self.isASCII(UnsafeBufferPointer(rebasing: utf8[clean...])) {
            appendQuoted(utf8, cleanPrefix: clean)
        } else {
            appendQuoted(String(decoding: bytes, as: UTF8.self))
        }
    }
    package mutating func optionalString(_ value: String?) { if let value { string(value) } else { null() } }

    /// A digest as a string of 64 lower-case hex digits, written straight into the buffer.
    package mutating func hex(_ digest: SHA256Digest) {
        unique()
        separate()
        let p = out.reserve(66)
        p[0] = UInt8(ascii: "\"")
        digest.writeHex(to: p + 1)
        p[65] = UInt8(ascii: "\"")
        out.count += 66
    }
    package mutating func int(_ value: Int) {
        unique()
        separate()
        out.appendDecimal(value)
    }
    package mutating func optionalInt(_ value: Int?) { if let value { int(value) } else { null() } }
    package mutating func double(_ value: Double) {
        unique()
        separate()
        if value.isFinite { out.append(utf8: String(value)) } else { appendASCII("null") }
    }
    package mutating func bool(_ value: Bool) { unique(); separate(); appendASCII(value ? "true" : "false") }
    package mutating func null() { unique(); separate(); appendASCII("null") }
    /// Inserts already-serialised JSON (from a trusted serialiser) as one value.
    package mutating func raw(_ json: String) { unique(); separate(); out.append(utf8: json) }
    /// Inserts a `ConsentJSON` value in its own deterministic serialisation, written in place.
    package mutating func raw(_ value: ConsentJSON) { unique(); separate(); value.write(into: out) }

    package mutating func field(_ name: String, _ value: String?) { key(name); optionalString(value) }
    package mutating func field(_ name: String, _ value: Int?) { key(name); optionalInt(value) }
    package mutating func field(_ name: String, _ value: Bool) { key(name); bool(value) }
    /// The timestamp as a string in `Timestamp.rfc3339` form (written without building the string).
    package mutating func field(_ name: String, _ value: Timestamp) {
        key(name)
        timestamp(value)
    }
    /// A timestamp value in `Timestamp.rfc3339` form.
    package mutating func timestamp(_ value: Timestamp) { quotedASCII { value.appendRFC3339(to: $0) } }
    /// The endpoint as a string in `Endpoint.description` form (`ip:port`, `[ip]:port`).
    package mutating func field(_ name: String, _ value: Endpoint) {
        key(name)
        endpoint(value)
    }
    /// An endpoint value in `Endpoint.description` form.
    package mutating func endpoint(_ value: Endpoint) { quotedASCII { value.appendDescription(to: $0) } }

    /// A string value whose text `write` appends as bytes that need no escaping (digits, punctuation).
    private mutating func quotedASCII(_ write: (ByteBuffer) -> Void) {
        unique()
        separate()
        out.append(UInt8(ascii: "\""))
        write(out)
        out.append(UInt8(ascii: "\""))
    }

    private mutating func appendASCII(_ text: StaticString) { out.append(text) }

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
        if current { out.append(UInt8(ascii: ",")) }
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
        let clean = Self.cleanASCIIPrefix(utf8).clean
        if clean == utf8.count { appendQuotedClean(utf8) } else { appendQuoted(utf8, cleanPrefix: clean) }
    }

    /// `"` + bytes that need no escaping + `"`, in one write.
    private mutating func appendQuotedClean(_ utf8: UnsafeBufferPointer<UInt8>) {
        let p = out.reserve(utf8.count + 2)
        p[0] = UInt8(ascii: "\"")
        if utf8.count > 0 { (p + 1).update(from: utf8.baseAddress!, count: utf8.count) }
        p[utf8.count + 1] = UInt8(ascii: "\"")
        out.count += utf8.count + 2
    }

    /// A string whose first `clean` bytes need no escaping: at most six bytes per byte after them.
    private mutating func appendQuoted(_ utf8: UnsafeBufferPointer<UInt8>, cleanPrefix clean: Int) {
        let p = out.reserve(2 + clean + (utf8.count - clean) * 6)
        var n = 0
        p[n] = UInt8(ascii: "\""); n += 1
        if clean > 0 { (p + n).update(from: utf8.baseAddress!, count: clean); n += clean }
        for i in clean..<utf8.count {
            let b = utf8[i]
            guard Self.needsEscape(b) else { p[n] = b; n += 1; continue }
            n += Self.writeEscaped(b, to: p + n)
        }
        p[n] = UInt8(ascii: "\""); n += 1
        out.count += n
    }

    @inline(__always)
    private static func needsEscape(_ b: UInt8) -> Bool {
        b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b == 0x7F
    }

    /// The number of leading bytes that need no escaping, and whether all of them (and so the
    /// whole text, when that is all of it) are ASCII: whole 8-byte words are tested with the classic
    /// "has a byte less than / equal to" bit tricks, which are exact for whether any byte matches;
    /// the word that matches (and the tail) is then checked byte by byte.
    private static func cleanASCIIPrefix(_ utf8: UnsafeBufferPointer<UInt8>) -> (clean: Int, ascii: Bool) {
        guard let base = utf8.baseAddress else { return (0, true) }
        var i = 0
        var high: UInt64 = 0
        while i + 8 <= utf8.count {
            let x = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            let special = WordBytes.below(x, 0x20) | WordBytes.equal(x, UInt8(ascii: "\"")) | WordBytes.equal(x, UInt8(ascii: "\\"))
                | WordBytes.equal(x, 0x7F)
            if special != 0 { break }
            high |= x & WordBytes.highs
            i += 8
        }
        while i < utf8.count, !needsEscape(utf8[i]) { high |= UInt64(utf8[i] & 0x80); i += 1 }
        return (i, high == 0)
    }

    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for b in bytes where b >= 0x80 { return false }
        return true
    }

    /// Writes the escape of `b` (one of `needsEscape`) at `p`; returns its length.
    private static func writeEscaped(_ b: UInt8, to p: UnsafeMutablePointer<UInt8>) -> Int {
        p[0] = UInt8(ascii: "\\")
        switch b {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): p[1] = b; return 2
        case 0x0A: p[1] = UInt8(ascii: "n"); return 2
        case 0x0D: p[1] = UInt8(ascii: "r"); return 2
        case 0x09: p[1] = UInt8(ascii: "t"); return 2
        default:
            let hex: StaticString = "0123456789abcdef"
            p[1] = UInt8(ascii: "u"); p[2] = UInt8(ascii: "0"); p[3] = UInt8(ascii: "0")
            p[4] = hex.utf8Start[Int(b >> 4)]; p[5] = hex.utf8Start[Int(b & 0xF)]
            return 6
        }
    }
}

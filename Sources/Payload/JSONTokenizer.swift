import Primitives

/// A streaming JSON tokenizer over bytes: `feed` any split of the input, then `finish`.
///
/// The token sequence does not depend on how the input is split (the state survives between
/// calls, one byte at a time). Several top-level values in a row (NDJSON, concatenated JSON) are
/// accepted. Limits: nesting deeper than `maxDepth` fails with `.tooDeep`; a string or number
/// longer than `maxStringBytes` is cut there (the rest is skipped, `truncatedStrings` counts it).
/// After a failure every further byte is ignored and `failure` keeps the first error; tokens
/// emitted before it stay valid. Invalid UTF-8 inside strings is replaced by U+FFFD.
///
/// Cost: a key, string or number that lies whole in one contiguous input buffer without escapes is
/// handed to the sink in place (no copy); others are assembled in one reused buffer.
package struct JSONTokenizer: Sendable {
    private enum State: Sendable {
        case value              // a value must start here
        case valueOrArrayEnd    // just after `[`
        case keyOrObjectEnd     // just after `{`
        case key                // after `,` in an object
        case colon
        case afterValue
        case string(isKey: Bool)
        case escape(isKey: Bool)
        case unicode(isKey: Bool, digits: Int, code: UInt32)
        case number
        case literal(index: Int, which: UInt8)   // which: t f n
        case failed
    }

    private var state: State = .value
    private var containers: [UInt8] = []   // `{` or `[`
    private var buffer: [UInt8] = []
    private var pendingHighSurrogate: UInt32? = nil
    private var offset = 0
    /// Within the buffer being fed: where the current key, string or number's text began, while all
    /// of it so far lies there unescaped (-1 otherwise); lets it be handed on in place.
    private var inPlaceStart = -1
    package let maxDepth: Int
    package let maxStringBytes: Int
    package private(set) var truncatedStrings = 0
    package private(set) var failure: PayloadError? = nil
    /// Number of complete top-level values seen.
    package private(set) var documents = 0

    package init(maxDepth: Int = 64, maxStringBytes: Int = 64 * 1024) {
        self.maxDepth = maxDepth
        self.maxStringBytes = maxStringBytes
        containers.reserveCapacity(8)
    }

    private static let literalTrue = Array("true".utf8), literalFalse = Array("false".utf8), literalNull = Array("null".utf8)
    private static func literal(_ which: UInt8) -> [UInt8] {
        which == 116 ? literalTrue : which == 102 ? literalFalse : literalNull
    }
    private static var noText: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: nil, count: 0) }

    package mutating func feed<C: Collection, S: JSONTokenSink>(_ bytes: C, into events: inout S) where C.Element == UInt8 {
        let done: Void? = bytes.withContiguousStorageIfAvailable { feed(buffer: $0, into: &events) }
        if done != nil { return }
        for b in bytes {
            if case .failed = state { return }
            step(b, &events)
            offset += 1
        }
    }

    /// The contiguous case: the plain bytes inside a string are copied in runs, not one step each,
    /// and a token whose text lies whole in `p` without escapes is handed on in place.
    private mutating func feed<S: JSONTokenSink>(buffer p: UnsafeBufferPointer<UInt8>, into events: inout S) {
        defer { inPlaceStart = -1 }
        inPlaceStart = -1
        var i = 0
        while i < p.count {
            switch state {
            case .failed:
                return
            case .string(let isKey) where pendingHighSurrogate == nil:
                let j = Self.plainRunEnd(p, from: i)
                if inPlaceStart >= 0, inPlaceStart == i, j < p.count, p[j] == UInt8(ascii: "\""), j - i <= maxStringBytes {
                    let text = UnsafeBufferPointer(rebasing: p[i..<j])
                    if isKey { events.token(.key, text); state = .colon } else { events.token(.string, text); valueDone() }
                    offset += j - i + 1
                    i = j + 1
                    continue
                }
                if j > i {
                    appendRun(UnsafeBufferPointer(rebasing: p[i..<j]))
                    offset += j - i
                    i = j
                    continue
                }
            case .number:
                var j = i
                while j < p.count, JSONTokenizer.isNumberByte(p[j]) { j += 1 }
                if inPlaceStart >= 0, inPlaceStart == i - 1, j < p.count, j - inPlaceStart <= maxStringBytes {
                    // The number began at `inPlaceStart` (its first byte is already in `buffer`) and ends here.
                    let text = UnsafeBufferPointer(rebasing: p[inPlaceStart..<j])
                    offset += j - i
                    i = j
                    guard Self.validNumber(text) else {
                        fail(.unexpectedByte(offset: offset, expected: "a valid number", found: p[j - 1]))
                        return
                    }
                    events.token(.number, text)
                    valueDone()
                    continue
                }
                if j > i {
                    appendRun(UnsafeBufferPointer(rebasing: p[i..<j]))
                    offset += j - i
                    i = j
                    continue
                }
            case .afterValue, .value, .colon, .key, .keyOrObjectEnd, .valueOrArrayEnd:
                let reached = scanStructure(p, from: i, &events)
                if reached > i { i = reached; continue }
                if JSONTokenizer.isSpace(p[i]) { offset += 1; i += 1; continue }
                step(p[i], &events)
                offset += 1
                i += 1
                // A string's text starts after its quote; a number's with the byte just taken.
                switch state {
                case .string: inPlaceStart = i
                case .number: inPlaceStart = i - 1
                default: break
                }
                continue
            default:
                break
            }
            step(p[i], &events)
            offset += 1
            i += 1
        }
    }

    /// The usual run of a document, without the byte-by-byte state machine: whitespace, brackets,
    /// commas and colons, and keys, strings (without escapes), numbers and literals that end inside
    /// `p`, each handed on in place. Returns where it stopped, with the state as the byte loop would
    /// have left it; at anything else (an escape, a token cut by the end of `p`, an error, a second
    /// top-level value) it stops and the byte loop goes on from there.
    private mutating func scanStructure<S: JSONTokenSink>(_ p: UnsafeBufferPointer<UInt8>, from start: Int,
                                                          _ events: inout S) -> Int {
        var i = start
        defer { offset += i - start }
        let n = p.count
        while i < n {
            let b = p[i]
            if Self.isSpace(b) { i += 1; continue }
            switch state {
            case .colon:
                guard b == UInt8(ascii: ":") else { return i }
                state = .value
                i += 1
            case .afterValue:
                guard let top = containers.last else { return i }
                if b == UInt8(ascii: ",") {
                    state = top == UInt8(ascii: "{") ? .key : .value
                } else if (b == UInt8(ascii: "}") && top == UInt8(ascii: "{")) || (b == UInt8(ascii: "]") && top == UInt8(ascii: "[")) {
                    close(b, &events)
                } else {
                    return i
                }
                i += 1
            case .keyOrObjectEnd where b == UInt8(ascii: "}"), .valueOrArrayEnd where b == UInt8(ascii: "]"):
                close(b, &events)
                i += 1
            case .key, .keyOrObjectEnd:
                guard b == UInt8(ascii: "\""), let end = Self.plainStringEnd(p, from: i + 1, limit: maxStringBytes) else { return i }
                events.token(.key, UnsafeBufferPointer(rebasing: p[(i + 1)..<end]))
                state = .colon
                i = end + 1
            case .value, .valueOrArrayEnd:
                switch b {
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    guard containers.count < maxDepth else { return i }
                    containers.append(b)
                    events.token(b == UInt8(ascii: "{") ? .objectStart : .arrayStart, Self.noText)
                    state = b == UInt8(ascii: "{") ? .keyOrObjectEnd : .valueOrArrayEnd
                    i += 1
                case UInt8(ascii: "\""):
                    guard let end = Self.plainStringEnd(p, from: i + 1, limit: maxStringBytes) else { return i }
                    events.token(.string, UnsafeBufferPointer(rebasing: p[(i + 1)..<end]))
                    valueDone()
                    i = end + 1
                case UInt8(ascii: "-"), 48...57:
                    var j = i + 1
                    while j < n, Self.isNumberByte(p[j]) { j += 1 }
                    let text = UnsafeBufferPointer(rebasing: p[i..<j])
                    guard j < n, j - i <= maxStringBytes, Self.validNumber(text) else { return i }
                    events.token(.number, text)
                    valueDone()
                    i = j
                case 116, 102, 110:
                    let literal = Self.literal(b)
                    guard n - i >= literal.count, literal.withUnsafeBufferPointer({ l in
                        (0..<l.count).allSatisfy { p[i + $0] == l[$0] }
                    }) else { return i }
                    events.token(b == 110 ? .null : b == 116 ? .true : .false, Self.noText)
                    valueDone()
                    i += literal.count
                default:
                    return i
                }
            default:
                return i
            }
        }
        return i
    }

    /// The index of the quote that closes a string whose text starts at `from`, when that text has no
    /// escape or control byte and is at most `limit` bytes; nil otherwise (the byte loop decides).
    @inline(__always)
    private static func plainStringEnd(_ p: UnsafeBufferPointer<UInt8>, from: Int, limit: Int) -> Int? {
        let j = plainRunEnd(p, from: from)
        return j < p.count && p[j] == UInt8(ascii: "\"") && j - from <= limit ? j : nil
    }

    /// The index of the first quote, backslash or control byte from `from` on (`p.count` when there
    /// is none): string text that needs no step of its own. Eight bytes at a time, then byte by byte.
    @inline(__always)
    private static func plainRunEnd(_ p: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        var j = from
        if let base = p.baseAddress {
            let raw = UnsafeRawPointer(base)
            while j + 8 <= p.count {
                let w = raw.loadUnaligned(fromByteOffset: j, as: UInt64.self)
                if WordBytes.equal(w, UInt8(ascii: "\"")) | WordBytes.equal(w, UInt8(ascii: "\\")) | WordBytes.below(w, 0x20) != 0 { break }
                j += 8
            }
        }
        while j < p.count, p[j] != UInt8(ascii: "\""), p[j] != UInt8(ascii: "\\"), p[j] >= 0x20 { j += 1 }
        return j
    }

    /// End of input: a pending number is emitted; an open string, container or literal is an error.
    package mutating func finish<S: JSONTokenSink>(into events: inout S) {
        switch state {
        case .failed: return
        case .number:
            emitNumber(&events)
        default: break
        }
        switch state {
        case .afterValue where containers.isEmpty, .value where containers.isEmpty:
            return
        default:
            fail(.truncated(offset: offset, expected: containers.isEmpty ? "end of value" : "end of container"))
        }
    }

    private mutating func fail(_ e: PayloadError) {
        if failure == nil { failure = e }
        state = .failed
    }

    @inline(__always) private static func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }
    @inline(__always) private static func isNumberByte(_ b: UInt8) -> Bool {
        (b >= 48 && b <= 57) || b == 46 || b == 101 || b == 69 || b == 43 || b == 45
    }

    private mutating func step<S: JSONTokenSink>(_ b: UInt8, _ events: inout S) {
        switch state {
        case .failed:
            return
        case .value:
            if Self.isSpace(b) { return }
            if b == 0xEF || b == 0xBB || b == 0xBF, containers.isEmpty { return }   // UTF-8 BOM
            startValue(b, &events)
        case .valueOrArrayEnd:
            if Self.isSpace(b) { return }
            if b == UInt8(ascii: "]") { close(b, &events) } else { startValue(b, &events) }
        case .keyOrObjectEnd:
            if Self.isSpace(b) { return }
            if b == UInt8(ascii: "}") { close(b, &events) }
            else if b == UInt8(ascii: "\"") { beginBuffer(); state = .string(isKey: true) }
            else { fail(.unexpectedByte(offset: offset, expected: "object key or }", found: b)) }
        case .key:
            if Self.isSpace(b) { return }
            if b == UInt8(ascii: "\"") { beginBuffer(); state = .string(isKey: true) }
            else { fail(.unexpectedByte(offset: offset, expected: "object key", found: b)) }
        case .colon:
            if Self.isSpace(b) { return }
            if b == UInt8(ascii: ":") { state = .value } else { fail(.unexpectedByte(offset: offset, expected: ":", found: b)) }
        case .afterValue:
            if Self.isSpace(b) { return }
            guard let top = containers.last else { startValue(b, &events); return }   // next top-level value
            if b == UInt8(ascii: ",") { state = top == UInt8(ascii: "{") ? .key : .value }
            else if (b == UInt8(ascii: "}") && top == UInt8(ascii: "{")) || (b == UInt8(ascii: "]") && top == UInt8(ascii: "[")) {
                close(b, &events)
            } else { fail(.unexpectedByte(offset: offset, expected: ", or end of container", found: b)) }
        case .string(let isKey):
            if b == UInt8(ascii: "\"") {
                flushSurrogate()
                emitBuffer(isKey ? .key : .string, &events)
                if isKey { state = .colon } else { valueDone() }
            } else if b == UInt8(ascii: "\\") {
                state = .escape(isKey: isKey)
            } else if b < 0x20 {
                fail(.unexpectedByte(offset: offset, expected: "string byte (control characters must be escaped)", found: b))
            } else {
                flushSurrogate()
                append(b)
            }
        case .escape(let isKey):
            if b == UInt8(ascii: "u") { state = .unicode(isKey: isKey, digits: 0, code: 0); return }
            guard let c = Self.unescaped(b) else { fail(.unexpectedByte(offset: offset, expected: "escape character", found: b)); return }
            flushSurrogate()
            append(c)
            state = .string(isKey: isKey)
        case .unicode(let isKey, let digits, let code):
            guard let h = Self.hex(b) else { fail(.unexpectedByte(offset: offset, expected: "hex digit", found: b)); return }
            let c = code << 4 | UInt32(h)
            if digits < 3 { state = .unicode(isKey: isKey, digits: digits + 1, code: c); return }
            appendScalar(c)
            state = .string(isKey: isKey)
        case .number:
            if Self.isNumberByte(b) {
                append(b)
            } else {
                emitNumber(&events)
                if case .failed = state { return }
                step(b, &events)
            }
        case .literal(let index, let which):
            let lit = Self.literal(which)
            guard b == lit[index] else { fail(.unexpectedByte(offset: offset, expected: "literal \(String(decoding: lit, as: UTF8.self))", found: b)); return }
            if index + 1 == lit.count {
                events.token(which == 110 ? .null : which == 116 ? .true : .false, Self.noText)
                valueDone()
            } else {
                state = .literal(index: index + 1, which: which)
            }
        }
    }

    private mutating func startValue<S: JSONTokenSink>(_ b: UInt8, _ events: inout S) {
        switch b {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            guard containers.count < maxDepth else { fail(.tooDeep(offset: offset, limit: maxDepth)); return }
            containers.append(b)
            events.token(b == UInt8(ascii: "{") ? .objectStart : .arrayStart, Self.noText)
            state = b == UInt8(ascii: "{") ? .keyOrObjectEnd : .valueOrArrayEnd
        case UInt8(ascii: "\""):
            beginBuffer()
            state = .string(isKey: false)
        case UInt8(ascii: "-"), 48...57:
            beginBuffer()
            buffer.append(b)
            state = .number
        case 116, 102, 110:
            state = .literal(index: 1, which: b)
        default:
            fail(.unexpectedByte(offset: offset, expected: "a JSON value", found: b))
        }
    }

    private mutating func close<S: JSONTokenSink>(_ b: UInt8, _ events: inout S) {
        containers.removeLast()
        events.token(b == UInt8(ascii: "}") ? .objectEnd : .arrayEnd, Self.noText)
        valueDone()
    }

    private mutating func valueDone() {
        state = .afterValue
        if containers.isEmpty { documents += 1 }
    }

    private mutating func emitNumber<S: JSONTokenSink>(_ events: inout S) {
        guard buffer.withUnsafeBufferPointer(Self.validNumber) else {
            fail(.unexpectedByte(offset: offset, expected: "a valid number", found: buffer.last ?? 0))
            return
        }
        emitBuffer(.number, &events)
        valueDone()
    }

    private func emitBuffer<S: JSONTokenSink>(_ kind: JSONToken, _ events: inout S) {
        buffer.withUnsafeBufferPointer { events.token(kind, $0) }
    }

    /// The byte a simple escape (`\n`, `\"`...) stands for (RFC 8259 section 7).
    private static func unescaped(_ b: UInt8) -> UInt8? {
        switch b {
        case 34, 92, 47: return b
        case 98: return 8
        case 102: return 12
        case 110: return 10
        case 114: return 13
        case 116: return 9
        default: return nil
        }
    }

    /// RFC 8259 section 6: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
    static func validNumber(_ n: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        if i < n.count, n[i] == 45 { i += 1 }
        guard i < n.count, n[i] >= 48, n[i] <= 57 else { return false }
        if n[i] == 48 { i += 1 } else { while i < n.count, n[i] >= 48, n[i] <= 57 { i += 1 } }
        if i < n.count, n[i] == 46 {
            i += 1
            let s = i
            while i < n.count, n[i] >= 48, n[i] <= 57 { i += 1 }
            guard i > s else { return false }
        }
        if i < n.count, n[i] == 101 || n[i] == 69 {
            i += 1
            if i < n.count, n[i] == 43 || n[i] == 45 { i += 1 }
            let s = i
            while i < n.count, n[i] >= 48, n[i] <= 57 { i += 1 }
            guard i > s else { return false }
        }
        return i == n.count
    }

    private static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case 48...57: return b - 48
        case 97...102: return b - 87
        case 65...70: return b - 55
        default: return nil
        }
    }

    private mutating func append(_ b: UInt8) {
        if buffer.count < maxStringBytes { buffer.append(b) }
        else if !truncatedCurrent { truncatedCurrent = true; truncatedStrings += 1 }   // once per string
    }

    private mutating func appendRun(_ run: UnsafeBufferPointer<UInt8>) {
        let room = maxStringBytes - buffer.count
        if run.count <= room { buffer.append(contentsOf: run); return }
        if room > 0 { buffer.append(contentsOf: UnsafeBufferPointer(rebasing: run[..<room])) }
        if !truncatedCurrent { truncatedCurrent = true; truncatedStrings += 1 }
    }

    private var truncatedCurrent = false
    private mutating func beginBuffer() {
        if !buffer.isEmpty { buffer.removeAll(keepingCapacity: true) }
        truncatedCurrent = false
    }

    private mutating func appendScalar(_ c: UInt32) {
        if (0xD800...0xDBFF).contains(c) {
            flushSurrogate()
            pendingHighSurrogate = c
            return
        }
        var code = c
        if (0xDC00...0xDFFF).contains(c) {
            if let h = pendingHighSurrogate {
                code = 0x10000 + ((h - 0xD800) << 10) + (c - 0xDC00)
                pendingHighSurrogate = nil
            } else {
                code = 0xFFFD
            }
        } else {
            flushSurrogate()
        }
        for b in String(Character(Unicode.Scalar(code) ?? "\u{FFFD}")).utf8 { append(b) }
    }

    private mutating func flushSurrogate() {
        if pendingHighSurrogate != nil {
            pendingHighSurrogate = nil
            for b in "\u{FFFD}".utf8 { append(b) }
        }
    }
}

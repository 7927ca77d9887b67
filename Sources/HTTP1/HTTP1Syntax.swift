import Primitives

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Character classes and start-line grammar of RFC 9112, as lookup tables and small validators.
enum HTTP1Syntax {
    /// RFC 9110 §5.6.2: tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." /
    /// "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
    static let tokenTable: [Bool] = {
        var t = [Bool](repeating: false, count: 256)
        for c in UInt8(ascii: "0")...UInt8(ascii: "9") { t[Int(c)] = true }
        for c in UInt8(ascii: "a")...UInt8(ascii: "z") { t[Int(c)] = true }
        for c in UInt8(ascii: "A")...UInt8(ascii: "Z") { t[Int(c)] = true }
        for c in "!#$%&'*+-.^_`|~".utf8 { t[Int(c)] = true }
        return t
    }()

    @inline(__always)
    static func isToken(_ b: UInt8) -> Bool {
        // `tokenTable` as a constant string of '0'/'1' per byte value: one load, no lazy initialisation.
        tokenFlags.utf8Start[Int(b)] == UInt8(ascii: "1")
    }
    /// '1' at the offset of every tchar, '0' elsewhere (256 bytes; checked against `tokenTable` in tests).
    static var tokenFlags: StaticString {
        """
        0000000000000000000000000000000001011111001101101111111111000000\
        0111111111111111111111111110001111111111111111111111111111101010\
        0000000000000000000000000000000000000000000000000000000000000000\
        0000000000000000000000000000000000000000000000000000000000000000
        """
    }

    /// The index of the first `byte` in `bytes[from..<to]`, or `to` when there is none (memchr).
    static func find(_ byte: UInt8, in bytes: UnsafeRawBufferPointer, from: Int, to: Int) -> Int {
        guard from < to, let base = bytes.baseAddress else { return to }
        guard let hit = memchr(base + from, Int32(byte), to - from) else { return to }
        return UnsafeRawPointer(hit) - base
    }

    /// A target byte: any visible byte (RFC 3986 characters, and obs-text seen in the wild), no SP/controls.
    static func isTargetByte(_ b: UInt8) -> Bool { b > 0x20 && b != 0x7F }

    static let lf = UInt8(ascii: "\n")
    static let cr = UInt8(ascii: "\r")
    static let sp = UInt8(ascii: " ")
    static let htab = UInt8(ascii: "\t")

    /// The start line of a message.
    enum StartLine: Equatable {
        case request(method: String, target: String, version: String)
        case response(version: String, status: Int, reason: String)
    }

    /// Parses a request line (RFC 9112 §3: method SP request-target SP HTTP-version), without its
    /// line ending. `strictMethod` (used when resynchronising) requires an upper-case method, which
    /// makes false matches inside bodies unlikely. Only HTTP/1.x is accepted.
    static func parseRequestLine(_ line: UnsafeRawBufferPointer, strictMethod: Bool) -> StartLine? {
        var i = 0
        while i < line.count, isToken(line[i]) {
            if strictMethod, !isStrictMethodByte(line[i]) { return nil }
            i += 1
        }
        guard i > 0, i < line.count, line[i] == sp else { return nil }
        let methodEnd = i
        i += 1
        let targetStart = i
        while i < line.count, isTargetByte(line[i]) { i += 1 }
        guard i > targetStart, i < line.count, line[i] == sp else { return nil }
        let targetEnd = i
        i += 1
        guard let version = parseVersion(line, at: i), i + 8 == line.count else { return nil }
        return .request(method: string(line, 0, methodEnd), target: string(line, targetStart, targetEnd), version: version)
    }

    /// Methods accepted in a malformed request line (tolerance `.malformedRequestLine`): RFC 9110
    /// §9, PATCH (RFC 5789), common WebDAV methods and Cisco's CCM_POST (as Wireshark knows them).
    static let knownMethods: Set<String> = [
        "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH", "PROPFIND", "PROPPATCH",
        "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "SEARCH", "REPORT", "CCM_POST",
    ]

    /// Parses a request line that a lenient server (and Wireshark) still reads: a known method, then
    /// optionally a target, then optionally "HTTP/1." [DIGIT], as words separated by runs of SP or HTAB
    /// (RFC 9112 §3 lets a recipient parse on whitespace-delimited words). The version is "" when absent
    /// and "1" for a bare "HTTP/1.". Never accepts another protocol's version (HTTP/2 preface).
    static func parseMalformedRequestLine(_ line: UnsafeRawBufferPointer) -> StartLine? {
        var parts: [Range<Int>] = []
        var start: Int?
        for k in 0...line.count {
            let blank = k == line.count || line[k] == sp || line[k] == htab
            if blank, let s = start {
                parts.append(s..<k)
                start = nil
                if parts.count > 3 { return nil }
            } else if !blank {
                guard isTargetByte(line[k]) else { return nil }
                if start == nil { start = k }
            }
        }
        guard !parts.isEmpty, parts[0].lowerBound == 0 else { return nil }
        let method = string(line, parts[0].lowerBound, parts[0].upperBound)
        guard knownMethods.contains(method) else { return nil }
        let target = parts.count > 1 ? string(line, parts[1].lowerBound, parts[1].upperBound) : ""
        var version = ""
        if parts.count == 3 {
            let v = string(line, parts[2].lowerBound, parts[2].upperBound)
            guard v.hasPrefix("HTTP/1.") else { return nil }
            version = v == "HTTP/1." ? "1" : String(v.dropFirst(5))
            guard version.count <= 3 else { return nil }
        }
        return .request(method: method, target: target, version: version)
    }

    /// Parses a status line (RFC 9112 §4: HTTP-version SP 3DIGIT SP [reason]); a missing reason
    /// (with or without its SP) is accepted.
    static func parseStatusLine(_ line: UnsafeRawBufferPointer) -> StartLine? {
        guard let version = parseVersion(line, at: 0), line.count >= 12, line[8] == sp else { return nil }
        var status = 0
        for k in 9..<12 {
            let d = line[k]
            guard d >= 0x30 && d <= 0x39 else { return nil }
            status = status * 10 + Int(d - 0x30)
        }
        if line.count > 12 && line[12] != sp { return nil }
        let reason = line.count > 13 ? string(line, 13, line.count) : ""
        return .response(version: version, status: status, reason: reason)
    }

    /// Finds a strict request line that ends `line` and starts inside it (after junk): working back
    /// from " HTTP/1.x" at the end over the target and an upper-case method. O(line length).
    static func findRequestLine(_ line: UnsafeRawBufferPointer) -> (Int, StartLine)? {
        let v = line.count - 9
        guard v > 2, line[v] == sp, parseVersion(line, at: v + 1) != nil else { return nil }
        var targetStart = v
        while targetStart > 0, isTargetByte(line[targetStart - 1]) { targetStart -= 1 }
        guard targetStart < v, targetStart > 1, line[targetStart - 1] == sp else { return nil }
        let methodEnd = targetStart - 1
        var methodStart = methodEnd
        while methodStart > 0, isStrictMethodByte(line[methodStart - 1]) { methodStart -= 1 }
        // The method starts at an upper-case letter; drop leading '-'/'_' picked up from junk.
        while methodStart < methodEnd, !(line[methodStart] >= 0x41 && line[methodStart] <= 0x5A) { methodStart += 1 }
        guard methodStart < methodEnd,
              let parsed = parseRequestLine(UnsafeRawBufferPointer(rebasing: line[methodStart...]), strictMethod: true)
        else { return nil }
        return (methodStart, parsed)
    }

    /// Finds the first "HTTP/1.x DDD" status line starting inside `line`.
    static func findStatusLine(_ line: UnsafeRawBufferPointer) -> (Int, StartLine)? {
        var p = 0
        while p + 12 <= line.count {
            if line[p] == UInt8(ascii: "H"),
               let parsed = parseStatusLine(UnsafeRawBufferPointer(rebasing: line[p...])) {
                return (p, parsed)
            }
            p += 1
        }
        return nil
    }

    private static func isStrictMethodByte(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")
    }

    /// "HTTP/1." DIGIT at `at` -> "1.x".
    private static func parseVersion(_ line: UnsafeRawBufferPointer, at: Int) -> String? {
        guard at + 8 <= line.count else { return nil }
        let prefix: StaticString = "HTTP/1."
        for k in 0..<7 where line[at + k] != prefix.utf8Start[k] { return nil }
        let minor = line[at + 7]
        guard minor >= 0x30 && minor <= 0x39 else { return nil }
        return "1." + String(UnicodeScalar(minor))
    }

    static func string(_ bytes: UnsafeRawBufferPointer, _ from: Int, _ to: Int) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self)
    }

    /// ASCII case-insensitive comparison with a lower-case name.
    static func equalsLowercased(_ s: String, _ lower: String) -> Bool {
        var a = s.utf8.makeIterator()
        var b = lower.utf8.makeIterator()
        while true {
            switch (a.next(), b.next()) {
            case (nil, nil): return true
            case (let x?, let y?):
                if x.asciiLowercased != y { return false }
            default: return false
            }
        }
    }
}

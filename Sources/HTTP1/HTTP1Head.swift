/// A parsed request or response head: start line, header fields, and the fields that decide framing.
///
/// Built from a complete head (start line already validated) by `init(startLine:headerBlock:...)`.
/// The header block is borrowed for the call only. Deviations that the tolerance accepts become
/// anomalies; those it does not accept throw `HTTP1ParseError` (the caller resynchronises).
struct HTTP1Head {
    enum ContentLength: Equatable { case absent, valid(Int), invalid }

    var startLine: HTTP1Syntax.StartLine
    /// Fields in order (at most `maxHeaderCount`).
    var headers: [HTTPHeaderField] = []
    var anomalies: [String] = []
    var contentLength: ContentLength = .absent
    /// Lower-cased transfer codings without `identity`, nil when there is no `Transfer-Encoding`.
    var transferCodings: [String]?
    var contentEncoding: String?
    var host: String?
    var contentType: String?
    /// Lower-cased first token of `Upgrade`.
    var upgrade: String?
    var expectContinue = false

    /// Parses the header block that follows the start line, up to and including the empty line.
    /// With `keepAllFields` false (responses, whose fields are not reported), only the fields that
    /// decide framing and the summary become strings; the others are checked and skipped.
    init(startLine: HTTP1Syntax.StartLine, startLineBareLF: Bool, headerBlock: UnsafeRawBufferPointer,
         limits: HTTP1Limits, keepAllFields: Bool = true) throws(HTTP1ParseError) {
        self.startLine = startLine
        var sawBareLF = startLineBareLF
        var fields: [HTTPHeaderField] = []
        var kinds: [FieldKind] = []
        var i = 0
        while i < headerBlock.count {
            var end = i
            while end < headerBlock.count, headerBlock[end] != HTTP1Syntax.lf { end += 1 }
            let lineEnd: Int
            if end > i, headerBlock[end - 1] == HTTP1Syntax.cr { lineEnd = end - 1 } else { lineEnd = end; sawBareLF = true }
            let lineStart = i
            i = end + 1
            if lineEnd == lineStart { break }  // the empty line ending the head
            let first = headerBlock[lineStart]
            if first == HTTP1Syntax.sp || first == HTTP1Syntax.htab {
                // RFC 9112 §5.2 obs-fold: continuation of the previous field value.
                guard limits.tolerance.contains(.obsoleteLineFolding) else {
                    throw HTTP1ParseError(kind: "obs_fold_rejected", offset: lineStart, expected: "field name", found: "SP/HTAB")
                }
                note("obs_fold")
                guard !fields.isEmpty else { note("fold_without_field"); continue }
                let more = Self.trimmed(headerBlock, lineStart, lineEnd)
                if !more.isEmpty {
                    fields[fields.count - 1].value += fields[fields.count - 1].value.isEmpty ? more : " " + more
                }
                continue
            }
            var colon = lineStart
            while colon < lineEnd, headerBlock[colon] != UInt8(ascii: ":") { colon += 1 }
            guard colon < lineEnd else { note("header_without_colon"); continue }
            var nameEnd = colon
            if nameEnd > lineStart, headerBlock[nameEnd - 1] == HTTP1Syntax.sp || headerBlock[nameEnd - 1] == HTTP1Syntax.htab {
                note("space_before_colon")  // RFC 9112 §5.1: a server must reject; smuggling vector
                while nameEnd > lineStart, headerBlock[nameEnd - 1] == HTTP1Syntax.sp || headerBlock[nameEnd - 1] == HTTP1Syntax.htab {
                    nameEnd -= 1
                }
            }
            guard nameEnd > lineStart else { note("empty_header_name"); continue }
            for k in lineStart..<nameEnd where !HTTP1Syntax.isToken(headerBlock[k]) { note("invalid_header_name"); break }
            let kind = FieldKind(headerBlock, lineStart, nameEnd)
            guard keepAllFields || kind != .other else {
                // Keeps a placeholder so that a folded continuation line is not glued to the wrong field.
                fields.append(HTTPHeaderField(name: "", value: ""))
                kinds.append(kind)
                continue
            }
            fields.append(HTTPHeaderField(name: HTTP1Syntax.string(headerBlock, lineStart, nameEnd),
                                          value: Self.trimmed(headerBlock, colon + 1, lineEnd)))
            kinds.append(kind)
        }
        if sawBareLF {
            guard limits.tolerance.contains(.bareLineFeed) else {
                throw HTTP1ParseError(kind: "bare_lf_rejected", offset: 0, expected: "CRLF", found: "LF")
            }
            note("bare_lf")
        }
        summarise(fields, kinds)
        if fields.count > limits.maxHeaderCount {
            note("too_many_headers")
            fields.removeSubrange(limits.maxHeaderCount...)
        }
        headers = keepAllFields ? fields : fields.filter { !$0.name.isEmpty }
    }

    private mutating func note(_ anomaly: String) {
        if !anomalies.contains(anomaly) { anomalies.append(anomaly) }
    }

    /// The bytes [from, to) without leading/trailing OWS, as a String.
    private static func trimmed(_ b: UnsafeRawBufferPointer, _ from: Int, _ to: Int) -> String {
        var s = from, e = to
        while s < e, b[s] == HTTP1Syntax.sp || b[s] == HTTP1Syntax.htab { s += 1 }
        while e > s, b[e - 1] == HTTP1Syntax.sp || b[e - 1] == HTTP1Syntax.htab { e -= 1 }
        return HTTP1Syntax.string(b, s, e)
    }

    /// Reads the fields that decide framing and the record's summary fields.
    private mutating func summarise(_ fields: [HTTPHeaderField], _ kinds: [FieldKind]) {
        var lengths: [String] = []
        var codingsSeen = false
        var codings: [String] = []
        var encodings: [String] = []
        var hosts = 0
        for (f, kind) in zip(fields, kinds) {
            switch kind {
            case .other:
                continue
            case .contentLength:
                lengths += f.value.split(separator: ",", omittingEmptySubsequences: false)
                    .map { String($0).trimmingCharacters(in: " \t") }
            case .transferEncoding:
                codingsSeen = true
                codings += f.value.lowercased().split(separator: ",")
                    .map { String($0).trimmingCharacters(in: " \t") }
                    .filter { !$0.isEmpty && $0 != "identity" }
            case .contentEncoding:
                encodings.append(f.value)
            case .host:
                hosts += 1
                if host == nil { host = f.value }
            case .contentType:
                if contentType == nil { contentType = f.value }
            case .upgrade:
                if upgrade == nil {
                    upgrade = f.value.split(separator: ",").first.map { String($0).trimmingCharacters(in: " \t").lowercased() }
                }
            case .expect:
                expectContinue = expectContinue || f.value.lowercased().contains("100-continue")
            }
        }
        if hosts > 1 { note("host_repeated") }
        if codingsSeen { transferCodings = codings }
        if !encodings.isEmpty { contentEncoding = encodings.joined(separator: ", ") }
        if !lengths.isEmpty {
            let values = lengths.map(Self.parseLength)
            if let first = values.first, let v = first, values.allSatisfy({ $0 == v }) {
                contentLength = .valid(v)
                if values.count > 1 { note("duplicate_content_length") }
            } else {
                contentLength = .invalid
                note(values.contains(nil) ? "content_length_invalid" : "content_length_conflict")
            }
        }
    }

    /// RFC 9110 §8.6: 1*DIGIT; more than 18 digits (overflow), signs or other bytes are invalid.
    private static func parseLength(_ s: String) -> Int? {
        guard !s.isEmpty, s.utf8.count <= 18 else { return nil }
        var v = 0
        for c in s.utf8 {
            guard c >= 0x30 && c <= 0x39 else { return nil }
            v = v * 10 + Int(c - 0x30)
        }
        return v
    }
}

/// The header fields that matter for framing and the record, recognised from the raw name bytes
/// (ASCII case-insensitive) without building lower-cased strings.
enum FieldKind {
    case contentLength, transferEncoding, contentEncoding, host, contentType, upgrade, expect, other

    private static let names: [(String, FieldKind)] = [
        ("content-length", .contentLength), ("transfer-encoding", .transferEncoding),
        ("content-encoding", .contentEncoding), ("host", .host), ("content-type", .contentType),
        ("upgrade", .upgrade), ("expect", .expect),
    ]

    init(_ bytes: UnsafeRawBufferPointer, _ from: Int, _ to: Int) {
        self = .other
        let n = to - from
        guard n >= 4, n <= 17 else { return }
        for (name, kind) in Self.names where name.utf8.count == n {
            var k = from
            var equal = true
            for c in name.utf8 {
                let b = bytes[k]
                if (b >= 0x41 && b <= 0x5A ? b | 0x20 : b) != c { equal = false; break }
                k += 1
            }
            if equal { self = kind; return }
        }
    }
}

extension String {
    /// The string without leading and trailing characters from `set` (ASCII only).
    fileprivate func trimmingCharacters(in set: String) -> String {
        var s = self[...]
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}

import Primitives

/// A parsed request or response head: start line, header fields, and the fields that decide framing.
///
/// Built from a complete head (start line already validated) by `init(startLine:headerBlock:...)`.
/// The header block is borrowed for the call only. Deviations that the tolerance accepts become
/// anomalies; those it does not accept throw `HTTP1ParseError` (the caller resynchronises).
struct HTTP1Head {
    enum ContentLength: Equatable { case absent, valid(Int), invalid }

    var startLine: HTTP1Syntax.StartLine
    /// Fields in order (at most `maxHeaderCount`); none for a response (only its summary is read).
    var headers = HTTPHeaderFields()
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
    /// With `keepAllFields` false (responses, whose fields are not reported), no field is kept: the
    /// fields that decide framing and the summary are read, the others are checked and skipped.
    /// Fields are located as byte ranges first and kept as bytes (`HTTPHeaderFields`); strings are
    /// built only for the summary fields present, and `Content-Length` is read from the bytes.
    init(startLine: HTTP1Syntax.StartLine, startLineBareLF: Bool, headerBlock: UnsafeRawBufferPointer,
         limits: HTTP1Limits, keepAllFields: Bool = true) throws(HTTP1ParseError) {
        self.startLine = startLine
        var sawBareLF = startLineBareLF
        var raw: [RawField] = []
        raw.reserveCapacity(16)
        var folds: [String] = []  // values with obs-fold continuations (`RawField.fold`)
        var i = 0
        while i < headerBlock.count {
            let end = HTTP1Syntax.find(HTTP1Syntax.lf, in: headerBlock, from: i, to: headerBlock.count)
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
                guard !raw.isEmpty else { note("fold_without_field"); continue }
                let more = Self.trimmedRange(headerBlock, lineStart, lineEnd)
                if !more.isEmpty {
                    let last = raw.count - 1
                    if raw[last].fold < 0 {
                        raw[last].fold = folds.count
                        folds.append(raw[last].placeholder ? "" : HTTP1Syntax.string(headerBlock, raw[last].value.lowerBound, raw[last].value.upperBound))
                    }
                    let text = HTTP1Syntax.string(headerBlock, more.lowerBound, more.upperBound)
                    folds[raw[last].fold] += folds[raw[last].fold].isEmpty ? text : " " + text
                }
                continue
            }
            // The usual line: a token name directly followed by ':' (one pass; ':' is not a token byte,
            // so it is the line's first colon). Anything else takes the general path below.
            var colon = lineStart
            while colon < lineEnd, HTTP1Syntax.isToken(headerBlock[colon]) { colon += 1 }
            var nameEnd = colon
            if !(colon > lineStart && colon < lineEnd && headerBlock[colon] == UInt8(ascii: ":")) {
                colon = HTTP1Syntax.find(UInt8(ascii: ":"), in: headerBlock, from: lineStart, to: lineEnd)
                guard colon < lineEnd else { note("header_without_colon"); continue }
                nameEnd = colon
                if nameEnd > lineStart, headerBlock[nameEnd - 1] == HTTP1Syntax.sp || headerBlock[nameEnd - 1] == HTTP1Syntax.htab {
                    note("space_before_colon")  // RFC 9112 §5.1: a server must reject; smuggling vector
                    while nameEnd > lineStart, headerBlock[nameEnd - 1] == HTTP1Syntax.sp || headerBlock[nameEnd - 1] == HTTP1Syntax.htab {
                        nameEnd -= 1
                    }
                }
                guard nameEnd > lineStart else { note("empty_header_name"); continue }
                for k in lineStart..<nameEnd where !HTTP1Syntax.isToken(headerBlock[k]) { note("invalid_header_name"); break }
            }
            let kind = FieldKind(headerBlock, lineStart, nameEnd)
            // A field not kept stays as a placeholder, so that a folded continuation line is not
            // glued to the wrong field (and so that it counts towards `maxHeaderCount`).
            raw.append(RawField(name: lineStart..<nameEnd, value: Self.trimmedRange(headerBlock, colon + 1, lineEnd),
                                kind: kind, placeholder: !keepAllFields && kind == .other))
        }
        if sawBareLF {
            guard limits.tolerance.contains(.bareLineFeed) else {
                throw HTTP1ParseError(kind: "bare_lf_rejected", offset: 0, expected: "CRLF", found: "LF")
            }
            note("bare_lf")
        }
        // Kept fields: every field of a request, none of a response.
        if keepAllFields {
            let kept = min(raw.count, limits.maxHeaderCount)
            headers.reserveCapacity(bytes: headerBlock.count, fields: kept)
            for k in 0..<kept {
                let name = UnsafeRawBufferPointer(rebasing: headerBlock[raw[k].name])
                if raw[k].fold >= 0 {
                    headers.append(name: name, value: folds[raw[k].fold])
                } else {
                    headers.append(name: name, value: UnsafeRawBufferPointer(rebasing: headerBlock[raw[k].value]))
                }
            }
        }
        summarise(raw, folds, headerBlock, isRequest: keepAllFields)
        if raw.count > limits.maxHeaderCount { note("too_many_headers") }
    }

    /// One header line located in the block: name and OWS-trimmed value as byte ranges.
    private struct RawField {
        var name: Range<Int>
        var value: Range<Int>
        var kind: FieldKind
        /// Not kept (a response's field that no summary reads): no strings are built for it.
        var placeholder: Bool
        /// Index in the head's folded values when obs-fold continuation lines followed, else -1
        /// (an index, not a `String?`, keeps this element trivial to copy and destroy).
        var fold = -1
    }

    private mutating func note(_ anomaly: String) {
        if !anomalies.contains(anomaly) { anomalies.append(anomaly) }
    }

    /// The range [from, to) without leading/trailing OWS.
    private static func trimmedRange(_ b: UnsafeRawBufferPointer, _ from: Int, _ to: Int) -> Range<Int> {
        var s = from, e = to
        while s < e, b[s] == HTTP1Syntax.sp || b[s] == HTTP1Syntax.htab { s += 1 }
        while e > s, b[e - 1] == HTTP1Syntax.sp || b[e - 1] == HTTP1Syntax.htab { e -= 1 }
        return s..<e
    }

    /// Reads the fields that decide framing and the record's summary fields (`contentType` and
    /// `host` of requests only: nothing reads a response's).
    private mutating func summarise(_ raw: [RawField], _ folds: [String], _ block: UnsafeRawBufferPointer, isRequest: Bool) {
        func value(_ f: RawField) -> String { f.fold >= 0 ? folds[f.fold] : HTTP1Syntax.string(block, f.value.lowerBound, f.value.upperBound) }
        var lengths = LengthScan()
        var codingsSeen = false
        var codings: [String] = []
        var encodings: [String] = []
        var hosts = 0
        for f in raw {
            switch f.kind {
            case .other:
                continue
            case .contentLength:
                if f.fold >= 0 {
                    var folded = folds[f.fold]
                    folded.withUTF8 { lengths.scan(UnsafeRawBufferPointer($0)) }
                } else {
                    lengths.scan(UnsafeRawBufferPointer(rebasing: block[f.value]))
                }
            case .transferEncoding:
                codingsSeen = true
                if f.fold < 0, let ascii = Self.codings(UnsafeRawBufferPointer(rebasing: block[f.value])) {
                    codings += ascii
                } else {
                    codings += value(f).lowercased().split(separator: ",")
                        .map { String($0).trimmingCharacters(in: " \t") }
                        .filter { !$0.isEmpty && $0 != "identity" }
                }
            case .contentEncoding:
                encodings.append(value(f))
            case .host:
                hosts += 1
                if host == nil, isRequest { host = value(f) }
            case .contentType:
                if contentType == nil, isRequest { contentType = value(f) }
            case .upgrade:
                if upgrade == nil {
                    upgrade = value(f).split(separator: ",").first.map { String($0).trimmingCharacters(in: " \t").lowercased() }
                }
            case .expect:
                expectContinue = expectContinue || value(f).lowercased().contains("100-continue")
            }
        }
        if hosts > 1 { note("host_repeated") }
        if codingsSeen { transferCodings = codings }
        if !encodings.isEmpty { contentEncoding = encodings.joined(separator: ", ") }
        if lengths.count > 0 {
            if !lengths.invalid, lengths.agree, case .some(.some(let v)) = lengths.first {
                contentLength = .valid(v)
                if lengths.count > 1 { note("duplicate_content_length") }
            } else {
                contentLength = .invalid
                note(lengths.invalid ? "content_length_invalid" : "content_length_conflict")
            }
        }
    }

    /// The `Content-Length` elements of all fields: each comma-separated element, OWS-trimmed,
    /// must be 1*DIGIT, and all must agree.
    private struct LengthScan {
        var count = 0
        /// nil before the first element; `.some(nil)` when the first one was invalid.
        var first: Int?? = nil
        var agree = true
        var invalid = false

        mutating func scan(_ bytes: UnsafeRawBufferPointer) {
            HTTP1Head.forEachListElement(bytes) { element in
                let value = HTTP1Head.parseLength(UnsafeRawBufferPointer(rebasing: bytes[element]))
                count += 1
                if value == nil { invalid = true }
                if let seen = first {
                    if seen != value { agree = false }
                } else {
                    first = .some(value)
                }
            }
        }
    }

    /// Calls `body` with the range of each comma-separated element of `bytes`, OWS-trimmed, empty
    /// elements included (RFC 9110 §5.6.1 lists: `a, , b` has three).
    private static func forEachListElement(_ bytes: UnsafeRawBufferPointer, _ body: (Range<Int>) -> Void) {
        var start = 0
        while true {
            let end = HTTP1Syntax.find(UInt8(ascii: ","), in: bytes, from: start, to: bytes.count)
            body(trimmedRange(bytes, start, end))
            if end == bytes.count { return }
            start = end + 1
        }
    }

    /// The `Transfer-Encoding` list elements of an ASCII value: lower-cased, OWS-trimmed, without
    /// empty elements and `identity` (as the string path does); nil when a byte is not ASCII, which
    /// goes through the string path and its Unicode lower-casing.
    private static func codings(_ bytes: UnsafeRawBufferPointer) -> [String]? {
        if bytes.contains(where: { $0 >= 0x80 }) { return nil }
        var out: [String] = []
        forEachListElement(bytes) { element in
            guard !element.isEmpty else { return }
            let token = String(unsafeUninitializedCapacity: element.count) { buffer in
                for (k, b) in bytes[element].enumerated() { buffer[k] = b.asciiLowercased }
                return element.count
            }
            if token != "identity" { out.append(token) }
        }
        return out
    }

    /// RFC 9110 §8.6: 1*DIGIT; more than 18 digits (overflow), signs or other bytes are invalid.
    private static func parseLength(_ s: UnsafeRawBufferPointer) -> Int? {
        guard !s.isEmpty, s.count <= 18 else { return nil }
        var v = 0
        for c in s {
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

    /// The names have distinct lengths: the length picks the one candidate, then the bytes decide.
    init(_ bytes: UnsafeRawBufferPointer, _ from: Int, _ to: Int) {
        let candidate: (StaticString, FieldKind)
        switch to - from {
        case 4: candidate = ("host", .host)
        case 6: candidate = ("expect", .expect)
        case 7: candidate = ("upgrade", .upgrade)
        case 12: candidate = ("content-type", .contentType)
        case 14: candidate = ("content-length", .contentLength)
        case 16: candidate = ("content-encoding", .contentEncoding)
        case 17: candidate = ("transfer-encoding", .transferEncoding)
        default: self = .other; return
        }
        let name = candidate.0.utf8Start
        for k in 0..<(to - from) {
            let b = bytes[from + k]
            if b.asciiLowercased != name[k] { self = .other; return }
        }
        self = candidate.1
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

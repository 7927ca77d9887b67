import Primitives

/// Extracts every field of a request as (location, path, value).
///
/// Formats: JSON (streaming tokenizer; several top-level values = NDJSON, prefixed `[n]`),
/// form-urlencoded bodies and query strings (keys kept as sent, `ud[em]`), multipart/form-data
/// (each part by name; JSON parts descended into; file parts skipped), `text/plain` or untyped
/// bodies sniffed as JSON, form or base64-wrapped JSON; cookies (each cookie its own field, path
/// = cookie name) and identifying headers (path = lower-case header name). String values holding
/// JSON are descended into with a `#json` layer mark, base64/base64url-wrapped JSON with `#b64`
/// (`data#b64.properties.distinct_id`), up to `maxLayers` layers per path.
///
/// Bounded by `PayloadLimits`; every drop is counted in `Extraction.counters` (`fields_cap_reached`,
/// `json_depth_exceeded`, `json_malformed`, `value_truncated`, `layers_cap_reached`,
/// `multipart_truncated`, `multipart_file_skipped`, `percent_escape_malformed`, `body_unparsed`).
/// Bad input never throws: fields found before a fault are kept.
package enum PayloadExtractor {
    package struct Extraction: Sendable {
        package var fields: [ExtractedField] = []
        package var counters = CounterSet()
    }

    /// Headers whose value identifies a person or a device.
    package static let identifyingHeaders: Set<String> = [
        "user-agent", "x-forwarded-for", "x-real-ip", "forwarded", "true-client-ip", "cf-connecting-ip",
        "x-client-ip", "x-cluster-client-ip", "fastly-client-ip", "referer", "x-device-id", "x-user-id",
        "x-anonymous-id", "x-visitor-id", "x-client-id", "x-amplitude-device-id", "sec-ch-ua-model",
        "x-idfa", "x-gaid", "x-advertising-id", "x-user-email", "x-email",
    ]

    package static func fields(query: String?, headers: [(name: String, value: String)], contentType: String?,
                               body: [UInt8], limits: PayloadLimits = PayloadLimits()) -> [ExtractedField] {
        extract(query: query, headers: headers, contentType: contentType, body: body, limits: limits).fields
    }

    package static func extract(query: String?, headers: [(name: String, value: String)], contentType: String?,
                                body: [UInt8], limits: PayloadLimits = PayloadLimits()) -> Extraction {
        var run = Run(limits: limits)
        if let q = query, !q.isEmpty {
            var q8 = Array(q.utf8)[...]
            if q8.first == UInt8(ascii: "?") { q8 = q8.dropFirst() }
            run.form(q8, location: .query, prefix: "", layers: 0)
        }
        for h in headers {
            let name = h.name.lowercased()
            if name == "cookie" {
                run.cookies(h.value)
            } else if identifyingHeaders.contains(name) {
                run.emit(.header, name, h.value)
            }
        }
        if !body.isEmpty { run.body(body[...], contentType: contentType) }
        return run.out
    }

    /// The state of one extraction: output, limits, counters.
    struct Run {
        let limits: PayloadLimits
        var out = Extraction()
        private var full = false

        init(limits: PayloadLimits) { self.limits = limits }

        mutating func emit(_ location: FieldLocation, _ path: String, _ value: String) {
            guard !full else { return }
            guard out.fields.count < limits.maxFields else {
                full = true
                out.counters.add("fields_cap_reached")
                return
            }
            var v = value
            if v.utf8.count > limits.maxValueBytes {
                out.counters.add("value_truncated")
                let u = Array(v.utf8)
                var cut = limits.maxValueBytes
                while cut > 0, u[cut] & 0xC0 == 0x80 { cut -= 1 }   // do not split a UTF-8 sequence
                v = String(decoding: u[..<cut], as: UTF8.self)
            }
            out.fields.append(ExtractedField(location: location, path: path, value: v))
        }

        // MARK: body dispatch

        mutating func body(_ b: ArraySlice<UInt8>, contentType: String?) {
            let ct = contentType ?? ""
            if Self.contains(ct, "multipart/form-data"), let boundary = Multipart.boundary(contentType: ct) {
                multipart(b, boundary: boundary)
            } else if Self.contains(ct, "json") {
                // A body labelled JSON that does not start like JSON (misconfigured SDKs send forms): sniff it.
                let first = trimmed(b).first ?? 0
                guard first == UInt8(ascii: "{") || first == UInt8(ascii: "[") || first == UInt8(ascii: "\"") else {
                    out.counters.add("content_type_mismatch")
                    sniff(b)
                    return
                }
                if !json(b, location: .body, prefix: "", layers: 0) { out.counters.add("json_malformed") }
            } else if Self.contains(ct, "x-www-form-urlencoded") {
                form(b, location: .body, prefix: "", layers: 0)
            } else {
                sniff(b)
            }
        }

        /// `text/plain`, missing or unknown content types: JSON, then base64 JSON, then form.
        mutating func sniff(_ b: ArraySlice<UInt8>) {
            let t = trimmed(b)
            if let f = t.first, f == UInt8(ascii: "{") || f == UInt8(ascii: "[") {
                if !json(t, location: .body, prefix: "", layers: 0) { out.counters.add("json_malformed") }
                return
            }
            if let decoded = Base64.decode(t), let f = trimmed(decoded[...]).first, f == UInt8(ascii: "{") || f == UInt8(ascii: "[") {
                var probe = JSONTokenizer(maxDepth: limits.maxDepth, maxStringBytes: limits.maxValueBytes)
                var ev: [JSONEvent] = []
                probe.feed(decoded, into: &ev)
                probe.finish(into: &ev)
                if probe.failure == nil, json(decoded[...], location: .body, prefix: "#b64", layers: 1) { return }
            }
            if FormDecoding.looksLikeForm(t) {
                form(t, location: .body, prefix: "", layers: 0)
                return
            }
            out.counters.add("body_unparsed")
        }

        // MARK: JSON

        /// Emits the fields of a JSON text under `prefix`. Returns false when the text was not
        /// well-formed (fields before the fault are kept).
        @discardableResult
        mutating func json(_ b: ArraySlice<UInt8>, location: FieldLocation, prefix: String, layers: Int) -> Bool {
            var tok = JSONTokenizer(maxDepth: limits.maxDepth, maxStringBytes: limits.maxValueBytes)
            var events: [JSONEvent] = []
            tok.feed(b, into: &events)
            tok.finish(into: &events)
            if tok.truncatedStrings > 0 { out.counters.add("value_truncated", UInt64(tok.truncatedStrings)) }
            if case .tooDeep = tok.failure { out.counters.add("json_depth_exceeded") }
            let multiDoc = tok.documents > 1
            enum Frame { case object(path: String, key: String); case array(path: String, index: Int) }
            var stack: [Frame] = []
            var document = 0
            func valuePath(_ stack: [Frame]) -> String {
                guard let top = stack.last else {
                    return multiDoc ? Self.index(prefix, document) : prefix
                }
                switch top {
                case .object(let p, let k): return Self.key(p, k)
                case .array(let p, let i): return Self.index(p, i)
                }
            }
            for e in events {
                switch e {
                case .objectStart, .arrayStart:
                    let p = valuePath(stack)
                    stack.append(e == .objectStart ? .object(path: p, key: "") : .array(path: p, index: 0))
                    continue
                case .objectEnd, .arrayEnd:
                    stack.removeLast()
                case .key(let k):
                    if case .object(let p, _) = stack.last { stack[stack.count - 1] = .object(path: p, key: k) }
                    continue
                case .string(let s):
                    stringValue(location, valuePath(stack), s, layers: layers)
                case .number(let n):
                    emit(location, valuePath(stack), n)
                case .bool(let v):
                    emit(location, valuePath(stack), v ? "true" : "false")
                case .null:
                    break
                }
                // A value ended: advance the enclosing array index or the document count.
                if case .array(let p, let i) = stack.last { stack[stack.count - 1] = .array(path: p, index: i + 1) }
                if stack.isEmpty { document += 1 }
            }
            return tok.failure == nil
        }

        /// Case-insensitive test for an ASCII `needle` in a header value, without allocating.
        static func contains(_ text: String, _ needle: StaticString) -> Bool {
            needle.withUTF8Buffer { n in
                let h = text.utf8
                guard n.count > 0, h.count >= n.count else { return n.count == 0 }
                var start = h.startIndex
                while h.distance(from: start, to: h.endIndex) >= n.count {
                    var i = start, k = 0
                    while k < n.count, h[i] | (h[i] &- 65 < 26 ? 0x20 : 0) == n[k] { i = h.index(after: i); k += 1 }
                    if k == n.count { return true }
                    start = h.index(after: start)
                }
                return false
            }
        }

        /// `path.k` (or `k` at the top), built in one allocation.
        static func key(_ path: String, _ k: String) -> String {
            if path.isEmpty { return k }
            var out = ""
            out.reserveCapacity(path.utf8.count + 1 + k.utf8.count)
            out += path
            out += "."
            out += k
            return out
        }

        /// `path[i]`, built in one allocation.
        static func index(_ path: String, _ i: Int) -> String {
            var out = ""
            out.reserveCapacity(path.utf8.count + 22)
            out += path
            out += "["
            out += String(i)
            out += "]"
            return out
        }

        /// A string value: descend into JSON or base64-wrapped JSON it holds, else emit it.
        mutating func stringValue(_ location: FieldLocation, _ path: String, _ s: String, layers: Int) {
            guard Self.mayHoldLayer(s) else { emit(location, path, s); return }
            let b = Array(s.utf8)[...]
            let t = trimmed(b)
            if let f = t.first, (f == UInt8(ascii: "{") || f == UInt8(ascii: "[")), t.count >= 2,
               let l = t.last, l == UInt8(ascii: "}") || l == UInt8(ascii: "]") {
                if layers >= limits.maxLayers { out.counters.add("layers_cap_reached") }
                else if wellFormedJSON(t) { json(t, location: location, prefix: path + "#json", layers: layers + 1); return }
            }
            if t.count >= 8, let f = t.first, f == UInt8(ascii: "e") || f == UInt8(ascii: "W") || f == UInt8(ascii: "I"),
               let decoded = Base64.decode(t) {
                // `{"` encodes as `ey`, `["` as `WyJ`, `[{` as `W3s`, `{ ` as `eyA`, `[ ` as `WyA`, `[1` as `WzE`.
                let d = trimmed(decoded[...])
                if let df = d.first, df == UInt8(ascii: "{") || df == UInt8(ascii: "["), wellFormedJSON(d) {
                    if layers >= limits.maxLayers { out.counters.add("layers_cap_reached") }
                    else { json(d, location: location, prefix: path + "#b64", layers: layers + 1); return }
                }
            }
            emit(location, path, s)
        }

        /// Cheap first test of `stringValue`: only a value whose first non-space byte can open JSON
        /// (`{ [`) or base64 JSON (`e W I`) may hold a layer.
        private static func mayHoldLayer(_ s: String) -> Bool {
            for b in s.utf8 where !(b == 32 || b == 9 || b == 10 || b == 13) {
                return b == UInt8(ascii: "{") || b == UInt8(ascii: "[") || b == UInt8(ascii: "e") || b == UInt8(ascii: "W")
                    || b == UInt8(ascii: "I")
            }
            return false
        }

        private func wellFormedJSON(_ b: ArraySlice<UInt8>) -> Bool {
            var tok = JSONTokenizer(maxDepth: limits.maxDepth, maxStringBytes: limits.maxValueBytes)
            var ev: [JSONEvent] = []
            tok.feed(b, into: &ev)
            tok.finish(into: &ev)
            return tok.failure == nil && tok.documents == 1
        }

        // MARK: form, cookies, multipart

        mutating func form(_ b: ArraySlice<UInt8>, location: FieldLocation, prefix: String, layers: Int) {
            var bad = 0
            for (name, value) in FormDecoding.pairs(b, malformedEscapes: &bad) {
                stringValue(location, Self.key(prefix, name), value, layers: layers)
            }
            if bad > 0 { out.counters.add("percent_escape_malformed", UInt64(bad)) }
        }

        /// `Cookie: a=1; b=2` (RFC 6265 section 5.4): each cookie a field; values percent-decoded
        /// when they hold valid escapes, surrounding quotes removed.
        mutating func cookies(_ header: String) {
            for pair in header.split(separator: ";") {
                let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = kv[0].trimmingSpaces()
                guard !name.isEmpty else { continue }
                var value = kv.count > 1 ? kv[1].trimmingSpaces() : ""
                if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
                var bad = 0
                let decoded = FormDecoding.percentDecode(Array(value.utf8)[...], plusIsSpace: false, malformed: &bad)
                stringValue(.cookie, name, bad == 0 ? decoded : value, layers: 0)
            }
        }

        mutating func multipart(_ b: ArraySlice<UInt8>, boundary: String) {
            let (parts, truncated) = Multipart.parts(b, boundary: boundary, maxParts: limits.maxFields)
            if truncated { out.counters.add("multipart_truncated") }
            for p in parts where !p.name.isEmpty {
                if p.filename != nil, !(p.contentType ?? "").contains("json") {
                    out.counters.add("multipart_file_skipped")
                    continue
                }
                if (p.contentType ?? "").contains("json") {
                    if !json(p.body, location: .body, prefix: p.name, layers: 0) { out.counters.add("json_malformed") }
                } else {
                    stringValue(.body, p.name, String(decoding: p.body, as: UTF8.self), layers: 0)
                }
            }
        }

        private func trimmed(_ b: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
            var s = b.startIndex, e = b.endIndex
            while s < e, b[s] == 32 || b[s] == 9 || b[s] == 10 || b[s] == 13 { s += 1 }
            while e > s, b[e - 1] == 32 || b[e - 1] == 9 || b[e - 1] == 10 || b[e - 1] == 13 { e -= 1 }
            return b[s..<e]
        }
    }
}

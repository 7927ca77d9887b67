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
/// `fields_bytes_cap_reached`, `json_depth_exceeded`, `json_malformed`, `value_truncated`,
/// `layers_cap_reached`, `multipart_truncated`, `multipart_file_skipped`, `percent_escape_malformed`,
/// `body_unparsed`). Fields go to one byte arena per request (`FieldArena`): no string per field.
/// Bad input never throws: fields found before a fault are kept.
package enum PayloadExtractor {
    package struct Extraction: Sendable {
        /// The fields, as byte ranges (no string per field).
        package var arena = FieldArena()
        package var counters = CounterSet()

        /// The fields as text (for callers that want strings; the analysis path reads `arena`).
        package var fields: [ExtractedField] {
            arena.fields.map { ExtractedField(location: $0.location, path: arena.pathText($0), value: arena.valueText($0)) }
        }
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
        extract(query: query, headers: { visit in
            for h in headers {
                Array(h.name.utf8).withUnsafeBytes { name in Array(h.value.utf8).withUnsafeBytes { visit(name, $0) } }
            }
        }, contentType: contentType, body: body, limits: limits)
    }

    /// A request's header fields, handed to `visit` one by one as borrowed name and value bytes.
    package typealias HeaderFields = (_ visit: (_ name: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) -> Void) -> Void

    /// `extract` over borrowed header bytes: no string per header. `path`: the request target's path
    /// (before `?`), whose segments holding an `@` are fields too (`PUT /customers/jane%40example.com`).
    package static func extract(query: String?, headers: HeaderFields, contentType: String?,
                                body: [UInt8], limits: PayloadLimits = PayloadLimits(), path: String? = nil) -> Extraction {
        let run = Run(limits: limits)
        // Room for the usual case up front: paths and values add up to about the body's size.
        run.out.arena.reserveCapacity(bytes: body.count + (query?.utf8.count ?? 0) + 256, fields: body.count / 64 + 16)
        if let path, path.utf8.contains(where: { $0 == UInt8(ascii: "@") || $0 == UInt8(ascii: "%") }) {
            run.pathSegments(Array(path.utf8)[...])
        }
        if let q = query, !q.isEmpty {
            var q8 = Array(q.utf8)[...]
            if q8.first == UInt8(ascii: "?") { q8 = q8.dropFirst() }
            run.form(q8, location: .query, prefix: [], layers: 0)
        }
        headers { name, value in
            if name.contains(where: { $0 >= 0x80 }) {
                // Not a token (RFC 9110 names are ASCII): lowered as text, as the string path would.
                let lowered = String(decoding: name, as: UTF8.self).lowercased()
                if lowered == "cookie" { run.cookies(String(decoding: value, as: UTF8.self)) }
                else if identifyingHeaders.contains(lowered) { run.emit(.header, lowered.utf8, value) }
                return
            }
            guard name.count <= IdentifyingHeader.longest else { return }
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: IdentifyingHeader.longest) { lower in
                for (i, b) in name.enumerated() { lower[i] = b.asciiLowercased }
                let lowered = UnsafeBufferPointer(rebasing: lower[..<name.count])
                if lowered.elementsEqual("cookie".utf8) {
                    run.cookies(String(decoding: value, as: UTF8.self))
                } else if IdentifyingHeader.contains(lowered) {
                    run.emit(.header, lowered, value)
                }
            }
        }
        if !body.isEmpty { run.body(body[...], contentType: contentType) }
        return run.out
    }

    /// `identifyingHeaders` as bytes, for lookups on borrowed names.
    private enum IdentifyingHeader {
        static let names: [[UInt8]] = identifyingHeaders.map { Array($0.utf8) }
        static let longest = names.map(\.count).max() ?? 0

        static func contains(_ lowered: UnsafeBufferPointer<UInt8>) -> Bool {
            names.contains { $0.count == lowered.count && $0.elementsEqual(lowered) }
        }
    }

    /// The state of one extraction: output, limits, counters (a class: JSON walkers call back into it).
    final class Run {
        let limits: PayloadLimits
        var out = Extraction()
        private var full = false

        init(limits: PayloadLimits) { self.limits = limits }

        /// Segments of a URL path that hold an `@` (raw or `%40`): an address used as a record's key
        /// (Customer.io `/customers/{id}`, Iterable `/users/{email}`). Each is a field at location
        /// `path`, named by the segment before it when that is a word (`customers`), else by its index
        /// (`[2]`). Other segments (ids, words) are not fields: they would only feed weak guesses.
        func pathSegments(_ path: ArraySlice<UInt8>) {
            let segments = path.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
            for (i, segment) in segments.enumerated() where i > 0 {
                var malformed = 0
                var decoded: [UInt8] = []
                FormDecoding.percentDecode(segment, plusIsSpace: false, malformed: &malformed, into: &decoded)
                guard decoded.contains(UInt8(ascii: "@")) else { continue }
                let before = segments[i - 1]
                let isWord = !before.isEmpty && before.allSatisfy {
                    ($0 | 0x20 >= UInt8(ascii: "a") && $0 | 0x20 <= UInt8(ascii: "z")) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
                }
                emit(.path, isWord ? Array(before) : Array("[\(i - 1)]".utf8), decoded)
            }
        }

        func emit<P: Collection, V: Collection>(_ location: FieldLocation, _ path: P, _ value: V)
        where P.Element == UInt8, V.Element == UInt8 {
            guard !full else { return }
            guard out.arena.fields.count < limits.maxFields else {
                full = true
                out.counters.add("fields_cap_reached")
                return
            }
            guard out.arena.bytes.count + path.count + min(value.count, limits.maxValueBytes) <= limits.maxTotalBytes else {
                full = true
                out.counters.add("fields_bytes_cap_reached")
                return
            }
            guard value.count > limits.maxValueBytes else {
                out.arena.append(location, path: path, value: value)
                return
            }
            out.counters.add("value_truncated")
            let u = Array(value)
            var cut = limits.maxValueBytes
            while cut > 0, u[cut] & 0xC0 == 0x80 { cut -= 1 }   // do not split a UTF-8 sequence
            out.arena.append(location, path: path, value: u[..<cut])
        }

        // MARK: body dispatch

        func body(_ b: ArraySlice<UInt8>, contentType: String?) {
            let ct = contentType ?? ""
            if Run.contains(ct, "multipart/form-data"), let boundary = Multipart.boundary(contentType: ct) {
                multipart(b, boundary: boundary)
            } else if Run.contains(ct, "json") {
                // A body labelled JSON that does not start like JSON (misconfigured SDKs send forms): sniff it.
                let first = Run.trimmed(b).first ?? 0
                guard first == UInt8(ascii: "{") || first == UInt8(ascii: "[") || first == UInt8(ascii: "\"") else {
                    out.counters.add("content_type_mismatch")
                    sniff(b)
                    return
                }
                if !json(b, location: .body, prefix: [], layers: 0) { out.counters.add("json_malformed") }
            } else if Run.contains(ct, "x-www-form-urlencoded") {
                form(b, location: .body, prefix: [], layers: 0)
            } else {
                sniff(b)
            }
        }

        /// `text/plain`, missing or unknown content types: JSON, then base64 JSON, then form.
        func sniff(_ b: ArraySlice<UInt8>) {
            let t = Run.trimmed(b)
            if let f = t.first, f == UInt8(ascii: "{") || f == UInt8(ascii: "[") {
                if !json(t, location: .body, prefix: [], layers: 0) { out.counters.add("json_malformed") }
                return
            }
            if let decoded = Base64.decode(t), let f = Run.trimmed(decoded[...]).first, f == UInt8(ascii: "{") || f == UInt8(ascii: "[") {
                var probe = JSONTokenizer(maxDepth: limits.maxDepth, maxStringBytes: limits.maxValueBytes)
                var counter = JSONTokenCounter()
                probe.feed(decoded, into: &counter)
                probe.finish(into: &counter)
                if probe.failure == nil, json(decoded[...], location: .body, prefix: Array("#b64".utf8), layers: 1) { return }
            }
            if FormDecoding.looksLikeForm(t) {
                form(t, location: .body, prefix: [], layers: 0)
                return
            }
            out.counters.add("body_unparsed")
        }

        // MARK: JSON

        /// Emits the fields of a JSON text under `prefix`. Returns false when the text was not
        /// well-formed (fields before the fault are kept).
        @discardableResult
        func json<C: Collection>(_ b: C, location: FieldLocation, prefix: [UInt8], layers: Int) -> Bool where C.Element == UInt8 {
            var tok = JSONTokenizer(maxDepth: limits.maxDepth, maxStringBytes: limits.maxValueBytes)
            var walker = JSONWalker(run: self, location: location, prefix: prefix, layers: layers)
            tok.feed(b, into: &walker)
            tok.finish(into: &walker)
            if tok.truncatedStrings > 0 { out.counters.add("value_truncated", UInt64(tok.truncatedStrings)) }
            if case .tooDeep = tok.failure { out.counters.add("json_depth_exceeded") }
            return tok.failure == nil
        }

        /// A string value: descend into JSON or base64-wrapped JSON it holds, else emit it.
        func stringValue(_ location: FieldLocation, _ path: [UInt8], _ s: ArraySlice<UInt8>, layers: Int) {
            path.withUnsafeBufferPointer { p in s.withUnsafeBufferPointer { stringValue(location, p, $0, layers: layers) } }
        }

        /// `stringValue` on borrowed bytes (JSON paths and strings come straight from the walker and the body).
        func stringValue(_ location: FieldLocation, _ path: UnsafeBufferPointer<UInt8>, _ s: UnsafeBufferPointer<UInt8>,
                         layers: Int) {
            let t = Run.trimmed(s)
            guard let f = t.first, f == UInt8(ascii: "{") || f == UInt8(ascii: "[") || f == UInt8(ascii: "e")
                    || f == UInt8(ascii: "W") || f == UInt8(ascii: "I") else {
                emit(location, path, s)
                return
            }
            if (f == UInt8(ascii: "{") || f == UInt8(ascii: "[")), t.count >= 2,
               let l = t.last, l == UInt8(ascii: "}") || l == UInt8(ascii: "]") {
                if layers >= limits.maxLayers { out.counters.add("layers_cap_reached") }
                else if wellFormedJSON(t) { json(t, location: location, prefix: Array(path) + Run.jsonMark, layers: layers + 1); return }
            }
            if t.count >= 8, f == UInt8(ascii: "e") || f == UInt8(ascii: "W") || f == UInt8(ascii: "I"),
               let first = Base64.firstDecodedByte(t),
               first == UInt8(ascii: "{") || first == UInt8(ascii: "[") || first == UInt8(ascii: " "),
               let decoded = Base64.decode(t) {
                // `{"` encodes as `ey`, `["` as `WyJ`, `[{` as `W3s`, `{ ` as `eyA`, `[ ` as `WyA`, `[1` as `WzE`.
                let d = Run.trimmed(decoded[...])
                if let df = d.first, df == UInt8(ascii: "{") || df == UInt8(ascii: "["), wellFormedJSON(d) {
                    if layers >= limits.maxLayers { out.counters.add("layers_cap_reached") }
                    else { json(d, location: location, prefix: Array(path) + Run.base64Mark, layers: layers + 1); return }
                }
            }
            emit(location, path, s)
        }

        private static let jsonMark = Array("#json".utf8)
        private static let base64Mark = Array("#b64".utf8)

        private func wellFormedJSON<C: Collection>(_ b: C) -> Bool where C.Element == UInt8 {
            var tok = JSONTokenizer(maxDepth: limits.maxDepth, maxStringBytes: limits.maxValueBytes)
            var counter = JSONTokenCounter()
            tok.feed(b, into: &counter)
            tok.finish(into: &counter)
            return tok.failure == nil && tok.documents == 1
        }

        // MARK: form, cookies, multipart

        func form(_ b: ArraySlice<UInt8>, location: FieldLocation, prefix: [UInt8], layers: Int) {
            var bad = 0
            var path: [UInt8] = []
            FormDecoding.forEachPair(b, malformedEscapes: &bad) { name, value in
                path.removeAll(keepingCapacity: true)
                path.append(contentsOf: prefix)
                if !prefix.isEmpty { path.append(UInt8(ascii: ".")) }
                path.append(contentsOf: name)
                stringValue(location, path, value, layers: layers)
            }
            if bad > 0 { out.counters.add("percent_escape_malformed", UInt64(bad)) }
        }

        /// `Cookie: a=1; b=2` (RFC 6265 section 5.4): each cookie a field; values percent-decoded
        /// when they hold valid escapes, surrounding quotes removed.
        func cookies(_ header: String) {
            for pair in header.split(separator: ";") {
                let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = kv[0].trimmingSpaces()
                guard !name.isEmpty else { continue }
                var value = kv.count > 1 ? kv[1].trimmingSpaces() : ""
                if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
                var bad = 0
                var decoded: [UInt8] = []
                FormDecoding.percentDecode(Array(value.utf8)[...], plusIsSpace: false, malformed: &bad, into: &decoded)
                stringValue(.cookie, Array(name.utf8), bad == 0 ? decoded[...] : Array(value.utf8)[...], layers: 0)
            }
        }

        func multipart(_ b: ArraySlice<UInt8>, boundary: String) {
            let (parts, truncated) = Multipart.parts(b, boundary: boundary, maxParts: limits.maxFields)
            if truncated { out.counters.add("multipart_truncated") }
            for p in parts where !p.name.isEmpty {
                if p.filename != nil, !(p.contentType ?? "").contains("json") {
                    out.counters.add("multipart_file_skipped")
                    continue
                }
                if (p.contentType ?? "").contains("json") {
                    if !json(p.body, location: .body, prefix: Array(p.name.utf8), layers: 0) { out.counters.add("json_malformed") }
                } else {
                    stringValue(.body, Array(p.name.utf8), p.body, layers: 0)
                }
            }
        }

        static func trimmed<C: RandomAccessCollection>(_ b: C) -> C.SubSequence where C.Element == UInt8, C.Index == Int {
            var s = b.startIndex, e = b.endIndex
            while s < e, b[s] == 32 || b[s] == 9 || b[s] == 10 || b[s] == 13 { s += 1 }
            while e > s, b[e - 1] == 32 || b[e - 1] == 9 || b[e - 1] == 10 || b[e - 1] == 13 { e -= 1 }
            return b[s..<e]
        }

        /// Case-insensitive test for an ASCII `needle` in a header value, without allocating.
        static func contains(_ text: String, _ needle: StaticString) -> Bool {
            needle.withUTF8Buffer { n in
                let h = text.utf8
                guard n.count > 0, h.count >= n.count else { return n.count == 0 }
                var start = h.startIndex
                while h.distance(from: start, to: h.endIndex) >= n.count {
                    var i = start, k = 0
                    while k < n.count, h[i].asciiLowercased == n[k] { i = h.index(after: i); k += 1 }
                    if k == n.count { return true }
                    start = h.index(after: start)
                }
                return false
            }
        }
    }
}

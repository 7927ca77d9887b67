import Foundation
import Testing
@testable import Payload

@Suite("PayloadExtractor")
struct PayloadExtractorTests {
    static func map(_ f: [ExtractedField]) -> [String: String] {
        var m: [String: String] = [:]
        for x in f { m["\(x.location.rawValue):\(x.path)"] = x.value }
        return m
    }

    @Test("JSON body: paths with keys and indexes, numbers and booleans as text, nulls skipped")
    func jsonPaths() {
        let body = #"{"data":[{"user_data":{"em":["3b2c"],"ph":null,"age":41,"ok":true}}],"event_name":"Purchase"}"#
        let m = Self.map(PayloadExtractor.fields(query: nil, headers: [], contentType: "application/json", body: Array(body.utf8)))
        #expect(m == ["body:data[0].user_data.em[0]": "3b2c", "body:data[0].user_data.age": "41",
                      "body:data[0].user_data.ok": "true", "body:event_name": "Purchase"])
    }

    @Test("NDJSON body: each line prefixed with its index")
    func ndjson() {
        let body = "{\"e\":\"a\"}\n{\"e\":\"b\",\"u\":{\"id\":7}}\n"
        let m = Self.map(PayloadExtractor.fields(query: nil, headers: [], contentType: "application/x-ndjson", body: Array(body.utf8)))
        #expect(m == ["body:[0].e": "a", "body:[1].e": "b", "body:[1].u.id": "7"])
        // A cut last line: what it held before the cut is kept under its index, and the body counts as malformed.
        let cut = PayloadExtractor.extract(query: nil, headers: [], contentType: "application/json",
                                           body: Array("[1,2]\n{\"e\":\"x\",\"f\":".utf8))
        #expect(Self.map(cut.fields) == ["body:[0][0]": "1", "body:[0][1]": "2", "body:[1].e": "x"])
        #expect(cut.counters["json_malformed"] == 1)
        // Scalars and arrays as documents; a string holding JSON in the first document is re-indexed too.
        let mixed = PayloadExtractor.fields(query: nil, headers: [], contentType: "application/json",
                                            body: Array("{\"j\":\"{\\\"k\\\":1}\"}\n\"s\"\n".utf8))
        #expect(Self.map(mixed) == ["body:[0].j#json.k": "1", "body:[1]": "s"])
    }

    @Test("form body with a base64 JSON value (Mixpanel data=) gives #b64 paths")
    func base64Form() {
        // {"event":"x","properties":{"distinct_id":"d-1","$email":"j@e.com"}}
        let json = #"{"event":"x","properties":{"distinct_id":"d-1","$email":"j@e.com"}}"#
        let b64 = base64(Array(json.utf8))
        let body = "data=" + b64.replacingOccurrences(of: "+", with: "%2B").replacingOccurrences(of: "=", with: "%3D") + "&verbose=1"
        let m = Self.map(PayloadExtractor.fields(query: nil, headers: [], contentType: "application/x-www-form-urlencoded", body: Array(body.utf8)))
        #expect(m == ["body:data#b64.event": "x", "body:data#b64.properties.distinct_id": "d-1",
                      "body:data#b64.properties.$email": "j@e.com", "body:verbose": "1"])
    }

    @Test("JSON inside a JSON string and inside a form value gives #json paths")
    func nestedJSON() {
        let body = #"{"payload":"{\"user\":{\"email\":\"a@b.co\"}}","n":"{not json"}"#
        let m = Self.map(PayloadExtractor.fields(query: nil, headers: [], contentType: "application/json", body: Array(body.utf8)))
        #expect(m == ["body:payload#json.user.email": "a@b.co", "body:n": "{not json"])
        let form = "data=%7B%22properties%22%3A%7B%22ip%22%3A%221.2.3.4%22%7D%7D&ip=0"
        let f = Self.map(PayloadExtractor.fields(query: nil, headers: [], contentType: "application/x-www-form-urlencoded", body: Array(form.utf8)))
        #expect(f == ["body:data#json.properties.ip": "1.2.3.4", "body:ip": "0"])
    }

    @Test("query string: percent and plus decoding, bracket keys kept, leading ? accepted")
    func query() {
        let m = Self.map(PayloadExtractor.fields(query: "?ud[em]=abc&dl=https%3A%2F%2Fx.com%2F%3Fa%3D1&q=a+b&cid=1.2&bad=%zz",
                                                  headers: [], contentType: nil, body: []))
        #expect(m == ["query:ud[em]": "abc", "query:dl": "https://x.com/?a=1", "query:q": "a b", "query:cid": "1.2", "query:bad": "%zz"])
        let r = PayloadExtractor.extract(query: "bad=%zz", headers: [], contentType: nil, body: [])
        #expect(r.counters["percent_escape_malformed"] == 1)
    }

    @Test("text/plain body holding JSON, untyped form body, unparseable body counted")
    func sniffing() {
        let m = Self.map(PayloadExtractor.fields(query: nil, headers: [], contentType: "text/plain;charset=UTF-8",
                                                  body: Array(#"  {"anonymousId":"x-1"}"#.utf8)))
        #expect(m == ["body:anonymousId": "x-1"])
        let f = Self.map(PayloadExtractor.fields(query: nil, headers: [], contentType: nil, body: Array("a=1&b=2".utf8)))
        #expect(f == ["body:a": "1", "body:b": "2"])
        let mislabelled = PayloadExtractor.extract(query: nil, headers: [], contentType: "application/json", body: Array("em=abc&ph=def".utf8))
        #expect(Self.map(mislabelled.fields) == ["body:em": "abc", "body:ph": "def"] && mislabelled.counters["content_type_mismatch"] == 1)
        let r = PayloadExtractor.extract(query: nil, headers: [], contentType: "text/plain", body: Array("hello world".utf8))
        #expect(r.fields.isEmpty && r.counters["body_unparsed"] == 1)
    }

    @Test("multipart/form-data: text parts by name, JSON parts descended, files skipped")
    func multipart() {
        let body = "--XyZ\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\njane@example.com\r\n"
            + "--XyZ\r\nContent-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json\r\n\r\n{\"uid\":\"u1\"}\r\n"
            + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n\u{1}\u{2}\r\n"
            + "--XyZ--\r\n"
        let r = PayloadExtractor.extract(query: nil, headers: [], contentType: "multipart/form-data; boundary=\"XyZ\"", body: Array(body.utf8))
        #expect(Self.map(r.fields) == ["body:email": "jane@example.com", "body:meta.uid": "u1"])
        #expect(r.counters["multipart_file_skipped"] == 1)
        #expect(r.counters["multipart_truncated"] == 0)
    }

    @Test("cookies are one field each; identifying headers kept, others ignored")
    func cookiesAndHeaders() {
        let r = PayloadExtractor.fields(query: nil, headers: [("Cookie", "_ga=GA1.1.123.456; _fbp=fb.1.1700000000000.42; e=a%40b.co"),
                                                             ("User-Agent", "Mozilla/5.0 (X11)"), ("X-Forwarded-For", "203.0.113.9"),
                                                             ("Accept", "*/*")], contentType: nil, body: [])
        #expect(Self.map(r) == ["cookie:_ga": "GA1.1.123.456", "cookie:_fbp": "fb.1.1700000000000.42", "cookie:e": "a@b.co",
                                "header:user-agent": "Mozilla/5.0 (X11)", "header:x-forwarded-for": "203.0.113.9"])
        // Names are matched whatever their case; a name longer than any identifying one, or not a token, is
        // matched as text (KELVIN SIGN lower-cases to "k").
        let odd = PayloadExtractor.fields(query: nil, headers: [("x-REAL-ip", "198.51.100.7"), ("COO\u{212A}IE", "a=1"),
                                                               ("X-Some-Very-Long-Header-Name-Here", "v"), ("", "")],
                                          contentType: nil, body: [])
        #expect(Self.map(odd) == ["header:x-real-ip": "198.51.100.7", "cookie:a": "1"])
    }

    @Test("limits: field cap, value cap, layer cap, depth cap are enforced and counted")
    func limits() {
        let many = "[" + (0..<50).map(String.init).joined(separator: ",") + "]"
        let r = PayloadExtractor.extract(query: nil, headers: [], contentType: "application/json", body: Array(many.utf8),
                                         limits: PayloadLimits(maxFields: 10))
        #expect(r.fields.count == 10 && r.counters["fields_cap_reached"] == 1)
        // A long key repeats in every path below it: the bytes of all paths and values are capped too.
        let longKey = String(repeating: "k", count: 4_000)
        let wide = "{\"\(longKey)\":[" + (0..<100).map(String.init).joined(separator: ",") + "]}"
        let w = PayloadExtractor.extract(query: nil, headers: [], contentType: "application/json", body: Array(wide.utf8),
                                         limits: PayloadLimits(maxTotalBytes: 40_000))
        #expect(w.fields.count == 9 && w.counters["fields_bytes_cap_reached"] == 1)
        #expect(w.arena.bytes.count <= 40_000)
        let long = PayloadExtractor.extract(query: "a=" + String(repeating: "x", count: 100), headers: [], contentType: nil, body: [],
                                            limits: PayloadLimits(maxValueBytes: 16))
        #expect(long.fields.first?.value.utf8.count == 16 && long.counters["value_truncated"] == 1)
        let accents = PayloadExtractor.fields(query: "a=" + String(repeating: "é", count: 20), headers: [], contentType: nil, body: [],
                                              limits: PayloadLimits(maxValueBytes: 15))
        #expect(accents.first?.value == String(repeating: "é", count: 7))   // 14 bytes: never half a character
        // JSON in a string in a string: the second layer is refused at maxLayers 1.
        let nested = #"{"a":"{\"b\":\"{\\\"c\\\":1}\"}"}"#
        let l = PayloadExtractor.extract(query: nil, headers: [], contentType: "application/json", body: Array(nested.utf8),
                                         limits: PayloadLimits(maxLayers: 1))
        #expect(Self.map(l.fields) == ["body:a#json.b": #"{"c":1}"#] && l.counters["layers_cap_reached"] == 1)
        let deep = String(repeating: "[", count: 80) + String(repeating: "]", count: 80)
        let d = PayloadExtractor.extract(query: nil, headers: [], contentType: "application/json", body: Array(deep.utf8))
        #expect(d.counters["json_depth_exceeded"] == 1 && d.counters["json_malformed"] == 1)
    }

    @Test("garbage never crashes: random bytes in every format")
    func fuzz() {
        var seed: UInt64 = 7
        let alphabet = Array("{}[]\":,\\u0a1=&%+e\n -".utf8)
        for round in 0..<300 {
            var bytes: [UInt8] = []
            for _ in 0..<(round % 97) {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                bytes.append(alphabet[Int(seed >> 40) % alphabet.count])
            }
            for ct in ["application/json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=a", "text/plain", ""] {
                _ = PayloadExtractor.extract(query: String(decoding: bytes, as: UTF8.self), headers: [("Cookie", String(decoding: bytes, as: UTF8.self))],
                                             contentType: ct, body: bytes)
            }
        }
    }

    func base64(_ b: [UInt8]) -> String {
        let t = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        var i = 0
        while i < b.count {
            let n = min(3, b.count - i)
            var v = UInt32(b[i]) << 16
            if n > 1 { v |= UInt32(b[i + 1]) << 8 }
            if n > 2 { v |= UInt32(b[i + 2]) }
            out.append(t[Int(v >> 18 & 63)]); out.append(t[Int(v >> 12 & 63)])
            out.append(n > 1 ? t[Int(v >> 6 & 63)] : 61); out.append(n > 2 ? t[Int(v & 63)] : 61)
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}

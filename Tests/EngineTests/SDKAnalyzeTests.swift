import Foundation
import Testing
@testable import Engine
import Catalog
import Classify
import Consent
import TLS

/// `consenttap analyze` end to end on the captures recorded from real vendor SDKs
/// (`../shared/captures/sdk`): TLS decrypted with the key logs, every forward found, every true
/// personal field found with its category, nothing personal on the events that carry none.
@Suite("Analyze: SDK captures")
struct SDKAnalyzeTests {
    static let captures = ["plaintext_http", "facebook_business", "ga4_mp", "http2", "mixpanel", "segment"]

    /// Runs analyze in-process over one SDK capture.
    static func forwards(_ name: String, hashKey: [UInt8] = Array("test-key".utf8)) throws -> [ForwardRecord] {
        let dir = try #require(SharedCaptures.directory("sdk"))
        let keyLog = KeyLog()
        if let keys = FileManager.default.contents(atPath: dir.appendingPathComponent(name + ".keys").path) {
            keyLog.add(text: String(decoding: keys, as: UTF8.self))
        }
        let analyzer = ForwardAnalyzer(options: AnalyzeOptions(catalog: CatalogParser.embedded(), hashKey: hashKey))
        var options = HTTPRunOptions()
        options.retainedBodyBytes = 1 << 20
        var out: [ForwardRecord] = []
        _ = try HTTPPipeline.run(paths: [dir.appendingPathComponent(name + ".pcap").path], options: options, keyLog: keyLog,
                                 onTLS: { if let f = analyzer.analyze(tls: $0, learnedHost: nil) { out.append(f) } },
                                 onRequest: { if let f = analyzer.analyze($0, learnedHost: nil) { out.append(f) } })
        return out
    }

    /// Truth category names -> taxonomy (the truth spells hashed variants `<category>_sha256`).
    static func category(_ c: String) -> String {
        let aliases = ["first_name": "name_first", "last_name": "name_last", "name": "name_full", "street": "street_address",
                       "zip": "postal_code", "client_id": "cookie_id", "external_id": "user_id"]
        if c == "email_sha256" || c == "phone_sha256" { return c }
        let base = c.hasSuffix("_sha256") ? String(c.dropLast(7)) : c
        return aliases[base] ?? base
    }

    /// The forward for a truth row: same method, path and client; among several (HTTP/2 streams sent
    /// together), the one carrying the row's first personal value.
    static func pick(_ want: [String: Any], from forwards: [ForwardRecord], hashKey: [UInt8] = Array("test-key".utf8)) -> Int? {
        let wantPath = want["path"] as? String ?? ""
        let candidates = forwards.indices.filter {
            forwards[$0].method == want["method"] as? String && (forwards[$0].path ?? "").hasPrefix(wantPath)
                && forwards[$0].client.description == want["client"] as? String
        }
        guard candidates.count > 1, let first = (want["personal_data"] as? [[String: Any]])?.first,
              let value = first["value"] as? String else { return candidates.first }
        let hash = HMACSHA256(key: hashKey).hex(value)
        return candidates.first { i in forwards[i].personalData.contains { $0.valueHash.hex == hash } } ?? candidates.first
    }

    static func path(_ p: String) -> String {
        var s = p
        if s.hasPrefix("body.") { s.removeFirst(5) }
        return s.replacingOccurrences(of: "~json", with: "#json").replacingOccurrences(of: "~b64", with: "#b64")
    }

    @Test("every SDK request is a forward with its vendor, and every true personal field is found", arguments: captures)
    func capture(_ name: String) throws {
        let dir = try #require(SharedCaptures.directory("sdk"))
        let truth = try SharedCaptures.jsonLines(dir.appendingPathComponent(name + ".truth.jsonl"))
        var unused = try Self.forwards(name)
        #expect(unused.allSatisfy { $0.payloadVisible }, "every connection should decrypt with its key log")
        var expected = 0, found = 0
        for want in truth {
            let method = want["method"] as? String
            let wantPath = want["path"] as? String ?? ""
            guard let i = Self.pick(want, from: unused) else {
                Issue.record("\(name): no forward for \(method ?? "") \(want["host"] ?? "") \(wantPath)")
                continue
            }
            let got = unused.remove(at: i)
            #expect(got.host == want["host"] as? String)
            #expect(got.vendor != "unknown", "\(name) \(wantPath): recipient not recognised")
            let personal = want["personal_data"] as? [[String: Any]] ?? []
            if personal.isEmpty {
                let bodyFindings = got.personalData.filter { $0.location == "body" || $0.location == "query" }
                #expect(bodyFindings.isEmpty, "\(name) \(wantPath): personal data reported on an event without any: \(bodyFindings.map { "\($0.path)=\($0.category)" })")
            }
            for p in personal {
                expected += 1
                let path = Self.path(p["path"] as? String ?? "")
                let cat = Self.category(p["category"] as? String ?? "")
                if let f = got.personalData.first(where: { $0.location == "body" && $0.path == path }) {
                    #expect(f.category.rawValue == cat, "\(name) \(path): \(f.category.rawValue) instead of \(cat)")
                    found += 1
                } else {
                    Issue.record("\(name) \(wantPath): personal field not found: \(path) (\(cat))")
                }
            }
        }
        #expect(found == expected)
        #expect(unused.isEmpty, "\(name): forwards not in the truth: \(unused.map { "\($0.method ?? "") \($0.host ?? "") \($0.path ?? "")" })")
    }

    @Test("no raw e-mail, phone or name reaches the output")
    func redaction() throws {
        let dir = try #require(SharedCaptures.directory("sdk"))
        let people = try SharedCaptures.json(dir.appendingPathComponent("plaintext_http.people.json"))["people"] as? [[String: Any]] ?? []
        var json = JSONWriter()
        for f in try Self.forwards("plaintext_http") { f.write(to: &json) }
        let text = String(decoding: json.bytes, as: UTF8.self)
        #expect(!people.isEmpty)
        for person in people {
            for key in ["email", "phone", "name", "last_name", "street"] {
                guard let value = person[key] as? String, value.count > 3 else { continue }
                #expect(!text.contains(value), "raw \(key) in analyze output")
            }
        }
    }
}

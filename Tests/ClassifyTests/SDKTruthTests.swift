import Foundation
import Testing
import Payload
@testable import Classify

/// Runs extraction + classification on the request bodies of the SDK captures' truth files
/// (`../shared/captures/sdk/*.truth.jsonl`), re-serialised as the SDK sent them.
@Suite("SDK capture truth")
struct SDKTruthTests {
    static let sdkDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/captures/sdk")

    /// Truth category names -> our taxonomy (and whether the truth says the value is SHA-256 hashed).
    static func mapCategory(_ c: String) -> (PIICategory?, hashed: Bool) {
        let aliases: [String: PIICategory] = ["first_name": .name_first, "last_name": .name_last, "name": .name_full,
                                              "street": .street_address, "zip": .postal_code, "client_id": .cookie_id,
                                              "external_id": .user_id]
        if let c = PIICategory(rawValue: c) { return (c, false) }
        if let c = aliases[c] { return (c, false) }
        if c.hasSuffix("_sha256") {
            let base = String(c.dropLast("_sha256".count))
            return (PIICategory(rawValue: base) ?? aliases[base], true)
        }
        return (nil, false)
    }

    /// `body.data~json.properties.ip` -> `data#json.properties.ip`
    static func mapPath(_ p: String) -> String {
        var s = p
        if s.hasPrefix("body.") { s.removeFirst(5) }
        return s.replacingOccurrences(of: "~json", with: "#json").replacingOccurrences(of: "~b64", with: "#b64")
    }

    static func formEncode(_ dict: [String: Any]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return dict.keys.sorted().map { k in
            let v: String
            switch dict[k] {
            case let s as String: v = s
            case let n as NSNumber: v = n.stringValue
            case let o?: v = String(data: (try? JSONSerialization.data(withJSONObject: o)) ?? Data(), encoding: .utf8) ?? ""
            case nil: v = ""
            }
            return k.addingPercentEncoding(withAllowedCharacters: allowed)! + "=" + v.addingPercentEncoding(withAllowedCharacters: allowed)!
        }.joined(separator: "&")
    }

    struct Outcome {
        var expected = 0, found = 0, categoryMatch = 0, hashedMatch = 0, expectedHashed = 0
        var negativeRequests = 0, falsePositivesOnNegatives = 0
        var extraPersonal = 0
        var misses: [String] = []
    }

    static func run() throws -> Outcome {
        let files = try FileManager.default.contentsOfDirectory(atPath: sdkDirectory.path).filter { $0.hasSuffix(".truth.jsonl") }.sorted()
        #expect(files.count >= 6, "expected the six SDK truth files")
        var o = Outcome()
        let classifier = FieldClassifier()
        for file in files {
            let text = try String(contentsOf: sdkDirectory.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") {
                let r = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                guard let body = r["body"] as? [String: Any] else { continue }
                let kind = r["body_kind"] as? String
                let bytes: [UInt8] = kind == "form"
                    ? Array(formEncode(body).utf8)
                    : Array(try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]))
                let fields = PayloadExtractor.fields(query: r["query"] as? String, headers: [], contentType: r["content_type"] as? String,
                                                     body: bytes)
                var byPath: [String: ExtractedField] = [:]
                for f in fields where f.location == .body { byPath[f.path] = f }
                let vendor = r["vendor"] as? String
                let truth = r["personal_data"] as? [[String: Any]] ?? []
                var truthPaths = Set<String>()
                for p in truth {
                    o.expected += 1
                    let path = mapPath(p["path"] as! String)
                    truthPaths.insert(path)
                    let (want, hashed) = mapCategory(p["category"] as! String)
                    guard let f = byPath[path] else { o.misses.append("\(file): not extracted \(path)"); continue }
                    let c = classifier.classify(path: f.path, value: f.value, vendor: vendor, location: f.location)
                    if c.category != .none { o.found += 1 } else { o.misses.append("\(file): none for \(path) (\(p["category"]!))") }
                    if c.category == want { o.categoryMatch += 1 }
                    else if c.category != .none { o.misses.append("\(file): \(path) \(c.category) != \(p["category"]!)") }
                    if hashed { o.expectedHashed += 1; if c.hashed == .sha256 { o.hashedMatch += 1 } }
                }
                for f in fields where !truthPaths.contains(f.path) {
                    let c = classifier.classify(path: f.path, value: f.value, vendor: vendor, location: f.location)
                    if c.category != .none {
                        if truth.isEmpty { o.falsePositivesOnNegatives += 1 } else { o.extraPersonal += 1 }
                        o.misses.append("\(file): extra \(c.category) at \(f.path)")
                    }
                }
                if truth.isEmpty { o.negativeRequests += 1 }
            }
        }
        return o
    }

    @Test("every true personal field is extracted and found personal; none on events without personal data")
    func sdkTruth() throws {
        guard FileManager.default.fileExists(atPath: Self.sdkDirectory.path) else {
            Issue.record("SDK captures missing at \(Self.sdkDirectory.path)")
            return
        }
        let o = try Self.run()
        for m in o.misses.prefix(40) { print("sdk: \(m)") }
        print("sdk: hashed=\(o.hashedMatch)/\(o.expectedHashed) expected=\(o.expected) found=\(o.found) category=\(o.categoryMatch) extra=\(o.extraPersonal) negatives=\(o.negativeRequests) fp_on_negatives=\(o.falsePositivesOnNegatives)")
        #expect(o.expected > 1000)
        #expect(o.found == o.expected)
        #expect(o.falsePositivesOnNegatives == 0)
        #expect(o.categoryMatch == o.expected)
        #expect(o.extraPersonal == 0)
        #expect(o.expectedHashed > 100 && o.hashedMatch == o.expectedHashed)
    }
}

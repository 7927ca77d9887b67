import Foundation
import Primitives
import Testing
@testable import Consent

/// Real data: the people of each `../shared/captures/sdk/*.people.json` become consent-feed lines;
/// the identifiers the SDKs actually sent (from `*.truth.jsonl`, hashed `em`/`ph` included) must
/// find their person in the timeline. The only misses allowed are the captures' deliberate
/// non-people (empty ids, the all-zero anonymous id, the dummy GA client id).
@Suite("Shared capture identifier matching")
struct SharedCaptureMatchingTests {
    static var sdkDirectory: URL {
        SharedResearch.directory.deletingLastPathComponent().appendingPathComponent("captures/sdk")
    }

    static let captures = ["facebook_business", "ga4_mp", "segment", "mixpanel", "plaintext_http", "http2"]

    /// Payload keys that carry a subject identifier, and their kind.
    static let keyKinds: [String: SubjectIdentifier.Kind] = [
        "em": .email, "ph": .phone, "external_id": .externalId, "fbp": .fbp, "userId": .userId, "user_id": .userId,
        "distinct_id": .userId, "anonymousId": .anonymousId, "$device_id": .deviceId, "client_id": .gaClientId,
        "email": .email, "$distinct_id": .userId, "$email": .email, "$phone": .phone,
    ]

    static func load(_ name: String) -> String? {
        let url = sdkDirectory.appendingPathComponent(name)
        guard let data = try? Data(contentsOf: url) else {
            Issue.record("shared capture file missing: \(url.path)")
            return nil
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Walks a payload; strings that are themselves JSON (form `data=` fields) are parsed and walked.
    static func identifiers(in value: ConsentJSON, key: String? = nil, into out: inout [SubjectIdentifier]) {
        switch value {
        case .string(let s):
            let t = s.trimmingWhitespace()
            if (t.hasPrefix("{") || t.hasPrefix("[")), let inner = try? ConsentJSON.parse(t) {
                identifiers(in: inner, key: key, into: &out)
            } else if let key, let kind = keyKinds[key] {
                out.append(SubjectIdentifier(kind, s))
            }
        case .array(let a): for v in a { identifiers(in: v, key: key, into: &out) }
        case .object(let o): for (k, v) in o { identifiers(in: v, key: k, into: &out) }
        default: break
        }
    }

    static func feedLines(people: ConsentJSON) -> [String] {
        (people["people"]?.arrayValue ?? []).map { p in
            var subject: [String: ConsentJSON] = [:]
            for (feedKey, personKey) in [("email", "email"), ("phone", "phone_e164"), ("user_id", "user_id"),
                                         ("external_id", "external_id"), ("anonymous_id", "anonymous_id"),
                                         ("device_id", "device_id"), ("ga_client_id", "ga_client_id"), ("fbp", "fbp")] {
                if let v = p[personKey] { subject[feedKey] = v }
            }
            return ConsentJSON.object([
                "ts": .string("2026-11-29T00:00:00Z"), "subject": .object(subject), "regime": .string("opt_in"),
                "purposes": .object(["analytics": .bool(true)]), "source": p["id"] ?? .null,
            ]).json
        }
    }

    static func isDeliberateNonPerson(_ id: SubjectIdentifier) -> Bool {
        id.value.isEmpty || id.value.hasPrefix("00000000-0000-4000-8") || id.value == "555.1718000000"
    }

    @Test("identifiers sent by the SDKs find their person", arguments: captures)
    func matching(capture: String) throws {
        guard let peopleText = Self.load(capture + ".people.json"), let truth = Self.load(capture + ".truth.jsonl") else { return }
        let people = try ConsentJSON.parse(peopleText)
        let (records, problems) = ConsentFeedParser.parse(lines: Self.feedLines(people: people))
        #expect(problems.isEmpty, "\(problems)")
        #expect(records.count == people["people"]?.arrayValue?.count)
        let timeline = ConsentTimeline(records: records)
        let at = Timestamp(rfc3339: "2026-11-30T00:00:00Z")!
        var resolved = 0
        for line in truth.split(separator: "\n") where !line.isEmpty {
            let request = try ConsentJSON.parse(String(line))
            let events: [ConsentJSON]
            if let data = request["body"]?["data"] {
                // Meta: data is an array (or a JSON string of one) of events (or JSON strings of events).
                var list: [ConsentJSON] = []
                Self.flattenEvents(data, into: &list)
                events = list
            } else {
                events = [request["body"] ?? .null]
            }
            for event in events {
                var ids: [SubjectIdentifier] = []
                Self.identifiers(in: event, into: &ids)
                let eventPerson = event["event_id"]?.stringValue.flatMap { $0.split(separator: "-").last.map(String.init) }
                for id in ids where !Self.isDeliberateNonPerson(id) {
                    let state = timeline.state(for: [id], at: at)
                    #expect(state.record != nil, "\(capture): \(id) (\(id.kind.rawValue)) found no person")
                    if let person = eventPerson, person.hasPrefix("p"), let record = state.record {
                        #expect(record.source == person, "\(capture): \(id) matched \(record.source ?? "?"), event of \(person)")
                    }
                    if state.record != nil { resolved += 1 }
                }
            }
        }
        #expect(resolved >= 20, "\(capture): only \(resolved) identifiers resolved")
    }

    static func flattenEvents(_ v: ConsentJSON, into out: inout [ConsentJSON]) {
        switch v {
        case .string(let s): if let inner = try? ConsentJSON.parse(s) { flattenEvents(inner, into: &out) }
        case .array(let a): for x in a { flattenEvents(x, into: &out) }
        case .object: out.append(v)
        default: break
        }
    }
}

import Foundation
import Testing
@testable import Engine
import Catalog
import Consent
import Primitives

/// Consent verdicts end to end on the SDK captures: a consent feed is built from each capture's
/// `people.json` (some people grant everything, some deny everything, some have no record, some
/// change their mind between two of their events), `analyze` runs over the capture, and every
/// forward's verdict must be the worst of what its people (the truth's `people` list) chose at the
/// forward's time.
@Suite("Consent: SDK captures")
struct SDKConsentTests {
    enum Choice { case grant, deny, noRecord, changesMind(at: Timestamp) }

    static func choices(people: [String], truth: [[String: Any]]) -> [String: Choice] {
        var times: [String: [Timestamp]] = [:]
        for row in truth {
            let ts = Timestamp(rfc3339: (row["time"] as? String ?? "").replacingOccurrences(of: "+00:00", with: "Z"))!
            for p in row["people"] as? [String] ?? [] { times[p, default: []].append(ts) }
        }
        var out: [String: Choice] = [:]
        for (i, id) in people.enumerated() {
            switch i % 4 {
            case 0: out[id] = .grant
            case 1: out[id] = .deny
            case 2: out[id] = .noRecord
            default:
                // Denies just before their second event (or at their first when they appear once).
                let t = (times[id] ?? []).sorted()
                let at = t.count >= 2 ? t[1].adding(nanoseconds: -1_000_000) : (t.first ?? .zero).adding(nanoseconds: -1_000_000)
                out[id] = .changesMind(at: at)
            }
        }
        return out
    }

    static func feed(people: [[String: Any]], choices: [String: Choice], start: Timestamp) -> String {
        var lines: [String] = []
        func record(_ person: [String: Any], _ ts: Timestamp, grant: Bool) -> String {
            var subject: [String: Any] = [:]
            for key in ["user_id", "email", "phone", "ga_client_id", "anonymous_id", "fbp", "device_id", "external_id"] {
                if let v = person[key] as? String { subject[key] = v }
            }
            let purposes = ["analytics", "advertising", "personalization", "sale_share", "marketing"].reduce(into: [String: Bool]()) { $0[$1] = grant }
            let obj: [String: Any] = ["ts": ts.rfc3339, "subject": subject, "regime": "opt_in", "purposes": purposes, "source": "test"]
            return String(decoding: try! JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys]), as: UTF8.self)
        }
        let before = start.adding(nanoseconds: -60_000_000_000)
        for person in people {
            guard let id = person["id"] as? String, let choice = choices[id] else { continue }
            switch choice {
            case .grant: lines.append(record(person, before, grant: true))
            case .deny: lines.append(record(person, before, grant: false))
            case .noRecord: break
            case .changesMind(let at):
                lines.append(record(person, before, grant: true))
                lines.append(record(person, at, grant: false))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func expected(people: [String], personal: Bool, at ts: Timestamp, choices: [String: Choice]) -> ConsentVerdictKind {
        guard personal else { return .noPersonalData }
        guard !people.isEmpty else { return .unattributed }
        var worst = ConsentVerdictKind.allowed
        for p in people {
            let v: ConsentVerdictKind
            switch choices[p] ?? .noRecord {
            case .grant: v = .allowed
            case .deny: v = .violation
            case .noRecord: v = .noConsentRecord
            case .changesMind(let at): v = ts < at ? .allowed : .violation
            }
            if v.severity > worst.severity { worst = v }
        }
        return worst
    }

    @Test("every forward's verdict is the worst of its people's choices at its time", arguments: SDKAnalyzeTests.captures)
    func verdicts(_ name: String) throws {
        let dir = try #require(SharedCaptures.directory("sdk"))
        let truth = try SharedCaptures.jsonLines(dir.appendingPathComponent(name + ".truth.jsonl"))
        let people = try SharedCaptures.json(dir.appendingPathComponent(name + ".people.json"))["people"] as? [[String: Any]] ?? []
        let ids = people.compactMap { $0["id"] as? String }
        let choices = Self.choices(people: ids, truth: truth)
        let start = truth.compactMap { Timestamp(rfc3339: ($0["time"] as? String ?? "").replacingOccurrences(of: "+00:00", with: "Z")) }.min()!
        let (records, problems) = ConsentFeedParser.parse(text: Self.feed(people: people, choices: choices, start: start))
        #expect(problems.filter { $0.severity == .error }.isEmpty, "\(problems)")
        let timeline = ConsentTimeline(records: records)
        let evaluator = ConsentEvaluator(defaultRegime: .optIn)
        var forwards = try SDKAnalyzeTests.forwards(name)
        for want in truth {
            let wantPath = want["path"] as? String ?? ""
            guard let i = SDKAnalyzeTests.pick(want, from: forwards) else {
                Issue.record("\(name): no forward for \(wantPath)")
                continue
            }
            let f = forwards.remove(at: i)
            let verdict = evaluator.evaluate(ConsentForward(
                category: f.purpose ?? "unknown", time: f.firstPacket.time, subjects: f.subjects,
                hasPersonalData: !f.personalData.isEmpty, inBand: f.inBand, tcfVendorId: f.tcfVendorID), timeline: timeline)
            let wantVerdict = Self.expected(people: want["people"] as? [String] ?? [],
                                            personal: !(want["personal_data"] as? [Any] ?? []).isEmpty,
                                            at: f.firstPacket.time, choices: choices)
            #expect(verdict.verdict == wantVerdict, "\(name) \(wantPath) people \(want["people"] ?? []): \(verdict.verdict) instead of \(wantVerdict); reasons \(verdict.reasons)")
        }
    }
}

import Primitives
import Testing
@testable import Consent

/// End to end over the Consent stage with real payloads: consent feeds are built from each
/// capture's `people.json` (by person index: grants everything / denies everything / no record /
/// grants, then revokes between two requests), every request of `truth.jsonl` is judged from the
/// identifiers and in-band signals in its body, and the verdict must equal the one derived from the
/// truth's own `people` list (an oracle independent of our identifier matching).
@Suite("Shared capture verdicts")
struct SharedCaptureVerdictTests {
    enum Pattern: Int, CaseIterable { case grants, denies, noRecord, changesMind }

    static let categories = ["meta_capi": "advertising_conversion", "ga4_mp": "analytics", "segment": "cdp_pipeline",
                             "mixpanel": "analytics"]

    static func pattern(_ personId: String) -> Pattern {
        Pattern(rawValue: (Int(personId.dropFirst()) ?? 0) % 4)!
    }

    @Test("verdicts per request follow each person's consent history", arguments: SharedCaptureMatchingTests.captures)
    func verdicts(capture: String) throws {
        guard let peopleText = SharedCaptureMatchingTests.load(capture + ".people.json"),
              let truthText = SharedCaptureMatchingTests.load(capture + ".truth.jsonl") else { return }
        let people = try ConsentJSON.parse(peopleText)
        let requests = try truthText.split(separator: "\n").filter { !$0.isEmpty }.map { try ConsentJSON.parse(String($0)) }
        let times = requests.compactMap { r -> Timestamp? in
            if case .double(let d)? = r["ts"] { return Timestamp(nanoseconds: Int64(d * 1e9)) }
            return r["ts"]?.intValue.map { Timestamp(seconds: Int64($0), nanoseconds: 0) }
        }.sorted()
        try #require(times.count == requests.count && times.count >= 2)
        // Revocation halfway between the two middle requests (never on a request's own time).
        let mid = times.count / 2
        let change = Timestamp(nanoseconds: (times[mid - 1].nanoseconds + times[mid].nanoseconds) / 2)

        // Feed built from people.json.
        var lines: [String] = []
        for line in SharedCaptureMatchingTests.feedLines(people: people) {
            let record = try ConsentJSON.parse(line)
            guard case .object(var o) = record, let id = record["source"]?.stringValue else { continue }
            let all = { (b: Bool) in ConsentJSON.object(["analytics": .bool(b), "advertising": .bool(b), "marketing": .bool(b),
                                                          "personalization": .bool(b), "sale_share": .bool(b)]) }
            switch Self.pattern(id) {
            case .grants: o["purposes"] = all(true); lines.append(ConsentJSON.object(o).json)
            case .denies: o["purposes"] = all(false); lines.append(ConsentJSON.object(o).json)
            case .noRecord: break
            case .changesMind:
                o["purposes"] = all(true)
                lines.append(ConsentJSON.object(o).json)
                o["purposes"] = all(false)
                o["ts"] = .double(Double(change.nanoseconds) / 1e9)
                lines.append(ConsentJSON.object(o).json)
            }
        }
        let (records, problems) = ConsentFeedParser.parse(lines: lines)
        #expect(problems.isEmpty, "\(problems)")
        let timeline = ConsentTimeline(records: records)
        let evaluator = ConsentEvaluator()

        var judged = 0
        var seen: Set<ConsentVerdictKind> = []
        for (request, time) in zip(requests, requests.map { r -> Timestamp in
            if case .double(let d)? = r["ts"] { return Timestamp(nanoseconds: Int64(d * 1e9)) }
            return Timestamp(seconds: Int64(r["ts"]?.intValue ?? 0), nanoseconds: 0)
        }) {
            guard let vendor = request["vendor"]?.stringValue, let category = Self.categories[vendor] else { continue }
            var events: [ConsentJSON] = []
            if let data = request["body"]?["data"] { SharedCaptureMatchingTests.flattenEvents(data, into: &events) }
            else if let batch = request["body"]?["batch"]?.arrayValue { events = batch }
            else { events = [request["body"] ?? .null] }
            var subjects: [[SubjectIdentifier]] = []
            for e in events {
                var ids: [SubjectIdentifier] = []
                SharedCaptureMatchingTests.identifiers(in: e, into: &ids)
                ids.removeAll(where: SharedCaptureMatchingTests.isDeliberateNonPerson)
                if !ids.isEmpty { subjects.append(ids) }
            }
            let truthPeople = (request["people"]?.arrayValue ?? []).compactMap(\.stringValue)
            guard !truthPeople.isEmpty else { continue }

            let perPerson: [ConsentVerdictKind] = truthPeople.map { p in
                switch Self.pattern(p) {
                case .grants: return .allowed
                case .denies: return .violation
                case .noRecord: return .noConsentRecord
                case .changesMind: return time < change ? .allowed : .violation
                }
            }
            let expected = perPerson.max { $0.severity < $1.severity }!
            let verdict = evaluator.evaluate(ConsentForward(category: category, time: time, subjects: subjects,
                                                            hasPersonalData: true, inBand: InBandSignals.extract(body: request["body"])),
                                             timeline: timeline)
            let context = "\(capture) seq \(request["seq"]?.intValue ?? -1) \(vendor) people \(truthPeople)"
            #expect(verdict.verdict == expected, "\(context): \(verdict.verdict) \(verdict.reasons.prefix(3))")
            // Each subject's own verdict is one of the people's (batches carry several people).
            #expect(Set(verdict.subjects.map(\.verdict)) == Set(perPerson), "\(context): \(verdict.subjects.map(\.verdict))")
            #expect(!verdict.json.contains("@"), "verdict output must not carry raw e-mails")
            judged += 1
            seen.formUnion(verdict.subjects.map(\.verdict))
        }
        #expect(judged >= 4, "\(capture): only \(judged) requests judged")
        #expect(seen.count >= 3, "\(capture): subject verdicts not varied: \(seen)")
    }
}

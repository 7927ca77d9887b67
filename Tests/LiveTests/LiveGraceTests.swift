import Foundation
import Synchronization
import Testing
import Primitives
import Capture
import Catalog
import Consent
import Engine
@testable import Live

/// `--grace`: forwards with personal data wait, and are judged with the consent state of the moment
/// they leave the queue, so records that arrive late (dated before the forward) still count.
@Suite("LiveWorker: consent grace period")
struct LiveGraceTests {
    final class TestClock: Sendable {
        let now = Atomic<Int64>(0)
        func read() -> Timestamp { Timestamp(nanoseconds: now.load(ordering: .acquiring)) }
    }

    @Test("a late consent record, dated before the forward, decides its verdict")
    func lateRecord() throws {
        let pcap = LiveWorkerTests.sdk.appendingPathComponent("plaintext_http.pcap")
        let peopleURL = LiveWorkerTests.sdk.appendingPathComponent("plaintext_http.people.json")
        try #require(FileManager.default.fileExists(atPath: pcap.path), "shared capture plaintext_http.pcap missing")
        let peopleJSON = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: peopleURL)) as? [String: Any])
        let people = try #require(peopleJSON["people"] as? [[String: Any]])

        let analyzer = ForwardAnalyzer(options: AnalyzeOptions(catalog: CatalogParser.embedded(), hashKey: [7]))
        let evaluator = ConsentEvaluator(defaultRegime: .optIn)
        let box = AnalysisBox(LiveAnalysis(analyzer: analyzer, consent: (evaluator, ConsentTimeline())))
        let outPath = FileManager.default.temporaryDirectory.appendingPathComponent("grace-\(UUID().uuidString).jsonl").path
        let fd = open(outPath, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
        try #require(fd >= 0)
        defer { close(fd); try? FileManager.default.removeItem(atPath: outPath) }
        let sink = ForwardSink(fd: fd)
        let queue = PacketRing(slots: 1 << 14, bytes: 16 << 20)
        let worker = LiveWorker(index: 0, of: 1, queues: [queue])
        let clock = TestClock()
        var options = HTTPRunOptions()
        options.retainedBodyBytes = 1 << 20
        let runOptions = options
        let thread = LiveThread.spawn(name: "grace-worker") {
            worker.run(options: runOptions, analysis: box, sink: sink, grace: 10_000_000_000, clock: { clock.read() })
        }
        let reader = try CaptureReader(paths: [pcap.path])
        var first: Timestamp?
        while let p = reader.next() {
            if first == nil { first = p.timestamp }
            _ = queue.push(p.bytes, timestamp: p.timestamp, originalLength: p.originalLength, linkType: p.linkType)
        }
        while queue.count > 0 { sleepMicroseconds(1000) }
        sleepMicroseconds(50_000)
        let written = try String(contentsOfFile: outPath, encoding: .utf8)
        #expect(!written.contains("\"personal_data\":[{"), "forwards with personal data must wait for the grace period")

        // The consent records arrive now, dated an hour before the capture: everyone granted everything.
        let before = try #require(first).adding(seconds: -3600)
        let lines = people.map { p -> String in
            let subject = ["user_id", "email", "phone", "anonymous_id", "device_id", "ga_client_id", "fbp", "external_id"]
                .reduce(into: [String: Any]()) { $0[$1] = p[$1] }
            let purposes = ["analytics", "advertising", "personalization", "sale_share", "marketing"].reduce(into: [String: Bool]()) { $0[$1] = true }
            let o: [String: Any] = ["ts": before.rfc3339, "subject": subject, "regime": "opt_in", "purposes": purposes]
            return String(decoding: try! JSONSerialization.data(withJSONObject: o), as: UTF8.self)
        }
        let records = ConsentFeedParser.parse(lines: lines).records
        box.update { analysis in analysis.consent?.timeline = ConsentTimeline(records: records) }
        clock.now.store(11_000_000_000, ordering: .releasing)   // past the grace period
        sleepMicroseconds(100_000)
        worker.stop()
        thread.join()
        let rows = try String(contentsOfFile: outPath, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let personal = rows.filter { !(($0["personal_data"] as? [Any]) ?? []).isEmpty }
        #expect(personal.count >= 15)
        #expect(personal.allSatisfy { ($0["verdict"] as? String) != "no_consent_record" })
        #expect(personal.contains { ($0["verdict"] as? String) == "allowed" })
    }
}

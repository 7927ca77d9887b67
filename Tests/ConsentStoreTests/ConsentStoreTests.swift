import Consent
import ConsentStore
import Foundation
import Primitives
import Testing

@Suite("ConsentStore")
struct ConsentStoreTests {
    static let received = Timestamp(rfc3339: "2026-11-29T08:00:00Z")!

    static func entries(_ lines: [String]) throws -> [ConsentFeedEntry] {
        try lines.enumerated().map { i, l in try #require(ConsentFeedEntry.parse(line: l, number: i + 1).entry) }
    }

    @Test("canonical line ignores spacing and key order")
    func canonical() throws {
        let a = try #require(ConsentFeedEntry.parse(line: Lines.annGrant, number: 1).entry)
        let b = try #require(ConsentFeedEntry.parse(line: Lines.annGrantRespaced, number: 7).entry)
        #expect(a.canonicalLine == b.canonicalLine)
        #expect(a.canonicalLine == a.record.feedLine)
        #expect(a.canonicalLine.hasPrefix(#"{"purposes":{"advertising":true,"analytics":true},"regime":"opt_in""#))
        // Ignored extra keys are not part of the canonical line (nor stored).
        let extra = try #require(ConsentFeedEntry.parse(line: Lines.unknownKey, number: 1).entry)
        #expect(!extra.canonicalLine.contains("colour"))
        // The canonical line parses back to an equal record.
        let back = try #require(ConsentFeedEntry.parse(line: a.canonicalLine, number: 1).entry)
        #expect(back.record == a.record)
        #expect(back.canonicalLine == a.canonicalLine)
        #expect(ConsentFeedEntry.parse(line: Lines.noTs, number: 3).entry == nil)
        #expect(ConsentFeedEntry.parse(line: Lines.noTs, number: 3).problems.first?.line == 3)
        let blank = ConsentFeedEntry.parse(line: "   ", number: 4)
        #expect(blank.entry == nil && blank.problems.isEmpty)
    }

    @Test("records persist across restarts and keep their history")
    func persistence() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = dir.file("consent.db")
        do {
            let store = try ConsentStore(path: path)
            let r = try store.ingest(Self.entries([Lines.annGrant, Lines.bob]), channel: "file:feed.jsonl", receivedAt: Self.received)
            #expect(r == .init(inserted: 2, duplicates: 0))
            let r2 = try store.ingest(Self.entries([Lines.annDeny]), channel: "http", receivedAt: Self.received)
            #expect(r2 == .init(inserted: 1, duplicates: 0))
        }
        // Mode 0600: the database holds raw identifiers.
        let attrs = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attrs[.posixPermissions] as? NSNumber)?.intValue == 0o600)

        let reopened = try ConsentStore(path: path)
        #expect(try reopened.storedCount() == 3)
        #expect(reopened.loadProblems.isEmpty)
        let timeline = reopened.snapshot()
        #expect(timeline.records.count == 3)
        let ann = [SubjectIdentifier(.email, "ann@example.com")]
        let at11 = timeline.state(for: ann, at: Timestamp(rfc3339: "2026-11-28T11:00:00Z")!)
        #expect(at11.record?.decision(.advertising) == .granted)
        let at13Time = Timestamp(rfc3339: "2026-11-28T13:00:00Z")!
        let at13 = timeline.state(for: ann, at: at13Time)
        #expect(at13.record?.decision(.advertising) == .denied)
        #expect(timeline.history(for: ann).count == 2)
        // A Meta-style hash of the normalised e-mail (sha256("ann@example.com")) finds the same
        // person after the restart; an unrelated hash does not.
        let hashed = [SubjectIdentifier(.emailSHA256, "71d4f55f72fa128dfb468a1a3901507c804b74316488744d769d7f4b16696476")]
        #expect(timeline.state(for: hashed, at: at13Time).record?.decision(.advertising) == .denied)
        let other = [SubjectIdentifier(.emailSHA256, String(repeating: "ab", count: 32))]
        #expect(!timeline.state(for: other, at: at13Time).hasAnyRecord)
    }

    @Test("the same record twice is stored once, also across restarts")
    func idempotent() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = dir.file("consent.db")
        let store = try ConsentStore(path: path)
        let r = try store.ingest(Self.entries([Lines.annGrant, Lines.annGrantRespaced, Lines.annGrant]), channel: "http",
                                 receivedAt: Self.received)
        #expect(r == .init(inserted: 1, duplicates: 2))
        #expect(store.snapshot().records.count == 1)
        let again = try ConsentStore(path: path)
        let r2 = try again.ingest(Self.entries([Lines.annGrant, Lines.carol]), channel: "http", receivedAt: Self.received)
        #expect(r2 == .init(inserted: 1, duplicates: 1))
        #expect(try again.storedCount() == 2)
        #expect(again.counters["consent_store_duplicates"] == 1)
    }

    @Test("apply(to:since:) brings a worker's timeline up to date")
    func applyIncrementally() throws {
        let store = try ConsentStore(path: ":memory:")
        try store.ingest(Self.entries([Lines.annGrant]), channel: "http", receivedAt: Self.received)
        var mine = store.snapshot()
        var generation = store.generation
        #expect(generation == 1)
        try store.ingest(Self.entries([Lines.annDeny, Lines.bob]), channel: "http", receivedAt: Self.received)
        generation = store.apply(to: &mine, since: generation)
        #expect(generation == 3)
        #expect(mine.records.count == 3)
        #expect(store.apply(to: &mine, since: generation) == 3)
        #expect(mine.records.count == 3)
    }

    @Test("concurrent ingest and snapshot from many threads")
    func concurrent() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let store = try ConsentStore(path: dir.file("c.db"))
        let group = DispatchGroup()
        for t in 0..<4 {
            group.enter()
            DispatchQueue.global().async {
                for i in 0..<50 {
                    let line = #"{"ts":"2026-11-28T10:00:00Z","subject":{"device_id":"d-\#(t)-\#(i)"},"purposes":{"analytics":true}}"#
                    if let e = ConsentFeedEntry.parse(line: line, number: i + 1).entry {
                        _ = try? store.ingest([e], channel: "t\(t)", receivedAt: Self.received)
                    }
                    _ = store.snapshot().records.count
                }
                group.leave()
            }
        }
        group.wait()
        #expect(try store.storedCount() == 200)
        #expect(store.snapshot().records.count == 200)
    }

    @Test("a path that cannot be opened gives an error with evidence")
    func badPath() throws {
        #expect(throws: ConsentStoreError.self) { try ConsentStore(path: "/nonexistent-dir-\(UUID().uuidString)/c.db") }
    }
}

import Primitives
import Testing
@testable import Consent

@Suite("ConsentGraceQueue")
struct ConsentGraceQueueTests {
    static func t(_ s: Int64) -> Timestamp { Timestamp(seconds: s, nanoseconds: 0) }

    @Test("items are released once their grace period has passed, oldest first")
    func release() {
        var q = ConsentGraceQueue<String>(graceSeconds: 30)
        _ = q.add("b", at: Self.t(110))
        _ = q.add("a", at: Self.t(100))
        _ = q.add("c", at: Self.t(200))
        #expect(q.tick(now: Self.t(129)).isEmpty)
        #expect(q.tick(now: Self.t(130)) == ["a"])
        #expect(q.tick(now: Self.t(150)) == ["b"])
        #expect(q.count == 1)
        #expect(q.drain() == ["c"])
        #expect(q.count == 0)
    }

    @Test("a late record dated before the forward changes the verdict when judged after the grace")
    func lateRecord() throws {
        var timeline = ConsentTimeline()
        var q = ConsentGraceQueue<ConsentForward>(graceSeconds: 60)
        let ids = [SubjectIdentifier(.email, "late@example.com")]
        _ = q.add(ConsentForward(category: "analytics", time: Self.t(1000), subjects: [ids], hasPersonalData: true), at: Self.t(1000))
        // The record arrives at 1030, dated 990 (before the forward).
        let line = #"{"ts":990,"subject":{"email":"late@example.com"},"purposes":{"analytics":true}}"#
        timeline.add(try #require(ConsentFeedParser.parse(lines: [line]).records.first))
        #expect(q.tick(now: Self.t(1030)).isEmpty)
        let due = q.tick(now: Self.t(1060))
        #expect(due.count == 1)
        #expect(ConsentEvaluator().evaluate(due[0], timeline: timeline).verdict == .allowed)
    }

    @Test("the cap releases the oldest early and counts it")
    func cap() {
        var q = ConsentGraceQueue<Int>(graceSeconds: 10, capacity: 2)
        #expect(q.add(1, at: Self.t(1)).isEmpty)
        #expect(q.add(2, at: Self.t(2)).isEmpty)
        #expect(q.add(3, at: Self.t(3)) == [1])
        #expect(q.counters["consent_grace_released_early"] == 1)
    }
}

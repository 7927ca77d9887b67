import Testing
@testable import Consent

@Suite("ConsentFeedStream")
struct ConsentFeedStreamTests {
    static let text = """
    {"ts":"2026-11-28T10:00:00Z","subject":{"email":"a@b.c"},"purposes":{"analytics":true}}\r
    {broken

    {"ts":"2026-11-28T11:00:00Z","subject":{"user_id":"u"},"extra":1}
    {"ts":"2026-11-28T12:00:00Z","subject":{"device_id":"é-ü"},"signals":{"usp":"1YYN"}}
    """   // no final LF: finish() must deliver the last line

    struct Outcome: Equatable {
        var lines: [Int]
        var problems: [String]
        var saleShare: [PurposeDecision]
    }

    /// Feeds `bytes` in the given chunk sizes (cycled), then finishes.
    static func run(_ bytes: [UInt8], chunks: [Int], maxLineLength: Int = 1 << 20) -> (Outcome, ConsentFeedStream) {
        var stream = ConsentFeedStream(maxLineLength: maxLineLength)
        var records: [ConsentRecord] = []
        var problems: [FeedProblem] = []
        var i = 0, k = 0
        while i < bytes.count {
            let n = max(1, min(chunks[k % chunks.count], bytes.count - i))
            let out = bytes[i..<(i + n)].withUnsafeBytes { stream.feed($0) }
            records += out.records
            problems += out.problems
            i += n
            k += 1
        }
        let last = stream.finish()
        records += last.records
        problems += last.problems
        return (Outcome(lines: records.map(\.line), problems: problems.map(\.description),
                        saleShare: records.map { $0.decision(.saleShare) }), stream)
    }

    @Test("whole input: records, warnings and errors with line numbers")
    func whole() {
        let (o, s) = Self.run(Array(Self.text.utf8), chunks: [Int.max / 2])
        #expect(o.lines == [1, 4, 5])
        #expect(o.problems == ["line 2: error: malformed JSON: JSON: expected a string key at offset 1, found 'b'",
                               "line 4: warning: unknown key 'extra' ignored"])
        #expect(o.saleShare == [.unknown, .unknown, .denied])
        #expect(s.counters["consent_feed_records"] == 3 && s.counters["consent_feed_malformed_line"] == 1)
    }

    @Test("drip-feed: one byte at a time and random splits give the same result")
    func dripFeed() {
        let bytes = Array(Self.text.utf8)
        let (reference, _) = Self.run(bytes, chunks: [bytes.count])
        #expect(Self.run(bytes, chunks: [1]).0 == reference)
        var rng = SplitMix(seed: 42)
        for _ in 0..<50 {
            let chunks = (0..<8).map { _ in Int(rng.next() % 17) + 1 }
            #expect(Self.run(bytes, chunks: chunks).0 == reference, "chunks \(chunks)")
        }
    }

    @Test("an over-long line is dropped, counted and reported; the next line still parses")
    func overLong() {
        let long = "{\"ts\":\"" + String(repeating: "x", count: 300) + "\"}\n"
        let ok = #"{"ts":"2026-11-28T10:00:00Z","subject":{"email":"a@b.c"}}"# + "\n"
        for chunks in [[1], [7], [1000]] {
            let (o, s) = Self.run(Array((long + ok).utf8), chunks: chunks, maxLineLength: 100)
            #expect(o.lines == [2])
            #expect(o.problems == ["line 1: error: line longer than 100 bytes"])
            #expect(s.counters["consent_feed_line_too_long"] == 1)
        }
    }
}

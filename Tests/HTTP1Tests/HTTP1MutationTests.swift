import Testing
@testable import HTTP1

/// Seeded mutations of a realistic conversation: whatever the damage, no trap, bounded output,
/// and the same events however the bytes are split.
@Suite("HTTP1Connection: mutated conversations")
struct HTTP1MutationTests {
    static let base = Conversation(#"""
    >>>
    POST /v1/batch HTTP/1.1
    Host: api.segment.io
    Content-Type: application/json
    Content-Length: 27

    {"batch":[{"type":"track"}]}\
    <<<
    HTTP/1.1 100 Continue

    HTTP/1.1 200 OK
    Transfer-Encoding: chunked

    4;e=1
    {"a"
    2
    :1
    1
    }
    0
    T: v

    >>>
    GET /tr?id=123&ev=PageView HTTP/1.1
    Host: www.facebook.com

    GET http://www.google-analytics.com/collect?v=1 HTTP/1.1
    Host: www.google-analytics.com

    <<<
    HTTP/1.1 200 OK
    Content-Length: 2

    okHTTP/1.0 204 No Content

    """#)

    /// Upgrade refused, CONNECT, Expect, folding, bare LF, a close-delimited answer.
    static let base2 = Conversation(#"""
    >>>
    GET /ws HTTP/1.1
    Host: h
    Upgrade: websocket

    GET /after HTTP/1.1\n\
    Host: h\n\
    X: a
     b

    <<<
    HTTP/1.1 426 Upgrade Required
    Content-Length: 3

    no!HTTP/1.1 200 OK
    Content-Length: 0

    >>>
    CONNECT tracker.example:443 HTTP/1.1
    Host: tracker.example:443

    \x16\x03\x01\x00\x05hello\
    <<<
    HTTP/1.0 200 Connection established

    \x16\x03\x03\
    """#)

    @Test("the undamaged bases parse as intended")
    func bases() {
        let one = requests(runAllSplits(Self.base))
        #expect(one.map(\.status) == [200, 200, 204])
        let events = runAllSplits(Self.base2)
        #expect(requests(events).map(\.status) == [426, 200, 200])
        #expect(requests(events)[1].anomalies.contains("obs_fold"))
        #expect(describe(events).last == "switch tunnel 2")
    }

    @Test("random byte damage", arguments: 0..<60)
    func mutate(seed: UInt64) {
        var s = seed &+ 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 { s = s &* 6364136223846793005 &+ 1442695040888963407; return s >> 17 }
        var chunks = seed % 2 == 0 ? Self.base.chunks : Self.base2.chunks
        for _ in 0..<(1 + Int(next() % 6)) {
            let c = Int(next() % UInt64(chunks.count))
            guard !chunks[c].bytes.isEmpty else { continue }
            let i = Int(next() % UInt64(chunks[c].bytes.count))
            switch next() % 5 {
            case 0: chunks[c].bytes[i] = UInt8(truncatingIfNeeded: next())
            case 1: chunks[c].bytes.remove(at: i)
            case 2: chunks[c].bytes.insert([10, 13, 32, 58, 48][Int(next() % 5)], at: i)
            case 3: chunks[c].bytes.removeSubrange(i..<min(chunks[c].bytes.count, i + Int(next() % 40)))
            default: chunks[c].gap = Int(next() % 50)
            }
        }
        for limits in [HTTP1Limits(), .withResponseBodies] {
            let events = runAllSplits(Conversation(chunks: chunks), limits: limits)
            #expect(requests(events).count <= 5)
        }
    }
}

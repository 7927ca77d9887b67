import Testing
@testable import HTTP1

@Suite("HTTP1Connection: gaps, mid-stream starts, hostile input")
struct HTTP1ResyncTests {
    @Test("a gap inside a Content-Length body counts as body bytes and flags gaps")
    func gapInBody() throws {
        let events = runAllSplits(Conversation(#"""
        >>>
        POST /p HTTP/1.1
        Host: h
        Content-Length: 20

        01234\
        >>> gap=10
        56789\
        >>>
        GET /next HTTP/1.1
        Host: h

        <<<
        HTTP/1.1 200 OK
        Content-Length: 0

        HTTP/1.1 200 OK
        Content-Length: 0

        """#))
        let rs = requests(events)
        #expect(rs.map(\.target) == ["/p", "/next"])
        #expect(rs[0].gaps)
        #expect(rs[0].body.transferLength == 20)
        #expect(rs[0].body.truncated)
        #expect(!rs[1].gaps)
        #expect(rs.map(\.status) == [200, 200])
    }

    @Test("a gap that breaks chunked framing: resynchronise at the next request line")
    func gapLosesFraming() {
        let events = runAllSplits(Conversation(#"""
        >>>
        POST /p HTTP/1.1
        Host: h
        Transfer-Encoding: chunked

        10
        0123\
        >>> gap=40
        more body bytes that are not a request line
        {"x": "GET / HTTP/1.1"}
        GET /after-gap HTTP/1.1
        Host: h

        """#))
        let rs = requests(events)
        #expect(rs.map(\.target) == ["/p", "/after-gap"])
        #expect(rs[0].gaps && rs[0].anomalies.contains("gap_lost_framing"))
        #expect(rs[1].gaps)  // something was lost before it
    }

    @Test("a capture starting in the middle of a request body resynchronises", arguments: [0, 1000, Int.max])
    func midStreamClient(gap: Int) {
        let events = runAllSplits(Conversation(#"""
        >>> gap=\#(gap)
        lue":42,"currency":"EUR"}
        GET /second HTTP/1.1
        Host: h

        <<< gap=\#(gap)
        ntent-Length: 5

        helloHTTP/1.1 200 OK
        Content-Length: 0

        """#))
        let rs = requests(events)
        #expect(rs.map(\.target) == ["/second"])
        #expect(rs.first?.status == 200)
        // With a gap first the parser is already resynchronising, so only a clean start reports it.
        if gap == 0 {
            let anomalies = describe(events).filter { $0.hasPrefix("anomaly") }
            #expect(anomalies.contains("anomaly request_line_invalid"))
            #expect(anomalies.contains("anomaly status_line_invalid"))
        }
    }

    @Test("server bytes first: the response without request is reported, later pairs are right")
    func responseFirst() {
        let events = runAllSplits(Conversation(#"""
        <<<
        HTTP/1.1 200 OK
        Content-Length: 3

        abc\
        >>>
        GET /x HTTP/1.1
        Host: h

        <<<
        HTTP/1.1 404 Not Found
        Content-Length: 0

        """#))
        #expect(requests(events).map(\.status) == [404])
        #expect(describe(events).contains("anomaly response_without_request"))
    }

    @Test("a head over maxHeadBytes is dropped and counted; the next request is found")
    func hugeHead() {
        var limits = HTTP1Limits()
        limits.maxHeadBytes = 1_024
        let big = "X-Filler: " + String(repeating: "a", count: 2_000)
        let bytes = message(["GET /big HTTP/1.1", "Host: h", big]) + message(["GET /small HTTP/1.1", "Host: h"])
        let (events, connection) = run(Conversation(chunks: [.init(direction: .clientToServer, bytes: bytes, gap: 0)]), limits: limits)
        #expect(describe(events) == describe(runAllSplits(Conversation(chunks: [.init(direction: .clientToServer, bytes: bytes, gap: 0)]), limits: limits)))
        #expect(requests(events).map(\.target) == ["/small"])
        #expect(connection.counters["head_too_large"] == 1)
    }

    @Test("an endless start line of garbage stays bounded")
    func endlessStartLine() {
        var limits = HTTP1Limits()
        limits.maxHeadBytes = 4_096
        let bytes = [UInt8](repeating: UInt8(ascii: "A"), count: 100_000) + [10] + message(["GET /ok HTTP/1.1", "Host: h"])
        let (events, connection) = run(Conversation(chunks: [.init(direction: .clientToServer, bytes: bytes, gap: 0)]), limits: limits)
        #expect(requests(events).map(\.target) == ["/ok"])
        #expect(connection.counters["http1_resync_skipped_bytes"] >= 90_000)
    }

    @Test("header count cap keeps the first fields but framing still sees the rest")
    func headerCountCap() throws {
        var limits = HTTP1Limits()
        limits.maxHeaderCount = 3
        let lines = ["POST /many HTTP/1.1", "Host: h"] + (0..<10).map { "X-\($0): v" } + ["Content-Length: 2"]
        let bytes = message(lines, body: Array("hi".utf8)) + message(["GET /next HTTP/1.1", "Host: h"])
        let rs = requests(runAllSplits(Conversation(chunks: [.init(direction: .clientToServer, bytes: bytes, gap: 0)]), limits: limits))
        #expect(rs.map(\.target) == ["/many", "/next"])
        #expect(rs[0].headers.count == 3)
        #expect(rs[0].body.transferLength == 2)
        #expect(rs[0].anomalies.contains("too_many_headers"))
    }

    @Test("negative, overflowing and conflicting Content-Length are flagged, not followed",
          arguments: ["-5", "99999999999999999999999", "12, 13", "0x10", ""])
    func badContentLength(value: String) throws {
        let bytes = message(["POST /bad HTTP/1.1", "Host: h", "Content-Length: \(value)"], body: Array("junk junk".utf8))
            + message(["GET /next HTTP/1.1", "Host: h"])
        let rs = requests(runAllSplits(Conversation(chunks: [.init(direction: .clientToServer, bytes: bytes, gap: 0)])))
        #expect(rs.map(\.target) == ["/bad", "/next"])
        #expect(rs[0].anomalies.contains("content_length_invalid") || rs[0].anomalies.contains("content_length_conflict"))
    }

    @Test("an endless or invalid chunk size abandons the body and resynchronises",
          arguments: ["ffffffffffffffffffffffff", "zz", String(repeating: "1", count: 5_000)])
    func badChunkSize(size: String) throws {
        let bytes = message(["POST /c HTTP/1.1", "Host: h", "Transfer-Encoding: chunked"]) + Array((size + "\r\nabc\r\n").utf8)
            + message(["GET /next HTTP/1.1", "Host: h"])
        let rs = requests(runAllSplits(Conversation(chunks: [.init(direction: .clientToServer, bytes: bytes, gap: 0)])))
        #expect(rs.map(\.target) == ["/c", "/next"])
        #expect(rs[0].anomalies.contains("chunk_size_invalid") || rs[0].anomalies.contains("chunk_line_too_long"))
        #expect(rs[0].body.truncated)
    }

    @Test("random garbage never traps and finds nothing", arguments: [1, 2, 3, 4, 5])
    func garbage(seed: UInt64) {
        var s = seed
        var bytes: [UInt8] = []
        for _ in 0..<20_000 {
            s = s &* 6364136223846793005 &+ 1442695040888963407
            bytes.append(UInt8(truncatingIfNeeded: s >> 56))
        }
        let conversation = Conversation(chunks: [.init(direction: .clientToServer, bytes: bytes, gap: 0),
                                                 .init(direction: .serverToClient, bytes: bytes.reversed(), gap: 0)])
        let events = runAllSplits(conversation)
        #expect(requests(events).isEmpty)
    }

    @Test("pending request cap: the oldest is emitted without status")
    func pendingCap() {
        var limits = HTTP1Limits()
        limits.maxPendingRequests = 2
        let bytes = (1...4).flatMap { message(["GET /\($0) HTTP/1.1", "Host: h"]) }
        let (events, connection) = run(Conversation(chunks: [.init(direction: .clientToServer, bytes: bytes, gap: 0)]), limits: limits)
        #expect(requests(events).map(\.target) == ["/1", "/2", "/3", "/4"])
        #expect(connection.counters["http1_pending_request_cap"] == 2)
    }

    @Test("a truncated body at connection end is marked")
    func truncatedAtEnd() throws {
        let r = try #require(requests(runAllSplits(Conversation(#"""
        >>>
        POST /t HTTP/1.1
        Host: h
        Content-Length: 100

        only a bit\
        """#))).first)
        #expect(r.body.transferLength == 10)
        #expect(r.body.truncated)
        #expect(r.anomalies.contains("body_truncated"))
    }
}

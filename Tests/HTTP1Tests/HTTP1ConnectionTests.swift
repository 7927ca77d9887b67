import Testing
import Primitives
@testable import HTTP1

@Suite("HTTP1Connection: framing and pairing")
struct HTTP1ConnectionTests {
    @Test("a GET with a Content-Length response")
    func simpleGet() throws {
        let events = runAllSplits(Conversation(#"""
        >>>
        GET /collect?v=2&tid=G-1 HTTP/1.1
        Host: www.google-analytics.com
        User-Agent: test

        <<<
        HTTP/1.1 204 No Content
        Content-Length: 0

        """#))
        let r = try #require(requests(events).first)
        #expect(requests(events).count == 1)
        #expect(r.method == "GET")
        #expect(r.target == "/collect?v=2&tid=G-1")
        #expect(r.version == "1.1")
        #expect(r.host == "www.google-analytics.com")
        #expect(r.status == 204)
        #expect(r.body.transferLength == 0)
        #expect(Array(r.headers) == [HTTPHeaderField(name: "Host", value: "www.google-analytics.com"),
                              HTTPHeaderField(name: "User-Agent", value: "test")])
        #expect(r.anomalies.isEmpty)
        #expect(!r.gaps)
        #expect(r.firstPacket.index == 0)
    }

    @Test("POST with Content-Length body, retained, and a response body")
    func postWithBody() throws {
        var limits = HTTP1Limits.withResponseBodies
        limits.retainedBodyBytes = 4
        let events = runAllSplits(Conversation(#"""
        >>>
        POST /v1/track HTTP/1.1
        Host: api.segment.io
        Content-Type: application/json
        Content-Length: 11

        {"a":"bcd"}\
        <<<
        HTTP/1.1 200 OK
        Content-Length: 2

        ok\
        """#), limits: limits)
        let r = try #require(requests(events).first)
        #expect(r.contentType == "application/json")
        #expect(r.body.transferLength == 11)
        #expect(r.body.decodedLength == 11)
        #expect(r.body.decodedBytes == Array(#"{"a""#.utf8))
        #expect(r.status == 200)
        #expect(r.responseBody?.transferLength == 2)
        #expect(r.responseBody?.decodedBytes == Array("ok".utf8))
    }

    @Test("keep-alive and pipelining pair responses in order")
    func pipelining() {
        let events = runAllSplits(Conversation(#"""
        >>>
        GET /a HTTP/1.1
        Host: h

        GET /b HTTP/1.1
        Host: h

        HEAD /c HTTP/1.1
        Host: h

        <<<
        HTTP/1.1 200 OK
        Content-Length: 3

        aaaHTTP/1.1 404 Not Found
        Content-Length: 0

        HTTP/1.1 200 OK
        Content-Length: 1234

        >>>
        POST /d HTTP/1.1
        Host: h
        Content-Length: 2

        xy\
        <<<
        HTTP/1.1 201 Created
        Transfer-Encoding: chunked

        0

        """#), limits: .withResponseBodies)
        let rs = requests(events)
        #expect(rs.map(\.target) == ["/a", "/b", "/c", "/d"])
        #expect(rs.map(\.status) == [200, 404, 200, 201])
        #expect(rs.map { $0.responseBody?.transferLength } == [3, 0, 0, 0])
        #expect(rs[3].body.transferLength == 2)
        #expect(rs.map(\.firstPacket.index) == [0, 0, 0, 2])
    }

    @Test("chunked bodies with extensions and trailers")
    func chunked() throws {
        var limits = HTTP1Limits.withResponseBodies
        limits.retainedBodyBytes = 100
        let events = runAllSplits(Conversation(#"""
        >>>
        POST /tr HTTP/1.1
        Host: h
        Transfer-Encoding: chunked

        5;name=value
        hello
        1A ; x="y"
        abcdefghijklmnopqrstuvwxyz
        0
        X-Trailer: 1
        X-Other: 2

        <<<
        HTTP/1.1 200 OK
        Transfer-Encoding: chunked

        3
        abc
        0

        """#), limits: limits)
        let r = try #require(requests(events).first)
        #expect(r.body.transferLength == 31)
        #expect(r.body.decodedBytes == Array("helloabcdefghijklmnopqrstuvwxyz".utf8))
        #expect(r.responseBody?.transferLength == 3)
        #expect(r.status == 200)
        #expect(r.anomalies.isEmpty)
    }

    @Test("Transfer-Encoding wins over Content-Length (te_cl_conflict) and the smuggled request is seen")
    func teClConflict() {
        let events = runAllSplits(Conversation(#"""
        >>>
        POST / HTTP/1.1
        Host: target
        Content-Length: 50
        Transfer-Encoding: chunked

        0

        GET /smuggled HTTP/1.1
        Host: target

        """#))
        let rs = requests(events)
        #expect(rs.map(\.target) == ["/", "/smuggled"])
        #expect(rs[0].anomalies.contains("te_cl_conflict"))
        #expect(rs[0].body.transferLength == 0)
        #expect(rs.allSatisfy { $0.status == nil })
    }

    @Test("chunked, identity counts as chunked; TE without chunked last resynchronises")
    func teMultiValue() {
        let events = runAllSplits(Conversation(#"""
        >>>
        POST / HTTP/1.1
        Host: target
        Transfer-Encoding: chunked, identity

        0

        POST /x HTTP/1.1
        Host: target
        Transfer-Encoding: chunked, gzip

        0

        GET /after HTTP/1.1
        Host: target

        """#))
        let rs = requests(events)
        #expect(rs.map(\.target) == ["/", "/x", "/after"])
        #expect(rs[1].anomalies.contains("te_not_chunked"))
    }

    @Test("obsolete line folding and bare LF are tolerated and flagged")
    func tolerances() throws {
        let events = runAllSplits(Conversation(#"""
        >>>
        POST / HTTP/1.1\n\
        Host: target\n\
        X-Long: part one
          part two
        Transfer-Encoding:
         chunked

        3\n\
        abc\n\
        0

        GET /next HTTP/1.1
        Host: target

        """#))
        let rs = requests(events)
        #expect(rs.map(\.target) == ["/", "/next"])
        #expect(rs[0].anomalies.contains("obs_fold"))
        #expect(rs[0].anomalies.contains("bare_lf"))
        #expect(rs[0].body.transferLength == 3)
        #expect(rs[0].headers.first { $0.name == "X-Long" }?.value == "part one part two")
        #expect(rs[0].headers.first { $0.name == "Transfer-Encoding" }?.value == "chunked")
    }

    @Test("strict tolerance rejects folding: the message is dropped and the parser resynchronises")
    func strict() {
        var limits = HTTP1Limits()
        limits.tolerance = .strict
        let events = runAllSplits(Conversation(#"""
        >>>
        GET /a HTTP/1.1
        Host: target
        X: a
         b

        GET /b HTTP/1.1
        Host: target

        """#), limits: limits)
        #expect(requests(events).map(\.target) == ["/b"])
        #expect(describe(events).contains("anomaly obs_fold_rejected"))
    }

    @Test("repeated headers are kept in order; names compare case-insensitively")
    func repeatedHeaders() throws {
        let events = runAllSplits(Conversation(#"""
        >>>
        GET / HTTP/1.1
        hOsT: example.org
        Cookie: a=1
        cookie: b=2
        CONTENT-TYPE: text/plain
        content-length: 0

        """#))
        let r = try #require(requests(events).first)
        #expect(r.host == "example.org")
        #expect(r.contentType == "text/plain")
        #expect(r.headers.filter { $0.name.lowercased() == "cookie" }.map(\.value) == ["a=1", "b=2"])
    }

    @Test("1xx interim responses are skipped; Expect: 100-continue")
    func expectContinue() throws {
        let events = runAllSplits(Conversation(#"""
        >>>
        POST /upload HTTP/1.1
        Host: h
        Expect: 100-continue
        Content-Length: 4

        <<<
        HTTP/1.1 100 Continue

        HTTP/1.1 102 Processing

        >>>
        data\
        <<<
        HTTP/1.1 100 Continue

        HTTP/1.1 200 OK
        Content-Length: 0

        """#))
        let r = try #require(requests(events).first)
        #expect(requests(events).count == 1)
        #expect(r.status == 200)
        #expect(r.body.transferLength == 4)
    }

    @Test("close-delimited response ends with the connection; HTTP/1.0")
    func closeDelimited() throws {
        let events = runAllSplits(Conversation(#"""
        >>>
        GET /old HTTP/1.0

        <<<
        HTTP/1.0 200 OK
        Content-Type: text/html

        <html>
        </html>\
        """#), limits: .withResponseBodies)
        let r = try #require(requests(events).first)
        #expect(r.version == "1.0")
        #expect(r.host == nil)
        #expect(!r.anomalies.contains("missing_host"))
        #expect(r.responseBody?.transferLength == 15)
        #expect(r.responseBody?.truncated == false)
    }

    @Test("HEAD, 204 and 304 responses have no body even with Content-Length")
    func noBodyResponses() {
        let events = runAllSplits(Conversation(#"""
        >>>
        HEAD /f HTTP/1.1
        Host: h

        GET /g HTTP/1.1
        Host: h

        GET /i HTTP/1.1
        Host: h

        <<<
        HTTP/1.1 200 OK
        Content-Length: 100

        HTTP/1.1 304 Not Modified
        Content-Length: 100

        HTTP/1.1 204 No Content

        """#), limits: .withResponseBodies)
        let rs = requests(events)
        #expect(rs.map(\.status) == [200, 304, 204])
        #expect(rs.allSatisfy { $0.responseBody?.transferLength == 0 && $0.responseBody?.truncated == false })
    }

    @Test("absolute-form target: host from the authority, userinfo dropped")
    func absoluteForm() throws {
        let events = runAllSplits(Conversation(#"""
        >>>
        GET http://user:pw@tracker.example:8080/p?q=1 HTTP/1.1
        Host: other.example

        """#))
        let r = try #require(requests(events).first)
        #expect(r.host == "tracker.example:8080")
        #expect(r.target == "http://user:pw@tracker.example:8080/p?q=1")
        #expect(r.anomalies.contains("host_mismatch"))
        #expect(r.status == nil)
    }

    @Test("CONNECT records the tunnel target and stops after 2xx")
    func connect() throws {
        let conversation = Conversation(#"""
        >>>
        CONNECT api.example.com:443 HTTP/1.1
        Host: api.example.com:443

        \x16\x03\x01 client hello\
        <<<
        HTTP/1.1 200 Connection established

        \x16\x03\x03 server hello\
        >>>
        GET /not-http-anymore HTTP/1.1

        """#)
        let (events, connection) = run(conversation)
        #expect(describe(events) == describe(runAllSplits(conversation)))
        let r = try #require(requests(events).first)
        #expect(requests(events).count == 1)
        #expect(r.connectTarget == "api.example.com:443")
        #expect(r.status == 200)
        guard case .protocolSwitch(let to, let index) = events.last else { Issue.record("no switch"); return }
        #expect(to == "tunnel" && index == 0)
        #expect(connection.switchResidue?.clientBytes == [0x16, 0x03, 0x01] + Array(" client hello".utf8))
        #expect(connection.switchResidue?.serverBytes == [0x16, 0x03, 0x03] + Array(" server hello".utf8))
        #expect(connection.counters["http1_bytes_after_switch"] > 0)
    }

    @Test("CONNECT refused (407): held client bytes are parsed as HTTP/1")
    func connectRefused() {
        let events = runAllSplits(Conversation(#"""
        >>>
        CONNECT api.example.com:443 HTTP/1.1
        Host: api.example.com:443

        GET /next HTTP/1.1
        Host: h

        <<<
        HTTP/1.1 407 Proxy Authentication Required
        Content-Length: 0

        HTTP/1.1 200 OK
        Content-Length: 0

        """#))
        #expect(requests(events).map(\.status) == [407, 200])
        #expect(requests(events).map(\.target) == ["api.example.com:443", "/next"])
    }

    @Test("Upgrade h2c + 101: protocol switch with the bytes that follow")
    func h2cUpgrade() throws {
        let conversation = Conversation(#"""
        >>>
        GET /robots.txt HTTP/1.1
        Host: nghttp2.org
        Connection: Upgrade, HTTP2-Settings
        Upgrade: h2c
        HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA

        PRI * HTTP/2.0

        SM

        <<<
        HTTP/1.1 101 Switching Protocols
        Connection: Upgrade
        Upgrade: h2c

        \x00\x00\x12\x04\
        """#)
        let events = runAllSplits(conversation)
        let (_, connection) = run(conversation, split: .oneByte)
        let r = try #require(requests(events).first)
        #expect(r.status == 101)
        guard case .protocolSwitch(let to, 0) = events.last else { Issue.record("no switch"); return }
        #expect(to == "h2c")
        #expect(connection.switchResidue?.clientBytes == Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8))
        // Server residue is the rest of the chunk that completed the 101 head; later chunks are
        // not HTTP/1's (the caller routes them on): residue + later chunks = all bytes after the head.
        #expect(connection.switchResidue?.serverBytes == [])
        #expect(connection.counters["http1_bytes_after_switch"] == 4)
        #expect(run(conversation).connection.switchResidue?.serverBytes == [0x00, 0x00, 0x12, 0x04])
        #expect(!describe(events).contains { $0.hasPrefix("anomaly") })
    }

    @Test("websocket 101: switch named from the Upgrade token, later chunks ignored")
    func websocketSwitch() throws {
        let conversation = Conversation(#"""
        >>>
        GET /chat HTTP/1.1
        Host: h
        Upgrade: WebSocket
        Connection: Upgrade
        Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==

        <<<
        HTTP/1.1 101 Switching Protocols
        Upgrade: websocket
        Connection: Upgrade

        >>>
        \x81\x85\x37\xfa\x21\x3d\x7f\x9f\x4d\x51\x58\
        """#)
        let events = runAllSplits(conversation)
        #expect(describe(events).suffix(1) == ["switch websocket 0"])
        #expect(requests(events).map(\.status) == [101])
        let (_, connection) = run(conversation)
        #expect(connection.counters["http1_bytes_after_switch"] == 11)
        #expect(connection.switchResidue == HTTP1SwitchResidue(clientBytes: [], serverBytes: []))
    }

    @Test("no answer to an Upgrade request: held client bytes are parsed at finish")
    func heldUntilFinish() {
        let events = runAllSplits(Conversation(#"""
        >>>
        GET /up HTTP/1.1
        Host: h
        Upgrade: h2c

        GET /next HTTP/1.1
        Host: h

        """#))
        #expect(requests(events).map(\.target) == ["/up", "/next"])
        #expect(requests(events).map(\.status) == [nil, nil])
    }

    @Test("held bytes beyond maxHeldBytes are dropped and counted")
    func heldCap() {
        var limits = HTTP1Limits()
        limits.maxHeldBytes = 8
        let (events, connection) = run(Conversation(#"""
        >>>
        CONNECT h:443 HTTP/1.1
        Host: h:443

        0123456789abcdef\
        <<<
        HTTP/1.1 200 OK

        """#), limits: limits)
        #expect(connection.switchResidue?.clientBytes == Array("01234567".utf8))
        #expect(connection.counters["http1_held_bytes_dropped"] == 8)
        #expect(describe(events).contains("anomaly held_bytes_cap"))
    }

    @Test("websocket upgrade refused: the connection stays HTTP/1")
    func websocketRefused() {
        let events = runAllSplits(Conversation(#"""
        >>>
        GET /chat HTTP/1.1
        Host: h
        Upgrade: websocket
        Connection: Upgrade

        <<<
        HTTP/1.1 400 Bad Request
        Content-Length: 0

        >>>
        GET /again HTTP/1.1
        Host: h

        <<<
        HTTP/1.1 200 OK
        Content-Length: 0

        """#))
        #expect(requests(events).map(\.status) == [400, 200])
        #expect(!events.contains { if case .protocolSwitch = $0 { true } else { false } })
    }

    @Test("a request without response is emitted at finish with status nil; order kept")
    func unanswered() {
        let events = runAllSplits(Conversation(#"""
        >>>
        GET /1 HTTP/1.1
        Host: h

        <<<
        HTTP/1.1 200 OK
        Content-Length: 0

        >>>
        GET /2 HTTP/1.1
        Host: h

        """#))
        #expect(requests(events).map(\.status) == [200, nil])
    }

    @Test("earliestPendingRequest follows the oldest request not emitted")
    func earliestPending() {
        var c = HTTP1Connection()
        var events: [HTTP1Event] = []
        #expect(c.earliestPendingRequest == nil)
        let p0 = PacketRef(time: Timestamp(nanoseconds: 10), index: 3)
        Array("GET / HTTP/1.1\r\nHo".utf8).withUnsafeBytes {
            c.receive(StreamChunk(direction: .clientToServer, bytes: $0, firstPacket: p0, time: p0.time), events: &events)
        }
        #expect(c.earliestPendingRequest == p0)
        let p1 = PacketRef(time: Timestamp(nanoseconds: 20), index: 4)
        Array("st: h\r\n\r\n".utf8).withUnsafeBytes {
            c.receive(StreamChunk(direction: .clientToServer, bytes: $0, firstPacket: p1, time: p1.time), events: &events)
        }
        #expect(c.earliestPendingRequest == p0)
        Array("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".utf8).withUnsafeBytes {
            c.receive(StreamChunk(direction: .serverToClient, bytes: $0, firstPacket: p1, time: p1.time), events: &events)
        }
        #expect(c.earliestPendingRequest == nil)
        #expect(requests(events).first?.firstPacket == p0)
    }

    @Test("by default a request is emitted at its final response head, before the response body")
    func emittedAtResponseHead() {
        var c = HTTP1Connection()
        var events: [HTTP1Event] = []
        let p = PacketRef(time: Timestamp(nanoseconds: 1), index: 0)
        for (direction, text) in [(Direction.clientToServer, "GET /big HTTP/1.1\r\nHost: h\r\n\r\n"),
                                  (.serverToClient, "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\npartial")] {
            Array(text.utf8).withUnsafeBytes {
                c.receive(StreamChunk(direction: direction, bytes: $0, firstPacket: p, time: p.time), events: &events)
            }
        }
        #expect(requests(events).map(\.status) == [200])
        #expect(requests(events).first?.responseBody == nil)
        #expect(c.earliestPendingRequest == nil)
        c.finish(events: &events)
        #expect(requests(events).count == 1)
    }
}

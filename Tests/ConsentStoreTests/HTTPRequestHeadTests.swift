import Testing
@testable import ConsentStore

@Suite("HTTPRequestHead")
struct HTTPRequestHeadTests {
    static func parse(_ s: String) throws(HTTPRequestHead.HeadError) -> HTTPRequestHead { try HTTPRequestHead.parse(Array(s.utf8)) }

    @Test("request line, lower-cased headers, query dropped from the path, framing")
    func basics() throws {
        let h = try Self.parse("POST /v1/consent?x=1 HTTP/1.1\r\nHost: a\r\nAuthorization:  Bearer t  \r\nContent-Length: 12\r\n")
        #expect(h.method == "POST")
        #expect(h.path == "/v1/consent")
        #expect(h.target == "/v1/consent?x=1")
        #expect(h.header("authorization") == "Bearer t")
        #expect(h.framing == .contentLength(12))
        #expect(try Self.parse("GET / HTTP/1.0\nHost: a\n").framing == .none)
        #expect(try Self.parse("POST / HTTP/1.1\r\nTransfer-Encoding: Chunked\r\n").framing == .chunked)
        #expect(try Self.parse("POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 3\r\n").framing == .contentLength(3))
    }

    @Test("refused: smuggling-prone framing, bad lines, folding, other versions")
    func refused() {
        let bad = [
            "POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n",
            "POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n",
            "POST / HTTP/1.1\r\nContent-Length: -3\r\n",
            "POST / HTTP/1.1\r\nContent-Length: 1e3\r\n",
            "POST / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n",
            "POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n",
            "POST / HTTP/1.1\r\nX: a\r\n folded\r\n",
            "POST / HTTP/1.1\r\nno colon\r\n",
            "POST / HTTP/1.1\r\nbad name: v\r\n",
            "POST / HTTP/2.0\r\n",
            "post / HTTP/1.1\r\n",
            "POST  / HTTP/1.1\r\n",
            "POST /\r\n",
            "",
        ]
        for s in bad {
            #expect(throws: HTTPRequestHead.HeadError.self, "\(s.debugDescription)") { try Self.parse(s) }
        }
    }
}

@Suite("FeedLineSplitter")
struct FeedLineSplitterTests {
    static let text = "{\"a\":1}\r\n\nsecond line\n" + String(repeating: "z", count: 100) + "\nlast"

    static func whole() -> [FeedLineSplitter.Line] {
        var s = FeedLineSplitter(maxLineLength: 64)
        return s.feed(Array(text.utf8)) + s.finish()
    }

    @Test("lines, CRLF, blank lines, an overlong line, a last line without LF")
    func lines() {
        #expect(Self.whole() == [.text(number: 1, "{\"a\":1}"), .text(number: 2, ""), .text(number: 3, "second line"),
                                 .tooLong(number: 4), .text(number: 5, "last")])
    }

    @Test("the same lines one byte at a time and at random splits")
    func dripFeed() {
        let bytes = Array(Self.text.utf8)
        var one = FeedLineSplitter(maxLineLength: 64)
        var got: [FeedLineSplitter.Line] = []
        for b in bytes { got += one.feed([b]) }
        got += one.finish()
        #expect(got == Self.whole())
        for _ in 0..<50 {
            var s = FeedLineSplitter(maxLineLength: 64)
            var out: [FeedLineSplitter.Line] = []
            var i = 0
            while i < bytes.count {
                let n = Int.random(in: 1...20)
                out += s.feed(Array(bytes[i..<min(bytes.count, i + n)]))
                i += n
            }
            out += s.finish()
            #expect(out == Self.whole())
        }
    }

    @Test("an overlong line is never buffered beyond the cap")
    func bounded() {
        var s = FeedLineSplitter(maxLineLength: 10)
        _ = s.feed(Array(String(repeating: "x", count: 9).utf8))
        #expect(s.pendingCount == 9)
        _ = s.feed(Array(String(repeating: "x", count: 1000).utf8))
        #expect(s.pendingCount == 0)
        #expect(s.feed([0x0A]) == [.tooLong(number: 1)])
    }
}

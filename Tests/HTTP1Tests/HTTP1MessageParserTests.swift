import Testing
@testable import HTTP1

/// Calls `body` with the bytes of `text` cut into `pieces` nearly equal parts, each in its own buffer
/// (so that nothing can read past a part).
private func forEachPiece(of text: String, pieces: Int, _ body: (UnsafeRawBufferPointer) -> Void) {
    let bytes = Array(text.utf8)
    let size = max(1, (bytes.count + pieces - 1) / pieces)
    var start = 0
    while start < bytes.count {
        let piece = Array(bytes[start..<min(bytes.count, start + size)])
        start += size
        piece.withUnsafeBytes(body)
    }
}

/// Drives one direction's parser directly and records its events as text.
private struct Driver {
    var parser: HTTP1MessageParser
    var log: [String] = []
    /// Framing to apply after each head, in order.
    var framings: [HTTP1MessageParser.Framing]

    init(_ role: HTTP1MessageParser.Role, framings: [HTTP1MessageParser.Framing], limits: HTTP1Limits = HTTP1Limits()) {
        parser = HTTP1MessageParser(role: role, limits: limits)
        self.framings = framings
    }

    mutating func feed(_ text: String, pieces: Int = 1) {
        forEachPiece(of: text, pieces: pieces) { b in
            var offset = 0
            while let event = parser.next(b, &offset) {
                switch event {
                case .messageStart: log.append("start")
                case .head: log.append("head \(parser.takeHead().startLine)"); parser.beginBody(framings.isEmpty ? .none : framings.removeFirst())
                case .body(let r): log.append("body " + String(decoding: UnsafeRawBufferPointer(rebasing: b[r]), as: UTF8.self))
                case .messageEnd: log.append("end")
                case .messageAnomaly(let a): log.append("note \(a)")
                case .messageAbandoned(let a): log.append("abandoned \(a)")
                case .anomaly(let a): log.append("anomaly \(a)")
                case .lineSkipped: log.append("skipped")
                }
            }
        }
    }

    /// Body text joined, so that different splits compare equal.
    var bodyText: String { log.filter { $0.hasPrefix("body ") }.map { String($0.dropFirst(5)) }.joined() }
    var structure: [String] { log.filter { !$0.hasPrefix("body ") } }
}

@Suite("HTTP1MessageParser")
struct HTTP1MessageParserTests {
    @Test("event sequence of a chunked request; body bytes are ranges of the input")
    func chunkedSequence() {
        for pieces in [1, 3, 1000] {
            var d = Driver(.request, framings: [.chunked])
            d.feed("\r\nPOST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\nT: 1\r\n\r\n", pieces: pieces)
            #expect(d.structure == ["start", #"head request(method: "POST", target: "/x", version: "1.1")"#, "end"])
            #expect(d.bodyText == "abcde")
        }
    }

    @Test("Content-Length body then a second message; untilClose ends at finish")
    func lengthThenClose() {
        var d = Driver(.response, framings: [.length(4), .untilClose])
        d.feed("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nabcdHTTP/1.0 200 OK\r\n\r\nrest of it", pieces: 5)
        #expect(d.bodyText == "abcdrest of it")
        #expect(d.structure.filter { $0 == "end" }.count == 1)
        #expect(d.parser.finish() == .messageEnd)
    }

    @Test("gap outcomes depend on the state")
    func gaps() {
        var d = Driver(.request, framings: [.length(10)])
        d.feed("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc")
        #expect(d.parser.gap(4) == .countedAsBody(4))
        #expect(d.parser.gap(4) == .messageAbandoned)  // only 3 left: framing lost
        #expect(d.parser.resyncing)
        var e = Driver(.request, framings: [])
        e.feed("GET / HT")
        #expect(e.parser.gap(Int.max) == .headLost)
        var f = Driver(.request, framings: [])
        #expect(f.parser.gap(0) == .ignored)
        #expect(f.parser.gap(5) == .betweenMessages)
        f.feed("ody bytes\r\nGET /ok HTTP/1.1\r\n\r\n")
        #expect(f.structure.last == "end")
        #expect(f.parser.resyncCount == 1)
    }

    @Test("finish outcomes")
    func finishOutcomes() {
        var a = Driver(.request, framings: [.length(5)])
        a.feed("POST / HTTP/1.1\r\n\r\nab")
        #expect(a.parser.finish() == .messageTruncated)
        var b = Driver(.request, framings: [])
        b.feed("GET / HTTP/1.1\r\nHost")
        #expect(b.parser.finish() == .incompleteHead)
        var c = Driver(.request, framings: [])
        c.feed("GET / HTTP/1.1\r\n\r\n")
        #expect(c.parser.finish() == .clean)
    }

    @Test("a bare-LF chunk line is noted; strict tolerance abandons it")
    func chunkBareLF() {
        var d = Driver(.request, framings: [.chunked])
        d.feed("POST / HTTP/1.1\r\n\r\n1\nx\r\n0\r\n\r\n")
        #expect(d.structure.contains("note bare_lf"))
        #expect(d.structure.last == "end")
        var limits = HTTP1Limits()
        limits.tolerance = .strict
        var s = Driver(.request, framings: [.chunked], limits: limits)
        s.feed("POST / HTTP/1.1\r\n\r\n1\nx\r\n0\r\n\r\n")
        #expect(s.structure.contains("abandoned bare_lf_rejected"))
    }

    @Test("after stop, everything is ignored")
    func stopped() {
        var d = Driver(.request, framings: [])
        d.parser.stop()
        d.feed("GET / HTTP/1.1\r\n\r\n")
        #expect(d.log.isEmpty)
        #expect(d.parser.isStopped)
    }

    @Test("heads parsed in place (whole header block in one input) equal heads parsed from the buffer")
    func headInPlaceOrBuffered() {
        let text = "GET /a HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"
            + "POST /b HTTP/1.1\nHost: y\n folded\nBad Name: 1\nContent-Length: 2, 2\n\nok"
            + "PUT /c HTTP/1.1\r\nA: b\r\n c\r\n\r\n"
        func heads(_ pieces: Int, _ limits: HTTP1Limits) -> [String] {
            var parser = HTTP1MessageParser(role: .request, limits: limits)
            var out: [String] = []
            forEachPiece(of: text, pieces: pieces) { b in
                var offset = 0
                while let event = parser.next(b, &offset) {
                    switch event {
                    case .head:
                        let h = parser.takeHead()
                        out.append("\(h.startLine) \(Array(h.headers)) \(h.anomalies) \(h.contentLength) \(h.host ?? "-")")
                        parser.beginBody(h.contentLength == .valid(2) ? .length(2) : .none)
                    case .body: break
                    default: out.append("\(event)")
                    }
                }
            }
            return out
        }
        var strict = HTTP1Limits()
        strict.tolerance = .strict
        for limits in [HTTP1Limits(), strict] {
            let whole = heads(1, limits)
            #expect(whole.contains { $0.contains("request(method: \"PUT\"") || $0.contains("obs_fold_rejected") })
            for pieces in [2, 5, 17, text.utf8.count] { #expect(heads(pieces, limits) == whole, "pieces \(pieces)") }
        }
    }
}

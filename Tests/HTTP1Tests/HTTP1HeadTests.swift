import Testing
@testable import HTTP1

@Suite("HTTP1Head: header block")
struct HTTP1HeadTests {
    static let start = HTTP1Syntax.StartLine.request(method: "POST", target: "/", version: "1.1")

    static func head(_ block: String, limits: HTTP1Limits = HTTP1Limits()) throws -> HTTP1Head {
        let bytes = Array(block.utf8)
        return try bytes.withUnsafeBytes { b in
            try HTTP1Head(startLine: start, startLineBareLF: false, headerBlock: b, limits: limits)
        }
    }

    @Test("fields, OWS trimmed, summaries case-insensitive")
    func fields() throws {
        let h = try Self.head("HOST:  example.org \r\ncontent-TYPE:\ttext/plain\r\nContent-Length: 12\r\nUpgrade: WebSocket, h2c\r\nExpect: 100-Continue\r\n\r\n")
        #expect(h.headers.map(\.name) == ["HOST", "content-TYPE", "Content-Length", "Upgrade", "Expect"])
        #expect(h.host == "example.org")
        #expect(h.contentType == "text/plain")
        #expect(h.contentLength == .valid(12))
        #expect(h.upgrade == "websocket")
        #expect(h.expectContinue)
        #expect(h.anomalies.isEmpty)
    }

    @Test("Content-Length: duplicates, conflicts, invalid values")
    func contentLength() throws {
        #expect(try Self.head("Content-Length: 5\r\nContent-Length: 5\r\n\r\n").contentLength == .valid(5))
        #expect(try Self.head("Content-Length: 5, 5\r\n\r\n").anomalies == ["duplicate_content_length"])
        #expect(try Self.head("Content-Length: 5\r\nContent-Length: 6\r\n\r\n").anomalies == ["content_length_conflict"])
        #expect(try Self.head("Content-Length: +5\r\n\r\n").contentLength == .invalid)
        #expect(try Self.head("Content-Length: 1234567890123456789\r\n\r\n").contentLength == .invalid)
        #expect(try Self.head("Content-Length: 123456789012345678\r\n\r\n").contentLength == .valid(123_456_789_012_345_678))
    }

    @Test("Transfer-Encoding lists across fields, identity dropped")
    func transferEncoding() throws {
        #expect(try Self.head("Transfer-Encoding: gzip\r\nTransfer-Encoding: Chunked\r\n\r\n").transferCodings == ["gzip", "chunked"])
        #expect(try Self.head("Transfer-Encoding: chunked, identity\r\n\r\n").transferCodings == ["chunked"])
        #expect(try Self.head("X: y\r\n\r\n").transferCodings == nil)
    }

    @Test("odd lines: no colon, space before colon, fold without field, bad name")
    func oddLines() throws {
        let h = try Self.head(" folded first\r\nNoColonHere\r\nName : v\r\nBad[Name]: v\r\n\r\n")
        #expect(Set(h.anomalies) == ["obs_fold", "fold_without_field", "header_without_colon", "space_before_colon", "invalid_header_name"])
        #expect(h.headers.map(\.name) == ["Name", "Bad[Name]"])
    }

    @Test("strict tolerance throws with evidence")
    func strict() {
        var limits = HTTP1Limits()
        limits.tolerance = .strict
        #expect(throws: HTTP1ParseError(kind: "bare_lf_rejected", offset: 0, expected: "CRLF", found: "LF")) {
            try Self.head("A: b\n\n", limits: limits)
        }
        #expect(throws: HTTP1ParseError.self) { try Self.head("A: b\r\n c\r\n\r\n", limits: limits) }
    }

    @Test("header count cap keeps the first fields")
    func headerCap() throws {
        var limits = HTTP1Limits()
        limits.maxHeaderCount = 2
        let h = try Self.head("A: 1\r\nB: 2\r\nC: 3\r\nHost: late\r\n\r\n", limits: limits)
        #expect(h.headers.count == 2)
        #expect(h.host == "late")
        #expect(h.anomalies == ["too_many_headers"])
    }

    @Test("folded values: Content-Length and Host read from the folded value; skipped response fields keep their folds")
    func foldedSummaries() throws {
        let h = try Self.head("Content-Length: 5,\r\n 5\r\nHost: a\r\n  b\r\n\r\n")
        #expect(h.contentLength == .valid(5))
        #expect(h.anomalies == ["obs_fold", "duplicate_content_length"])
        #expect(h.host == "a b")
        #expect(Array(h.headers) == [HTTPHeaderField(name: "Content-Length", value: "5, 5"), HTTPHeaderField(name: "Host", value: "a b")])
        #expect(try Self.head("Content-Length:\r\n 7\r\n\r\n").contentLength == .valid(7))
        #expect(try Self.head("Content-Length: 7\r\n x\r\n\r\n").anomalies == ["obs_fold", "content_length_invalid"])
        let bytes = Array("X-Other: 1\r\n 2\r\nContent-Length: 3\r\n\r\n".utf8)
        let r = try bytes.withUnsafeBytes { b in
            try HTTP1Head(startLine: .response(version: "1.1", status: 200, reason: "OK"), startLineBareLF: false,
                          headerBlock: b, limits: HTTP1Limits(), keepAllFields: false)
        }
        #expect(r.headers.isEmpty)   // a response's fields are read for the summary, not kept
        #expect(r.contentLength == .valid(3))
    }
}

import Testing
@testable import HTTP1

@Suite("HTTP1Syntax: start lines")
struct HTTP1SyntaxTests {
    static func request(_ s: String, strict: Bool = false) -> HTTP1Syntax.StartLine? {
        Array(s.utf8).withUnsafeBytes { HTTP1Syntax.parseRequestLine($0, strictMethod: strict) }
    }
    static func status(_ s: String) -> HTTP1Syntax.StartLine? {
        Array(s.utf8).withUnsafeBytes { HTTP1Syntax.parseStatusLine($0) }
    }

    @Test("request lines (RFC 9112 §3)")
    func requestLines() {
        #expect(Self.request("GET /a?b=c HTTP/1.1") == .request(method: "GET", target: "/a?b=c", version: "1.1"))
        #expect(Self.request("OPTIONS * HTTP/1.0") == .request(method: "OPTIONS", target: "*", version: "1.0"))
        #expect(Self.request("get / HTTP/1.1") != nil)
        #expect(Self.request("get / HTTP/1.1", strict: true) == nil)
        #expect(Self.request("GET  / HTTP/1.1") == nil)
        #expect(Self.request("GET / HTTP/2.0") == nil)
        #expect(Self.request("GET / HTTP/1.1 ") == nil)
        #expect(Self.request("GET /HTTP/1.1") == nil)
        #expect(Self.request("PRI * HTTP/2.0") == nil)
    }

    @Test("status lines (RFC 9112 §4), reason optional")
    func statusLines() {
        #expect(Self.status("HTTP/1.1 200 OK") == .response(version: "1.1", status: 200, reason: "OK"))
        #expect(Self.status("HTTP/1.0 404") == .response(version: "1.0", status: 404, reason: ""))
        #expect(Self.status("HTTP/1.1 204 ") == .response(version: "1.1", status: 204, reason: ""))
        #expect(Self.status("HTTP/1.1 20x OK") == nil)
        #expect(Self.status("HTTP/1.1 2000 OK") == nil)
        #expect(Self.status("HTTP/2 200") == nil)
    }

    @Test("a start line is found at the end of a junk line")
    func findInJunk() {
        let r = Array(#"x":1}GET /next?a=b HTTP/1.1"#.utf8).withUnsafeBytes { HTTP1Syntax.findRequestLine($0) }
        #expect(r?.0 == 5)
        #expect(r?.1 == .request(method: "GET", target: "/next?a=b", version: "1.1"))
        let none = Array(#"{"q": "GET / HTTP/1.1 and more"}"#.utf8).withUnsafeBytes { HTTP1Syntax.findRequestLine($0) }
        #expect(none == nil)
        let s = Array("helloHTTP/1.1 200 OK".utf8).withUnsafeBytes { HTTP1Syntax.findStatusLine($0) }
        #expect(s?.0 == 5)
    }

    @Test("malformed request lines accepted by the observer tolerance")
    func malformed() {
        func loose(_ s: String) -> HTTP1Syntax.StartLine? {
            Array(s.utf8).withUnsafeBytes { HTTP1Syntax.parseMalformedRequestLine($0) }
        }
        #expect(loose("OPTIONS") == .request(method: "OPTIONS", target: "", version: ""))
        #expect(loose("GET /HTTP/1.1") == .request(method: "GET", target: "/HTTP/1.1", version: ""))
        #expect(loose("GET / HTTP/1.") == .request(method: "GET", target: "/", version: "1"))
        #expect(loose("PRI * HTTP/2.0") == nil)
        #expect(loose("hello world") == nil)
        #expect(loose("GET/ HTTP/1.1") == nil)
        // Words separated by runs of blanks (RFC 9112 §3 lets a recipient parse on whitespace), as tshark does.
        #expect(loose("GET /sp  HTTP/1.1") == .request(method: "GET", target: "/sp", version: "1.1"))
        #expect(loose("POST\t/v1/batch \tHTTP/1.0 ") == .request(method: "POST", target: "/v1/batch", version: "1.0"))
        #expect(loose(" GET / HTTP/1.1") == nil)
        #expect(loose("GET / HTTP/1.1 extra") == nil)
    }

    @Test("token bitmaps agree with the token table; find locates a byte like a scan does")
    func tokenBitsAndFind() {
        for b in 0...255 { #expect(HTTP1Syntax.isToken(UInt8(b)) == HTTP1Syntax.tokenTable[b], "byte \(b)") }
        let bytes = Array("ab:c\n:d".utf8)
        bytes.withUnsafeBytes { raw in
            #expect(HTTP1Syntax.find(UInt8(ascii: ":"), in: raw, from: 0, to: raw.count) == 2)
            #expect(HTTP1Syntax.find(UInt8(ascii: ":"), in: raw, from: 3, to: raw.count) == 5)
            #expect(HTTP1Syntax.find(UInt8(ascii: ":"), in: raw, from: 3, to: 5) == 5)
            #expect(HTTP1Syntax.find(UInt8(ascii: "z"), in: raw, from: 0, to: raw.count) == raw.count)
            #expect(HTTP1Syntax.find(UInt8(ascii: "a"), in: raw, from: 4, to: 4) == 4)
        }
    }
}

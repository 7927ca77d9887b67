import Testing
@testable import HTTP1

@Suite("HTTP1Sniff")
struct HTTP1SniffTests {
    static func sniff(_ s: String) -> HTTP1Sniff { Array(s.utf8).withUnsafeBytes { HTTP1Sniff.sniff($0) } }
    static func sniff(_ b: [UInt8]) -> HTTP1Sniff { b.withUnsafeBytes { HTTP1Sniff.sniff($0) } }

    @Test("requests are recognised by their bytes", arguments: [
        "GET / HTTP/1.1\r\n", "POST /tr?id=1 HTTP/1.0\r\nHost: x\r\n", "PROPFIND /dav HTTP/1.1\n",
        "GET /collect?v=2&tid=G-XYZ", "CONNECT api.example:443 HTTP/1.1\r\n", "GET http://h/ HTTP/1.1\r\n",
    ])
    func requests(text: String) { #expect(Self.sniff(text) == .request) }

    @Test("responses are recognised by HTTP/1.")
    func responses() {
        #expect(Self.sniff("HTTP/1.1 200 OK\r\n") == .response)
        #expect(Self.sniff("HTTP/1.0 404") == .response)
        #expect(Self.sniff("HTTP/1") == .needMoreBytes)
    }

    @Test("not HTTP/1: HTTP/2 preface, TLS, binary, lowercase junk", arguments: [
        [UInt8]("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8),
        [0x16, 0x03, 0x01, 0x02, 0x00, 0x01],
        [UInt8]("SSH-2.0-OpenSSH_9.2\r\n".utf8),
        [UInt8]("hello world\r\n".utf8),
        [UInt8]("HTTP/2 200\r\n".utf8),
        [UInt8]("GET\u{01}/ HTTP/1.1".utf8),
    ])
    func notHTTP(bytes: [UInt8]) { #expect(Self.sniff(bytes) == .notHTTP) }

    @Test("short prefixes wait for more bytes")
    func needMore() {
        #expect(Self.sniff("") == .needMoreBytes)
        #expect(Self.sniff("G") == .needMoreBytes)
        #expect(Self.sniff("GE") == .needMoreBytes)
        #expect(Self.sniff("GET ") == .needMoreBytes)
        #expect(Self.sniff("FOO /x") == .needMoreBytes)   // unknown method: wait for the version
        #expect(Self.sniff("FOO /x HTTP/1.1\r\n") == .request)
        #expect(Self.sniff("H") == .needMoreBytes)
    }
}

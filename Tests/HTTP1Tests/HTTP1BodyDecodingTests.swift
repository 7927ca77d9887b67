import Testing
@testable import HTTP1

/// A head (lines joined with CRLF, blank line added) followed by raw body bytes.
func message(_ lines: [String], body: [UInt8] = []) -> [UInt8] {
    Array((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8) + body
}

/// `bytes` as HTTP/1.1 chunked framing, cut into chunks of `size`.
func chunkedFraming(_ bytes: [UInt8], size: Int) -> [UInt8] {
    var out: [UInt8] = []
    var i = 0
    while i < bytes.count {
        let n = min(size, bytes.count - i)
        out += Array((String(n, radix: 16) + "\r\n").utf8) + bytes[i..<i + n] + [13, 10]
        i += n
    }
    return out + Array("0\r\n\r\n".utf8)
}

@Suite("HTTP1Connection: content decoding of bodies")
struct HTTP1BodyDecodingTests {
    static let codings: [(String, [UInt8])] = [
        ("gzip", BodyFixtures.gzip), ("x-gzip", BodyFixtures.gzip), ("deflate", BodyFixtures.rawDeflate),
        ("deflate", BodyFixtures.zlib), ("br", BodyFixtures.brotli), ("zstd", BodyFixtures.zstd),
        ("identity", BodyFixtures.plain),
    ]

    @Test("request bodies are decoded (Content-Length and chunked framing)", arguments: codings)
    func decodesRequestBody(encoding: String, encoded: [UInt8]) throws {
        var limits = HTTP1Limits()
        limits.retainedBodyBytes = 1_000
        for chunked in [false, true] {
            let framing = chunked ? "Transfer-Encoding: chunked" : "Content-Length: \(encoded.count)"
            let request = message(["POST /events HTTP/1.1", "Host: collector.example", "Content-Encoding: \(encoding)", framing],
                                  body: chunked ? chunkedFraming(encoded, size: 7) : encoded)
            let events = runAllSplits(Conversation(chunks: [.init(direction: .clientToServer, bytes: request, gap: 0)]), limits: limits)
            let r = try #require(requests(events).first)
            #expect(r.body.transferLength == encoded.count)
            #expect(r.body.decodedLength == BodyFixtures.plain.count)
            #expect(r.body.decodedBytes == BodyFixtures.plain)
            #expect(r.body.contentEncoding == encoding)
            #expect(r.body.decodeError == nil)
            #expect(r.anomalies.isEmpty, "\(r.anomalies)")
        }
    }

    @Test("a response body is decoded too; stacked codings")
    func responseStacked() throws {
        // gzip applied twice: "Content-Encoding: gzip, gzip" would need double gzip; use identity + gzip.
        let response = message(["HTTP/1.1 200 OK", "Content-Encoding: identity, gzip", "Content-Length: \(BodyFixtures.gzip.count)"],
                               body: BodyFixtures.gzip)
        let events = runAllSplits(Conversation(chunks: [
            .init(direction: .clientToServer, bytes: message(["GET / HTTP/1.1", "Host: h"]), gap: 0),
            .init(direction: .serverToClient, bytes: response, gap: 0),
        ]), limits: .withResponseBodies)
        let r = try #require(requests(events).first)
        #expect(r.responseBody?.decodedLength == 51)
        #expect(r.responseBody?.contentEncoding == "identity, gzip")
    }

    @Test("a decompression bomb is truncated at the cap and flagged")
    func bomb() throws {
        var limits = HTTP1Limits()
        limits.maxDecodedBodyBytes = 1 << 20
        let bomb = BodyFixtures.brotliBomb64MiB
        let request = message(["POST /b HTTP/1.1", "Host: h", "Content-Encoding: br", "Content-Length: \(bomb.count)"], body: bomb)
        let (events, connection) = run(Conversation(chunks: [.init(direction: .clientToServer, bytes: request, gap: 0)]), limits: limits)
        let r = try #require(requests(events).first)
        #expect(r.body.decompressionBomb)
        #expect(r.body.decodedLength == 1 << 20)
        #expect(r.body.transferLength == bomb.count)
        #expect(r.anomalies.contains("decompression_bomb"))
        #expect(connection.counters["decompression_bomb"] == 1)
    }

    @Test("a corrupt gzip body is flagged decode_error with the length decoded so far")
    func corrupt() throws {
        var bad = BodyFixtures.gzip
        bad[20] ^= 0x55
        bad[21] ^= 0x55
        let request = message(["POST /c HTTP/1.1", "Host: h", "Content-Encoding: gzip", "Content-Length: \(bad.count)"], body: bad)
        let events = runAllSplits(Conversation(chunks: [.init(direction: .clientToServer, bytes: request, gap: 0)]))
        let r = try #require(requests(events).first)
        #expect(r.body.decodeError != nil)
        #expect(r.anomalies.contains("decode_error"))
        #expect(r.body.decodedLength < 51)
        #expect(r.body.transferLength == bad.count)
    }

    @Test("an unknown coding is reported as a decode error, the transfer length is still right")
    func unknownCoding() throws {
        let request = message(["POST /u HTTP/1.1", "Host: h", "Content-Encoding: compress", "Content-Length: 4"], body: Array("abcd".utf8))
        let r = try #require(requests(run(Conversation(chunks: [.init(direction: .clientToServer, bytes: request, gap: 0)])).events).first)
        #expect(r.body.transferLength == 4)
        #expect(r.body.decodeError == "compress: unsupported coding at encoded byte 0")
    }

    @Test("Transfer-Encoding: gzip, chunked: dechunked, then the transfer coding is undone too")
    func transferCodingGzip() throws {
        let request = message(["POST /t HTTP/1.1", "Host: h", "Transfer-Encoding: gzip, chunked"],
                              body: chunkedFraming(BodyFixtures.gzip, size: 10))
        let events = runAllSplits(Conversation(chunks: [.init(direction: .clientToServer, bytes: request, gap: 0)]))
        let r = try #require(requests(events).first)
        #expect(r.body.transferLength == BodyFixtures.gzip.count)
        #expect(r.body.decodedLength == 51)
        #expect(r.body.contentEncoding == nil)
    }
}

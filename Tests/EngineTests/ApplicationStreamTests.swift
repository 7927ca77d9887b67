import Testing
@testable import Engine
import HTTP1
import HTTP2
import Primitives

/// Protocol recognition from bytes: HTTP/2 whose server speaks first, HTTP/1 mid-stream, non-HTTP given up.
@Suite("ApplicationStream")
struct ApplicationStreamTests {
    /// An HPACK literal header field without indexing (RFC 7541 §6.2.2), plain strings.
    static func literal(_ name: String, _ value: String) -> [UInt8] {
        [0x00, UInt8(name.utf8.count)] + Array(name.utf8) + [UInt8(value.utf8.count)] + Array(value.utf8)
    }

    static func frame(_ type: UInt8, _ flags: UInt8, _ stream: UInt8, _ payload: [UInt8]) -> [UInt8] {
        [0, UInt8(payload.count >> 8), UInt8(payload.count & 0xff), type, flags, 0, 0, 0, stream] + payload
    }

    static func feed(_ chunks: [(Direction, [UInt8])]) -> [ApplicationRequest] {
        var stream = ApplicationStream(http1Limits: HTTP1Limits(), http2Limits: HTTP2Limits(), unrecognisedBudget: 4096)
        var out: [ApplicationRequest] = []
        for (i, (direction, bytes)) in chunks.enumerated() {
            let ref = PacketRef(time: Timestamp(nanoseconds: Int64(i)), index: UInt64(i))
            bytes.withUnsafeBytes { stream.receive(StreamChunk(direction: direction, bytes: $0, firstPacket: ref, time: ref.time)) { out.append($0) } }
        }
        stream.finish { out.append($0) }
        return out
    }

    @Test("HTTP/2 prior knowledge with the server's SETTINGS before the client preface")
    func serverFirstHTTP2() throws {
        let settings = Self.frame(0x4, 0, 0, [])
        let request = Self.literal(":method", "POST") + Self.literal(":scheme", "http") + Self.literal(":path", "/v1/batch")
            + Self.literal(":authority", "api.segment.io")
        let response = Self.literal(":status", "200")
        let out = Self.feed([
            (.serverToClient, settings),
            (.clientToServer, HTTP2Preface.bytes + settings + Self.frame(0x1, 0x5, 1, request)),
            (.serverToClient, Self.frame(0x1, 0x5, 1, response)),
        ])
        try #require(out.count == 1)
        guard case .http2(let r) = out[0] else { Issue.record("not HTTP/2"); return }
        #expect(r.authority == "api.segment.io" && r.path == "/v1/batch" && r.status == 200)
    }

    @Test("a stream that never shows HTTP is given up after its budget")
    func notHTTP() {
        let junk = [UInt8](repeating: 0xAB, count: 3000)
        var stream = ApplicationStream(http1Limits: HTTP1Limits(), http2Limits: HTTP2Limits(), unrecognisedBudget: 4096)
        for i in 0..<3 {
            let ref = PacketRef(time: Timestamp(nanoseconds: Int64(i)), index: UInt64(i))
            junk.withUnsafeBytes { stream.receive(StreamChunk(direction: .clientToServer, bytes: $0, firstPacket: ref, time: ref.time)) { _ in } }
        }
        #expect(stream.isIgnored)
        #expect(stream.anomalies.contains("flow_not_http"))
    }
}

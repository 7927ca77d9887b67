import Testing
import NIOCore
import NIOHPACK
@testable import HTTP2
import Primitives

/// Builds HTTP/2 byte streams with a real HPACK encoder (Huffman and dynamic table on).
struct H2Builder {
    var encoder = HPACKEncoder(allocator: ByteBufferAllocator())

    mutating func block(_ headers: [(String, String)]) -> [UInt8] {
        var buffer = ByteBufferAllocator().buffer(capacity: 256)
        try! encoder.encode(headers: HPACKHeaders(headers), to: &buffer)
        return Array(buffer.readableBytesView)
    }

    static func frame(_ type: UInt8, flags: UInt8, stream: UInt32, _ payload: [UInt8]) -> [UInt8] {
        let n = payload.count
        return [UInt8(n >> 16 & 0xff), UInt8(n >> 8 & 0xff), UInt8(n & 0xff), type, flags,
                UInt8(stream >> 24 & 0x7f), UInt8(stream >> 16 & 0xff), UInt8(stream >> 8 & 0xff), UInt8(stream & 0xff)] + payload
    }
}

/// Runs a conversation through a connection with the given split of each chunk.
func converse(_ chunks: [(Direction, [UInt8])], split: (Int) -> [Int] = { [$0] },
              upgraded: Bool = false) -> [HTTP2Event] {
    var connection = HTTP2Connection(upgradedFromHTTP1: upgraded)
    var events: [HTTP2Event] = []
    var index: UInt64 = 0
    for (direction, bytes) in chunks {
        var offset = 0
        for size in split(bytes.count) where size > 0 {
            let piece = Array(bytes[offset..<offset + size])
            offset += size
            index += 1
            piece.withUnsafeBytes {
                let ref = PacketRef(time: Timestamp(nanoseconds: Int64(index) * 1000), index: index)
                connection.receive(StreamChunk(direction: direction, bytes: $0, firstPacket: ref, time: ref.time), events: &events)
            }
        }
    }
    connection.finish(events: &events)
    return events
}

func requests(_ events: [HTTP2Event]) -> [HTTP2StreamRecord] {
    events.compactMap { if case .request(let r) = $0 { return r } else { return nil } }
}

let settings = H2Builder.frame(0x4, flags: 0, stream: 0, [0, 3, 0, 0, 0, 100])

@Suite("HTTP2Connection")
struct HTTP2ConnectionTests {
    func twoRequestConversation() -> [(Direction, [UInt8])] {
        var client = H2Builder(), server = H2Builder()
        let r1 = client.block([(":method", "POST"), (":scheme", "https"), (":authority", "graph.facebook.com"),
                               (":path", "/v19.0/123/events"), ("content-type", "application/json")])
        let r3 = client.block([(":method", "GET"), (":scheme", "https"), (":authority", "graph.facebook.com"),
                               (":path", "/v19.0/me")])
        let s3 = server.block([(":status", "204")])
        let s1 = server.block([(":status", "200"), ("content-type", "application/json")])
        let body = Array(#"{"data":[{"event_name":"Purchase"}]}"#.utf8)
        // HEADERS for stream 1 split by CONTINUATION; padded DATA with priority-free header.
        let half = r1.count / 2
        var c: [UInt8] = HTTP2Preface.bytes + settings
        c += H2Builder.frame(0x1, flags: 0, stream: 1, Array(r1[..<half]))
        c += H2Builder.frame(0x9, flags: 0x4, stream: 1, Array(r1[half...]))
        c += H2Builder.frame(0x1, flags: 0x4 | 0x1 | 0x20, stream: 3, [0, 0, 0, 0, 15] + r3)
        c += H2Builder.frame(0x0, flags: 0x8, stream: 1, [3] + Array(body[..<10]) + [0, 0, 0])
        c += H2Builder.frame(0x0, flags: 0x1, stream: 1, Array(body[10...]))
        var s: [UInt8] = settings + H2Builder.frame(0x4, flags: 1, stream: 0, [])
        s += H2Builder.frame(0x1, flags: 0x4 | 0x1, stream: 3, s3)
        s += H2Builder.frame(0x1, flags: 0x4, stream: 1, s1)
        s += H2Builder.frame(0x0, flags: 0x1, stream: 1, Array("{}".utf8))
        return [(.clientToServer, c), (.serverToClient, s)]
    }

    @Test("interleaved streams, CONTINUATION, padding and priority give one record per request")
    func interleaved() throws {
        let got = requests(converse(twoRequestConversation()))
        try #require(got.count == 2)
        let post = try #require(got.first { $0.streamID == 1 })
        #expect(post.method == "POST")
        #expect(post.authority == "graph.facebook.com")
        #expect(post.path == "/v19.0/123/events")
        #expect(post.contentType == "application/json")
        #expect(post.bodyLength == 36)
        #expect(post.bodyDecodedLength == 36)
        #expect(post.status == 200)
        let get = try #require(got.first { $0.streamID == 3 })
        #expect(get.method == "GET" && get.path == "/v19.0/me" && get.status == 204 && get.bodyLength == 0)
        #expect(get.firstPacket > post.firstPacket || get.firstPacket == post.firstPacket)
    }

    @Test("the same records however the bytes are split")
    func dripFeed() {
        let conversation = twoRequestConversation()
        func summary(_ events: [HTTP2Event]) -> [String] {
            requests(events).map { "\($0.streamID) \($0.method ?? "") \($0.path ?? "") \($0.bodyLength) \($0.status ?? -1)" }.sorted()
        }
        let whole = summary(converse(conversation))
        #expect(summary(converse(conversation, split: { Array(repeating: 1, count: $0) })) == whole)
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let splitter: (Int) -> [Int] = { n in
                var parts: [Int] = [], left = n
                while left > 0 { let k = Int.random(in: 1...min(left, 40), using: &rng); parts.append(k); left -= k }
                return parts
            }
            #expect(summary(converse(conversation, split: splitter)) == whole)
        }
    }

    @Test("the dynamic table carries over between requests")
    func dynamicTable() throws {
        var client = H2Builder(), server = H2Builder()
        var c: [UInt8] = HTTP2Preface.bytes + settings
        var s: [UInt8] = settings
        for i in 0..<5 {
            let id = UInt32(2 * i + 1)
            let headers = [(":method", "GET"), (":scheme", "https"), (":authority", "api.segment.io"),
                           (":path", "/v1/p/\(i)"), ("user-agent", "analytics-test/1.0"), ("x-same", "repeated-value")]
            c += H2Builder.frame(0x1, flags: 0x5, stream: id, client.block(headers))
            s += H2Builder.frame(0x1, flags: 0x5, stream: id, server.block([(":status", "200")]))
        }
        let got = requests(converse([(.clientToServer, c), (.serverToClient, s)])).sorted { $0.streamID < $1.streamID }
        try #require(got.count == 5)
        for (i, r) in got.enumerated() {
            #expect(r.path == "/v1/p/\(i)")
            #expect(r.headers.contains(HTTP2HeaderField(name: "x-same", value: "repeated-value")))
            #expect(r.status == 200)
        }
    }

    @Test("after an h2c upgrade, stream 1 is not reported again")
    func upgrade() {
        var client = H2Builder(), server = H2Builder()
        var c: [UInt8] = HTTP2Preface.bytes + settings
        c += H2Builder.frame(0x1, flags: 0x5, stream: 3, client.block([(":method", "GET"), (":scheme", "http"),
                                                                        (":authority", "example"), (":path", "/two")]))
        var s: [UInt8] = settings
        s += H2Builder.frame(0x1, flags: 0x5, stream: 1, server.block([(":status", "200")]))
        s += H2Builder.frame(0x1, flags: 0x5, stream: 3, server.block([(":status", "404")]))
        let got = requests(converse([(.clientToServer, c), (.serverToClient, s)], upgraded: true))
        #expect(got.map(\.path) == ["/two"])
        #expect(got.first?.status == 404)
    }

    @Test("hostile input is reported, never a crash")
    func hostile() {
        // Pad length beyond the payload.
        var c: [UInt8] = HTTP2Preface.bytes + H2Builder.frame(0x0, flags: 0x8, stream: 1, [200, 1, 2])
        var events = converse([(.clientToServer, c)])
        #expect(events.contains { if case .anomaly("http2_frame_error") = $0 { return true } else { return false } })
        // Not a preface.
        events = converse([(.clientToServer, Array("GET / HTTP/1.1\r\n\r\n".utf8))])
        #expect(events.contains { if case .anomaly("http2_bad_preface") = $0 { return true } else { return false } })
        // Garbage HPACK.
        c = HTTP2Preface.bytes + H2Builder.frame(0x1, flags: 0x5, stream: 1, [0xff, 0xff, 0xff, 0xff, 0x7f])
        events = converse([(.clientToServer, c)])
        #expect(events.contains { if case .anomaly("http2_hpack_error") = $0 { return true } else { return false } })
        // Random bytes after the preface, in random splits.
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let junk = (0..<Int.random(in: 0...300, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            _ = converse([(.clientToServer, HTTP2Preface.bytes + junk), (.serverToClient, junk)])
        }
    }
}

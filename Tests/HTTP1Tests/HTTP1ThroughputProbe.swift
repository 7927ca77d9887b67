import Testing
import Primitives
@testable import HTTP1

/// Not a timed test: prints the parser's rate on a synthetic tracker workload (debug build figures
/// are far below release ones). Checks only that every request was found.
@Suite("HTTP1 throughput probe")
struct HTTP1ThroughputProbe {
    @Test("10k pipelined tracker POSTs with JSON bodies and responses")
    func probe() {
        let body = Array(#"{"event":"Purchase","value":19.99,"currency":"EUR","user":{"em":"<sha256>"}}"#.utf8)
        // Keep-alive: each request, then its response, in 1448-byte segments.
        var conversation: [(Direction, [UInt8])] = []
        var total = 0
        for i in 0..<10_000 {
            let request = Array("POST /v1/track?id=\(i) HTTP/1.1\r\nHost: api.segment.io\r\nUser-Agent: probe/1.0\r\nContent-Type: application/json\r\nAccept: */*\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body
            let response = Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}".utf8)
            conversation.append((.clientToServer, request))
            conversation.append((.serverToClient, response))
            total += request.count + response.count
        }
        var connection = HTTP1Connection()
        var events: [HTTP1Event] = []
        events.reserveCapacity(10_001)
        let packet = PacketRef(time: Timestamp(nanoseconds: 0), index: 0)
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for (direction, bytes) in conversation {
                bytes.withUnsafeBytes { b in
                    var o = 0
                    while o < b.count {
                        let n = min(1448, b.count - o)
                        connection.receive(StreamChunk(direction: direction, bytes: UnsafeRawBufferPointer(rebasing: b[o..<o + n]),
                                                       firstPacket: packet, time: packet.time), events: &events)
                        o += n
                    }
                }
            }
            connection.finish(events: &events)
        }
        let bytes = Double(total)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("HTTP1 probe: \(Int(bytes)) bytes, 10000 requests in \(elapsed): \(Int(bytes / seconds / 1e6)) MB/s, \(Int(10_000 / seconds)) requests/s")
        #expect(requests(events).count == 10_000)
        #expect(requests(events).allSatisfy { $0.status == 200 && $0.body.transferLength == body.count })
    }
}

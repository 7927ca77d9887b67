import Testing
@testable import Engine
import HTTP1
import HTTP2
import Primitives

/// SOCKS 4/4a/5 openings read from both directions, then the tunnel's HTTP; refusals, malformed
/// handshakes and bytes that only look like SOCKS.
@Suite("SOCKS handshake")
struct SOCKSHandshakeTests {
    static let request = Array("POST /v1/batch HTTP/1.1\r\nHost: api.segment.io\r\nContent-Length: 2\r\n\r\n{}".utf8)
    static let response = Array("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".utf8)

    static func socks5Request(host: String, port: UInt16 = 80) -> [UInt8] {
        [5, 1, 0, 3, UInt8(host.utf8.count)] + Array(host.utf8) + [UInt8(port >> 8), UInt8(port & 0xff)]
    }

    /// The requests found, and the anomalies the stream reported.
    static func run(_ chunks: [(Direction, [UInt8])]) -> (paths: [String], anomalies: [String]) {
        var stream = ApplicationStream(http1Limits: HTTP1Limits(), http2Limits: HTTP2Limits(), unrecognisedBudget: 4096)
        var paths: [String] = []
        for (i, (direction, bytes)) in chunks.enumerated() {
            let ref = PacketRef(time: Timestamp(nanoseconds: Int64(i)), index: UInt64(i))
            bytes.withUnsafeBytes {
                stream.receive(StreamChunk(direction: direction, bytes: $0, firstPacket: ref, time: ref.time)) { r in
                    if case .http1(let h) = r { paths.append("\(h.method) \(h.target) \(h.status.map(String.init) ?? "-")") }
                }
            }
        }
        stream.finish { r in if case .http1(let h) = r { paths.append("\(h.method) \(h.target) \(h.status.map(String.init) ?? "-")") } }
        return (paths, stream.anomalies)
    }

    @Test("SOCKS 5, no authentication, the request sent with the greeting, split at odd places")
    func socks5Pipelined() {
        let client = [5, 1, 0] + Self.socks5Request(host: "api.segment.io") + Self.request
        let server: [UInt8] = [5, 0, 5, 0, 0, 1, 10, 0, 0, 2, 0, 80] + Self.response
        let out = Self.run([(.clientToServer, Array(client[..<4])), (.serverToClient, Array(server[..<1])),
                            (.clientToServer, Array(client[4...])), (.serverToClient, Array(server[1...]))])
        #expect(out.paths == ["POST /v1/batch 200"])
        #expect(out.anomalies == ["switch_socks"])
    }

    @Test("SOCKS 5 with user/password (RFC 1929) and an IPv6 address")
    func socks5Auth() {
        let v6: [UInt8] = [5, 1, 0, 4] + [UInt8](repeating: 0, count: 15) + [1, 0, 80]
        let out = Self.run([
            (.clientToServer, [5, 2, 0, 2]), (.serverToClient, [5, 2]),
            (.clientToServer, [1, 4] + Array("user".utf8) + [6] + Array("secret".utf8)), (.serverToClient, [1, 0]),
            (.clientToServer, v6), (.serverToClient, [5, 0, 0, 1, 0, 0, 0, 0, 0, 0]),
            (.clientToServer, Self.request), (.serverToClient, Self.response),
        ])
        #expect(out.paths == ["POST /v1/batch 200"])
    }

    @Test("SOCKS 4 and 4a")
    func socks4() {
        let v4: [UInt8] = [4, 1, 0, 80, 10, 0, 0, 2] + Array("bob".utf8) + [0]
        let v4a: [UInt8] = [4, 1, 0, 80, 0, 0, 0, 1, 0] + Array("api.segment.io".utf8) + [0]
        for opening in [v4, v4a] {
            let out = Self.run([(.clientToServer, opening), (.serverToClient, [0, 90, 0, 0, 0, 0, 0, 0]),
                                (.clientToServer, Self.request), (.serverToClient, Self.response)])
            #expect(out.paths == ["POST /v1/batch 200"])
        }
    }

    @Test("a refused connection or failed authentication opens no tunnel")
    func refused() {
        let cases: [[(Direction, [UInt8])]] = [
            [(.clientToServer, [5, 1, 0] + Self.socks5Request(host: "x.example")), (.serverToClient, [5, 0, 5, 5, 0, 1, 0, 0, 0, 0, 0, 0])],
            [(.clientToServer, [5, 1, 2]), (.serverToClient, [5, 2]), (.clientToServer, [1, 1, 65, 1, 65]), (.serverToClient, [1, 1])],
            [(.clientToServer, [5, 1, 2]), (.serverToClient, [5, 0xFF])],
            [(.clientToServer, [4, 1, 0, 80, 1, 2, 3, 4, 0]), (.serverToClient, [0, 91, 0, 0, 0, 0, 0, 0])],
        ]
        for chunks in cases {
            let out = Self.run(chunks + [(.clientToServer, Self.request)])
            #expect(out.paths.isEmpty)
            #expect(out.anomalies.contains("socks_refused"))
        }
    }

    @Test("malformed openings are counted and left to HTTP/1 resynchronisation, bounded")
    func malformed() {
        // An unknown address type: the bytes go to HTTP/1, which finds the request line after them.
        let badType = Self.run([(.clientToServer, [5, 1, 0, 5, 1, 0, 9, 1, 2] + Self.request), (.serverToClient, [5, 0] + Self.response)])
        #expect(badType.anomalies.contains("socks_malformed"))
        #expect(badType.paths.count == 1)
        // A greeting whose request never ends: given up at the bound, never buffered without end.
        let endless = [(Direction.clientToServer, [5, 1, 0] as [UInt8])]
            + (0..<20).map { _ in (Direction.clientToServer, [UInt8](repeating: 1, count: 100)) }
        #expect(Self.run(endless).anomalies.contains("socks_malformed"))
        // One-sided (the server's side not captured): held up to a bound, then HTTP/1 resynchronisation finds the request.
        let oneSided = Self.run([(.clientToServer, [5, 1, 0] + Self.socks5Request(host: "api.segment.io") + Self.request)]
            + (0..<70).map { _ in (Direction.clientToServer, [UInt8](repeating: 0x20, count: 1000)) }
            + [(.clientToServer, Self.request)])
        #expect(oneSided.anomalies.contains("socks_unanswered"))
        #expect(oneSided.paths.count == 2)
        // Truncated: a greeting and half a request, then the end.
        #expect(Self.run([(.clientToServer, [5, 1, 0, 5, 1])]).paths.isEmpty)
    }

    @Test("the destination the client asked for, as host:port")
    func target() {
        func opened(_ version: UInt8, _ client: [UInt8], _ server: [UInt8]) -> String? {
            var h = SOCKSHandshake(version: version)
            _ = client.withUnsafeBytes { h.receive($0, from: .clientToServer) }
            let outcome = server.withUnsafeBytes { h.receive($0, from: .serverToClient) }
            return outcome == .open ? h.target : "not open"
        }
        let granted5: [UInt8] = [5, 0, 5, 0, 0, 1, 0, 0, 0, 0, 0, 0]
        #expect(opened(5, [5, 1, 0] + Self.socks5Request(host: "api.segment.io", port: 443), granted5) == "api.segment.io:443")
        #expect(opened(5, [5, 1, 0, 5, 1, 0, 1, 10, 0, 0, 2, 0, 80], granted5) == "10.0.0.2:80")
        #expect(opened(5, [5, 1, 0, 5, 1, 0, 4] + [UInt8](repeating: 0, count: 15) + [1, 1, 187], granted5) == "[::1]:443")
        let granted4: [UInt8] = [0, 90, 0, 0, 0, 0, 0, 0]
        #expect(opened(4, [4, 1, 0, 80, 10, 0, 0, 2] + Array("bob".utf8) + [0], granted4) == "10.0.0.2:80")
        #expect(opened(4, [4, 1, 1, 187, 0, 0, 0, 1, 0] + Array("api.segment.io".utf8) + [0], granted4) == "api.segment.io:443")
    }

    @Test("what opens a SOCKS handshake")
    func starts() {
        func starts(_ b: [UInt8]) -> Bool { b.withUnsafeBytes { SOCKSHandshake.starts($0) } }
        #expect(starts([5, 1, 0]) && starts([5, 2, 0, 2]) && starts([4, 1, 0, 80, 1, 2, 3, 4, 0]))
        #expect(!starts([5, 0, 0]) && !starts([5, 3, 0]) && !starts([5, 1, 0x40]) && !starts([4, 3, 0, 80, 1, 2, 3, 4, 0]))
        #expect(!starts(Array("GET / HTTP/1.1\r\n".utf8)) && !starts([0x16, 3, 1, 0, 5]))
    }
}

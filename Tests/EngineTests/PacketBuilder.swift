import Primitives
import Capture

/// Builds Ethernet/IPv4 packets for tests (checksums left zero: the observer does not verify them).
struct PacketBuilder {
    var time = Timestamp(seconds: 1_795_000_000, nanoseconds: 0)
    private(set) var packets: [(Timestamp, [UInt8])] = []

    static func ipv4(_ text: String) -> [UInt8] { text.split(separator: ".").map { UInt8($0)! } }

    mutating func tcp(from src: (String, UInt16), to dst: (String, UInt16), seq: UInt32, ack: UInt32, flags: UInt8,
                      payload: [UInt8] = []) {
        var tcp: [UInt8] = []
        tcp += be16(src.1) + be16(dst.1) + be32(seq) + be32(ack)
        tcp += [0x50, flags] + be16(65535) + [0, 0, 0, 0]
        add(ip(proto: 6, src: src.0, dst: dst.0, body: tcp + payload))
    }

    mutating func udp(from src: (String, UInt16), to dst: (String, UInt16), payload: [UInt8]) {
        let udp = be16(src.1) + be16(dst.1) + be16(UInt16(8 + payload.count)) + [0, 0]
        add(ip(proto: 17, src: src.0, dst: dst.0, body: udp + payload))
    }

    /// A whole HTTP exchange on a new connection: handshake, request, response, FIN.
    mutating func exchange(client: (String, UInt16), server: (String, UInt16), request: String, response: String) {
        let r = Array(request.utf8), s = Array(response.utf8)
        tcp(from: client, to: server, seq: 1000, ack: 0, flags: 0x02)
        tcp(from: server, to: client, seq: 5000, ack: 1001, flags: 0x12)
        tcp(from: client, to: server, seq: 1001, ack: 5001, flags: 0x10)
        tcp(from: client, to: server, seq: 1001, ack: 5001, flags: 0x18, payload: r)
        tcp(from: server, to: client, seq: 5001, ack: 1001 + UInt32(r.count), flags: 0x18, payload: s)
        tcp(from: client, to: server, seq: 1001 + UInt32(r.count), ack: 5001 + UInt32(s.count), flags: 0x11)
        tcp(from: server, to: client, seq: 5001 + UInt32(s.count), ack: 1002 + UInt32(r.count), flags: 0x11)
    }

    private mutating func add(_ ipPacket: [UInt8]) {
        time = time.adding(nanoseconds: 1_000_000)
        packets.append((time, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0x08, 0x00] + ipPacket))
    }

    private func ip(proto: UInt8, src: String, dst: String, body: [UInt8]) -> [UInt8] {
        [0x45, 0] + be16(UInt16(20 + body.count)) + [0, 0, 0x40, 0, 64, proto, 0, 0]
            + PacketBuilder.ipv4(src) + PacketBuilder.ipv4(dst) + body
    }

    private func be16(_ v: UInt16) -> [UInt8] { [UInt8(v >> 8), UInt8(v & 0xff)] }
    private func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xff), UInt8(v >> 8 & 0xff), UInt8(v & 0xff)] }
}

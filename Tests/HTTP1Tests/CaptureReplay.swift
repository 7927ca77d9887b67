import Foundation
import Primitives
@testable import HTTP1

/// Test-only replay of a classic pcap with Ethernet (802.1Q), NULL or raw IPv4 link types and
/// IPv4/TCP: per connection, each direction's payload in sequence order (small out-of-order
/// buffer, retransmissions trimmed, holes reported as gaps), fed to an `HTTP1Connection`.
/// Not the project's capture/reassembly code: just enough to check the parser on real traffic.
struct CaptureReplay {
    struct Failure: Error, CustomStringConvertible { var description: String }

    private struct Key: Hashable { var a: Endpoint; var b: Endpoint }
    private struct Side { var next: UInt32?; var pending: [UInt32: ([UInt8], PacketRef)] = [:] }
    private struct Flow {
        var client: Endpoint
        var connection: HTTP1Connection
        var sides: [Direction: Side] = [.clientToServer: Side(), .serverToClient: Side()]
        var events: [HTTP1Event] = []
    }

    /// Requests of every connection, in order of their first packet.
    static func requests(pcap path: String, limits: HTTP1Limits = HTTP1Limits()) throws -> [HTTPRequestRecord] {
        let data = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        guard data.count >= 24 else { throw Failure(description: "short file") }
        let magic = UInt32(data[0]) | UInt32(data[1]) << 8 | UInt32(data[2]) << 16 | UInt32(data[3]) << 24
        let little = magic == 0xA1B2_C3D4 || magic == 0xA1B2_3C4D
        guard little || magic == 0xD4C3_B2A1 || magic == 0x4D3C_B2A1 else { throw Failure(description: "not a pcap") }
        func u32(_ o: Int) -> UInt32 {
            let b = (0..<4).map { UInt32(data[o + $0]) }
            return little ? b[0] | b[1] << 8 | b[2] << 16 | b[3] << 24 : b[3] | b[2] << 8 | b[1] << 16 | b[0] << 24
        }
        let linkType = u32(20)
        var flows: [Key: Flow] = [:]
        var order: [Key] = []
        var offset = 24
        var index: UInt64 = 0
        while offset + 16 <= data.count {
            let length = Int(u32(offset + 8))
            let packet = PacketRef(time: Timestamp(seconds: Int64(u32(offset)), nanoseconds: Int64(u32(offset + 4))), index: index)
            offset += 16
            guard offset + length <= data.count else { break }
            let frame = Array(data[offset..<offset + length])
            offset += length
            index += 1
            guard let seg = parse(frame, linkType: linkType) else { continue }
            let key = seg.src.description < seg.dst.description ? Key(a: seg.src, b: seg.dst) : Key(a: seg.dst, b: seg.src)
            if flows[key] == nil {
                // The SYN sender is the client; without a SYN, the side with the higher port.
                let client = seg.syn ? (seg.ack ? seg.dst : seg.src) : (seg.src.port > seg.dst.port ? seg.src : seg.dst)
                flows[key] = Flow(client: client, connection: HTTP1Connection(limits: limits))
                order.append(key)
            }
            let direction: Direction = seg.src == flows[key]!.client ? .clientToServer : .serverToClient
            deliver(&flows[key]!, direction, seg, packet)
        }
        var all: [HTTPRequestRecord] = []
        for key in order {
            var flow = flows[key]!
            // Whatever stayed out of order is delivered after a gap.
            for direction in [Direction.clientToServer, .serverToClient] {
                while let side = flow.sides[direction], let first = side.pending.keys.min(by: { a, b in Int32(bitPattern: a &- b) < 0 }) {
                    let (bytes, packet) = flow.sides[direction]!.pending.removeValue(forKey: first)!
                    let gap = side.next.map { Int(first &- $0) } ?? 0
                    feed(&flow, direction, bytes, gap: gap, packet)
                    flow.sides[direction]!.next = first &+ UInt32(bytes.count)
                }
            }
            flow.connection.finish(events: &flow.events)
            all += flow.events.compactMap { if case .request(let r) = $0 { r } else { nil } }
        }
        return all.sorted { $0.firstPacket < $1.firstPacket }
    }

    private struct Segment { var src: Endpoint; var dst: Endpoint; var seq: UInt32; var syn: Bool; var ack: Bool; var fin: Bool; var payload: [UInt8] }

    private static func parse(_ f: [UInt8], linkType: UInt32) -> Segment? {
        var o: Int
        switch linkType {
        case 1:
            o = 14
            guard f.count >= 14 else { return nil }
            var type = UInt16(f[12]) << 8 | UInt16(f[13])
            while type == 0x8100 || type == 0x88A8, f.count >= o + 4 {
                type = UInt16(f[o + 2]) << 8 | UInt16(f[o + 3])
                o += 4
            }
            guard type == 0x0800 else { return nil }
        case 0: o = 4
        case 101, 228: o = 0
        default: return nil
        }
        guard f.count >= o + 20, f[o] >> 4 == 4, f[o + 9] == 6 else { return nil }
        let ihl = Int(f[o] & 0x0F) * 4
        let total = Int(f[o + 2]) << 8 | Int(f[o + 3])
        let src = IPAddress.v4(UInt32(f[o + 12]) << 24 | UInt32(f[o + 13]) << 16 | UInt32(f[o + 14]) << 8 | UInt32(f[o + 15]))
        let dst = IPAddress.v4(UInt32(f[o + 16]) << 24 | UInt32(f[o + 17]) << 16 | UInt32(f[o + 18]) << 8 | UInt32(f[o + 19]))
        let t = o + ihl
        let end = min(f.count, o + total)
        guard end >= t + 20 else { return nil }
        let dataOffset = Int(f[t + 12] >> 4) * 4
        guard t + dataOffset <= end else { return nil }
        let seq = UInt32(f[t + 4]) << 24 | UInt32(f[t + 5]) << 16 | UInt32(f[t + 6]) << 8 | UInt32(f[t + 7])
        let flags = f[t + 13]
        return Segment(src: Endpoint(address: src, port: UInt16(f[t]) << 8 | UInt16(f[t + 1])),
                       dst: Endpoint(address: dst, port: UInt16(f[t + 2]) << 8 | UInt16(f[t + 3])),
                       seq: seq, syn: flags & 0x02 != 0, ack: flags & 0x10 != 0, fin: flags & 0x01 != 0,
                       payload: Array(f[(t + dataOffset)..<end]))
    }

    private static func deliver(_ flow: inout Flow, _ direction: Direction, _ seg: Segment, _ packet: PacketRef) {
        if seg.syn { flow.sides[direction]!.next = seg.seq &+ 1 }
        guard !seg.payload.isEmpty else { return }
        var side = flow.sides[direction]!
        var seq = seg.syn ? seg.seq &+ 1 : seg.seq  // TCP Fast Open: data in the SYN
        var bytes = seg.payload
        if let next = side.next {
            let ahead = Int32(bitPattern: seq &- next)
            if ahead > 0 {  // out of order: wait for the hole to fill
                side.pending[seq] = (bytes, packet)
                flow.sides[direction] = side
                return
            }
            if ahead < 0 {  // retransmission / overlap: first data wins
                let overlap = Int(-ahead)
                guard overlap < bytes.count else { return }
                bytes.removeFirst(overlap)
                seq = next
            }
        }
        feed(&flow, direction, bytes, gap: 0, packet)
        side.next = seq &+ UInt32(bytes.count)
        // Deliver buffered segments that are now in order.
        while let next = side.next, let entry = side.pending.first(where: { Int32(bitPattern: $0.key &- next) <= 0 }) {
            side.pending.removeValue(forKey: entry.key)
            var b = entry.value.0
            let overlap = Int(Int32(bitPattern: next &- entry.key))
            if overlap >= b.count { continue }
            b.removeFirst(overlap)
            feed(&flow, direction, b, gap: 0, entry.value.1)
            side.next = next &+ UInt32(b.count)
        }
        flow.sides[direction] = side
    }

    private static func feed(_ flow: inout Flow, _ direction: Direction, _ bytes: [UInt8], gap: Int, _ packet: PacketRef) {
        bytes.withUnsafeBytes { b in
            flow.connection.receive(StreamChunk(direction: direction, bytes: b, gapBefore: gap, firstPacket: packet, time: packet.time),
                                    events: &flow.events)
        }
    }
}

import Foundation
import Primitives

/// TEST-ONLY: a minimal pcap / pcapng (SHB, IDB, EPB, SPB) reader with Ethernet (+VLAN), NULL and raw
/// IP link types, IPv4/IPv6 and TCP, that concatenates each direction's payload by sequence number
/// (duplicates trimmed, out-of-order segments held until they fit; loss is not expected). It stands in
/// for the lead's Capture/Wire/Streams pipeline, which is not on this branch.
struct CapturedFlow {
    struct Chunk {
        var direction: Direction
        var bytes: [UInt8]
        var packet: PacketRef
    }

    var client: Endpoint
    var server: Endpoint
    var chunks: [Chunk] = []

    func bytes(_ direction: Direction) -> [UInt8] {
        chunks.filter { $0.direction == direction }.flatMap(\.bytes)
    }
}

enum TestCaptures {
    /// `../shared/captures` relative to the package root, derived from this file's path.
    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared/captures")
    }

    static func url(_ relative: String) -> URL { directory.appendingPathComponent(relative) }
}

struct PcapError: Error, CustomStringConvertible {
    var description: String
}

enum PcapFlows {
    private struct Packet {
        var time: Timestamp
        var linkType: UInt32
        var data: [UInt8]
    }

    /// Reads a capture file and returns its TCP flows with payload, in first-packet order.
    static func read(_ url: URL) throws -> [CapturedFlow] {
        let file = [UInt8](try Data(contentsOf: url))
        let packets = try parsePackets(file)
        return assemble(packets)
    }

    private static func u16(_ b: [UInt8], _ o: Int, _ le: Bool) -> UInt32 {
        le ? UInt32(b[o]) | UInt32(b[o + 1]) << 8 : UInt32(b[o]) << 8 | UInt32(b[o + 1])
    }

    private static func u32(_ b: [UInt8], _ o: Int, _ le: Bool) -> UInt32 {
        le ? UInt32(b[o]) | UInt32(b[o + 1]) << 8 | UInt32(b[o + 2]) << 16 | UInt32(b[o + 3]) << 24
            : UInt32(b[o]) << 24 | UInt32(b[o + 1]) << 16 | UInt32(b[o + 2]) << 8 | UInt32(b[o + 3])
    }

    private static func parsePackets(_ f: [UInt8]) throws -> [Packet] {
        guard f.count >= 24 else { throw PcapError(description: "file too short") }
        var out: [Packet] = []
        let magic = u32(f, 0, true)
        if magic == 0x0A0D0D0A {
            var le = true
            var offset = 0
            var interfaces: [(link: UInt32, nanos: Bool)] = []
            while offset + 12 <= f.count {
                let type = u32(f, offset, le)
                if type == 0x0A0D0D0A { le = u32(f, offset + 8, true) == 0x1A2B3C4D; interfaces = [] }
                let length = Int(u32(f, offset, le) == type ? u32(f, offset + 4, le) : 0)
                guard length >= 12, offset + length <= f.count else { throw PcapError(description: "bad pcapng block") }
                switch type {
                case 1:
                    var nanos = false
                    var o = offset + 16
                    while o + 4 <= offset + length - 4 {
                        let code = u16(f, o, le), len = Int(u16(f, o + 2, le))
                        if code == 0 { break }
                        if code == 9, len >= 1 { nanos = f[o + 4] == 9 }
                        o += 4 + (len + 3) / 4 * 4
                    }
                    interfaces.append((u16(f, offset + 8, le), nanos))
                case 6:
                    let id = Int(u32(f, offset + 8, le))
                    let ts = UInt64(u32(f, offset + 12, le)) << 32 | UInt64(u32(f, offset + 16, le))
                    let captured = Int(u32(f, offset + 20, le))
                    guard id < interfaces.count, offset + 28 + captured <= f.count else { break }
                    let nanos = interfaces[id].nanos
                    out.append(Packet(time: Timestamp(nanoseconds: Int64(nanos ? ts : ts * 1000)), linkType: interfaces[id].link,
                                      data: Array(f[(offset + 28)..<(offset + 28 + captured)])))
                case 3:
                    guard !interfaces.isEmpty else { break }
                    let captured = min(Int(u32(f, offset + 8, le)), length - 16)
                    out.append(Packet(time: .zero, linkType: interfaces[0].link, data: Array(f[(offset + 12)..<(offset + 12 + captured)])))
                default:
                    break
                }
                offset += length
            }
            return out
        }
        let le: Bool
        let nanos: Bool
        switch magic {
        case 0xA1B2C3D4: le = true; nanos = false
        case 0xA1B23C4D: le = true; nanos = true
        case 0xD4C3B2A1: le = false; nanos = false
        case 0x4D3CB2A1: le = false; nanos = true
        default: throw PcapError(description: "not a capture file")
        }
        let link = u32(f, 20, le) & 0x0fff_ffff
        var offset = 24
        while offset + 16 <= f.count {
            let sec = Int64(u32(f, offset, le)), frac = Int64(u32(f, offset + 4, le))
            let captured = Int(u32(f, offset + 8, le))
            guard offset + 16 + captured <= f.count else { break }
            out.append(Packet(time: Timestamp(seconds: sec, nanoseconds: nanos ? frac : frac * 1000), linkType: link,
                              data: Array(f[(offset + 16)..<(offset + 16 + captured)])))
            offset += 16 + captured
        }
        return out
    }

    private struct Segment {
        var source: Endpoint
        var destination: Endpoint
        var seq: UInt32
        var flags: UInt8
        var payload: ArraySlice<UInt8>
    }

    private static func decode(_ p: Packet) -> Segment? {
        let d = p.data
        var ip = 0
        switch p.linkType {
        case 0:
            guard d.count > 4 else { return nil }
            ip = 4
        case 1:
            guard d.count > 14 else { return nil }
            var type = Int(d[12]) << 8 | Int(d[13])
            ip = 14
            while type == 0x8100 || type == 0x88a8, d.count > ip + 4 {
                type = Int(d[ip + 2]) << 8 | Int(d[ip + 3])
                ip += 4
            }
            guard type == 0x0800 || type == 0x86dd else { return nil }
        case 101, 228, 229:
            ip = 0
        default:
            return nil
        }
        guard d.count > ip else { return nil }
        var tcp = 0, end = 0
        var src: IPAddress, dst: IPAddress
        if d[ip] >> 4 == 4 {
            let ihl = Int(d[ip] & 0x0f) * 4
            guard d.count >= ip + ihl, d[ip + 9] == 6 else { return nil }
            let total = Int(d[ip + 2]) << 8 | Int(d[ip + 3])
            src = .v4(u32(d, ip + 12, false))
            dst = .v4(u32(d, ip + 16, false))
            tcp = ip + ihl
            end = min(d.count, ip + total)
        } else if d[ip] >> 4 == 6 {
            guard d.count >= ip + 40, d[ip + 6] == 6 else { return nil }
            let payload = Int(d[ip + 4]) << 8 | Int(d[ip + 5])
            src = d.withUnsafeBytes { IPAddress(bytes: UnsafeRawBufferPointer(rebasing: $0[(ip + 8)..<(ip + 24)]))! }
            dst = d.withUnsafeBytes { IPAddress(bytes: UnsafeRawBufferPointer(rebasing: $0[(ip + 24)..<(ip + 40)]))! }
            tcp = ip + 40
            end = min(d.count, tcp + payload)
        } else {
            return nil
        }
        guard end >= tcp + 20 else { return nil }
        let dataOffset = Int(d[tcp + 12] >> 4) * 4
        guard end >= tcp + dataOffset else { return nil }
        return Segment(source: Endpoint(address: src, port: UInt16(u16(d, tcp, false))),
                       destination: Endpoint(address: dst, port: UInt16(u16(d, tcp + 2, false))),
                       seq: u32(d, tcp + 4, false), flags: d[tcp + 13], payload: d[(tcp + dataOffset)..<end])
    }

    private struct Key: Hashable { var a: Endpoint, b: Endpoint }

    private struct DirectionState {
        var next: UInt32?
        var held: [UInt32: [UInt8]] = [:]
    }

    private static func assemble(_ packets: [Packet]) -> [CapturedFlow] {
        var flows: [CapturedFlow] = []
        var index: [Key: Int] = [:]
        var states: [Key: [DirectionState]] = [:]
        for (n, packet) in packets.enumerated() {
            guard let s = decode(packet) else { continue }
            let key = s.source.port < s.destination.port || (s.source.port == s.destination.port && "\(s.source)" < "\(s.destination)")
                ? Key(a: s.source, b: s.destination) : Key(a: s.destination, b: s.source)
            let syn = s.flags & 0x02 != 0, ack = s.flags & 0x10 != 0
            if index[key] == nil {
                // The SYN sender is the client; without a SYN, the lower port is taken as the server.
                let clientIsSource = syn && !ack ? true : (syn && ack ? false : s.source.port > s.destination.port)
                flows.append(CapturedFlow(client: clientIsSource ? s.source : s.destination,
                                          server: clientIsSource ? s.destination : s.source))
                index[key] = flows.count - 1
                states[key] = [DirectionState(), DirectionState()]
            }
            let f = index[key]!
            let direction: Direction = s.source == flows[f].client ? .clientToServer : .serverToClient
            let d = direction == .clientToServer ? 0 : 1
            var state = states[key]![d]
            if syn { state.next = s.seq &+ 1 }
            if state.next == nil { state.next = s.seq }
            var payload = Array(s.payload)
            var seq = s.seq
            if !payload.isEmpty {
                let behind = Int32(bitPattern: state.next! &- seq)
                if behind > 0 {
                    payload = Int(behind) >= payload.count ? [] : Array(payload[Int(behind)...])
                    seq = state.next!
                }
                if !payload.isEmpty {
                    if seq == state.next! {
                        var out = payload
                        state.next = seq &+ UInt32(payload.count)
                        while let more = state.held.removeValue(forKey: state.next!) {
                            out += more
                            state.next = state.next! &+ UInt32(more.count)
                        }
                        flows[f].chunks.append(.init(direction: direction, bytes: out,
                                                     packet: PacketRef(time: packet.time, index: UInt64(n))))
                    } else {
                        state.held[seq] = payload
                    }
                }
            }
            states[key]![d] = state
        }
        return flows
    }
}

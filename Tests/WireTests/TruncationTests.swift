import Primitives
import Testing
@testable import Wire

/// Every prefix of several vectors: no crash, never more than was captured, and a counter moves.
/// Then seeded random mutations and random bytes for every link type: no crash, no hang.
@Suite("PacketDecoder: truncation and garbage")
struct TruncationTests {
    /// Counters that only say what was seen; every cut packet must move some other counter.
    static let informational = Set(WireCounter.allCases.filter { $0.kind == .seen }.map(\.name))

    static let inner = Vectors.ethernetIPv4 + Vectors.ipv4TCP

    static let vectors: [(name: String, bytes: [UInt8], linkType: LinkType)] = [
        ("ethernet ipv4", Vectors.ethernetIPv4 + Vectors.ipv4TCP, .ethernet),
        ("qinq ipv6", Vectors.macs + [0x88, 0xA8, 0x00, 0xC8, 0x81, 0x00, 0x00, 0x64, 0x86, 0xDD] + Vectors.ipv6TCP,
         .ethernet),
        ("mpls", Vectors.macs + [0x88, 0x47, 0x00, 0x01, 0x00, 0x40, 0x00, 0x01, 0x11, 0x40] + Vectors.ipv4TCP, .ethernet),
        ("pppoe", Vectors.macs + [0x88, 0x64, 0x11, 0x00, 0x00, 0x2D, 0x00, 0x2F, 0x00, 0x21] + Vectors.ipv4TCP,
         .ethernet),
        ("sll2", [0x08, 0x00, 0, 0, 0, 0, 0, 2, 0, 1, 4, 6, 2, 0, 0, 0, 0, 1, 0, 0] + Vectors.ipv4TCP, .linuxSLL2),
        // The last TLV's padding is left out: a packet missing only padding is whole, not cut.
        ("nflog", [0x02, 0x00, 0x00, 0x00, 0x31, 0x00, 0x09, 0x00] + Vectors.ipv4TCP, .nflog),
        ("vxlan", Vectors.ethernetIPv4 + Vectors.ipv4(protocolNumber: 17, payload: Vectors.udp(
            sourcePort: 1, destinationPort: 4789, payload: [0x08, 0, 0, 0, 0, 0, 0x64, 0] + inner)), .ethernet),
        ("erspan iii", Vectors.ethernetIPv4 + Vectors.ipv4(protocolNumber: 47, payload:
            [0x10, 0x00, 0x22, 0xEB, 0, 0, 0, 9, 0x20, 0x64, 0x00, 0x01, 0, 0, 0, 1, 0, 0, 0, 0x01]
            + [UInt8](repeating: 0, count: 8) + inner), .ethernet),
        ("ipv6 hop-by-hop", [0x60, 0, 0, 0, 0x00, 0x21, 0x00, 0x40] + Array(Vectors.ipv6TCP[8..<40])
            + [0x06, 0x00, 0x01, 0x04, 0, 0, 0, 0] + Vectors.tcpSegment.with(destinationPort: 443), .ipv6),
    ]

    @Test("every vector decodes whole", arguments: vectors.indices)
    func whole(_ i: Int) {
        let v = Self.vectors[i]
        let (seen, counters) = decodeFresh(v.bytes, v.linkType)
        #expect(seen.count == 1, "\(v.name): \(counters.nonZero)")
        #expect(seen.first?.payload == Vectors.hello, "\(v.name)")
        let problems = counters.nonZero.map(\.name).filter { !Self.informational.contains($0) }
        #expect(problems.isEmpty, "\(v.name): \(problems)")
    }

    @Test("every prefix: no crash, a truncation counter moves, never more than captured", arguments: vectors.indices)
    func prefixes(_ i: Int) {
        let v = Self.vectors[i]
        for length in 0..<v.bytes.count {
            let cut = Array(v.bytes.prefix(length))
            let (seen, counters) = decodeFresh(cut, v.linkType)
            let kinds = counters.nonZero.compactMap { WireCounter(name: $0.name)?.kind }
            // A snaplen cut is reported as truncation, never as a malformed packet.
            // (An NFLOG message cut at a TLV boundary is a well-formed message without payload.)
            #expect(kinds.contains(.truncated) || counters["nflog_no_payload"] == 1,
                    "\(v.name) cut at \(length): \(counters.nonZero)")
            #expect(!kinds.contains(.anomaly), "\(v.name) cut at \(length): \(counters.nonZero)")
            #expect(seen.count <= 1, "\(v.name) cut at \(length)")
            for s in seen where s.isTCP {
                #expect(Array(Vectors.hello.prefix(s.payload.count)) == s.payload, "\(v.name) cut at \(length)")
                #expect(s.payload.count < Vectors.hello.count, "\(v.name) cut at \(length)")
            }
        }
    }

    /// SplitMix64: a tiny seeded generator so failures reproduce.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test("seeded byte mutations of every vector never crash and deliver only captured bytes")
    func mutations() {
        var rng = SplitMix64(state: 0xC0FFEE)
        var decoder = PacketDecoder()
        var delivered = 0
        for round in 0..<3000 {
            let v = Self.vectors[round % Self.vectors.count]
            var bytes = v.bytes
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
            bytes.withUnsafeBytes { raw in
                let range = UInt(bitPattern: raw.baseAddress!)..<UInt(bitPattern: raw.baseAddress! + raw.count)
                decoder.decode(raw, linkType: v.linkType, packet: PacketRef(time: .zero, index: UInt64(round))) { t in
                    delivered += 1
                    if case .tcp(let s) = t, let base = s.payload.baseAddress, s.payload.count > 0 {
                        // Outside fragment reassembly, a payload always lies inside the captured bytes.
                        #expect(range.contains(UInt(bitPattern: base)))
                        #expect(UInt(bitPattern: base + s.payload.count) <= range.upperBound)
                    }
                }
            }
        }
        #expect(decoder.counters["packets"] == 3000)
        #expect(delivered > 0)
    }

    @Test("random bytes on every link type never crash")
    func garbage() {
        var rng = SplitMix64(state: 42)
        var decoder = PacketDecoder()
        let links: [LinkType] = [.ethernet, .raw, .ipv4, .ipv6, .null, .loop, .linuxSLL, .linuxSLL2, .nflog]
        for round in 0..<5000 {
            let count = Int.random(in: 0..<200, using: &rng)
            var bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
            // Make the IP version nibble plausible half the time so the deeper layers get exercised.
            if count > 0, round % 2 == 0 { bytes[0] = (round % 4 == 0 ? 0x45 : 0x60) }
            bytes.withUnsafeBytes { raw in
                decoder.decode(raw, linkType: links[round % links.count],
                               packet: PacketRef(time: Timestamp(nanoseconds: Int64(round)), index: UInt64(round))) { _ in }
            }
        }
        #expect(decoder.counters["packets"] == 5000)
    }
}

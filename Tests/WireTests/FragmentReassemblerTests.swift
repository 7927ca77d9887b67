import Primitives
import Testing
@testable import Wire

/// IPv4 and IPv6 fragment reassembly through `PacketDecoder`: orders, overlaps, duplicates, time-outs
/// and caps.
@Suite("FragmentReassembler")
struct FragmentReassemblerTests {
    /// The datagram being fragmented: TCP 10.0.0.1:4000 -> 10.0.0.2:80, 20-byte header + 40 bytes
    /// "0123456789" x 4, total 60 bytes of IP payload.
    static let body: [UInt8] = Array(String(repeating: "0123456789", count: 4).utf8)
    static let transport: [UInt8] = [
        0x0F, 0xA0, 0x00, 0x50,             // ports 4000 -> 80
        0x00, 0x00, 0x00, 0x01,             // sequence 1
        0x00, 0x00, 0x00, 0x00,             // ack 0
        0x50, 0x18, 0x10, 0x00,             // data offset 5, PSH|ACK, window 4096
        0x00, 0x00, 0x00, 0x00,             // checksum, urgent
    ] + body

    /// One IPv4 fragment of `transport` covering `range`.
    static func v4(_ range: Range<Int>, more: Bool, id: UInt16 = 0x0BAD, bytes: [UInt8] = transport) -> [UInt8] {
        Vectors.ipv4(protocolNumber: 6, identification: id, fragmentOffset: range.lowerBound, moreFragments: more,
                     payload: Array(bytes[range]))
    }

    /// Feeds packets at increasing indices (time in seconds given per packet) and collects deliveries.
    static func feed(_ decoder: inout PacketDecoder, _ packets: [[UInt8]], linkType: LinkType = .ipv4,
                     seconds: [Int64]? = nil) -> [Seen] {
        var all: [Seen] = []
        for (i, p) in packets.enumerated() {
            all += decode(&decoder, p, linkType, index: UInt64(i), seconds: seconds?[i] ?? 1_700_000_000)
        }
        return all
    }

    private func expectWhole(_ seen: [Seen], lastIndex: UInt64, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(seen.count == 1, sourceLocation: sourceLocation)
        #expect(seen.first?.source == "10.0.0.1:4000", sourceLocation: sourceLocation)
        #expect(seen.first?.destination == "10.0.0.2:80", sourceLocation: sourceLocation)
        #expect(seen.first?.payload == Self.body, sourceLocation: sourceLocation)
        #expect(seen.first?.packetIndex == lastIndex, "delivered when the last piece arrives",
                sourceLocation: sourceLocation)
    }

    @Test("IPv4 fragments in order deliver one segment when the last arrives")
    func inOrder() {
        var decoder = PacketDecoder()
        let seen = Self.feed(&decoder, [Self.v4(0..<24, more: true), Self.v4(24..<48, more: true),
                                        Self.v4(48..<60, more: false)])
        expectWhole(seen, lastIndex: 2)
        #expect(decoder.counters["fragments_received"] == 3)
        #expect(decoder.counters["fragments_reassembled"] == 1)
        #expect(decoder.fragments.pendingCount == 0)
        #expect(decoder.fragments.totalBufferedBytes == 0)
    }

    @Test("IPv4 fragments reversed")
    func reversed() {
        var decoder = PacketDecoder()
        let seen = Self.feed(&decoder, [Self.v4(48..<60, more: false), Self.v4(24..<48, more: true),
                                        Self.v4(0..<24, more: true)])
        expectWhole(seen, lastIndex: 2)
    }

    @Test("overlapping fragments: first data wins, conflicts are counted")
    func overlap() {
        var evil = Self.transport
        for i in 16..<40 { evil[i] = UInt8(ascii: "X") }
        var decoder = PacketDecoder()
        let seen = Self.feed(&decoder, [
            Self.v4(0..<24, more: true),
            Self.v4(32..<48, more: true),
            Self.v4(16..<40, more: true, bytes: evil),   // overlaps both; only 24..<32 is new
            Self.v4(48..<60, more: false),
        ])
        #expect(seen.count == 1)
        // Bytes 24..<32 of the transport (body 4..<12) came from the evil fragment, the rest is original.
        var expected = Self.body
        for i in 4..<12 { expected[i] = UInt8(ascii: "X") }
        #expect(seen.first?.payload == expected)
        #expect(decoder.counters["fragment_overlap"] == 1)
        #expect(decoder.counters["fragment_overlap_conflict"] == 1)
    }

    @Test("the real-world overlap of zeek's fragmented-4 trace: a later, larger fragment fills the hole")
    func overlapFillsHole() {
        // Offsets 0 (24 bytes), 48 (24), 72 (17, last), then 24 (48 bytes, overlapping 48..<72).
        let data = (0..<89).map { UInt8(truncatingIfNeeded: $0) }
        var decoder = PacketDecoder()
        let packets = [Self.v4(0..<24, more: true, bytes: data), Self.v4(48..<72, more: true, bytes: data),
                       Self.v4(72..<89, more: false, bytes: data), Self.v4(24..<72, more: true, bytes: data)]
        var header = data
        header[12] = 0x50   // make the first 20 bytes a valid TCP header (data offset 5)
        let fixed = [Self.v4(0..<24, more: true, bytes: header)] + packets.dropFirst()
        let seen = Self.feed(&decoder, fixed)
        #expect(seen.count == 1)
        #expect(seen.first?.payload == Array(header[20..<89]))
        #expect(decoder.counters["fragment_overlap"] == 1)
        #expect(decoder.counters["fragment_overlap_conflict"] == 0)
    }

    @Test("duplicated fragments are counted and delivered once")
    func duplicate() {
        var decoder = PacketDecoder()
        let seen = Self.feed(&decoder, [Self.v4(0..<24, more: true), Self.v4(0..<24, more: true),
                                        Self.v4(24..<48, more: true), Self.v4(48..<60, more: false),
                                        Self.v4(48..<60, more: false)])
        expectWhole(seen, lastIndex: 3)
        #expect(decoder.counters["fragment_duplicate"] == 1)
        // The late duplicate of the last fragment starts a new datagram that never completes.
        #expect(decoder.fragments.pendingCount == 1)
    }

    @Test("a datagram never completed times out by packet time")
    func timeout() {
        var decoder = PacketDecoder()
        let t0: Int64 = 1_700_000_000
        let seen = Self.feed(&decoder, [Self.v4(0..<24, more: true), Self.v4(24..<48, more: true, id: 7),
                                        Vectors.ipv4TCP],
                             seconds: [t0, t0 + 29, t0 + 31])
        #expect(seen.count == 1)   // only the unrelated packet
        #expect(decoder.counters["fragment_timeout"] == 1)
        #expect(decoder.fragments.pendingCount == 1)   // id 7 is 2 s old
        _ = decode(&decoder, Vectors.ipv4TCP, .ipv4, index: 3, seconds: t0 + 60)
        #expect(decoder.counters["fragment_timeout"] == 2)
        #expect(decoder.fragments.pendingCount == 0)
        #expect(decoder.fragments.totalBufferedBytes == 0)
        // Idle time in a live capture: the edge injects the time.
        _ = decode(&decoder, Self.v4(0..<24, more: true, id: 9), .ipv4, index: 4, seconds: t0 + 100)
        decoder.expireFragments(now: Timestamp(seconds: t0 + 131, nanoseconds: 0))
        #expect(decoder.counters["fragment_timeout"] == 3)
        #expect(decoder.fragments.pendingCount == 0)
        // A late last fragment of an expired datagram does not resurrect it.
        let late = decode(&decoder, Self.v4(48..<60, more: false), .ipv4, index: 4, seconds: t0 + 61)
        #expect(late.isEmpty)
    }

    @Test("the oldest-pending bookkeeping survives completions (no early or missed time-outs)")
    func timeoutAfterCompletion() {
        var decoder = PacketDecoder()
        let t0: Int64 = 1_700_000_000
        let seen = Self.feed(&decoder, [Self.v4(0..<24, more: true, id: 1), Self.v4(24..<48, more: true, id: 1),
                                        Self.v4(48..<60, more: false, id: 1),   // id 1 completes at t0 + 1
                                        Self.v4(0..<24, more: true, id: 2),     // id 2 starts at t0 + 20
                                        Vectors.ipv4TCP],
                             seconds: [t0, t0, t0 + 1, t0 + 20, t0 + 31])
        #expect(seen.count == 2)
        #expect(decoder.counters["fragment_timeout"] == 0)   // id 2 is 11 s old at t0 + 31
        #expect(decoder.fragments.pendingCount == 1)
        _ = decode(&decoder, Vectors.ipv4TCP, .ipv4, index: 9, seconds: t0 + 51)
        #expect(decoder.counters["fragment_timeout"] == 1)
        #expect(decoder.fragments.pendingCount == 0)
    }

    @Test("caps: datagrams at once, total bytes, bytes per datagram, pieces per datagram")
    func caps() {
        var limits = DecoderLimits()
        limits.maxFragmentedDatagrams = 2
        var decoder = PacketDecoder(limits: limits)
        _ = Self.feed(&decoder, [Self.v4(0..<24, more: true, id: 1), Self.v4(0..<24, more: true, id: 2),
                                 Self.v4(0..<24, more: true, id: 3)])
        #expect(decoder.counters["fragment_cap_dropped"] == 1)
        #expect(decoder.fragments.pendingCount == 2)

        limits = DecoderLimits()
        limits.maxFragmentBytesTotal = 40
        decoder = PacketDecoder(limits: limits)
        _ = Self.feed(&decoder, [Self.v4(0..<24, more: true, id: 1), Self.v4(0..<24, more: true, id: 2)])
        #expect(decoder.counters["fragment_cap_dropped"] == 1)
        #expect(decoder.fragments.totalBufferedBytes == 24)
        #expect(decoder.fragments.pendingCount == 1)   // the refused fragment did not start a datagram

        limits = DecoderLimits()
        limits.maxBytesPerDatagram = 40
        decoder = PacketDecoder(limits: limits)
        let seen = Self.feed(&decoder, [Self.v4(0..<24, more: true), Self.v4(24..<48, more: true),
                                        Self.v4(48..<60, more: false)])
        #expect(seen.isEmpty)
        #expect(decoder.counters["fragment_datagram_too_large"] == 2)
        #expect(decoder.fragments.pendingCount == 0)

        limits = DecoderLimits()
        limits.maxFragmentsPerDatagram = 2
        decoder = PacketDecoder(limits: limits)
        _ = Self.feed(&decoder, [Self.v4(0..<8, more: true), Self.v4(16..<24, more: true), Self.v4(32..<40, more: true)])
        #expect(decoder.counters["fragment_too_many_pieces"] == 1)
        #expect(decoder.fragments.pendingCount == 0)
    }

    @Test("bad fragment lengths and inconsistent ends are dropped with counters")
    func inconsistent() {
        var decoder = PacketDecoder()
        _ = Self.feed(&decoder, [Self.v4(0..<10, more: true)])   // not a multiple of 8
        #expect(decoder.counters["fragment_bad_length"] == 1)
        decoder = PacketDecoder()
        let seen = Self.feed(&decoder, [Self.v4(48..<60, more: false), Self.v4(40..<56, more: false),
                                        Self.v4(0..<24, more: true), Self.v4(24..<48, more: true)])
        #expect(seen.isEmpty)
        #expect(decoder.counters["fragment_inconsistent_length"] == 1)
    }

    @Test("a fragment cut by snaplen is not reassembled")
    func truncatedFragment() {
        var decoder = PacketDecoder()
        _ = Self.feed(&decoder, [Array(Self.v4(0..<24, more: true).dropLast(4))])
        #expect(decoder.counters["fragment_truncated_dropped"] == 1)
        #expect(decoder.fragments.pendingCount == 0)
    }

    /// One IPv6 fragment (after a hop-by-hop header) of `transport` covering `range`.
    static func v6(_ range: Range<Int>, more: Bool, id: UInt32 = 0xA1BC_6572) -> [UInt8] {
        let piece = Array(transport[range])
        let payloadLength = 8 + 8 + piece.count
        let offsetField = UInt16(range.lowerBound) | (more ? 1 : 0)   // offset in 8-byte units << 3, M bit
        return [0x60, 0x00, 0x00, 0x00, UInt8(payloadLength >> 8), UInt8(payloadLength & 0xFF), 0x00, 0x40]
            + [0xFE, 0x80] + [UInt8](repeating: 0, count: 13) + [0x01]           // source fe80::1
            + [0xFE, 0x80] + [UInt8](repeating: 0, count: 13) + [0x02]           // destination fe80::2
            + [0x2C, 0x00, 0x01, 0x04, 0x00, 0x00, 0x00, 0x00]                   // hop-by-hop: next 44, PadN
            + [0x06, 0x00, UInt8(offsetField >> 8), UInt8(offsetField & 0xFF)]   // fragment: next TCP
            + [UInt8(id >> 24), UInt8(id >> 16 & 0xFF), UInt8(id >> 8 & 0xFF), UInt8(id & 0xFF)]
            + piece
    }

    @Test("IPv6 hop-by-hop + fragment headers, in order and reversed")
    func ipv6() {
        for order in [[0, 1, 2], [2, 1, 0], [1, 2, 0]] {
            let pieces = [Self.v6(0..<24, more: true), Self.v6(24..<48, more: true), Self.v6(48..<60, more: false)]
            var decoder = PacketDecoder()
            let seen = Self.feed(&decoder, order.map { pieces[$0] }, linkType: .ipv6)
            #expect(seen.count == 1)
            #expect(seen.first?.source == "[fe80::1]:4000")
            #expect(seen.first?.destination == "[fe80::2]:80")
            #expect(seen.first?.payload == Self.body)
            #expect(decoder.counters["fragments_reassembled"] == 1)
        }
    }

    @Test("IPv4 and IPv6 datagrams with the same identification do not mix")
    func keysApart() {
        var decoder = PacketDecoder()
        let seen = Self.feed(&decoder, [Self.v4(0..<24, more: true, id: 5), Self.v4(24..<48, more: true, id: 6),
                                        Self.v4(48..<60, more: false, id: 5)])
        #expect(seen.isEmpty)
        #expect(decoder.fragments.pendingCount == 2)
    }

    @Test("seeded mutations and cuts of fragment trains keep the bookkeeping consistent")
    func fuzzInvariants() {
        var rng = TruncationTests.SplitMix64(state: 7)
        var limits = DecoderLimits()
        limits.maxFragmentedDatagrams = 64
        limits.maxFragmentBytesTotal = 1 << 20
        var decoder = PacketDecoder(limits: limits)
        let corpus: [([UInt8], LinkType)] =
            [Self.v4(0..<24, more: true), Self.v4(24..<48, more: true), Self.v4(48..<60, more: false)].map { ($0, .ipv4) }
            + [Self.v6(0..<24, more: true), Self.v6(24..<48, more: true), Self.v6(48..<60, more: false)].map { ($0, .ipv6) }
        var delivered = 0
        for round in 0..<5_000 {
            var (bytes, link) = corpus[Int.random(in: 0..<corpus.count, using: &rng)]
            for _ in 0..<Int.random(in: 0...3, using: &rng) {
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
            if Bool.random(using: &rng) { bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &rng))) }
            bytes.withUnsafeBytes { raw in
                decoder.decode(raw, linkType: link, packet: PacketRef(time: Timestamp(nanoseconds: Int64(round) * 10_000_000),
                                                                      index: UInt64(round))) { _ in delivered += 1 }
            }
            guard decoder.fragments.invariantsHold else {
                Issue.record("bookkeeping broken at round \(round)")
                return
            }
            #expect(decoder.fragments.pendingCount <= 64)
        }
        #expect(delivered > 0)
        #expect(decoder.counters["fragments_reassembled"] > 0)
    }
}

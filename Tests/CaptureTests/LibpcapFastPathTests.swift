import Primitives
import Testing
@testable import Capture

/// `LibpcapSource` reads plain records itself and hands the rest of the file to libpcap at the first
/// record that is not plain. The same records in a big-endian file (which libpcap reads alone) must
/// come out identically, with the same damage.
@Suite("Libpcap source: own reading of plain records, hand-over to libpcap")
struct LibpcapFastPathTests {
    typealias Record = (seconds: UInt32, fraction: UInt32, length: Int, originalLength: UInt32?)

    static func build(bigEndian: Bool, nanosecond: Bool, snapLength: UInt32, _ records: [Record]) -> [UInt8] {
        var b = PcapBuilder(nanosecond: nanosecond, bigEndian: bigEndian, snapLength: snapLength)
        for (i, r) in records.enumerated() {
            b.packet(seconds: r.seconds, fraction: r.fraction,
                     data: (0..<r.length).map { UInt8(truncatingIfNeeded: $0 &+ i) }, originalLength: r.originalLength)
        }
        return b.bytes
    }

    static let records: [Record] = [
        (1_700_000_000, 5, 60, nil),
        (0x8000_0000, 999_999, 100, 1514),   // seconds beyond Int32.max (libpcap reads them unsigned)
        (0xFFFF_FFFF, 0xFFFF_FFFF, 1, nil),  // the largest seconds and fraction fields
        (3, 0, 200, nil),                    // longer than the snapshot length (128): libpcap cuts it
        (4, 1, 128, 4000),                   // exactly the snapshot length
        (5, 2, 0, nil),
        (6, 3, 90, nil),
    ]

    @Test("little-endian (own reading, then libpcap from the cut record) equals big-endian (libpcap alone)",
          arguments: [false, true])
    func sameAsLibpcap(nanosecond: Bool) throws {
        let le = Self.build(bigEndian: false, nanosecond: nanosecond, snapLength: 128, Self.records)
        let be = Self.build(bigEndian: true, nanosecond: nanosecond, snapLength: 128, Self.records)
        let (own, r1) = try readBytes(le)
        let (libpcap, r2) = try readBytes(be)
        #expect(r1.errors.isEmpty && r2.errors.isEmpty)
        #expect(own == libpcap)
        try #require(own.count == Self.records.count)
        #expect(own[1].nanoseconds == Int64(0x8000_0000) * 1_000_000_000 + (nanosecond ? 999_999 : 999_999_000))
        #expect(own[3].bytes.count == 128)   // cut to the snapshot length, as libpcap does
        #expect(r1.bytesRead == r2.bytesRead)
        #expect(r1.bytesRead == Int64(le.count))
    }

    @Test("plain records only: every record read without libpcap, the same as libpcap alone")
    func allPlain() throws {
        let plain = Self.records.filter { $0.length <= 128 }
        let le = Self.build(bigEndian: false, nanosecond: false, snapLength: 65_535, plain)
        let be = Self.build(bigEndian: true, nanosecond: false, snapLength: 65_535, plain)
        #expect(try readBytes(le).packets == readBytes(be).packets)
    }

    @Test("damage after plain records: the same packets and the same error as libpcap alone")
    func damage() throws {
        let records = Array(Self.records.prefix(3)) + [(9, 9, 50, nil)]
        let le = Self.build(bigEndian: false, nanosecond: false, snapLength: 65_535, records)
        let be = Self.build(bigEndian: true, nanosecond: false, snapLength: 65_535, records)
        for cut in [1, 30, 50, 60, 65] {   // the last record is 66 bytes: cuts in its data and its header
            let (own, r1) = try readBytes(Array(le.dropLast(cut)))
            let (libpcap, r2) = try readBytes(Array(be.dropLast(cut)))
            #expect(own == libpcap, "cut \(cut)")
            #expect(own.count == 3)
            #expect(r1.errors.count == 1)
            #expect(r1.errors.map(\.kind) == r2.errors.map(\.kind), "cut \(cut)")
            #expect(r1.errors.map(\.offset) == r2.errors.map(\.offset), "cut \(cut)")
            #expect(r1.errors.map(\.message) == r2.errors.map(\.message), "cut \(cut)")
        }
    }
}

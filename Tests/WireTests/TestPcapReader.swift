import Foundation
import Primitives

/// A test-only reader of classic pcap files: the 24-byte global header, then records of a 16-byte
/// header and `incl_len` bytes. Handles both byte orders and micro/nanosecond magic. Also reads
/// the simple subset of pcapng (section header, interface descriptions, enhanced and simple packet
/// blocks; timestamps assumed in microseconds, if_tsresol ignored: only order matters here) so
/// the decoder sees those captures too.
struct TestPcapFile {
    struct Record {
        var time: Timestamp
        var bytes: [UInt8]
        var linkType: LinkType
    }

    var linkType: LinkType
    var records: [Record]

    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    init(contentsOf url: URL) throws {
        let data = [UInt8](try Data(contentsOf: url))
        guard data.count >= 24 else { throw Malformed(description: "\(url.lastPathComponent): short global header") }
        func u32(_ at: Int, _ little: Bool) -> UInt32 {
            let v = UInt32(data[at]) | UInt32(data[at + 1]) << 8 | UInt32(data[at + 2]) << 16 | UInt32(data[at + 3]) << 24
            return little ? v : v.byteSwapped
        }
        if u32(0, true) == 0x0A0D_0D0A {
            (linkType, records) = try TestPcapFile.readPcapng(data, name: url.lastPathComponent)
            return
        }
        let little: Bool
        let nanos: Bool
        switch u32(0, true) {
        case 0xA1B2_C3D4: (little, nanos) = (true, false)
        case 0xA1B2_3C4D: (little, nanos) = (true, true)
        case 0xD4C3_B2A1: (little, nanos) = (false, false)
        case 0x4D3C_B2A1: (little, nanos) = (false, true)
        default: throw Malformed(description: "\(url.lastPathComponent): not a classic pcap file")
        }
        linkType = LinkType(rawValue: u32(20, little) & 0x0FFF_FFFF)
        records = []
        var offset = 24
        while offset + 16 <= data.count {
            let seconds = Int64(u32(offset, little))
            let fraction = Int64(u32(offset + 4, little))
            let captured = Int(u32(offset + 8, little))
            guard offset + 16 + captured <= data.count else {
                throw Malformed(description: "\(url.lastPathComponent): record at \(offset) runs past the end")
            }
            records.append(Record(time: Timestamp(seconds: seconds, nanoseconds: nanos ? fraction : fraction * 1000),
                                  bytes: Array(data[(offset + 16)..<(offset + 16 + captured)]), linkType: linkType))
            offset += 16 + captured
        }
    }

    private static func readPcapng(_ data: [UInt8], name: String) throws -> (LinkType, [Record]) {
        guard data.count >= 12 else { throw Malformed(description: "\(name): short section header") }
        let little = data[8] == 0x4D   // byte-order magic 0x1A2B3C4D
        func u32(_ at: Int) -> UInt32 {
            let v = UInt32(data[at]) | UInt32(data[at + 1]) << 8 | UInt32(data[at + 2]) << 16 | UInt32(data[at + 3]) << 24
            return little ? v : v.byteSwapped
        }
        func u16(_ at: Int) -> UInt16 {
            let v = UInt16(data[at]) | UInt16(data[at + 1]) << 8
            return little ? v : v.byteSwapped
        }
        var interfaces: [LinkType] = []
        var records: [Record] = []
        var offset = 0
        while offset + 12 <= data.count {
            let type = u32(offset)
            let length = Int(u32(offset + 4))
            guard length >= 12, length % 4 == 0, offset + length <= data.count else {
                throw Malformed(description: "\(name): bad block length \(length) at \(offset)")
            }
            switch type {
            case 0x0A0D_0D0A: interfaces = []   // a new section: interface ids restart
            case 1: interfaces.append(LinkType(rawValue: UInt32(u16(offset + 8))))
            case 6:
                let interface = Int(u32(offset + 8))
                let micros = UInt64(u32(offset + 12)) << 32 | UInt64(u32(offset + 16))
                let captured = Int(u32(offset + 20))
                guard interface < interfaces.count, 28 + captured <= length else {
                    throw Malformed(description: "\(name): bad enhanced packet block at \(offset)")
                }
                records.append(Record(time: Timestamp(nanoseconds: Int64(truncatingIfNeeded: micros) &* 1000),
                                      bytes: Array(data[(offset + 28)..<(offset + 28 + captured)]),
                                      linkType: interfaces[interface]))
            case 3:
                guard let link = interfaces.first else { throw Malformed(description: "\(name): no interface") }
                let original = Int(u32(offset + 8))
                records.append(Record(time: .zero, bytes: Array(data[(offset + 12)..<(offset + 12 + min(original, length - 16))]),
                                      linkType: link))
            default: break
            }
            offset += length
        }
        return (interfaces.first ?? LinkType(rawValue: 0xFFFF_FFFF), records)
    }
}

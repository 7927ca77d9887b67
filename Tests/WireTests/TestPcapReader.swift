import Foundation
import Primitives

/// A test-only reader of classic pcap files (not pcapng): the 24-byte global header, then records
/// of a 16-byte header and `incl_len` bytes. Handles both byte orders and micro/nanosecond magic.
struct TestPcapFile {
    struct Record {
        var time: Timestamp
        var bytes: [UInt8]
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
                                  bytes: Array(data[(offset + 16)..<(offset + 16 + captured)])))
            offset += 16 + captured
        }
    }
}

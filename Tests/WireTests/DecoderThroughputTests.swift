import Foundation
import Primitives
import Testing
@testable import Wire

/// Not a timed test: prints decode throughput when `WIRE_BENCH=1` (debug builds are far slower than
/// release; compare like with like). Decodes the classic-pcap corpus repeatedly with one decoder.
@Suite("PacketDecoder: throughput (WIRE_BENCH=1)")
struct DecoderThroughputTests {
    @Test("decode the corpus repeatedly", .enabled(if: ProcessInfo.processInfo.environment["WIRE_BENCH"] == "1"))
    func throughput() throws {
        var files: [TestPcapFile] = []
        let only = ProcessInfo.processInfo.environment["WIRE_FILE"]
        for name in CaptureCorpusTests.pcapNames where only == nil || name == only {
            files.append(try TestPcapFile(contentsOf: CaptureCorpusTests.corpus.appendingPathComponent(name)))
        }
        var decoder = PacketDecoder()
        var packets = 0, bytes = 0, delivered = 0
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for round in 0..<(Int(ProcessInfo.processInfo.environment["WIRE_ROUNDS"] ?? "") ?? 200) {
                for file in files {
                    for record in file.records {
                        record.bytes.withUnsafeBytes { raw in
                            decoder.decode(raw, linkType: record.linkType,
                                           packet: PacketRef(time: record.time, index: UInt64(round))) { _ in delivered += 1 }
                        }
                        packets += 1
                        bytes += record.bytes.count
                    }
                }
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("wire throughput: \(packets) packets, \(bytes) bytes in \(seconds) s = "
              + "\(Int(Double(packets) / seconds)) packets/s, \(Double(bytes) * 8 / seconds / 1e9) Gbit/s; delivered \(delivered)")
        #expect(delivered > 0)
    }
}

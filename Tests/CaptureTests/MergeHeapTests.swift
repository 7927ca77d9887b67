import Testing
@testable import Capture

/// Deterministic pseudo-random numbers for tests (SplitMix64).
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

@Suite("k-way merge")
struct MergeHeapTests {
    @Test("the heap pops by key, then by input index")
    func heapOrder() {
        var heap = MergeHeap(capacity: 4)
        heap.insert(key: 5, input: 0)
        heap.insert(key: 3, input: 2)
        heap.insert(key: 3, input: 1)
        heap.insert(key: 9, input: 3)
        var order: [Int] = []
        while let top = heap.top { order.append(top); heap.removeTop() }
        #expect(order == [1, 2, 0, 3])
    }

    @Test("many files merge exactly like a stable sort by (time, input)", arguments: [UInt64(1), 2, 3])
    func manyFiles(seed: UInt64) throws {
        var rng = SplitMix64(state: seed)
        var paths: [String] = []
        defer { paths.forEach(removeFile) }
        // (time, input, position in file, marker) for every packet written.
        var written: [(t: Int64, input: Int, position: Int, marker: [UInt8])] = []
        for input in 0..<13 {
            let count = Int.random(in: 0...30, using: &rng)
            var time: Int64 = Int64.random(in: 0...5, using: &rng)
            let pcapng = Bool.random(using: &rng)
            var pcap = PcapBuilder(nanosecond: true)
            var ng = PcapngBuilder()
            ng.sectionHeader()
            ng.interface(linkType: 1, tsresol: 9)
            for position in 0..<count {
                time += Int64.random(in: 0...3, using: &rng)          // repeats make ties
                let marker: [UInt8] = [UInt8(input), UInt8(position)]
                if pcapng {
                    ng.enhancedPacket(interface: 0, units: UInt64(time), data: marker)
                } else {
                    pcap.packet(seconds: 0, fraction: UInt32(time), data: marker)
                }
                written.append((time, input, position, marker))
            }
            paths.append(try temporaryFile(pcapng ? ng.bytes : pcap.bytes, name: "m\(input)"))
        }
        let expected = written.sorted { ($0.t, $0.input, $0.position) < ($1.t, $1.input, $1.position) }
        let reader = try CaptureReader(paths: paths)
        let packets = readAll(reader)
        #expect(packets.map(\.bytes) == expected.map(\.marker))
        #expect(packets.map(\.nanoseconds) == expected.map(\.t))
        #expect(packets.map(\.inputIndex) == expected.map(\.input))
        #expect(reader.errors.isEmpty)
        #expect(reader.bytesRead == reader.totalBytes)
    }
}

import Foundation
import Primitives
import Testing
@testable import Capture

/// Several inputs merged by time, descriptors and standard input, progress figures.
@Suite("Capture reader: merge, pipes, stdin")
struct CaptureReaderTests {
    static func data(_ n: Int, _ fill: UInt8) -> [UInt8] { Array(repeating: fill, count: n) }

    /// Classic pcap, µs: packets at 1 s, 3 s, 5 s, 5 s (fill byte = 0xA0 + seconds).
    static func fileA() -> [UInt8] {
        var b = PcapBuilder()
        for s: UInt32 in [1, 3, 5, 5] { b.packet(seconds: s, fraction: 0, data: data(10, 0xA0 + UInt8(s))) }
        return b.bytes
    }

    /// pcapng, ns: packets at 2 s, 3 s, 4 s, 6 s on a raw-IP interface.
    static func fileB() -> [UInt8] {
        var b = PcapngBuilder()
        b.sectionHeader()
        b.interface(linkType: 101, tsresol: 9)
        for s: UInt64 in [2, 3, 4, 6] { b.enhancedPacket(interface: 0, units: s * 1_000_000_000, data: data(20, 0xB0 + UInt8(s))) }
        return b.bytes
    }

    @Test("two files interleave by time; ties go to the earlier file")
    func mergeInterleaves() throws {
        let a = try temporaryFile(Self.fileA(), name: "a.pcap")
        let b = try temporaryFile(Self.fileB(), name: "b.pcapng")
        defer { removeFile(a); removeFile(b) }
        let reader = try CaptureReader(paths: [a, b])
        #expect(reader.totalBytes == Int64(Self.fileA().count + Self.fileB().count))
        let packets = readAll(reader)
        #expect(packets.map { $0.nanoseconds / 1_000_000_000 } == [1, 2, 3, 3, 4, 5, 5, 6])
        #expect(packets.map(\.inputIndex) == [0, 1, 0, 1, 1, 0, 0, 1])
        #expect(packets.map { $0.bytes[0] } == [0xA1, 0xB2, 0xA3, 0xB3, 0xB4, 0xA5, 0xA5, 0xB6])
        #expect(packets.map(\.linkType) == [1, 101, 1, 101, 101, 1, 1, 101])
        #expect(reader.errors.isEmpty)
        #expect(reader.bytesRead == reader.totalBytes)
        #expect(reader.next().map { _ in true } == nil)   // stays ended
        // The reverse order of inputs changes only the tie.
        let swapped = readAll(try CaptureReader(paths: [b, a]))
        #expect(swapped.map { $0.bytes[0] } == [0xA1, 0xB2, 0xB3, 0xA3, 0xB4, 0xA5, 0xA5, 0xB6])
    }

    @Test("forEachPacket gives the packets next() gives (one file, several, damaged), and stops when asked")
    func forEachPacket() throws {
        let a = try temporaryFile(Self.fileA(), name: "a.pcap")
        let b = try temporaryFile(Self.fileB(), name: "b.pcapng")
        let cut = try temporaryFile(Array(Self.fileA().dropLast(4)), name: "cut.pcap")
        defer { removeFile(a); removeFile(b); removeFile(cut) }
        func each(_ paths: [String]) throws -> ([OwnedPacket], CaptureReader) {
            let reader = try CaptureReader(paths: paths)
            var out: [OwnedPacket] = []
            reader.forEachPacket { out.append(OwnedPacket($0)); return true }
            return (out, reader)
        }
        for paths in [[a], [b], [a, b], [cut], [cut, b]] {
            let (walked, reader) = try each(paths)
            let reference = try CaptureReader(paths: paths)
            let read = readAll(reference)
            #expect(walked.map { $0.nanoseconds } == read.map { $0.nanoseconds }, "\(paths.count) inputs")
            #expect(walked.map { $0.bytes } == read.map { $0.bytes })
            #expect(reader.errors.count == reference.errors.count)
            #expect(reader.bytesRead == reference.bytesRead)
            #expect(reader.next().map { _ in true } == nil)
        }
        #expect(try each([cut]).1.errors.count == 1)   // the damage is still reported
        let reader = try CaptureReader(paths: [a])
        var seen = 0
        reader.forEachPacket { _ in seen += 1; return seen < 2 }
        #expect(seen == 2)
        #expect(reader.next()?.timestamp.nanoseconds == 5_000_000_000)   // the rest is still there
    }

    @Test("a damaged file is closed at the damage while the others go on")
    func damagedFileInMerge() throws {
        let full = Self.fileA()
        let a = try temporaryFile(Array(full[0..<(24 + 26 + 5)]), name: "a-cut.pcap")   // 1 packet + 5 bytes
        let b = try temporaryFile(Self.fileB(), name: "b.pcapng")
        defer { removeFile(a); removeFile(b) }
        let reader = try CaptureReader(paths: [a, b])
        let packets = readAll(reader)
        #expect(packets.map { $0.bytes[0] } == [0xA1, 0xB2, 0xB3, 0xB4, 0xB6])
        try #require(reader.errors.count == 1)
        #expect(reader.errors[0].path == a)
        #expect(reader.errors[0].kind == .truncated)
        #expect(reader.errors[0].offset == Int64(24 + 26))
        #expect(reader.counters["capture_input_damaged"] == 1)
    }

    @Test("packets inside one file keep file order even when time goes backwards")
    func fileOrderKept() throws {
        var b = PcapBuilder()
        for s: UInt32 in [5, 1, 3] { b.packet(seconds: s, fraction: 0, data: Self.data(4, UInt8(s))) }
        let (packets, _) = try readBytes(b.bytes)
        #expect(packets.map { $0.bytes[0] } == [5, 1, 3])
    }

    /// Writes `bytes` into a pipe from another thread in `chunk`-byte writes; returns the read end.
    static func pipe(_ bytes: [UInt8], chunk: Int) throws -> (readEnd: Int32, writer: Thread) {
        var fds: [Int32] = [0, 0]
        try #require(Glibc.pipe(&fds) == 0)
        let writeEnd = fds[1]
        let writer = Thread {
            var at = 0
            while at < bytes.count {
                let n = min(chunk, bytes.count - at)
                let wrote = bytes.withUnsafeBytes { write(writeEnd, $0.baseAddress! + at, n) }
                if wrote <= 0 { break }
                at += wrote
            }
            close(writeEnd)
        }
        writer.start()
        return (fds[0], writer)
    }

    @Test("pipes: classic pcap and pcapng read with the built-in readers, dripped or in bulk",
          arguments: [1, 7, 4096, 1 << 20])
    func pipes(chunk: Int) throws {
        // A classic pcap larger than a pipe buffer, so the reader sees many partial reads.
        var big = PcapBuilder(nanosecond: true)
        for i in 0..<200 { big.packet(seconds: UInt32(i), fraction: 1, data: Self.data(1000, UInt8(i % 256))) }
        let expected = try readBytes(big.bytes).packets
        for bytes in [big.bytes, Self.fileB()] where chunk > 1 || bytes.count < 10_000 {
            let (fd, _) = try Self.pipe(bytes, chunk: chunk)
            defer { close(fd) }
            let reader = try CaptureReader(fileDescriptors: [fd])
            #expect(reader.totalBytes == nil)
            let packets = readAll(reader)
            #expect(reader.errors.isEmpty)
            #expect(reader.bytesRead == Int64(bytes.count))
            if bytes == big.bytes { #expect(packets == expected) } else { #expect(packets.count == 4) }
        }
    }

    @Test("a truncated pipe reports the damage like a file")
    func truncatedPipe() throws {
        let bytes = Array(Self.fileB().dropLast(3))
        let (fd, _) = try Self.pipe(bytes, chunk: 5)
        defer { close(fd) }
        let reader = try CaptureReader(fileDescriptors: [fd])
        #expect(readAll(reader).count == 3)
        #expect(reader.errors.map(\.kind) == [.truncated])
        #expect(reader.errors.first?.path == "fd \(fd)")
    }

    @Test("\"-\" reads standard input")
    func standardInput() throws {
        let (fd, _) = try Self.pipe(Self.fileA(), chunk: 13)
        let saved = dup(STDIN_FILENO)
        try #require(saved >= 0)
        try #require(dup2(fd, STDIN_FILENO) == STDIN_FILENO)
        close(fd)
        defer { dup2(saved, STDIN_FILENO); close(saved) }
        let reader = try CaptureReader(paths: ["-"])
        let packets = readAll(reader)
        #expect(packets.map { $0.nanoseconds / 1_000_000_000 } == [1, 3, 5, 5])
        #expect(reader.errors.isEmpty)
        #expect(reader.totalBytes == nil)
    }

    @Test("a directory cannot be opened; garbage on a pipe is not a capture")
    func openFailures() throws {
        do {
            _ = try CaptureReader(paths: [FileManager.default.temporaryDirectory.path])
            Issue.record("expected cannotOpen")
        } catch {
            #expect(error.kind == .cannotOpen)
        }
        let (fd, _) = try Self.pipe(Array("hello world".utf8), chunk: 100)
        defer { close(fd) }
        do {
            _ = try CaptureReader(fileDescriptors: [fd])
            Issue.record("expected notACapture")
        } catch {
            #expect(error.kind == .notACapture)
        }
    }

    @Test("standard input given twice is refused")
    func stdinTwice() {
        #expect(throws: CaptureError.self) { try CaptureReader(paths: ["-", "-"]) }
    }

    @Test("no inputs: nothing to read")
    func noInputs() throws {
        let reader = try CaptureReader(paths: [])
        #expect(reader.next().map { _ in true } == nil)
        #expect(reader.totalBytes == nil)
        #expect(reader.bytesRead == 0)
    }
}


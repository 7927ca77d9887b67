import Consent
import Foundation
import Primitives

/// Reads a consent feed file (JSON Lines), whole or followed as it grows (`--follow`).
///
/// `readAll()` reads the file once to its end, including a last line without LF. In follow mode
/// each `poll()` reads what was appended since the last call (at most `maxBytesPerPoll`); a
/// partial last line waits for its LF. Rotation is survived: when the path names a new file
/// (rename + create, as logrotate does), the old file is read to its end, its unterminated last
/// line is taken as is, and reading continues at the start of the new file (counter
/// `consent_file_rotated`); when the file shrinks under the read offset (copytruncate), reading
/// restarts at offset 0 and a partial line is dropped (`consent_file_truncated`). A missing file is
/// waited for (`consent_file_missing`, counted once per absence). Lines longer than
/// `maxLineLength` are never buffered whole: they are reported and skipped. No clock is read; the
/// caller decides when to poll (see `ConsentFileFollower`). Line numbers restart with each file.
package struct ConsentFileSource {
    package let path: String
    package let maxLineLength: Int
    package let maxBytesPerPoll: Int
    package private(set) var counters = CounterSet()

    private var fd: Int32 = -1
    private var identity: (dev: UInt64, ino: UInt64)?
    private var offset: Int64 = 0
    private var splitter: FeedLineSplitter
    private var missingReported = false
    private var buffer: [UInt8]

    package init(path: String, maxLineLength: Int = ConsentFeedParser.maxLineLength, maxBytesPerPoll: Int = 16 << 20) {
        self.path = path
        self.maxLineLength = maxLineLength
        self.maxBytesPerPoll = maxBytesPerPoll
        splitter = FeedLineSplitter(maxLineLength: maxLineLength)
        buffer = [UInt8](repeating: 0, count: 64 << 10)
    }

    /// Reads the whole file once (not follow mode).
    package static func readAll(path: String, maxLineLength: Int = ConsentFeedParser.maxLineLength)
        throws(ConsentStoreError) -> ConsentFeedBatch {
        var s = ConsentFileSource(path: path, maxLineLength: maxLineLength, maxBytesPerPoll: Int.max)
        guard s.openFile() else {
            throw ConsentStoreError(.io, "open \(path)", found: String(cString: strerror(errno)))
        }
        var batch = ConsentFeedBatch()
        s.readToEnd(into: &batch)
        s.finishLine(into: &batch)
        s.closeFile()
        return batch
    }

    /// Reads what was appended since the last poll (follow mode). Never throws: a missing or
    /// unreadable file yields an empty batch and a counter.
    package mutating func poll() -> ConsentFeedBatch {
        var batch = ConsentFeedBatch()
        if fd < 0 {
            guard openFile() else {
                if !missingReported { counters.add("consent_file_missing"); missingReported = true }
                return batch
            }
            missingReported = false
        }
        var st = stat()
        if fstat(fd, &st) == 0, Int64(st.st_size) < offset {
            counters.add("consent_file_truncated")
            offset = 0
            splitter.reset()
            lseek(fd, 0, SEEK_SET)
        }
        let complete = readToEnd(into: &batch)
        // Rotated: the path now names another file. Finish the old one, continue with the new.
        if complete, let id = identity, let now = Self.identity(of: path), now != id {
            finishLine(into: &batch)
            closeFile()
            counters.add("consent_file_rotated")
            if openFile() { readToEnd(into: &batch) }
        }
        return batch
    }

    /// Stops following and releases the file.
    package mutating func close() { closeFile() }

    // MARK: - Private

    private static func identity(of path: String) -> (dev: UInt64, ino: UInt64)? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return (UInt64(st.st_dev), UInt64(st.st_ino))
    }

    private mutating func openFile() -> Bool {
        let f = open(path, O_RDONLY | O_CLOEXEC)
        guard f >= 0 else { return false }
        var st = stat()
        guard fstat(f, &st) == 0 else {
            Glibc.close(f)
            return false
        }
        fd = f
        identity = (UInt64(st.st_dev), UInt64(st.st_ino))
        offset = 0
        splitter = FeedLineSplitter(maxLineLength: maxLineLength)
        return true
    }

    private mutating func closeFile() {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
        identity = nil
    }

    /// Reads until EOF or `maxBytesPerPoll`; true when EOF was reached.
    @discardableResult
    private mutating func readToEnd(into batch: inout ConsentFeedBatch) -> Bool {
        var budget = maxBytesPerPoll
        while budget > 0 {
            let want = min(buffer.count, budget)
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, want) }
            if n < 0 {
                if errno == EINTR { continue }
                counters.add("consent_file_read_error")
                return false
            }
            if n == 0 { return true }
            offset += Int64(n)
            budget -= n
            counters.add("consent_file_bytes", UInt64(n))
            let lines = buffer.withUnsafeBytes { splitter.feed(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            take(lines, into: &batch)
        }
        return false
    }

    private mutating func finishLine(into batch: inout ConsentFeedBatch) {
        take(splitter.finish(), into: &batch)
    }

    private mutating func take(_ lines: [FeedLineSplitter.Line], into batch: inout ConsentFeedBatch) {
        for line in lines {
            switch line {
            case .tooLong(let n):
                counters.add("consent_feed_line_too_long")
                batch.problems.append(IngestProblem(line: n, severity: .error, message: "line longer than \(maxLineLength) bytes"))
            case .text(let n, let text):
                let (entry, problems) = ConsentFeedEntry.parse(line: text, number: n)
                batch.problems += problems
                if let entry {
                    batch.entries.append(entry)
                    counters.add("consent_feed_records")
                } else if problems.contains(where: { $0.severity == .error }) {
                    counters.add("consent_feed_malformed_line")
                }
            }
        }
    }
}

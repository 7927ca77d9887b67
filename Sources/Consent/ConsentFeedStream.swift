import Primitives

/// Incremental consent-feed reader: bytes in (file tail with `--follow`, an HTTP JSON Lines body),
/// records out, the same however the bytes are split.
///
/// Lines end at LF (a CR before it is dropped). Bytes are borrowed during `feed` only; at most
/// `maxLineLength` bytes of a partial line are kept. A longer line is discarded up to its LF and
/// reported as an error with its line number (counter `consent_feed_line_too_long`). Line numbers
/// continue across calls. `finish()` parses a last line that has no LF.
package struct ConsentFeedStream {
    package let maxLineLength: Int
    package private(set) var lineNumber = 0
    package private(set) var counters = CounterSet()
    private var pending: [UInt8] = []
    private var discarding = false

    package init(maxLineLength: Int = ConsentFeedParser.maxLineLength) {
        self.maxLineLength = maxLineLength
    }

    package mutating func feed(_ bytes: UnsafeRawBufferPointer) -> (records: [ConsentRecord], problems: [FeedProblem]) {
        var records: [ConsentRecord] = []
        var problems: [FeedProblem] = []
        var start = 0
        while start < bytes.count {
            let rest = UnsafeRawBufferPointer(rebasing: bytes[start...])
            guard let nl = rest.firstIndex(of: 0x0A) else {
                append(rest, problems: &problems)
                break
            }
            append(UnsafeRawBufferPointer(rebasing: rest[..<nl]), problems: &problems)
            endLine(records: &records, problems: &problems)
            start += nl + 1
        }
        return (records, problems)
    }

    /// End of input: parses a final line without LF.
    package mutating func finish() -> (records: [ConsentRecord], problems: [FeedProblem]) {
        var records: [ConsentRecord] = []
        var problems: [FeedProblem] = []
        if !pending.isEmpty || discarding { endLine(records: &records, problems: &problems) }
        return (records, problems)
    }

    private mutating func append(_ part: UnsafeRawBufferPointer, problems: inout [FeedProblem]) {
        guard !discarding else { return }
        if pending.count + part.count > maxLineLength {
            discarding = true
            pending.removeAll(keepingCapacity: false)
            return
        }
        pending.append(contentsOf: part)
    }

    private mutating func endLine(records: inout [ConsentRecord], problems: inout [FeedProblem]) {
        lineNumber += 1
        defer {
            pending.removeAll(keepingCapacity: true)
            discarding = false
        }
        if discarding {
            counters.add("consent_feed_line_too_long")
            problems.append(FeedProblem(line: lineNumber, severity: .error, message: "line longer than \(maxLineLength) bytes"))
            return
        }
        if pending.last == 0x0D { pending.removeLast() }
        let text = String(decoding: pending, as: UTF8.self)
        switch ConsentFeedParser.parse(line: text, number: lineNumber) {
        case .blank:
            break
        case .record(let r, let warnings):
            counters.add("consent_feed_records")
            records.append(r)
            problems += warnings.map { FeedProblem(line: lineNumber, severity: .warning, message: $0) }
            if !warnings.isEmpty { counters.add("consent_feed_warnings", UInt64(warnings.count)) }
        case .failure(let message, let warnings):
            counters.add("consent_feed_malformed_line")
            problems += warnings.map { FeedProblem(line: lineNumber, severity: .warning, message: $0) }
            problems.append(FeedProblem(line: lineNumber, severity: .error, message: message))
        }
    }
}

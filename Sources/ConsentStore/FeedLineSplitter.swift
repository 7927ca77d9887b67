/// Splits a byte stream into feed lines, the same however the bytes are split.
///
/// Lines end at LF; a CR before it is dropped. Bytes are borrowed during `feed` only; at most
/// `maxLineLength` bytes of an unterminated line are kept: a longer line is discarded up to its LF
/// and returned as `.tooLong` (never buffered whole). Line numbers are 1-based and continue
/// across calls. `finish()` returns a last line without LF; `reset()` forgets a partial line
/// (after a truncation) and keeps numbering.
struct FeedLineSplitter {
    enum Line: Equatable {
        case text(number: Int, String)
        case tooLong(number: Int)
    }

    let maxLineLength: Int
    private(set) var lineNumber = 0
    private var pending: [UInt8] = []
    private var discarding = false

    init(maxLineLength: Int) { self.maxLineLength = maxLineLength }

    /// Bytes of a started line waiting for its LF.
    var pendingCount: Int { pending.count }
    var hasPartialLine: Bool { !pending.isEmpty || discarding }

    mutating func feed(_ bytes: UnsafeRawBufferPointer) -> [Line] {
        var out: [Line] = []
        var start = 0
        while start < bytes.count {
            let rest = UnsafeRawBufferPointer(rebasing: bytes[start...])
            guard let nl = rest.firstIndex(of: 0x0A) else {
                append(rest)
                break
            }
            append(UnsafeRawBufferPointer(rebasing: rest[..<nl]))
            out.append(endLine())
            start += nl + 1
        }
        return out
    }

    mutating func feed(_ bytes: [UInt8]) -> [Line] { bytes.withUnsafeBytes { feed($0) } }

    mutating func finish() -> [Line] { hasPartialLine ? [endLine()] : [] }

    mutating func reset() {
        pending.removeAll(keepingCapacity: true)
        discarding = false
    }

    private mutating func append(_ part: UnsafeRawBufferPointer) {
        guard !discarding else { return }
        if pending.count + part.count > maxLineLength {
            discarding = true
            pending.removeAll(keepingCapacity: false)
            return
        }
        pending.append(contentsOf: part)
    }

    private mutating func endLine() -> Line {
        lineNumber += 1
        defer { reset() }
        if discarding { return .tooLong(number: lineNumber) }
        if pending.last == 0x0D { pending.removeLast() }
        return .text(number: lineNumber, String(decoding: pending, as: UTF8.self))
    }
}

/// One direction's HTTP/1 message framing (RFC 9112): start line, head, body, resynchronisation.
///
/// ```
///  idle --start byte--> startLine --valid line--> headerLines --empty line--> awaitingFraming
///   ^  \                   | invalid line                                       | beginBody(_:)
///   |   \ bad first byte   v                                                    v
///   |    +----------> skipping --LF--> idle                          body(length/chunked/untilClose)
///   +------------------------------------------- message end -------------------+
/// ```
/// Pull-style: `next(_:_:)` consumes bytes from `offset` and returns one event at a time (nil when
/// it needs more bytes). Body events are index ranges into the borrowed input of that call. After
/// `.head` the owner must call `beginBody` (framing depends on the other direction: HEAD, 1xx...).
/// Bad input never stops the parser: an invalid start line or lost framing sets `resyncing`, and
/// the parser skips to the next line that is a strict start line (upper-case method, HTTP/1.x).
/// Memory: the head buffer is capped at `maxHeadBytes`, chunk/trailer lines at `maxChunkLineBytes`.
struct HTTP1MessageParser {
    enum Role { case request, response }
    enum Framing: Equatable { case none, length(Int), chunked, untilClose }

    enum Event {
        /// The first byte of a candidate start line is next (for the message's first packet).
        case messageStart
        case head(HTTP1Head)
        /// Body bytes (after transfer decoding) at these indices of the current input.
        case body(Range<Int>)
        case messageEnd
        /// An anomaly of the current message that does not stop it (`bare_lf` in a chunk line).
        case messageAnomaly(String)
        /// The current message is abandoned (framing lost, head too large...); the parser resyncs.
        case messageAbandoned(String)
        /// An anomaly outside any message (invalid start line: the parser resyncs).
        case anomaly(String)
    }

    enum GapOutcome: Equatable {
        /// The framing knew the body was that long: count `n` missing bytes as body.
        case countedAsBody(Int)
        /// A message whose head had been delivered is cut short; the parser resyncs.
        case messageAbandoned
        /// A partial head was dropped; the parser resyncs.
        case headLost
        /// Between messages: the parser resyncs at the next start line.
        case betweenMessages
        case ignored
    }

    enum FinishOutcome: Equatable { case clean, messageEnd, messageTruncated, incompleteHead }

    private enum State {
        case idle
        case startLine
        case headerLines(HeadEndScan)
        case awaitingFraming
        case body(Body)
        case skipping
        case stopped
    }

    private enum Body {
        case length(Int)
        case untilClose
        case chunkSizeLine
        case chunkData(Int)
        case chunkDataEnd
        case trailer
    }

    /// Where the head scan is relative to line starts (an empty line ends the head).
    private enum HeadEndScan { case inLine, lineStart, lineStartCR }

    let role: Role
    private let limits: HTTP1Limits
    private var state: State = .idle
    private var headBuffer: [UInt8] = []
    private var startLineEnd = 0
    private var startLine: HTTP1Syntax.StartLine?
    private var startLineBareLF = false
    private var lineBuffer: [UInt8] = []
    private var trailerBytes = 0
    /// True after an invalid start line, a gap or lost framing, until a start line validates.
    private(set) var resyncing = false
    /// Bytes dropped while resynchronising (`http1_resync_skipped_bytes`).
    private(set) var skippedBytes = 0
    /// Start lines found after resynchronising.
    private(set) var resyncCount = 0

    init(role: Role, limits: HTTP1Limits) {
        self.role = role
        self.limits = limits
    }

    var isStopped: Bool { if case .stopped = state { true } else { false } }
    /// True while a start line or head is being collected.
    var inHead: Bool {
        switch state {
        case .startLine, .headerLines: true
        case .idle, .awaitingFraming, .body, .skipping, .stopped: false
        }
    }

    /// Sets the body framing of the message whose head was just returned. `.none` ends it at the
    /// next `next` call. `resync` makes the parser treat what follows as suspect (invalid framing).
    mutating func beginBody(_ framing: Framing, resync: Bool = false) {
        if resync { resyncing = true }
        switch framing {
        case .none: state = .body(.length(0))
        case .length(let n): state = .body(.length(n))
        case .chunked: state = .body(.chunkSizeLine); lineBuffer.removeAll(keepingCapacity: true); trailerBytes = 0
        case .untilClose: state = .body(.untilClose)
        }
    }

    /// Stops parsing for good (protocol switch or tunnel): all later bytes are ignored.
    mutating func stop() { state = .stopped }

    /// Consumes bytes from `offset` and returns the next event, or nil when all bytes are used.
    mutating func next(_ bytes: UnsafeRawBufferPointer, _ offset: inout Int) -> Event? {
        while true {
            if case .body(.length(0)) = state {
                state = .idle
                return .messageEnd
            }
            guard offset < bytes.count else { return nil }
            switch state {
            case .stopped:
                offset = bytes.count
                return nil
            case .awaitingFraming:
                state = .body(.length(0))  // owner did not say: treat as no body
            case .idle:
                if let event = idle(bytes, &offset) { return event }
            case .skipping:
                var k = offset
                while k < bytes.count, bytes[k] != HTTP1Syntax.lf { k += 1 }
                if k < bytes.count { k += 1; state = .idle }
                skippedBytes += k - offset
                offset = k
            case .startLine:
                if let event = collectStartLine(bytes, &offset) { return event }
            case .headerLines(let scan):
                if let event = collectHeaderLines(bytes, &offset, scan) { return event }
            case .body(let body):
                if let event = self.body(body, bytes, &offset) { return event }
            }
        }
    }

    // MARK: - Heads

    private mutating func idle(_ bytes: UnsafeRawBufferPointer, _ offset: inout Int) -> Event? {
        // RFC 9112 §2.2: empty lines before a start line are ignored.
        while offset < bytes.count, bytes[offset] == HTTP1Syntax.cr || bytes[offset] == HTTP1Syntax.lf { offset += 1 }
        guard offset < bytes.count else { return nil }
        let b = bytes[offset]
        let plausible = switch role {
        case .request: resyncing ? (b >= 0x41 && b <= 0x5A) : HTTP1Syntax.isToken(b)
        case .response: b == UInt8(ascii: "H")
        }
        guard plausible else { return rejectStartLine() }
        headBuffer.removeAll(keepingCapacity: true)
        state = .startLine
        return .messageStart
    }

    /// Invalid start line: resynchronise; only the first one of a run is reported.
    private mutating func rejectStartLine(consumedLine: Bool = false) -> Event? {
        state = consumedLine ? .idle : .skipping
        if consumedLine { skippedBytes += headBuffer.count }
        if resyncing { return nil }
        resyncing = true
        return .anomaly(role == .request ? "request_line_invalid" : "status_line_invalid")
    }

    private mutating func collectStartLine(_ bytes: UnsafeRawBufferPointer, _ offset: inout Int) -> Event? {
        var k = offset
        while k < bytes.count, bytes[k] != HTTP1Syntax.lf { k += 1 }
        let foundLF = k < bytes.count
        let end = foundLF ? k + 1 : k
        headBuffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[offset..<end]))
        offset = end
        if role == .response, !Self.hasStatusPrefix(headBuffer) { return rejectStartLine(consumedLine: foundLF) }
        if headBuffer.count > limits.maxHeadBytes {
            if resyncing { return rejectStartLine(consumedLine: foundLF) }
            state = foundLF ? .idle : .skipping
            resyncing = true
            return .anomaly("head_too_large")
        }
        guard foundLF else { return nil }
        var lineEnd = headBuffer.count - 1
        startLineBareLF = !(lineEnd > 0 && headBuffer[lineEnd - 1] == HTTP1Syntax.cr)
        if !startLineBareLF { lineEnd -= 1 }
        let parsed = headBuffer.withUnsafeBytes { all in
            let line = UnsafeRawBufferPointer(rebasing: all[0..<lineEnd])
            return role == .request
                ? HTTP1Syntax.parseRequestLine(line, strictMethod: resyncing)
                : HTTP1Syntax.parseStatusLine(line)
        }
        guard let parsed, !(startLineBareLF && !limits.tolerance.contains(.bareLineFeed)) else {
            return rejectStartLine(consumedLine: true)
        }
        if resyncing { resyncCount += 1 }
        resyncing = false
        startLine = parsed
        startLineEnd = headBuffer.count
        state = .headerLines(.lineStart)
        return nil
    }

    /// "HTTP/1." so far (prefix of whatever has arrived).
    private static func hasStatusPrefix(_ buffer: [UInt8]) -> Bool {
        let prefix = Array("HTTP/1.".utf8)
        for k in 0..<min(buffer.count, prefix.count) where buffer[k] != prefix[k] { return false }
        return true
    }

    private mutating func collectHeaderLines(_ bytes: UnsafeRawBufferPointer, _ offset: inout Int,
                                             _ scan: HeadEndScan) -> Event? {
        var s = scan
        var k = offset
        var done = false
        while k < bytes.count, !done {
            let b = bytes[k]
            k += 1
            switch s {
            case .inLine: if b == HTTP1Syntax.lf { s = .lineStart }
            case .lineStart:
                if b == HTTP1Syntax.lf { done = true } else if b == HTTP1Syntax.cr { s = .lineStartCR } else { s = .inLine }
            case .lineStartCR:
                if b == HTTP1Syntax.lf { done = true } else { s = .inLine }
            }
        }
        headBuffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[offset..<k]))
        offset = k
        if headBuffer.count > limits.maxHeadBytes {
            state = done ? .idle : .skipping
            resyncing = true
            return .anomaly("head_too_large")
        }
        guard done, let startLine else { state = .headerLines(s); return nil }
        let result = headBuffer.withUnsafeBytes { all -> Result<HTTP1Head, HTTP1ParseError> in
            do throws(HTTP1ParseError) {
                return .success(try HTTP1Head(startLine: startLine, startLineBareLF: startLineBareLF,
                                              headerBlock: UnsafeRawBufferPointer(rebasing: all[startLineEnd...]),
                                              limits: limits))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let head):
            state = .awaitingFraming
            return .head(head)
        case .failure(let error):
            state = .idle
            resyncing = true
            return .anomaly(error.kind)
        }
    }

    // MARK: - Bodies

    private mutating func body(_ body: Body, _ bytes: UnsafeRawBufferPointer, _ offset: inout Int) -> Event? {
        switch body {
        case .length(let n):
            let take = min(n, bytes.count - offset)
            state = .body(.length(n - take))
            defer { offset += take }
            return .body(offset..<offset + take)
        case .untilClose:
            defer { offset = bytes.count }
            return .body(offset..<bytes.count)
        case .chunkData(let n):
            let take = min(n, bytes.count - offset)
            state = .body(n - take == 0 ? .chunkDataEnd : .chunkData(n - take))
            defer { offset += take }
            return .body(offset..<offset + take)
        case .chunkSizeLine, .chunkDataEnd, .trailer:
            switch collectLine(bytes, &offset) {
            case .needMore: return nil
            case .tooLong:
                state = .skipping
                resyncing = true
                return .messageAbandoned("chunk_line_too_long")
            case .line(let bareLF):
                if bareLF && !limits.tolerance.contains(.bareLineFeed) {
                    state = .idle
                    resyncing = true
                    return .messageAbandoned("bare_lf_rejected")
                }
                let event = chunkLine(body)
                if bareLF, event == nil { return .messageAnomaly("bare_lf") }
                return event
            }
        }
    }

    private enum LineResult { case needMore, tooLong, line(bareLF: Bool) }

    /// Collects one line into `lineBuffer` (without its line ending) up to `maxChunkLineBytes`.
    private mutating func collectLine(_ bytes: UnsafeRawBufferPointer, _ offset: inout Int) -> LineResult {
        var k = offset
        while k < bytes.count, bytes[k] != HTTP1Syntax.lf { k += 1 }
        let foundLF = k < bytes.count
        lineBuffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[offset..<k]))
        offset = foundLF ? k + 1 : k
        if lineBuffer.count > limits.maxChunkLineBytes { lineBuffer.removeAll(keepingCapacity: true); return .tooLong }
        guard foundLF else { return .needMore }
        let bareLF = lineBuffer.last != HTTP1Syntax.cr
        if !bareLF { lineBuffer.removeLast() }
        return .line(bareLF: bareLF)
    }

    /// Acts on a complete chunk-size, chunk-end or trailer line in `lineBuffer` (RFC 9112 §7.1).
    private mutating func chunkLine(_ body: Body) -> Event? {
        defer { lineBuffer.removeAll(keepingCapacity: true) }
        switch body {
        case .chunkSizeLine:
            // chunk-size [ BWS ";" chunk-ext ]: 1*HEXDIG, at most 15 digits (no overflow).
            var size = 0
            var digits = 0
            var k = 0
            while k < lineBuffer.count, let d = Self.hexValue(lineBuffer[k]) {
                size = size << 4 | d
                digits += 1
                k += 1
            }
            while k < lineBuffer.count, lineBuffer[k] == HTTP1Syntax.sp || lineBuffer[k] == HTTP1Syntax.htab { k += 1 }
            guard digits > 0, digits <= 15, k == lineBuffer.count || lineBuffer[k] == UInt8(ascii: ";") else {
                state = .idle
                resyncing = true
                return .messageAbandoned("chunk_size_invalid")
            }
            if size == 0 { trailerBytes = 0; state = .body(.trailer) } else { state = .body(.chunkData(size)) }
            return nil
        case .chunkDataEnd:
            guard lineBuffer.isEmpty else {
                state = .idle
                resyncing = true
                return .messageAbandoned("chunk_data_overrun")
            }
            state = .body(.chunkSizeLine)
            return nil
        case .trailer:
            if lineBuffer.isEmpty { state = .body(.length(0)); return nil }
            trailerBytes += lineBuffer.count
            if trailerBytes > limits.maxHeadBytes {
                state = .idle
                resyncing = true
                return .messageAbandoned("trailer_too_large")
            }
            return nil
        case .length, .untilClose, .chunkData:
            return nil
        }
    }

    private static func hexValue(_ b: UInt8) -> Int? {
        switch b {
        case 0x30...0x39: Int(b - 0x30)
        case 0x41...0x46: Int(b - 0x41 + 10)
        case 0x61...0x66: Int(b - 0x61 + 10)
        default: nil
        }
    }

    // MARK: - Gaps and end of stream

    /// `n` bytes (Int.max: unknown) are missing before the next input.
    mutating func gap(_ n: Int) -> GapOutcome {
        guard n > 0 else { return .ignored }
        switch state {
        case .stopped, .skipping:
            return .ignored
        case .idle:
            resyncing = true
            return .betweenMessages
        case .startLine, .headerLines:
            state = .idle
            resyncing = true
            return .headLost
        case .body(.length(let r)) where n <= r:
            state = .body(.length(r - n))
            return .countedAsBody(n)
        case .body(.untilClose):
            return .countedAsBody(n)
        case .body, .awaitingFraming:
            state = .idle
            resyncing = true
            return .messageAbandoned
        }
    }

    /// End of this direction's stream.
    mutating func finish() -> FinishOutcome {
        defer { state = .stopped }
        switch state {
        case .idle, .skipping, .stopped, .awaitingFraming: return .clean
        case .startLine: return resyncing ? .clean : .incompleteHead
        case .headerLines: return .incompleteHead
        case .body(.untilClose), .body(.length(0)), .body(.trailer): return .messageEnd
        case .body: return .messageTruncated
        }
    }
}

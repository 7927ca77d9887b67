/// One direction's HTTP/1 message framing (RFC 9112): start line, head, body, resynchronisation.
///
/// ```
///  idle --start byte--> startLine --valid line--> headerLines --empty line--> awaitingFraming
///   ^  \                   | too long / bad prefix   ^                           | beginBody(_:)
///   |   \ bad first byte   v                         | start line found at the   v
///   |    +----------> skipping -----------------------+ end of the line     body(length/chunked/untilClose)
///   |                      | LF, nothing found                                   |
///   +----------------------+------------------------------ message end ----------+
/// ```
/// Pull-style: `next(_:_:)` consumes bytes from `offset` and returns one event at a time (nil when
/// it needs more bytes). Body events are index ranges into the borrowed input of that call. After
/// `.head` the owner must call `beginBody` (framing depends on the other direction: HEAD, 1xx...).
/// Bad input never stops the parser: an invalid start line, a gap or lost framing sets
/// `resyncing`, and the parser looks for a strict start line (upper-case method, target,
/// " HTTP/1.x" ending the line; or "HTTP/1.x DDD") at a line start or inside a line, since a body
/// without a line end may run straight into the next message. Whole, byte-by-byte or randomly
/// split input gives the same events.
/// Memory: the head buffer is capped at `maxHeadBytes`, chunk/trailer lines at `maxChunkLineBytes`.
struct HTTP1MessageParser {
    enum Role { case request, response }
    enum Framing: Equatable { case none, length(Int), chunked, untilClose }

    enum Event {
        /// The first byte of a candidate start line is next (for the message's first packet).
        case messageStart
        /// A head is complete: take it with `takeHead()` (kept in the parser, so that the head is
        /// not copied through the event).
        case head
        /// Body bytes (after transfer decoding) at these indices of the current input.
        case body(Range<Int>)
        case messageEnd
        /// An anomaly of the current message that does not stop it (`bare_lf` in a chunk line).
        case messageAnomaly(String)
        /// The current message is abandoned (framing lost, head too large...); the parser resyncs.
        case messageAbandoned(String)
        /// An anomaly outside any message (invalid start line: the parser resyncs).
        case anomaly(String)
        /// While resynchronising, a candidate start line was dropped (no new anomaly).
        case lineSkipped
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
    /// The start line was only accepted by the `.malformedRequestLine` tolerance.
    private var malformedStartLine = false
    private var lineBuffer: [UInt8] = []
    /// The head announced by the last `.head` event, until `takeHead()`.
    private var completedHead: HTTP1Head?
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
                if let event = collectStartLine(bytes, &offset, skipping: true) { return event }
            case .startLine:
                if let event = collectStartLine(bytes, &offset, skipping: false) { return event }
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
        guard plausible else { return rejectStartLine() }  // the skipping state still searches this line
        headBuffer.removeAll(keepingCapacity: true)
        state = .startLine
        return .messageStart
    }

    /// Lines searched for a start line while resynchronising keep at most this many trailing bytes.
    private var resyncWindow: Int { min(limits.maxHeadBytes, 8_192) }

    private mutating func rejectStartLine() -> Event? {
        headBuffer.removeAll(keepingCapacity: true)
        state = .skipping
        if resyncing { return .lineSkipped }
        resyncing = true
        return .anomaly(role == .request ? "request_line_invalid" : "status_line_invalid")
    }

    /// Collects the current line into `headBuffer`. `skipping`: resynchronising inside junk, keep
    /// only the line's tail and look for a start line that ends it (mid-line: a body without a
    /// line end may run into the next request line).
    private mutating func collectStartLine(_ bytes: UnsafeRawBufferPointer, _ offset: inout Int, skipping: Bool) -> Event? {
        var k = offset
        while k < bytes.count, bytes[k] != HTTP1Syntax.lf { k += 1 }
        let foundLF = k < bytes.count
        let end = foundLF ? k + 1 : k
        var skipping = skipping
        var event: Event?
        if !skipping {
            if end - offset > limits.maxHeadBytes - headBuffer.count {
                event = resyncing ? nil : .anomaly("head_too_large")
                resyncing = true
                skipping = true
            } else {
                headBuffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[offset..<end]))
                if role == .response, !Self.hasStatusPrefix(headBuffer) {
                    event = resyncing ? nil : .anomaly("status_line_invalid")
                    resyncing = true
                    skipping = true
                    state = .skipping
                    offset = end
                    guard foundLF else { return event }
                    let completed = lineComplete(tryWhole: false)
                    return event ?? completed  // the anomaly wins over `.lineSkipped`
                }
            }
        }
        if skipping {
            state = .skipping
            let window = resyncWindow
            if end - offset >= window {
                skippedBytes += headBuffer.count + (end - offset - window)
                headBuffer.removeAll(keepingCapacity: true)
                headBuffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[(end - window)..<end]))
            } else {
                headBuffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[offset..<end]))
                if headBuffer.count > 2 * window {
                    let drop = headBuffer.count - window
                    skippedBytes += drop
                    headBuffer.removeFirst(drop)
                }
            }
        }
        offset = end
        guard foundLF else { return event }
        let completed = lineComplete(tryWhole: !skipping)
        return event ?? completed  // the anomaly wins over `.lineSkipped`
    }

    /// A whole line (with its LF) is in `headBuffer`: accept it as a start line, or find one that
    /// ends it, or drop it.
    private mutating func lineComplete(tryWhole: Bool) -> Event? {
        if !tryWhole, headBuffer.count > resyncWindow {
            // Search exactly the line's last `resyncWindow` bytes, however the input was split.
            let drop = headBuffer.count - resyncWindow
            skippedBytes += drop
            headBuffer.removeFirst(drop)
        }
        var lineEnd = headBuffer.count - 1
        let bareLF = !(lineEnd > 0 && headBuffer[lineEnd - 1] == HTTP1Syntax.cr)
        if !bareLF { lineEnd -= 1 }
        let strict = resyncing
        malformedStartLine = false
        let found: (Int, HTTP1Syntax.StartLine)? = headBuffer.withUnsafeBytes { all in
            let line = UnsafeRawBufferPointer(rebasing: all[0..<lineEnd])
            if tryWhole {
                let whole = role == .request
                    ? HTTP1Syntax.parseRequestLine(line, strictMethod: strict)
                    : HTTP1Syntax.parseStatusLine(line)
                if let whole { return (0, whole) }
                if role == .request, !strict, limits.tolerance.contains(.malformedRequestLine),
                   let loose = HTTP1Syntax.parseMalformedRequestLine(line) {
                    malformedStartLine = true
                    return (0, loose)
                }
            }
            return role == .request ? HTTP1Syntax.findRequestLine(line) : HTTP1Syntax.findStatusLine(line)
        }
        guard let (start, parsed) = found, !(bareLF && !limits.tolerance.contains(.bareLineFeed)) else {
            skippedBytes += headBuffer.count
            headBuffer.removeAll(keepingCapacity: true)
            state = .idle
            if resyncing { return .lineSkipped }
            resyncing = true
            return .anomaly(role == .request ? "request_line_invalid" : "status_line_invalid")
        }
        var event: Event?
        if start > 0 {
            skippedBytes += start
            headBuffer.removeFirst(start)
            if !resyncing { event = .anomaly(role == .request ? "request_line_invalid" : "status_line_invalid") }
        }
        if resyncing { resyncCount += 1 }
        resyncing = false
        startLineBareLF = bareLF
        startLine = parsed
        startLineEnd = headBuffer.count
        state = .headerLines(.lineStart)
        return event
    }

    /// "HTTP/1." so far (prefix of whatever has arrived).
    private static func hasStatusPrefix(_ buffer: [UInt8]) -> Bool {
        let prefix: StaticString = "HTTP/1."
        for k in 0..<min(buffer.count, prefix.utf8CodeUnitCount) where buffer[k] != prefix.utf8Start[k] { return false }
        return true
    }

    private mutating func collectHeaderLines(_ bytes: UnsafeRawBufferPointer, _ offset: inout Int,
                                             _ scan: HeadEndScan) -> Event? {
        var s = scan
        var k = offset
        var done = false
        // Never buffer more than the cap allows: scan at most one byte past it.
        let limit = min(bytes.count, offset + max(0, limits.maxHeadBytes - headBuffer.count) + 1)
        while k < limit, !done {
            if case .inLine = s {
                // Inside a line only its LF matters: jump to it.
                k = HTTP1Syntax.find(HTTP1Syntax.lf, in: bytes, from: k, to: limit)
                guard k < limit else { break }
            }
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
        if headBuffer.count + (k - offset) > limits.maxHeadBytes {
            skippedBytes += headBuffer.count + (k - offset)
            headBuffer.removeAll(keepingCapacity: true)
            offset = k
            state = .skipping
            resyncing = true
            return .anomaly("head_too_large")
        }
        if done, headBuffer.count == startLineEnd, let startLine {
            // The whole header block is in this input: parse it in place, without copying it.
            let event = completeHead(startLine, UnsafeRawBufferPointer(rebasing: bytes[offset..<k]))
            offset = k
            return event
        }
        headBuffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[offset..<k]))
        offset = k
        guard done, let startLine else { state = .headerLines(s); return nil }
        let buffered = headBuffer  // shares the storage; `completeHead` does not touch `headBuffer`
        return buffered.withUnsafeBytes { all in
            completeHead(startLine, UnsafeRawBufferPointer(rebasing: all[startLineEnd...]))
        }
    }

    /// Parses a complete header block (borrowed for the call) into `completedHead`.
    private mutating func completeHead(_ startLine: HTTP1Syntax.StartLine, _ block: UnsafeRawBufferPointer) -> Event {
        do throws(HTTP1ParseError) {
            completedHead = try HTTP1Head(startLine: startLine, startLineBareLF: startLineBareLF, headerBlock: block,
                                          limits: limits, keepAllFields: role == .request)
        } catch {
            state = .idle
            resyncing = true
            return .anomaly(error.kind)
        }
        if malformedStartLine { completedHead?.anomalies.insert("request_line_malformed", at: 0) }
        state = .awaitingFraming
        return .head
    }

    /// The head of the last `.head` event, moved out of the parser (call once per `.head`).
    mutating func takeHead() -> HTTP1Head {
        var head: HTTP1Head?
        swap(&head, &completedHead)
        guard let head else { preconditionFailure("takeHead() without a .head event") }
        return head
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
                headBuffer.removeAll(keepingCapacity: true)
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
            guard let size = HTTP1Framing.chunkSize(lineBuffer) else {
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

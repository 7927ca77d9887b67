/// Caps and tolerances for one HTTP/1 connection. Every cap that drops something counts it (see
/// `HTTP1Connection.counters`) and records an anomaly.
///
/// Defaults: head (start line + headers) 64 KiB, 256 header fields kept per head, 128 requests
/// waiting for a response, 0 body bytes retained (lengths are still counted; the CLI raises it for
/// `--body`), 16 MiB decoded per body, 64 KiB of client bytes held while an `Upgrade`/`CONNECT`
/// answer is awaited, 4 KiB per chunk-size or trailer line; response bodies not tracked.
package struct HTTP1Limits: Sendable {
    /// Largest request/response head; a longer head is dropped (`head_too_large`) and the parser
    /// resynchronises at the next start line.
    package var maxHeadBytes = 65_536
    /// Header fields kept in a record; further fields still count for framing (`too_many_headers`).
    package var maxHeaderCount = 256
    /// Requests awaiting a response; the oldest is emitted without status beyond it (`pending_request_cap`).
    package var maxPendingRequests = 128
    /// Decoded body bytes kept in `HTTPBodyInfo.decodedBytes` (lengths are counted regardless).
    package var retainedBodyBytes = 0
    /// Decoded bytes per body; beyond it decoding stops (`decompression_bomb`).
    package var maxDecodedBodyBytes = 16 << 20
    /// Client bytes held after an `Upgrade`/`CONNECT` request until its response decides (`held_bytes_cap`).
    package var maxHeldBytes = 65_536
    /// Longest chunk-size line or trailer line (`chunk_line_too_long`).
    package var maxChunkLineBytes = 4_096
    /// false (default): a request is emitted once its body is done and its final response head is
    /// seen; `responseBody` stays nil. true: emission waits for the response body, which is
    /// counted and decoded into `responseBody` (a close-delimited body then ends with the connection).
    package var trackResponseBodies = false
    /// Deviations accepted (and flagged) rather than treated as framing errors.
    package var tolerance: HTTP1Tolerance = .observer

    package init() {}
}

/// Named tolerances (httparse `ParserConfig` style). Each accepted deviation is recorded as an anomaly.
package struct HTTP1Tolerance: OptionSet, Sendable {
    package var rawValue: UInt8
    package init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Header continuation lines starting with SP/HTAB (RFC 9112 §5.2) are joined with one space (`obs_fold`).
    package static let obsoleteLineFolding = HTTP1Tolerance(rawValue: 1 << 0)
    /// Lines ended by LF alone (RFC 9112 §2.2) are accepted (`bare_lf`).
    package static let bareLineFeed = HTTP1Tolerance(rawValue: 1 << 1)

    /// A request line with a missing or cut version or target but a known method
    /// (`GET /path`, `OPTIONS`, `GET / HTTP/1.`), as probes send them (`request_line_malformed`).
    /// Only at a clean message boundary, never while resynchronising.
    package static let malformedRequestLine = HTTP1Tolerance(rawValue: 1 << 2)

    /// What a passive observer wants: everything a real client or server might still accept.
    package static let observer: HTTP1Tolerance = [.obsoleteLineFolding, .bareLineFeed, .malformedRequestLine]
    /// RFC 9112 as an endpoint should enforce it.
    package static let strict: HTTP1Tolerance = []
}

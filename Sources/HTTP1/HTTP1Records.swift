import Primitives

/// One header field as sent (name case preserved; folded continuation lines joined by one space).
package struct HTTPHeaderField: Sendable, Equatable {
    package var name: String
    package var value: String
    package init(name: String, value: String) { self.name = name; self.value = value }
}

/// What was seen of one message body.
package struct HTTPBodyInfo: Sendable, Equatable {
    /// Body bytes after transfer decoding (chunk framing removed; other transfer codings such as
    /// `gzip, chunked` are undone with the content codings and show in `decodedLength`); gap bytes
    /// counted when framing said how long the body is.
    package var transferLength: Int = 0
    /// Bytes after content decoding (equal to `transferLength` without any coding to undo).
    package var decodedLength: Int = 0
    /// The first `HTTP1Limits.retainedBodyBytes` decoded bytes.
    package var decodedBytes: [UInt8] = []
    /// The `Content-Encoding` header value(s) as sent, joined by ", ".
    package var contentEncoding: String?
    /// Decoding stopped at `maxDecodedBodyBytes`.
    package var decompressionBomb = false
    /// Why content decoding failed (with the encoded offset), or nil.
    package var decodeError: String?
    /// The body did not arrive completely (connection ended early, or a gap lost bytes/framing).
    package var truncated = false

    package init() {}
}

/// One HTTP/1 request and what was seen of its response: the unit `HTTP1Connection` emits.
package struct HTTPRequestRecord: Sendable {
    /// The packet that carried the first byte of the request line.
    package var firstPacket: PacketRef
    package var method: String
    /// The request target as sent (origin-, absolute-, authority- or asterisk-form).
    package var target: String
    /// "1.0" or "1.1" (other 1.x minors as sent).
    package var version: String
    /// Request header fields in order, repeated names kept (at most `maxHeaderCount`).
    package var headers: HTTPHeaderFields
    /// The authority of an absolute-form target, else the `Host` header (first one), else nil.
    package var host: String?
    package var contentType: String?
    package var body: HTTPBodyInfo
    /// The final (non-1xx, or 101) response status, nil when none was seen.
    package var status: Int?
    /// The paired response's body; nil when no response was seen or `trackResponseBodies` is off.
    package var responseBody: HTTPBodyInfo?
    /// Data was missing in the request or its response (or just before the request).
    package var gaps: Bool
    /// Stable snake_case anomaly names; the response's are prefixed `response_`.
    package var anomalies: [String]
    /// For `CONNECT`: the authority-form target (`host:port`).
    package var connectTarget: String?

    package init(firstPacket: PacketRef, method: String, target: String, version: String,
                 headers: HTTPHeaderFields = HTTPHeaderFields(), host: String? = nil, contentType: String? = nil,
                 body: HTTPBodyInfo = HTTPBodyInfo(), status: Int? = nil, responseBody: HTTPBodyInfo? = nil,
                 gaps: Bool = false, anomalies: [String] = [], connectTarget: String? = nil) {
        self.firstPacket = firstPacket
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.host = host
        self.contentType = contentType
        self.body = body
        self.status = status
        self.responseBody = responseBody
        self.gaps = gaps
        self.anomalies = anomalies
        self.connectTarget = connectTarget
    }
}

/// What `HTTP1Connection` reports.
package enum HTTP1Event: Sendable {
    /// A request with its response status and bodies (in request order per connection).
    case request(HTTPRequestRecord)
    /// Something odd not tied to one request (resynchronisation, response without request...).
    case anomaly(String)
    /// The connection stopped speaking HTTP/1 after request number `requestIndex` (0-based):
    /// "h2c", "websocket", another `Upgrade` token, or "tunnel" (CONNECT 2xx). The bytes that
    /// followed are in `HTTP1Connection.switchResidue`; later chunks are ignored.
    case protocolSwitch(to: String, requestIndex: Int)
}

/// Bytes that belong to the protocol after a switch, among those HTTP/1 had already received:
/// client bytes that followed the upgrade/CONNECT request (held, at most `maxHeldBytes`), and the
/// rest of the server chunk that completed the 101/2xx head (at most `maxHeldBytes`). Chunks
/// received after the switch are not included: residue + later chunks = the new protocol's bytes.
package struct HTTP1SwitchResidue: Sendable, Equatable {
    package var clientBytes: [UInt8]
    package var serverBytes: [UInt8]
}

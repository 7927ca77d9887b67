import Primitives
import HTTP1
import HTTP2
import Payload

/// TLS facts attached to a request seen inside a decrypted connection (schema `http` v1, key `tls`).
package struct TLSSummary: Sendable, Equatable {
    package var sni: String?
    package var version: String?
    package var cipher: String?
    package var alpn: String?
    package var decrypted: Bool

    package init(sni: String?, version: String?, cipher: String?, alpn: String?, decrypted: Bool) {
        self.sni = sni
        self.version = version
        self.cipher = cipher
        self.alpn = alpn
        self.decrypted = decrypted
    }
}

/// One row of `consenttap http`: an HTTP request, its framing and its response status.
///
/// Schema `http`, version 1. Keys, in output order:
/// - `ts`: RFC 3339 UTC time (microseconds) of the packet that carried the request's first byte.
/// - `uid`: the connection's id in this run (joins rows of one connection).
/// - `client`, `server`: `ip:port` (`[ip]:port` for IPv6).
/// - `tls`: null for plaintext; otherwise `sni`, `version`, `cipher`, `alpn`, `decrypted`.
/// - `http_version`: `"1.0"`, `"1.1"` or `"2"`.
/// - `method`, `host` (Host header or absolute-form authority), `path` (request target as sent).
/// - `headers`: list of `[name, value]` in order received.
/// - `content_type`, `content_encoding`: of the request, or null.
/// - `body_length`: request body bytes after transfer decoding; `body_decoded_length`: after content decoding.
/// - `status`: the matched final response's status code, or null.
/// - `gaps`: true when bytes of this request or its response were missing from the capture.
/// - `anomalies`: names of protocol oddities seen on this request (e.g. `te_cl_conflict`).
/// - `connect_target`: the tunnel target of a CONNECT request, else absent.
/// - `body`, `body_encoding` (`utf-8` or `base64`): only with `--body`.
package struct HTTPLogRecord: Sendable {
    package var firstPacket: PacketRef
    package var uid: UInt64
    package var client: Endpoint
    package var server: Endpoint
    package var tls: TLSSummary?
    package var httpVersion: String
    package var method: String
    package var host: String?
    package var path: String
    package var headers: HTTPHeaderFields
    package var contentType: String?
    package var contentEncoding: String?
    package var bodyLength: Int
    package var bodyDecodedLength: Int
    package var status: Int?
    package var gaps: Bool
    package var anomalies: [String]
    package var connectTarget: String?
    /// The decoded request body, up to the retention limit (empty unless the run asked for bodies).
    package var body: [UInt8]
    package var bodyTruncated: Bool
}

extension HTTPLogRecord {
    /// Builds a row from an HTTP/1 request and the connection it was seen on.
    package init(_ request: consuming HTTPRequestRecord, uid: UInt64, client: Endpoint, server: Endpoint, tls: TLSSummary?) {
        self.init(firstPacket: request.firstPacket, uid: uid, client: client, server: server, tls: tls,
                  httpVersion: request.version, method: request.method, host: request.host, path: request.target,
                  headers: request.headers, contentType: request.contentType,
                  contentEncoding: request.body.contentEncoding, bodyLength: request.body.transferLength,
                  bodyDecodedLength: request.body.decodedLength, status: request.status, gaps: request.gaps,
                  anomalies: request.anomalies, connectTarget: request.connectTarget,
                  body: request.body.decodedBytes, bodyTruncated: request.body.truncated || request.body.decompressionBomb)
    }

    /// Builds a row from an HTTP/2 stream: `host` from `:authority`, `path` from `:path`.
    package init(_ s: consuming HTTP2StreamRecord, uid: UInt64, client: Endpoint, server: Endpoint, tls: TLSSummary?) {
        self.init(firstPacket: s.firstPacket, uid: uid, client: client, server: server, tls: tls,
                  httpVersion: "2", method: s.method ?? "", host: s.authority, path: s.path ?? "",
                  headers: HTTPHeaderFields(s.headers.map { HTTPHeaderField(name: $0.name, value: $0.value) }),
                  contentType: s.contentType, contentEncoding: s.contentEncoding, bodyLength: s.bodyLength,
                  bodyDecodedLength: s.bodyDecodedLength, status: s.status, gaps: s.gaps, anomalies: s.anomalies,
                  connectTarget: nil, body: s.body, bodyTruncated: s.bodyTruncated)
    }

    /// Writes the row as one JSON object (no newline).
    package func write(to json: inout JSONWriter, includeBody: Bool) {
        json.beginObject()
        json.key(literal: "ts"); json.timestamp(firstPacket.time)
        json.key(literal: "uid"); json.int(Int(uid))
        json.key(literal: "client"); json.endpoint(client)
        json.key(literal: "server"); json.endpoint(server)
        json.key(literal: "tls")
        if let tls {
            json.beginObject()
            json.key(literal: "sni"); json.optionalString(tls.sni)
            json.key(literal: "version"); json.optionalString(tls.version)
            json.key(literal: "cipher"); json.optionalString(tls.cipher)
            json.key(literal: "alpn"); json.optionalString(tls.alpn)
            json.key(literal: "decrypted"); json.bool(tls.decrypted)
            json.endObject()
        } else {
            json.null()
        }
        json.key(literal: "http_version"); json.string(httpVersion)
        json.key(literal: "method"); json.string(method)
        json.key(literal: "host"); json.optionalString(host)
        json.key(literal: "path"); json.string(path)
        json.key(literal: "headers")
        json.beginArray()
        headers.forEachBytes { name, value in json.stringPair(utf8: name, value) }
        json.endArray()
        json.key(literal: "content_type"); json.optionalString(contentType)
        json.key(literal: "content_encoding"); json.optionalString(contentEncoding)
        json.key(literal: "body_length"); json.int(bodyLength)
        json.key(literal: "body_decoded_length"); json.int(bodyDecodedLength)
        json.key(literal: "status"); json.optionalInt(status)
        json.key(literal: "gaps"); json.bool(gaps)
        json.key(literal: "anomalies")
        json.beginArray()
        for a in anomalies { json.string(a) }
        json.endArray()
        if let connectTarget { json.key(literal: "connect_target"); json.string(connectTarget) }
        if includeBody {
            if let text = String(validating: body, as: UTF8.self) {
                json.field("body", text)
                json.field("body_encoding", "utf-8")
            } else {
                json.field("body", Base64.encode(body))
                json.field("body_encoding", "base64")
            }
            json.field("body_truncated", bodyTruncated)
        }
        json.endObject()
    }
}

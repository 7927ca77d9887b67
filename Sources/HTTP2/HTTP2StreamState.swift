import Primitives
import Codecs

/// The observer's state of one client-initiated stream. A class so it can be changed in place inside
/// the connection's stream table.
final class StreamState {
    var record: HTTP2StreamRecord
    var requestEnded = false
    var responseEnded = false
    let body: RequestBody

    init(id: UInt32, firstPacket: PacketRef, fields: [HTTP2HeaderField], limits: HTTP2Limits) {
        var record = HTTP2StreamRecord(streamID: id, firstPacket: firstPacket, headers: fields)
        for field in fields {
            switch field.name {
            case ":method": record.method = field.value
            case ":scheme": record.scheme = field.value
            case ":authority": record.authority = field.value
            case ":path": record.path = field.value
            case "content-type": record.contentType = field.value
            case "content-encoding": record.contentEncoding = field.value
            case "host" where record.authority == nil: record.authority = field.value
            default: break
            }
        }
        self.record = record
        body = RequestBody(contentEncoding: record.contentEncoding, limits: limits)
    }

    func finishedRecord() -> HTTP2StreamRecord {
        body.finish()
        var r = record
        r.bodyLength = body.rawLength
        r.bodyDecodedLength = body.decodedLength
        r.body = body.retained
        r.bodyTruncated = body.hitCap
        if let error = body.error { r.anomalies.append("decode_error"); _ = error }
        if body.hitCap { r.anomalies.append("decompression_bomb") }
        return r
    }
}

extension HTTP2StreamRecord {
    init(streamID: UInt32, firstPacket: PacketRef, headers: [HTTP2HeaderField]) {
        self.init(streamID: streamID, firstPacket: firstPacket, method: nil, scheme: nil, authority: nil, path: nil,
                  headers: headers, contentType: nil, contentEncoding: nil)
    }
}

/// A request body: counted raw, content-decoded (bounded) and partly retained.
final class RequestBody {
    private var decoder: ContentDecoder?
    private let retain: Int
    private(set) var rawLength = 0
    private(set) var retained: [UInt8] = []
    private var finished = false

    init(contentEncoding: String?, limits: HTTP2Limits) {
        retain = limits.retainedBodyBytes
        let codings = contentEncoding.map { ContentCoding.parseList($0) } ?? []
        if codings.contains(where: { $0 != .identity }) {
            decoder = ContentDecoder(codings: codings, maxDecodedBytes: limits.maxDecodedBodyBytes)
        }
    }

    func feed(_ bytes: UnsafeRawBufferPointer, limits: HTTP2Limits) {
        rawLength += bytes.count
        if decoder != nil {
            decoder!.feed(bytes, output: &retained, retain: retain)
        } else if retained.count < retain {
            retained.append(contentsOf: bytes.prefix(retain - retained.count))
        }
    }

    func finish() {
        guard !finished else { return }
        finished = true
        if decoder != nil { decoder!.finish(output: &retained, retain: retain) }
    }

    var decodedLength: Int { decoder?.decodedByteCount ?? rawLength }
    var hitCap: Bool { decoder?.hitCap ?? false }
    var error: String? { decoder?.error }
}

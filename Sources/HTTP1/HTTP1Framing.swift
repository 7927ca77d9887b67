/// Message framing decisions of RFC 9112 §6, kept apart from the state machines that apply them.
enum HTTP1Framing {
    /// RFC 9112 §6.3 for requests: Transfer-Encoding with `chunked` last wins over Content-Length
    /// (`te_cl_conflict`); other transfer codings or an invalid Content-Length cannot be framed
    /// (`te_not_chunked`, the parser resynchronises); no length means no body.
    static func request(_ head: HTTP1Head) -> (framing: HTTP1MessageParser.Framing, resync: Bool, anomalies: [String]) {
        if let te = head.transferCodings, !te.isEmpty {
            if te.last == "chunked" {
                return (.chunked, false, head.contentLength != .absent ? ["te_cl_conflict"] : [])
            }
            return (.none, true, ["te_not_chunked"])  // a server answers 400 and closes
        }
        switch head.contentLength {
        case .absent: return (.none, false, [])
        case .valid(let n): return (n > 0 ? .length(n) : .none, false, [])
        case .invalid: return (.none, true, [])
        }
    }

    /// RFC 9112 §6.3 for responses: HEAD, 204 and 304 have no body; TE chunked (last) wins over
    /// Content-Length; otherwise Content-Length; otherwise the body ends when the connection closes.
    static func response(_ head: HTTP1Head, status: Int, isHead: Bool,
                         note: (String) -> Void) -> HTTP1MessageParser.Framing {
        if isHead || status == 204 || status == 304 || status < 200 { return .none }
        if let te = head.transferCodings, !te.isEmpty {
            if head.contentLength != .absent { note("te_cl_conflict") }
            if te.last == "chunked" { return .chunked }
            note("te_not_chunked")
            return .untilClose
        }
        switch head.contentLength {
        case .valid(let n): return n > 0 ? .length(n) : .none
        case .invalid, .absent: return .untilClose
        }
    }

    /// Transfer codings to undo after dechunking (`gzip` in `gzip, chunked`); a trailing `chunked`
    /// is the parser's job.
    static func innerTransferCodings(_ head: HTTP1Head) -> [String] {
        guard var codings = head.transferCodings, !codings.isEmpty else { return [] }
        if codings.last == "chunked" { codings.removeLast() }
        return codings
    }

    /// `scheme://[userinfo@]authority/...` -> authority (RFC 9112 §3.2.2); nil for other forms.
    static func absoluteFormAuthority(_ target: String) -> String? {
        if target.utf8.first == UInt8(ascii: "/") { return nil }  // origin form, the usual case: no copy
        let bytes = Array(target.utf8)
        var i = 0
        while i < bytes.count, Self.isSchemeByte(bytes[i]) { i += 1 }
        guard i > 0, i + 3 <= bytes.count, bytes[i] == UInt8(ascii: ":"),
              bytes[i + 1] == UInt8(ascii: "/"), bytes[i + 2] == UInt8(ascii: "/") else { return nil }
        var start = i + 3
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "/"), bytes[end] != UInt8(ascii: "?"), bytes[end] != UInt8(ascii: "#") {
            if bytes[end] == UInt8(ascii: "@") { start = end + 1 }  // userinfo is not part of the host
            end += 1
        }
        guard end > start else { return nil }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// RFC 3986 §3.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
    private static func isSchemeByte(_ b: UInt8) -> Bool {
        (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2B || b == 0x2D || b == 0x2E
    }

    /// chunk-size [ BWS ";" chunk-ext ] (RFC 9112 §7.1), the line without its CRLF: 1*HEXDIG with
    /// at most 15 digits (no overflow); nil when invalid.
    static func chunkSize(_ line: [UInt8]) -> Int? {
        var size = 0
        var digits = 0
        var k = 0
        while k < line.count, let d = hexValue(line[k]) {
            size = size << 4 | d
            digits += 1
            k += 1
        }
        while k < line.count, line[k] == HTTP1Syntax.sp || line[k] == HTTP1Syntax.htab { k += 1 }
        guard digits > 0, digits <= 15, k == line.count || line[k] == UInt8(ascii: ";") else { return nil }
        return size
    }

    private static func hexValue(_ b: UInt8) -> Int? {
        switch b {
        case 0x30...0x39: Int(b - 0x30)
        case 0x41...0x46: Int(b - 0x41 + 10)
        case 0x61...0x66: Int(b - 0x61 + 10)
        default: nil
        }
    }
}
